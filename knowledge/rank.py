"""Ranking passages for an analysed question: BM25 plus what a question about a report needs.

Scores are BM25 over the concept's weight (so a synonym counts like the word), adjusted for the
kind of answer asked for (a figure, a date, a list), the period asked about, and how much of
the passage is about what was asked. Coverage — how much of the question a passage matches —
is the confidence the caller compares with its threshold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.facts import load_items
from knowledge.index import BM25Index
from knowledge.lexicon import Lexicon
from knowledge.query import Query
from knowledge.text import DATE_RE, PERCENT_RE, WORDED_AMOUNT_RE, has_figure

CANDIDATES = 25
WHY_WIDER = 4
PART_OPENERS = ("其中", "包括", "包含")
# "X是什么 / 介绍一下X": a passage introducing X beats one listing it among other things.
DEFINE_BONUS = 1.3
LABEL_BONUS = 1.3  # a row labelled with a synonym of what was asked
EXACT_LABEL_BONUS = 1.6  # a row labelled with the very words asked
# A unit after a row label: 营业收入（元）, 基本每股收益(元/股) (text is normalised: half-width).
_LABEL_UNIT = re.compile(r"\s*\([^()]{1,12}\)\s*$")
_LABEL_TOTAL = re.compile(r"(?:合计|总计|总额)$")  # 营业收入合计 is the 营业收入 row
LISTED_ONLY = 0.85
# Other kinds of answer ("X是什么时候推出的") are asked for, not a definition.
ANSWER_KINDS = frozenset({"figure", "growth", "ratio", "time", "list", "who", "place"})
_QUOTED = "[“”\"「」『』‘’']"
_AFTER_TERM = (
    r"(?:是|为|即|系|指|就是|是指|作为|可以|可|能够|能|将|旨在|致力于|主要|通过|帮助|提供|\()"
)
_LEADERS = r"(?:而|其中|另外|此外|同时|目前|如今|现在|其|该)?[,，]?"
# Adjusted figures (Non-IFRS, 经调整, 扣非) stand beside the reported ones in many reports, in
# sentences alike but for this qualifier. A question naming a basis must get that basis.
_STANDARD = r"(?:国际|香港|中国|美国)?(?:通用|公认)?(?:财务报告|会计)准则"
ADJUSTED_RE = re.compile(
    rf"非{_STANDARD}|non[- ]?(?:ifrs|gaap|hkfrs)|经调整|调整后|扣非|扣除非经常性损益", re.I)
REPORTED_RE = re.compile(
    rf"(?<!非){_STANDARD}|(?<![-\w])(?:ifrs|gaap|hkfrs)|未经调整|调整前|法定|报表口径", re.I)


def basis(text: str) -> tuple[str | None, str]:
    """("adjusted" or "reported", the words naming it) when a question names the accounting
    basis, else (None, "")."""
    for name, pattern in (("adjusted", ADJUSTED_RE), ("reported", REPORTED_RE)):
        found = pattern.search(text)
        if found:
            return name, found.group()
    return None, ""


# A sentence giving a reason: what "为什么 / 原因" asks for.
# "主要因(i)銷售下降" and the Hong Kong "乃因 / 乃由於" give a reason as 由于 does (主要因素
# names no reason).
REASON_RE = re.compile(r"由于|因为|归因于|受.{1,40}(?:影响|拖累|冲击)|主要是|原因[是为在]|导致"
                       r"|得益于|所致|源于|带动|推动|(?:主要|乃|系|皆|均)因(?!素)")
REASON_BONUS = 0.6
# A count of people or things (60,232人, 约20名): what "多少人 / 几名 / 多少员工" asks for.
COUNT_RE = re.compile(r"\d[\d,.]*\s*(?:万|亿)?\s*(?:人|名|位|户|家|个(?!月)|座|间)(?!民币)"
                      r"|[(（](?:人|名|户|家|个)[)）]|(?:人|户|家)数")
# A count in words (四十四個, 三名) or a count's label (數量, 總數): with COUNT_RE, what the
# answer to a count question must hold.
_ANY_COUNT_RE = re.compile(
    r"[一二三四五六七八九十百千万两]+\s*(?:个|名|位|人|家|户|座|间|条|项)|数量|总数|数目")
_COUNT_ASKED_RE = re.compile(
    r"(?:多少|几多|几)\s*(?:个|名|位|人|家|户|座|间|员工|雇员|职工)|人数|户数")
COUNTED_NEAR = 1.3  # the count next to what was asked (在职员工60,232人)
# A table row read without its column names ("客户贷款及垫款：23,865,875百万元，22,591,676百万元，
# …"): which figure is of which period it cannot say.
UNNAMED_ROW_RE = re.compile(r"^[^：:]{1,40}[：:]\s*(?:-?[\d,.]*\d[^\d,，。；;\s]{1,4}[,，]\s*)+"
                            r"-?[\d,.]*\d[^\d,，。；;\s]{1,4}。?$")
UNNAMED_ROW = 0.7
NO_REASON = 0.5  # "为什么" answered without a reason is no answer
AMOUNT_AS_PERCENT = 0.7  # "多少" about an amount answered only with percentages
CLASS_WEIGHT = {
    "topic": 1.0,
    "name": 1.0,
    "other": 0.8,
    "figure": 0.3,
    "entity": 0.4,
    "period": 0.8,
    "form": 0.35,
    # 增长 vs 下降 decides between two otherwise identical sentences.
    "change": 0.7,
}


@dataclass
class PassageInfo:
    """What ranking needs to know about a passage besides its tokens."""

    norm: str
    periods: frozenset[str]
    years: frozenset[str]
    figures: bool  # states a figure: digits that are no year, date or list number
    dates: bool
    percents: bool
    items: int
    nouns: frozenset[str] = frozenset()
    adjusted: bool = False  # an adjusted (Non-IFRS, 经调整, 扣非) figure
    digits: bool = False  # any digit at all (a date answers "什么时候")
    only_percents: bool = False  # its figures are all percentages (约27%), no amount


# Digits that state no figure: a year or a date (二零一三年上半年 is 2013年 once normalised),
# a list's numbering ("(1)一次性的監測點銷售收入；", "2、").
_NO_FIGURE_RE = re.compile(
    r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
    r"|[（(]\s*\d{1,2}\s*[)）]|(?<![\d.,])\d{1,2}\s*[、．](?!\d)")


# A percentage with its digits (27.5%, 3个百分点), taken out to see whether any amount is left.
_PERCENT_FIGURE_RE = re.compile(r"[\d.,]+\s*(?:%|‰|倍|个百分点)")
# A question asking for a rate or a share, which a percentage answers.
_RATE_ASKED_RE = re.compile(r"率|比例|比重|占|百分|%|成数|几成")

# "A、B及C" lists three things: the 及 (和, 与) closing an enumeration separates as 、 does.
_LAST_ITEM_RE = re.compile(r"、[^、，。；,;]{1,30}?(?:以及|及|和|与)")


def passage_info(
    norm: str, periods: frozenset[str], years: frozenset[str], nouns: frozenset[str]
) -> PassageInfo:
    """Ranking features of one normalised passage; periods come from its paragraph and heading."""
    return PassageInfo(
        norm=norm,
        periods=periods,
        years=years,
        # 港幣八千三百萬元 is a figure too.
        figures=has_figure(_NO_FIGURE_RE.sub("", norm)) or bool(WORDED_AMOUNT_RE.search(norm)),
        digits=has_figure(norm),
        dates=bool(DATE_RE.search(norm)),
        percents=bool(PERCENT_RE.search(norm)),
        items=norm.count("、") + len(_LAST_ITEM_RE.findall(norm)),
        nouns=nouns,
        adjusted=bool(ADJUSTED_RE.search(norm)),
        only_percents=bool(PERCENT_RE.search(norm)) and not has_figure(
            _PERCENT_FIGURE_RE.sub("", _NO_FIGURE_RE.sub("", norm)))
        and not WORDED_AMOUNT_RE.search(norm),
    )


@dataclass
class Ranker:
    """Ranks the passages of one knowledge base; read-only."""

    index: BM25Index
    info: list[PassageInfo]
    lexicon: Lexicon
    entities: set[str]
    main_period: str | None
    main_year: str | None
    # Periods named relative to the report (去年 in 较上年提升): a sentence comparing with them
    # is still about the report's own period.
    relative: frozenset[str] = frozenset()

    def rank(self, query: Query, exclude: tuple[int, ...],
             within: range | None = None) -> list[tuple[int, float, float]]:
        """(passage id, score, coverage) of the best passages (``within`` a span of passage
        ids when given: one report's), best first."""
        weights: dict[str, float] = {}
        for g in query.groups:
            cw = CLASS_WEIGHT[g.cls]
            for alt, aw in g.alts.items():
                if alt in self.index.idf:
                    weights[alt] = max(weights.get(alt, 0.0), cw * aw)
        if not weights:
            return []
        total = sum(CLASS_WEIGHT[g.cls] * g.idf for g in query.groups) or 1.0
        asked = {alt for g in query.groups for alt in g.alts}
        asked |= self.entities
        # 本公司 / 本集团 stand for the entity: a passage saying them is not about something else.
        asked |= self.lexicon.generic
        # "环比增长多少" names no topic, but a change word found in few passages (环比) is what
        # the question is about; a common one (增长) alone is too vague to answer.
        has_topic = any(
            g.cls in ("topic", "name") or (g.cls == "other" and len(g.word) > 1)
            for g in query.groups
        )
        specific = 0.5 * self.index.max_idf
        defined = defined_terms(query)
        subject = defined_subject(query, defined)
        asked_basis, basis_words = basis(query.text)
        # The words naming the basis are answered by any sentence on that basis, however it
        # says so (经调整 by 非国际财务报告准则; the reported figure usually says nothing).
        implied = {g.word for g in query.groups if basis_words and g.word in basis_words}
        ranked: list[tuple[int, float, float]] = []
        # 多少人 / 幾名 / 幾多員工 / 員工人數 (not 多少现金, which the count reading takes in).
        counting = "count" in query.qtypes and bool(_COUNT_ASKED_RE.search(query.text))
        # "为什么亏损": BM25 ranks the short rows saying 亏损 first; the sentence giving the
        # reason is further down, so a why question looks at more of them.
        wanted = CANDIDATES * WHY_WIDER if "why" in query.qtypes else CANDIDATES
        for pid in self.index.candidates(weights, wanted, within):
            if pid in exclude:
                continue
            info = self.info[pid]
            if self.conflicts(query, info):
                continue
            if asked_basis == "reported" and info.adjusted:
                continue  # "按国际财务报告准则" is never answered by the Non-IFRS sentence
            if counting and not COUNT_RE.search(info.norm) and \
                    not _ANY_COUNT_RE.search(info.norm):
                # "研發人員有多少": a sentence praising the researchers states no count.
                continue
            if subject and not any(t in _WORDS_ONLY.sub("", info.norm) for t in subject):
                # "视频号是什么": a passage that never names 视频号 cannot define it, however
                # much 视频 it mentions.
                continue
            present = set(self.index.tokens[pid])
            weight = self.index.presence_weight(pid)
            score = covered = 0.0
            topical = False
            for g in query.groups:
                if g.word in implied and info.adjusted == (asked_basis == "adjusted"):
                    covered += CLASS_WEIGHT[g.cls] * g.idf
                    continue
                if g.cls == "entity":
                    # The documents are about the entity: every passage is, named or not.
                    covered += CLASS_WEIGHT["entity"] * g.idf
                if g.cls == "period" and self.period_match(g.word, info):
                    # The period is stated by the paragraph or heading, not always the sentence.
                    covered += CLASS_WEIGHT["period"] * g.idf
                    score += CLASS_WEIGHT["period"] * g.idf * 0.5
                    continue
                best = frac = 0.0
                for alt, aw in g.alts.items():
                    # The concept's weight, not the synonym's: a passage saying 权益持有人应占盈利
                    # is as much about 净利润 as one saying 净利润, only a little less exact.
                    if alt not in present:
                        continue
                    s = aw * g.idf * weight
                    if s > best:
                        best, frac = s, g.credit.get(alt, aw)
                if best > 0:
                    cw = CLASS_WEIGHT[g.cls]
                    score += cw * best
                    covered += cw * g.idf * frac
                    topical = (
                        topical
                        or g.cls in ("topic", "name")
                        or (g.cls == "other" and len(g.word) > 1)
                        or (not has_topic and g.cls == "change" and g.idf >= specific)
                    )
            if not topical:
                continue
            bonus = self.bonus(
                query, info, self.asked_periods(query), self.own_periods(query, info))
            if info.nouns:
                # Prefer the passage that is about what was asked and little else: 总收入 over
                # 增值服务收入 for a question about 营收.
                precision = len(info.nouns & asked) / len(info.nouns)
                bonus *= 0.75 + 0.5 * precision
            label = labelled(info.norm, query)
            if label:
                # A table row labelled with what was asked ("营业收入：2016年 …") is about it,
                # however many columns make it long.
                bonus *= EXACT_LABEL_BONUS if label == "exact" else LABEL_BONUS
            if UNNAMED_ROW_RE.match(info.norm):
                bonus *= UNNAMED_ROW
            if "count" in query.qtypes and counted_near(info.norm, query):
                bonus *= COUNTED_NEAR
            if asked_basis == "adjusted" and not info.adjusted:
                bonus *= 0.5  # the reported figure only when no adjusted one is found
            if info.norm.startswith(PART_OPENERS) and not query.text.startswith(PART_OPENERS):
                # "其中…" details a part of the sentence before it; a question not asking for
                # a part wants the total (网络广告收入 over 其中社交及其他广告收入).
                bonus *= 0.85
            if defined:
                if any(introduces(info.norm, t) for t in defined):
                    bonus *= DEFINE_BONUS
                elif any(listed(info.norm, t) for t in defined):
                    bonus *= LISTED_ONLY
            ranked.append((pid, score * bonus, covered / total))
        ranked.sort(key=lambda r: (r[1] * (0.5 + r[2]), -r[0]), reverse=True)
        return ranked

    def period_match(self, word: str, info: PassageInfo) -> bool:
        # As in ``conflicts``: a passage naming no period is about the headline period, so a
        # question asking for that period is fully answered by it (the HK list item "收益为…").
        if word[0].isdigit():
            return word in info.years or (not info.years and word == self.main_year)
        period = self.lexicon.canonical.get(word, word)
        year = self.relative_year(period)
        if year is not None and year in info.years:
            return True
        # 较上年末 compares with another period: the sentence itself names none of its own.
        return period in info.periods or (not info.periods - self.relative
                                          and period == self.main_period)

    def relative_year(self, period: str) -> str | None:
        """去年 (the lexicon's word for 上年, 上一年 …) as the year before the report's headline
        year ("2008年" in a report on 2009, which writes 二零零八年 and never 去年)."""
        if period != "去年" or not self.main_year or not self.main_year[:4].isdigit():
            return None
        return f"{int(self.main_year[:4]) - 1}年"

    def conflicts(self, query: Query, info: PassageInfo) -> bool:
        # A question about 2019 or the first quarter must not be answered from a passage set
        # in 2020 or the second quarter. A passage that names no period is about the report's
        # headline period (the one most passages name).
        if query.periods:
            own = self.own_periods(query, info)
            periods = own or ({self.main_period} if self.main_period else set())
            back = {y for y in map(self.relative_year, query.periods) if y is not None}
            if not query.periods & periods and not back & info.years:
                return True
        if query.years:
            years = info.years or ({self.main_year} if self.main_year else set())
            if not query.years & years:
                return True
        return False

    def asked_periods(self, query: Query) -> set[str]:
        # A question without a period means the report's headline period.
        if query.periods:
            return query.periods
        return {self.main_period} if self.main_period else set()

    def own_periods(self, query: Query, info: PassageInfo) -> frozenset[str]:
        """The periods a passage is about: without those it only compares with (上年), unless
        the question asks about one of them."""
        if query.periods & self.relative:
            return info.periods
        return info.periods - self.relative

    @staticmethod
    def bonus(query: Query, info: PassageInfo, periods: set[str],
              own: frozenset[str] | None = None) -> float:
        q = query.qtypes
        bonus = 1.0
        if q & {"figure", "growth", "ratio"} and info.figures:
            bonus += 0.25
        if "growth" in q and info.percents:
            bonus += 0.25
        if "ratio" in q and "%" in info.norm:
            bonus += 0.2
        if "time" in q and info.dates:
            bonus += 0.5
        if periods:
            # Prefer the passage that states exactly the asked period over one that lists several;
            # a passage naming no period is about the headline period (conflicts are gone).
            own = info.periods if own is None else own
            share = len(periods & own) / len(own) if own else 1.0
            bonus += share
        why = "why" in q and bool(REASON_RE.search(info.norm))
        if why:
            bonus += REASON_BONUS
        if q & {"list", "place"} and info.items >= 2:
            bonus += 0.4
        if "figure" in q and not q & {"growth", "ratio"} and info.only_percents \
                and not _RATE_ASKED_RE.search(query.text):
            bonus *= AMOUNT_AS_PERCENT  # "销售额多少" answered with a share (约27%)
        if (q & {"figure", "growth", "ratio"} and not info.figures) \
                or ("time" in q and not info.digits):
            bonus *= 0.6  # "多少" answered without a single number is no answer
        elif "time" in q and "figure" not in q and not info.dates:
            bonus *= 0.6  # nor is "什么时候" without a date ("多长时间" asks a duration)
        if "why" in q and not why:
            bonus *= NO_REASON

        return bonus


def counted_near(norm: str, query: Query) -> bool:
    """A count within a few characters of a word naming what was asked (员工60,232人,
    约20名雇员)."""
    for g in query.groups:
        if g.cls != "topic":
            continue
        for alt in g.alts:
            if len(alt) < 2 or alt.startswith("~"):
                continue
            for m in re.finditer(re.escape(alt), norm):
                if COUNT_RE.search(norm[max(0, m.start() - 12):m.end() + 12]):
                    return True
    return False


def labelled(norm: str, query: Query) -> str:
    """"exact" when the passage is a row labelled with the asked words ("营业收入(元)：…"),
    "synonym" when labelled with another word for them, "" otherwise."""
    head, sep, _ = norm.partition("：") if "：" in norm[:40] else norm.partition(":")
    if not sep or len(head) > 40:
        return ""
    head = _LABEL_TOTAL.sub("", _LABEL_UNIT.sub("", head))
    if _narrower_item_asked(head, query.text):
        return ""
    topics = [g for g in query.groups if g.cls == "topic"]
    if any(head == g.word for g in topics):
        return "exact"
    return "synonym" if any(head in g.alts for g in topics) else ""


def _narrower_item_asked(head: str, question: str) -> bool:
    """The question names a narrower statement item that holds the label's words (末期股息,
    the final dividend proposed, against the row 股息, the dividends paid in the year): the
    row is not labelled with what was asked."""
    items = load_items()
    own = items.variants.get(head)
    if own is None:
        return False
    return any(head in variant and len(variant) > len(head) and item != own
               for _, variant, item in items.in_question(question))


def defined_terms(query: Query) -> list[str]:
    """What a definition question ("X是什么", "介绍一下X") asks to have introduced; else none."""
    if "define" not in query.qtypes or query.qtypes & ANSWER_KINDS:
        return []
    terms: list[str] = []
    for g in query.groups:
        if g.cls not in ("topic", "name"):
            continue
        # The word and its full synonyms, not the parts found inside it (微信 for 微信小商店).
        for alt, aw in g.alts.items():
            if len(alt) >= 2 and aw >= 1.0 and alt[0].isalnum() and alt not in terms:
                terms.append(alt)
        if g.word not in terms and len(g.word) >= 2:
            terms.append(g.word)
    # 智能客服 is two words of the question but one name of the passage.
    joined = "".join(g.word for g in query.groups if g.cls in ("topic", "name"))
    if joined not in terms and joined in query.text:
        terms.insert(0, joined)
    return terms


_WORDS_ONLY = re.compile(r"[^\w%]+")


def defined_subject(query: Query, defined: list[str]) -> list[str]:
    """What a passage must name to answer a definition question: the asked phrase as spelled
    (视频号, 企业微信 — several words of the question but one thing), or, for a one-word subject,
    that word or one of its full synonyms. Empty when the question is not a definition."""
    if not defined:
        return []
    words = [g.word for g in query.groups if g.cls != "entity"]
    joined = "".join(words)
    if len(words) >= 2 and joined in _WORDS_ONLY.sub("", query.text):
        return [joined]
    return defined if len(words) == 1 else []


def introduces(norm: str, term: str) -> bool:
    """True when the normalised passage introduces or defines the term.

    The term in quotes (标准化工具“微信小商店”), followed by 是/为/可以/（…）, after 所谓, or as the
    subject the sentence starts with.
    """
    t = re.escape(term)
    return bool(
        re.search(_QUOTED + t + _QUOTED, norm)
        or re.search("所谓" + _QUOTED + "?" + t, norm)
        or re.search(t + _QUOTED + "?" + _AFTER_TERM, norm)
        or re.match(_LEADERS + t, norm)
    )


def listed(norm: str, term: str) -> bool:
    """True when the term is one item of an enumeration (消费券、微信小商店、支付分等)."""
    t = re.escape(term)
    return bool(re.search("、" + t + "|" + t + "(?:、|等)", norm))
