"""Labelled fields of the company-information pages: 股票代码, 股票简称, 注册地址, 办公地址.

公司简介 states each as a label and its value ("公司注册地址：陕西省西安市…", "公司代码：600080"),
next to look-alike labels ("公司注册地址的历史变更情况：无") and table headers that list labels
without values ("股票种类：股票上市交易所，股票简称，股票代码"). Ranking by words finds any of them;
this module reads only a line whose whole label is the field's and whose value has the field's
shape, the first such line of the report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.models import Passage
from knowledge.text import normalize, without_names


@dataclass(frozen=True)
class Field:
    name: str               # as the reply says it
    asked: re.Pattern[str]  # the words a question names it with
    label: re.Pattern[str]  # a whole label that states it
    value: re.Pattern[str]  # the shape of its value


FIELDS = (
    Field("股票代码", re.compile(r"股票代码|证券代码|股份代号|股票代号|代码"),
          re.compile(r"(?:a股)?(?:股票|证券|公司|股份)(?:代码|代号)"),
          re.compile(r"\d{4,6}")),
    Field("股票简称", re.compile(r"股票简称|证券简称|a股简称|公司简称|简称"),
          re.compile(r"(?:a股)?(?:股票|证券|公司)(?:的中文)?简称"),
          re.compile(r"[\u4e00-\u9fffA-Za-z*]{2,10}")),
    Field("注册地址", re.compile(r"注册地址|注册地"),
          re.compile(r"(?:公司)?注册地址"), re.compile(r"\w.{3,60}(?:号|室|层|楼|区|市)")),
    Field("办公地址", re.compile(r"办公地址|办公地点|办公室在哪|总部地址|总部在哪"
                               r"|在(?:哪|哪里|哪儿|什么地方)办公"),
          re.compile(r"(?:公司)?(?:办公地址|总部地址)"),
          re.compile(r"\w.{3,60}(?:号|室|层|楼|区|市|座)")),
    # A Hong Kong company's 中國主要營業地點 / 香港主要營業地點 (its office in the mainland
    # or in Hong Kong): the place the question names picks the label.
    Field("主要营业地点", re.compile(r"(?:(?:中国|内地|大陆|国内|香港)\S{0,3})?主要营业地[点址]"
                                   r"|营业地[点址]"),
          re.compile(r"(?:中国|香港)?主要营业地[点址]"),
          re.compile(r"\w.{3,60}(?:号|室|层|楼|区|市|座|廣場|广场|中心|大厦)")),
    # The auditor's fee and signing accountants, in the 聘任会计师事务所 table ("境内会计师事务所
    # 报酬：现聘任 75万元").
    Field("审计费用", re.compile(r"(?:给)?(?:会计师事务所|审计机构)?(?:付了?|支付了?)?(?:多少)?"
                               r"(?:审计费用?|审计报酬|会计师事务所报酬)"),
          re.compile(r"(?:境内)?会计师事务所报酬|审计费用|审计报酬"),
          re.compile(r"[\d,.]+\s*(?:万元|元|千元|百万元|万港元|千港元)")),
    Field("签字会计师", re.compile(r"签字(?:注册)?会计师(?:姓名)?|签字的(?:注册)?会计师"),
          re.compile(r"(?:境内)?会计师事务所(?:签字)?注册会计师姓名|签字(?:注册)?会计师(?:姓名)?"),
          re.compile(r"[\u4e00-\u9fff]{2,4}(?:[、，,\s]+[\u4e00-\u9fff]{2,4}){0,3}")),
)
# A value in the 聘任 table is said under its column: "现聘任 75万元".
_COLUMN_RE = re.compile(r"^(?:现聘任|原聘任|拟聘任)\s*")
# What a question about a field may say besides the field and the company.
_ASKING_RE = re.compile(
    r"是什么|是多少|是啥|在哪里|在哪儿|在哪|哪里|多少|什么|是谁|谁|请问|公司|年报|年度报告|报告"
    r"|(?:19|20)?\d{2}年|的|是|呢|吗|在边|边度|边|位于|在|[?？!！。,，\s]")
_LINE_RE = re.compile(r"([^:：，,。]{2,16})[:：]\s*([^:：]{2,80}?)[。]?$")


def asked_field(text: str, names: Sequence[str]) -> Field | None:
    """The field a question asks for ("金花股份股票代码", "注册地址在哪"): a field word and nothing
    else but the company's names and the words of asking."""
    norm = without_names(text, names)
    for found in FIELDS:
        m = found.asked.search(norm)
        if m is None:
            continue
        rest = norm[:m.start()] + " " + norm[m.end():]
        if not _ASKING_RE.sub("", rest).strip():
            return found
    return None


def lookup(passages: Sequence[Passage], wanted: Field, question: str = ""
           ) -> tuple[str, Passage] | None:
    """(value, the passage stating it) of the first line labelled with the field alone, or
    of the first section headed by the label alone (a Hong Kong 公司資料 page sets the label
    over the lines of its value)."""
    found = _inline(passages, wanted)
    if found is not None:
        return found
    sections: dict[tuple[str, str], list[Passage]] = {}
    for passage in passages:
        heading = normalize(passage.heading).strip()
        if wanted.label.fullmatch(heading):
            sections.setdefault((passage.document, heading), []).append(passage)
    asked = normalize(question)
    # "內地嘅主要營業地點": the heading naming the place asked, else the first.
    ordered = sorted(sections.items(), key=lambda kv: not _place_of(kv[0][1], asked))
    for _, members in ordered:
        value = "".join(p.text.strip() for p in members[:6])
        if wanted.value.fullmatch(normalize(value)):
            return value, members[0]
    return None


_PLACE_WORDS = {"中国": ("中国", "内地", "大陆", "国内"), "香港": ("香港",)}


def memo_key(wanted: Field, question: str) -> str:
    """What a lookup depends on: the field and any place the question names."""
    asked = normalize(question)
    return wanted.name + "".join(p for p, words in _PLACE_WORDS.items()
                                 if any(w in asked for w in words))


def _place_of(heading: str, asked: str) -> bool:
    return any(heading.startswith(place) and any(w in asked for w in words)
               for place, words in _PLACE_WORDS.items())


def _inline(passages: Sequence[Passage], wanted: Field) -> tuple[str, Passage] | None:
    for passage in passages:
        for part in re.split(r"(?<=[。])|\s{2,}|(?<=\d)\s+(?=\S+[:：])", normalize(passage.text)):
            m = _LINE_RE.match(part.strip())
            if m is None or not wanted.label.fullmatch(m.group(1).strip()):
                continue
            value = _COLUMN_RE.sub("", m.group(2).strip())
            if wanted.value.fullmatch(value):
                return value, passage
    return None
