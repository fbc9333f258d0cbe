"""Auto-pipelining: Redis calls issued in the same event-loop turn share one round trip.

Under load many messages are in flight at once; each needs a ``begin`` and a ``finish``
call. redis-py spends most of a call's CPU on fixed per-call work (pool checkout, packing,
awaiting the reply), so sending every call queued during one loop turn as a single
pipeline makes that cost per batch instead of per message (ioredis calls this
"auto-pipelining"). A lone call still goes out on the next loop turn, so latency is the same.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import redis.asyncio as aioredis

#: Adds one or more commands to a pipeline and returns how many it added.
Build = Callable[[Any], int]


class AutoPipeline:
    def __init__(self, client: aioredis.Redis) -> None:
        self.client = client
        self._queue: list[tuple[Build, asyncio.Future[list[Any]]]] = []
        self._scheduled = False
        self._sending: set[asyncio.Task[None]] = set()  # held so tasks are not collected early

    def submit(self, build: Build) -> asyncio.Future[list[Any]]:
        """Queue ``build``'s commands; the future gets their results, in order."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[list[Any]] = loop.create_future()
        self._queue.append((build, future))
        if not self._scheduled:
            self._scheduled = True
            loop.call_soon(self._flush)
        return future

    def _flush(self) -> None:
        batch, self._queue, self._scheduled = self._queue, [], False
        task = asyncio.ensure_future(self._send(batch))
        self._sending.add(task)
        task.add_done_callback(self._sending.discard)

    async def _send(self, batch: list[tuple[Build, asyncio.Future[list[Any]]]]) -> None:
        pipe = self.client.pipeline(transaction=False)
        counts = [build(pipe) for build, _ in batch]
        try:
            results = await pipe.execute(raise_on_error=False)
        except BaseException as exc:  # connection lost, timeout, cancelled: every caller hears
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc if isinstance(exc, Exception) else
                                         ConnectionError("redis pipeline cancelled"))
            if not isinstance(exc, Exception):
                raise
            return
        start = 0
        for (_, future), count in zip(batch, counts, strict=True):
            part = results[start:start + count]
            start += count
            if future.done():
                continue
            error = next((r for r in part if isinstance(r, Exception)), None)
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(part)
