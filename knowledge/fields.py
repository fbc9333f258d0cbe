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
    Field("办公地址", re.compile(r"办公地址|办公地点|办公室在哪|总部地址|总部在哪"),
          re.compile(r"(?:公司)?(?:办公地址|总部地址)"),
          re.compile(r"\w.{3,60}(?:号|室|层|楼|区|市|座)")),
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
    r"|(?:19|20)?\d{2}年|的|是|呢|吗|[?？!！。,，\s]")
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


def lookup(passages: Sequence[Passage], wanted: Field) -> tuple[str, Passage] | None:
    """(value, the passage stating it) of the first line labelled with the field alone."""
    for passage in passages:
        for part in re.split(r"(?<=[。])|\s{2,}|(?<=\d)\s+(?=\S+[:：])", normalize(passage.text)):
            m = _LINE_RE.match(part.strip())
            if m is None or not wanted.label.fullmatch(m.group(1).strip()):
                continue
            value = _COLUMN_RE.sub("", m.group(2).strip())
            if wanted.value.fullmatch(value):
                return value, passage
    return None
