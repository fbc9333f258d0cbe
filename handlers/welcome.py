"""The welcome: what a new follower, a greeting and a help question all get."""

from __future__ import annotations

from bot.settings import Settings
from handlers import texts
from knowledge import KnowledgeBase


def welcome_text(kb: KnowledgeBase, settings: Settings) -> str:
    titles = [kb.titles.get(doc, doc) for doc in kb.documents]
    return texts.welcome(texts.scope(titles), kb.examples(3), settings.welcome_text)
