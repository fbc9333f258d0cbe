"""Superlative questions: "哪项业务收入最高", "哪个业务增长最快", "占比最大的是什么".

No single sentence answers them; the report states the figures side by side. The question's
measure (a growth rate, a share, or an amount) is read from every sentence that states one
for a labelled metric ("网络游戏收入为382.88亿元，同比增长40%"), the labels are filtered by what
the question names and by period, and the extreme one answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.text import normalize

SUPERLATIVE_RE = re.compile(r"最(快|高|大|多|好|强|慢|低|小|少|差|弱)")
_HIGH = frozenset("快高大多好强")
_DECLINE = ("下降", "减少", "下滑", "下跌", "降幅", "跌幅")
_GROWTH_WORDS = ("增长", "增速", "增幅", "涨", "上升", *_DECLINE)
_SHARE_WORDS = ("占比", "比例", "比重", "份额", "占")
# A part of the whole is asked for ("哪项业务"): the total is not an answer.
_PART_WORDS = ("业务", "板块", "分部", "部门", "产品", "哪个", "哪项", "哪一", "哪家", "哪些")

_NUM = r"\d+(?:\.\d+)?"
_GROWTH_RE = re.compile(
    rf"(增长|上升|提升|上涨|增加|下降|减少|下滑|下跌)了?(?:约|近|超过)?({_NUM})%")
_SHARE_RE = re.compile(rf"占[^，,；;。]{{0,16}}?({_NUM})%")
_MAGNITUDE = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6,
              "万": 1e4}
_AMOUNT_RE = re.compile(rf"({_NUM})(万亿|千亿|百亿|亿|千万|百万|万)?(?:美元|港元|元)")
_LABEL_RE = re.compile(
    r"^(?:其中|而|另外|此外|同时|以及)?[，,]?([^，,；;。]{2,24}?)(?:约为|为|达到|达|共计|合计)")
_LEAD_RE = re.compile(r"^(?:其中|而|另外|此外|同时|以及)[，,]?")


@dataclass(frozen=True)
class Asked:
    """What a superlative question compares, and which end of the scale it wants."""

    measure: str      # "growth", "share" or "amount"
    highest: bool     # the largest value (最高, 增长最快, 下降最多: the steepest fall)
    superlative: str  # 最快, 最高 …
    parts: bool       # a part of the whole is asked for: totals are left out
    decline: bool     # the question asks about a fall (下降最多)


@dataclass(frozen=True)
class Item:
    pid: int
    label: str
    value: float
    text: str


def asked(text: str) -> Asked | None:
    """The comparison a cleaned question asks for, or None when it is no superlative."""
    found = SUPERLATIVE_RE.search(text)
    if not found:
        return None
    decline = any(w in text for w in _DECLINE)
    if any(w in text for w in _GROWTH_WORDS):
        measure = "growth"
    elif any(w in text for w in _SHARE_WORDS):
        measure = "share"
    else:
        measure = "amount"
    high = found.group(1) in _HIGH
    # Growth is compared signed: "下降最多" wants the lowest, "增长最快" the highest.
    highest = high != (decline and measure == "growth")
    return Asked(measure, highest, found.group(), any(w in text for w in _PART_WORDS), decline)


def measure_of(text: str, measure: str) -> float | None:
    """The figure of the asked kind a sentence states, or None."""
    if measure == "growth":
        m = _GROWTH_RE.search(text)
        if not m:
            return None
        value = float(m.group(2))
        return -value if m.group(1) in _DECLINE else value
    if measure == "share":
        s = _SHARE_RE.search(text)
        return float(s.group(1)) if s else None
    a = _AMOUNT_RE.search(text)
    return float(a.group(1)) * _MAGNITUDE.get(a.group(2) or "", 1.0) if a else None


def label_of(text: str) -> str | None:
    """What a sentence states a figure of: the words before 为/达到 (网络游戏收入)."""
    m = _LABEL_RE.match(normalize(text))
    return m.group(1).strip() if m else None


def lead(item: Item, ask: Asked) -> str:
    """The answer's opening: 网络游戏收入增长最快 / 增值服务收入最高 / … 占比最大."""
    verb = {"growth": "下降" if ask.decline else "增长", "share": "占比", "amount": ""}
    return f"{item.label}{verb[ask.measure]}{ask.superlative}"


def statement(item: Item) -> str:
    """The sentence quoted, without a leading 其中 and with a full stop."""
    return _LEAD_RE.sub("", item.text).rstrip("；;，,。") + "。"
