"""Many instances, one Redis: heartbeats, and every instance serving the same knowledge.

A reload on any instance records the new version in Redis. Every instance reads the
recorded version four times a second (one GET) and rebuilds from its own
``KNOWLEDGE_DIR`` when it changed; one that was away (restarted, partitioned) catches up
the same way. Polling rather than pub/sub keeps one connection stack, works the same on
one server, behind Sentinel and on a Cluster, and cannot miss a message. Heartbeats are
records with the time they were seen, so ``/status`` lists the live ones.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import time
from typing import Any

from bot.errors import StoreUnavailable
from bot.ops.knowledge import KnowledgeHolder
from bot.state.store import Store
from knowledge import KnowledgeError, Library

log = logging.getLogger("caibao.cluster")

HEARTBEAT = 1.0      # seconds between heartbeats
VERSION_POLL = 0.25  # seconds between reads of the recorded knowledge version
INSTANCE_TTL = 5     # an instance missing this long is gone


class Cluster:
    def __init__(self, store: Store, holder: KnowledgeHolder, instance_id: str) -> None:
        self.store = store
        self.holder = holder
        self.instance_id = instance_id
        self.started = time.time()
        self._attempted = ""  # the last announced version this instance tried to follow
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = False

    # -- announcing -------------------------------------------------------------------------
    async def announce(self, kb: Library) -> None:
        """Record ``kb``'s version as the one every instance should serve."""
        self._attempted = kb.version
        await self.store.set_version(json.dumps({"version": kb.version, "at": int(time.time()),
                                                 "by": self.instance_id}))
        await self.heartbeat()  # /status shows the new version at once

    async def recorded_version(self) -> str | None:
        raw = await self.store.version()
        if not raw:
            return None
        try:
            return str(json.loads(raw)["version"])
        except (ValueError, KeyError, TypeError):
            return None

    # -- following --------------------------------------------------------------------------
    async def follow(self, version: str) -> None:
        """Rebuild if ``version`` is newer news than what this instance serves or tried."""
        current = self.holder.current.version if self.holder.loaded else ""
        if not version or version in (current, self._attempted):
            return
        self._attempted = version
        try:
            kb = await self.holder.load()
        except KnowledgeError as exc:
            log.error("could not follow knowledge version %s: %s", version, exc)
            return
        if kb.version != version:
            log.warning("announced knowledge %s but this instance's files build %s",
                        version, kb.version)
        with contextlib.suppress(StoreUnavailable):
            await self.heartbeat()

    async def heartbeat(self) -> None:
        kb = self.holder.current if self.holder.loaded else None
        record = json.dumps({
            "id": self.instance_id, "host": socket.gethostname(), "pid": os.getpid(),
            "version": kb.version if kb else "", "started": int(self.started),
            "seen": int(time.time()),
        })
        await self.store.heartbeat(self.instance_id, record)

    async def instances(self) -> list[dict[str, Any]]:
        found = await self.store.instances(stale_after=INSTANCE_TTL)
        return sorted(found, key=lambda r: (r.get("started", 0), r.get("id", "")))

    # -- background tasks -------------------------------------------------------------------
    async def start(self) -> None:
        try:
            await self.heartbeat()
            recorded = await self.recorded_version()
            if recorded is None and self.holder.loaded:
                await self.announce(self.holder.current)
            else:
                # This instance just built from its own files; only later news is followed.
                self._attempted = recorded or ""
        except StoreUnavailable:
            log.warning("Redis unavailable at start-up; knowledge versions sync when it returns")
        self._tasks = [asyncio.create_task(self._beat_loop()),
                       asyncio.create_task(self._version_loop())]

    async def stop(self) -> None:
        # A flag as well as cancel(): a cancellation that lands while redis-py is failing
        # over can be swallowed on Python 3.11 (seen with Sentinel: the loop went back to
        # sleep and stop() waited forever), so the loops also check the flag, and the wait
        # is bounded.
        self._stopping = True
        for task in self._tasks:
            task.cancel()
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=2 * HEARTBEAT)
        with contextlib.suppress(StoreUnavailable):
            await self.store.forget_instance(self.instance_id)

    async def _beat_loop(self) -> None:
        while not self._stopping:
            await asyncio.sleep(HEARTBEAT)
            with contextlib.suppress(StoreUnavailable):  # logged once by the store
                await self.heartbeat()

    async def _version_loop(self) -> None:
        while not self._stopping:
            await asyncio.sleep(VERSION_POLL)
            if not self.store.available:
                continue  # not one more error count per poll while Redis is away
            with contextlib.suppress(StoreUnavailable):
                recorded = await self.recorded_version()
                if recorded:
                    await self.follow(recorded)
