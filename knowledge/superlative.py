"""Superlative questions: "哪项业务收入最高", "哪个业务增长最快", "占比最大的是什么".

No single sentence answers them; the report states the figures side by side. The question's
measure (a growth rate, a share, or an amount) is read from every sentence that states one
for a labelled metric ("网络游戏收入为382.88亿元，同比增长40%"), the labels are filtered by what
the question names and by period, and the extreme one answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.facts import Fact
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


# --- breakdown tables -----------------------------------------------------------------------
# "哪个产品收入最高" in an annual report: the 营业收入构成 table lists revenue by 分行业 / 分产品 /
# 分地区, one row per part, with a column per measure. The question's kind of part picks the
# row group, its measure the column, and the extreme row answers.
_KIND_RE = re.compile(r"产品|地区|区域|地域|行业|业务|板块|分部|渠道|客户")
_KIND_GROUPS = {
    "产品": "产品", "地区": "地区|地域|区域", "区域": "地区|地域|区域", "地域": "地区|地域|区域",
    "行业": "行业", "业务": "行业|业务|分部|板块", "板块": "行业|业务|分部|板块",
    "分部": "分部|业务|行业", "渠道": "渠道", "客户": "客户",
}
# What is compared is what the question says besides the part, the superlative and the
# question words ("哪个地区贷款最多" → 贷款); revenue when it says nothing else.
_ASIDE_RE = re.compile(
    rf"{_KIND_RE.pattern}|哪一?[个项家类种些]|什么|是|的|呢|吗|请问|(?:同比)?(?:{'|'.join(_GROWTH_WORDS)})"
    rf"|{'|'.join(_SHARE_WORDS)}|{SUPERLATIVE_RE.pattern}|[?？!！，,。\s]")
_REVENUE_WORDS = re.compile(r"营收|营业额|销售额|销售收入")
_MEASURE_WORD_RE = re.compile(r"收入|成本|毛利|利润|费用|贷款|存款|资产|负债")
_NOT_A_PART_RE = re.compile(r"合计|总计|小计|抵销|抵消|其他|其它|总额|^总")


@dataclass(frozen=True)
class Breakdown:
    """The answer to a superlative over a breakdown table: the rows compared, best first."""

    kind: str              # 产品, 地区 …
    cue: str               # 收入, 毛利率 …
    ranked: list[Fact]     # best first


def breakdown(question: str, ask: Asked, facts: Iterable[Fact]) -> Breakdown | None:
    """The rows of a breakdown table the question compares, best first; None when the question
    names no kind of part (产品, 地区 …) or no table breaks its measure down so."""
    text = normalize(question)
    kind_m = _KIND_RE.search(text)
    if kind_m is None:
        return None
    kind = kind_m.group()
    groups = re.compile(_KIND_GROUPS[kind])
    year_m = re.search(r"(\d{4})年", text)
    cue = _REVENUE_WORDS.sub("收入", _ASIDE_RE.sub("", re.sub(r"\d{4}年", "", text))) or "收入"
    rows: dict[str, Fact] = {}
    for fact in facts:
        if not fact.group or not groups.search(fact.group) or _NOT_A_PART_RE.search(fact.metric):
            continue
        if (ask.measure == "growth" and not fact.change) or (ask.measure == "share" and not \
                fact.share) or (ask.measure == "amount" and (fact.change or fact.share)):
            continue
        column = normalize(fact.column)
        if cue not in column and (_MEASURE_WORD_RE.search(column)
                                  or cue not in normalize(fact.heading)):
            continue
        if year_m and fact.period.year != int(year_m.group(1)):
            continue
        rows.setdefault(f"{fact.document}\x1f{fact.period.key}\x1f{fact.metric}", fact)
    if not rows:
        return None
    # The latest period the table states, when the question names none.
    latest = max((f.period.year or 0, f.period.part == "") for f in rows.values())
    parts = [f for f in rows.values() if (f.period.year or 0, f.period.part == "") == latest]
    if len(parts) < 2:
        return None

    def size(fact: Fact) -> float:
        return fact.number * (fact.scale or 1.0)

    ranked = sorted(parts, key=size, reverse=ask.highest)
    if ask.decline and ask.measure == "growth":
        ranked = [f for f in ranked if f.number < 0]
        if not ranked:
            return None
    return Breakdown(kind, cue, ranked)
