"""HTTP admin API for deployment pipelines: ``/admin/reload``, ``status``, ``stats``,
``unanswered``. JSON, ``Authorization: Bearer <ADMIN_TOKEN>`` compared in constant time;
the routes do not exist at all when ``ADMIN_TOKEN`` is unset."""

from __future__ import annotations

import functools
import hmac
import re

from aiohttp import web

from bot import keys
from bot.errors import StoreUnavailable
from bot.ops.http import Handler, guarded

ACTOR = "http-api"


def _authorized(request: web.Request) -> bool:
    token = request.app[keys.SETTINGS].admin_token
    if token is None:
        return False
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.reveal().encode())


def require_token(handler: Handler) -> Handler:
    """The route answers only with the Bearer token (a wrapper on the admin routes alone,
    not a middleware every webhook request would pass through)."""

    @functools.wraps(handler)
    async def checked(request: web.Request) -> web.StreamResponse:
        if not _authorized(request):
            return web.json_response({"error": "unauthorized"}, status=401,
                                     headers={"WWW-Authenticate": "Bearer"})
        return await handler(request)

    return checked


async def reload(request: web.Request) -> web.Response:
    result = await request.app[keys.ADMIN].reload(ACTOR)
    return web.json_response(result.as_dict(), status=200 if result.ok else 422)


async def status(request: web.Request) -> web.Response:
    return web.json_response(await request.app[keys.ADMIN].status(ACTOR))


async def stats(request: web.Request) -> web.Response:
    try:
        return web.json_response(await request.app[keys.ADMIN].stats(ACTOR))
    except StoreUnavailable:
        return web.json_response({"error": "redis unavailable"}, status=503)


async def unanswered(request: web.Request) -> web.Response:
    raw = request.query.get("n", "20")
    # isdigit() alone would take "²" (a digit to Unicode, not to int()).
    if not re.fullmatch(r"[0-9]{1,3}", raw) or not 1 <= int(raw) <= 500:
        return web.json_response({"error": "n must be an integer from 1 to 500"}, status=400)
    try:
        rows = await request.app[keys.ADMIN].unanswered(int(raw), ACTOR)
    except StoreUnavailable:
        return web.json_response({"error": "redis unavailable"}, status=503)
    return web.json_response({"unanswered": rows})


def add_routes(app: web.Application) -> None:
    if app[keys.SETTINGS].admin_token is None:
        return
    app.router.add_post("/admin/reload", guarded(require_token(reload)))
    app.router.add_get("/admin/status", guarded(require_token(status)))
    app.router.add_get("/admin/stats", guarded(require_token(stats)))
    app.router.add_get("/admin/unanswered", guarded(require_token(unanswered)))
