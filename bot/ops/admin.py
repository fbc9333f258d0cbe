"""Operator actions shared by the WeChat admin commands and the HTTP admin API.

Each action returns plain data; :mod:`handlers.admin` words it for WeChat and
:mod:`bot.ops.admin_api` serves it as JSON. Every action is written to the audit log.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.errors import StoreUnavailable
from bot.ops.cluster import Cluster
from bot.ops.knowledge import KnowledgeHolder
from bot.ops.logs import fields
from bot.ops.metrics import Metrics
from bot.state.store import Store
from knowledge import KnowledgeError

log = logging.getLogger("caibao.audit")

AUDIT_KEEP = 1000


@dataclass(frozen=True)
class ReloadResult:
    ok: bool
    version: str
    previous: str
    documents: int = 0
    passages: int = 0
    seconds: float = 0.0
    error: str = ""
    # Documents or pages left out of the new version (file, page, what to do).
    warnings: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k not in ("error", "warnings") or v}
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out


def describe(exc: KnowledgeError) -> str:
    """The reason of a failed build, naming the file (not the machine path) and line."""
    if exc.file is None:
        return exc.message
    where = Path(exc.file).name + (f" 第{exc.line}行" if exc.line is not None else "")
    return f"{where}：{exc.message}"


class AdminService:
    def __init__(self, store: Store, holder: KnowledgeHolder, cluster: Cluster,
                 metrics: Metrics, started: float) -> None:
        self.store, self.holder, self.cluster = store, holder, cluster
        self.metrics, self.started = metrics, started

    async def audit(self, actor: str, action: str, result: str) -> None:
        entry = {"who": actor, "what": action, "when": int(time.time()), "result": result}
        line = json.dumps(entry, ensure_ascii=False)
        log.info("audit", extra=fields(event="audit", **entry))
        try:
            await self.store.audit(line, AUDIT_KEEP)
        except StoreUnavailable:
            log.warning("audit entry kept in the log only: Redis unavailable")

    async def reload(self, actor: str) -> ReloadResult:
        """Rebuild off the event loop, validate, swap in atomically, tell the other instances.

        On failure the old version keeps serving and the result carries the reason."""
        previous = self.holder.current.version
        try:
            kb = await self.holder.load()
        except KnowledgeError as exc:
            self.metrics.reloads.labels(result="failed").inc()
            result = ReloadResult(False, previous, previous, error=describe(exc))
            await self.audit(actor, "reload", f"failed: {result.error}")
            return result
        self.metrics.reloads.labels(result="ok").inc()
        try:
            await self.cluster.announce(kb)
        except StoreUnavailable:
            log.warning("reloaded here, but Redis is unavailable to tell other instances")
        result = ReloadResult(True, kb.version, previous, kb.stats.get("documents", 0),
                              kb.stats.get("passages", 0), round(kb.build_seconds, 3),
                              warnings=tuple(kb.warnings))
        await self.audit(actor, "reload", f"ok {previous} -> {kb.version}")
        return result

    async def status(self, actor: str) -> dict[str, Any]:
        kb = self.holder.current
        redis_ok = await self.store.ping()
        try:
            instances = await self.cluster.instances()
        except StoreUnavailable:
            instances = []
        await self.audit(actor, "status", "ok")
        return {
            "instance": self.cluster.instance_id,
            "version": kb.version,
            "documents": kb.stats.get("documents", 0),
            "passages": kb.stats.get("passages", 0),
            "uptime": round(time.time() - self.started),
            "redis": "ok" if redis_ok else "unavailable",
            "instances": instances,
        }

    async def stats(self, actor: str) -> dict[str, Any]:
        data = await self.store.stats(days=7, top=5)
        await self.audit(actor, "stats", "ok")
        return data

    async def unanswered(self, n: int, actor: str) -> list[dict[str, Any]]:
        rows = await self.store.unanswered(n)
        await self.audit(actor, "unanswered", f"{len(rows)} rows")
        return rows
