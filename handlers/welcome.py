"""The welcome: what a new follower, a greeting and a help question all get."""

from __future__ import annotations

from bot.ops.settings import Settings
from handlers import texts
from knowledge import Library


def welcome_text(kb: Library, settings: Settings) -> str:
    return texts.welcome(kb.coverage(), kb.examples(3), settings.welcome_text)
