"""Custom-menu ``CLICK`` keys mapped to questions, from a small JSON file.

The file is an object of ``"KEY": "question"`` pairs; the special value ``"@welcome"``
shows the welcome text. Loaded once at start-up; a broken file fails start-up with its name.
"""

from __future__ import annotations

import json
from pathlib import Path

from bot.errors import ConfigError

DEFAULT_MENU = Path(__file__).resolve().parent / "menu.json"


class Menu:
    WELCOME = "@welcome"

    def __init__(self, items: dict[str, str]) -> None:
        self.items = items

    @classmethod
    def load(cls, path: Path | None) -> Menu:
        path = path or DEFAULT_MENU
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"MENU_FILE {path.name}: {exc}") from None
        if not isinstance(raw, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in raw.items()
        ):
            raise ConfigError(f"MENU_FILE {path.name}: expected an object of \"KEY\": \"question\"")
        return cls({k: v.strip() for k, v in raw.items()})

    def question(self, key: str) -> str | None:
        return self.items.get(key)
