"""Statement grids as A-share quarterly reports draw them: labels indented into a second
column under an empty margin column, figures wrapped before a thousands group."""

from __future__ import annotations

from knowledge.readers.tables import build_tables, clean_cell


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
