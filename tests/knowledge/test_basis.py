"""Adjusted and reported figures side by side: a question naming a basis gets that basis."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import Context, KnowledgeBase, build_knowledge

ADJUSTED = "301.53"  # 按非国际财务报告准则 … 应占盈利
REPORTED = "331.07"  # 本公司权益持有人应占盈利 (no basis named)


@pytest.mark.parametrize("question", [
    "非国际财务报告准则下的净利润是多少", "Non-IFRS净利润", "non ifrs 净利润", "nonIFRS净利润",
    "经调整净利润是多少", "调整后的利润有多少", "扣非净利润",
])
def test_adjusted_questions_get_the_adjusted_figure(shipped: KnowledgeBase, question: str) -> None:
    assert ADJUSTED in shipped.answer(question).text


@pytest.mark.parametrize("question", [
    "按国际财务报告准则，腾讯净利润多少", "IFRS净利润", "GAAP下的净利润", "腾讯净利润多少",
])
def test_reported_and_plain_questions_get_the_reported_figure(shipped: KnowledgeBase,
                                                              question: str) -> None:
    text = shipped.answer(question).text
    assert REPORTED in text and ADJUSTED not in text


def test_a_follow_up_switches_the_basis(shipped: KnowledgeBase) -> None:
    first = shipped.answer("非国际财务报告准则下的净利润是多少")
    assert ADJUSTED in first.text
    then = shipped.answer("按国际财务报告准则计算的呢", first.context)
    assert REPORTED in then.text and ADJUSTED not in then.text
    back = shipped.answer("经调整的呢", then.context)
    assert ADJUSTED in back.text


@pytest.fixture(scope="module")
def a_share(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("a_share")
    (folder / "report.md").write_text(
        "# 远川股份2023年年度报告摘要\n\n"
        "2023年，远川股份实现营业收入52.6亿元，同比增长12%。"
        "归属于上市公司股东的净利润为8.5亿元，同比增长10%。"
        "归属于上市公司股东的扣除非经常性损益的净利润为7.2亿元，同比增长6%。"
        "经营活动产生的现金流量净额为9.9亿元。\n", encoding="utf-8")
    return build_knowledge(folder)


def test_the_basis_is_general_not_tencents(a_share: KnowledgeBase) -> None:
    assert "7.2亿元" in a_share.answer("扣非净利润多少").text
    assert "7.2亿元" in a_share.answer("远川股份扣除非经常性损益后的净利润").text
    plain = a_share.answer("远川股份的净利润是多少").text
    assert "8.5亿元" in plain and "7.2亿元" not in plain
    assert "8.5亿元" in a_share.answer("归母净利润", Context()).text
