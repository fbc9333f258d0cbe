"""Figures as facts: every figure a document's tables state, as (metric, period, value, unit).

A table row "营业收入（元） | 592,183,264.90 | 674,880,017.98 | -12.25%" under the header
"| 2016年 | 2015年 | 本年比上年增减 |" holds three facts: 营业收入 in 2016 and in 2015 (元), and
its stated change for 2016 (%). Each fact keeps the value as the report writes it, the unit
from the cell, label, header or table, the basis (合并/母公司, 调整前/调整后) and the page and
heading it came from, so an answer can quote it with its source.

Metrics are the row labels, normalised (unit suffixes and "其中：" dropped), and mapped to the
standard items of ``knowledge/lexicon/items.txt`` where one matches. Periods are read from the
column header against the document's own period (the year and part of the year its title
names): "本报告期" is that period, "上年同期" the same part of the year before, "2016年末" a
balance at the end of 2016.

Nothing here answers questions: ``FactIndex.find`` returns the facts of a metric and period and
knowledge/figures.py turns them into replies.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.documents import section_name
from knowledge.errors import KnowledgeError
from knowledge.markdown import cells, figures_in_header
from knowledge.readers.model import Block, Document, Table
from knowledge.readers.tables import unit_of
from knowledge.text import Vocabulary, normalize

ITEMS_FILE = Path(__file__).resolve().parent / "lexicon" / "items.txt"
ITEM_KINDS = frozenset({"flow", "stock", "ratio", "pershare", "count"})

# --- values and units ----------------------------------------------------------------------
_VALUE_RE = re.compile(
    r"^(?P<sign>[+\-−－]?)\s*(?P<paren>[（(])?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"\s*[）)]?\s*(?P<unit>%|％|‰|(?:万亿|亿|千万|百万|万|千)?(?:元|港元|美元)?(?:/股)?"
    r"|港仙|仙|倍|户|人|家|个|股)?$"
)
_MONEY = {
    "元": 1.0, "千元": 1e3, "万元": 1e4, "百万元": 1e6, "千万元": 1e7, "亿元": 1e8, "万亿元": 1e12,
    "港元": 1.0, "千港元": 1e3, "万港元": 1e4, "百万港元": 1e6, "亿港元": 1e8,
    "美元": 1.0, "千美元": 1e3, "百万美元": 1e6, "亿美元": 1e8,
}
_LABEL_UNIT_RE = re.compile(
    r"\s*[（(]\s*(?:单位\s*[:：]\s*)?((?:人民币|港币)?(?:千|万|百万|千万|亿)?(?:元|港元|美元)(?:/股)?"
    r"|%|％|‰|股|万股|亿股|倍|个百分点|户|人|家|(?:港币|港元)?港?仙)\s*(?:[,，][^）)]*)?[）)]\s*"
)
_CURRENCY_PREFIX_RE = re.compile(r"^(?:人民币|港币|币种[:：]?人民币)")
_MONEY_UNIT_RE = re.compile(
    r"(?:币种[:：]?)?(人民币|港币|港元|美元)?(千|万|百万|千万|亿|万亿)?(元|港元|美元)(/股)?")
# A column header ending in its unit: "二零零九年 港幣千元", "2021年 人民币百万元".
_COLUMN_UNIT_RE = re.compile(
    r"(?:^|\s|(?<=年)|(?<=[)）])|(?<=[\u3400-\u9fff])(?=人民币|港币))((?:人民币|港币|港元|美元)?(?:千|万|百万|千万|亿)(?:元|港元|美元)|千港元|百万港元)$")


def canonical_unit(unit: str) -> str:
    """A money unit as the facts write it: 港幣千元 / 港元千元 → 千港元, 人民币百万元 → 百万元,
    美元千元 → 千美元; anything else as given (%, 股, 人 …)."""
    text = unit.replace(" ", "")
    if re.fullmatch(r"(?:港币|港元)?港?仙", text):
        return "港仙"  # 港幣仙 (a HK cent)
    m = _MONEY_UNIT_RE.fullmatch(text)
    if not m:
        return _CURRENCY_PREFIX_RE.sub("", text)
    currency = m.group(3) if m.group(3) != "元" else {"港币": "港元", "港元": "港元",
                                                      "美元": "美元"}.get(m.group(1) or "", "元")
    return f"{m.group(2) or ''}{currency}{m.group(4) or ''}"
_RATE_LABEL_RE = re.compile(
    r"率|比例|比率|比重|比$|倍数|每股|人数|户数|股东总数|股数|%|％|增减|变动|变化|同比|环比|(?<!应)占")
# Parts of a label that say nothing about the item: numbering, "其中：", "减：", a leading dash,
# "（亏损）/" in HK labels (本年度（虧損）╱溢利 → 本年度溢利), trailing notes "（注1）".
_LABEL_NOISE = [
    re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\d+[、.]|[（(][一二三四五六七八九十\d]+[）)])\s*"),
    re.compile(r"^(?:其中|减|加|包括|含)\s*[:：]\s*"),
    re.compile(r"^[－\-—–]+\s*"),
    re.compile(r"[（(][^（()）]{1,4}[）)]\s*[/╱]"),
    re.compile(r"[（(](?:注|附注)?\s*\d+\s*[）)]$|[*＊]+$"),
    re.compile(r"[（(]或[^（()）]{1,8}[）)]"),
    # a note reference a converted text set beside the label ("存货 七、9", "应收账款 十七、1")
    re.compile(r"\s*(?:附注)?[一二三四五六七八九十]{1,3}、\s*(?:\d{1,3}|[（(]\d{1,3}[）)])$"),
    # 年度溢利（虧損）: the loss it may be; 实收资本（或股本）: the template's other name
    re.compile(r"[（(](?:亏损|损失|净亏损)[）)](?![/╱])"),
    # (亏损总额以“-”号填列)
    re.compile(r"[（(][^（()）]{0,10}以[“\"]?[-－−][”\"]?号(?:填列)?[）)]"),
    re.compile(r"\s+"),
]

# --- periods ------------------------------------------------------------------------------
_CN_DIGIT = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "O": "0", "一": "1", "二": "2", "三": "3",
             "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR_RE = re.compile(r"([〇零○一二三四五六七八九]{4})\s*年")
_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:年|(?!\d))")
# "1-3月", "10月至12月": the months from and to.
_TO = r"\s*月?\s*(?:[-－—~]|至|到)\s*"
_PARTS = [
    ("Q1", re.compile(rf"第?一季度|第一季|(?<!\d)1{_TO}3\s*月|q1|一季报")),
    ("H1", re.compile(rf"上半年|半年度|中期|(?<!\d)1{_TO}6\s*月|h1")),
    ("9M", re.compile(rf"前三季度|前三季|(?<!\d)1{_TO}9\s*月|9m")),
    ("Q2", re.compile(rf"第?二季度|第二季|(?<!\d)4{_TO}6\s*月|q2")),
    ("Q3", re.compile(rf"第?三季度|第三季|(?<!\d)7{_TO}9\s*月|q3")),
    ("Q4", re.compile(rf"第?四季度|第四季|10{_TO}12\s*月|q4")),
]
_END_DATE_RE = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_END_PART = {3: "Q1", 6: "H1", 9: "9M", 12: ""}
_END_RE = re.compile(r"末|余额|于.*日|结余")
_CHANGE_RE = re.compile(r"增减|变动|变化|同比|环比|增长|增幅|比上年|比年初|比上期")
_SHARE_RE = re.compile(r"比重|占比|占.{0,8}(?:比例|百分比)")
_CUR_RE = re.compile(r"本报告期|报告期|本期|本年|本年度|当期|期末|本季度|本报告期末")
_PRIOR_RE = re.compile(r"上年同期|上期|上年|去年|上年度|上一年|期初|年初")
_CUMULATIVE_RE = re.compile(r"年初(?:至|到)(?:本)?报告期(?:期)?末|年初至今")
# The year-to-date period of a quarter's report: 年初至报告期末 of a Q3 report is its 9 months.
CUMULATIVE_PART = {"Q3": "9M", "Q2": "H1"}
_BASIS_RE = [
    ("调整前", re.compile(r"调整前|重述前")),
    ("调整后", re.compile(r"调整后|重述后|已重述")),
]
_KEY_TABLE_RE = re.compile(
    r"主要会计数据|主要财务数据|主要财务指标|财务摘要|表现摘要|财务亮点|业绩摘要|主要数据|财务概要|"
    r"补充财务数据|补充会计数据"
)
_PARENT_RE = re.compile(r"母公司(?:资产负债表|利润表|现金流量表|所有者权益|股东权益)"
                        # HK: the company's own statement in a note
                        r"|^(?:[\d.()（）a-z]+\s*)?本公司(?:之)?(?:财务状况表|资产负债表)")
# "2022年年度报告", "2021年度报告", "2023年第一季度报告", "2023年半年度报告" (a title).
_TITLE_PERIOD_RE = re.compile(
    r"((?:19|20)\d{2})年(第?[一二三]季度|半年度|中期|年度|度)(?:报告|业绩公告)")
# A Hong Kong report's running title says it short ("2019年年報"); in the text the same words
# name another report (根據2005年年報所採納之會計政策).
_SHORT_TITLE_RE = re.compile(r"((?:19|20)\d{2})年(?:年|中期)报(?![告表])")
# A column of note numbers: 附注, or 附注八 (the notes' chapter, 八、合并财务报表项目附注).
_NOTE_COLUMN_RE = re.compile(
    r"^(?:notes?\s*)?(?:附注[一二三四五六七八九十]{0,3}|注释|注)(?:\s*notes?)?$|^(?:notes?|序号|行次)$")
_STATEMENT_RE = re.compile(r"合并|资产负债表|利润表|现金流量表|权益变动表")
_FISCAL_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年度")
_DATE_IN_RE = re.compile(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日")
_REPORT_RE = re.compile(
    r"年度报告|年报|季度报告|半年度报告|中期报告|业绩|止年度|止十二个月|止六个月")


_QUARTER_END = {"Q2": "H1", "Q3": "9M"}
_PART_ORDER = {"Q1": 1, "Q2": 2, "H1": 2, "Q3": 3, "9M": 3, "Q4": 4, "": 4}


@dataclass(frozen=True)
class Period:
    """A reporting period: ``year``, ``part`` ("" = the full (fiscal) year, "Q1", "H1", "9M",
    "Q2".."Q4") and ``end`` (a balance at the end of that period rather than a flow over it)."""

    year: int | None
    part: str = ""
    end: bool = False

    def __post_init__(self) -> None:
        # A balance at the end of the third quarter is the one at the end of its first nine
        # months (30 September), whichever way a column or a question names it.
        if self.end and self.part in _QUARTER_END:
            object.__setattr__(self, "part", _QUARTER_END[self.part])

    @property
    def key(self) -> str:
        year = str(self.year) if self.year is not None else "?"
        return f"{year}{self.part}{'末' if self.end else ''}"

    def label(self) -> str:
        """How a reply names the period: 2016年, 2023年第一季度, 2016年末, 2023年3月末."""
        if self.year is None:
            return ""
        names = {"Q1": "第一季度", "H1": "上半年", "9M": "前三季度", "Q2": "第二季度",
                 "Q3": "第三季度", "Q4": "第四季度"}
        ends = {"Q1": "3月末", "H1": "6月末", "9M": "9月末"}
        if self.end:
            return f"{self.year}年{ends.get(self.part, '末')}"
        return f"{self.year}年{names.get(self.part, '')}"

    @property
    def order(self) -> tuple[int, int]:
        """Sorts periods by when they end: 2022Q1 < 2022H1 < 2022前三季度 < 2022 (full year)."""
        return (self.year or 0, _PART_ORDER.get(self.part, 4))

    @classmethod
    def from_key(cls, key: str) -> Period | None:
        m = re.fullmatch(r"(\d{4}|\?)(Q1|Q2|Q3|Q4|H1|9M)?(末)?", key)
        if not m:
            return None
        year = int(m.group(1)) if m.group(1) != "?" else None
        return cls(year, m.group(2) or "", bool(m.group(3)))


def cn_years(text: str) -> str:
    """二〇二三年 → 2023年 (years only; other numerals stay)."""
    return _CN_YEAR_RE.sub(lambda m: "".join(_CN_DIGIT[c] for c in m.group(1)) + "年", text)


_CN_SMALL = r"(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_CN_DATE_RE = re.compile(rf"({_CN_SMALL})\s*月\s*({_CN_SMALL})\s*日")


def _cn_small(text: str) -> int:
    """一 → 1, 十二 → 12, 三十一 → 31 (1 to 39)."""
    if "十" not in text:
        return int(_CN_DIGIT[text])
    tens, _, ones = text.partition("十")
    return int(_CN_DIGIT[tens] if tens else 1) * 10 + (int(_CN_DIGIT[ones]) if ones else 0)


def cn_dates(text: str) -> str:
    """十二月三十一日 → 12月31日: HK statements write their balance dates in numerals too
    (於二零一二年十二月三十一日)."""
    return _CN_DATE_RE.sub(lambda m: f"{_cn_small(m.group(1))}月{_cn_small(m.group(2))}日", text)


@dataclass(frozen=True)
class Fact:
    """One figure a table states."""

    company: str | None
    metric: str            # the row label, normalised (营业收入, 归属于上市公司股东的净利润)
    item: str | None       # the standard item of items.txt, when the label is one
    period: Period
    column: str            # the column header as written ("2016年", "本年比上年增减")
    value: str             # as written: 1,234.56 / -3.21% / (1,234.56)
    number: float          # signed, in ``unit``
    unit: str              # 元, 万元, 百万元, 千港元, %, 倍, 户, 人, 元/股 … or ""
    basis: tuple[str, ...] = ()   # 调整前/调整后, 母公司
    change: bool = False   # a stated change (本年比上年增减), not a level
    share: bool = False    # a stated share of a total (占营业收入比重)
    key_table: bool = False  # from the key-figures table (主要会计数据和财务指标)
    document: str = ""
    page: int | None = None
    heading: str = ""
    label: str = ""        # the row label as written
    order: int = 0         # position among the document's facts
    passage: int | None = None  # the passage (table-row sentence) it was read from
    group: str = ""        # the row group it is listed under (分产品, 分地区, 按业务), normalised

    @property
    def scale(self) -> float:
        """The unit's multiple of one currency unit (百万元 → 1e6), 0 for non-money units."""
        return _MONEY.get(self.unit, 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "company": self.company, "metric": self.metric, "item": self.item,
            "period": self.period.key, "column": self.column, "value": self.value,
            "unit": self.unit, "basis": list(self.basis), "change": self.change,
            "share": self.share, "document": self.document, "page": self.page,
            "heading": self.heading, "label": self.label, "passage": self.passage,
            "group": self.group,
        }


# --- the items lexicon --------------------------------------------------------------------
@dataclass
class Items:
    """Standard statement items (knowledge/lexicon/items.txt)."""

    kinds: dict[str, str] = field(default_factory=dict)        # item → kind
    variants: dict[str, str] = field(default_factory=dict)     # normalised variant → item
    label_only: dict[str, str] = field(default_factory=dict)   # "~基本": table labels only
    headline: dict[str, str] = field(default_factory=dict)     # 净利润 → 归属于母公司股东的净利润

    _loose: dict[str, str] = field(default_factory=dict)
    _vocabulary: Vocabulary | None = field(default=None, repr=False, compare=False)
    _vocabulary_of: int = field(default=-1, repr=False, compare=False)
    _of_item: tuple[int, dict[str, list[str]]] | None = field(default=None, repr=False,
                                                              compare=False)

    def of_label(self, metric: str) -> str | None:
        """The item a table label names; reports word the same item a little differently
        (归属于母公司股东扣除非经常性损益的净利润 / 归属于上市公司股东的扣除非经常性损益后的
        净利润), so 的/后 and 本行/本公司/上市公司/母公司 are read alike."""
        found = self.variants.get(metric) or self.label_only.get(metric)
        if found is not None:
            return found
        if not self._loose:
            for variant, item in [*self.variants.items(), *self.label_only.items()]:
                self._loose.setdefault(_loose_key(variant), item)
        found = self._loose.get(_loose_key(metric))
        if found is None:
            family = next((item for pattern, item in _LABEL_FAMILIES if pattern.fullmatch(metric)),
                          None)
            found = family if family in self.kinds else None
        return found

    def in_question(self, text: str) -> list[tuple[int, str, str]]:
        """(position, variant, item) of every item variant in a normalised question."""
        # Rebuilt only when variants were added (one-character variants are not in it: its
        # size is no measure of that — comparing it rebuilt it on every question).
        if self._vocabulary is None or self._vocabulary_of != len(self.variants):
            self._vocabulary = Vocabulary(v for v in self.variants if len(v) >= 2)
            self._vocabulary_of = len(self.variants)
        return [(start, variant, self.variants[variant])
                for start, variant in self._vocabulary.occurrences(text)
                if not variant.isascii() or _word_at(text, start, variant)]

    def variants_of(self, item: str) -> list[str]:
        """The variants naming ``item`` (the item itself among them), longest first."""
        if self._of_item is None or self._of_item[0] != len(self.variants):
            grouped: dict[str, list[str]] = {}
            for variant, of in self.variants.items():
                grouped.setdefault(of, []).append(variant)
            self._of_item = (len(self.variants), grouped)
        return sorted([*self._of_item[1].get(item, []), item], key=len, reverse=True)


# HK statements word the same lines many ways (本公司股權股東應佔盈利, 本公司擁有人應佔本年度
# 虧損, 除稅前盈利, 期內溢利): the families, for labels no variant of items.txt spells out.
_PROFIT_WORD = r"(?:溢利|盈利|亏损|利润|净利润|纯利)"
_LABEL_FAMILIES = [
    (re.compile(r"(?:本公司)?(?:普通股)?(?:股权股东|股东|拥有人|权益持有人|股本持有人|持有人)"
                rf"应占(?:本年度|本期间|本期|期间|期内|年内|本年|年度)?{_PROFIT_WORD}"),
     "归属于母公司股东的净利润"),
    # 本期間公司擁有人溢利: the owners' profit without 應佔.
    (re.compile(r"(?:本年度|本期间|本期|期内|年内|年度)?本?公司(?:普通股)?(?:股权股东|股东|拥有人|"
                rf"权益持有人)(?:应占)?(?:本年度|本期间|本期|期间|期内|年内|本年|年度)?{_PROFIT_WORD}"),
     "归属于母公司股东的净利润"),
    (re.compile(rf"除(?:所得)?税(?:费用)?前(?:经营|营业)?{_PROFIT_WORD}"), "利润总额"),
    (re.compile(rf"(?:本年度|本期间|本期|期间|期内|年内|本年|年度){_PROFIT_WORD}"), "净利润"),
    # "來自經營活動之現金淨額", "（用於）來自融資活動之現金淨額", "經營活動所得（所用）之現金淨額":
    # a Hong Kong statement's names of the three flows, whichever way they went.
    (re.compile(r"(?:[（(]?(?:用于|来自|所得|所用)[）)]?)*经营(?:活动|业务)(?:[（(]?(?:所得|所用|产生|"
                r"使用)[）)]?)*(?:之|的)?现金(?:流量)?净额"), "经营活动产生的现金流量净额"),
    (re.compile(r"(?:[（(]?(?:用于|来自|所得|所用)[）)]?)*投资活动(?:[（(]?(?:所得|所用|产生|"
                r"使用)[）)]?)*(?:之|的)?现金(?:流量)?净额"), "投资活动产生的现金流量净额"),
    (re.compile(r"(?:[（(]?(?:用于|来自|所得|所用)[）)]?)*(?:融资|筹资)活动(?:[（(]?(?:所得|所用|产生|"
                r"使用)[）)]?)*(?:之|的)?现金(?:流量)?净额"), "筹资活动产生的现金流量净额"),
]


def _loose_key(label: str) -> str:
    return re.sub(r"本行|本公司|上市公司|母公司", "母公司", label).replace("的", "").replace(
        "后", "")


def _word_at(text: str, start: int, word: str) -> bool:
    before = text[start - 1] if start > 0 else " "
    end = start + len(word)
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


_ITEMS: Items | None = None


def load_items(path: Path = ITEMS_FILE) -> Items:
    """Parse items.txt (raises KnowledgeError with the line on a malformed entry)."""
    global _ITEMS
    if path == ITEMS_FILE and _ITEMS is not None:
        return _ITEMS
    items = Items()
    kind = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r"\[(\w+)\]", line)
        if m:
            kind = m.group(1)
            if kind not in ITEM_KINDS | {"headline"}:
                raise KnowledgeError(f"unknown kind [{kind}]", path, number)
            continue
        if kind == "headline":
            asked, arrow, head = line.partition("=>")
            if not arrow:
                raise KnowledgeError("expected 'asked => headline'", path, number)
            items.headline[normalize(asked.strip())] = normalize(head.strip())
            continue
        head, eq, rest = line.partition("=")
        if not eq or not kind:
            raise KnowledgeError("expected 'item = variant, …' under a [kind] line", path, number)
        item = normalize(head.strip())
        items.kinds[item] = kind
        items.variants.setdefault(item, item)
        for variant in re.split(r"[,，]", rest):
            variant = normalize(variant.strip())
            if variant.startswith("~"):
                items.label_only.setdefault(variant[1:], item)
            elif variant:
                items.variants.setdefault(variant, item)
    if path == ITEMS_FILE:
        _ITEMS = items
    return items


# --- reading tables -----------------------------------------------------------------------
# A bilingual report's row label says it in English too ("Loss for the year 年內虧損"): the
# English run before or after the Chinese, of three letters or more (not the A of A股).
_ENGLISH_LEAD_RE = re.compile(
    r"^[\s\-–—－]*[A-Za-z][A-Za-z0-9 ,.'’&()/\-–:]*?[A-Za-z)][\s\-–—－:：]*(?=[\u3400-\u9fff（])")
_ENGLISH_TAIL_RE = re.compile(r"(?<=[\u3400-\u9fff）)])\s+[A-Za-z][A-Za-z0-9 ,.'’&()/\-–:]*$")


def without_english(label: str) -> str:
    """The Chinese of a bilingual label: "Revenue 收入" → "收入"."""
    if len(re.findall(r"[\u3400-\u9fff]", label)) < 2:
        return label
    for pattern in (_ENGLISH_LEAD_RE, _ENGLISH_TAIL_RE):
        m = pattern.search(label)
        if m and len(re.findall(r"[A-Za-z]", m.group(0))) >= 3:
            label = (label[:m.start()] + label[m.end():]).strip()
    return label


def clean_label(label: str) -> tuple[str, str]:
    """(metric, unit the label states): "营业收入（元）" → ("营业收入", "元")."""
    text = normalize(without_english(label)).strip().rstrip(":：")
    unit = ""
    m = _LABEL_UNIT_RE.search(text)
    if m:
        unit = canonical_unit(m.group(1).replace("％", "%"))
        text = (text[: m.start()] + text[m.end() :]).strip()
    text = re.sub(r"\s+[-+(]?\d[\d,.]*.*$", "", text)  # "现金流量净额 -82,402 上年同期为负"
    for pattern in _LABEL_NOISE:
        text = pattern.sub("", text)
    return text.strip(":：,，、 ╱/"), unit  # 毛利╱（虧損）: the slash before the loss


_WORDED_RE = re.compile(
    r"^(上升|增加|提高|提升|增长|下降|减少|降低|下滑)(\d+(?:\.\d+)?)(个百分点|%|bp|个基点)$")


def parse_value(cell: str) -> tuple[float, str] | None:
    """(signed number, unit written in the cell) of a figure cell, or None for anything else;
    a change in words counts: "下降0.93个百分点" → (-0.93, "个百分点")."""
    text = normalize(cell).strip().replace(" ", "")
    w = _WORDED_RE.match(text)
    if w:
        number = float(w.group(2))
        return (-number if w.group(1) in ("下降", "减少", "降低", "下滑") else number), w.group(3)
    if text.count("(") + text.count("（") != text.count(")") + text.count("）"):
        return None  # "4)" of "(4…)" a converter split: no figure
    paren = re.fullmatch(r"[（(]\s*(.+?)\s*[）)]", text)
    m = _VALUE_RE.match(paren.group(1) if paren else text)
    if not m:
        return None
    number = float(m.group("num").replace(",", ""))
    if m.group("sign") in ("-", "−", "－") or m.group("paren") or paren:
        number = -number
    return number, (m.group("unit") or "").replace("％", "%")


def parse_period(header: str, base: Period) -> tuple[Period | None, tuple[str, ...], str]:
    """(period, basis words, what the column holds: "level" | "change" | "share") of a column
    header, read against the document's period ``base``; period None when the header names
    none."""
    text = cn_dates(cn_years(normalize(header))).replace(" ", "")
    basis = tuple(b for b, pattern in _BASIS_RE if pattern.search(text))
    what = "change" if _CHANGE_RE.search(text) else "share" if _SHARE_RE.search(text) else "level"
    years = _YEAR_RE.findall(text)
    cumulative = _CUMULATIVE_RE.search(text)
    if cumulative and not years and base.year is not None:
        # 年初至报告期末 of a third-quarter report is its first nine months (本报告期 is the
        # quarter alone); with 上年同期 / 上期 the same months a year before.
        rest = text.replace(cumulative.group(0), "")
        prior = what != "change" and _PRIOR_RE.search(rest)  # 比上年同期增减 is this year's
        return (Period(base.year - 1 if prior else base.year,
                       CUMULATIVE_PART.get(base.part, base.part), False), basis, what)
    year: int | None = int(years[0]) if years else None
    part = next((p for p, pattern in _PARTS if pattern.search(text)), None)
    end = bool(_END_RE.search(text))
    date = _END_DATE_RE.search(text)
    span = re.search(r"1月1日(?:至|-|—|~|到)(\d{1,2})月(\d{1,2})日", text)
    if span and year is not None and int(span.group(1)) in _END_PART:
        # "2023年1月1日至9月30日": the months from the year's start, a flow, not a balance.
        return Period(year, _END_PART[int(span.group(1))], False), basis, what
    if date and int(date.group(1)) == 1 and int(date.group(2)) == 1 and year is not None \
            and not re.search(r"止|至", text):
        # "2023年1月1日" over an opening balance: the close of the year before.
        return Period(year - 1, "", True), basis, what
    if date and not re.search(r"止", text):
        end = True
        part = _END_PART.get(int(date.group(1)), part or "")
        if base.year is not None and int(date.group(1)) != 12 and base.part == "" and year:
            part = ""  # a fiscal year ending 31 March: the date is the year's end
    if year is None and date and int(date.group(1)) == 12 and base.part and base.year:
        # "12月31日" with no year in a quarter's report: the last year end, not this one.
        year = base.year - 1
    if year is None:
        if _PRIOR_RE.search(text) and base.year is not None:
            year = base.year - 1
            end = end or bool(re.search(r"期初|年初|上年末|上年度末", text))
            if re.search(r"期初|年初|上年度末|上年末|上年年末", text):
                part = ""  # opening balance = the previous year's close
        elif _CUR_RE.search(text) and base.year is not None:
            year = base.year
        else:
            return (None, basis, what) if part is None else (
                Period(base.year, part, end), basis, what)
    if part is None:
        part = base.part if (not years or (end and base.part)) else ""
        if years and not end and base.part and not re.search(r"年度|全年", text):
            part = base.part
    return Period(year, part, end), basis, what


# "ANNUAL REPORT 年報 2020/2021", "2023/24年度": a fiscal year across two calendar years.
_FISCAL_SPAN_RE = re.compile(r"((?:19|20)\d{2})\s*/\s*((?:19|20)?\d{2})(?!\d)")


def _fiscal_span(text: str) -> str:
    """A fiscal year written as the two years it spans, named by the year it ends in (as its
    columns name it): "2020/2021" → "2021"."""
    def end(m: re.Match[str]) -> str:
        first, last = m.group(1), m.group(2)
        year = int(last) if len(last) == 4 else int(first[:2] + last)
        return str(year) if year == int(first) + 1 else m.group(0)
    return _FISCAL_SPAN_RE.sub(end, text)


def document_period(texts: Iterable[str]) -> Period:
    """The period a document reports on, from its title and first lines: "2016年年度报告" →
    2016, "二〇二三年第一季度报告" → 2023 Q1, "截至二零二五年三月三十一日止年度" → 2025."""
    lines = [_fiscal_span(t) for t in texts]
    joined = cn_years(normalize("".join(lines))).replace(" ", "")
    strong = _TITLE_PERIOD_RE.search(joined)
    if strong:
        kind = strong.group(2) or ""
        part = next((p for p, pattern in _PARTS if pattern.search(kind)), "")
        return Period(int(strong.group(1)), part)
    for raw in lines:
        text = cn_years(normalize(raw)).replace(" ", "")
        if not _REPORT_RE.search(text) and "截至" not in text:
            continue
        # A date (本年度报告于2022年3月29日…审议通过) is when, not what, the report is about,
        # unless the period ends on it (截至2021年12月31日止年度).
        dated = text if "截至" in text or "止" in text else _DATE_IN_RE.sub("", text)
        years = _YEAR_RE.findall(dated)
        if not years:
            continue
        part = next((p for p, pattern in _PARTS if pattern.search(text)), "")
        if "止年度" in text or "年度报告" in text or "止十二个月" in text:
            part = ""
        elif "止六个月" in text:
            part = "H1"
        return Period(int(years[0]), part)
    return Period(None)


@dataclass
class _Section:
    heading: str = ""
    caption: str = ""
    key: bool = False
    parent: bool = False
    balance: bool = False  # under a balance sheet's title (財務狀況表, 资产负债表)
    flow: bool = False  # under a flow statement's title (全面收益表, 现金流量表, 截至…止六個月)


_STATEMENT_HEADING_RE = re.compile(r"资产负债表|财务状况表|利润表|损益表|全面收益表|现金流量表")


@functools.lru_cache(maxsize=4096)
def _statement_heading(heading: str) -> bool:
    """A primary statement's heading (綜合財務狀況表, 合并利润表); normalised once per heading."""
    return bool(_STATEMENT_HEADING_RE.search(normalize(heading)))
_END_LABEL_RE = re.compile(r"^(?:截至|截止)?(?:本?报告期末|期末|年末|本年末)")
_ROW_PERIOD_RE = re.compile(
    r"^(.{2,}?)\s*[_＿]\s*(本报告期末?|年初至报告期末|报告期末|本期|本年度?)$")


def table_facts(table: Table, base: Period, *, company: str | None = None,
                document: str = "", page: int | None = None, heading: str = "",
                key_table: bool = False, parent: bool = False,
                items: Items | None = None, balance: bool = False,
                flow: bool = False) -> list[Fact]:
    """The facts one table states; under a balance sheet's title (``balance``) a column of a
    year ("二零零九年 港幣千元") is the balance at that year's end, under a flow statement's
    (``flow``) a column of a date ("二零一一年 六月三十日") the period ending on it."""
    items = items or load_items()
    table = _years_as_columns(table)
    out: list[Fact] = []
    columns: list[tuple[Period | None, tuple[str, ...], str, str]] = []
    header = [] if table.key_value else table.header
    for name in header:
        columns.append((*parse_period(name, base), name))
    # A change column ("本年比上年增减") is the change of the current (first) period; with
    # no period over the levels ("营业收入 | 营业成本 | 营业收入比上年同期增减"), of the
    # caption's or the document's: its 上年同期 names what it is compared with.
    caption_period, _, _ = parse_period(table.caption, base)
    fallback = caption_period or (base if base.year is not None else None)
    current = next((c[0] for c in columns if c[0] is not None and c[2] == "level"), fallback)
    columns = [(current, c[1], c[2], c[3])
               if c[2] == "change" and current and not _cumulative(c[3]) else c
               for c in columns]
    # Two change columns of one period and no level column: the first is the level, its
    # header run together with the next one's ("年初至报告期末 增减 年初至报告期末比上 年同期增减"
    # over the nine months' amounts in a quarterly report's two-row header).
    levels = {c[0] for c in columns if c[2] == "level"}
    for k, c in enumerate(columns):
        if c[2] == "change" and c[0] is not None and c[0] not in levels and any(
                d[2] == "change" and d[0] == c[0] for d in columns[k + 1:]):
            columns[k] = (c[0], c[1], "level", c[3])
            levels.add(c[0])
    columns = _year_to_date(columns, table.caption, base)
    if flow:
        columns = _periods_ending(columns)
    table_unit = canonical_unit(normalize(table.unit))
    # A table "（单位：%）" because its change column says 增减（%）: its money rows still say
    # their own unit over the first column (经营业绩（人民币百万元）).
    if table_unit in ("", "%", "％"):
        # "经营业绩（人民币百万元）" over the first column: the unit of the money rows.
        for name in header:
            m = _LABEL_UNIT_RE.search(normalize(name))
            if m and m.group(1) not in ("%", "％") and "元" in m.group(1):
                table_unit = canonical_unit(m.group(1))
                break
    figures_seen = False
    segments = _segment_columns(table, columns)
    revenue_row: str | None = None
    owing = ""  # what rows of owners are a share of ("以下應佔年度淨利潤")
    per_share_unit = ""
    # The rows of a table headed "按投放地区划分的贷款分布情况" are all one group.
    whole = _WHOLE_GROUP_RE.search(normalize(f"{table.caption} {heading}"))
    group = f"按{whole.group(1)}" if whole else ""
    for row in _rows(table):
        if row and row[0] and not any(c.strip() for c in row[1:]):
            # "分行业" / "分产品" / "按地區劃分" over the rows that follow: their group.
            label = normalize(row[0]).strip()
            group = label if GROUP_RE.match(label) else group
            if (owed := _OWED_RE.match(label)) is not None:
                # "以下應佔年度淨利潤" over "本公司股東 547,872": the owners' share of it.
                owing = owed.group(1) or owing
            head, head_unit = clean_label(row[0])
            if _EPS_HEAD_RE.fullmatch(head):
                per_share_unit = head_unit  # "每股盈利（港仙）" over "－基本 10.18"
            continue
        if not row[0] and columns and _year_row(row):
            # A second header row of bare years under "截至12月31日止十二個月".
            columns = [
                (*parse_period(f"{c[3]} {y}年" if y else c[3], base), f"{y}年" if y else c[3])
                for c, y in zip(columns, [*row, *[""] * len(columns)], strict=False)]
            current = next((c[0] for c in columns if c[0] is not None and c[2] == "level"),
                           None)
            columns = [(current, c[1], c[2], c[3]) if c[2] == "change" and current else c
                       for c in columns]
            continue
        if columns and not figures_seen and _header_row(row):
            # "分季度经营业绩（人民币百万元） | 第一季度 | 第二季度 …" under "| 2021年 | …",
            # "经营业绩（人民币百万元） | | | 增减(%) |": the header's second line.
            columns = [
                (*parse_period(f"{c[3]} {p}".strip(), base), f"{c[3]} {p}".strip())
                if p.strip() else c
                for c, p in zip(columns, [*row, *[""] * len(columns)], strict=False)]
            current = next((c[0] for c in columns if c[0] is not None and c[2] == "level"),
                           None)
            columns = [(current, c[1], c[2], c[3]) if c[2] == "change" and current else c
                       for c in columns]
            m = _LABEL_UNIT_RE.search(normalize(row[0])) if row and row[0] else None
            if m and table_unit in ("", "%", "％") and "元" in m.group(1):
                table_unit = canonical_unit(m.group(1))
            continue
        if any(parse_value(c) is not None for c in row[1:]):
            figures_seen = True
        if len(row) < 2 or not row[0] or parse_value(row[0]) is not None:
            continue
        metric, label_unit = clean_label(row[0])
        # "归属于上市公司股东的净利润_本报告期": the exchange's template names a row's period
        # after an underscore in a quarterly report's table of changes and their reasons.
        row_period = None
        if (suffixed := _ROW_PERIOD_RE.match(metric)) is not None:
            metric, row_period = suffixed.group(1), parse_period(suffixed.group(2), base)[0]
        if not metric or len(metric) > 40 or not re.search(r"[\u3400-\u9fffa-z]", metric):
            continue
        if metric in ("合计", "总计") and (subject := _caption_subject(table.caption)):
            metric = f"{subject}合计"  # 非经常性损益项目和金额's 合计: 非经常性损益合计
        if _EPS_HEAD_RE.fullmatch(metric):
            # "每股盈利（港仙） 12" over "－基本 20.00": the unit of the lines under it.
            per_share_unit = label_unit
        elif not label_unit and per_share_unit and _PER_SHARE_RE.search(metric):
            label_unit = per_share_unit
        if owing and _OWNERS_RE.fullmatch(metric):
            metric = f"{metric}应占{owing}"
        elif not _MINORITY_RE.fullmatch(metric):
            owing = metric  # what the owners' rows after "以下人士應佔：" have a share of
        item = items.of_label(metric)
        level_seen = False
        if segments is not None and revenue_row is None and _REVENUE_ROW_RE.search(metric) \
                and not _NOT_REVENUE_RE.search(metric):
            revenue_row = metric
        for i in range(1, len(row)):
            got = parse_value(row[i])
            if got is None:
                continue
            number, cell_unit = got
            if i < len(columns):
                period, basis, what, column = columns[i]
            else:
                period, basis, what, column = None, (), "level", ""
            if _NOTE_COLUMN_RE.match(normalize(column).strip()):
                continue  # 附注 3: a note number, not a figure
            fact_metric, fact_item, fact_group = metric, item, group
            period = row_period or period
            if segments is not None and i in segments:
                segment = segments[i]
                if _ELIMINATION_RE.fullmatch(segment):
                    continue  # 扣除 / 抵銷: between the segments, nobody's figure
                if not _TOTAL_RE.fullmatch(segment):
                    # A segment's column: its revenue row is the segment's revenue (藥品業務
                    # 83,433), its other rows the segment's (藥品業務可報告分部溢利).
                    fact_metric = segment if metric == revenue_row else f"{segment}{metric}"
                    fact_item, fact_group = None, "按分部"
                period = period or caption_period or base
            if period is None:
                if what != "level" or level_seen:
                    # a change column with no period: the change of the first period
                    period = next((c[0] for c in columns if c[0] is not None), None)
                    if period is None or what == "level":
                        continue
                else:
                    # a key/value table or a single value column: the caption's or document's;
                    # at its end when the label says so (报告期末普通股股东总数)
                    period = caption_period or base
                    if _END_LABEL_RE.match(normalize(row[0])) and period.year is not None:
                        period = Period(period.year, period.part, True)
            unit = cell_unit or _unit(label_unit, column, table_unit, metric, what)
            if cell_unit == "%" and label_unit and what == "level":
                unit = "%"
            extra = (*basis, "母公司") if parent else basis
            if what == "level" and not period.end and (
                    balance or (fact_item is not None and items.kinds.get(fact_item) == "stock")):
                # A balance in a year's column (資產總額 in a five-year summary) is the
                # balance at that year's end.
                period = Period(period.year, period.part, True)
            out.append(Fact(
                company=company, metric=fact_metric, item=fact_item, period=period,
                column=column, value=row[i].strip(), number=number, unit=unit, basis=extra,
                change=what == "change", share=what == "share", key_table=key_table,
                document=document, page=page, heading=heading, label=row[0].strip(),
                group=fact_group,
            ))
            level_seen = level_seen or what == "level"
    return out


# Segments as columns: "藥品業務 港幣千元 | 安防預警系統業務 港幣千元 | 合計 港幣千元", or a line
# of segment names over pairs of period columns ("ISD系統分部智能安全系統分部扣除合計").
_TOTAL_RE = re.compile(r"合计|总计|合共|总额|综合|集团|total")
_ELIMINATION_RE = re.compile(r"扣除|抵销|对销|撇销|未分配|分部间对销|其他")
_SEGMENT_NAME_RE = re.compile(
    r"[\u3400-\u9fffa-z()（）]+?(?:分部|业务)|合计|总计|综合|扣除|抵销|对销|未分配")
_COLUMN_UNIT_WORDS_RE = re.compile(
    r"(?:人民币|港币|港元|美元)?(?:千|万|百万|千万|亿)?(?:元|港元|美元)|千港元|百万港元|[(（][^)）]*[)）]|\s+")
_REVENUE_ROW_RE = re.compile(r"收入|收益|营业额|销售额")
_NOT_REVENUE_RE = re.compile(r"利息|其他|分部间|内部|之间")


def _segment_columns(table: Table,
                     columns: list[tuple[Period | None, tuple[str, ...], str, str]]
                     ) -> dict[int, str] | None:
    """Column → the segment it is of, for a table of segments as columns with a total column
    (合計); None for any other table."""
    values = [i for i in range(1, len(columns))
              if not _NOTE_COLUMN_RE.match(normalize(columns[i][3]).strip())
              and any(i < len(r) and parse_value(r[i]) is not None for r in table.rows)]
    if len(values) < 2:
        return None
    if all(columns[i][0] is None and columns[i][2] == "level" for i in values):
        names = [_COLUMN_UNIT_WORDS_RE.sub("", normalize(columns[i][3])) for i in values]
        if all(names) and _TOTAL_RE.fullmatch(names[-1]) and len(set(names)) == len(names):
            return dict(zip(values, names, strict=True))
        return None
    values = [i for i in range(1, len(columns))
              if not _NOTE_COLUMN_RE.match(normalize(columns[i][3]).strip())]
    caption = normalize(table.caption).replace(" ", "")
    names = _SEGMENT_NAME_RE.findall(caption)
    if len(names) < 2 or "".join(names) != caption or not _TOTAL_RE.fullmatch(names[-1]) or \
            len(values) % len(names):
        return None
    per = len(values) // len(names)
    periods = [columns[i][0] for i in values]
    if per > 1 and periods[:per] != periods[per:2 * per]:
        return None  # the same periods again under each name
    return {i: names[k // per] for k, i in enumerate(values)}


# A row-group label of a breakdown table: 分行业, 分产品, 分地区, 按业务分部, 按地区划分.
# "以下應佔年度淨利潤", "以下人士應佔：" over the rows of the owners and the minority.
_OWED_RE = re.compile(r"^(?:以下|下列)?(?:人士|各方)?应占[:：]?\s*(.{0,12}?)[:：]?$")
_OWNERS_RE = re.compile(
    r"(?:本公司)?(?:普通股)?(?:股权股东|股东|拥有人|权益持有人|股本持有人|持有人)")
_MINORITY_RE = re.compile(r"非控股权益|少数股东(?:权益|损益)?|非控制性权益")
GROUP_RE = re.compile(r"^(?:分|按)[\u3400-\u9fff]{1,6}(?:划分|分类)?[:：]?$")
_WHOLE_GROUP_RE = re.compile(
    r"(?:按|分)[\u3400-\u9fff]{0,4}?(地区|地域|区域|产品|行业|业务|分部|渠道)(?:划分|分类|分布)")


def _year_row(row: list[str]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and all(re.fullmatch(r"(?:19|20)\d{2}年?", c) for c in cells)


_SUBTOTAL_OF_RE = re.compile(r"^(?:非)?(?:流动)?(?:资产|负债)$")
def _header_row(row: list[str]) -> bool:
    """A row naming columns, not stating figures: no figure in it, and its cells read as
    periods or changes (第一季度, 增减(%), 1-3月)."""
    cells = [c.strip() for c in row[1:] if c.strip()]
    return bool(cells) and all(
        parse_value(c) is None and re.search(
            r"季度|[1-9]\s*[-至~]\s*\d{1,2}\s*月|上半年|下半年|增减|变动|变化|百分点|同比", c)
        for c in cells)


# "经营活动产生的现金流量净额 155,417 -82,402 上年同期为负" in the label cell, the row's
# other cells empty: the figures belong to the columns.
_LABEL_FIGURES_RE = re.compile(
    r"^([^\d]+?)\s+((?:[-+]?\(?\d[\d,]*(?:\.\d+)?\)?%?\s*)+)(.*)$")


_LABEL_BREAK_RE = re.compile(r"(?<=[)）*])(?=[\u3400-\u9fff])")


_CAPTION_NUMBER_RE = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[、.])\s*")
_CAPTION_TAIL_RE = re.compile(r"(?:项目)?(?:和|及)?(?:金额|明细|情况|构成)+$")


def _caption_subject(caption: str) -> str:
    """What a table of items adds up: "（二）非经常性损益项目和金额" → 非经常性损益; "" when
    the caption is no such title."""
    title = _CAPTION_NUMBER_RE.sub("", normalize(caption).strip())
    text = _CAPTION_TAIL_RE.sub("", title)
    if text == title or not 2 <= len(text) <= 12 \
            or re.search(r"[\d，,。：:（()）]", text):
        return ""
    return text


def _cumulative(header: str) -> bool:
    return bool(_CUMULATIVE_RE.search(normalize(header).replace(" ", "")))


def _year_to_date(columns: list[tuple[Period | None, tuple[str, ...], str, str]],
                  caption: str, base: Period
                  ) -> list[tuple[Period | None, tuple[str, ...], str, str]]:
    """Columns of a quarterly report's year-to-date figures. Under a title such as
    合并年初到报告期末利润表, 本期发生额 / 上期发生额 are the nine months, not the quarter; in the
    key-figures table the 上年同期 columns right of 年初至报告期末 are last year's nine months,
    where those right of 本报告期 are last year's quarter."""
    if base.year is None or not base.part:
        return columns
    months = CUMULATIVE_PART.get(base.part, base.part)
    whole = _cumulative(caption)
    anchor: Period | None = None
    out = []
    for period, basis, what, name in columns:
        text = normalize(name).replace(" ", "")
        own = bool(_YEAR_RE.search(text)) or any(p.search(text) for _, p in _PARTS)
        if period is not None and what == "level" and not period.end and not own:
            if _cumulative(name):
                anchor = period
            elif whole and period.part == base.part:
                period = Period(period.year, months)
            elif _PRIOR_RE.search(text) and anchor is not None and period.part == base.part:
                period = Period(anchor.year - 1 if anchor.year else None, anchor.part)
            elif not _PRIOR_RE.search(text):
                anchor = None  # 本报告期: the 上年同期 after it is the quarter's
        out.append((period, basis, what, name))
    return out


def _chinese_below(rows: list[list[str]]) -> list[list[str]]:
    """A bilingual statement's label set in English beside its figures and in Chinese on the
    line below ("Impairment allowance on property and equipment 17 (2,833)" / "物業及設備之減值
    撥備"): one label, the Chinese read by :func:`without_english`."""
    out: list[list[str]] = []
    for row in rows:
        prev = out[-1] if out else None
        if prev and row and row[0] and not any(c.strip() for c in row[1:]) \
                and re.search(r"[\u3400-\u9fff]", row[0]) and not re.search(r"[A-Za-z\d]", row[0]) \
                and prev[0] and not re.search(r"[\u3400-\u9fff]", prev[0]) \
                and re.search(r"[A-Za-z]{3}", prev[0]) \
                and any(parse_value(c) is not None for c in prev[1:]):
            out[-1] = [f"{prev[0]} {row[0].strip()}", *prev[1:]]
            continue
        out.append(row)
    return out


def _chinese_after(blocks: list[Block]) -> list[Block]:
    """A bilingual statement's last row in English with its figures ("NET CASH FROM (USED IN)
    OPERATING ACTIVITIES 3,160,214") and its Chinese name on the line below the grid, read as
    a heading ("來自（用於）經營活動之現金淨額"): the row's label is both."""
    out = list(blocks)
    for i, block in enumerate(out[:-1]):
        after = out[i + 1]
        table = block.table
        if table is None or not table.rows or after.kind == "table" or after.page != block.page:
            continue
        last = table.rows[-1]
        text = after.text.strip()
        if last and last[0] and re.search(r"[A-Za-z]{3}", last[0]) \
                and not re.search(r"[\u3400-\u9fff]", last[0]) and len(text) <= 30 \
                and re.search(r"[\u3400-\u9fff]", text) and not re.search(r"[A-Za-z\d。，]", text) \
                and any(parse_value(c) is not None for c in last[1:]):
            rows = [*table.rows[:-1], [f"{last[0]} {text}", *last[1:]]]
            out[i] = dataclasses.replace(block, table=dataclasses.replace(table, rows=rows))
    return out


def _label_tails_joined(rows: list[list[str]]) -> list[list[str]]:
    """A label a converter wrapped below its figures ("归属于上市" with the figures, then rows
    "公司股东的" and "净利润" with none) joined back, when the whole is an item's name and
    its first line is none."""
    items = load_items()
    out: list[list[str]] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        last = 0
        if row and row[0] and any(parse_value(c) is not None for c in row[1:]) \
                and items.of_label(clean_label(row[0])[0]) is None:
            label = row[0].strip()
            j = i + 1
            while j < len(rows) and j <= i + 5 and rows[j] and rows[j][0] \
                    and not any(c.strip() for c in rows[j][1:]):
                label += rows[j][0].strip()
                if items.of_label(clean_label(label)[0]) is not None:
                    last = j
                j += 1
        if last:
            tail = "".join(r[0].strip() for r in rows[i + 1:last + 1])
            out.append([row[0].strip() + tail, *row[1:]])
            i = last + 1
            continue
        out.append(row)
        i += 1
    return out


_YEAR_LABEL_RE = re.compile(r"^(?:19|20)\d{2}\s*年(?:度)?$")


def _years_as_columns(table: Table) -> Table:
    """A table whose rows are years and whose columns are items (公司近三年普通股现金分红情况表:
    分红年度 | 现金分红金额 | … | 占…净利润的比率, a row for 2016年, 2015年…) read the usual way
    round: a row per item, a column per year."""
    if (table.key_value or len(table.header) < 2 or len(table.rows) < 2
            or not all(r and _YEAR_LABEL_RE.match(r[0].strip()) for r in table.rows)):
        return table
    header = [table.header[0], *(r[0].strip() for r in table.rows)]
    rows = [[name, *(r[k] if k < len(r) else "" for r in table.rows)]
            for k, name in enumerate(table.header) if k and name]
    return dataclasses.replace(table, header=header, rows=rows)


def _rows(table: Table) -> list[list[str]]:
    """The rows, with a row the reader merged ("營業額(千港元)毛利(千港元)…" over cells of
    several figures each) split back into one row per label."""
    out: list[list[str]] = []
    section = ""
    for row in _label_tails_joined(_chinese_below(table.rows)):
        if row and row[0] and not any(c.strip() for c in row[1:]):
            label = normalize(row[0]).strip()
            section = label + "合计" if _SUBTOTAL_OF_RE.search(label) else ""
            if not section and load_items().of_label(clean_label(label)[0]):
                # "歸屬於本公司股東的淨利潤" over its parts, then their unlabelled total.
                section = row[0].strip()
        elif row and not row[0] and section and any(
                parse_value(c) is not None for c in row[1:]):
            # The unlabelled subtotal under "流動負債": 流动负债合计.
            out.append([section, *row[1:]])
            section = ""
            continue
        spilled = _LABEL_FIGURES_RE.match(row[0]) if row and row[0] else None
        if spilled:
            figures = spilled.group(2).split()
            cells = list(row[1:])
            free = [i for i, c in enumerate(cells) if not c.strip()]
            if len(figures) <= len(free) and free[: len(figures)] == list(range(len(figures))):
                for i, figure in enumerate(figures):
                    cells[i] = figure
                out.append([spilled.group(1).strip(), *cells])
                continue
        values = [c.split() for c in row[1:]]
        counts = {len(v) for v in values if v}
        labels = [p for p in _LABEL_BREAK_RE.split(row[0]) if p] if row and row[0] else []
        if len(counts) == 1 and (k := counts.pop()) >= 2 and len(labels) == k and all(
                parse_value(x) is not None for v in values for x in v):
            for i in range(k):
                out.append([labels[i].rstrip("*")] + [v[i] if v else "" for v in values])
            continue
        if out and row and row[0] and not any(c.strip() for c in out[-1][1:]) and \
                out[-1][0] and any(parse_value(c) is not None for c in row[1:]):
            joined = out[-1][0] + row[0]
            if load_items().of_label(clean_label(joined)[0]):
                out[-1] = [joined, *row[1:]]  # a label wrapped onto the next row
                continue
        out.append(list(row))
    return _single_children(out)


def _single_children(rows: list[list[str]]) -> list[list[str]]:
    """"營業額" over one row "藥品銷售 411,990", then 銷售成本: an item heading a group of one
    row states that row's figures too (the turnover is the one product's sales)."""
    items = load_items()

    def label_only(row: list[str]) -> bool:
        return bool(row and row[0]) and not any(c.strip() for c in row[1:])

    def ends_group(i: int, head: str) -> bool:
        if i >= len(rows):
            return True
        row = rows[i]
        if i + 1 < len(rows) and rows[i + 1] and rows[i + 1][0] in ("", head):
            return False  # the group's total under it: 佣金收入, 利息收入, then 收入's total
        return label_only(row) or not row or not row[0] or (
            items.of_label(clean_label(row[0])[0]) is not None)

    out: list[list[str]] = []
    for i, row in enumerate(rows):
        out.append(row)
        if i >= 1 and label_only(rows[i - 1]) and not label_only(row) and row and row[0] \
                and items.of_label(clean_label(rows[i - 1][0])[0]) is not None \
                and items.of_label(clean_label(row[0])[0]) is None \
                and ends_group(i + 1, rows[i - 1][0]):
            out.append([rows[i - 1][0], *row[1:]])
    return out


_PER_SHARE_RE = re.compile(r"每股|^[－\-—–]?\s*(?:基本|摊薄|稀释)$")


def _periods_ending(columns: list[tuple[Period | None, tuple[str, ...], str, str]]
                    ) -> list[tuple[Period | None, tuple[str, ...], str, str]]:
    """Under a flow statement's title ("簡明綜合全面收益表 / 截至二零一一年六月三十日止六個月"),
    columns dated alike in two years ("二零一一年 六月三十日 | 二零一零年 六月三十日") are the
    periods ending on that date, not balances at it. Columns of different dates (六月三十日 |
    十二月三十一日: a balance sheet's) stay balances."""
    dated = {i: _END_DATE_RE.search(cn_dates(cn_years(normalize(c[3]))).replace(" ", ""))
             for i, c in enumerate(columns) if c[0] is not None and c[0].end}
    days = {m.groups() for m in dated.values() if m is not None}
    if len(dated) < 2 or None in dated.values() or len(days) != 1:
        return columns
    month, day = next(iter(days))
    if (int(month), int(day)) == (1, 1) or int(month) not in _END_PART:
        return columns
    return [(Period(c[0].year, _END_PART[int(month)], False), *c[1:])
            if i in dated and c[0] is not None else c for i, c in enumerate(columns)]


# Notes closing a column header after its unit: "二零零九年 港幣千元 （經重列）",
# "港幣千元 （未經審核） （經重列）".
_COLUMN_NOTE_RE = re.compile(r"(?:\s*[（(][^（）()\d%％]{1,8}[)）])+$")


def _column_unit(column: str) -> re.Match[str] | None:
    column = normalize(column)
    return _LABEL_UNIT_RE.search(column) or _COLUMN_UNIT_RE.search(
        _COLUMN_NOTE_RE.sub("", column))


def _unit(label_unit: str, column: str, table_unit: str, metric: str, what: str) -> str:
    if what in ("change", "share"):
        m = _LABEL_UNIT_RE.search(normalize(column))
        if m and m.group(1) in ("%", "％"):
            return "%"
        return "%" if what == "share" else ""
    if label_unit:
        return label_unit
    if _PER_SHARE_RE.search(metric):
        # 每股盈利 in a table of 港幣千元 is in cents or dollars, never thousands of them.
        m = _column_unit(column)
        unit = canonical_unit(m.group(1)) if m else table_unit
        return "" if re.search(r"千|百万|万|亿", unit or "") else (unit or "")
    m = _column_unit(column)
    if m and (m.group(1) in ("%", "％") or not _RATE_LABEL_RE.search(metric)):
        return canonical_unit(m.group(1).replace("％", "%"))
    if table_unit and not _RATE_LABEL_RE.search(metric + column):
        return table_unit
    if table_unit in ("%", "％") or (table_unit and metric.endswith("率")):
        return "%" if table_unit in ("%", "％") else ""
    return ""


def reader_period(doc: Document) -> Period:
    """The period a document read by knowledge/readers reports on; when its opening names
    none (a converter lost the cover's year), the year its opening says most as a fiscal
    year ("2021年度财务报告", "2021年度利润分配预案")."""
    texts = [b.text for b in doc.blocks[:60] if b.kind != "table"]
    base = document_period(texts)
    # The title repeated as every page's running header ("2023年第三季度报告") was dropped
    # with the headers, the cover's too when nothing set it apart (converted text).
    running = cn_years(normalize(" ".join(doc.running))).replace(" ", "")
    title = _TITLE_PERIOD_RE.search(running) or _SHORT_TITLE_RE.search(running)
    if title and (base.year is None or base.year == int(title.group(1))):
        base = document_period([title.group(0)])
    if base.year is None:
        years = Counter(int(y) for t in texts
                        for y in _FISCAL_YEAR_RE.findall(cn_years(normalize(t))))
        if years:
            return Period(max(years, key=lambda y: (years[y], y)))
    return base


def markdown_period(raw: str) -> Period:
    """The period a Markdown or text document reports on (its title, else its most
    frequent year)."""
    lines = raw.splitlines()
    base = document_period([ln.lstrip("#").strip() for ln in lines[:20] if ln.strip()])
    return base if base.year is not None else _common_year(lines)


def document_facts(doc: Document, company: str | None = None,
                   items: Items | None = None) -> list[Fact]:
    """Every fact the tables of a document read by knowledge/readers state."""
    base = reader_period(doc)
    out: list[Fact] = []
    section = _Section()
    heading = ""
    lines = _LineTable(base, doc.name, out)
    repair = _Repair(base)
    after_key = False
    recent: list[tuple[int | None, str]] = []  # the lines since the last table
    for block in _chinese_after(doc.blocks):
        if block.kind != "table":
            lines.feed(block.text, block.page, heading)
            recent = [*recent[-3:], (block.page, block.text)]
        if block.kind == "heading":
            name = section_name(block.text)
            if name:
                heading = name
            norm = normalize(block.text)
            parent = bool(_PARENT_RE.search(norm)) or (
                section.parent and block.level > 2 and not _STATEMENT_RE.search(norm))
            squeezed = norm.replace(" ", "")
            title = len(norm) <= 40
            balance = title and bool(_BALANCE_TITLE_RE.search(squeezed))
            section = _Section(heading, "", bool(_KEY_TABLE_RE.search(norm)), parent, balance,
                               title and not balance and bool(_FLOW_RE.search(squeezed)))
            continue
        if block.kind == "paragraph":
            text = normalize(block.text)
            if len(text) <= 40:  # a statement's title set as a line: 財務狀況表, 綜合收益表
                squeezed = text.replace(" ", "")
                if _BALANCE_TITLE_RE.search(squeezed):
                    section.balance, section.flow = True, False
                elif _FLOW_RE.search(squeezed):
                    section.balance, section.flow = False, True
            if _PARENT_RE.search(text):
                section.parent = True
            elif re.search(r"合并(?:资产负债表|利润表|现金流量表)", text):
                section.parent = False
            continue
        table = block.table
        if table is None:
            continue
        lines.flush()
        table = repair.table(table, block.page)
        if table is None:
            continue
        table = _header_from_lines(table, [t for p, t in recent if p == block.page], base)
        repair.seen(table, block.page)
        recent = []
        caption = normalize(table.caption)
        key = section.key or bool(_KEY_TABLE_RE.search(caption)) or after_key
        # A one-column table whose last line names the key figures ("財務亮點", in a press
        # release's letterhead) heads the table after it.
        after_key = table.key_value and bool(table.rows) and bool(
            _KEY_TABLE_RE.search(normalize(" ".join(table.rows[-1]))))
        parent = section.parent or bool(_PARENT_RE.search(caption))
        out.extend(table_facts(table, base, company=company, document=doc.name,
                               page=block.page, heading=heading, key_table=key,
                               parent=parent, items=items, balance=section.balance,
                               flow=section.flow))
        lines.after_table(table, block.page)
    items = items or load_items()
    out.extend(_sentence_facts(doc, base, company, items, out))
    texts = [(b.page, t) for b in doc.blocks
             for t in ([b.text] if b.table is None else [r[0] for r in b.table.rows if r])]
    out.extend(_par_value(doc.name, texts, base, company, items))
    out.extend(_share_count(doc.name, texts, base, company, items, out))
    out.extend(_per_ten(doc.name, texts, base, company, items, out))
    out.extend(_headcount(doc.name, texts, base, company, items, out))
    out.extend(_parent_profit(doc.name, texts, base, company, items, out))
    return [_numbered(f, i) for i, f in enumerate(out)]


# "經營業務產生的現金流量淨額為港幣618,399,000元（二零一一年：港幣336,238,000元）": a
# figure and the last year's beside it in brackets, the Hong Kong way of writing both.
_AMOUNT = r"(港币|人民币)?\s*(\d[\d,]*(?:\.\d+)?)\s*(千|万|百万|亿)?\s*(港元|美元|元)"
_SAID_BOTH_RE = re.compile(
    r"(?:^|(?<=[，。；、:：\s（(]))([\u3400-\u9fff]{2,30}?)(?:约为|约|为|达到|达)\s*" + _AMOUNT +
    r"\s*[（(]\s*((?:19|20)\d{2})\s*年\s*[:：]\s*(?:约)?" + _AMOUNT + r"\s*[)）]")


_SAID_LEAD_RE = re.compile(
    r"^(?:(?:而|其中|另外|此外|同时|期内|年内|本年度|本期间|于本年度|于期内|本集团|本公司)的?)+")


def _sentence_facts(doc: Document, base: Period, company: str | None, items: Items,
                    stated: list[Fact]) -> list[Fact]:
    """Figures a sentence states with the last year's in brackets (see _SAID_BOTH_RE), for
    items no table of the document states for those periods (经营现金流 in a results
    announcement without a cash-flow statement)."""
    if base.year is None:
        return []
    have = {(f.item, f.period.year) for f in stated if f.item}
    out: list[Fact] = []
    # A page's paragraphs run together: a line of figures may have been set apart from its
    # sentence ("…為港幣618,399,000元（二零一一年：港幣" / "336,238,000元）。").
    pages: dict[int | None, list[str]] = {}
    for block in doc.blocks:
        if block.kind == "paragraph":
            pages.setdefault(block.page, []).append(block.text)
    for page, said in pages.items():
        text = cn_years(normalize(said[0]))
        for line in said[1:]:
            line = cn_years(normalize(line))
            cut = re.match(r"\d", line) or re.search(r"(?:港币|人民币|[:：（(])$", text)
            text += line if cut else "。" + line
        for m in _SAID_BOTH_RE.finditer(text):
            # The item named whole, after a word for the group or a linking word only: not
            # 收益 of "銷售應用軟件產生之收益" (a product's revenue is no 营业收入).
            label = _SAID_LEAD_RE.sub("", m.group(1))
            item = items.of_label(label)
            year = int(m.group(6))
            if item is None or year != base.year - 1:
                continue
            end = items.kinds.get(item) == "stock"
            for period, (cur, num, mul, money) in (
                    (Period(base.year, base.part, end), m.group(2, 3, 4, 5)),
                    (Period(year, base.part, end), m.group(7, 8, 9, 10))):
                unit = f"{mul or ''}{currency_of((cur or '') + money)}"
                if (item, period.year) in have or unit not in _MONEY:
                    continue
                out.append(Fact(company=company, metric=label, item=item, period=period,
                                column="", value=num, number=float(num.replace(",", "")),
                                unit=unit, document=doc.name, page=page,
                                heading="", label=label))
    return out


def currency_of(words: str) -> str:
    """The currency a unit or its words name: 千港元, 港币…元 → 港元; 百万元, 人民币 → 元;
    "" for none."""
    if "美元" in words:
        return "美元"
    if "港" in words:
        return "港元"
    return "元" if "元" in words or "人民币" in words else ""


# "每股面值港幣0.1元之普通股", "每股面值0.01港元": the nominal value of one share.
_PAR_RE = re.compile(r"每股面值\s*(港币|港元|人民币|美元)?\s*(\d+(?:\.\d+)?)\s*(港元|美元|元|仙)?")


def _par_value(name: str, texts: list[tuple[int | None, str]], base: Period,
               company: str | None, items: Items) -> list[Fact]:
    """The shares' par value when the document (its (page, text)s) states one: a Hong Kong
    company's 股本 is in 港元 at it, so the number of shares is 股本 ÷ 面值 (每股资产净值)."""
    said: dict[tuple[float, str], int | None] = {}
    for page, text in texts:
        if "面值" in text:
            for m in _PAR_RE.finditer(normalize(text)):
                before, number, after = m.group(1) or "", float(m.group(2)), m.group(3) or ""
                if after == "仙":
                    number, after = number / 100, "港元"
                currency = currency_of(before + after)
                if currency and number > 0:
                    said.setdefault((number, currency), page)
    if len(said) != 1 or base.year is None:
        return []  # none, or several (two classes of shares): no one number of shares
    (number, currency), page = next(iter(said.items()))
    return [Fact(company=company, metric="每股面值", item=items.of_label("每股面值"),
                 period=base, column="", value=f"{number:g}", number=number, unit=currency,
                 document=name, page=page, heading="", label="每股面值")]


# "以2022年末总股本98,834.60万股为基数": the number of shares at the period's end, which a
# report summary without a balance sheet states only in its dividend plan.
_SHARE_COUNT_RE = re.compile(
    r"((?:19|20)\d{2})\s*年\s*(?:末|底|\d{1,2}\s*月\s*\d{1,2}\s*日)?\s*(?:的)?\s*(?:公司)?\s*"
    r"总股本\s*(?:为)?\s*(\d[\d,]*(?:\.\d+)?)\s*(万|亿)?\s*股")


def _share_count(name: str, texts: list[tuple[int | None, str]], base: Period,
                 company: str | None, items: Items, stated: list[Fact]) -> list[Fact]:
    """The shares at the end of the report's period a sentence states (总股本), when no table
    states them in 股: the number a per-share figure is over (每股净资产)."""
    if base.year is None or any(f.item == "股本" and f.unit.endswith("股") for f in stated):
        return []
    for page, text in texts:
        if "总股本" not in text and "總股本" not in text:
            continue
        for m in _SHARE_COUNT_RE.finditer(normalize(text)):
            if int(m.group(1)) != base.year:
                continue
            value = m.group(2)
            return [Fact(company=company, metric="总股本", item=items.of_label("总股本"),
                         period=Period(base.year, base.part, True), column="", value=value,
                         number=float(value.replace(",", "")), unit=f"{m.group(3) or ''}股",
                         document=name, page=page, heading="", label="总股本")]
    return []


# "截至2019年12月31日，本集團共有211名全職僱員，較截至2018年12月31日的231名僱員減少8.7%": a
# Hong Kong report states its headcount in a sentence, with the date it is at before it.
# Or with last year's in brackets, before or after the noun: "聘用約20名（二零二四年：15名）僱員",
# "僱用合共521名僱員（二零一二年十二月三十一日：516名）".
# Or after the noun: "本集團之員工總人數為124人（二零零七年：120人）".
_BEFORE = (r"(?:[(（]\s*((?:19|20)\d{2}\s*年(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
           r"(?:\s*\d{1,2}\s*日)?)?)\s*[:：]?\s*"
           r"(\d[\d,]*)\s*(?:名|位|人)\s*[)）])?")
_HEADCOUNT_RE = re.compile(
    rf"((?:约)?\s*\d[\d,]*)\s*(名|位)\s*{_BEFORE}\s*(?:全职|全职及兼职)?\s*(?:雇员|员工|职员)\s*{_BEFORE}"
    rf"|(?:雇员|员工|职员)(?:总人数|总数|人数)\s*(?:为|约为|达|共)?\s*((?:约)?\s*\d[\d,]*)\s*(名|人|位)"
    rf"\s*{_BEFORE}")
_AT_DATE_RE = re.compile(r"(?:19|20)\d{2}\s*年\s*(?:\d{1,2}\s*月\s*\d{1,2}\s*日|底|末)")
_STAFF_RE = re.compile(r"[员員]工|[雇僱][员員]|[职職][员員]")  # before normalising


def _headcount(name: str, texts: list[tuple[int | None, str]], base: Period,
               company: str | None, items: Items, stated: list[Fact]) -> list[Fact]:
    """The group's employees at the dates a sentence states them (员工人数), when no table
    states them: each count at the date said just before it in the same sentence."""
    if base.year is None or any(f.item == "员工人数" for f in stated):
        return []
    found: dict[Period, Fact] = {}
    for page, text in texts:
        if not _STAFF_RE.search(text):
            continue
        for sentence in re.split(r"[。；;]", cn_dates(cn_years(normalize(text)))):
            if not re.search(r"本集团|集团|本公司|我们", sentence):
                continue
            for m in _HEADCOUNT_RE.finditer(sentence):
                dates = list(_AT_DATE_RE.finditer(sentence, max(0, m.start() - 40), m.start()))
                if not dates:
                    continue
                period = parse_period(dates[-1].group(0), base)[0]
                if period is None:
                    continue
                if dates[-1].group(0).endswith(("底", "末")):  # "於二零零九年底": its end
                    period = Period(period.year, period.part, True)
                counted, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(7), m.group(8))
                said = [(period, dates[-1].group(0), counted)]
                when, value = next(((m.group(i), m.group(i + 1)) for i in (3, 5, 9)
                                    if m.group(i)), ("", ""))
                if when:
                    before = parse_period(when, base)[0] if "日" in when else Period(
                        int(when[:4]), period.part, period.end)
                    if before is not None:
                        said.append((before, when, value))
                for at, column, value in said:
                    if at.year in (base.year, base.year - 1) and at not in found:
                        found[at] = Fact(
                            company=company, metric="员工人数", item=items.of_label("员工人数"),
                            period=at, column=column, value=value,
                            number=float(re.sub(r"[^\d.]", "", value)), unit=unit,
                            document=name,
                            page=page, heading="", label="员工人数")
    return list(found.values())


# "2022年度母公司实现净利润34,373,694.03元": the parent company's own profit, which a summary
# without the parent's statements states only in its dividend plan.
_PARENT_PROFIT_RE = re.compile(
    r"母公司(?:实现|的)?(?:的)?净利润\s*(?:为)?\s*(-?\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)")


def _parent_profit(name: str, texts: list[tuple[int | None, str]], base: Period,
                   company: str | None, items: Items, stated: list[Fact]) -> list[Fact]:
    """The parent company's profit of a year a sentence states, when no statement of the
    parent's states it: the year said before it in the same sentence."""
    if base.year is None or any(f.item == "净利润" and "母公司" in f.basis for f in stated):
        return []
    found: dict[Period, Fact] = {}
    for page, text in texts:
        if "母公司" not in text:
            continue
        for sentence in re.split(r"[。；;]", normalize(text)):
            for m in _PARENT_PROFIT_RE.finditer(sentence):
                before = sentence[max(0, m.start() - 60):m.start()]
                years = re.findall(r"((?:19|20)\d{2})\s*年", before)
                if not years or int(years[-1]) not in (base.year, base.year - 1):
                    continue
                period = Period(int(years[-1]))
                value = m.group(1)
                found.setdefault(period, Fact(
                    company=company, metric="净利润", item=items.of_label("净利润"),
                    period=period, column=f"{years[-1]}年", value=value,
                    number=float(value.replace(",", "")), unit=m.group(2), basis=("母公司",),
                    document=name, page=page, heading="", label="母公司净利润"))
    return list(found.values())


# "向全体股东每10股派发现金红利10元（含税）": the dividend planned for the report's period.
_PER_TEN_RE = re.compile(
    r"每\s*(?:10|十)\s*股\s*派(?:发|送)?\s*(?:现金红利|现金股利|现金股息|现金|红利)?\s*(?:人民币)?\s*"
    r"(\d+(?:\.\d+)?)\s*元")


def _per_ten(name: str, texts: list[tuple[int | None, str]], base: Period,
             company: str | None, items: Items, stated: list[Fact]) -> list[Fact]:
    """The cash dividend per ten shares the plan states (the first the document says), when
    no table states it: with the number of shares, the total paid (现金分红总额)."""
    if base.year is None or any(f.item == "每10股派息" for f in stated):
        return []
    for page, text in texts:
        if "股" not in text or "派" not in text:
            continue
        said = normalize(text)
        for m in _PER_TEN_RE.finditer(said):
            # The plan for the report's year (…审议通过的利润分配预案为：以2022年末总股本…),
            # not one carried out for an earlier year.
            before = said[max(0, m.start() - 120):m.start()]
            years = re.findall(r"((?:19|20)\d{2})\s*年", before)
            if not re.search(r"预案|方案|拟", before) or (
                    years and int(years[-1]) != base.year):
                continue
            value = m.group(1)
            return [Fact(company=company, metric="每10股派息", item=items.of_label("每10股派息"),
                         period=base, column="", value=value, number=float(value), unit="元",
                         document=name, page=page, heading="", label="每10股派息")]
    return []


def _header_from_lines(table: Table, lines: list[str], base: Period) -> Table:
    """A header whose periods the reader left above the grid as lines: "於二零一三年於二零一二年"
    over "六月三十日十二月三十一日" over a header "（未經審核） 港幣千元 | （經審核） 港幣千元".
    When
    no column names a period and the last lines name one year per figure column (and maybe one
    date each), the columns get them in order."""
    if table.key_value or not table.header:
        return table
    header = list(table.header)
    slots = [i for i, h in enumerate(header) if i > 0 and not _NOTE_COLUMN_RE.match(
        normalize(h).strip()) and any(parse_value(r[i]) is not None for r in table.rows
                                      if i < len(r))]
    if not slots:
        return table
    named = [cn_dates(cn_years(normalize(header[i]))).replace(" ", "") for i in slots]
    found = [d for h in named for d in _END_DATE_RE.findall(h)]
    years_in = [_YEAR_RE.findall(h) for h in named]
    titled = [k for k, h in enumerate(named) if h]  # a column with no name is none of these
    crowded = any(len(_END_DATE_RE.findall(h)) > 1 for h in named)
    if found and len(found) == len(titled) and (crowded or not any(years_in)):
        slots, named, years_in = [slots[k] for k in titled], [named[k] for k in titled], [
            years_in[k] for k in titled]
        # "於二零一二年 六月三十日十二月三十一日 港幣千元" | "於二零一一年 港幣千元": the reader ran
        # the columns' dates together into the first; each gets its own, with its year (or,
        # when no column names one, the years the reader left in the caption).
        years_said = [y[0] for y in years_in] if all(len(y) == 1 for y in years_in) else \
            _YEAR_RE.findall(cn_years(normalize(table.caption)).replace(" ", ""))
        if len(years_said) != len(slots):
            return table
        for k, i in enumerate(slots):
            rest = _YEAR_RE.sub("", _END_DATE_RE.sub("", cn_dates(cn_years(normalize(header[i])))))
            rest = re.sub(r"^\s*于\s*", "", rest)
            month, day = found[k]
            header[i] = f"{years_said[k]}年{month}月{day}日 {rest.strip()}".strip()
        return Table(table.caption, table.unit, header, [list(r) for r in table.rows],
                     table.key_value)
    if any(years_in) or any(parse_period(header[i], base)[0] is not None for i in slots):
        return table
    years: list[str] = []
    dates: list[str] = []
    for line in lines[-3:]:
        text = cn_dates(cn_years(normalize(line))).replace(" ", "")
        found_years = _YEAR_RE.findall(text)
        found_dates = _END_DATE_RE.findall(text)
        if len(found_years) == len(slots):
            years, dates = [f"{y}年" for y in found_years], []
        if years and len(found_dates) == len(slots) and len(found_years) in (0, len(slots)):
            dates = [f"{m}月{d}日" for m, d in found_dates]
    if not years:
        return table
    for k, i in enumerate(slots):
        header[i] = f"{years[k]}{dates[k] if dates else ''} {header[i]}".strip()
    return Table(table.caption, table.unit, header, [list(r) for r in table.rows],
                 table.key_value)


class _Repair:
    """Tables the reader split apart, put back together:

    - one column of figures headed by a period, with no labels (民生银行's 2021 column arrived
      as a key/value table of its own), is the missing column of the tables that follow it on
      the page: its values go to their labelled rows in order;
    - a table whose header names no period under one that did, with as many columns, on the
      same page, continues it (the second block of a key-figures table).
    """

    def __init__(self, base: Period) -> None:
        self.base = base
        self.column: tuple[str, list[str], int | None] | None = None
        self.last: tuple[list[str], int | None] | None = None

    def seen(self, table: Table, page: int | None) -> None:
        """A table's header once its periods are known (from the lines above it too): the
        header a block below it on the page takes or continues."""
        if any(parse_period(h, self.base)[0] for h in table.header[1:] if h):
            self.last = (list(table.header), page)

    def _headerless(self, table: Table, page: int | None) -> list[str]:
        """The header a table with none takes from the one above it on the page (a statement
        the reader cut into blocks): the same columns, or those without the note column when
        this block has none, or with one when its second column holds note numbers."""
        if table.header or not table.rows or self.last is None or self.last[1] != page:
            return list(table.header)
        last, width = self.last[0], max(len(r) for r in table.rows)
        noted = len(last) > 2 and bool(_NOTE_COLUMN_RE.match(normalize(last[1]).strip()))
        if width == len(last):
            return list(last)
        if width == len(last) - 1 and noted:
            return [last[0], *last[2:]]
        notes = [r[1].strip() for r in table.rows if len(r) > 1 and r[1].strip()]
        if width == len(last) + 1 and notes and all(re.fullmatch(r"\d{1,2}(?:\.\d)?", n)
                                                    for n in notes):
            return [last[0], "附注", *last[1:]]
        return list(table.header)

    def table(self, table: Table, page: int | None) -> Table | None:
        lone = self._lone_column(table)
        if lone is not None:
            self.column = (lone[0], lone[1], page)
            return None
        header = self._headerless(table, page)
        # A block of a statement the reader took for label/value pairs, given the header of
        # the block above, is a table of that statement's columns.
        pairs = table.key_value and not header
        if not pairs and header and self.last is not None and \
                self.last[1] == page and len(self.last[0]) == len(header) and \
                not any(parse_period(h, self.base)[0] for h in header[1:] if h):
            header = [h if h else old for h, old in zip(header, self.last[0], strict=True)]
            # The period from the header above, the unit this one says (港幣千元) kept.
            header = [(f"{old} {h}" if _COLUMN_UNIT_RE.search(f" {normalize(h).strip()}")
                       and h.strip() not in old else old)
                      if parse_period(old, self.base)[0] and not _CHANGE_RE.search(
                normalize(h)) else h for h, old in zip(header, self.last[0], strict=True)]
        rows = [list(r) for r in table.rows]
        if self.column is not None and not pairs and page is not None and \
                self.column[2] is not None and 0 <= page - self.column[2] <= 1:
            name, values, _ = self.column
            header = [*header, name] if header else ["", *[""] * (len(rows[0]) - 1), name]
            for row in rows:
                label = row[0] if row else ""
                has = any(parse_value(c) is not None for c in row[1:])
                if label and has and values and parse_value(label) is None:
                    row.append(values.pop(0))
                else:
                    row.append("")
            if not values:
                self.column = None
        return Table(table.caption, table.unit, header, rows, pairs)

    def _lone_column(self, table: Table) -> tuple[str, list[str]] | None:
        cells = [[c for c in r if c.strip()] for r in table.rows]
        if len(cells) < 4 or any(len(c) != 1 for c in cells):
            return None
        head = cells[0][0]
        period, _, what = parse_period(head, self.base)
        if period is None or what != "level" or parse_value(head) is not None:
            return None
        values = [c[0] for c in cells[1:]]
        if not all(parse_value(v) is not None for v in values):
            return None
        return head, values


# --- statements laid out as lines ---------------------------------------------------------
# A PDF statement the reader could not see as a grid arrives as lines: a header of years
# ("二零二五年二零二四年", "2023年 2022年 2023年 2022年3月31日 12月31日 …"), a unit line
# ("附註千港元千港元") and rows "營業額 3 99,313 148,422" (a note number, then one value per
# year), sometimes several rows run together on one line.
_NUM_TOKEN = (r"\(\s*[\d,]+(?:\.\d+)?\s*(?:百万|千|万|亿)?\s*\)|-?\d[\d,]*(?:\.\d+)?"
              r"(?:%|百万|千|万|亿)?|[–—]")
_ROW_RE = re.compile(
    # Each figure atomic: "637,599,993.94" is never retried as "637,599,993.9" + "4" (a line
    # ending in " / " would otherwise backtrack through every split of every figure).
    rf"(?P<label>[\u3400-\u9fffA-Za-z（(－\-][^\d]*?)\s*(?P<vals>(?>{_NUM_TOKEN})"
    rf"(?:\s*(?>{_NUM_TOKEN}))*+)(?=\s*[\u3400-\u9fff（(－\-a-z]|\s*$)"
)
_TOKEN_RE = re.compile(_NUM_TOKEN)
_LINE_UNIT_RE = re.compile(r"(人民币百万元|百万元|千港元|百万港元|千元|万元|亿元|港元千位)")
_HEADER_YEAR_RE = re.compile(r"(?:19|20)\d{2}年")
_HEADER_PART_RE = re.compile(r"\d{1,2}月\d{1,2}日|\d{1,2}至\d{1,2}月|\d{1,2}-\d{1,2}月")
_HEADER_NOISE_RE = re.compile(
    r"(?:19|20)\d{2}年|\d{1,2}月\d{1,2}日|\d{1,2}至\d{1,2}月|[(（](?:未经审计|经审计|已重述|"
    r"重述)[)）]|附注|千港元|百万元|人民币|港元|元|本集团|本行|集团|母公司|本公司|公司|合并|[\s:：]")
_BALANCE_RE = re.compile(r"资产负债表|财务状况表|^于(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$")
# A balance sheet's title (not 资产负债表日后事项): its year columns are balances at year end.
_BALANCE_TITLE_RE = re.compile(r"(?:资产负债表|财务状况表)(?:[(（]续[)）])?$")
_FLOW_RE = re.compile(r"利润表|损益表|现金流量表|全面收益表|收益表|权益变动表|止年度|止.{1,4}个月")


# Per-share lines after a statement's grid: "每股（虧損）╱盈利" over "基本及攤薄 11 (1.09港元)
# 0.05港元", "－基本 港幣20.49仙 港幣20.98仙", "－攤薄 不適用 港幣20.94仙".
_EPS_HEAD_RE = re.compile(
    r"每股(?:基本)?(?:[(（][^)）]{1,4}[)）][/╱])?(?:盈利|亏损|收益|溢利)")
_EPS_LINE_RE = re.compile(
    r"^[－\-—–]?\s*(?P<kind>基本及摊薄|基本及稀释|基本|摊薄|稀释)\s*(?P<unit>[(（][^)）]{1,6}[)）])?")
# "港幣(14.92)仙": a loss per share with its bracket inside the currency.
_EPS_VALUE_RE = re.compile(
    r"\s*([(（]?\s*(?:港币)?\s*[(（]?\s*\d[\d,]*(?:\.\d+)?\s*[)）]?\s*(?:港?仙|港元|元|(?![A-Za-z\d.]))"
    r"\s*[)）]?|不适用|[–—-])")


class _LineTable:
    """Reads statement lines into facts (see above); ``flush`` forgets the header."""

    def __init__(self, base: Period, document: str, out: list[Fact]) -> None:
        self.base = base
        self.after: tuple[list[str], int | None, bool] | None = None
        self.document = document
        self.out = out
        self.columns: list[str] = []
        self.parent_from = 0   # columns from here on are the parent company's (本集团 | 本行)
        self.unit = ""
        self.end = False
        self.halves = False

    def flush(self) -> None:
        self.columns = []
        self.after = None

    def after_table(self, table: Table, page: int | None) -> None:
        """A statement's per-share lines often come after its grid, as text: under a heading
        "每股（虧損）╱盈利" or under the table's last row "每股盈利 9" with no figures
        ("基本及攤薄 11 (1.09港元) 0.05港元", "－基本 港幣20.49仙 港幣20.98仙"). They are read
        with the table's period columns, on its page."""
        columns = []
        for name in table.header:
            period, _, what = parse_period(name, self.base)
            if period is not None and what == "level":
                columns.append(name)
        last = table.rows[-1] if table.rows else []
        under = bool(last) and bool(_EPS_HEAD_RE.fullmatch(clean_label(last[0])[0])) and all(
            parse_value(c) is None or re.fullmatch(r"\d{1,2}", c.strip()) for c in last[1:])
        self.after = (columns, page, under) if columns and not table.key_value else None

    def _per_share(self, text: str, page: int | None, heading: str) -> bool:
        """Reads a per-share line after a statement (see ``after_table``); False when the line
        is none."""
        if self.after is None or self.after[1] != page:
            self.after = None
            return False
        columns, _, under = self.after
        if _EPS_HEAD_RE.fullmatch(clean_label(re.sub(r"\s*\d{1,2}$", "", text))[0]):
            self.after = (columns, page, True)
            return True
        m = _EPS_LINE_RE.match(text)
        if not under or not m:
            self.after = None
            return False
        label_unit = clean_label(f"x{m.group('unit')}")[1] if m.group("unit") else ""
        values: list[str] = []
        at = m.end()
        while (v := _EPS_VALUE_RE.match(text, at)) is not None:
            values.append(v.group(1).replace(" ", ""))
            at = v.end()
        if len(values) == len(columns) + 1 and re.fullmatch(r"\d{1,2}", values[0]):
            values = values[1:]  # a note number
        if len(values) != len(columns):
            return False
        items = load_items()
        kinds = {"基本": ["基本"], "摊薄": ["摊薄"], "稀释": ["摊薄"]}.get(
            m.group("kind"), ["基本", "摊薄"])
        for column, value in zip(columns, values, strict=True):
            period, basis, _ = parse_period(column, self.base)
            cents = re.fullmatch(
                r"[(（]?(?:港币)?[(（]?([\d.,]+)[)）]?(港?仙|港元|元)?[)）]?", value)
            if period is None or cents is None:
                continue
            number = float(cents.group(1).replace(",", ""))
            negative = bool(re.search(r"[(（]", value))
            number = -number if negative else number
            unit = {"港仙": "港仙", "仙": "港仙"}.get(cents.group(2) or "", cents.group(2) or "")
            shown = f"({cents.group(1)})" if negative else cents.group(1)
            for kind in kinds:
                self.out.append(Fact(
                    company=None, metric=kind, item=items.of_label(kind), period=period,
                    column=column, value=shown, number=number, unit=unit or label_unit,
                    basis=basis, document=self.document, page=page, heading=heading,
                    label=text[:at].strip()))
        return True

    def feed(self, raw: str, page: int | None, heading: str) -> None:
        text = cn_years(normalize(raw)).strip()
        if self.after is not None and self._per_share(text, page, heading):
            return
        # A statement's title starts a new statement: a short line, not a paragraph that
        # mentions one ("…截至2025年3月31日止年度之综合业绩…").
        if len(text) <= 40 and _BALANCE_RE.search(text.replace(" ", "")):
            self.end, self.columns, self.unit = True, [], ""
        elif len(text) <= 40 and _FLOW_RE.search(text):
            self.end, self.columns, self.unit = False, [], ""
        if re.fullmatch(r"本集团\s*本行|集团\s*母公司|合并\s*母公司", text.replace(" ", "")):
            self.halves = True
            return
        unit = _LINE_UNIT_RE.search(text)
        if unit and len(text) <= 60:
            self.unit = "百万元" if "百万元" in unit.group(1) else (
                "千港元" if "港元千位" in unit.group(1) else unit.group(1))
        years = _HEADER_YEAR_RE.findall(text)
        rest = text
        if len(years) >= 2:
            head, tail = self._split_header(text)
            if len(_HEADER_NOISE_RE.sub("", head)) <= 6:
                parts = _HEADER_PART_RE.findall(head)
                if len(parts) == len(years):
                    self.columns = [y + p for y, p in zip(years, parts, strict=True)]
                else:
                    self.columns = years
                self.parent_from = len(self.columns) // 2 if self.halves else len(self.columns)
                self.halves = False
                rest = tail
                if not rest:
                    return
        if not self.columns:
            return
        for m in _ROW_RE.finditer(rest):
            self._row(m.group("label"), _TOKEN_RE.findall(m.group("vals")), page, heading)

    @staticmethod
    def _split_header(text: str) -> tuple[str, str]:
        """The header part of a line and the rows that follow it on the same line."""
        m = re.search(r"[)）]\s*(?=[\u3400-\u9fff][^)）]*$)", text)
        if m and re.search(r"[\u3400-\u9fff]{2,}", text[m.end():]):
            return text[: m.end()], text[m.end():]
        return text, ""

    def _row(self, label: str, values: list[str], page: int | None, heading: str) -> None:
        n = len(self.columns)
        if len(values) == n + 1 and re.fullmatch(r"\d{1,2}", values[0]):
            values = values[1:]  # a note number
        if len(values) != n:
            return
        metric, label_unit = clean_label(label)
        if not metric or len(metric) > 30 or not re.search(r"[\u3400-\u9fff]{2}", metric):
            return
        items = load_items()
        for i, (column, value) in enumerate(zip(self.columns, values, strict=True)):
            got = parse_value(value.replace(" ", ""))
            if got is None:
                continue
            period, basis, _ = parse_period(column, self.base)
            if period is None:
                continue
            if self.end and not period.end:
                period = Period(period.year, period.part, True)
            number, cell_unit = got
            if cell_unit in ("百万", "千", "万", "亿") and label_unit:
                cell_unit += label_unit  # 99百萬 in a row labelled （港元）
            unit = cell_unit or label_unit or (
                self.unit if not _RATE_LABEL_RE.search(metric) else "")
            extra = (*basis, "母公司") if i >= self.parent_from else basis
            self.out.append(Fact(
                company=None, metric=metric, item=items.of_label(metric), period=period,
                column=column, value=value.replace(" ", ""), number=number, unit=unit,
                basis=extra, document=self.document, page=page, heading=heading,
                label=label.strip(),
            ))


def markdown_facts(name: str, raw: str, company: str | None = None,
                   items: Items | None = None) -> list[Fact]:
    """The facts of the pipe tables of a Markdown (or plain-text) document."""
    lines = raw.splitlines()
    base = markdown_period(raw)
    out: list[Fact] = []
    heading = ""
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        m = re.match(r"^#{1,6}\s*(.+?)\s*#*$", line)
        if m:
            heading = m.group(1).strip()
            i += 1
            continue
        if "|" in line and i + 1 < len(lines) and re.fullmatch(
                r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?", lines[i + 1].strip()):
            header = cells(line)
            before = next((ln for ln in reversed(lines[max(0, i - 3):i]) if ln.strip()), "")
            unit = unit_of(before) if "单位" in before else ""
            rows = []
            j = i + 2
            while j < len(lines) and "|" in lines[j]:
                rows.append(cells(lines[j]))
                j += 1
            table = Table(heading, unit, header, rows)
            if figures_in_header(header):
                table = Table(heading, unit, [], [header, *rows], True)
            out.extend(table_facts(table, base, company=company, document=name, heading=heading,
                                   key_table=bool(_KEY_TABLE_RE.search(normalize(heading))),
                                   parent=bool(_PARENT_RE.search(normalize(heading))),
                                   items=items))
            i = j
            continue
        i += 1
    items = items or load_items()
    texts: list[tuple[int | None, str]] = [(None, ln) for ln in lines]
    out.extend(_par_value(name, texts, base, company, items))
    out.extend(_share_count(name, texts, base, company, items, out))
    out.extend(_per_ten(name, texts, base, company, items, out))
    out.extend(_headcount(name, texts, base, company, items, out))
    out.extend(_parent_profit(name, texts, base, company, items, out))
    return [_numbered(f, n) for n, f in enumerate(out)]


def _common_year(lines: list[str]) -> Period:
    years: dict[int, int] = {}
    for line in lines:
        for y in _YEAR_RE.findall(cn_years(line)):
            years[int(y)] = years.get(int(y), 0) + 1
    return Period(max(years, key=lambda y: (years[y], y))) if years else Period(None)


def _numbered(fact: Fact, order: int) -> Fact:
    return Fact(**{**fact.__dict__, "order": order})


# --- the index ----------------------------------------------------------------------------
@dataclass
class FactIndex:
    """The facts of one knowledge base, by metric."""

    facts: list[Fact] = field(default_factory=list)
    periods: dict[str, Period] = field(default_factory=dict)   # document → its period
    items: Items = field(default_factory=load_items)
    # The month the covers say the reports' years end in (英皇證券's 2021-09-30), for a
    # report whose columns name years only.
    declared_year_end: int = 12
    _by_metric: dict[str, list[int]] = field(default_factory=dict, init=False, repr=False)
    _labels: list[str] = field(default_factory=list, init=False, repr=False)
    _label_words: Vocabulary = field(default_factory=lambda: Vocabulary(()), init=False,
                                     repr=False)

    def __post_init__(self) -> None:
        for i, fact in enumerate(self.facts):
            for name in {fact.metric, fact.item or fact.metric}:
                self._by_metric.setdefault(name, []).append(i)
        self._labels = sorted(
            (m for m in self._by_metric
             if len(re.findall(r"[\u3400-\u9fff]", m)) >= 3 and not re.search(r"\d", m)),
            key=len, reverse=True)
        self._label_words = Vocabulary(self._labels)

    def __len__(self) -> int:
        return len(self.facts)

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.facts)

    @property
    def base(self) -> Period:
        """The newest period a document reports on: the default period of a question naming
        none, and what 去年, 上一季度 and 前三季度 are read against."""
        return newest(self.periods)

    @functools.cached_property
    def year_end_month(self) -> int:
        """The month the reports' years end in: 3 for a fiscal year to 31 March, whose
        year-end balances stand under "2024年3月31日"; 12 unless they say otherwise."""
        months = Counter(int(m.group(1)) for f in self.facts
                         if f.period.end and not f.period.part
                         and (m := re.search(r"(\d{1,2})\s*月\s*\d{1,2}\s*日", f.column)))
        month, count = months.most_common(1)[0] if months else (12, 0)
        return month if count >= 3 else self.declared_year_end

    def has(self, metric: str) -> bool:
        return metric in self._by_metric

    def metric_in(self, text: str) -> tuple[str, int, int] | None:
        """The metric a normalised question names: (item or label, start, end), the longest
        match of an item variant or a table label; None when it names none."""
        best: tuple[str, int, int] | None = None
        for start, variant, item in self.items.in_question(text):
            if best is None or len(variant) > best[2] - best[1]:
                best = (item, start, start + len(variant))
        longer_than = 0 if best is None else best[2] - best[1]
        found = self._label_words.occurrences(text, longer_than)
        if found:
            # The longest label, the first of its length in _labels' order (as a scan would).
            start, label = min(found, key=lambda p: (-len(p[1]), self._label_words.rank[p[1]]))
            best = (label, start, start + len(label))
        return best

    def label_naming(self, words: str, item: str) -> str:
        """The shortest label holding ``words`` and a name of ``item`` ("持续经营业务" of 净利润:
        来自持续经营业务的年度溢利); "" when none does."""
        if len(words) < 2:
            return ""
        # The item's names and its family's (归母净利润 is a 净利润: 年度溢利 names it too).
        family = [k for k in self.items.kinds if item.endswith(k)] or [item]
        names = [v for k in {item, *family} for v in self.items.variants_of(k) if len(v) >= 2]
        found = [m for m in self._labels if words in m and any(v in m for v in names)
                 and len(m) <= len(words) + 12]
        return min(found, key=len) if found else ""

    def label_holding(self, words: str) -> str | None:
        """The shortest table label that contains ``words`` (4 characters or more)."""
        if len(words) < 4:
            return None
        found = [m for m in self._labels if words in m and len(m) <= len(words) + 4]
        return min(found, key=len) if found else None

    def find(self, metric: str, period: Period | None = None, *, change: bool = False,
             basis: tuple[str, ...] = (), said: str | None = None) -> list[Fact]:
        """Facts of ``metric`` (an item or a label), best first: key table, then the asked
        basis (调整后 unless 调整前 is asked), then order; the parent company's own figures
        only when 母公司 is asked."""
        found = []
        for i in self._by_metric.get(metric, ()):
            fact = self.facts[i]
            if fact.change != change or fact.share:
                continue
            if period is not None and not _same_period(fact.period, period):
                continue
            if "母公司" in fact.basis and "母公司" not in basis:
                continue  # the parent company's own figure answers only when it is asked
            found.append(fact)

        def coarse(f: Fact) -> int:
            """1 when another figure found states the same amount more precisely: a five-year
            summary's 每股虧損 -23 against the income statement's -22.75."""
            digits = _decimals(f.value)
            return 1 if any(
                g.period == f.period and g.unit == f.unit and _decimals(g.value) > digits
                and round(g.number, digits) == f.number for g in found) else 0

        def rank(f: Fact) -> tuple[int, int, int, int, int, int, int, int, int]:
            wrong_basis = sum(1 for b in f.basis if b not in basis and b != "调整后")
            missing = sum(1 for b in basis if b not in f.basis)
            # The row the question names in its own words (存款总额) before other rows of
            # the same item.
            exact = 0 if f.metric in (metric, said) and len(f.metric) >= 3 else 1
            # A rounded summary figure (99百萬) gives way to the exact one (99,313千港元).
            rounded = 1 if re.search(r"[万亿千][)）]?$", normalize(f.value)) else 0
            # A statement's line (現金及銀行結餘 in 綜合財務狀況表) before a note's row that only
            # shares a word with it (現金 among the consideration paid for an acquisition).
            statement = 0 if _statement_heading(f.heading) else 1
            # A figure whose table states no unit (a table of changes and their reasons) gives
            # way to the statement's line saying 元.
            unitless = 0 if f.unit else 1
            return (missing, wrong_basis, rounded, coarse(f), unitless,
                    0 if f.key_table else 1, exact, statement, f.order)

        return sorted(found, key=rank)


def _decimals(value: str) -> int:
    """The decimals a figure is written with ("22.75" → 2, "(23)" → 0)."""
    digits = re.search(r"\.(\d+)", value)
    return len(digits.group(1)) if digits else 0


def report_for(year: int, periods: dict[str, Period]) -> Period | None:
    """The period of the report a question about ``year`` is read against: the newest report
    on that year, else the first one after it (its comparison columns), else None."""
    known = sorted((p for p in periods.values() if p.year is not None), key=lambda p: p.order)
    same = [p for p in known if p.year == year]
    after = [p for p in known if p.year is not None and p.year > year]
    return same[-1] if same else after[0] if after else None


def newest(periods: dict[str, Period]) -> Period:
    """The newest period a report is on (Period(None) when none is known)."""
    known = [p for p in periods.values() if p.year is not None]
    return max(known, key=lambda p: p.order) if known else Period(None)


def _same_period(have: Period, want: Period) -> bool:
    if have.year != want.year or have.part != want.part:
        return False
    return not want.end or have.end


__all__ = [
    "Fact",
    "FactIndex",
    "Items",
    "Period",
    "clean_label",
    "currency_of",
    "document_facts",
    "document_period",
    "load_items",
    "markdown_facts",
    "markdown_period",
    "newest",
    "parse_period",
    "parse_value",
    "reader_period",
    "report_for",
    "table_facts",
]
