"""Which of one company's reports a question is about, before any ranking.

A shelf may hold several periods of one company (2021 annual, 2022 half-year, 2023 first
quarter). A question naming a period is answered from the report on that period ("2022年上半年
…" from the half-year report); one naming none from the newest report, the default period —
falling back to every report when the chosen one has no answer, since an annual report says
more about strategy than a quarterly one.
"""

from __future__ import annotations

import re

from knowledge.facts import Period, cn_years, newest, report_for
from knowledge.figures import question_period

# The period word (knowledge/lexicon/synonyms.txt) of a report on part of a year: what a
# passage naming no period in that report is about.
PART_WORDS = {"Q1": "第一季度", "H1": "上半年", "9M": "前三季度", "Q3": "第三季度"}
_NAMED_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*(?:年|财年)")


def documents_for(text: str, periods: dict[str, Period]) -> tuple[frozenset[str], bool]:
    """(the documents a normalised question is about, whether it named their period): the
    report on the asked period, else the newest report; empty when every report is."""
    if len({p for p in periods.values() if p.year is not None}) < 2:
        return frozenset(), False
    head = newest(periods)
    t = cn_years(text)
    asked = question_period(t, head)
    if asked is None or asked.year is None:
        return frozenset(d for d, p in periods.items() if p == head), False
    if _NAMED_YEAR_RE.search(t):
        base = report_for(asked.year, periods) or head
        asked = question_period(t, base) or asked
    own = [d for d, p in periods.items() if p.year == asked.year and p.part == asked.part]
    if not own:
        own = [d for d, p in periods.items() if p.year == asked.year]
    return frozenset(own), True
