"""Redis Cluster (three masters on 127.0.0.1) under two bot instances, over real HTTP:
follow-ups, retry dedup, the rate limit, /admin/stats and /admin/reload across instances;
a killed master leaves its followers answered without state, and once it is back the bots
pick it up by themselves.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from aiohttp.test_utils import TestClient

from bot import keys
from bot.protocol.simulator import WeChatPeer
from bot.state.store import Finish, Store, today
from handlers import texts
from tests.conftest import MakeClient, change_revenue, sender
from tests.redis_servers import ClusterSetup, cluster_setup, servers, wait_for

pytestmark = pytest.mark.own_servers

ADMIN = {"Authorization": "Bearer admin-token-for-tests-0123456789"}


@pytest.fixture(scope="module")
def cluster() -> Iterator[ClusterSetup]:
    with servers() as found:
        yield cluster_setup(found)


async def follow_up_works(a: TestClient[Any, Any], b: TestClient[Any, Any],
                          peer: WeChatPeer, openid: str) -> bool:
    first = await sender(a, peer)(peer.text(openid, "微信月活多少"))
    assert first.status == 200 and "12.06" in first.text, first.text
    follow = await sender(b, peer)(peer.text(openid, "同比增长多少？"))
    assert follow.status == 200
    return "6.5%" in follow.text


async def test_a_followers_keys_share_one_slot(cluster: ClusterSetup) -> None:
    store = Store.from_url(cluster.url, "caibao:slots", 1.0)
    try:
        k = store.keys
        names = [k.claim("o_x", "m1"), k.rate("o_x", 1), k.session("o_x"), k.lock("o_x")]
        node = cluster.masters[0].client()
        assert len({node.cluster("keyslot", n) for n in names}) == 1
        begin = await store.begin("o_x", "m1", replay=("sig1", "digest", 60))
        assert begin.claimed and begin.locked
        store.finish("o_x", "m1", "r", begin, Finish(session={"a": 1}, outcome="refused",
                                                     question="q?"))
        await store.settle()
        assert (await store.begin("o_x", "m1")).cached == "r"
        replayed = await store.begin("o_y", "m9", replay=("sig1", "other", 60))
        assert replayed.replayed and not replayed.claimed
        stats = await store.stats(days=1)
        assert stats["today"] == {"questions": 1, "refused": 1}
        assert stats["top_today"] == [["q?", 1]]
        assert [r["q"] for r in await store.unanswered()] == ["q?"]
        assert await store.client.ttl(k.top(today())) > 0
        assert store.errors == 0
    finally:
        await store.close()


async def test_two_instances_share_state_on_a_cluster(make_client: MakeClient,
                                                      peer: WeChatPeer, kdir: Path,
                                                      cluster: ClusterSetup) -> None:
    a = await make_client(redis_url=cluster.url, rate_limit=4, knowledge_dir=kdir,
                          instance_id="cl-a")
    b = await make_client(redis_url=cluster.url, rate_limit=4, knowledge_dir=kdir,
                          instance_id="cl-b")
    for n in range(6):  # followers spread over the three masters
        assert await follow_up_works(a, b, peer, f"o_cl{n}")

    # WeChat's three tries landing on both instances: handled once.
    req = peer.text("o_retry", "腾讯二季度营收多少？")
    sent = await asyncio.gather(sender(a, peer)(req), sender(b, peer)(req),
                                sender(a, peer)(req))
    assert {s.body for s in sent} == {sent[0].body} and "1148.83" in sent[0].text

    # The rate limit counts a follower's messages on both instances.
    replies = [await sender((a, b)[i % 2], peer)(peer.text("o_rate", "毛利是多少"))
               for i in range(5)]
    assert [texts.RATE_LIMITED in r.text for r in replies] == [False] * 4 + [True]

    # /admin/stats on either instance: exact counts of both.
    expected = 6 * 2 + 1 + 4 + 1   # follow-ups, the retried question, 4 answered + 1 limited
    for c in (a, b):
        resp = await c.get("/admin/stats", headers=ADMIN)
        assert resp.status == 200
        assert (await resp.json())["today"]["questions"] == expected
    assert a.app[keys.STORE].errors == b.app[keys.STORE].errors == 0

    # /admin/reload on one instance reaches the other.
    change_revenue(kdir, "1234.56")
    resp = await a.post("/admin/reload", headers=ADMIN)
    result = await resp.json()
    assert result["ok"]
    deadline = time.monotonic() + 5
    while b.app[keys.KNOWLEDGE].current.version != result["version"]:
        assert time.monotonic() < deadline, "the other instance did not follow the reload"
        await asyncio.sleep(0.05)
    assert "1234.56" in (await sender(b, peer)(peer.text("o_new", "腾讯二季度营收多少？"))).text
    resp = await b.get("/admin/status", headers=ADMIN)
    assert len((await resp.json())["instances"]) == 2


async def test_a_killed_master_leaves_its_followers_answered(make_client: MakeClient,
                                                             peer: WeChatPeer) -> None:
    with servers() as found:  # a cluster of its own: this one loses a master
        own = cluster_setup(found)
        a = await make_client(redis_url=own.url)
        b = await make_client(redis_url=own.url)
        for n in range(3):
            assert await follow_up_works(a, b, peer, f"o_pre{n}")
        own.masters[0].kill()
        for n in range(12):
            sent = await sender((a, b)[n % 2], peer)(peer.text(f"o_dead{n}", "毛利是多少"))
            assert sent.status == 200 and "532.10" in sent.text, sent.text
        assert a.app[keys.STORE].errors + b.app[keys.STORE].errors > 0
        with pytest.raises((redis.RedisError, OSError)):
            own.masters[0].client().ping()

        # The master comes back (its nodes.conf keeps its slots): the bots pick it up.
        own.masters[0].start()
        wait_for(lambda: all(m.client().cluster("info")["cluster_state"] == "ok"
                             for m in own.masters), 20, "the cluster to be whole again")
        deadline = time.monotonic() + 10
        for n in range(1000):
            if all([await follow_up_works(a, b, peer, f"o_back{n}-{i}") for i in range(3)]):
                break
            assert time.monotonic() < deadline, "state did not come back in 10 s"
            await asyncio.sleep(0.2)
