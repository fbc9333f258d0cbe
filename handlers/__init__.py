"""The bot's handlers. :func:`build_routers` fixes their order: first match wins."""

from __future__ import annotations

from bot.dispatch.router import Router


def build_routers() -> list[Router]:
    from handlers import admin, commands, events, media, qa

    return [admin.router, events.router, commands.router, qa.router, media.router]
