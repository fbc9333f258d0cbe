"""Cleaning a raw question before analysis: markup, width, script, fillers, numerals."""

from __future__ import annotations

import re
from collections.abc import Iterable

import cn2an

from knowledge.lexicon import Lexicon
from knowledge.text import HTML_RE, normalize

MAX_QUESTION = 300
_CN_NUM_RE = re.compile(r"(百分之)?([零〇一二两三四五六七八九十百千万亿点]+)(?=(.?))")
_CN_DIGITS = set("零〇一二两三四五六七八九")
_CN_UNITS = set("十百千点")
_KEEP_RE = re.compile(r"[^\w%‰.]+")


# Cantonese question words (after traditional → simplified) and their Mandarin: 幾多 → 多少,
# 咩 → 什么, 點解 → 为什么. Only words no Mandarin sentence uses (系 = 係 is also 关系's 系).
_CANTONESE = (
    ("几多", "多少"), ("点解", "为什么"), ("边个", "谁"), ("点睇", "怎么看"), ("咩", "什么"),
    ("咗", "了"), ("嘅", "的"), ("冇", "没有"), ("喺", "在"), ("佢哋", "他们"), ("佢", "他"),
)


def clean(raw: str, lex: Lexicon) -> str:
    """Normalise a raw question and drop fillers, markup and symbols."""
    # Lone surrogates and other unencodable input must not reach OpenCC.
    text = raw[:MAX_QUESTION].encode("utf-8", "ignore").decode("utf-8")
    text = HTML_RE.sub(" ", text)
    text = normalize(text)
    for word, mandarin in _CANTONESE:
        if word in text:
            text = text.replace(word, mandarin)
    for phrase, head in lex.phrases.items():
        if phrase in text:
            text = text.replace(phrase, head)
    text = _KEEP_RE.sub(" ", text).replace("_", " ")
    text = re.sub(r"\s+", " ", text).strip()
    changed = True
    while changed:
        changed = False
        for filler in lex.fillers:
            if text.startswith(filler):
                text = text[len(filler) :].lstrip()
                changed = True
            elif len(filler) >= 4 and filler in text:
                text = text.replace(filler, " ").strip()
                changed = True
    return text


def convert_numerals(text: str, names: Iterable[str] = ()) -> str:
    """Chinese numerals that are amounts or dates become digits; 二季度 and 三大 stay words, and
    so do the numerals of ``names`` (华润三九, 三一重工)."""
    kept = [(m.start(), m.end()) for name in names if name and any(
        ch in _CN_DIGITS for ch in name) for m in re.finditer(re.escape(name), text)]

    def repl(m: re.Match[str]) -> str:
        percent, run, nxt = m.group(1), m.group(2), m.group(3)
        start = m.start(2)
        if start > 0 and text[start - 1] == "第":
            return m.group(0)
        if any(a <= start < b for a, b in kept):
            return m.group(0)
        has_digit = any(ch in _CN_DIGITS for ch in run)
        has_unit = any(ch in _CN_UNITS for ch in run) or run[-1] in "万亿"
        dated = nxt in ("月", "日", "号") or (nxt == "年" and len(run) == 4)
        if not has_digit or not (has_unit or dated or len(run) >= 2 or percent):
            return m.group(0)
        if nxt in ("季", "大", "个", "家") and not has_unit:
            return m.group(0)
        suffix = ""
        core = run
        while core and core[-1] in "万亿" and len(core) > 1:
            suffix = core[-1] + suffix
            core = core[:-1]
        try:
            if nxt == "年" and len(core) == 4 and all(ch in _CN_DIGITS for ch in core):
                value = "".join(
                    str("零一二三四五六七八九".find(c)) if c != "〇" else "0" for c in core
                )
            else:
                number = cn2an.cn2an(core, "smart")
                value = f"{number:g}" if isinstance(number, float) else str(number)
        except (ValueError, KeyError, TypeError, IndexError):
            return m.group(0)
        return value + suffix + ("%" if percent else "")

    return _CN_NUM_RE.sub(repl, text)
