"""JSON log lines, and an access log that never carries the query string.

WeChat puts the follower's OpenID and the request signatures in the query string, so the
access log records the path only.
"""

from __future__ import annotations

import json
import logging
import sys
import time

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        line: dict[str, object]
        if message.startswith("{") and message.endswith("}"):
            try:
                line = {"ts": round(record.created, 3), "level": record.levelname,
                        "logger": record.name, **json.loads(message)}
            except ValueError:
                line = {}
        else:
            line = {}
        if not line:
            line = {"ts": round(record.created, 3), "level": record.levelname,
                    "logger": record.name, "msg": message}
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def setup_logging(level: str = "INFO", stream: object = None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)  # type: ignore[arg-type]
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # jieba installs its own plain-text stderr handler at DEBUG; route it through ours.
    jieba_log = logging.getLogger("jieba")
    jieba_log.handlers.clear()
    jieba_log.propagate = True
    jieba_log.setLevel(max(logging.WARNING, logging.getLevelName(level)))


class AccessLogger(AbstractAccessLogger):
    """``aiohttp`` access log: method, path (no query), status, size, time — as JSON."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time_: float) -> None:
        if not self.logger.isEnabledFor(logging.INFO):
            return
        self.logger.info(json.dumps({
            "event": "access", "method": request.method, "path": request.path,
            "status": response.status, "bytes": response.body_length,
            "ms": round(time_ * 1000, 2), "at": int(time.time()),
        }))
