"""Answers about company reports, quoted from the reports themselves.

A pure library: documents in, an index and answers (as data, with their sources) out. No
network, no storage; the bot keeps conversation context and passes it back in.

    kb = build_knowledge(Path("knowledge/reports"))
    reply = kb.answer("腾讯二季度营收多少？")
    follow = kb.answer("同比增长多少？", reply.context)
"""

from __future__ import annotations

from pathlib import Path

from knowledge.base import KnowledgeBase
from knowledge.build import build_knowledge
from knowledge.errors import KnowledgeError
from knowledge.library import Library, build_library
from knowledge.models import Answer, Context, Passage

DEFAULT_DIR: Path = Path(__file__).resolve().parent / "reports"

__all__ = [
    "DEFAULT_DIR",
    "Answer",
    "Context",
    "KnowledgeBase",
    "KnowledgeError",
    "Library",
    "Passage",
    "build_knowledge",
    "build_library",
]
