"""A report about another (made-up) company, with no operator files: nothing is Tencent-specific."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import Context, KnowledgeBase, build_knowledge

FACTS = [
    ("星河电动第三季度营收多少", "386.5"),
    ("星合电动三季度的收入", "386.5"),  # typo in the company name
    ("星河電動第三季度營業收入是多少？", "386.5"),  # traditional
    ("前三季度营收", "1021.6"),
    ("毛利率是多少", "19.8%"),
    ("纯电动车型占比", "64%"),
    ("天枢什么时候上市的", "8月15日"),
    ("海外收入多少", "52.4"),
    ("进入了哪些国家", "挪威"),
    ("研发投入多少", "48.7"),
    ("超充站有多少座", "2650"),  # abbreviation of 超级充电站
    ("和谁合作建设V2G项目", "青禾"),
    ("现金有多少", "416.2"),
    ("营收较去年同期增长多少", "42%"),
]


@pytest.mark.parametrize(("question", "fact"), FACTS)
def test_facts(other: KnowledgeBase, question: str, fact: str) -> None:
    answer = other.answer(question)
    assert not answer.refused and fact in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "特斯拉的交付量是多少",
        "比亚迪的营收",
        "2022年第三季度营收多少",
        "第四季度交付量",
        "腾讯营收多少",
    ],
)
def test_refusals(other: KnowledgeBase, question: str) -> None:
    assert "没有找到" in other.answer(question).text


def test_follow_ups(other: KnowledgeBase) -> None:
    first = other.answer("星河电动第三季度营收多少")
    second = other.answer("同比增长多少", first.context)
    third = other.answer("那净利润呢", second.context)
    assert "42%" in second.text and "21.3" in third.text


def test_welcome_names_this_report(other: KnowledgeBase) -> None:
    answer = other.answer("你好")
    assert answer.kind == "chitchat" and "星河电动" in answer.text


def test_examples_come_from_this_report(other: KnowledgeBase) -> None:
    examples = other.examples(3)
    assert examples and all("腾讯" not in q for q in examples)
    assert all(not other.answer(q).refused for q in examples)


def test_tiny_report(tiny: KnowledgeBase) -> None:
    assert "12.5亿" in tiny.answer("青松软件营收多少").text
    assert "5%" in tiny.answer("净利润下降了多少").text
    assert "85万" in tiny.answer("云账本月活多少", Context()).text


@pytest.fixture(scope="module")
def latin() -> KnowledgeBase:
    """A plain-text report of a company known by a Latin and a Chinese name."""
    return build_knowledge(Path(__file__).parent / "fixtures" / "latin")


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("NovaChip上半年营收多少", "56.8"),
        ("novachip的净利润", "7.2亿"),
        ("芯源半导体净利润下降了多少", "12%"),
        ("车规级芯片收入占比", "32%"),
        ("第二季度营收", "30.1"),
        ("晶圆厂什么时候投产", "2026年"),
        ("在手订单有多少", "42亿"),
    ],
)
def test_latin_named_company(latin: KnowledgeBase, question: str, fact: str) -> None:
    answer = latin.answer(question)
    assert not answer.refused and fact in answer.text


def test_latin_named_company_scope(latin: KnowledgeBase) -> None:
    assert latin.answer("英伟达营收多少").refused
    assert latin.answer("2023年营收").refused
    assert "NovaChip" in latin.answer("你好").text
