"""Many instances, one Redis: heartbeats, and every instance serving the same knowledge.

A reload on any instance records the new version in Redis and publishes it. Every
instance listens and rebuilds from its own ``KNOWLEDGE_DIR``; one that missed the message
(restarted, partitioned) sees the newer recorded version on its next heartbeat and
catches up. Heartbeats are keys with a short expiry, so ``/status`` lists the live ones.
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

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from bot.errors import StoreUnavailable
from bot.kb import KnowledgeHolder
from bot.store import Store
from knowledge import KnowledgeError, Library

log = logging.getLogger("caibao.cluster")

HEARTBEAT = 1.0      # seconds between heartbeats (and catch-up checks)
INSTANCE_TTL = 5     # an instance missing this long is gone


class Cluster:
    def __init__(self, store: Store, holder: KnowledgeHolder, instance_id: str) -> None:
        self.store = store
        self.holder = holder
        self.instance_id = instance_id
        self.started = time.time()
        self._attempted = ""  # the last announced version this instance tried to follow
        self._tasks: list[asyncio.Task[None]] = []
        # Set by stop(): a cancellation that a Redis call turned into a timeout (so the loop
        # carried on) must still end the loops, or stop() would wait for them forever.
        self._stopping = False

    @property
    def version_key(self) -> str:
        return self.store.key("kb", "version")

    @property
    def channel(self) -> str:
        return self.store.key("kb", "reload")

    # -- announcing -------------------------------------------------------------------------
    async def announce(self, kb: Library) -> None:
        """Record ``kb``'s version as the one every instance should serve, and tell them."""
        self._attempted = kb.version
        record = json.dumps({"version": kb.version, "at": int(time.time()),
                             "by": self.instance_id})

        async def run() -> None:
            pipe = self.store.client.pipeline(transaction=False)
            pipe.set(self.version_key, record)
            pipe.publish(self.channel, kb.version)
            await pipe.execute()
        await self.store.call(run)
        await self.heartbeat()  # /status shows the new version at once

    async def recorded_version(self) -> str | None:
        raw = await self.store.call(lambda: self.store.client.get(self.version_key))
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
        key = self.store.key("instance", self.instance_id)
        await self.store.call(lambda: self.store.client.set(key, record, ex=INSTANCE_TTL))

    async def instances(self) -> list[dict[str, Any]]:
        async def run() -> list[dict[str, Any]]:
            keys = [k async for k in self.store.client.scan_iter(
                match=self.store.key("instance", "*"), count=100)]
            if not keys:
                return []
            rows = await self.store.client.mget(keys)
            return [json.loads(r) for r in rows if r]
        found = await self.store.call(run)
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
                       asyncio.create_task(self._listen_loop())]

    async def stop(self) -> None:
        self._stopping = True
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        with contextlib.suppress(StoreUnavailable):
            key = self.store.key("instance", self.instance_id)
            await self.store.call(lambda: self.store.client.delete(key))

    async def _beat_loop(self) -> None:
        while not self._stopping:
            await asyncio.sleep(HEARTBEAT)
            try:
                await self.heartbeat()
                recorded = await self.recorded_version()
                if recorded:
                    await self.follow(recorded)
            except StoreUnavailable:
                pass  # the store logs once and retries after its cooldown

    async def _listen_loop(self) -> None:
        pool = self.store.client.connection_pool
        # Pub/sub waits on a socket for long: a connection of its own without a read timeout.
        kwargs = {**pool.connection_kwargs, "socket_timeout": None}
        while not self._stopping:
            client = aioredis.Redis(connection_pool=aioredis.ConnectionPool(
                connection_class=pool.connection_class, **kwargs))
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(self.channel)
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            await self.follow(str(message["data"]))
            except (RedisError, OSError):
                await asyncio.sleep(HEARTBEAT)  # the heartbeat catches up meanwhile
            finally:
                await client.aclose()
