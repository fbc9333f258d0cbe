"""Prometheus metrics, one registry per app (no process-global state, tests stay independent)."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector
from prometheus_client.utils import floatToGoString

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Message types and event names WeChat sends; anything else is counted as "other", so no
# follower can add a series to /metrics.
MESSAGE_KINDS = frozenset({
    "text", "image", "voice", "video", "shortvideo", "location", "link", "file", "miniprogrampage",
    "event", "subscribe", "unsubscribe", "scan", "click", "view", "view_miniprogram",
    "scancode_push", "scancode_waitmsg", "pic_sysphoto", "pic_photo_or_album", "pic_weixin",
    "location_select", "templatesendjobfinish", "masssendjobfinish",
})
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)


class MessageCounts(Collector):
    """The three per-message series as plain integers, turned into metrics when scraped.

    prometheus_client's Counter and Histogram take a lock on every update — three per
    message on the hot path; here an update is a dict increment. Everything runs on the
    event loop's thread, scrapes included.
    """

    def __init__(self) -> None:
        self.by_type: dict[str, int] = {}
        self.by_outcome: dict[str, int] = {}
        self.buckets = [0] * (len(LATENCY_BUCKETS) + 1)  # the last one: above every bound
        self.seconds = 0.0

    def add(self, kind: str, outcome: str, seconds: float) -> None:
        if kind not in MESSAGE_KINDS:
            kind = "other"
        self.by_type[kind] = self.by_type.get(kind, 0) + 1
        self.by_outcome[outcome] = self.by_outcome.get(outcome, 0) + 1
        self.buckets[bisect.bisect_left(LATENCY_BUCKETS, seconds)] += 1
        self.seconds += seconds

    def collect(self) -> Iterator[Metric]:
        messages = CounterMetricFamily("caibao_messages", "Messages received, by type",
                                       labels=["type"])
        for kind, n in sorted(self.by_type.items()):
            messages.add_metric([kind], n)
        yield messages
        answers = CounterMetricFamily("caibao_answers", "Replies by outcome", labels=["outcome"])
        for outcome, n in sorted(self.by_outcome.items()):
            answers.add_metric([outcome], n)
        yield answers
        cumulative, total = [], 0
        bounds = (*map(floatToGoString, LATENCY_BUCKETS), "+Inf")
        for bound, n in zip(bounds, self.buckets, strict=True):
            total += n
            cumulative.append((bound, total))
        yield HistogramMetricFamily("caibao_reply_seconds", "Time from request to reply",
                                    buckets=cumulative, sum_value=self.seconds)


class Metrics:
    """The bot's counters; ``render()`` is the ``/metrics`` body."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        # Memory, CPU and open files of this instance, as the default registry would show.
        ProcessCollector(registry=r)
        PlatformCollector(registry=r)
        self.counts = MessageCounts()
        r.register(self.counts)
        self.retries = Counter("caibao_retries_deduplicated", "WeChat retries answered from cache",
                               registry=r)
        self.redis_errors = Counter("caibao_redis_errors", "Failed or skipped Redis calls",
                                    registry=r)
        self.replays = Counter("caibao_replays_refused",
                               "Used signed queries refused for carrying another body",
                               registry=r)
        self.rate_limited = Counter("caibao_rate_limited", "Messages refused by the rate limit",
                                    registry=r)
        self.rejected = Counter("caibao_requests_rejected", "Webhook requests refused, by status",
                                ["status"], registry=r)
        self.kb_passages = Gauge("caibao_knowledge_passages", "Passages in the served knowledge",
                                 registry=r)
        self.kb_version = Gauge("caibao_knowledge_info", "Served knowledge version (label)",
                                ["version"], registry=r)
        self.reloads = Counter("caibao_knowledge_reloads", "Knowledge reloads by result",
                               ["result"], registry=r)

    def message(self, kind: str, outcome: str, seconds: float) -> None:
        """Count one handled message (by type and outcome) and its time."""
        self.counts.add(kind, outcome, seconds)

    def knowledge(self, version: str, passages: int) -> None:
        self.kb_version.clear()
        self.kb_version.labels(version=version).set(1)
        self.kb_passages.set(passages)

    def render(self) -> bytes:
        return bytes(generate_latest(self.registry))
