"""The ``/wechat`` view: verify signature → decrypt → parse → dispatch → render → encrypt.

Everything after parsing is the transport-free :class:`~bot.dispatch.router.Dispatcher`. Refusals
are short plain-text 4xx responses; the reason goes to the log, never into the body.

WeChat's signature covers the query (token, timestamp, nonce), not the body. So each signed
query is good for one body: the dispatcher's first Redis call remembers the query with a
hash of its body for the replay window (:meth:`bot.state.store.Store.begin`), the same query with
the same body is a WeChat retry, and with another body it is refused here (403).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import time

from aiohttp import web

from bot import keys
from bot.errors import BadMessage, PayloadTooLarge, RequestError, RequestTimeout, SignatureError
from bot.protocol.wechat import Cipher, parse, render_text, verify_signature, verify_timestamp

log = logging.getLogger("caibao.webhook")

_REASONS = {400: "bad request", 403: "forbidden", 408: "request timeout",
            413: "payload too large"}
# WeChat's timestamps are Unix seconds and its nonces digits; both are copied into the
# encrypted reply, so anything else is refused before it gets there.
_TIMESTAMP_RE = re.compile(r"[0-9]{1,12}")
_NONCE_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _refuse(request: web.Request, exc: RequestError) -> web.Response:
    request.app[keys.METRICS].rejected.labels(status=str(exc.status)).inc()
    log.info("refused %s %s: %s", request.method, request.path, exc)
    response = web.Response(status=exc.status, text=_REASONS.get(exc.status, "refused"))
    if isinstance(exc, RequestTimeout):
        response.force_close()  # the rest of a slow body is not waited for
    return response


def _check_query(request: web.Request) -> tuple[str, str]:
    settings = request.app[keys.SETTINGS]
    query = request.query
    timestamp, nonce = query.get("timestamp", ""), query.get("nonce", "")
    verify_signature(settings.wechat_token.reveal(), query.get("signature", ""), timestamp, nonce)
    if not _TIMESTAMP_RE.fullmatch(timestamp) or not _NONCE_RE.fullmatch(nonce):
        raise SignatureError("timestamp or nonce of an unexpected form")
    verify_timestamp(timestamp, settings.timestamp_tolerance)
    return timestamp, nonce


async def verify_url(request: web.Request) -> web.Response:
    """GET: WeChat's server-address check echoes ``echostr`` for a valid signature."""
    try:
        _check_query(request)
    except RequestError as exc:
        return _refuse(request, exc)
    return web.Response(text=request.query.get("echostr", ""))


async def _read_body(request: web.Request, limit: int, seconds: float) -> bytes:
    try:
        async with asyncio.timeout(seconds):
            return await _read_all(request, limit)
    except TimeoutError:
        raise RequestTimeout(f"body not received within {seconds:g}s") from None


async def _read_all(request: web.Request, limit: int) -> bytes:
    length = request.content_length
    if length is not None and length > limit:
        raise PayloadTooLarge(f"content-length {length}")
    if length is not None and length == request.content.total_bytes \
            and request.content.is_eof():
        return request.content.read_nowait()  # the usual small message: already all here
    chunks: list[bytes] = []
    size = 0
    try:
        while size <= limit:
            chunk = await request.content.read(limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except (ValueError, ConnectionError) as exc:
        raise BadMessage(f"unreadable body: {type(exc).__name__}") from None
    if size > limit:
        raise PayloadTooLarge("body over limit")
    return b"".join(chunks)


async def receive(request: web.Request) -> web.Response:
    """POST: one message in plaintext, compatible or safe mode; a passive reply out."""
    app = request.app
    settings = app[keys.SETTINGS]
    received = time.monotonic()
    try:
        timestamp, nonce = _check_query(request)
        body = await _read_body(request, settings.max_body, settings.http_timeout)
        digest = hashlib.blake2b(body, digest_size=16).hexdigest()
        cipher: Cipher | None = None
        if request.query.get("encrypt_type", "raw").lower() == "aes":
            cipher = app.get(keys.CIPHER)
            if cipher is None:
                raise BadMessage("encrypted message but WECHAT_AES_KEY is not configured")
            if settings.encrypt_mode == "plain":
                raise SignatureError("encrypted body refused: WECHAT_ENCRYPT_MODE=plain")
            body = cipher.decrypt(body, request.query.get("msg_signature", ""), timestamp, nonce)
        elif settings.encrypt_mode == "safe":
            raise SignatureError("plaintext body refused: WECHAT_ENCRYPT_MODE=safe")
        message = parse(body)
        reply = await app[keys.DISPATCHER].feed(
            message,
            rid=app[keys.REQUEST_IDS](),
            deadline=received + settings.reply_budget,
            kb=app[keys.KNOWLEDGE].current,
            # The signed query (its signature names it) and the body it came with.
            replay=(request.query["signature"], digest, 2 * settings.timestamp_tolerance),
            # The body's integrity is guaranteed (by the AES envelope's signature) only when
            # it came encrypted; admin commands are taken from such bodies alone.
            sealed=cipher is not None,
        )
    except RequestError as exc:
        return _refuse(request, exc)
    if reply is None:
        return web.Response(text="success")
    xml = render_text(message, reply.text, reply.created)
    if cipher is not None:
        xml = cipher.encrypt(xml, nonce, timestamp)
    return web.Response(text=xml, content_type="application/xml")
