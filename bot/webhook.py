"""The ``/wechat`` view: verify signature → decrypt → parse → dispatch → render → encrypt.

Everything after parsing is the transport-free :class:`~bot.router.Dispatcher`. Refusals
are short plain-text 4xx responses; the reason goes to the log, never into the body.
"""

from __future__ import annotations

import logging
import time

from aiohttp import web

from bot import keys
from bot.errors import BadMessage, PayloadTooLarge, RequestError
from bot.wechat import Cipher, parse, render_text, verify_signature, verify_timestamp

log = logging.getLogger("caibao.webhook")

_REASONS = {400: "bad request", 403: "forbidden", 413: "payload too large"}


def _refuse(request: web.Request, exc: RequestError) -> web.Response:
    request.app[keys.METRICS].rejected.labels(status=str(exc.status)).inc()
    log.info("refused %s %s: %s", request.method, request.path, exc)
    return web.Response(status=exc.status, text=_REASONS.get(exc.status, "refused"))


def _check_query(request: web.Request) -> tuple[str, str]:
    settings = request.app[keys.SETTINGS]
    query = request.query
    timestamp, nonce = query.get("timestamp", ""), query.get("nonce", "")
    verify_signature(settings.wechat_token.reveal(), query.get("signature", ""), timestamp, nonce)
    verify_timestamp(timestamp, settings.timestamp_tolerance)
    return timestamp, nonce


async def verify_url(request: web.Request) -> web.Response:
    """GET: WeChat's server-address check echoes ``echostr`` for a valid signature."""
    try:
        _check_query(request)
    except RequestError as exc:
        return _refuse(request, exc)
    return web.Response(text=request.query.get("echostr", ""))


async def _read_body(request: web.Request, limit: int) -> bytes:
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
        body = await _read_body(request, settings.max_body)
        cipher: Cipher | None = None
        if request.query.get("encrypt_type", "raw").lower() == "aes":
            cipher = app.get(keys.CIPHER)
            if cipher is None:
                raise BadMessage("encrypted message but WECHAT_AES_KEY is not configured")
            body = cipher.decrypt(body, request.query.get("msg_signature", ""), timestamp, nonce)
        message = parse(body)
    except RequestError as exc:
        return _refuse(request, exc)

    reply = await app[keys.DISPATCHER].feed(
        message,
        rid=app[keys.REQUEST_IDS](),
        deadline=received + settings.reply_budget,
        kb=app[keys.KNOWLEDGE].current,
    )
    if reply is None:
        return web.Response(text="success")
    xml = render_text(message, reply.text, reply.created)
    if cipher is not None:
        xml = cipher.encrypt(xml, nonce, timestamp)
    return web.Response(text=xml, content_type="application/xml")
