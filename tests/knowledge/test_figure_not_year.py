""""多少" wants a figure: a year, a date or a list's numbering in a sentence is none. A sentence
listing what a revenue comes from ("(1)一次性的監測點銷售收入；") matches the question's words
better than the one stating the amounts, and used to win because its 二零一三年 and (1) have
digits (安芯's 2013 interim report, p.26, written here in the same shape)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from knowledge.rank import passage_info

REPORT = """# 示範安防控股有限公司 二零一三年中期報告

## ISD系統業務分部

二零一三年上半年，本公司的ISD系統分部營業收入依然來源於系統建設中的：(1)一次性的監測點銷售收入；及(2)持續性的監測點營運及維護收入。本公司於期內所獲得的ISD系統分部營業收入中，有港幣425,096,000元來自監測點軟硬件一次性銷售收入，同時有港幣88,645,000元來自持續性的監測點營運及維護收入。

## 公司資料

本公司於二零零九年十月完成收購，並於二零一零年一月更名。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("figure-not-year")
    (folder / "shifan-2013-interim.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


@pytest.mark.parametrize(("norm", "figures"), [
    ("2013年上半年,本公司的收入来源于:(1)一次性的监测点销售收入;", False),
    ("本公司于2009年10月31日完成收购", False),
    ("2、持续性的监测点营运及维护收入", False),
    ("有港币425,096,000元来自一次性销售收入", True),
    ("毛利率为35%", True),
])
def test_a_year_date_or_list_number_is_no_figure(norm: str, figures: bool) -> None:
    info = passage_info(norm, frozenset(), frozenset(), frozenset())
    assert info.figures is figures and info.digits


@pytest.mark.parametrize(("question", "figure"), [
    ("監測點一次性銷售收入多少", "425,096,000"),
    ("持續性的監測點營運及維護收入是多少", "88,645,000"),
])
def test_the_sentence_stating_the_amount_answers(kb: KnowledgeBase, question: str,
                                                 figure: str) -> None:
    answer = kb.answer(question)
    assert figure in answer.text, answer.text


def test_a_date_still_answers_when(kb: KnowledgeBase) -> None:
    assert "二零零九年十月" in kb.answer("什麼時候完成收購").text


ITEMS_REPORT = """# 松濤安防控股有限公司 二零一三年中期報告

## 什麼是ISD系統？

ISD系統分部的收入分為兩類：(1)一次性的監測點銷售收入；及(2)持續性的監測點營運及維護收入。

## ISD系統業務分部

於期內所獲得的ISD系統分部營業收入中，有港幣425,096,000元來自監測點軟硬件一次性銷售收入，同時有港幣88,645,000元來自持續性的監測點營運及維護收入，兩者合共佔分部收入約百分之九十。
"""


def test_a_question_naming_only_an_amount_asks_for_it(tmp_path: Path) -> None:
    """"持續性的監測點營運及維護收入" with no 多少 still asks how much: the sentence stating it
    answers, not the list item that only names it."""
    (tmp_path / "songtao-2013interim.md").write_text(ITEMS_REPORT, encoding="utf-8")
    reply = build_knowledge(tmp_path).answer("持續性的監測點營運及維護收入").text
    assert "88,645,000" in reply, reply
