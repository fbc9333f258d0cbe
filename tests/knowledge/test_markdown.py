"""Markdown tables and lists are read as sentences (knowledge/markdown.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import build_knowledge
from knowledge.markdown import readable_lines, row_sentence, strip_list_marker, table_sentences

FIXTURES = Path(__file__).parent / "fixtures"

TABLE = [
    "| 项目 | 2024年第一季度 | 同比变化 |",
    "|:---|---:|:---:|",
    "| 营业收入 | 86.4亿元 | +12.3% |",
    "| **毛利率** | 34.2% | -1.1个百分点 |",
]


def test_a_row_is_said_with_its_header_and_keeps_its_signs() -> None:
    assert table_sentences(TABLE) == [
        "营业收入：2024年第一季度86.4亿元，同比变化+12.3%。",
        "毛利率：2024年第一季度34.2%，同比变化-1.1个百分点。",
    ]


def test_rows_without_a_label_column_or_header() -> None:
    # A first cell that is a figure is a value like the others; a year is a label.
    assert row_sentence(["营业收入", "净利润"], ["86.4亿元", "9.8亿元"]) == (
        "营业收入86.4亿元，净利润9.8亿元。"
    )
    assert row_sentence(["年份", "营收"], ["2023年", "77亿元"]) == "2023年：营收77亿元。"
    assert table_sentences(["| 门店 | 1200家 |", "| 员工 | 3.2万人 |"]) == [
        "门店：1200家。",
        "员工：3.2万人。",
    ]


def test_units_move_behind_bare_numbers_and_figures_stay_apart() -> None:
    assert row_sentence(["项目", "营收（亿元）", "占比(%)"], ["饮料", "42.1", "48.7"]) == (
        "饮料：营收42.1亿元，占比48.7%。"
    )
    assert row_sentence(["项目", "Q1", "同比"], ["营收", "86.4亿元", "—"]) == "营收：Q1 86.4亿元。"


def test_tables_end_where_prose_starts_and_a_stray_pipe_is_prose() -> None:
    lines = ["项目 | 金额", "---|---", "营收 | 10亿元", "", "A | B | C 是三个选项。"]
    assert list(readable_lines(lines)) == ["营收：金额10亿元。", "", "A | B | C 是三个选项。"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- 饮料业务收入42.1亿元；", "饮料业务收入42.1亿元；"),
        ("* 线上占比28%", "线上占比28%"),
        ("1. 新工厂投产", "新工厂投产"),
        ("2) 新工厂投产", "新工厂投产"),
        ("（一）经营情况", "经营情况"),
        ("(2)研发投入", "研发投入"),
        ("③海外业务", "海外业务"),
        ("三、风险提示", "风险提示"),
        # Months and quarters, not items.
        ("1、2月营收增长", "1、2月营收增长"),
        ("一、二季度营收增长", "一、二季度营收增长"),
        ("1.5亿元来自海外", "1.5亿元来自海外"),
        ("-4.5%的现金流", "-4.5%的现金流"),
    ],
)
def test_list_markers_are_dropped(line: str, expected: str) -> None:
    assert strip_list_marker(line) == expected


def test_the_report_builds_without_markup_and_suggests_table_figures() -> None:
    kb = build_knowledge(FIXTURES / "bluewhale")
    texts = [p.text for p in kb.passages]
    assert not any("|" in t or t.startswith("- ") for t in texts)
    assert "项目" not in "".join(texts)  # the header row is no passage of its own
    row = next(p for p in kb.passages if p.text.startswith("营业收入："))
    assert row.heading == "主要财务数据"
    examples = kb.examples(3)
    assert len(examples) >= 2 and any("营业收入" in q for q in examples)
    for question in examples:
        assert not kb.answer(question).refused
