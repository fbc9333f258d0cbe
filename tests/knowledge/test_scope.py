"""What a report covers: real names only; generic words never make a question out of scope."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def byd() -> KnowledgeBase:
    """An annual-report summary that says “公司” far more often than its name."""
    return build_knowledge(FIXTURES / "byd")


def test_main_entity_is_the_name_not_the_generic_word(byd: KnowledgeBase) -> None:
    assert byd.entity == "比亚迪" and byd.scope_names == ["比亚迪"]


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("汽车业务占比", "80.27%"),
        ("生产基地在哪些城市", "长沙"),
        ("什么时候发布年报", "3月26日"),
        ("上市公司股东的净利润", "300.41"),
        ("工厂在哪", "西安"),
    ],
)
def test_generic_words_are_not_names(byd: KnowledgeBase, question: str, fact: str) -> None:
    answer = byd.answer(question)
    assert not answer.refused and fact in answer.text


@pytest.mark.parametrize(
    "question",
    ["京东营收", "阿里巴巴的净利润", "特斯拉销量", "拼多多营收多少", "2019年第四季度营收"],
)
def test_other_companies_and_periods_are_refused(byd: KnowledgeBase, question: str) -> None:
    answer = byd.answer(question)
    assert answer.refused and "只涉及比亚迪。" in answer.text


def test_examples_are_plain_headline_questions(byd: KnowledgeBase, shipped: KnowledgeBase) -> None:
    for kb, name in ((byd, "比亚迪"), (shipped, "腾讯")):
        examples = kb.examples(3)
        assert examples[0] == f"{name}营业收入是多少？"
        assert not any("去年" in q or "较" in q for q in kb.examples(6))
        assert all(not kb.answer(q).refused for q in kb.examples(6))


def test_shipped_scope_lists_only_real_names(shipped: KnowledgeBase) -> None:
    text = shipped.answer("京东的营收是多少").text
    assert "只涉及腾讯" in text and "联网" not in text and "云计算" not in text


def test_change_word_alone_and_totals(shipped: KnowledgeBase) -> None:
    assert "环比增长6%" in shipped.answer("环比增长多少").text
    first = shipped.answer("营收多少")
    assert "6%" in shipped.answer("环比呢", first.context).text
    # The total (网络广告) over a part of it (其中社交及其他广告).
    assert "185.52" in shipped.answer("广告收入是多少").text
