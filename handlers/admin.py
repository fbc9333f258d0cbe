"""Operator commands, for the OpenIDs in ADMIN_OPENIDS only (filled in by the admin issue)."""

from __future__ import annotations

from bot.router import Router

router = Router("admin")
