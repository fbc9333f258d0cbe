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


HK_INTERIM = """# 示範安防控股有限公司 二零一三年中期報告

董事會宣佈本集團截至二零一三年六月三十日止六個月之未經審核綜合業績。二零一三年上半年，本集團收入增長。

## 僱員資料

於二零一三年六月三十日，本集團僱用合共521名僱員（二零一二年十二月三十一日：516名）。本集團會定期檢討僱員薪酬。

## 股份獎勵計劃

僱員於二零一二年獲授股份24,516,000股，歸屬期為二零一二年四月十六日至二零一五年四月十五日。
"""


def test_last_year_end_of_a_count_follows_up(tmp_path: Path) -> None:
    """"员工人数" then "去年底呢": 去年底 is last year (a period, not a new subject), and the
    follow-up still asks for a count — the sentence giving 516名 for 2012's end, not a
    share-award line that names 僱員 and 2012 alone."""
    (tmp_path / "shifan-2013-interim.md").write_text(HK_INTERIM, encoding="utf-8")
    kb = build_knowledge(tmp_path)
    first = kb.answer("員工人數")
    assert "521名" in first.text, first.text
    follow = kb.answer("去年底呢", first.context)
    assert "516名" in follow.text, follow.text
