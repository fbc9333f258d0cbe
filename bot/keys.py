"""Typed keys of the objects an app holds (``app[keys.STORE]``), created by :mod:`bot.app`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from bot.admin import AdminService
    from bot.kb import KnowledgeHolder
    from bot.metrics import Metrics
    from bot.router import Dispatcher
    from bot.settings import Settings
    from bot.store import Store
    from bot.wechat import Cipher

SETTINGS = web.AppKey("settings", "Settings")
METRICS = web.AppKey("metrics", "Metrics")
STORE = web.AppKey("store", "Store")
KNOWLEDGE = web.AppKey("knowledge", "KnowledgeHolder")
DISPATCHER = web.AppKey("dispatcher", "Dispatcher")
CIPHER = web.AppKey("cipher", "Cipher")
STARTED = web.AppKey("started", float)
ADMIN = web.AppKey("admin", "AdminService")
