"""Statement grids as A-share quarterly reports draw them: labels indented into a second
column under an empty margin column, figures wrapped before a thousands group."""

from __future__ import annotations

from pathlib import Path

from knowledge.readers.pdf import read_pdf
from knowledge.readers.tables import build_tables, clean_cell, continue_regridded
from tests.readers.pdfgen import HEIGHT, Page, make_pdf


def test_a_figure_wrapped_before_a_thousands_group_is_one_figure() -> None:
    assert clean_cell("2,352,826\n,955.66") == "2,352,826,955.66"
    assert clean_cell("7,176,243,\n743.45") == "7,176,243,743.45"
    assert clean_cell("849,730\n716,955") == "849,730 716,955"  # two figures stay two


def test_indented_labels_under_an_empty_margin_column_are_one_label_column() -> None:
    grid: list[list[str | None]] = [
        ["", "项目", "", "期末余额", "期初余额"],
        ["", "流动资产：", "", "", ""],
        ["", "货币资金", "", "5,623,226,187.03", "5,016,832,964.19"],
        ["", "衍生金融资产", "", "", ""],
        ["", "应收票据", "", "65,095,359.84", "79,972,061.58"],
    ]
    tables = build_tables(grid, "单位：元")
    assert len(tables) == 1  # 衍生金融资产 (no figures) starts no new block
    table = tables[0]
    assert table.header[0] == "项目"
    assert "期末余额" in table.header and "期初余额" in table.header
    rows = {r[0]: [c for c in r[1:] if c] for r in table.rows}
    assert rows["应收票据"] == ["65,095,359.84", "79,972,061.58"]


def test_two_text_columns_on_one_row_are_not_merged() -> None:
    grid: list[list[str | None]] = [
        ["股东名称", "股东性质", "持股比例"],
        ["华润医药控股有限公司", "国有法人", "63.22%"],
        ["香港中央结算有限公司", "境外法人", "2.03%"],
    ]
    table = build_tables(grid)[0]
    assert table.header == ["股东名称", "股东性质", "持股比例"]
    assert table.rows[0][:2] == ["华润医药控股有限公司", "国有法人"]


def test_a_figure_spanning_thin_columns_takes_all_their_names() -> None:
    # 华润三九's key figures: 上年同期 over one thin column, 调整前 / 调整后 over the next,
    # each figure's cell spanning them (None to its right).
    grid: list[list[str | None]] = [
        ["", "本报告期", "上年同期", None, None, None, None, "本报告期比上年", None],
        [None, None, "", "调整前", "", "调整后", "", "调整后", None],
        ["营业收入（元）", "6,352,408,318.71", "4,194,386,685.74", None,
         "4,250,226,596.43", None, None, "49.46%", None],
    ]
    table = build_tables(grid)[0]
    named = dict(zip(table.rows[0][1:], table.header[1:], strict=False))
    assert "调整前" in named["4,194,386,685.74"]
    assert "调整后" in named["4,250,226,596.43"]
    assert "本报告期比上年" in named["49.46%"]


def test_an_indented_statement_continued_on_the_next_page_is_one_table(tmp_path: Path) -> None:
    # An empty margin column left of the labels, merged away by the table builder: the next
    # page's grid still has as many raw columns, so it continues the same statement.
    widths = [12, 170, 130, 130]
    head = ["", "项目", "期末余额", "年初余额"]
    rows = [["", f"第{i}项资产", f"{i},000.00", f"{i - 1},500.00"] for i in range(1, 9)]

    def first(page: Page) -> None:
        page.text("1、合并资产负债表")
        page.text("单位：元")
        page.y = HEIGHT - 60 - 20 * 5
        page.table([head, *rows[:4]], widths)

    def second(page: Page) -> None:
        page.table(rows[4:], widths)

    doc = read_pdf(make_pdf(tmp_path / "stmt.pdf", [first, second]))
    tables = [b.table for b in doc.blocks if b.table is not None]
    assert len(tables) == 1
    assert tables[0].header == ["项目", "期末余额", "年初余额"]
    assert [r[0] for r in tables[0].rows] == [f"第{i}项资产" for i in range(1, 9)]


def test_a_table_continued_with_other_columns_keeps_its_column_names() -> None:
    first = build_tables([
        ["项目", "本报告期", None, "上年同期", None, "年初至报告期末", None],
        ["营业收入（元）", "7,176.00", None, "5,634.00", None, "21,986.00", None],
    ])[0]
    more: list[list[str | None]] = [
        ["", "基本每股收益（元/股）", "0.32", "0.34", "1.42"],
        ["", "加权平均净资产收益率", "2.62%", "2.84%", "11.47%"],
        ["", "", "本报告期末", "上年度末", "增减"],
        ["", "总资产（元）", "56,563.98", "40,081.97", "41.12%"],
    ]
    tables = continue_regridded(first, more)
    assert tables is not None and tables[0] is first
    cont = tables[1]
    assert cont.header == ["项目", "本报告期", "上年同期", "年初至报告期末"]
    assert cont.rows[1] == ["加权平均净资产收益率", "2.62%", "2.84%", "11.47%"]
    assert tables[2].header[-3:] == ["本报告期末", "上年度末", "增减"]  # its own header
    assert continue_regridded(first, [["", "x", "1.00", "2.00"]]) is None  # 2 columns of 3
