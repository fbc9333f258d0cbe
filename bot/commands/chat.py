"""``python -m bot chat``: an interactive WeChat simulator (filled in by the ship-it issue)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Nothing to register yet."""
