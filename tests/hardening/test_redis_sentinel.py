"""Redis Sentinel (a master, a replica, three sentinels on 127.0.0.1) under two bot
instances over real HTTP: the master is killed under load; every request still gets its
answer, and within 10 s of the failover the bot is back to full state by itself —
follow-ups and retry dedup across instances — with no retried message handled twice.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot import keys
from bot.protocol.simulator import WeChatPeer
from tests.conftest import MakeClient, Sent, sender
from tests.redis_servers import sentinel_setup, servers

pytestmark = pytest.mark.own_servers

QUESTIONS = {"腾讯二季度营收多少？": "1148.83", "毛利是多少": "532.10",
             "网络游戏收入多少": "382.88"}


async def questions_today(client: TestClient[Any, Any]) -> int:
    return int((await client.app[keys.STORE].stats(days=1))["today"].get("questions", 0))


async def full_state(a: TestClient[Any, Any], b: TestClient[Any, Any], peer: WeChatPeer,
                     n: int) -> bool:
    """A follow-up across instances is understood, and a retried message runs once."""
    openid = f"o_full{n}"
    first = await sender(a, peer)(peer.text(openid, "微信月活多少"))
    follow = await sender(b, peer)(peer.text(openid, "同比增长多少？"))
    assert first.status == follow.status == 200 and "12.06" in first.text
    if "6.5%" not in follow.text:
        return False
    before = await questions_today(a)
    req = peer.text(openid, "毛利是多少")
    sent = await asyncio.gather(sender(a, peer)(req), sender(b, peer)(req),
                                sender(a, peer)(req))
    assert all(s.status == 200 and "532.10" in s.text for s in sent)
    assert {s.body for s in sent} == {sent[0].body}, "a retry was answered afresh"
    return await questions_today(b) == before + 1


async def test_master_killed_under_load_fails_over(make_client: MakeClient,
                                                   peer: WeChatPeer) -> None:
    with servers() as found:
        topo = sentinel_setup(found)
        a = await make_client(redis_url=topo.url, rate_limit=1_000_000, instance_id="se-a")
        b = await make_client(redis_url=topo.url, rate_limit=1_000_000, instance_id="se-b")
        assert await full_state(a, b, peer, 0)
        old = topo.master_port()
        assert old == topo.master.port

        failures: list[tuple[str, Sent]] = []
        answered = 0
        stop = asyncio.Event()
        users = itertools.cycle(f"o_load{i}" for i in range(100))
        asks = itertools.cycle(QUESTIONS.items())

        async def worker(client: TestClient[Any, Any]) -> None:
            nonlocal answered
            send = sender(client, peer)
            while not stop.is_set():
                question, figure = next(asks)
                sent = await send(peer.text(next(users), question))
                if sent.status != 200 or figure not in sent.text:
                    failures.append((question, sent))
                answered += 1

        tasks = [asyncio.create_task(worker(c)) for c in (a, b, a, b)]
        await asyncio.sleep(0.5)
        killed = time.monotonic()
        topo.master.kill()
        failed_over = 0.0
        while not failed_over:
            assert time.monotonic() - killed < 30, "sentinel did not fail over in 30 s"
            await asyncio.sleep(0.1)
            port = await asyncio.to_thread(topo.master_port)
            if port != old:
                failed_over = time.monotonic()
        await asyncio.sleep(1.0)  # load across the switch, too
        stop.set()
        await asyncio.gather(*tasks)
        assert not failures, [(q, s.status, s.text[:60]) for q, s in failures[:5]]
        assert answered > 20

        for n in itertools.count(1):
            if await full_state(a, b, peer, n):
                break
            assert time.monotonic() - failed_over < 10, "not back to full state in 10 s"
            await asyncio.sleep(0.1)
        back = time.monotonic()
        print(f"\nsentinel: failover {failed_over - killed:.1f} s after the kill, "
              f"full state {max(0.0, back - failed_over):.1f} s after the failover, "
              f"{answered} answers under load, none failed")
        # Afterwards: still no duplicated handling, on the promoted replica.
        assert await full_state(a, b, peer, 999)
        assert topo.master_port() == topo.replica.port
