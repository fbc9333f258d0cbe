"""Hong Kong statements whose periods and per-share lines sit outside the grid, drawn for the
case (tests/readers/pdfgen.py) and built like any report: an interim report's balance-sheet
dates written above the grid in Chinese numerals (於二零一三年 / 六月三十日), the per-share
lines under a statement as text (每股（虧損）╱盈利 / 基本及攤薄 (1.09港元) 0.05港元, the
value in 港幣…仙), a per-share row whose unit is 港幣仙, dividends paid beside the final
dividend asked about, and segments as columns (named in the header, or in a line over pairs of
period columns)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from knowledge.facts import Period, canonical_unit, clean_label, parse_period
from tests.readers.pdfgen import Page, make_pdf

WIDTHS = [230, 120, 120]
CACHE = Path(tempfile.gettempdir()) / "caibao-test-parse-cache"


def _build(folder: Path, name: str, pages: list[object]) -> KnowledgeBase:
    make_pdf(folder / name, pages)
    CACHE.mkdir(exist_ok=True)
    return build_knowledge(folder, cache_dir=CACHE)


@pytest.fixture(scope="module")
def interim(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    def statements(page: Page) -> None:
        page.text("示範安防控股有限公司", size=14)
        page.text("截至二零一三年六月三十日止六個月之中期報告")
        page.text("簡明綜合全面收益表")
        page.table([["", "二零一三年 港幣千元", "二零一二年 港幣千元"],
                    ["營業收入", "526,115", "405,937"],
                    ["本期間利潤", "421,996", "297,526"],
                    ["每股盈利", "", ""],
                    ["－基本（港幣仙）", "14.74", "11.05"],
                    ["－攤薄（港幣仙）", "14.06", "11.04"]], WIDTHS)

    def segments(page: Page) -> None:
        page.text("分部資料", size=13)
        page.text("期內之分部資料載列如下：")
        page.text("ISD系統分部          智能安全系統分部          合計", x=200)
        page.table([["", "二零一三年", "二零一二年", "二零一三年", "二零一二年", "二零一三年",
                     "二零一二年"],
                    ["來自外部客戶之收益", "513,741", "379,698", "12,374", "26,239", "526,115",
                     "405,937"],
                    ["分部溢利", "455,734", "348,821", "(30,973)", "434", "424,761", "349,255"]],
                   [130, 62, 62, 62, 62, 62, 62])

    def balance(page: Page) -> None:
        page.text("簡明綜合財務狀況表")
        page.text("於二零一三年六月三十日")
        page.text("於二零一三年        於二零一二年", x=300)
        page.text("六月三十日        十二月三十一日", x=300)
        page.table([["", "（未經審核） 港幣千元", "（經審核） 港幣千元"],
                    ["存貨", "24,859", "19,353"],
                    ["現金及現金等值", "1,964,395", "1,580,697"],
                    ["資產總值", "4,629,344", "4,082,089"]], WIDTHS)

    return _build(tmp_path_factory.mktemp("interim"), "hk-2013-interim.pdf",
                  [statements, balance, segments])


@pytest.fixture(scope="module")
def annual(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    def statements(page: Page) -> None:
        page.text("示範藥業控股有限公司", size=14)
        page.text("截至二零零九年十二月三十一日止年度之年報")
        page.text("綜合全面收益表")
        page.table([["", "二零零九年 港幣千元", "二零零八年 港幣千元"],
                    ["營業額", "126,923", "422,321"],
                    ["本公司擁有人應佔本年度（虧損）╱盈利", "(576,790)", "23,533"],
                    ["股息", "16,720", "–"]], WIDTHS)
        page.text("每股（虧損）╱盈利", size=12)
        page.text("基本及攤薄                11      (1.09港元)      0.05港元")
        page.text("分部報告")
        page.table([["", "藥品業務 港幣千元", "系統業務 港幣千元", "合計 港幣千元"],
                    ["可報告分部收入", "83,433", "43,490", "126,923"],
                    ["可報告分部溢利", "(580,240)", "35,858", "(544,382)"]], [170, 100, 100, 100])
        page.text("財務狀況表")
        page.table([["", "二零零九年 港幣千元", "二零零八年 港幣千元"],
                    ["存貨", "1,000", "2,000"],
                    ["現金及現金等值", "92,329", "3,314"]], WIDTHS)
        page.text("股息")
        page.wrapped("董事會不建議派發截至二零零九年十二月三十一日止年度之末期股息"
                     "（二零零八年：無）。")

    return _build(tmp_path_factory.mktemp("annual"), "hk-2009-annual.pdf", [statements])


def test_chinese_numeral_dates_in_a_header_are_dates() -> None:
    """於二零一二年十二月三十一日 in a half-year report is the last year end, not 2012 H1."""
    base = Period(2013, "H1")
    assert parse_period("於二零一二年 十二月三十一日 （經審核） 港幣千元", base)[0] == Period(
        2012, "", True)
    assert parse_period("於二零一三年 六月三十日", base)[0] == Period(2013, "H1", True)


def test_hk_cents_are_a_unit() -> None:
    assert clean_label("－基本（ 港幣仙）") == ("基本", "港仙")
    assert canonical_unit("港币仙") == "港仙"


def test_a_per_share_row_in_cents(interim: KnowledgeBase) -> None:
    """"－基本（港幣仙）" under 每股盈利: 14.74 HK cents, not thousands of HK dollars."""
    text = interim.answer("每股基本盈利多少").text
    assert "基本每股收益为14.74港仙" in text
    assert "14.06港仙" in interim.answer("每股攤薄盈利").text


def test_a_half_year_report_does_not_cover_the_full_year(interim: KnowledgeBase) -> None:
    """全年 asks for the whole year: the first half's 526,115 is not it."""
    text = interim.answer("2013年全年營業收入多少").text
    assert "没有找到" in text and "2013年全年" in text and "526,115" not in text
    assert "526,115" in interim.answer("2013年上半年營業收入多少").text


def test_balance_dates_above_the_grid_name_its_columns(interim: KnowledgeBase) -> None:
    """The years and dates the reader left as lines above the grid are its columns' periods:
    the second column is the balance at 2012-12-31."""
    assert "1,580,697千港元" in interim.answer("2012年底現金及現金等值").text
    assert "1,964,395千港元" in interim.answer("2013年6月底現金及現金等值").text


def test_per_share_lines_under_a_statement(annual: KnowledgeBase) -> None:
    """"基本及攤薄 11 (1.09港元) 0.05港元" under the heading 每股（虧損）╱盈利: basic and
    diluted, per column of the statement above (the note number dropped)."""
    assert "(1.09)港元" in annual.answer("2009年每股虧損").text
    assert "0.05港元" in annual.answer("2008年每股攤薄盈利").text


def test_a_balance_sheet_year_column_is_a_year_end(annual: KnowledgeBase) -> None:
    assert "92,329千港元" in annual.answer("2009年末現金及現金等值").text


def test_the_final_dividend_is_not_the_dividend_paid(annual: KnowledgeBase) -> None:
    """股息 16,720 in the income statement was paid in the year (for the year before); the
    final dividend for the year is what the board recommends, here none."""
    text = annual.answer("2009年有派末期股息嗎").text
    assert "不建議" in text and "16,720" not in text


def test_segments_as_columns(annual: KnowledgeBase) -> None:
    """"藥品業務 | 系統業務 | 合計" over the rows: each segment's revenue is its own figure; the
    row's own label is the total's, not the first segment's."""
    assert "83,433千港元" in annual.answer("2009年藥品業務分部收入").text
    assert "43,490千港元" in annual.answer("2009年系統業務收入").text
    assert "126,923" in annual.answer("2009年可報告分部收入").text


def test_segment_names_over_pairs_of_period_columns(interim: KnowledgeBase) -> None:
    """A line of segment names over two period columns each: 12,374 is the ISS segment's
    first half, 526,115 the total's."""
    assert "12,374" in interim.answer("智能安全系統分部收益").text
    assert "379,698" in interim.answer("2012年上半年ISD系統分部收入").text
