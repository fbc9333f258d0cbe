"""A follower's conversation state, kept in Redis between messages (see :mod:`bot.state.store`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

MAX_QUESTIONS = 5
QUESTION_CHARS = 300      # the part of a question the knowledge reads (knowledge.MAX_QUESTION)
MAX_SESSION_BYTES = 16 * 1024


@dataclass
class Session:
    """What the next message may build on: the last answer's context, recent questions, and
    the unsent rest of a long answer (continued by "更多")."""

    context: dict[str, Any] = field(default_factory=dict)
    questions: list[str] = field(default_factory=list)
    continuation: str = ""
    stateless: bool = False  # Redis is unavailable: nothing will be saved

    @classmethod
    def from_dict(cls, raw: dict[str, Any] | None) -> Session:
        raw = raw or {}
        context = raw.get("context")
        questions = raw.get("questions")
        rest = raw.get("continuation")
        return cls(
            context=context if isinstance(context, dict) else {},
            questions=[q[:QUESTION_CHARS] for q in questions if isinstance(q, str)][-MAX_QUESTIONS:]
            if isinstance(questions, list) else [],
            continuation=rest if isinstance(rest, str) else "",
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.context:
            out["context"] = self.context
        if self.questions:
            out["questions"] = self.questions[-MAX_QUESTIONS:]
        if self.continuation:
            out["continuation"] = self.continuation
        return out

    def remember(self, question: str) -> None:
        self.questions = [*self.questions, question[:QUESTION_CHARS]][-MAX_QUESTIONS:]

    def bounded(self) -> dict[str, Any]:
        """:meth:`to_dict`, kept under ``MAX_SESSION_BYTES`` as JSON: the unsent rest of a long
        answer goes first, then the questions, then the context (a follow-up is then
        answered as a new question)."""
        out = self.to_dict()
        for drop in ("continuation", "questions", "context"):
            if len(orjson.dumps(out)) <= MAX_SESSION_BYTES:
                break
            out.pop(drop, None)
        return out

    def clear(self) -> None:
        self.context, self.questions, self.continuation = {}, [], ""
