"""Finding a report's own names and terms so the tokenizer keeps them whole.

jieba's dictionary is from 2013: it splits 微信 into 微/信 and 新基建 into 新/基建. A report
tells us its terms itself: it quotes them, introduces short names in parentheses, repeats them
and puts them in headings. Everything here works on normalised (simplified, lower-case) text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from knowledge.text import HAN_RE, segments

_QUOTED_RE = re.compile(r"[「“\"『《]([\u3400-\u9fff]{2,10})[」”\"』》]")
_SHORT_NAME_RE = re.compile(r"简称[:：]?[「“\"]?([\u3400-\u9fff]{2,8})")
# Characters that rarely start or end a name; n-grams with them at an edge are phrase debris.
_BAD_START = set("的了是在和与及为将也都就而并从把被对于以其之等着过向到这那有个们年月日")
# 由, 已, 亦, 须 … open a predicate ("審核委員會由三名成員組成"): "委员会由" is no name.
_BAD_END = set("的了是在和与及为将也都就而并从把被对于以其之等着过向到这那个们中"
               "由已亦乃须则即皆或仍又")
_OR_NAME_RE = re.compile(
    r"简称[:：]?[「“\"][\u3400-\u9fff]{2,8}[」”\"]或[「“\"]([\u3400-\u9fff]{2,8})"
)
SAMPLE_CHARS = 150_000
MAX_NGRAM = 6


# 芯源半导体（NovaChip）: a Chinese name with its Latin name in brackets.
ALIAS_RE = re.compile(r"([\u3400-\u9fff]{2,12})[（(]([a-z][a-z0-9 .&\-]{1,30})[）)]")


def quoted_terms(texts: Iterable[str]) -> set[str]:
    """Terms the report puts in quotes, introduces as a short name or gives a Latin name."""
    found: set[str] = set()
    for text in texts:
        found.update(_QUOTED_RE.findall(text))
        found.update(_SHORT_NAME_RE.findall(text))
        found.update(han for han, _ in aliases(text))
    return found


def short_names(texts: Iterable[str]) -> set[str]:
    """Names the report introduces as short names: （以下简称“比亚迪”或“公司”）."""
    found: set[str] = set()
    for text in texts:
        found.update(_SHORT_NAME_RE.findall(text))
        found.update(_OR_NAME_RE.findall(text))
    return found


def aliases(text: str) -> list[tuple[str, str]]:
    """(Chinese name, Latin name) pairs written as 中文名（LatinName）."""
    return [(han, lat.strip()) for han, lat in ALIAS_RE.findall(text) if len(han) <= 6]


def heading_terms(headings: Iterable[str], known: Mapping[str, int]) -> set[str]:
    """Short pieces of headings that jieba does not know (headings name the report's topics)."""
    found: set[str] = set()
    for heading in headings:
        for seg in segments(heading):
            run = seg.text
            if seg.kind == "han" and 2 <= len(run) <= 4 and not known.get(run):
                found.add(run)
    return found


def frequent_ngrams(
    texts: Iterable[str], known: Mapping[str, int], cut: Callable[[str], list[str]]
) -> set[str]:
    """Repeated runs of jieba tokens, with varied neighbours, that contain a lone character.

    A run of words that jieba already knows (数字+经济) is tokenised the same way in questions,
    so only runs with a single-character piece (微+信, 新+基建) need a dictionary entry. Only the
    first ``SAMPLE_CHARS`` characters are read so that a huge corpus still builds quickly; a
    report's names are repeated early.
    """
    seqs: list[tuple[str, list[str], str]] = []
    total = 0
    memo: dict[str, list[str]] = {}
    for text in texts:
        for m in HAN_RE.finditer(text):
            run = m.group(0)
            toks = memo.get(run)
            if toks is None:
                toks = memo[run] = cut(run)
            # What stands outside the run (punctuation, a figure, a Latin word) is a neighbour
            # too: a name that opens a clause after "，" here and a line there is still varied.
            before = _edge(text[m.start() - 1]) if m.start() else "^"
            after = _edge(text[m.end()]) if m.end() < len(text) else "$"
            seqs.append((before, toks, after))
            total += len(run)
        if total > SAMPLE_CHARS:
            break
    counts: Counter[tuple[str, ...]] = Counter()
    left: dict[tuple[str, ...], set[str]] = {}
    right: dict[tuple[str, ...], set[str]] = {}
    for before, toks, after in seqs:
        n = len(toks)
        for size in range(2, 5):
            for i in range(n - size + 1):
                gram = tuple(toks[i : i + size])
                chars = sum(len(t) for t in gram)
                if chars > MAX_NGRAM or all(len(t) > 1 for t in gram):
                    continue
                counts[gram] += 1
                left.setdefault(gram, set()).add(toks[i - 1] if i else before)
                right.setdefault(gram, set()).add(toks[i + size] if i + size < n else after)
    found: set[str] = set()
    for gram, count in counts.items():
        word = "".join(gram)
        if count < (3 if len(word) == 2 else 2) or known.get(word):
            continue
        if word[0] in _BAD_START or word[-1] in _BAD_END:
            continue
        if len(left[gram]) < 2 or len(right[gram]) < 2:
            continue
        found.add(word)
    by_word: dict[str, int] = {}
    for gram, count in counts.items():
        word = "".join(gram)
        if word in found:
            by_word[word] = max(by_word.get(word, 0), count)
    # Prefer the longer term when a shorter one only ever occurs inside it.
    return {
        w for w in found if not any(w != o and w in o and by_word[o] >= by_word[w] for o in found)
    }


def _edge(ch: str) -> str:
    """The neighbour class of a character next to a Chinese run: Latin and digits as a class."""
    if ch.isdigit():
        return "0"
    if ch.isascii() and ch.isalpha():
        return "a"
    return ch
