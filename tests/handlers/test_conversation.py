"""Conversation memory through the webhook: follow-ups, expiry, isolation, limits, stats."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp.test_utils import TestClient

from bot import keys
from bot.protocol.simulator import WeChatPeer
from bot.state.store import user_hash
from tests.conftest import Ask, MakeClient, sender


async def test_ellipsis_follow_up_uses_the_last_metric(ask: Ask) -> None:
    assert "1148.83" in await ask("腾讯营收多少", "o_fu1")
    assert "29%" in await ask("同比增长多少？", "o_fu1")


async def test_substitution_follow_up_and_three_turn_chain(ask: Ask) -> None:
    assert "1148.83" in await ask("营业收入是多少", "o_fu2")
    assert "29%" in await ask("同比增长多少", "o_fu2")
    assert "331.07" in await ask("那净利润呢", "o_fu2")


async def test_topic_follow_up_when(ask: Ask) -> None:
    await ask("小而有力倡议是什么", "o_fu3")
    assert "8月6日" in await ask("什么时候发起的", "o_fu3")


async def test_a_complete_new_question_is_not_bent_by_context(ask: Ask) -> None:
    assert "1148.83" in await ask("腾讯营收多少", "o_fu4")
    assert "5000万" in await ask("微信支付有多少月活跃商户", "o_fu4")


async def test_two_users_do_not_share_context(ask: Ask) -> None:
    assert "月活跃账户数" in await ask("微信月活多少", "o_alice")
    assert "1148.83" in await ask("腾讯营收多少", "o_bob")
    assert "6.5%" in await ask("增长了多少", "o_alice")
    assert "29%" in await ask("增长了多少", "o_bob")


async def test_context_expires(make_client: MakeClient, peer: WeChatPeer) -> None:
    client = await make_client(session_ttl=1)
    send = sender(client, peer)
    first = await send(peer.text("o_exp", "微信月活多少"))
    assert "月活跃账户数" in first.text
    store = client.app[keys.STORE]
    await store.settle()  # the session write is sent after the reply, not waited for
    assert await store.client.exists(store.keys.session("o_exp"))
    await asyncio.sleep(1.3)
    assert not await store.client.exists(store.keys.session("o_exp"))
    later = await send(peer.text("o_exp", "增长了多少"))
    assert "6.5%" not in later.text


async def test_reset_clears_the_context(ask: Ask) -> None:
    await ask("微信月活多少", "o_reset")
    assert "重新开始" in await ask("重新开始", "o_reset")
    assert "6.5%" not in await ask("增长了多少", "o_reset")


async def test_rate_limit_refuses_politely_without_work(make_client: MakeClient,
                                                        peer: WeChatPeer) -> None:
    client = await make_client(rate_limit=3)
    send = sender(client, peer)
    replies = [(await send(peer.text("o_busy", "腾讯营收多少"))).text for _ in range(5)]
    assert all("1148.83" in r for r in replies[:3])
    assert all("稍后再试" in r and "1148.83" not in r for r in replies[3:])
    other = await send(peer.text("o_calm", "腾讯营收多少"))
    assert "1148.83" in other.text  # the limit is per user
    stats = await client.app[keys.STORE].stats()
    assert stats["today"]["rate_limited"] == 2
    assert stats["today"]["answered"] == 4


async def test_statistics_count_outcomes_and_keep_unanswered(client: TestClient[Any, Any],
                                                             ask: Ask) -> None:
    await ask("腾讯营收多少", "o_stat")
    await ask("腾讯营收多少", "o_stat2")
    await ask("今天上海天气怎么样", "o_stat")
    stats = await client.app[keys.STORE].stats()
    assert stats["today"]["questions"] == 3
    assert stats["today"]["answered"] == 2
    assert stats["today"]["refused"] == 1
    assert stats["top"][0] == ["腾讯营收多少", 2]
    unanswered = await client.app[keys.STORE].unanswered(5)
    assert unanswered[0]["q"] == "今天上海天气怎么样"
    assert unanswered[0]["user"] == user_hash("o_stat")
    store = client.app[keys.STORE]
    raw = await store.client.lrange(store.keys.unanswered, 0, -1)
    assert all("o_stat" not in r for r in raw)
    assert all(json.loads(r)["user"] != "o_stat" for r in raw)


async def test_concurrent_messages_of_one_user_lose_no_update(client: TestClient[Any, Any],
                                                              ask: Ask) -> None:
    questions = ["腾讯营收多少", "微信月活多少", "网络广告收入多少", "二季度毛利多少",
                 "增值服务收入是多少"]
    await asyncio.gather(*(ask(q, "o_burst") for q in questions))
    store = client.app[keys.STORE]
    await store.settle()
    session = json.loads(await store.client.get(store.keys.session("o_burst")))
    assert sorted(session["questions"]) == sorted(questions)


async def test_redis_outage_keeps_answering_and_context_resumes(
        make_client: MakeClient, peer: WeChatPeer, own_redis: Any) -> None:
    client = await make_client(redis_url=own_redis.url)
    send = sender(client, peer)
    assert "1148.83" in (await send(peer.text("o_out", "腾讯营收多少"))).text
    own_redis.stop()
    for q, fact in [("腾讯营收多少", "1148.83"), ("微信月活多少", "月活跃账户数")]:
        sent = await send(peer.text("o_out", q))
        assert sent.status == 200 and fact in sent.text
    health = await (await client.get("/healthz")).json()
    assert health["redis"] == "unavailable"
    assert "caibao_redis_errors_total" in client.app[keys.METRICS].render().decode()
    own_redis.start()
    await asyncio.sleep(1.1)  # the store's breaker retries Redis after its cooldown
    assert "1148.83" in (await send(peer.text("o_out", "营业收入是多少"))).text
    assert "29%" in (await send(peer.text("o_out", "同比增长多少"))).text
    health = await (await client.get("/healthz")).json()
    assert health["redis"] == "ok"
