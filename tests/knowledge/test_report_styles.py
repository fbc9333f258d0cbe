"""Reports in other styles, with no operator files: a bank's press article, HK interim results
in traditional characters, a plain-text internet quarterly. Each test names the mechanism it
pins down; the full dialogues are scored through the eval command (tests/commands)."""

from __future__ import annotations

import pytest

from knowledge import KnowledgeBase, build_knowledge

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def bank() -> KnowledgeBase:
    return build_knowledge(FIXTURES / "bank")


@pytest.fixture(scope="module")
def hk() -> KnowledgeBase:
    return build_knowledge(FIXTURES / "hk")


@pytest.fixture(scope="module")
def netco() -> KnowledgeBase:
    return build_knowledge(FIXTURES / "netco")


def test_name_opening_clauses_is_learned(netco: KnowledgeBase) -> None:
    # 拾光科技 always follows punctuation or a line start: still a varied neighbourhood.
    assert netco.entity == "拾光科技"
    assert "58.6" in netco.answer("时光科技的营收").text  # and typos of it are corrected


def test_repeated_metric_marks_a_share_not_the_total(bank: KnowledgeBase) -> None:
    # "零售业务营业收入…，占全行营业收入的60%" must not beat the total.
    assert "2876.4" in bank.answer("瀚海银行营收多少").text


def test_passage_without_period_is_the_headline_period(hk: KnowledgeBase) -> None:
    assert "186.3" in hk.answer("悅享科技上半年收益多少").text


def test_closer_synonym_ranks_first(hk: KnowledgeBase) -> None:
    # 股东应占溢利 is 权益持有人应占溢利 before it is (经调整)净利润.
    assert "10.8" in hk.answer("股東應佔溢利是多少").text


def test_when_question_wants_a_date(netco: KnowledgeBase) -> None:
    assert "11月14日" in netco.answer("拾光科技什么时候发的财报").text


def test_more_reads_on_in_the_section(bank: KnowledgeBase) -> None:
    first = bank.answer("不良贷款余额多少")
    more = bank.answer("更多", first.context)
    assert not more.refused and "437.7%" in more.text


@pytest.mark.parametrize(
    ("question", "fact"),
    [("不良率是多少", "0.98%"), ("ROE多少", "16.2%"), ("净息差多少", "2.15%")],
)
def test_bank_words(bank: KnowledgeBase, question: str, fact: str) -> None:
    assert fact in bank.answer(question).text


@pytest.mark.parametrize(
    ("question", "fact"),
    [("ARPU多少", "15.2元"), ("CEO是谁", "张逸凡"), ("四季度营收指引", "62亿")],
)
def test_english_abbreviations(netco: KnowledgeBase, question: str, fact: str) -> None:
    assert fact in netco.answer(question).text


@pytest.mark.parametrize("question", ["工商银行的不良率", "瀚海银行2022年净利润", "一季度营收多少"])
def test_bank_scope(bank: KnowledgeBase, question: str) -> None:
    assert bank.answer(question).refused
