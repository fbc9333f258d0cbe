"""PDF mechanisms on PDFs drawn for the case (tests/readers/pdfgen.py), read by pdfplumber."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.documents import table_sentences
from knowledge.readers import Document, ReadError
from knowledge.readers.pdf import read_pdf
from tests.readers.pdfgen import FONT, HEIGHT, LEFT, RIGHT, SIZE, Page, image_page, make_pdf

HEADER = "星河科技股份有限公司2023年年度报告"
INTRO = ("本公司是一家专注于工业软件的高新技术企业，报告期内公司持续加大研发投入，"
         "营业收入保持稳定增长，主要产品在国内市场的占有率进一步提升，客户数量明显增加，"
         "经营活动产生的现金流量净额继续为正。")


def furniture(page: Page, number: int, total: int) -> None:
    page.y = 36
    page.text(HEADER, x=RIGHT - 200, size=9)
    page.y = 80
    page.c.setFont("STSong-Light", 9)
    page.c.drawString((LEFT + RIGHT) / 2, 30, f"{number} / {total}")


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks]


def report(tmp_path: Path) -> Path:
    def toc(page: Page) -> None:
        furniture(page, 1, 4)
        page.text("目录", size=16)
        for i, title in enumerate(["重要提示", "公司简介", "经营情况讨论与分析", "重要事项",
                                   "股份变动", "财务报告"], 1):
            page.text(f"第{'一二三四五六'[i - 1]}节 {title} " + "." * 60 + f" {i + 1}")

    def body(number: int) -> object:
        def draw(page: Page) -> None:
            furniture(page, number, 4)
            page.text(f"第{'一二三四'[number - 1]}节 公司简介和主要财务指标", size=14)
            page.text("一、公司信息")
            page.text("（一）基本情况")
            page.wrapped(INTRO)
            page.text("1. 主要业务")
            page.wrapped("公司主要从事工业软件的研发与销售。")
        return draw

    return make_pdf(tmp_path / "star.pdf", [toc, body(2), body(3), body(4)])


def test_running_headers_page_numbers_and_contents_are_dropped(tmp_path: Path) -> None:
    doc = read_pdf(report(tmp_path))
    assert doc.pages == 4
    joined = "\n".join(texts(doc))
    assert HEADER not in joined
    assert "/ 4" not in joined
    assert "目录" not in joined and "....." not in joined
    assert any(HEADER in d for d in doc.dropped)
    assert any(d.startswith("页码") for d in doc.dropped)
    assert "目录（第1页）" in doc.dropped
    assert {b.page for b in doc.blocks} == {2, 3, 4}


def test_wrapped_lines_join_into_one_paragraph(tmp_path: Path) -> None:
    doc = read_pdf(report(tmp_path))
    paragraphs = [b for b in doc.blocks if b.kind == "paragraph"]
    assert INTRO in [p.text for p in paragraphs]
    assert paragraphs[0].page == 2


def test_numbered_lines_are_headings_with_levels(tmp_path: Path) -> None:
    doc = read_pdf(report(tmp_path))
    headings = [(b.level, b.text) for b in doc.blocks if b.kind == "heading" and b.page == 2]
    assert headings == [
        (1, "第二节公司简介和主要财务指标"),  # the space between CJK is squeezed out
        (2, "一、公司信息"),
        (3, "（一）基本情况"),
        (4, "1.主要业务"),
    ]


LEFT_TEXT = ("左栏讲述集团的零售业务。" * 14)
RIGHT_TEXT = ("右栏讲述集团的物流业务。" * 14)


def test_two_columns_read_column_by_column(tmp_path: Path) -> None:
    def draw(page: Page) -> None:
        mid = (LEFT + RIGHT) / 2
        top = page.y
        page.wrapped(LEFT_TEXT, LEFT, mid - 15, indent=False)
        page.y = top
        page.wrapped(RIGHT_TEXT, mid + 15, RIGHT, indent=False)

    doc = read_pdf(make_pdf(tmp_path / "hk.pdf", [draw]))
    assert texts(doc) == [LEFT_TEXT, RIGHT_TEXT]


def test_two_lists_read_column_by_column(tmp_path: Path) -> None:
    """A Hong Kong 公司資料 page: labels and short values in two columns whose lines fall at
    different heights; read side by side, 公司秘書 would take the right column's words."""
    left = ["董事會", "執行董事", "劉中奎先生", "林蘇鵬先生", "獨立非執行董事", "裴仁九先生",
            "謝柏堂先生", "張全先生", "審核委員會", "張全先生（主席）", "公司秘書", "梁珮琪女士",
            "授權代表", "劉中奎先生"]
    right = ["核數師", "香港立信德豪會計師事務所有限公司", "執業會計師", "股份過戶登記處",
             "卓佳標準有限公司", "香港", "灣仔", "皇后大道東28號", "註冊辦事處", "南山區",
             "深圳市", "僑香路", "總辦事處", "海灣廣場"]

    def draw(page: Page) -> None:
        top = page.y
        for line in left:
            page.text(line, LEFT, gap=10.0)
        page.y = top + 7  # the right column's lines sit between the left's
        for line in right:
            page.text(line, (LEFT + RIGHT) / 2 + 20, gap=10.0)

    doc = read_pdf(make_pdf(tmp_path / "info.pdf", [draw]))
    words = "\n".join(b.text for b in doc.blocks)
    assert words.index("梁珮琪女士") < words.index("核數師")  # the left column first, whole
    assert "梁珮琪女士南山區" not in words.replace("\n", "")


@pytest.mark.parametrize("beside", [0, 2])
def test_a_reason_column_beside_many_rows_keeps_them_apart(tmp_path: Path, beside: int) -> None:
    """A quarterly report's 变动情况及原因 table: rules across the label and figure columns
    between rows, one tall 变动原因 cell beside them all; its text stays beside the row it
    stands by (the first row, or the third: 华润三九's 长期股权投资)."""
    rows = [["应付票据", "668,567,258.48", "345,653,098.33", "93.42%"],
            ["应付账款", "2,309,148,262.68", "1,449,467,839.06", "59.31%"],
            ["合同负债", "1,372,650,024.35", "1,012,272,187.52", "35.60%"]]
    widths = [100, 110, 110, 60]
    reason = 90.0
    height = 20.0

    def draw(page: Page) -> None:
        c = page.c
        c.setFont(FONT, 10.5)
        c.setLineWidth(0.5)
        x = LEFT
        top = HEIGHT - page.y
        for r, row in enumerate([["项目", "本报告期末", "上年度末", "变动比率"], *rows]):
            cx = x
            for cell, w in zip(row, widths, strict=True):
                c.rect(cx, top - (r + 1) * height, w, height)
                c.drawString(cx + 3, top - (r + 1) * height + 6, cell)
                cx += w
        c.rect(cx, top - height, reason, height)
        c.drawString(cx + 3, top - height + 6, "变动原因")
        c.rect(cx, top - (len(rows) + 1) * height, reason, len(rows) * height)
        c.drawString(cx + 3, top - (2 + beside) * height + 6, "业务增长所致")

    doc = read_pdf(make_pdf(tmp_path / "reasons.pdf", [draw]))
    tables = [b.table for b in doc.blocks if b.table is not None]
    assert len(tables) == 1
    labels = [r[0] for r in tables[0].rows]
    assert labels == ["应付票据", "应付账款", "合同负债"]
    reasons = [r[-1] for r in tables[0].rows]
    assert reasons[beside] == "业务增长所致"
    assert all(not r for k, r in enumerate(reasons) if k != beside)


HEAD = ["项目", "2023年", "2022年", "本年比上年增减"]
WIDTHS = [150, 110, 110, 100]


def test_table_continued_on_the_next_page_is_one_table(tmp_path: Path) -> None:
    rows = [[f"第{i}项收入", f"{i},000.00", f"{i - 1},500.00", f"{i}.5%"] for i in range(1, 8)]

    def first(page: Page) -> None:
        page.text("八、分季度主要财务指标")
        page.text("单位：元 币种：人民币")
        page.y = HEIGHT - 60 - 20 * 5  # the table runs to the foot of the page
        page.table([HEAD, *rows[:4]], WIDTHS)

    def second(page: Page) -> None:
        page.table([HEAD, *rows[4:]], WIDTHS)  # the header row repeated
        page.text("以上数据未经审计。")

    doc = read_pdf(make_pdf(tmp_path / "cont.pdf", [first, second]))
    tables = [b for b in doc.blocks if b.table is not None]
    assert len(tables) == 1
    table = tables[0].table
    assert table is not None
    assert table.header == HEAD
    assert table.rows == rows
    assert table.unit == "元"
    assert tables[0].page == 1
    assert texts(doc)[-1] == "以上数据未经审计。"


def test_units_negatives_and_dashes_in_cells(tmp_path: Path) -> None:
    def draw(page: Page) -> None:
        page.text("主要会计数据")
        page.text("单位：元 币种：人民币")
        page.table([HEAD, ["营业收入", "1,234,567,890.12", "(1,234.56)", "-3.21%"],
                    ["研发投入", "—", "–", "-"]], WIDTHS)

    doc = read_pdf(make_pdf(tmp_path / "units.pdf", [draw]))
    table = doc.tables[0]
    assert table.caption == "主要会计数据"
    assert table.unit == "元"
    assert table.rows == [["营业收入", "1,234,567,890.12", "-1,234.56", "-3.21%"],
                          ["研发投入", "", "", ""]]
    assert table_sentences(table) == [
        "营业收入：2023年 1,234,567,890.12元，2022年 -1,234.56元，本年比上年增减 -3.21%。"
    ]


def test_key_value_table_has_no_header(tmp_path: Path) -> None:
    def draw(page: Page) -> None:
        page.text("利润分配预案")
        page.table([["每10股派息数（元）（含税）", "3"], ["每10股送红股数（股）", "0"],
                    ["分配预案的股本基数（股）", "1,200,000,000"]], [250, 150])

    doc = read_pdf(make_pdf(tmp_path / "kv.pdf", [draw]))
    table = doc.tables[0]
    assert table.key_value and table.header == []
    assert table.rows[0] == ["每10股派息数（元）（含税）", "3"]
    assert table_sentences(table)[0] == "每10股派息数（元）（含税）：3元。"


def test_encrypted_pdf_is_a_read_error_saying_what_to_do(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "locked.pdf", [lambda p: p.text("机密")], encrypt="secret")
    with pytest.raises(ReadError, match=r"encrypted.*unprotected copy"):
        read_pdf(path)


def test_corrupt_pdf_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage without xref\n")
    with pytest.raises(ReadError, match="not a readable PDF"):
        read_pdf(path)


def test_scanned_pdf_without_text_layer_is_a_read_error(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "scan.pdf", [image_page, image_page])
    with pytest.raises(ReadError, match=r"no text layer.*OCR"):
        read_pdf(path)


def test_scanned_page_among_text_pages_is_a_warning(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "mixed.pdf", [lambda p: p.wrapped(INTRO), image_page])
    doc = read_pdf(path)
    assert texts(doc) == [INTRO]
    assert doc.warnings and doc.warnings[0].startswith("第2页 no text layer")




ENGLISH = ("Alco Holdings Limited and its subsidiaries design and manufacture consumer "
           "electronics; revenue from continuing operations decreased to HK$99 million "
           "for the year ended 31 March 2025.")


def test_latin_words_keep_their_space_across_line_breaks(tmp_path: Path) -> None:
    def draw(page: Page) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        page.wrapped("本公司英文名称如下：", indent=False)
        line = ""
        for word in ENGLISH.split():
            candidate = f"{line} {word}".strip()
            if stringWidth(candidate, "Helvetica", 10.5) > RIGHT - LEFT:
                page.c.setFont("Helvetica", 10.5)
                page.c.drawString(LEFT, HEIGHT - page.y - 10.5, line)
                page.y += 16.5
                line = word
            else:
                line = candidate
        page.c.setFont("Helvetica", 10.5)
        page.c.drawString(LEFT, HEIGHT - page.y - 10.5, line)

    doc = read_pdf(make_pdf(tmp_path / "en.pdf", [draw]))
    assert texts(doc)[-1] == ENGLISH


def test_a_title_set_down_the_margin_letter_by_letter_is_no_text(tmp_path: Path) -> None:
    lines = ["本集團於二零零七年分別在保健藥品及注射液產品上推出各款新產品，使銷售及盈利上",
             "均獲得理想增長。本集團會持續推出各項新產品，使集團業績步步上升之餘，亦提升中",
             "國人民的健康質素。本集團現時擁有超過一百個藥品批准文號，更擁有三個產品專利。",
             "此外，本集團現時共有三種產品獲准許在香港出售及使用，包括多種注射液產品。"]

    def draw(page: Page) -> None:
        for k, (line, letter) in enumerate(zip(lines, "Coht", strict=True)):
            y = HEIGHT - 100 - k * 16
            page.c.setFont(FONT, 10.5)
            page.c.drawString(LEFT, y, line)
            page.c.setFont("Helvetica", 10)
            page.c.drawString(20, y, letter)  # the sidebar, one letter a line

    doc = read_pdf(make_pdf(tmp_path / "sidebar.pdf", [draw]))
    text = "".join(texts(doc))
    assert "使銷售及盈利上均獲得理想增長" in text and "亦提升中國人民" in text
    assert not any(letter in text for letter in "Coht")


def test_a_column_names_first_line_alone_over_its_column(tmp_path: Path) -> None:
    """A Hong Kong segment note set without rules: "安防預警" alone over its column above
    "系統業務" (the rest of that column's name), and a label wrapped after 之 onto its figures'
    line ("來自外界客戶之" / "可報告分部收入 83,433 …"). The first line is no caption and the
    label is one row."""
    rights = [330.0, 420.0, 510.0]

    def draw(page: Page) -> None:
        page.text("5. 分部報告")
        page.text("截至二零零九年十二月三十一日止年度")
        at(page, 18, [("安防預警", rights[1])])
        at(page, 18, [("藥品業務", rights[0]), ("系統業務", rights[1]), ("合計", rights[2])])
        at(page, 18, [("港幣千元", r) for r in rights])
        at(page, 18, [("來自外界客戶之", None)])
        at(page, 18, [("可報告分部收入", None), ("83,433", rights[0]), ("43,490", rights[1]),
                  ("126,923", rights[2])])
        at(page, 18, [("利息收入", None), ("5", rights[0]), ("36", rights[1]), ("41", rights[2])])
        at(page, 18, [("利息開支", None), ("2,058", rights[0]), ("545", rights[1]),
                  ("2,603", rights[2])])

    doc = read_pdf(make_pdf(tmp_path / "segments.pdf", [draw]))
    table = next(b.table for b in doc.blocks if b.table is not None)
    assert table.header[1:] == ["藥品業務 港幣千元", "安防預警 系統業務 港幣千元", "合計 港幣千元"]
    assert table.rows[0] == ["來自外界客戶之可報告分部收入", "83,433", "43,490", "126,923"]



def test_a_proof_pages_guides_are_no_table(tmp_path: Path) -> None:
    """A printer's proof (安芯's 2010 interim report): guide lines rule the page into a few
    huge cells, so the whole page came out as one table of three columns of jumbled text. The
    page is read as text, its statement as a table of its own."""
    rights = [420.0, 510.0]

    def draw(page: Page) -> None:
        c = page.c
        c.setLineWidth(0.3)
        for x in (40.0, 250.0, 440.0, 560.0):  # the guides: three columns, two bands
            c.line(x, 30, x, HEIGHT - 30)
        for y in (30.0, 400.0, HEIGHT - 30):
            c.line(40, y, 560, y)
        page.text("簡明綜合全面收益表")
        page.text("截至二零一零年六月三十日止六個月")
        at(page, 15, [("二零一零年", rights[0]), ("二零零九年", rights[1])])
        at(page, 15, [("港幣千元", rights[0]), ("港幣千元", rights[1])])
        for label, a, b in [("營業額", "177,201", "65,075"), ("銷售成本", "(17,747)", "(67,543)"),
                            ("毛利╱（虧損）", "159,454", "(2,468)"),
                            ("一般及行政開支", "(14,767)", "(9,817)")]:
            at(page, 15, [(label, None), (a, rights[0]), (b, rights[1])])
        page.y += 10
        for _ in range(8):
            page.text("本集團於期內繼續拓展安防預警業務，收益較去年同期大幅增加，毛利率亦有所提升。")

    doc = read_pdf(make_pdf(tmp_path / "proof.pdf", [draw]))
    (table,) = [b.table for b in doc.blocks if b.table is not None]
    assert table.header[-2:] == ["二零一零年 港幣千元", "二零零九年 港幣千元"]
    assert table.rows[0] == ["營業額", "177,201", "65,075"]
    assert any("收益較去年同期大幅增加" in b.text for b in doc.blocks if b.kind == "paragraph")


def at(page: Page, step: float, cells: list[tuple[str, float | None]]) -> None:
    """One line of a statement set without rules: a label at the left margin (right None) and
    figures or column names right-aligned at their columns; then ``step`` points down."""
    page.c.setFont(FONT, 10.5)
    for text, right in cells:
        if right is None:
            page.c.drawString(LEFT, HEIGHT - page.y - 10.5, text)
        else:
            page.c.drawRightString(right, HEIGHT - page.y - 10.5, text)
    page.y += step


def test_a_header_alone_at_the_foot_of_a_page_heads_the_rows_of_the_next(
        tmp_path: Path) -> None:
    """The years' row ends a page and the table goes on with its second header row (调整前 |
    调整后) and the rows: one table whose columns name both."""
    top = ["项目", "2022年", "2021年", "2021年", "本年比上年增减"]
    sub = ["", "", "调整前", "调整后", "调整后"]
    rows = [["营业收入", "18,079,461,482.75", "15,319,993,634.64", "15,544,401,735.35", "16.31%"],
            ["经营活动产生的现金流量净额", "3,006,375,016.25", "1,870,515,968.48",
             "1,884,653,344.33", "59.52%"]]
    widths = [150, 100, 100, 100, 80]

    def first(page: Page) -> None:
        page.text("近三年主要会计数据和财务指标")
        page.text("单位：元")
        page.y = HEIGHT - 60 - 20  # the years' row is the last thing on the page
        page.table([top], widths)

    def second(page: Page) -> None:
        page.table([sub, *rows], widths)

    doc = read_pdf(make_pdf(tmp_path / "split-head.pdf", [first, second]))
    tables = [b for b in doc.blocks if b.table is not None and b.table.rows]
    assert len(tables) == 1
    table = tables[0].table
    assert table is not None
    assert table.header == ["项目", "2022年", "2021年 调整前", "2021年 调整后",
                            "本年比上年增减 调整后"]
    assert table.rows == rows
    assert tables[0].page == 2


def test_lines_set_below_a_ruled_statement_in_its_columns_are_its_rows(tmp_path: Path) -> None:
    """A Hong Kong income statement ends its ruled grid at the owners' profit and sets the
    dividend and the earnings per share below it, in its columns, without rules."""
    head = ["", "附註", "二零零五年 港幣千元", "二零零四年 港幣千元"]
    widths = [170, 50, 110, 110]
    rows = [["營業額", "3", "259,832", "233,897"], ["股東應佔盈利", "8", "66,004", "67,628"]]

    def draw(page: Page) -> None:
        page.text("綜合收益表")
        page.table([head, *rows], widths)
        page.c.setFont(FONT, SIZE)
        for label, cells in (("股息", ("9", "－", "－")),
                             ("每股盈利－基本", ("10", "16.5港仙", "16.9港仙"))):
            y = HEIGHT - page.y - SIZE
            page.c.drawString(LEFT + 3, y, label)
            for x, cell in zip((LEFT + 173, LEFT + 223, LEFT + 333), cells, strict=True):
                page.c.drawString(x, y, cell)
            page.y += SIZE + 12
        page.text("第40至73頁之附註屬於財務報表之其中部分。")

    doc = read_pdf(make_pdf(tmp_path / "below.pdf", [draw]))
    table = doc.tables[0]
    assert table.rows[-2:] == [["股息", "9", "", ""],
                               ["每股盈利－基本", "10", "16.5港仙", "16.9港仙"]]
    assert texts(doc)[-1] == "第40至73頁之附註屬於財務報表之其中部分。"
