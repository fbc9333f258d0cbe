"""The store's message path against a real Redis: ``finish`` is sent, not waited for."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
from typing import Any

from bot.errors import StoreUnavailable
from bot.state.store import STATS_TTL, Finish, Store, today
from tests.conftest import RedisServer


def fresh_store(url: str, timeout: float = 1.0) -> Store:
    return Store.from_url(url, f"caibao:test{secrets.token_hex(4)}", timeout)


async def test_finish_returns_at_once_and_settle_makes_it_visible(redis_url: str) -> None:
    store = fresh_store(redis_url)
    try:
        begin = await store.begin("o_s", "m1")
        assert begin.claimed and begin.locked
        store.finish("o_s", "m1", "reply", begin, Finish(session={"k": 1}, outcome="answered",
                                                         question="q"))
        await store.settle()
        assert json.loads(await store.client.get(store.keys.session("o_s"))) == {"k": 1}
        assert not await store.client.exists(store.keys.lock("o_s"))  # released
        retry = await store.begin("o_s", "m1")
        assert not retry.claimed and retry.cached == "reply"
        assert (await store.stats(days=1))["today"] == {"questions": 1, "answered": 1}
        for day_key in (store.keys.stats(today()), store.keys.top(today())):
            assert 0 < await store.client.ttl(day_key) <= STATS_TTL  # statistics expire
    finally:
        await store.close()


async def test_next_message_on_the_same_connection_sees_the_last_finish(redis_url: str) -> None:
    store = fresh_store(redis_url)
    try:
        for i in range(20):  # never settled by hand: the pipeline keeps them in order
            begin = await store.begin("o_seq", f"m{i}")
            assert begin.locked and (begin.session or {}).get("n", -1) == i - 1
            store.finish("o_seq", f"m{i}", "r", begin, Finish(session={"n": i}))
    finally:
        await store.close()


async def test_finish_survives_a_script_flush(redis_url: str) -> None:
    store = fresh_store(redis_url)
    try:
        begin = await store.begin("o_f", "m1")
        await store.client.script_flush()  # the server forgets the scripts: NOSCRIPT
        store.finish("o_f", "m1", "after flush", begin, Finish(session={"k": 2}))
        await store.settle()
        assert json.loads(await store.client.get(store.keys.session("o_f"))) == {"k": 2}
        await store.client.script_flush()
        again = await store.begin("o_f", "m2")  # the waited call recovers the same way
        assert again.claimed and again.session == {"k": 2}
        assert store.errors == 0
    finally:
        await store.close()


async def test_a_lost_finish_is_counted_not_raised(own_redis: RedisServer) -> None:
    store = fresh_store(own_redis.url, timeout=0.3)
    counted: list[Any] = []
    store.on_error = lambda: counted.append(1)
    try:
        begin = await store.begin("o_l", "m1")
        own_redis.stop()
        store.finish("o_l", "m1", "lost", begin, Finish(session={"k": 3}))
        await store.settle()
        assert store.errors == len(counted) == 1
        assert not store.available  # the breaker opened: the next calls fail fast
        store.finish("o_l", "m2", "skipped", begin, Finish())
        assert store.errors == 2
    finally:
        own_redis.start()
        await store.close()


async def test_an_outage_is_logged_once_and_its_end_once(own_redis: RedisServer,
                                                         caplog: Any) -> None:
    store = fresh_store(own_redis.url, timeout=0.3)
    store.cooldown = 0.05  # several tries during the outage, each after the cooldown
    try:
        assert (await store.begin("o_o", "m0")).claimed
        own_redis.stop()
        with caplog.at_level(logging.WARNING, logger="caibao.store"):
            for i in range(5):
                with contextlib.suppress(StoreUnavailable):
                    await store.begin("o_o", f"m{i + 1}")
                await asyncio.sleep(0.06)
            own_redis.start()
            await asyncio.sleep(0.06)
            assert (await store.begin("o_o", "m9")).claimed
            assert (await store.begin("o_o", "m10")).claimed
        messages = [r.getMessage() for r in caplog.records if r.name == "caibao.store"]
        assert sum("redis unavailable" in m for m in messages) == 1, messages
        assert sum("available again" in m for m in messages) == 1, messages
        assert store.errors == 5
    finally:
        await store.close()
