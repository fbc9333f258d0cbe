"""The 主营业务分行业、分产品、分地区情况 table of an A-share annual report: one grid whose blocks
each start with a row of column names ("分产品 | 营业收入 | 营业成本 | 毛利率（%）…"). Each row
is said with its column names, and "毛利率呢" after a product's revenue is that row's cell."""

from __future__ import annotations

from pathlib import Path

from knowledge import build_knowledge
from knowledge.documents import table_sentences
from knowledge.readers import Table
from tests.knowledge.test_followup import ask_chain

BLOCKS = [
    ["主营业务分行业情况", "", "", "", ""],
    ["分行业", "营业收入", "营业成本", "毛利率（%）", "营业收入比上年增减（%）"],
    ["生物制品行业", "6,149,036,539.41", "3,458,755,580.28", "43.75", "2.27"],
    ["主营业务分产品情况", "", "", "", ""],
    ["分产品", "营业收入", "营业成本", "毛利率（%）", "营业收入比上年增减（%）"],
    ["人血白蛋白", "2,441,905,756.70", "1,478,047,578.80", "39.47", "-2.71"],
    ["静注人免疫球蛋白", "3,078,732,221.58", "1,600,501,574.96", "48.01", "11.64"],
    ["主营业务分地区情况", "", "", "", ""],
    ["分地区", "营业收入", "营业成本", "毛利率", "营业收入"],
    ["", "", "", "（%）", "比上年增减（%）"],
    ["国内地区", "6,147,413,058.51", "3,458,206,516.32", "43.75", "2.30"],
]


def test_rows_of_column_names_inside_a_table_name_the_rows_below() -> None:
    table = Table("主营业务分行业、分产品、分地区情况", "元", [], [list(r) for r in BLOCKS], True)
    said = table_sentences(table)
    assert ("静注人免疫球蛋白：营业收入 3,078,732,221.58元，营业成本 1,600,501,574.96元，"
            "毛利率（%） 48.01%，营业收入比上年增减（%） 11.64%。") in said
    # A name wrapped over two rows is read whole.
    assert any(s.startswith("国内地区：") and "毛利率 （%） 43.75%" in s for s in said)
    assert not any(s.startswith("分产品") for s in said)


def test_a_column_asked_after_a_row_s_figure(tmp_path: Path) -> None:
    rows = "\n".join("| " + " | ".join(r) + " |" for r in BLOCKS[3:7])
    (tmp_path / "tiantan-2025annual.md").write_text(
        "# 北京天坛生物制品股份有限公司 2025年年度报告\n\n"
        "## 主要会计数据\n\n单位：元\n\n| 主要会计数据 | 2025年 | 2024年 |\n|---|---|---|\n"
        "| 营业收入 | 6,168,036,314.63 | 6,031,865,460.16 |\n"
        "| 营业成本 | 3,463,231,712.76 | 2,732,440,125.66 |\n\n"
        "## 收入和成本分析\n\n单位：元\n\n"
        "| 主营业务分产品情况 | | | | |\n|---|---|---|---|---|\n" + rows + "\n",
        encoding="utf-8")
    kb = build_knowledge(tmp_path)
    revenue, margin, company = ask_chain(kb, "2025年静注人免疫球蛋白卖了多少钱", "毛利率呢",
                                         "公司2025年毛利率多少")
    assert "3,078,732,221.58" in revenue
    assert "48.01%" in margin and "静注人免疫球蛋白" in margin
    assert "43.85%" in company and "计算" in company
    # Another year of the item is still a figure of that year, not a cell of the row.
    _, other = ask_chain(kb, "2025年营业收入多少", "2024年呢")
    assert "6,031,865,460.16" in other and "2024年" in other
