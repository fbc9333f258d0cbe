"""Facts of a Hong Kong bilingual annual report whose year ends on 30 September: a label's
Chinese on the line below its English or below the grid, a group heading over two items and
their unlabelled total, the three cash flows as such reports name them, a fiscal year written
"2020/2021", and "9月底" as the year's end."""

from __future__ import annotations

from pathlib import Path

from knowledge import build_knowledge
from knowledge.facts import Fact, Items, document_facts, document_period, load_items
from knowledge.readers import Block, Document, Table

HEADER = ["", "Notes 附註", "2021 HK$'000 千港元", "2020 HK$'000 千港元"]


def _read(blocks: list[Block]) -> list[Fact]:
    doc = Document("r.pdf", "pdf", 80, [Block("paragraph", 1, "ANNUAL REPORT 年報 2020/2021"),
                                          *blocks])
    return document_facts(doc)


def _facts(blocks: list[Block]) -> dict[tuple[str, str], str]:
    return {(f.item or f.metric, f.period.key): f.value for f in _read(blocks)}


def test_a_fiscal_year_written_as_the_two_years_it_spans() -> None:
    assert document_period(["ANNUAL REPORT 年報 2020/2021"]).year == 2021
    assert document_period(["2023/24年度報告"]).year == 2024
    assert document_period(["2019/2022 三年規劃"]).year is None


def test_a_group_heading_over_two_items_and_their_total() -> None:
    rows = [["Revenue 收入", "", "", ""],
            ["Commission and fee income 佣金及費用收入", "6", "125,343", "118,051"],
            ["Interest income 利息收入", "6", "551,469", "799,356"],
            ["", "", "676,812", "917,407"]]
    table = Table("綜合損益及其他全面收益表", "千港元", HEADER, rows)
    revenue = {(f.period.key, f.value) for f in _read([Block("table", 72, table.caption, 0, table)])
               if f.item == "营业收入"}
    # The first item is no "收入" of its own: the group has two.
    assert revenue == {("2021", "676,812"), ("2020", "917,407")}


def test_the_chinese_of_a_label_below_its_english() -> None:
    rows = [["Impairment allowance on property and equipment", "17", "(2,833)", "–"],
            ["物業及設備之減值撥備", "", "", ""],
            ["Staff costs 員工成本", "9", "(77,883)", "(62,138)"]]
    table = Table("綜合損益及其他全面收益表", "千港元", HEADER, rows)
    (impairment,) = [f for f in _read([Block("table", 72, table.caption, 0, table)])
                     if f.value == "(2,833)"]
    assert impairment.metric == "物业及设备之减值拨备"


def test_the_chinese_of_the_last_row_below_the_grid() -> None:
    rows = [["Interest received 已收利息", "", "520,349", "789,879"],
            ["NET CASH FROM (USED IN) OPERATING ACTIVITIES", "", "3,160,214", "(1,602,022)"]]
    table = Table("綜合現金流量表", "千港元", HEADER, rows)
    facts = _facts([Block("table", 76, table.caption, 0, table),
                    Block("heading", 76, "來自（用於）經營活動之現金淨額", 2)])
    assert facts[("经营活动产生的现金流量净额", "2021")] == "3,160,214"


def test_the_three_cash_flows_as_hong_kong_statements_name_them() -> None:
    items: Items = load_items()
    assert items.of_label("来自(用于)经营活动之现金净额") == "经营活动产生的现金流量净额"
    assert items.of_label("经营活动所得(所用)之现金净额") == "经营活动产生的现金流量净额"
    assert items.of_label("用于投资活动之现金净额") == "投资活动产生的现金流量净额"
    assert items.of_label("(用于)来自融资活动之现金净额") == "筹资活动产生的现金流量净额"
    assert items.of_label("投资活动现金流入小计") is None


def test_the_month_a_fiscal_year_ends_in(tmp_path: Path) -> None:
    (tmp_path / "emperor-fy2021.md").write_text(
        "# 英皇證券集團有限公司 年報 2020/2021\n\n截至2021年9月30日止年度\n\n"
        "## 綜合損益表\n\n| | 2021年 千港元 | 2020年 千港元 |\n|---|---|---|\n"
        "| 收入 | 676,812 | 917,407 |\n\n"
        "## 綜合財務狀況表\n\n| | 2021年 千港元 | 2020年 千港元 |\n|---|---|---|\n"
        "| 流動資產 | 6,106,262 | 9,326,055 |\n| 流動負債 | 2,942,272 | 4,582,552 |\n",
        encoding="utf-8")
    kb = build_knowledge(tmp_path)
    reply = kb.answer("2021年9月底流动比率是多少").text
    assert "2.08" in reply and "计算" in reply
    assert "6,106,262" in kb.answer("2021年9月底流动资产合计多少").text
    assert "676,812" in kb.answer("2020/21年度總收入係幾多？").text
