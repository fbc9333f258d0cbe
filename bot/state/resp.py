"""A minimal Redis connection for the two calls every message makes (``begin``/``finish``).

Profiling under load showed redis-py's asyncio client spending ~100 µs of CPU per call on
pool checkout, packing and reply handling, more than Redis itself spends on the work. This
connection does only what the hot path needs: it writes every command issued during one
event-loop turn in a single ``write`` (natural pipelining across concurrent messages),
parses replies with hiredis' C reader, and hands them back in order. Everything else —
statistics, admin, pub/sub — keeps using redis-py.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable
from typing import Any, cast

import hiredis

from bot.state.url import RedisTarget, parse_redis_url

log = logging.getLogger("caibao.redis")


class ReplyError(Exception):
    """Redis answered a command with an error (``-ERR …``)."""


OnReply = Callable[[Any, BaseException | None], None]


class Sink:
    """Takes a Future's place for a reply nobody awaits: the protocol hands the reply (or
    the error) to ``on_reply`` as soon as it is read — no future, no loop callback."""

    __slots__ = ("_done", "on_reply")

    def __init__(self, on_reply: OnReply) -> None:
        self.on_reply, self._done = on_reply, False

    def done(self) -> bool:
        return self._done

    def set_result(self, value: Any) -> None:
        self._settle(value, None)

    def set_exception(self, exc: BaseException) -> None:
        self._settle(None, exc)

    def _settle(self, value: Any, exc: BaseException | None) -> None:
        self._done = True
        try:
            self.on_reply(value, exc)
        except Exception:  # never let a callback break the reply stream
            log.exception("reply callback failed")


def encode(args: tuple[Any, ...]) -> bytes:
    """One command in RESP, packed by hiredis' C encoder (str, bytes, int and float args)."""
    return bytes(hiredis.pack_command(args))


class _Protocol(asyncio.Protocol):
    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.reader = hiredis.Reader(encoding="utf-8", errors="replace")
        self.waiting: deque[asyncio.Future[Any] | Sink] = deque()
        self.transport: asyncio.Transport | None = None
        self.out: list[bytes] = []
        self.closed = False
        self.loop = asyncio.get_running_loop()
        self._watchdog: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # Not an isinstance() check: uvloop's transports do not derive from asyncio's
        # classes. An assert here failed under uvloop inside the loop's callback, the
        # protocol never got its transport, commands were queued and never written, and
        # with no write the reply watchdog never started: every message hung.
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self.reader.feed(data)
        while (reply := self.reader.gets()) is not False:
            if not self.waiting:  # a reply nobody waits for: the stream is out of step
                self.fail(ConnectionError("unexpected reply from redis"))
                return
            future = self.waiting.popleft()
            if future.done():
                continue
            if isinstance(reply, hiredis.ReplyError):
                future.set_exception(ReplyError(str(reply)))
            else:
                future.set_result(reply)

    def connection_lost(self, exc: Exception | None) -> None:
        self.fail(exc or ConnectionError("redis closed the connection"))

    def fail(self, exc: BaseException) -> None:
        self.closed = True
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None
        if not isinstance(exc, OSError | TimeoutError):
            exc = ConnectionError(str(exc))
        while self.waiting:
            future = self.waiting.popleft()
            if not future.done():
                future.set_exception(exc)
        if self.transport is not None:
            self.transport.abort()

    def send(self, args: tuple[Any, ...]) -> asyncio.Future[Any]:
        future: asyncio.Future[Any] = self.loop.create_future()
        self.queue(args, future)
        return future

    def queue(self, args: tuple[Any, ...], waiter: asyncio.Future[Any] | Sink) -> None:
        if self.closed:
            waiter.set_exception(ConnectionError("redis connection closed"))
            return
        if not self.out:
            self.loop.call_soon(self._flush)
        self.out.append(encode(args))
        self.waiting.append(waiter)

    def _flush(self) -> None:
        if self.closed or not self.out:
            return
        if self.transport is None:  # never connected: fail what waits rather than hang
            self.fail(ConnectionError("redis connection has no transport"))
            return
        self.transport.write(b"".join(self.out))
        self.out.clear()
        if self._watchdog is None:
            self._watch_oldest()

    def _watch_oldest(self) -> None:
        # One timer at a time, on the oldest unanswered command: a reply can be late by at
        # most two timeouts before the connection is dropped, at the cost of one timer.
        oldest = self.waiting[0] if self.waiting else None
        self._watchdog = None if oldest is None else self.loop.call_later(
            self.timeout, self._check, oldest)

    def _check(self, oldest: asyncio.Future[Any] | Sink) -> None:
        self._watchdog = None
        if not oldest.done():
            # A reply is late: nothing after it can be trusted to line up, start afresh.
            self.fail(TimeoutError("redis reply timed out"))
        else:
            self._watch_oldest()


class FastRedis:
    """One pipelined connection to the server of a ``redis://``, ``rediss://`` or
    ``unix://`` URL (its user, password, database and TLS options as redis-py reads them),
    reconnected on demand after a failure."""

    def __init__(self, target: RedisTarget | str, timeout: float) -> None:
        self.target = parse_redis_url(target) if isinstance(target, str) else target
        if self.target.kind != "server":
            raise ValueError("FastRedis talks to one server; Sentinel and Cluster use redis-py")
        self.timeout = timeout
        self._proto: _Protocol | None = None
        self._connecting = asyncio.Lock()

    async def _connection(self) -> _Protocol:
        proto = self._proto
        if proto is not None and not proto.closed:
            return proto
        async with self._connecting:
            if self._proto is not None and not self._proto.closed:
                return self._proto
            loop = asyncio.get_running_loop()
            t = self.target
            factory = lambda: _Protocol(self.timeout)  # noqa: E731
            if t.path:
                connect = loop.create_unix_connection(factory, t.path)
            else:
                host, port = t.hosts[0]
                connect = loop.create_connection(factory, host, port, ssl=t.ssl_context())
            _, fresh = await asyncio.wait_for(connect, self.timeout)
            if fresh.transport is None or fresh.closed:
                raise ConnectionError("redis connection was not set up")
            try:
                # The handshake is answered before the connection serves anyone: a refused
                # AUTH or SELECT (NOAUTH, WRONGPASS, a bad database) fails it as a whole.
                if t.password is not None:
                    auth = (t.username, t.password) if t.username else (t.password,)
                    await asyncio.wait_for(fresh.send(("AUTH", *auth)), self.timeout)
                if t.db:
                    await asyncio.wait_for(fresh.send(("SELECT", t.db)), self.timeout)
            except BaseException:
                fresh.fail(ConnectionError("redis handshake failed"))
                raise
            self._proto = fresh
            return fresh

    def send_nowait(self, *args: Any) -> asyncio.Future[Any] | None:
        """Queue one command on the live connection and return its reply's future, or
        None when there is no live connection (:meth:`execute` makes one)."""
        proto = self._proto
        if proto is None or proto.closed:
            return None
        return proto.send(args)

    def post(self, args: tuple[Any, ...], on_reply: OnReply) -> bool:
        """Queue one command whose reply goes to ``on_reply(reply, error)``; False (and
        nothing sent) when there is no live connection."""
        proto = self._proto
        if proto is None or proto.closed:
            return False
        proto.queue(args, Sink(on_reply))
        return True

    async def execute(self, *args: Any) -> Any:
        """Send one command; raises OSError/TimeoutError when Redis is unreachable."""
        proto = await self._connection()
        return await proto.send(args)

    def close(self) -> None:
        if self._proto is not None and self._proto.transport is not None:
            self._proto.transport.close()
        self._proto = None
