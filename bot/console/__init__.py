"""The operator console at ``/console/``: on only when ``ADMIN_TOKEN`` is set (else 404)."""

from __future__ import annotations

from bot.console.views import add_routes

__all__ = ["add_routes"]
