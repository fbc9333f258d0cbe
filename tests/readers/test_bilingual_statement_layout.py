"""A Hong Kong bilingual statement set without a grid: the years on a line of their own over
"Notes HK$'000 HK$'000", each label in English and Chinese, and short rules over and under
the subtotals. The rules are no table; the years name the columns."""

from __future__ import annotations

from pathlib import Path

from knowledge.readers.pdf import _underlines, read_pdf
from tests.readers.pdfgen import FONT, HEIGHT, LEFT, SIZE, Page, make_pdf

NOTE_X, YEAR_X, PRIOR_X = LEFT + 330, LEFT + 420, LEFT + 490
ROWS = [
    ("Revenue 收入", "", "", ""),
    ("Commission and fee income 佣金及費用收入", "6", "125,343", "118,051"),
    ("Interest income 利息收入", "6", "551,469", "799,356"),
    ("", "", "676,812", "917,407"),
    ("Other income 其他收入", "7", "10,648", "9,924"),
    ("Staff costs 員工成本", "9", "(77,883)", "(62,138)"),
    ("Loss before tax 除稅前虧損", "13", "(541,560)", "(679,607)"),
]


def _right(page: Page, x: float, y: float, text: str) -> None:
    page.c.drawRightString(x, HEIGHT - y - SIZE, text)


def statement(page: Page) -> None:
    page.text("綜合損益及其他全面收益表")
    page.text("For the year ended 30 September 2021 截至2021年9月30日止年度")
    c = page.c
    c.setFont(FONT, SIZE)
    y = page.y + 10
    _right(page, YEAR_X, y, "2021")
    _right(page, PRIOR_X, y, "2020")
    y += 16
    _right(page, NOTE_X, y, "Notes")
    _right(page, YEAR_X, y, "HK$'000")
    _right(page, PRIOR_X, y, "HK$'000")
    y += 16
    _right(page, NOTE_X, y, "附註")
    _right(page, YEAR_X, y, "千港元")
    _right(page, PRIOR_X, y, "千港元")
    y += 22
    c.setLineWidth(0.5)
    for label, note, now, before in ROWS:
        if not label:  # a subtotal: a short rule over each figure
            for x in (YEAR_X, PRIOR_X):
                c.line(x - 50, HEIGHT - y + 4, x, HEIGHT - y + 4)
        c.drawString(LEFT, HEIGHT - y - SIZE, label)
        if note:
            _right(page, NOTE_X, y, note)
        if now:
            _right(page, YEAR_X, y, now)
            _right(page, PRIOR_X, y, before)
        if not label:
            for x in (YEAR_X, PRIOR_X):
                c.line(x - 50, HEIGHT - y - SIZE - 4, x, HEIGHT - y - SIZE - 4)
        y += 20
    page.y = y


def test_rules_under_subtotals_are_no_table_and_the_years_name_the_columns(
        tmp_path: Path) -> None:
    doc = read_pdf(make_pdf(tmp_path / "statement.pdf", [statement]))
    tables = [b.table for b in doc.blocks if b.table is not None and b.table.rows]
    assert len(tables) == 1
    table = tables[0]
    assert table.header[-2].startswith("2021") and table.header[-1].startswith("2020")
    # (The test font sets Latin words without a space between them.)
    rows = [[row[0].replace(" ", ""), *row[1:]] for row in table.rows]
    assert ["Interestincome利息收入", "6", "551,469", "799,356"] in rows
    assert ["", "", "676,812", "917,407"] in rows
    # No cell runs several rows' figures together.
    assert not any(" " in cell for row in table.rows for cell in row[1:])


def test_what_counts_as_rules_under_subtotals() -> None:
    # 英皇證券's: the column names over them, figures run together, no label beside a figure.
    assert _underlines([["", "", "2021", "2020"], ["", "Notes", "HK$'000", "HK$'000"],
                        ["", "", "125,343\n551,469", ""]])
    # 华润三九's key figures: a narrow empty first column, the labels in the second, a long
    # figure wrapped in its cell. A table.
    assert not _underlines([["", "经营活动产\n生的现金流\n量净额", "—", "2,925,359\n,803.57"],
                            ["", "加权平均净\n资产收益率", "2.62%", "11.47%"]])
