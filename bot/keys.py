"""Typed keys of the objects an app holds (``app[keys.STORE]``), created by :mod:`bot.app`."""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from bot.admin import AdminService
from bot.kb import KnowledgeHolder
from bot.metrics import Metrics
from bot.router import Dispatcher
from bot.settings import Settings
from bot.store import Store
from bot.wechat import Cipher

SETTINGS: web.AppKey[Settings] = web.AppKey("settings", Settings)
METRICS: web.AppKey[Metrics] = web.AppKey("metrics", Metrics)
STORE: web.AppKey[Store] = web.AppKey("store", Store)
KNOWLEDGE: web.AppKey[KnowledgeHolder] = web.AppKey("knowledge", KnowledgeHolder)
DISPATCHER: web.AppKey[Dispatcher] = web.AppKey("dispatcher", Dispatcher)
CIPHER: web.AppKey[Cipher] = web.AppKey("cipher", Cipher)
STARTED: web.AppKey[float] = web.AppKey("started", float)
ADMIN: web.AppKey[AdminService] = web.AppKey("admin", AdminService)
REQUEST_IDS: web.AppKey[Callable[[], str]] = web.AppKey("request_ids")
