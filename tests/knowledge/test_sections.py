"""Open questions about a section (strategy, risks, main business…) are answered from the
section whose heading names it, and "更多" reads on in that section (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import Library, build_library
from knowledge.sections import asked_topic

REPORT = """# 青川制造2023年年度报告

## 第三节 管理层讨论与分析

报告期内，公司实现营业收入52.3亿元，同比增长8.1%。公司坚持战略引领，持续推进数字化。

### 公司发展战略

公司以“智造升级、全球布局”为总体方向。未来三年将聚焦高端装备与新能源两条主线。
公司计划在东南亚新建两座工厂，提升海外收入占比。公司将持续加大研发投入，保持技术领先。
同时推进管理变革，建设数字化运营体系。

### 可能面对的风险

原材料价格波动风险：钢材等主要原材料价格波动较大。汇率风险：海外业务以美元结算。
行业竞争加剧风险：同行业产能扩张较快。

## 第四节 公司业务概要

### 报告期内公司从事的主要业务

公司主要从事工业机器人及自动化产线的研发、生产和销售。产品广泛应用于汽车、电子行业。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder: Path = tmp_path_factory.mktemp("sections")
    (folder / "qingchuan-2023.md").write_text(REPORT, encoding="utf-8")
    return build_library(folder)


@pytest.mark.parametrize(("question", "expected"), [
    ("公司的发展战略是什么", "智造升级、全球布局"),
    ("未来发展规划", "智造升级、全球布局"),
    ("公司面临哪些风险", "原材料价格波动风险"),
    ("青川制造的主营业务是什么", "工业机器人及自动化产线"),
])
def test_open_questions_quote_the_section_lead(kb: Library, question: str,
                                               expected: str) -> None:
    answer = kb.answer(question)
    assert expected in answer.text and "来源" in answer.text, answer.text
    assert "营业收入52.3亿元" not in answer.text  # a sentence that merely says 战略


def test_more_reads_on_in_the_section(kb: Library) -> None:
    first = kb.answer("公司的发展战略是什么")
    more = kb.more(first.context)
    assert more is not None and "管理变革" in more.text and "智造升级" not in more.text
    after = kb.more(more.context)  # the section is read: nothing from the next one follows
    assert after is None or "原材料" not in after.text


@pytest.mark.parametrize("question", ["战略投资了多少钱", "风险加权资产是多少", "营收多少",
                                      "云账本是干什么的"])
def test_figure_and_definition_questions_are_not_section_questions(question: str) -> None:
    assert asked_topic(question) is None
