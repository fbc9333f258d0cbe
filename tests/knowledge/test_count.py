""""多少人 / 几名 / 多少员工" ask for a count: the sentence giving the count next to what was
asked wins over an amount of money about it, and the measure word (人) names nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge

REPORT = """# 青川银行2023年年度报告

## 员工情况

员工薪酬总额为310.15亿元，较上年增长9.82%。
本行员工中，研究生及以上学历12,097人，占比21%。
截至报告期末，本集团在职员工60,232人，其中本行员工57,613人。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("count")
    (folder / "qingchuan-2023.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


@pytest.mark.parametrize("question", ["员工有多少人", "有多少员工", "员工有几名"])
def test_a_count_question_gets_the_count(kb: KnowledgeBase, question: str) -> None:
    answer = kb.answer(question)
    assert "60,232人" in answer.text, answer.text


def test_an_amount_question_is_not_a_count(kb: KnowledgeBase) -> None:
    assert "count" not in kb.analyzer.analyze("员工薪酬多少钱").qtypes
    assert "count" not in kb.analyzer.analyze("提高了几个百分点").qtypes
    assert "count" not in kb.analyzer.analyze("股东持有多少比例").qtypes
    assert "count" in kb.analyzer.analyze("员工有多少人").qtypes



def test_a_duration_in_months_is_not_a_count() -> None:
    from knowledge.rank import COUNT_RE
    assert COUNT_RE.search("23,388个监测点") and not COUNT_RE.search("截至12个月止")
