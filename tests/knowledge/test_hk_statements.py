"""A Hong Kong results announcement's statements, drawn for the case (tests/readers/pdfgen.py)
and built like any report: years in Chinese numerals, the unit under each year (港幣千元),
costs and liabilities in brackets, and a line item (營業額) heading a group of one row."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from knowledge.facts import Period, canonical_unit, load_items, table_facts
from knowledge.readers.model import Table
from knowledge.text import normalize
from tests.readers.pdfgen import Page, make_pdf

HEAD = ["", "二零零九年 港幣千元", "二零零八年 港幣千元"]
WIDTHS = [230, 120, 120]


@pytest.fixture(scope="module")
def hk(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    def income(page: Page) -> None:
        page.text("示範藥業控股有限公司", size=14)
        page.text("截至二零零九年十二月三十一日止年度之全年業績公告")
        page.wrapped("董事會宣佈本集團截至二零零九年十二月三十一日止年度之經審核綜合業績，"
                     "連同二零零八年之比較數字如下。")
        page.text("僱員")
        page.wrapped("於二零零九年十二月三十一日，本集團共有僱員221名（二零零八年：190名）。")
        page.text("綜合收益表")
        page.table([HEAD, ["營業額", "", ""], ["藥品銷售", "126,923", "422,321"],
                    ["銷售成本", "(72,194)", "(312,307)"], ["毛利", "54,729", "110,014"],
                    ["銷售及分銷成本", "(26,371)", "(51,797)"],
                    ["除稅前（虧損）╱盈利", "(572,859)", "32,067"],
                    ["所得稅", "(3,931)", "(8,534)"],
                    ["本公司擁有人應佔本年度（虧損）╱盈利", "(576,790)", "23,533"]], WIDTHS)
        page.text("綜合資產負債表")
        page.table([HEAD, ["存貨", "8,371", "60,113"], ["資產總值", "1,250,371", "1,690,210"],
                    ["負債總額", "(903,524)", "(620,118)"]], WIDTHS)

    folder = tmp_path_factory.mktemp("hk")
    make_pdf(folder / "hk-2009-results.pdf", [income])
    cache = Path(tempfile.gettempdir()) / "caibao-test-parse-cache"
    cache.mkdir(exist_ok=True)
    return build_knowledge(folder, cache_dir=cache)


def test_money_units_are_written_one_way() -> None:
    assert [canonical_unit(u) for u in ("港币千元", "千港元", "人民币百万元", "美元千元",
                                        "币种:人民币元", "港元", "元/股", "%")] == [
        "千港元", "千港元", "百万元", "千美元", "元", "港元", "元/股", "%"]


def test_the_unit_under_each_year_is_the_unit_of_its_column(hk: KnowledgeBase) -> None:
    """"二零零九年 港幣千元": 126,923 is thousands of HK dollars, said so and converted."""
    text = hk.answer("2009年營業額多少").text
    assert text.startswith("2009年营业额为126,923千港元（约1.27亿港元）")


def test_a_note_after_the_unit_keeps_the_unit() -> None:
    """"二零零九年 港幣千元 （經重列）": the restated comparative column is in 千港元 too, so a
    change against it is computed (in one unit) rather than refused."""
    header = ["", "二零一零年 港幣千元", "二零零九年 港幣千元 （經重列）"]
    table = Table("綜合全面收益表", "", header, [["收益", "304,970", "43,490"]])
    facts = table_facts(table, Period(2010), document="hk.pdf", page=39)
    assert [(f.period.year, f.unit) for f in facts] == [(2010, "千港元"), (2009, "千港元")]


def test_an_item_over_one_row_states_that_row(hk: KnowledgeBase) -> None:
    """營業額 heads the one row 藥品銷售: it is the turnover; 2008 is the comparative column,
    covered although the report writes it 二零零八年."""
    assert "422,321千港元" in hk.answer("2008年營業額多少").text


def test_bracketed_costs_and_liabilities_count_by_their_size(hk: KnowledgeBase) -> None:
    margin = hk.answer("2009年毛利率").text
    assert "毛利率（计算）：43.12% = (营业额126,923千港元 − 销售成本72,194千港元)" in margin
    gearing = hk.answer("2009年資產負債率").text
    assert "资产负债率（计算）：72.26% = 负债总额903,524千港元 ÷ 资产总值1,250,371千港元" in gearing
    fall = hk.answer("2009年營業額同比下降多少").text
    assert "同比下降（计算）：69.95%" in fall
    share = hk.answer("2009年銷售及分銷成本佔營業額比重").text
    assert "比重（计算）：20.78% = 26,371千港元 ÷ 126,923千港元" in share
    tax = hk.answer("2008年實際稅率").text  # 所得稅 (8,534) over 除稅前盈利 32,067
    assert "实际税率（计算）：26.61%" in tax
    turnover = hk.answer("2009年存貨周轉率").text
    assert "存货周转率（计算）：2.11次 = 销售成本72,194千港元 ÷" in turnover


def test_a_short_unknown_name_before_the_metric_is_another_company(hk: KnowledgeBase) -> None:
    """"長和" is cut into 长 / 和, characters jieba knows; the report never writes them side by
    side, so the question is about someone else."""
    text = hk.answer("長和2009年營業額多少").text
    assert "没有找到" in text and "长和" in text and "126,923" not in text


def test_hk_labels_of_a_standard_line_are_that_item(hk: KnowledgeBase) -> None:
    """本公司擁有人應佔本年度（虧損）╱盈利 is the attributable profit, 除稅前盈利 the profit
    before tax and 銷售及分銷成本 the selling expenses, however the line is worded."""
    assert "-576,790千港元" in hk.answer("2009年归母净利润多少").text
    assert "23,533千港元" in hk.answer("2008年归属于母公司股东的净利润").text
    assert "-572,859千港元" in hk.answer("2009年利润总额").text
    assert "销售费用率（计算）：20.78% = 销售及分销成本26,371千港元" in hk.answer(
        "2009年销售费用率").text


def test_hkfrs_names_of_the_expense_lines() -> None:
    """A biotech's 銷售及營銷開支 and 研究及開發費用 are its selling and R&D expenses."""
    items = load_items()
    assert items.variants.get(normalize("銷售及營銷開支")) == "销售费用"
    assert items.variants.get(normalize("研究及開發費用")) == "研发费用"


def test_last_year_is_read_against_the_report_not_looked_for_in_it(hk: KnowledgeBase) -> None:
    """The announcement never writes 去年 or 上年: "上年呢" is 2008's figure, not refused as
    a period the report does not cover."""
    first = hk.answer("營業額多少")
    assert "2008年营业额为422,321千港元" in hk.answer("上年呢", first.context).text
    staff = hk.answer("有多少員工")
    assert "221名" in staff.text
    again = hk.answer("上年呢", staff.context).text
    assert "没有找到" not in again and "190名" in again
