"""Prometheus metrics, one registry per app (no process-global state, tests stay independent)."""

from __future__ import annotations

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Metrics:
    """The bot's counters; ``render()`` is the ``/metrics`` body."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        # Memory, CPU and open files of this instance, as the default registry would show.
        ProcessCollector(registry=r)
        PlatformCollector(registry=r)
        self.messages = Counter("caibao_messages", "Messages received, by type", ["type"],
                                registry=r)
        self.answers = Counter("caibao_answers", "Replies by outcome", ["outcome"], registry=r)
        self.latency = Histogram(
            "caibao_reply_seconds", "Time from request to reply",
            buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
            registry=r,
        )
        self.retries = Counter("caibao_retries_deduplicated", "WeChat retries answered from cache",
                               registry=r)
        self.redis_errors = Counter("caibao_redis_errors", "Failed or skipped Redis calls",
                                    registry=r)
        self.rate_limited = Counter("caibao_rate_limited", "Messages refused by the rate limit",
                                    registry=r)
        self.rejected = Counter("caibao_requests_rejected", "Webhook requests refused, by status",
                                ["status"], registry=r)
        self.kb_passages = Gauge("caibao_knowledge_passages", "Passages in the served knowledge",
                                 registry=r)
        self.kb_version = Gauge("caibao_knowledge_info", "Served knowledge version (label)",
                                ["version"], registry=r)
        self._by_type: dict[str, Counter] = {}
        self._by_outcome: dict[str, Counter] = {}
        self.reloads = Counter("caibao_knowledge_reloads", "Knowledge reloads by result",
                               ["result"], registry=r)

    def message(self, kind: str, outcome: str, seconds: float) -> None:
        """Count one handled message; labelled children are looked up once per label."""
        counter = self._by_type.get(kind)
        if counter is None:
            counter = self._by_type[kind] = self.messages.labels(type=kind)
        answered = self._by_outcome.get(outcome)
        if answered is None:
            answered = self._by_outcome[outcome] = self.answers.labels(outcome=outcome)
        counter.inc()
        answered.inc()
        self.latency.observe(seconds)

    def knowledge(self, version: str, passages: int) -> None:
        self.kb_version.clear()
        self.kb_version.labels(version=version).set(1)
        self.kb_passages.set(passages)

    def render(self) -> bytes:
        return bytes(generate_latest(self.registry))
