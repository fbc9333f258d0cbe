"""Figure questions across periods: "近三年营收", "2021年和2022年净利润对比", "哪一年增长最快".

Answered from the facts of every report of one company (several annual reports, or one whose
key-figures table states three years): each figure quoted as written with its own source note,
and a growth rate computed where one is asked, saying so. Nothing here reads passages; a
question these readings do not fit returns None and goes on as a one-period question.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from knowledge.facts import Fact, Period, cn_years
from knowledge.texts import ACROSS_BEST, ACROSS_HEAD, ACROSS_PERIODS, ACROSS_RATES

if TYPE_CHECKING:
    from knowledge.figures import FigureAnswer, FigureAnswerer

_CN_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "十": 10}
# "近三年", "最近3年", "过去五年", "历年", "每年"
_RECENT_RE = re.compile(r"(?:近|最近|过去|前)([两二三四五六七八九十\d]{1,2})(?:个)?(?:年|财年|年度)"
                        r"(?:来|以来|的|里)?")
_EVERY_RE = re.compile(r"历年|每年|各年|逐年|每一年|这几年|几年来|近几年|最近几年")
# "哪一年增长最快", "哪年营收最高": the year to pick, and what picks it.
_WHICH_RE = re.compile(r"哪(?:一|个)?年(?:度)?")
_FASTEST_RE = re.compile(r"(?:增长|增速|增幅|涨幅|上升|提升)(?:最快|最大|最多|最高)")
_SLOWEST_RE = re.compile(r"(?:下降|下滑|降幅|减少|跌幅)(?:最快|最大|最多)|增长最慢|增速最低")
_HIGHEST_RE = re.compile(r"最高|最多|最大")
_LOWEST_RE = re.compile(r"最低|最少|最小")
# Two periods or more named apart: "2021年和2022年", "2022年一季度与2023年一季度".
_SPLIT_RE = re.compile(r"和|与|及|跟|同|、|,|，|vs|对比|相比|比较")
_ASK_WORDS_RE = re.compile(r"对比|相比|比较|分别|各是|各为|变化|走势|趋势|情况|怎么样|如何")
_PERIOD_WORDS_RE = re.compile(
    r"(?:(?:19|20)\d{2}|\d{2})\s*(?:年|财年)(?:度)?(?:第?[一二三四]季度|[一二三四]季度|上半年|"
    r"下半年|前三季度|年末|末|全年)?")


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _CN_COUNT.get(word, 0)


def answer_across(fig: FigureAnswerer, text: str) -> FigureAnswer | None:
    """The reply to a cross-period figure question, or None when ``text`` is not one."""
    text = cn_years(text)
    recent = _RECENT_RE.search(text)
    if recent or _EVERY_RE.search(text):
        n = _count(recent.group(1)) if recent else 0
        rest = _RECENT_RE.sub(" ", _EVERY_RE.sub(" ", text))
        return _years(fig, rest, n)
    which = _WHICH_RE.search(text)
    if which:
        return _which_year(fig, text[: which.start()] + " " + text[which.end():])
    periods = _PERIOD_WORDS_RE.findall(text)
    if len(periods) >= 2 and _SPLIT_RE.search(text):
        return _several(fig, text, periods)
    return None


def _metric(fig: FigureAnswerer, rest: str) -> str | None:
    from knowledge.figures import read_question

    rest = _ASK_WORDS_RE.sub(" ", rest)
    r = read_question(rest, fig.index, fig.company_text, fig.index.base, fig.names)
    if r.leftover or r.metric is None or r.ratio is not None or r.share_of is not None:
        return None
    headline = fig.index.items.headline.get(r.metric)
    return headline if headline and fig.index.has(headline) else r.metric


def _annual(fig: FigureAnswerer, metric: str) -> dict[int, Fact]:
    """The full-year figure of every year the reports state, one fact a year."""
    years = sorted({f.period.year for f in fig._found(metric)
                    if f.period.year is not None and not f.period.part})
    out: dict[int, Fact] = {}
    stock = fig._is_stock(metric)
    for year in years:
        fact = fig._one(metric, Period(year, "", stock))
        if fact is not None:
            out[year] = fact
    return out


def _line(fact: Fact) -> str:
    from knowledge.figures import stated, where

    return f"{fact.period.label()}：{stated(fact)}{where(fact)}"


def _years(fig: FigureAnswerer, rest: str, n: int) -> FigureAnswer | None:
    metric = _metric(fig, rest)
    if metric is None:
        return None
    facts = _annual(fig, metric)
    if len(facts) < 2:
        return None
    chosen = [facts[y] for y in sorted(facts)[-n if n else 0:]]
    head = ACROSS_HEAD.format(metric=chosen[0].metric, n=len(chosen))
    return _reply(head, chosen, metric)


def _several(fig: FigureAnswerer, text: str, said: list[str]) -> FigureAnswer | None:
    from knowledge.figures import question_period

    rest = _PERIOD_WORDS_RE.sub(" ", text)
    rest = _SPLIT_RE.sub(" ", rest)
    metric = _metric(fig, rest)
    if metric is None:
        return None
    chosen: list[Fact] = []
    for words in said:
        year = re.match(r"\d+", words)
        base = fig._report_for(int(year.group())) if year and len(year.group()) == 4 \
            else fig.index.base
        period = question_period(words, base)
        if period is None:
            return None
        if fig._is_stock(metric) and not period.part:
            period = Period(period.year, "", True)
        fact = fig._one(metric, period)
        if fact is None:
            return None
        chosen.append(fact)
    if len({f.period for f in chosen}) < 2:
        return None
    chosen.sort(key=lambda f: f.period.order)
    head = ACROSS_PERIODS.format(metric=chosen[0].metric,
                                 periods="和".join(f.period.label() for f in chosen))
    return _reply(head, chosen, metric, growth=True)


def _which_year(fig: FigureAnswerer, rest: str) -> FigureAnswer | None:
    growth = bool(_FASTEST_RE.search(rest) or _SLOWEST_RE.search(rest))
    lowest = bool(_SLOWEST_RE.search(rest)) if growth else bool(_LOWEST_RE.search(rest))
    if not growth and not lowest and not _HIGHEST_RE.search(rest):
        return None
    for pattern in (_FASTEST_RE, _SLOWEST_RE, _HIGHEST_RE, _LOWEST_RE):
        rest = pattern.sub(" ", rest)
    metric = _metric(fig, rest)
    if metric is None:
        return None
    facts = _annual(fig, metric)
    years = sorted(facts)
    if growth:
        rates = {y: (facts[y].number - facts[p].number) / abs(facts[p].number) * 100
                 for p, y in pairwise(years)
                 if y == p + 1 and facts[p].number and facts[p].unit == facts[y].unit}
        if not rates:
            return None
        best = (min if lowest else max)(rates, key=lambda y: rates[y])
        parts = "，".join(f"{y}年{rates[y]:+.2f}%" for y in sorted(rates))
        head = ACROSS_BEST.format(
            year=best, metric=facts[best].metric,
            how=("增长最慢" if lowest else "增长最快") + f"（计算）：{rates[best]:+.2f}%")
        head += ACROSS_RATES.format(rates=parts)
        used = [facts[y] for y in years if y in rates or y + 1 in rates]
    else:
        if len(years) < 2:
            return None
        best = (min if lowest else max)(years, key=lambda y: facts[y].number)
        head = ACROSS_BEST.format(year=best, metric=facts[best].metric,
                                  how="最低" if lowest else "最高")
        used = [facts[y] for y in years]
    return _reply(head, used, metric)


def _reply(head: str, facts: list[Fact], metric: str, growth: bool = False) -> FigureAnswer:
    from knowledge.figures import FigureAnswer, written

    lines = [head, *(_line(f) for f in facts)]
    computation = None
    first, last = facts[0], facts[-1]
    if growth and first.number and first.unit == last.unit and first.unit != "%":
        rate = (last.number - first.number) / abs(first.number) * 100
        computation = f"({last.value} - {first.value}) / {first.value}"
        lines.append(f"{last.period.label()}比{first.period.label()}"
                     f"{'增长' if rate >= 0 else '下降'}（计算）：{abs(rate):.2f}% = "
                     f"({written(last)} − {written(first)}) ÷ {written(first)}")
    return FigureAnswer("\n".join(lines), tuple(facts), computation, metric,
                        last.period, last)
