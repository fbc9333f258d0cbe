"""The shipped lexicon (knowledge/lexicon/) and the operator files of a knowledge folder.

Both use the line formats documented in knowledge/FORMATS.md. Parse errors name the file and
line, because an operator editing ``synonyms.txt`` by hand needs to know where the typo is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.errors import KnowledgeError
from knowledge.text import normalize

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"
USERDICT_FILE = "userdict.txt"
SYNONYMS_FILE = "synonyms.txt"
FAQ_FILE = "faq.txt"
OPERATOR_FILES = frozenset({USERDICT_FILE, SYNONYMS_FILE, FAQ_FILE, "documents.txt"})
SYNONYM_KINDS = frozenset({"metric", "change", "period", "general"})
CHITCHAT_INTENTS = frozenset({"greeting", "thanks", "help", "bye"})
QWORD_KINDS = frozenset(
    {"figure", "growth", "ratio", "time", "list", "who", "place", "define", "why"})
_KIND_RE = re.compile(r"^\[(\w+)\]$")


_HYPHENED = re.compile(r"[a-z]+(?:-[a-z]+)+")

@dataclass
class Lexicon:
    """Everything word-level the knowledge base knows besides the documents."""

    groups: dict[str, set[str]] = field(default_factory=dict)  # word → words of its groups
    kinds: dict[str, str] = field(default_factory=dict)  # word → group kind
    canonical: dict[str, str] = field(default_factory=dict)  # word → canonical word
    phrases: dict[str, str] = field(default_factory=dict)  # multi-word variant → canonical
    # Metric canonical word → its position in the synonym files: the shipped list starts with
    # the headline figures (营业收入, 净利润, 毛利率…), which example questions prefer.
    metric_rank: dict[str, int] = field(default_factory=dict)
    stopwords: set[str] = field(default_factory=set)
    generic: set[str] = field(default_factory=set)  # name-like words that name no one
    fillers: list[str] = field(default_factory=list)
    qwords: dict[str, list[str]] = field(default_factory=dict)
    chitchat: dict[str, str] = field(default_factory=dict)  # pattern → intent
    faq: dict[str, str] = field(default_factory=dict)  # normalised question → reply
    userdict: list[tuple[str, int | None, str | None]] = field(default_factory=list)
    synonym_entries: int = 0
    files: list[Path] = field(default_factory=list)

    def add_group(self, words: list[str], kind: str) -> None:
        """Register a synonym group; the first word is canonical."""
        head = words[0]
        if kind == "metric":
            self.metric_rank.setdefault(head, len(self.metric_rank))
        for word in words:
            if " " in word:
                self.phrases[word] = head
                continue
            if _HYPHENED.fullmatch(word):
                # non-ifrs: a question may write it with a hyphen, a space or neither; the
                # first two would reach the tokenizer as two words.
                self.phrases[word] = self.phrases[word.replace("-", " ")] = head
            self.groups.setdefault(word, {word}).update(w for w in words if " " not in w)
            self.kinds.setdefault(word, kind)
            self.canonical.setdefault(word, head)
        self.synonym_entries += len(words) - 1


def _lines(path: Path) -> list[tuple[int, str]]:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KnowledgeError(f"not UTF-8 text ({exc.reason})", path) from exc
    out = []
    for number, line in enumerate(raw.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            out.append((number, line))
    return out


def _split_list(value: str, sep: str) -> list[str]:
    return [normalize(v).strip() for v in value.split(sep) if v.strip()]


def load_synonyms(path: Path, lex: Lexicon) -> None:
    """``canonical = variant, variant``; ``[kind]`` lines set the kind of later groups."""
    kind = "general"
    for number, line in _lines(path):
        m = _KIND_RE.match(line)
        if m:
            kind = m.group(1)
            if kind not in SYNONYM_KINDS:
                raise KnowledgeError(
                    f"unknown kind [{kind}], expected one of {sorted(SYNONYM_KINDS)}", path, number
                )
            continue
        head, sep, rest = line.partition("=")
        words = [normalize(head).strip(), *_split_list(rest.replace("，", ","), ",")]
        if not sep or not words[0] or len(words) < 2:
            raise KnowledgeError("expected 'word = synonym, synonym'", path, number)
        lex.add_group(words, kind)
    lex.files.append(path)


def load_userdict(path: Path, lex: Lexicon) -> None:
    """jieba's format: ``word [frequency] [part-of-speech]``."""
    for number, line in _lines(path):
        parts = line.split()
        word = normalize(parts[0])
        freq: int | None = None
        tag: str | None = None
        rest = parts[1:]
        if rest and rest[0].isdigit():
            freq = int(rest.pop(0))
        if rest:
            tag = rest.pop(0)
            if not re.fullmatch(r"[a-z]{1,4}", tag):
                raise KnowledgeError(f"bad part-of-speech tag {tag!r}", path, number)
        if rest or len(parts) > 3:
            raise KnowledgeError("expected 'word [frequency] [tag]'", path, number)
        lex.userdict.append((word, freq, tag))
    lex.files.append(path)


def load_faq(path: Path, lex: Lexicon) -> None:
    """``question | question => reply``; replies greet or explain and may not carry figures."""
    for number, line in _lines(path):
        questions, sep, reply = line.partition("=>")
        reply = reply.strip().replace("\\n", "\n")
        keys = [clean_key(q) for q in questions.split("|")]
        keys = [k for k in keys if k]
        if not sep or not keys or not reply:
            raise KnowledgeError("expected 'question | question => reply'", path, number)
        if any(ch.isdigit() for ch in reply):
            raise KnowledgeError(
                "faq replies may not contain figures: facts must come from the documents",
                path,
                number,
            )
        for key in keys:
            lex.faq[key] = reply
    lex.files.append(path)


def clean_key(text: str) -> str:
    """A question reduced for exact lookups: normalised, without punctuation or spaces."""
    return re.sub(r"[^\w]+", "", normalize(text))


def _load_word_list(path: Path) -> list[str]:
    return [normalize(line) for _, line in _lines(path)]


def _load_kinds(path: Path, allowed: frozenset[str], sep: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for number, line in _lines(path):
        kind, eq, rest = line.partition("=")
        kind = kind.strip()
        if not eq or kind not in allowed:
            raise KnowledgeError(f"expected '<{'|'.join(sorted(allowed))}> = ...'", path, number)
        out.setdefault(kind, []).extend(w for w in _split_list(rest, sep))
    return out


def load_lexicon(folder: Path | None) -> Lexicon:
    """The shipped lexicon plus the operator files found in ``folder`` (if any)."""
    lex = Lexicon()
    load_synonyms(LEXICON_DIR / "synonyms.txt", lex)
    lex.stopwords = set(_load_word_list(LEXICON_DIR / "stopwords.txt"))
    lex.generic = set(_load_word_list(LEXICON_DIR / "generic.txt"))
    lex.fillers = sorted(_load_word_list(LEXICON_DIR / "fillers.txt"), key=len, reverse=True)
    lex.qwords = _load_kinds(LEXICON_DIR / "qwords.txt", QWORD_KINDS, ",")
    for intent, patterns in _load_kinds(
        LEXICON_DIR / "chitchat.txt", CHITCHAT_INTENTS, "|"
    ).items():
        for pattern in patterns:
            lex.chitchat[clean_key(pattern)] = intent
    lex.files.extend(
        LEXICON_DIR / name
        for name in ("stopwords.txt", "generic.txt", "fillers.txt", "qwords.txt", "chitchat.txt")
    )
    if folder is not None:
        for name, loader in (
            (USERDICT_FILE, load_userdict),
            (SYNONYMS_FILE, load_synonyms),
            (FAQ_FILE, load_faq),
        ):
            path = folder / name
            if path.is_file():
                loader(path, lex)
    return lex
