"""JSON log lines, and an access log that never carries the query string.

A structured line is logged as ``log.info(event, extra=fields(...))``: the formatter writes
the fields as they are, once, instead of parsing a JSON message back. WeChat puts the
follower's OpenID and the request signatures in the query string, so the access log records
the path only.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

import orjson
from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.http_exceptions import HttpProcessingError


def fields(**values: Any) -> dict[str, Any]:
    """``extra=`` for a structured log line: its fields, written as JSON keys."""
    return {"fields": values}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {"ts": round(record.created, 3), "level": record.levelname,
                                   "logger": record.name}
        values = getattr(record, "fields", None)
        if isinstance(values, dict):
            line.update(values)
        else:
            line["msg"] = record.getMessage()
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return orjson.dumps(line, default=str).decode()


class MalformedRequests(logging.Filter):
    """aiohttp logs every request it cannot parse as an ERROR with a traceback; anyone can
    send such requests, so they become one INFO line naming the problem."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, HttpProcessingError):
            record.levelno, record.levelname = logging.INFO, "INFO"
            record.msg, record.args = "malformed request: %s %s", (type(exc).__name__,
                                                                  exc.message[:200])
            record.exc_info = record.exc_text = None
        return True


def quiet_malformed_requests() -> None:
    """Install :class:`MalformedRequests` on aiohttp's server logger (once)."""
    logger = logging.getLogger("aiohttp.server")
    if not any(isinstance(f, MalformedRequests) for f in logger.filters):
        logger.addFilter(MalformedRequests())


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

    @property
    def enabled(self) -> bool:
        # Read per connection by aiohttp: when False it skips timing and calling log().
        return self.logger.isEnabledFor(logging.INFO)

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time_: float) -> None:
        if not self.logger.isEnabledFor(logging.INFO):
            return
        self.logger.info("access", extra=fields(
            event="access", method=request.method, path=request.path,
            status=response.status, bytes=response.body_length,
            ms=round(time_ * 1000, 2), at=int(time.time()),
        ))
