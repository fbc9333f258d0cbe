"""Cross-cutting work around every handler, outermost first (see :func:`default_middlewares`):

``error_boundary``  one JSON log line per message, metrics, a polite reply instead of a crash
``dedup``           claims the message in Redis; a WeChat retry gets the first try's reply
``statistics``      counts questions by outcome, keeps the unanswered ones
``rate_limit``      refuses a user over the per-minute limit without doing any work
``conversation``    loads the session under the user's lock, cuts long replies, saves
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import time

import orjson

from bot.dispatch import texts
from bot.dispatch.router import Data, HandlerResult, Middleware, Next, Reply
from bot.dispatch.session import Session
from bot.errors import ReplayedQuery, RequestError, StoreUnavailable
from bot.ops.logs import fields
from bot.protocol.wechat import REPLY_LIMIT, Message, cut_reply
from bot.state.store import Finish, user_hash

log = logging.getLogger("caibao.message")

QUESTION_TYPES = frozenset({"text", "voice"})


def is_question(message: Message) -> bool:
    return message.type in QUESTION_TYPES and bool(message.content.strip())


async def error_boundary(nxt: Next, message: Message, data: Data) -> HandlerResult:
    started = time.perf_counter()
    metrics = data["metrics"]
    try:
        reply = await nxt(message, data)
    except RequestError:
        raise  # the request is refused as a whole (a replayed query): the webhook answers
    except Exception:
        log.exception("handler failed (rid=%s user=%s handler=%s)", data.get("rid"),
                      user_hash(message.sender), data.get("handler"))
        reply = Reply(texts.ERROR, outcome="error")
    outcome = reply.outcome if reply is not None else "silent"
    elapsed = time.perf_counter() - started
    metrics.message(message.event or message.type, outcome, elapsed)
    if log.isEnabledFor(logging.INFO):
        log.info("message", extra=fields(
            event="message", rid=data.get("rid", ""), user=user_hash(message.sender),
            type=message.event or message.type, outcome=outcome,
            handler=data.get("handler", ""), latency_ms=round(elapsed * 1000, 3),
        ))
    return reply


async def dedup(nxt: Next, message: Message, data: Data) -> HandlerResult:
    store, metrics = data["store"], data["metrics"]
    openid, key = message.sender, message.dedup_key
    try:
        begin = await store.begin(openid, key, replay=data.get("replay"))
    except StoreUnavailable:  # counted by the store
        begin = None
    if begin is not None and begin.replayed:
        metrics.replays.inc()
        data["handler"] = "replay"
        raise ReplayedQuery("signed query already used with another body")
    if begin is not None and not begin.claimed:
        metrics.retries.inc()
        cached = begin.cached
        if cached is None:
            try:
                cached = await store.wait_reply(openid, key, data["deadline"])
            except StoreUnavailable:
                cached = None
        data["handler"] = "retry"
        return _decode(cached) if cached else None
    data["begin"], data["finish"] = begin, Finish()
    try:
        reply = await nxt(message, data)
    except Exception:
        if begin is not None:
            with contextlib.suppress(StoreUnavailable):
                await store.release(openid, key)
        raise
    if begin is not None:
        store.finish(openid, key, _encode(reply), begin, data["finish"])
    return reply


async def rate_limit(nxt: Next, message: Message, data: Data) -> HandlerResult:
    begin = data.get("begin")
    if begin is not None and begin.rate_count > data["settings"].rate_limit:
        data["metrics"].rate_limited.inc()
        data["handler"] = "rate_limit"
        return Reply(texts.RATE_LIMITED, outcome="rate_limited")
    return await nxt(message, data)


async def statistics(nxt: Next, message: Message, data: Data) -> HandlerResult:
    reply = await nxt(message, data)
    if data.get("begin") is not None and is_question(message) and reply is not None \
            and reply.outcome in texts.COUNTED_OUTCOMES:
        finish = data["finish"]
        finish.outcome, finish.question = reply.outcome, message.content
    return reply


async def conversation(nxt: Next, message: Message, data: Data) -> HandlerResult:
    store, begin = data["store"], data.get("begin")
    if begin is None:
        session = Session(stateless=True)
    else:
        raw = begin.session
        if not begin.locked:
            until = min(data["deadline"], time.monotonic() + 2.0)
            with contextlib.suppress(StoreUnavailable):  # counted by the store
                begin.locked, raw = await store.wait_lock(message.sender, begin.lock_token, until)
        session = Session.from_dict(raw)
    before = session.to_dict()
    data["session"] = session
    reply = await nxt(message, data)
    if reply is not None:
        reply = fit_reply(reply, session)
    if not session.stateless and session.to_dict() != before:
        # Bounded (JSON-encoded to measure) only when there is something to save.
        data["finish"].session = session.bounded()
    return reply


def fit_reply(reply: Reply, session: Session) -> Reply:
    """Cut a reply to WeChat's byte limit at a sentence end; keep the rest for "更多"."""
    room = REPLY_LIMIT - len(texts.MORE_HINT.encode("utf-8"))
    head, rest = cut_reply(reply.text, REPLY_LIMIT)
    if rest:
        head, rest = cut_reply(reply.text, room)
        head += texts.MORE_HINT
    if not session.stateless:
        session.continuation = rest
    return dataclasses.replace(reply, text=head) if rest else reply


def _encode(reply: Reply | None) -> bytes:
    if reply is None:
        return orjson.dumps(None)
    return orjson.dumps({"t": reply.text, "o": reply.outcome, "c": reply.created})


def _decode(raw: str) -> Reply | None:
    try:
        value = orjson.loads(raw)
        return Reply(str(value["t"]), outcome=str(value["o"]), created=int(value["c"]))
    except (ValueError, TypeError, KeyError):  # orjson.JSONDecodeError is a ValueError
        return None


def default_middlewares() -> list[Middleware]:
    return [error_boundary, dedup, statistics, rate_limit, conversation]
