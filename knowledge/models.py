"""Plain data passed between the knowledge base and its callers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

MAX_QUESTIONS = 5


@dataclass(frozen=True)
class Passage:
    """One sentence (or clause group) of a document, the unit that is ranked and quoted."""

    id: int
    document: str
    heading: str
    position: int
    text: str
    page: int | None = None  # 1-based PDF page, for the source note


def _strs(value: Any) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        if set(map(type, value)) <= {str}:  # the usual case, checked in C
            return tuple(value)
        return tuple(str(v) for v in value if isinstance(v, str | int | float))
    return ()


def _ints(value: Any) -> tuple[int, ...]:
    if isinstance(value, list | tuple):
        if set(map(type, value)) <= {int}:  # bool is not int here
            return tuple(value)
        return tuple(int(v) for v in value if isinstance(v, int) and not isinstance(v, bool))
    return ()


def evolve(obj: T, **changes: Any) -> T:
    """``dataclasses.replace`` for this module's frozen dataclasses (no slots, no
    ``__post_init__``), without re-running ``__init__`` — the per-message cost of reusing a
    cached answer. Only field names are accepted."""
    new = object.__new__(type(obj))
    fields = new.__dict__
    fields.update(obj.__dict__)
    if not changes.keys() <= fields.keys():
        unknown = sorted(changes.keys() - fields.keys())
        raise TypeError(f"not fields of {type(obj).__name__}: {unknown}")
    fields.update(changes)
    return new


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


MAX_OTHERS = 3  # other reports' figures a context remembers


@dataclass(frozen=True)
class Context:
    """What a conversation was last about, enough to resolve a follow-up question.

    It is stored between messages (as JSON), so every field has a safe default and
    ``from_dict`` ignores what it does not know.
    """

    metric: str | None = None
    entity: str | None = None
    period: str | None = None
    passage_ids: tuple[int, ...] = ()
    questions: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    kb_version: str | None = None
    # With several companies' reports: the company the conversation is about, and a question
    # waiting for the follower to say which company (asked back).
    company: str | None = None
    pending: str | None = None
    # The figure the last answer quoted from the facts, "metric|period key" (营业收入|2016), so
    # "那2015年呢", "同比呢" and "毛利率呢" are read against it.
    fact: str | None = None
    # The figures of the company's other reports an answer gave after the newest report's
    # ("metric|period key" each), so "上年呢" is read against each of them too.
    others: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable form."""
        return {
            "company": self.company,
            "pending": self.pending,
            "metric": self.metric,
            "entity": self.entity,
            "period": self.period,
            "passage_ids": list(self.passage_ids),
            "questions": list(self.questions),
            "terms": list(self.terms),
            "topics": list(self.topics),
            "kb_version": self.kb_version,
            "fact": self.fact,
            "others": list(self.others),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Context:
        """Rebuild from ``to_dict`` output; anything missing or malformed becomes a default."""
        if not isinstance(data, dict):
            return cls()
        return cls(
            metric=_opt_str(data.get("metric")),
            entity=_opt_str(data.get("entity")),
            period=_opt_str(data.get("period")),
            passage_ids=_ints(data.get("passage_ids")),
            questions=_strs(data.get("questions"))[-MAX_QUESTIONS:],
            terms=_strs(data.get("terms")),
            topics=_strs(data.get("topics")),
            kb_version=_opt_str(data.get("kb_version")),
            company=_opt_str(data.get("company")),
            pending=_opt_str(data.get("pending")),
            fact=_opt_str(data.get("fact")),
            others=_strs(data.get("others"))[:MAX_OTHERS],
        )

    @property
    def empty(self) -> bool:
        """True when there is nothing to follow up on."""
        return not self.terms


@dataclass(frozen=True)
class Answer:
    """A reply as data: the text to send plus what it was based on."""

    text: str
    kind: str  # "answer" | "refusal" | "chitchat"
    refused: bool
    confidence: float
    matches: tuple[tuple[Passage, float], ...] = ()
    metric: str | None = None
    entity: str | None = None
    period: str | None = None
    context: Context = field(default_factory=Context)
    # Small talk's intent (greeting, help, thanks, bye): the bot answers greeting and help
    # with its own welcome, so there is one welcome whatever the wording.
    intent: str | None = None
    # The facts an answer from the tables quoted, and the computation when it computed one.
    facts: tuple[dict[str, Any], ...] = ()
    computation: str | None = None
    # A refusal because the question names what the documents never mention — another
    # company, most likely (招商银行 in 民生银行's reports): the name, so a library of several
    # companies can refuse it naming its own, without reading the refusal's text.
    outside: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable form (for ``ask --json`` and logs)."""
        return {
            "text": self.text,
            "kind": self.kind,
            "refused": self.refused,
            "confidence": round(self.confidence, 4),
            "matches": [
                {
                    "id": p.id,
                    "document": p.document,
                    "heading": p.heading,
                    "position": p.position,
                    "page": p.page,
                    "text": p.text,
                    "score": round(s, 4),
                }
                for p, s in self.matches
            ],
            "metric": self.metric,
            "entity": self.entity,
            "period": self.period,
            "context": self.context.to_dict(),
            "intent": self.intent,
            "facts": list(self.facts),
            "computation": self.computation,
        }
