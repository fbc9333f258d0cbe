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

import functools
import itertools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from knowledge.models import Passage
from knowledge.text import normalize, without_names

LEAD_SENTENCES = 3
LEAD_CHARS = 600
SECTION_MARK = "§"  # Context.topics[0] of a section answer: "§document\x1fheading"


@dataclass(frozen=True)
class Topic:
    name: str
    asked: re.Pattern[str]      # on the normalised question
    headings: tuple[str, ...]   # words of normalised headings naming it, the surest first
    # A sentence that answers it where no heading names it (an announcement has no 主要业务
    # section, but says 本集团从事…产品 in its notes).
    sentence: re.Pattern[str] | None = None
    sentences: int = 1  # how many such sentences answer it

    @functools.cached_property
    def heading_re(self) -> re.Pattern[str]:
        # 非主营业务分析 is not about the main business.
        return re.compile("(?<!非)(?:" + "|".join(self.headings) + ")")


TOPICS = (
    # HK reports say 策略 for 战略 and head the section 展望 / 前景 / 未來展望 / 前景展望.
    Topic("strategy", re.compile(r"战略|发展规划|经营计划|未来规划|发展方向|发展目标|展望|前景"
                                 r"|发展策略|经营策略|未来.{0,6}计划|打算怎么|怎么干|下一步"),
          ("发展战略", "发展策略", "战略定位", "经营计划", "发展规划", "未来发展", "展望", "前景",
           "经营目标", "发展目标", "战略"),
          # A results announcement without such a section says its plans in passing:
          # 本集團會持續推出各項新產品, 本集團會積極向藥品研發公司收購….
          re.compile(r"(?:本集团|本公司|集团|公司)[^，。；]{0,8}(?:将|会|计划|拟|未来)[^，。；]{0,6}"
                     r"(?:持续|继续|积极|加大|推出|收购|投放|扩大|开拓|拓展|提高|加强|加快|推进)"),
          LEAD_SENTENCES),
    Topic("risk", re.compile(r"风险(?:因素|提示)?|面临.{0,4}(?:挑战|风险)"),
          ("可能面对的风险", "可能面临的风险", "面临的风险", "风险因素", "风险提示", "主要风险",
           "风险管理")),
    Topic("business", re.compile(r"主营业务|主要业务|做什么业务|业务是什么|从事.{0,6}业务"
                                 r"|(?:公司|企业|集团)(?:主要)?是?(?:做|干)(?:什么|啥)"
                                 r"|主要是?(?:做|干)(?:什么|啥)(?:的|业务|生意)"
                                 # Cantonese: "係做咩生意㗎", "做乜嘢业务".
                                 r"|(?:做|干)(?:什么|啥|咩|乜嘢?)(?:生意|业务|行业|产品)"),
          ("主要业务", "主营业务", "从事的业务", "业务概要", "业务概况", "主要经营"),
          # The company itself, not 该公司 (one it bought).
          # HK notes: 本集團主要從事藥品之製造、銷售、研究及開發以及投資控股.
          re.compile(r"(?<!该)(?:本集团|本公司|集团|公司)[^，。；]{0,30}?从事[^。；]{0,40}"
                     r"(?:业务|产品|服务|投资控股|制造|生产|销售|开发)")),
    Topic("competitiveness", re.compile(r"核心竞争力|竞争优势|护城河|核心优势"),
          ("核心竞争力", "竞争优势", "核心优势")),
    Topic("audit", re.compile(r"关键审计事项"), ("关键审计事项",)),
    # The auditor's opinion: an HK announcement quotes it under 不发表意见 / 保留意见 …
    Topic("opinion", re.compile(r"(?:核数师|审计师|会计师|审计机构).{0,6}意见"
                                r"|是否(?:经过?)?审计|审计(?:了|过)?(?:吗|没有|没)|有没有(?:经过)?审计"
                                r"|(?:审计|核数师)报告.{0,4}(?:说|结论|意见)"),
          ("不发表意见", "无法表示意见", "保留意见", "否定意见", "审计意见", "核数师报告",
           "审计报告")),
    # 派息, 派发股息, 派中期息, 派付末期股息.
    Topic("dividend", re.compile(r"分红方案|分红预案|分配方案|分配预案|利润分配|派息方案|股利分配"
                                 r"|怎么分红|如何分红|分不分红|派不派息|(?:分红|派(?:发|付)?"
                                 r"(?:中期|末期|特别)?股?息)(?:了)?吗|(?:有没有|是否|有无)"
                                 r"(?:分红|派(?:发|付)?(?:中期|末期|特别)?股?息)"),
          ("利润分配预案", "利润分配方案", "分红方案", "股息", "利润分配"),
          # A summary's 重要提示 states it without a heading of its own.
          re.compile(r"(?:利润分配|分红|派息)(?:预案|方案)为|不(?:进行|实施)利润分配"
                     r"|建议(?:派发|派付|宣派)[^。；]{0,30}股息")),
    Topic("industry", re.compile(r"行业地位|行业情况|所处的?.{0,6}行业|行业格局|市场地位"
                                 r"|行业.{0,4}(?:咋样|怎么样|形势|现状)"),
          ("行业地位", "所处行业", "行业情况", "行业发展", "市场地位", "行业格局")),
    Topic("responsibility", re.compile(r"社会责任|esg|环境保护|乡村振兴|公益"),
          ("社会责任", "esg", "环境和社会", "环境保护", "可持续发展")),
)
# Questions that want a figure, a date or a list of names are not open questions.
_FIGURE_RE = re.compile(r"多少|几|率|金额|总额|同比|增长|下降|什么时候|何时|哪年|占比|比例|谁")
_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
# A heading sharing this long a phrase with the question is the one asked for (战略定位).
SHARED_PHRASE = 4
_REACH = 6  # characters a shared phrase may reach beyond the question's topic word


# "第三季度财务报表是否经审计" over its boxes "□是 √否"; "本半年度报告未经审计。"
_AUDIT_ASKED_RE = re.compile(r"是否(?:经过?)?审计$")
_AUDIT_SAID_RE = re.compile(r"(?:报告|报表|财务信息|财务资料|业绩)[^。，]{0,8}"
                            r"(?:未经|已经|经过?)[^。，]{0,6}(?:审计|审阅)")
_BOXES_RE = re.compile(r"^[√□☑■]?\s*是\s*[√□☑■]?\s*否$")


_AUDIT_YES_NO_RE = re.compile(
    r"是否(?:经过?)?审计|审计(?:了|过)?(?:吗|没有|没)|有没有(?:经过)?审计")


def asks_audited(question: str) -> bool:
    """"半年报审计了吗": whether it was audited, not what the auditor said."""
    return bool(_AUDIT_YES_NO_RE.search(normalize(question)))


def audited(headings: Headings) -> list[Passage]:
    """Whether the report was audited, as the report says it: the template line with its
    checked box, or a sentence; [] when it says neither."""
    passages, norms = headings.passages, headings.norms
    for i, norm in enumerate(norms):
        text = norm.strip()
        if _BOXES_RE.match(text) and _AUDIT_ASKED_RE.search(normalize(passages[i].heading)):
            # The question set as a heading ("3.第一季度报告是否经审计") over its boxes.
            boxes = passages[i].text
            return [replace(passages[i], text=f"{passages[i].heading} {boxes}{_box_says(boxes)}")]
        if _AUDIT_ASKED_RE.search(text) and i + 1 < len(norms) and \
                _BOXES_RE.match(norms[i + 1].strip()):
            boxes = passages[i + 1].text
            return [passages[i], replace(passages[i + 1], text=f" {boxes}{_box_says(boxes)}")]
        if _AUDIT_SAID_RE.search(text) and len(text) <= 60:
            return [passages[i]]
    return []


def _box_says(boxes: str) -> str:
    """The checked box in words ("□是 √否" → "（即未经审计）"), as a reader takes it; nothing
    when no box or both are checked."""
    m = re.search(r"([√☑■])\s*([是否])", boxes)
    if m and len(re.findall(r"[√☑■]", boxes)) == 1:
        return "（即经过审计）" if m.group(2) == "是" else "（即未经审计）"
    # Text taken from the PDF may lose the check mark's glyph and keep the empty box:
    # "□是 否" — the option without its empty box is the one checked.
    empty = re.findall(r"□\s*([是否])", boxes)
    if not m and len(empty) == 1:
        return "（即未经审计）" if empty[0] == "是" else "（即经过审计）"
    return ""


def asked_topic(question: str) -> Topic | None:
    """The section an open question asks about ("公司发展战略是什么" → strategy), or None."""
    norm = normalize(question)
    if _FIGURE_RE.search(norm):
        return None
    return next((t for t in TOPICS if t.asked.search(norm)), None)


def _shared(question: str, topic: Topic, heading: str) -> int:
    """The longest phrase around the question's topic word that the heading also says."""
    m = topic.asked.search(question)
    if not m:
        return 0
    best = 0
    # A phrase may start inside the topic word: 行业格局和趋势 for "所处行业格局和趋势".
    for start in range(max(0, m.start() - _REACH), max(m.start() + 1, m.end() - 1)):
        for end in range(min(len(question), m.end() + _REACH), max(start + best, m.end() - 1), -1):
            if question[start:end] in heading:
                best = end - start
                break
    return best


class Headings:
    """The sections of a knowledge base in reading order, each heading normalised once, and
    the passages' normalised texts.

    Built with the knowledge (``KnowledgeBase._headings``): normalising every passage's heading
    for each open question cost ~30 ms on two annual reports (12,000 passages), as much as
    the rest of answering ten times over.
    """

    def __init__(self, passages: Sequence[Passage], norms: Sequence[str]) -> None:
        groups: dict[tuple[str, str], list[Passage]] = {}
        for passage in passages:
            if passage.heading:
                groups.setdefault((passage.document, passage.heading), []).append(passage)
        self.sections = [(normalize(heading), members)
                         for (_, heading), members in groups.items()]
        self.passages = passages
        self.norms = norms
        self._bare: dict[str, list[list[Passage]]] | None = None

    def by_bare_heading(self) -> dict[str, list[list[Passage]]]:
        """Sections by their heading without its numbering ("（3）销售模式" → 销售模式), made on
        first use: a regex over every heading for each question cost ~1 ms on two annual
        reports."""
        if self._bare is None:
            bare: dict[str, list[list[Passage]]] = {}
            for heading, members in self.sections:
                bare.setdefault(_NUMBERING_RE.sub("", heading).strip(), []).append(members)
            self._bare = bare
        return self._bare


def lead(headings: Headings, topic: Topic, question: str = "") -> list[Passage]:
    """The first sentences of the section whose heading names ``topic`` best: one sharing a
    phrase with the question (战略定位), else the surest heading word (发展战略 before a
    战略委员会's report), else the longest; without one, the first sentence that says it."""
    by_section: dict[int, list[Passage]] = {}
    rank: dict[int, tuple[int, bool, int]] = {}
    norm_q = normalize(question)
    for key, (heading, members) in enumerate(headings.sections):
        if not topic.heading_re.search(heading):
            continue
        shared = _shared(norm_q, topic, heading)
        sure = next(i for i, w in enumerate(topic.headings) if topic.heading_re.search(heading)
                    and w in heading and f"非{w}" not in heading)
        # The year asked (2015年分红方案) picks its section among the years' ones.
        dated = any(year in heading for year in _YEAR_RE.findall(norm_q))
        rank[key] = (shared if shared >= SHARED_PHRASE else 0, dated, -sure)
        by_section[key] = members
    if not by_section:
        if topic.sentence is None:
            return []
        pattern = topic.sentence
        said = (p for p, norm in zip(headings.passages, headings.norms, strict=True)
                if pattern.search(norm))
        return list(itertools.islice(said, topic.sentences))
    # The section that says most about it: a heading listed in the contents has a sentence or
    # two; the section itself has many.
    best = max(by_section, key=lambda k: (*rank[k], len(by_section[k])))
    return _with_subsections(headings.passages, _lead_of(by_section[best]), by_section[best])


def _with_subsections(passages: Sequence[Passage], found: list[Passage],
                      section: Sequence[Passage]) -> list[Passage]:
    """A lead that is the whole section and ends on "：" or says little (a sentence of vision
    over "（一）业务及产品情况 / 1. CHC健康消费品业务 / 2. 处方药业务") goes on into the
    subsections' titles and first sentences."""
    if not found or found[-1] is not section[-1]:
        return found
    if found[-1].text.rstrip().endswith(("：", ":")):
        return found + _subsections(passages, found[-1])
    if sum(len(p.text) for p in found) < SHORT_SECTION:
        more = _subsections(passages, found[-1], titles=NUMBERED_TITLE, most=SHORT_SUBSECTIONS)
        # "√适用 □不适用" alone says only that the subsections follow.
        said = [p for p in found if not _TEMPLATE_BOX_RE.match(p.text.strip())]
        return said + more if more else found
    return found


# A section that ends on "主要体现在以下方面：" sets its points out as sections of their own,
# headed by short titles (1、产品优势 / 2、营销优势): their titles and first sentences.
SUBSECTION_TITLE = 8
MAX_SUBSECTIONS = 8
SHORT_SECTION = 200  # characters: a lead this short says too little on its own
# Its subsections are numbered, their numbering is dropped with the build: titles may be
# longer (业务及产品情况), and only a few are read, since where they end is not known.
NUMBERED_TITLE = 12
SHORT_SUBSECTIONS = 4


# The statements follow the last text section of a short report: never a subsection.
_STATEMENT_RE = re.compile(r"资产负债表|利润表|现金流量表|财务报表|权益变动表|财务状况表|收益表")


def _subsections(passages: Sequence[Passage], intro: Passage,
                 titles: int = SUBSECTION_TITLE, most: int = MAX_SUBSECTIONS
                 ) -> list[Passage]:
    """The titles and first sentences of the (at most ``most``) sections after ``intro``
    whose titles are short."""
    out: list[Passage] = []
    size = 0
    heading = intro.heading
    start = intro.id + 1
    if not (start <= len(passages) and passages[start - 1] is intro):
        return []
    for passage in passages[start:]:
        if passage.document != intro.document or passage.heading == heading:
            continue
        title = normalize(passage.heading).strip()
        if len(title) > titles or len(out) >= most or _STATEMENT_RE.search(title) or (
                out and size + len(passage.text) > LEAD_CHARS):
            break
        heading = passage.heading
        body = passage.text.rstrip()
        if not body.endswith(("。", "；", "：", ":", "！", "？", ".")):
            body += "。"  # a title line ("CHC健康消费品业务") must not run into the next
        out.append(replace(passage, text=f"{passage.heading}：{body}"))
        size += len(passage.text)
    return out


# A heading that asks the definition question itself: 「什麼是ISD系統？」, 「ISD系统简介」.
_DEFINING_HEADING_RE = re.compile(
    r"^(?:[一二三四五六七八九十\d]+[、.]\s*)?(?:什么是|何谓|何为)(?P<a>.+?)[?？]?$"
    r"|^(?:[一二三四五六七八九十\d]+[、.]\s*)?(?P<b>.+?)(?:是什么|简介|介绍)[?？]?$")


def defining(headings: Headings, terms: Sequence[str]) -> list[Passage]:
    """The lead of the section whose heading asks what one of ``terms`` is (「什麼是ISD系統？」
    for "ISD系統是什麼"): the report's own definition, which ranking by words misses among
    the many sentences naming the term."""
    wanted = {t.replace(" ", "") for t in terms if len(t) >= 2}
    for heading, members in headings.sections:
        m = _DEFINING_HEADING_RE.match(heading.replace(" ", ""))
        if m and (m.group("a") or m.group("b")) in wanted:
            return _lead_of(members)
    return []


# A heading's numbering: "（3）销售模式", "(一)行业格局和趋势", "1、产品优势", "四、".
_NUMBERING_RE = re.compile(
    r"^(?:[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十\d]+\s*[、.．])\s*")
# What a question naming a section may say besides its heading and the company.
_ASKING_RE = re.compile(r"是什么|是怎样的|怎么样|如何|介绍一下|介绍|说说|讲讲|有哪些|是啥|请问"
                        r"|说了(?:些)?(?:啥|什么)|讲了(?:些)?(?:啥|什么)|有(?:些)?(?:啥|什么)"
                        r"|(?:年报|季报|三季报|一季报|中报|半年报|报告)(?:里|中)?"
                        r"|公司的?|的|呢|[?？!！。,，\s]")
_AMOUNT_RE = re.compile(r"\d(?![\d,.]*\s*[年月日])")  # a figure, not a date
_HOW_MUCH_TAIL_RE = re.compile(r"(?:是|有|为|共|一共|总共)?(?:多少|几多)(?:钱)?$")
NAMED_HEADING = 3  # shorter headings ("概述") are too common to be what a question names


def named(headings: Headings, question: str, names: Sequence[str],
          documents: Collection[str] | None = None) -> list[Passage]:
    """The lead of the section a question names by its heading and nothing else ("金花股份的
    销售模式"): the heading's words need not be in any sentence of it; only ``documents``'
    sections when given."""
    norm = without_names(question, names)
    asked = _ASKING_RE.sub("", norm)
    # "资本开支多少": the heading and how much; its lead must then state a figure.
    bare = _HOW_MUCH_TAIL_RE.sub("", asked)
    if len(bare) < NAMED_HEADING or re.search(r"\d", bare):
        return []
    found = [section for section in headings.by_bare_heading().get(bare, [])
             if documents is None or section[0].document in documents]
    if not found:
        return []
    section = max(found, key=len)
    lead = _with_subsections(headings.passages, _lead_of(section), section)
    if bare != asked and not any(_AMOUNT_RE.search(p.text) for p in lead):
        return []
    return lead


# The points of a section set out one by one: "一是…", "二是…", or a short title sentence
# ("民营企业的银行。") heading each paragraph.
_POINT_RE = re.compile(r"^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十]|首先|其次|最后)")
POINT_TITLE = 12
INTRO = 2  # sentences before the first point that introduce them


def _point(passage: Passage) -> bool:
    text = passage.text.strip()
    return bool(_POINT_RE.match(text)) or (
        len(text) <= POINT_TITLE and text.endswith("。") and "，" not in text)


# The exchanges' template box before a section's text: "√适用 □不适用".
_TEMPLATE_BOX_RE = re.compile(r"^[√□☑■]\s*适用\s*[√□☑■]\s*不适用$")


def _lead_of(section: Sequence[Passage]) -> list[Passage]:
    """The lead of a section: its first sentences, or, when it sets out points, its
    introduction and the points (the details are what "更多" reads)."""
    section = [p for p in section if not _TEMPLATE_BOX_RE.match(p.text.strip())] or section
    points = [i for i, p in enumerate(section) if _point(p)]
    if len(points) >= 2:
        chosen = [*range(min(points[0], INTRO)), *points]
        out_points: list[Passage] = []
        size = 0
        for i in chosen:
            if out_points and size + len(section[i].text) > LEAD_CHARS:
                break
            out_points.append(section[i])
            size += len(section[i].text)
        return out_points
    out: list[Passage] = []
    size = sentences = 0
    listing = False  # a sentence ending in "：" introduces a list: read it whole
    for passage in section:
        if out and (size + len(passage.text) > LEAD_CHARS
                    or (sentences >= LEAD_SENTENCES and not listing)):
            break
        out.append(passage)
        size += len(passage.text)
        # A long sentence is cut into clause groups: a group ending in "，" is not a sentence.
        sentences += not passage.text.rstrip().endswith(("，", ",", "、"))
        listing = listing or passage.text.rstrip().endswith(("：", ":"))
    return out


# A line that names what follows instead of saying it: "需提醒投资者关注的关于公司报告期经营情况的
# 其他重要信息", "主要业务情况如下：". No figure, no sentence end.
LABEL_CHARS = 40
_LABEL_RE = re.compile(rf"^[^\d。；;!！?？]{{4,{LABEL_CHARS}}}[:：]?$")


def after_label(passages: Sequence[Passage], label: Passage) -> list[Passage]:
    """The lead of what a label line introduces, from the label on, in its section; [] when
    the passage is no label or nothing follows it."""
    if not _LABEL_RE.match(label.text.strip()):
        return []
    return reading_on(passages, label)


# "收购天士力是怎么回事": the story, not its first sentence.
_STORY_RE = re.compile(r"怎么回事|什么情况|啥情况|具体情况|详细(?:说说|介绍|情况)?|来龙去脉|进展")


def asks_story(question: str) -> bool:
    return bool(_STORY_RE.search(normalize(question)))


def dangling_label(passages: Sequence[Passage], label: Passage) -> bool:
    """A line introducing what follows ("各委員會成員之出席記錄如下：") with nothing after it
    in its section that a reply could show (a table read as facts, a page break): it says
    nothing by itself."""
    text = label.text.strip()
    return text.endswith(("：", ":")) and bool(_LABEL_RE.match(text)) \
        and not reading_on(passages, label)


def reading_on(passages: Sequence[Passage], first: Passage) -> list[Passage]:
    """The lead of a section from ``first`` on; [] when nothing follows it there."""
    start = first.id
    if not (0 <= start < len(passages) and passages[start] is first):
        return []
    section = [first]
    for passage in passages[start + 1:]:
        if passage.document != first.document or passage.heading != first.heading:
            break
        section.append(passage)
    found = _lead_of(section)
    return found if len(found) > 1 and found[0] is first else []


def mark(passage: Passage) -> str:
    return f"{SECTION_MARK}{passage.document}\x1f{passage.heading}"


def following(passages: Sequence[Passage], marker: str, shown: Sequence[int],
              onward: bool = False) -> list[Passage]:
    """The next sentences of the section a previous answer read from (for "更多"); with
    ``onward``, past its end into the next sections of the document (a bare "为什么" after
    a section answer: the report gives its grounds after the statement, 不发表意见 before
    不发表意见基准)."""
    if not marker.startswith(SECTION_MARK) or not shown:
        return []
    document, _, heading = marker[len(SECTION_MARK):].partition("\x1f")
    out: list[Passage] = []
    size = 0
    seen = set(shown)
    # From the first passage shown: a lead of points skipped the details between them.
    for passage in passages[min(shown) + 1:]:
        if passage.document != document or (
                passage.heading != heading and not onward):
            break
        if passage.id in seen:
            continue
        if out and (len(out) >= LEAD_SENTENCES or size + len(passage.text) > LEAD_CHARS):
            break
        out.append(passage)
        size += len(passage.text)
    return out
