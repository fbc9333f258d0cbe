"""``GET /metrics``: Prometheus text whose counters move with real messages over HTTP."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient
from prometheus_client.parser import text_string_to_metric_families

from bot.protocol.simulator import WeChatPeer
from tests.conftest import MakeClient, RedisServer, Send, sender

QUESTION = "腾讯二季度营收多少？"
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


async def scrape(client: TestClient[Any, Any]) -> Samples:
    """Every sample of ``/metrics`` by (name, labels)."""
    resp = await client.get("/metrics")
    assert resp.status == 200
    assert resp.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(await resp.text())
            for s in family.samples}


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


async def test_counters_move_with_messages_retries_refusals_and_rate_limits(
        make_client: MakeClient, peer: WeChatPeer) -> None:
    client = await make_client(rate_limit=3)
    send: Send = sender(client, peer)
    before = await scrape(client)
    assert value(before, "caibao_knowledge_passages") > 0
    assert any(name == "caibao_knowledge_info" and v == 1 for (name, _), v in before.items())
    assert value(before, "caibao_messages_total", type="text") == 0

    question = peer.text("o_metrics", QUESTION)
    first = await send(question)
    again = await send(question)  # WeChat's retry: same MsgId, answered from the cache
    assert first.status == again.status == 200 and first.text == again.text
    await send(peer.event("o_metrics", "subscribe"))
    await send(peer.voice("o_metrics", "微信月活多少"))
    limited = await send(peer.text("o_metrics", QUESTION))  # fourth message within the minute
    bad = await client.post("/wechat", params={**peer.query(), "signature": "0" * 40},
                            data=question.body)
    assert bad.status == 403

    after = await scrape(client)
    assert value(after, "caibao_messages_total", type="text") == 3
    assert value(after, "caibao_messages_total", type="subscribe") == 1
    assert value(after, "caibao_messages_total", type="voice") == 1
    assert value(after, "caibao_retries_deduplicated_total") == 1
    assert value(after, "caibao_rate_limited_total") == 1
    assert value(after, "caibao_answers_total", outcome="rate_limited") == 1
    assert value(after, "caibao_answers_total", outcome="event") == 1
    assert value(after, "caibao_answers_total", outcome="answered") >= 2
    assert value(after, "caibao_requests_rejected_total", status="403") == 1
    assert value(after, "caibao_reply_seconds_count") == 5
    assert value(after, "caibao_reply_seconds_sum") > 0
    assert value(after, "caibao_redis_errors_total") == 0
    assert value(after, "process_resident_memory_bytes") > 0
    assert limited.text and limited.text != first.text


async def test_redis_errors_are_counted_and_answers_still_flow(make_client: MakeClient,
                                                               peer: WeChatPeer,
                                                               own_redis: RedisServer) -> None:
    client = await make_client(redis_url=own_redis.url, redis_timeout=0.2)
    send = sender(client, peer)
    assert (await send(peer.text("o_outage", QUESTION))).text
    own_redis.stop()
    during = await send(peer.text("o_outage", QUESTION))
    assert during.status == 200 and "1148.83" in during.text
    samples = await scrape(client)
    assert value(samples, "caibao_redis_errors_total") >= 1


def test_reply_time_buckets_are_cumulative_with_prometheus_bounds() -> None:
    from bot.ops.metrics import Metrics

    metrics = Metrics()
    for seconds in (0.0005, 0.003, 0.003, 7.0):
        metrics.message("text", "answered", seconds)
    samples = {(s.name, frozenset(s.labels.items())): s.value
               for family in text_string_to_metric_families(metrics.render().decode())
               for s in family.samples}
    bucket = "caibao_reply_seconds_bucket"
    assert value(samples, bucket, le="0.0005") == 1  # a bound is inclusive
    assert value(samples, bucket, le="0.001") == 1
    assert value(samples, bucket, le="0.005") == 3
    assert value(samples, bucket, le="5.0") == 3
    assert value(samples, bucket, le="+Inf") == 4
    assert value(samples, "caibao_reply_seconds_count") == 4
    assert value(samples, "caibao_reply_seconds_sum") == 7.0065
    assert value(samples, "caibao_messages_total", type="text") == 4
