"""The app factory: :func:`create_app` wires settings, Redis, knowledge and routes.

Redis and the knowledge base open and close in cleanup contexts; importing this module
connects to nothing and reads no environment.
"""

from __future__ import annotations

import gc
import itertools
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

from aiohttp import web

from bot import console, keys
from bot.dispatch.middleware import default_middlewares
from bot.dispatch.router import Dispatcher
from bot.ops import admin_api
from bot.ops.admin import AdminService
from bot.ops.cluster import Cluster
from bot.ops.http import guarded
from bot.ops.knowledge import KnowledgeHolder
from bot.ops.logs import AccessLogger, quiet_malformed_requests
from bot.ops.metrics import CONTENT_TYPE, Metrics
from bot.ops.settings import Settings
from bot.protocol.webhook import receive, verify_url
from bot.protocol.wechat import Cipher
from bot.state.embedded import EmbeddedRedis
from bot.state.store import Store
from handlers import build_routers
from handlers.menu import Menu
from knowledge import Library

log = logging.getLogger("caibao.app")



def redis_prefix(settings: Settings) -> str:
    return f"caibao:{settings.wechat_appid or 'default'}"


async def redis_ctx(app: web.Application) -> AsyncIterator[None]:
    settings = app[keys.SETTINGS]
    embedded: EmbeddedRedis | None = None
    url = settings.redis_url
    if url is None:
        embedded = EmbeddedRedis(settings.data_dir)
        url = await embedded.start()
    store = Store.from_url(url, redis_prefix(settings), settings.redis_timeout,
                           settings.session_ttl, fast_path=settings.redis_fast_path)
    store.on_error = app[keys.METRICS].redis_errors.inc
    app[keys.STORE] = store
    if not await store.ping():
        log.warning("Redis at start-up is unavailable; answering without state until it returns")
    yield
    await store.close()
    if embedded is not None:
        await embedded.stop()


async def knowledge_ctx(app: web.Application) -> AsyncIterator[None]:
    holder = app[keys.KNOWLEDGE]
    metrics = app[keys.METRICS]
    def loaded(kb: Library) -> None:
        metrics.knowledge(kb.version, kb.stats.get("passages", 0))
        # The dictionary and index are millions of long-lived objects; a full collection
        # walking them stalls the loop for tens of ms (the p99). Freeze them out of the GC.
        gc.unfreeze()  # so the previous version's cycles can be collected after a reload
        gc.collect()
        gc.freeze()

    holder.on_load = loaded
    await holder.load()
    yield


async def cluster_ctx(app: web.Application) -> AsyncIterator[None]:
    """Heartbeats and knowledge-version sync with other instances; the admin service."""
    settings, store = app[keys.SETTINGS], app[keys.STORE]
    cluster = Cluster(store, app[keys.KNOWLEDGE], settings.instance_id)
    app[keys.ADMIN] = AdminService(store, app[keys.KNOWLEDGE], cluster, app[keys.METRICS],
                                   app[keys.STARTED])
    app[keys.DISPATCHER].deps.update(store=store, admin=app[keys.ADMIN])
    await cluster.start()
    yield
    await cluster.stop()




async def healthz(request: web.Request) -> web.Response:
    app = request.app
    holder = app[keys.KNOWLEDGE]
    knowledge: dict[str, object] = {"loaded": holder.loaded}
    if holder.loaded:
        kb = holder.current
        knowledge.update(version=kb.version, documents=kb.stats.get("documents", 0),
                         passages=kb.stats.get("passages", 0))
    redis_ok = await app[keys.STORE].ping()
    return web.json_response({
        "status": "ok" if holder.loaded else "starting",
        "redis": "ok" if redis_ok else "unavailable",
        "knowledge": knowledge,
        "uptime": round(time.time() - app[keys.STARTED], 1),
    })


async def metrics(request: web.Request) -> web.Response:
    body = request.app[keys.METRICS].render()
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})


def server_options(settings: Settings) -> dict[str, Any]:
    """Options of the HTTP server around the app (``web.run_app`` or ``web.AppRunner``).

    aiohttp closes a connection whose request headers are not complete when its keep-alive
    timer fires (``_process_keepalive`` finds the handler still waiting for a request),
    and that timer starts when the connection opens and after each response: so a
    keep-alive timeout of ``HTTP_TIMEOUT`` is also the time a client has to send its
    headers. The body has its own limit in the webhook; after refusing a slow body, aiohttp
    reads and drops the rest for at most ``lingering_time`` (10 s by default) before closing.
    """
    return {"keepalive_timeout": settings.http_timeout, "access_log_class": AccessLogger,
            "lingering_time": min(1.0, settings.http_timeout)}


def create_app(settings: Settings) -> web.Application:
    quiet_malformed_requests()
    app = web.Application(client_max_size=settings.max_body)
    app[keys.SETTINGS] = settings
    app[keys.STARTED] = time.time()
    # Request ids: the instance id and a counter (unique, and far cheaper than random bytes).
    counter = itertools.count(1)
    app[keys.REQUEST_IDS] = lambda: f"{settings.instance_id}-{next(counter)}"
    app[keys.METRICS] = Metrics()
    app[keys.KNOWLEDGE] = KnowledgeHolder(settings.knowledge_dir,
                                          settings.data_dir / "parse-cache")
    key = settings.aes_key_bytes
    if key is not None:
        app[keys.CIPHER] = Cipher(settings.wechat_token.reveal(), key, settings.wechat_appid)
    app.cleanup_ctx.append(redis_ctx)
    app.cleanup_ctx.append(knowledge_ctx)
    app.cleanup_ctx.append(cluster_ctx)
    menu = Menu.load(settings.menu_file)
    app[keys.DISPATCHER] = Dispatcher(
        build_routers(),
        default_middlewares(),
        settings=settings,
        metrics=app[keys.METRICS],
        menu=menu,
        app=app,
    )
    app.router.add_get("/wechat", guarded(verify_url))
    app.router.add_post("/wechat", guarded(receive))
    app.router.add_get("/healthz", guarded(healthz))
    app.router.add_get("/metrics", guarded(metrics))
    admin_api.add_routes(app)
    console.add_routes(app)
    return app
