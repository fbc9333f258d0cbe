"""Typed keys of the objects an app holds (``app[keys.STORE]``), created by :mod:`bot.app`."""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from bot.dispatch.router import Dispatcher
from bot.ops.admin import AdminService
from bot.ops.knowledge import KnowledgeHolder
from bot.ops.metrics import Metrics
from bot.ops.settings import Settings
from bot.protocol.wechat import Cipher
from bot.state.store import Store

SETTINGS: web.AppKey[Settings] = web.AppKey("settings", Settings)
METRICS: web.AppKey[Metrics] = web.AppKey("metrics", Metrics)
STORE: web.AppKey[Store] = web.AppKey("store", Store)
KNOWLEDGE: web.AppKey[KnowledgeHolder] = web.AppKey("knowledge", KnowledgeHolder)
DISPATCHER: web.AppKey[Dispatcher] = web.AppKey("dispatcher", Dispatcher)
CIPHER: web.AppKey[Cipher] = web.AppKey("cipher", Cipher)
STARTED: web.AppKey[float] = web.AppKey("started", float)
ADMIN: web.AppKey[AdminService] = web.AppKey("admin", AdminService)
REQUEST_IDS: web.AppKey[Callable[[], str]] = web.AppKey("request_ids")
