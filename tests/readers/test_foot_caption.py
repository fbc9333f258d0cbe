"""A statement whose title and "单位：元" stand at the foot of one page and whose grid starts
the next (an A-share annual report's 合并利润表 overleaf from the balance sheet's end): the
grid is read in that unit, under that title."""

from __future__ import annotations

from pathlib import Path

from knowledge.readers.pdf import read_pdf
from tests.readers.pdfgen import HEIGHT, Page, make_pdf

WIDTHS = [200, 120, 120]


def test_a_caption_at_the_foot_of_the_page_before_gives_the_unit(tmp_path: Path) -> None:
    def first(page: Page) -> None:
        page.text("合并资产负债表")
        page.text("单位：元 币种：人民币")
        page.table([["项目", "2025年12月31日", "2024年12月31日"],
                    ["资产总计", "9,000,000.00", "8,000,000.00"]], WIDTHS)
        page.y = HEIGHT - 120  # the next statement's title, alone at the foot
        page.text("合并利润表")
        page.text("2025年1—12月")
        page.text("单位：元 币种：人民币")

    def second(page: Page) -> None:
        page.table([["项目", "2025年度", "2024年度"],
                    ["营业收入", "6,168,036,314.63", "6,031,865,460.16"],
                    ["所得税费用", "332,841,612.70", "434,952,986.44"]], WIDTHS)

    doc = read_pdf(make_pdf(tmp_path / "statements.pdf", [first, second]))
    tables = [b for b in doc.blocks if b.table is not None and b.table.rows]
    assert len(tables) == 2
    income = tables[1]
    assert income.table is not None and income.page == 2
    assert income.table.unit == "元"
    assert "合并利润表" in income.table.caption


def test_a_foot_line_without_a_unit_is_no_caption(tmp_path: Path) -> None:
    def first(page: Page) -> None:
        page.text("公司负责人：张三 主管会计工作负责人：李四")

    def second(page: Page) -> None:
        page.table([["项目", "2025年度", "2024年度"],
                    ["营业收入", "6,168,036,314.63", "6,031,865,460.16"]], WIDTHS)

    doc = read_pdf(make_pdf(tmp_path / "plain.pdf", [first, second]))
    table = next(b.table for b in doc.blocks if b.table is not None and b.table.rows)
    assert table.unit == ""
    assert "负责人" not in table.caption
