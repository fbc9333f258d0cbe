"""Text normalisation and splitting shared by documents and questions.

Documents and questions go through the same ``normalize`` so that a traditional-character or
full-width question meets the same tokens as the report. Figures are recognised by a regex
*before* jieba sees the text, because jieba splits ``1148.83亿元`` into five pieces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import opencc

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MAGNITUDE = r"万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千|百"
_CURRENCY = r"元|美元|港元|港币|欧元|日元|块"
_COUNTER = (
    r"个百分点|个|家|人|次|倍|台|辆|款|项|名|户|笔|件|座|所|张|部|种|位|条|单|股|天|小时|分钟|秒|"
    r"吨|公里|千米|平方米|米|kwh|gwh|gw|mw"
)
# Order matters: dates before plain numbers, so 2020年 and 8月6日 stay whole tokens.
FIGURE_RE = re.compile(
    r"\d{4}年|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}:\d{2}(?!\d)|\d{1,2}月\d{1,2}[日号]|\d{1,2}月份?|\d{1,2}[日号](?![a-z])"
    rf"|(?:{_NUM})(?:%|‰|(?:{_MAGNITUDE})?(?:{_CURRENCY})?(?:{_COUNTER})?)(?![a-z])"
)
DATE_RE = re.compile(r"\d{4}年|\d{1,2}月|\d{1,2}[日号]|\d{4}/\d")
PERCENT_RE = re.compile(r"\d(?:%|‰|倍|个百分点)")
YEAR_RE = re.compile(r"\d{4}年")
LATIN_RE = re.compile(r"\d+[a-z]+[a-z0-9]*|[a-z][a-z0-9]*(?:[&'.\-][a-z0-9]+)*")
HAN_RE = re.compile(r"[\u3400-\u9fff]+")
# One pass splits text into figures, Latin words and Chinese runs; everything else separates.
SEGMENT_RE = re.compile(
    rf"(?P<fig>{FIGURE_RE.pattern})|(?P<lat>{LATIN_RE.pattern})|(?P<han>{HAN_RE.pattern})"
)
HTML_RE = re.compile(r"<[^>]{0,200}>|&[a-z]{2,6};")
SENTENCE_END = "。！？!?；;\n"
CLOSERS = "”’」』）)》】\"'"
# A comma between digits is a thousands separator (592,183,264.90), never a clause break.
CLAUSE_RE = re.compile(r"(?:\d,(?=\d)|[^，,、：:])+[，,、：:]?")

_converter: opencc.OpenCC | None = None


def _t2s() -> opencc.OpenCC:
    # OpenCC loads its dictionaries once; the converter is stateless and safe to share.
    global _converter
    if _converter is None:
        try:
            _converter = opencc.OpenCC("t2s")
        except Exception:  # older/newer builds name the config with its extension
            _converter = opencc.OpenCC("t2s.json")
    return _converter


def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese."""
    return str(_t2s().convert(text)) if text else text


def normalize(text: str) -> str:
    """Simplified, NFKC (full-width → half-width), lower case."""
    return unicodedata.normalize("NFKC", to_simplified(text)).lower()


@dataclass(frozen=True)
class Segment:
    """A piece of normalised text: a figure, a Latin word or a run of Chinese characters."""

    kind: str  # "fig" | "lat" | "han"
    text: str


def without_names(text: str, names: Iterable[str]) -> str:
    """``text`` normalised with each of ``names`` blanked out, longest first (博智國際藥業 before
    博智): what a question says besides the company it is about."""
    norm = normalize(text)
    for name in sorted(names, key=len, reverse=True):
        if name:
            norm = norm.replace(name, " ")
    return norm


def segments(text: str) -> Iterator[Segment]:
    """Split normalised text into figures, Latin words and Chinese runs."""
    for m in SEGMENT_RE.finditer(text):
        kind = m.lastgroup or "han"
        value = m.group(0)
        if kind == "fig":
            value = value.replace(",", "")
        yield Segment(kind, value)


_SENTENCE_RE = re.compile(
    rf"[^{SENTENCE_END}]*[{SENTENCE_END}]+[{re.escape(CLOSERS)}]*|[^{SENTENCE_END}]+$"
)


def split_sentences(paragraph: str, max_len: int = 150) -> list[str]:
    """Sentences of a paragraph; closing quotes stay with their sentence; long ones are chunked."""
    result: list[str] = []
    for m in _SENTENCE_RE.finditer(paragraph):
        sentence = m.group(0).strip()
        if not sentence:
            continue
        result.extend(_chunk(sentence, max_len) if len(sentence) > max_len else [sentence])
    return result


def _chunk(sentence: str, max_len: int) -> list[str]:
    # Text without punctuation (the stripped seed) still has to become passages of sane size.
    clauses = CLAUSE_RE.findall(sentence) or [sentence]
    chunks: list[str] = []
    cur = ""
    for clause in clauses:
        while len(clause) > max_len:
            if cur:
                chunks.append(cur)
                cur = ""
            chunks.append(clause[: max_len // 2])
            clause = clause[max_len // 2 :]
        if cur and len(cur) + len(clause) > max_len:
            chunks.append(cur)
            cur = ""
        cur += clause
    if cur:
        chunks.append(cur)
    return chunks


_CLAUSES_RE = re.compile(r"(?:\d,(?=\d)|[^，,；;：:])+[，,；;：:。！？!?”」]*")


def clauses(sentence: str) -> list[str]:
    """Clauses of a sentence, each keeping its trailing punctuation."""
    return [c for c in _CLAUSES_RE.findall(sentence) if c.strip()]


# An amount written in words (港幣八千三百萬元, 约两亿元), as Hong Kong reports state them.
WORDED_AMOUNT_RE = re.compile(
    r"[一二三四五六七八九十百千万亿两数几多]\s*(?:万|亿)?\s*(?:元|美元|港元|港币)")


def has_figure(text: str) -> bool:
    """True when the (normalised) text holds a number."""
    return any(ch.isdigit() for ch in text)


def map_words(text: str, words: Callable[[str], list[str]]) -> list[str]:
    """Tokens of normalised text: figures and Latin words whole, Chinese runs through ``words``."""
    out: list[str] = []
    for seg in segments(text):
        if seg.kind == "han":
            out.extend(words(seg.text))
        else:
            out.append(seg.text)
    return out


class Vocabulary:
    """Which of many words occur in a short text (a question), first occurrence each.

    One set lookup per substring of a word's length, instead of one ``str.find`` per word:
    a question is 10–40 characters, while two annual reports name thousands of table labels
    and the items lexicon some hundreds of variants (~1.5 ms of finds per question).
    """

    def __init__(self, words: Iterable[str]) -> None:
        # A word's rank is its place in ``words``: callers break ties by it.
        self.rank: dict[str, int] = {}
        for word in words:
            self.rank.setdefault(word, len(self.rank))
        self.lengths = sorted({len(w) for w in self.rank}, reverse=True)

    def __len__(self) -> int:
        return len(self.rank)

    def occurrences(self, text: str, longer_than: int = 0) -> list[tuple[int, str]]:
        """(first position, word) of every word longer than ``longer_than`` found in ``text``,
        in the order of ``words``."""
        found: dict[str, int] = {}
        n = len(text)
        for size in self.lengths:
            if size <= longer_than:
                break
            for start in range(n - size + 1):
                piece = text[start:start + size]
                if piece in self.rank and piece not in found:
                    found[piece] = start
        return sorted(((at, w) for w, at in found.items()), key=lambda p: self.rank[p[1]])
