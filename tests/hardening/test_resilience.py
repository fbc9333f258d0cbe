"""Retry storms across instances, and Redis dying under load: real Redis, real HTTP."""

from __future__ import annotations

import asyncio
import itertools
import time
from typing import Any

from aiohttp.test_utils import TestClient

from bot import keys
from bot.protocol.simulator import WeChatPeer
from tests.conftest import MakeClient, Sent, sender

QUESTIONS = {  # question → a figure its answer must carry
    "腾讯二季度营收多少？": "1148.83",
    "二季度净利润是多少": "331.07",
    "网络游戏收入多少": "382.88",
    "微信月活跃账户数是多少": "12.06",
    "毛利是多少": "532.10",
}


def metric(client: TestClient[Any, Any], name: str) -> float:
    value = client.app[keys.METRICS].registry.get_sample_value(name)
    assert value is not None, name
    return float(value)


async def today_questions(client: TestClient[Any, Any]) -> int:
    stats = await client.app[keys.STORE].stats(days=1)
    return int(stats["today"].get("questions", 0))


async def test_retry_storm_across_two_instances_runs_once(make_client: MakeClient,
                                                          peer: WeChatPeer) -> None:
    a, b = await make_client(), await make_client()
    assert a.app[keys.SETTINGS].redis_url == b.app[keys.SETTINGS].redis_url
    send_a, send_b = sender(a, peer), sender(b, peer)
    for n, (question, figure) in enumerate(QUESTIONS.items()):
        for aes in (False, True):
            req = peer.text(f"o_storm{n}", question, aes=aes)
            # WeChat's three tries at once, landing on both instances.
            sent = await asyncio.gather(send_a(req), send_b(req), send_a(req))
            assert [s.status for s in sent] == [200, 200, 200]
            assert figure in sent[0].text
            assert sent[0].reply == sent[1].reply == sent[2].reply  # CreateTime included
            if not aes:
                assert sent[0].body == sent[1].body == sent[2].body
    # One handler run per message: 5 questions × 2 modes, whatever instance answered.
    assert await today_questions(a) == 2 * len(QUESTIONS)
    assert await today_questions(b) == 2 * len(QUESTIONS)
    retries = sum(metric(c, "caibao_retries_deduplicated_total") for c in (a, b))
    assert retries == 2 * 2 * len(QUESTIONS)


async def test_a_late_retry_gets_the_cached_reply(make_client: MakeClient,
                                                  peer: WeChatPeer) -> None:
    a, b = await make_client(), await make_client()
    req = peer.text("o_late", "腾讯二季度营收多少？")
    first = await sender(a, peer)(req)
    later = await asyncio.gather(*(sender(c, peer)(req) for c in (b, a, b)))
    assert all(s.body == first.body for s in later)
    assert await today_questions(a) == 1


async def test_redis_killed_under_load_no_request_fails_and_context_resumes(
        make_client: MakeClient, peer: WeChatPeer, own_redis: Any) -> None:
    # The load is as fast as the bot goes: no rate limit may refuse its 200 users.
    client = await make_client(redis_url=own_redis.url, rate_limit=1_000_000)
    send = sender(client, peer)
    users = itertools.cycle(f"o_load{i}" for i in range(200))
    asks = itertools.cycle(QUESTIONS.items())
    failures: list[tuple[str, Sent]] = []
    answered = 0
    phase = "up"

    async def worker(stop: asyncio.Event) -> None:
        nonlocal answered
        for _ in range(2000):  # bounded whatever happens
            if stop.is_set():
                return
            question, figure = next(asks)
            sent = await send(peer.text(next(users), question))
            if sent.status != 200 or figure not in sent.text:
                failures.append((phase, sent))
            answered += 1

    async def load(seconds: float) -> None:
        stop = asyncio.Event()
        tasks = [asyncio.create_task(worker(stop)) for _ in range(8)]
        await asyncio.sleep(seconds)
        stop.set()
        await asyncio.gather(*tasks)

    async def outage() -> None:
        nonlocal phase
        await asyncio.sleep(0.5)
        phase = "down"
        await asyncio.to_thread(own_redis.stop)
        await asyncio.sleep(1.5)
        phase = "restarting"
        await asyncio.to_thread(own_redis.start)
        phase = "back"

    await asyncio.gather(load(4.0), outage())
    assert not failures, [(p, s.status, s.text[:80]) for p, s in failures[:5]]
    assert answered > 50
    assert metric(client, "caibao_redis_errors_total") > 0  # the outage was seen

    # Context works again once Redis is back (the store retries by itself after a cooldown).
    follow: Sent | None = None
    deadline = time.monotonic() + 10
    for n in itertools.count():
        openid = f"o_after{n}"
        first = await send(peer.text(openid, "微信月活多少"))
        assert first.status == 200 and "12.06" in first.text
        follow = await send(peer.text(openid, "同比增长多少？"))
        if "6.5%" in follow.text or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.2)
    assert follow is not None and "6.5%" in follow.text, follow
    assert await today_questions(client) > 0
