""""为什么 / 原因" questions are answered by the sentence giving a reason (由于…, 受…影响,
主要归因于…), not by the one that only states the figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge

REPORT = """# 青川银行2023年第一季度报告

## 季度经营简要分析

营业收入227.6亿元，同比下降1.09%。
利息净收入168.4亿元，下降4.79%。
受贷款市场报价利率下调滞后反映等因素影响，净利息收益率下降至1.77%。
手续费及佣金净收入40.5亿元，下降2.86%，主要是受资本市场波动影响，代销基金收入减少。
本年亏损6.4亿元。

## 集团业绩

本年度的亏损主要归因于全球经济衰退及个人消费减少而导致收入减少。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("why")
    (folder / "qingchuan-2023q1.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


@pytest.mark.parametrize(("question", "reason"), [
    ("为什么手续费收入下降", "资本市场波动"),
    ("净息差为什么下降", "贷款市场报价利率"),
    ("今年亏损原因", "全球经济衰退"),
])
def test_why_is_answered_with_the_reason(kb: KnowledgeBase, question: str, reason: str) -> None:
    answer = kb.answer(question)
    assert reason in answer.text, answer.text
