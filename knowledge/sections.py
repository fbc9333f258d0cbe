"""Open questions about a part of the report — strategy, risks, main business, core
competitiveness, key audit matters, industry position, social responsibility — answered from
the section whose heading says it is that part, with its lead sentences; "更多" reads on in
that section.

Ranking sentences by words does badly here: "公司的发展战略是什么" shares its words with every
sentence that mentions 战略 in passing, while the answer is the section 公司发展战略 whose own
sentences rarely repeat the word. Annual reports name these sections in fixed ways (the
exchanges' templates), so a heading match is the reliable signal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.models import Passage
from knowledge.text import normalize

LEAD_SENTENCES = 3
LEAD_CHARS = 400
SECTION_MARK = "§"  # Context.topics[0] of a section answer: "§document\x1fheading"


@dataclass(frozen=True)
class Topic:
    name: str
    asked: re.Pattern[str]      # on the normalised question
    headings: re.Pattern[str]   # on normalised headings


TOPICS = (
    Topic("strategy", re.compile(r"战略|发展规划|经营计划|未来规划|发展方向|发展目标|展望"
                                 r"|未来.{0,4}计划"),
          re.compile(r"发展战略|经营计划|发展规划|未来发展|战略|展望|经营目标|发展目标")),
    Topic("risk", re.compile(r"风险(?:因素|提示)?|面临.{0,4}(?:挑战|风险)"),
          re.compile(r"风险因素|可能面对的风险|可能面临的风险|面临的风险|风险提示|主要风险|风险管理")),
    Topic("business", re.compile(r"主营业务|主要业务|做什么业务|业务是什么|从事.{0,6}业务"
                                 r"|(?:公司|企业)(?:主要)?是?(?:做|干)(?:什么|啥)"),
          re.compile(r"主要业务|主营业务|从事的业务|业务概要|业务概况|主要经营")),
    Topic("competitiveness", re.compile(r"核心竞争力|竞争优势|护城河|核心优势"),
          re.compile(r"核心竞争力|竞争优势|核心优势")),
    Topic("audit", re.compile(r"关键审计事项"), re.compile(r"关键审计事项")),
    Topic("industry", re.compile(r"行业地位|行业情况|所处行业|行业格局|市场地位"),
          re.compile(r"行业地位|所处行业|行业情况|行业发展|市场地位|行业格局")),
    Topic("responsibility", re.compile(r"社会责任|esg|环境保护|乡村振兴|公益"),
          re.compile(r"社会责任|esg|环境和社会|环境保护|可持续发展")),
)
# Questions that want a figure, a date or a list of names are not open questions.
_FIGURE_RE = re.compile(r"多少|几|率|金额|总额|同比|增长|下降|什么时候|何时|哪年|占比|比例|谁")


def asked_topic(question: str) -> Topic | None:
    """The section an open question asks about ("公司发展战略是什么" → strategy), or None."""
    norm = normalize(question)
    if _FIGURE_RE.search(norm):
        return None
    return next((t for t in TOPICS if t.asked.search(norm)), None)


class Headings:
    """The sections of a knowledge base in reading order, each heading normalised once.

    Built with the knowledge (``KnowledgeBase.headings``): normalising every passage's heading
    for each open question cost ~30 ms on two annual reports (12,000 passages), as much as
    the rest of answering ten times over.
    """

    def __init__(self, passages: Sequence[Passage]) -> None:
        groups: dict[tuple[str, str], list[Passage]] = {}
        for passage in passages:
            if passage.heading:
                groups.setdefault((passage.document, passage.heading), []).append(passage)
        self.sections = [(normalize(heading), members)
                         for (_, heading), members in groups.items()]


def lead(headings: Headings, topic: Topic) -> list[Passage]:
    """The first sentences of the first section whose heading names ``topic``."""
    found = [members for norm, members in headings.sections if topic.headings.search(norm)]
    if not found:
        return []
    # The section that says most about it: a heading listed in the contents has a sentence or
    # two; the section itself has many.
    best = max(found, key=len)
    out: list[Passage] = []
    size = 0
    for passage in best:
        if out and (len(out) >= LEAD_SENTENCES or size + len(passage.text) > LEAD_CHARS):
            break
        out.append(passage)
        size += len(passage.text)
    return out


def mark(passage: Passage) -> str:
    return f"{SECTION_MARK}{passage.document}\x1f{passage.heading}"


def following(passages: Sequence[Passage], marker: str, shown: Sequence[int]) -> list[Passage]:
    """The next sentences of the section a previous answer read from (for "更多")."""
    if not marker.startswith(SECTION_MARK) or not shown:
        return []
    document, _, heading = marker[len(SECTION_MARK):].partition("\x1f")
    out: list[Passage] = []
    size = 0
    for passage in passages[max(shown) + 1:]:
        if (passage.document, passage.heading) != (document, heading):
            break
        if out and (len(out) >= LEAD_SENTENCES or size + len(passage.text) > LEAD_CHARS):
            break
        out.append(passage)
        size += len(passage.text)
    return out
