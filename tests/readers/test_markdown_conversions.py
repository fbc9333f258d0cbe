"""Reports converted to Markdown by PDF converters (pdfplumber-based, pymupdf4llm, MinerU) read
like the PDF they came from.

Each snippet has the shape a converter gives a real report's page (cmbc 2021, ICBC 2023 Q1,
Alco FY2025, anxin 2012), a few lines at a time; the last tests convert cut pages of the real
reports at test time with the naive converter of bench/convert.py.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from knowledge import build_knowledge
from knowledge.facts import document_facts, document_period, reader_period
from knowledge.readers.text import laid_out, read_text
from tests.readers.conftest import REAL
from tests.readers.test_pdf_real import row, table_with

ROOT = Path(__file__).resolve().parents[2]

# ICBC 2023 Q1 p.1 as pdfplumber's tables come out: "2022年1至3月" spans the two columns
# named on the second header row, its second column an empty cell.
ICBC_PIPES = """\
单位：除特别注明外，为人民币百万元

| 项目 | 2023年 1至3月 | 2022年1至3月 |  | 比上年增减 （％） |
|---|---|---|---|---|
|  |  | 调整前 | 调整后 | 调整后 |
| 营业收入 | 227,596 | 249,467 | 230,106 | (1.09) |
| 归属于母公司股东的 净利润 | 90,164 | 90,633 | 90,145 | 0.02 |
"""

# The same table as pymupdf4llm writes it: "Col4" for the spanned cell, <br> in cells, the
# first column's name repeated on the second header row, bold digits.
ICBC_PYMUPDF = """\
|项目|2023 年<br>1 至3 月|2022 年1 至3 月|Col4|比上年增减<br>（％）|
|---|---|---|---|---|
|项目|**2023** 年 <br>**1** 至**3** 月|调整前|调整后|调整后|
|营业收入|227,596|249,467|230,106|(1.09)|
|归属于母公司股东的<br>净利润|90,164|90,633|90,145|0.02|
"""

# anxin 2012: a box drawn around several rows comes out as one row, each cell's lines joined
# by spaces.
ANXIN = """\
|  | 截至12月31日止十二個月 |  | 變化 |
|---|---|---|---|
|  | 2012 | 2011 |  |
| 綜合營業額(千港元) 毛利(千港元) 股息(港仙) | 849,730 716,955 3.6 | 598,172 536,483 3 \
| +42.1% +33.6% +20% |
"""

# Alco FY2025 p.2 as pdfplumber's page text comes out: an unruled statement, its cells one
# space apart, a note reference column, the column names on lines of their own.
ALCO = """\
綜合損益表
截至二零二五年三月三十一日止年度
二零二五年 二零二四年
附註 千港元 千港元
持續經營業務
營業額 3 99,313 148,422
銷貨成本 5 (94,192) (139,558)
毛利 5,121 8,864
本年度已終止經營業務溢利 8 – 594,842
"""

# cmbc 2021 p.22: the shaded current-year column found as a table of its own, set above the
# text of the other columns.
CMBC = """\
一、 主要会计数据和财务指标


| 2021年 |
|---|
|  |
| 168,804 |
| 125,775 |
|  |
| 0.71 |


本报告期比
2020年 上年同期 2019年
经营业绩（人民币百万元） 增减(%)
营业收入 184,951 -8.73 180,441
利息净收入 135,224 -6.99 122,034
每股计（人民币元）
基本每股收益 0.71 – 1.22
"""

# MinerU writes tables as HTML inside the Markdown.
MINERU = """\
# 一、主要会计数据和财务指标

单位：元

<table><tr><td rowspan="2">项目</td><td>2016年</td><td>2015年</td><td>本年比上年增减</td></tr>\
<tr><td>金额</td><td>金额</td><td>%</td></tr>\
<tr><td>营业收入</td><td>592,183,264.90</td><td>674,880,017.98</td><td>-12.25%</td></tr></table>

公司主营业务稳步发展。
"""


def test_pipe_header_cell_spanning_columns_names_each() -> None:
    for raw in (ICBC_PIPES, ICBC_PYMUPDF):
        doc = read_text("icbc.md", raw, "md")
        _, table = table_with(doc, "营业收入")
        assert [h.replace(" ", "") for h in table.header[2:4]] == [
            "2022年1至3月调整前", "2022年1至3月调整后"], table.header
        assert row(table, "营业收入")[1:] == ["227,596", "249,467", "230,106", "-1.09"]
        assert row(table, "归属于母公司股东的净利润")[3] == "90,145"


def test_pipe_row_of_joined_rows_is_unjoined() -> None:
    doc = read_text("anxin.md", ANXIN, "md")
    _, table = table_with(doc, "毛利(千港元)")
    assert table.header[1:3] == ["截至12月31日止十二個月 2012", "截至12月31日止十二個月 2011"]
    assert row(table, "綜合營業額(千港元)")[1:] == ["849,730", "598,172", "+42.1%"]
    assert row(table, "股息(港仙)")[1:3] == ["3.6", "3"]


def test_statement_with_cells_one_space_apart() -> None:
    doc = read_text("alco.md", ALCO, "md")
    _, table = table_with(doc, "營業額")
    assert table.header[-2:] == ["二零二五年 千港元", "二零二四年 千港元"]
    assert row(table, "營業額")[-2:] == ["99,313", "148,422"]
    # Rows without a note keep their figures under the years.
    assert row(table, "毛利")[-2:] == ["5,121", "8,864"]
    assert row(table, "本年度已終止經營業務溢利")[-2:] == ["", "594,842"]
    facts = {(f.metric, f.period.year): f.value for f in document_facts(doc)}
    assert facts[("营业额", 2025)] == "99,313"


def test_shaded_column_taken_for_a_table_goes_back_into_its_statement() -> None:
    doc = read_text("cmbc.md", CMBC, "md")
    _, table = table_with(doc, "营业收入")
    assert table.header[1:3] == ["2021年", "2020年"]
    assert "增减" in table.header[3] or "比上年" in table.header[3]
    assert row(table, "营业收入")[1:] == ["168,804", "184,951", "-8.73", "180,441"]
    assert row(table, "利息净收入")[1:3] == ["125,775", "135,224"]
    assert row(table, "基本每股收益")[1:3] == ["0.71", "0.71"]


def test_html_table_in_markdown_read_with_its_spans() -> None:
    # On a line of its own, or after text on the same line, or never closed (then text).
    unclosed = "<table><tr><td>营业收入</td>\n" + "公司主营业务稳步发展。\n" * 3
    assert any("营业收入" in b.text for b in read_text("x.md", unclosed, "md").blocks)
    inline = MINERU.replace("<table>", "单位：元<table>")
    assert table_with(read_text("x.md", inline, "md"), "营业收入")[1].unit == "元"
    doc = read_text("mineru.md", MINERU, "md")
    _, table = table_with(doc, "营业收入")
    assert table.header[1:3] == ["2016年 金额", "2015年 金额"]
    assert row(table, "营业收入")[1:3] == ["592,183,264.90", "674,880,017.98"]
    assert any("稳步发展" in b.text for b in doc.blocks)


def test_page_numbers_end_pages_and_one_cell_tables_are_text() -> None:
    pages = [f"星河科技股份有限公司\n第{n}节的正文，说明公司经营情况。\n\n|  |\n|---|\n| {n} |\n"
             for n in range(1, 5)]
    doc = read_text("star.md", "\n".join(pages), "md")
    assert doc.pages == 4
    assert [b.page for b in doc.blocks if "第3节" in b.text] == [3]
    assert not doc.tables  # a page number in a ruled box is no table
    assert all(b.text.strip() not in {"1", "2", "3", "4"} for b in doc.blocks)


def test_cover_title_in_pieces_names_the_period() -> None:
    body = "\n".join(f"第{n}段正文，说明本行经营情况。" for n in range(30))
    raw = ("（于中华人民共和国注册成立的股份有限公司）\nA 股股票代码 ：600016\n2021\n年\n"
           "年 度 报 告\n\n重要提示\n本年度报告于2022年3月29日由本行董事会审议通过。\n" + body)
    doc = read_text("cmbc.md", raw, "md")
    assert any(b.text.replace(" ", "") == "2021年年度报告" for b in doc.blocks)
    assert reader_period(doc).year == 2021
    # The date a board approved the report on is no period.
    assert document_period(["本年度报告于2022年3月29日由本行董事会审议通过。"]).year is None
    assert document_period(["截至2025年3月31日止年度之綜合業績"]).year == 2025


def test_short_converted_release_read_as_converted_text() -> None:
    lines = ["受惠於監測點之增加，集團截至二零一二年十二月三十一日止十二個月綜合營業額躍升",
             "百分之四十二至八億五千萬港元，毛利亦錄得百分之三十三增幅至七億一千七百萬港元",
             "集團於回顧年內對達嘉集團進行收購活動，帶來因尚未支付代價股票所產生的公允價值"]
    assert laid_out("\n".join(lines * 4))
    # Hand-written Markdown ends its lines with punctuation: it keeps the Markdown reading.
    assert not laid_out("\n".join(line + "。" for line in lines * 4))


def _naive_markdown(pdf: Path, out: Path) -> None:
    """bench/convert.py's pdfplumber converter (page text and pipe tables), loaded by path."""
    spec = importlib.util.spec_from_file_location("bench_convert", ROOT / "bench" / "convert.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.markdown(pdf, out)


def test_real_pages_converted_to_markdown_answer_key_figures(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    _naive_markdown(REAL / "cmbc-p25.pdf", folder / "cmbc-2021.md")
    doc = read_text("cmbc-2021.md", (folder / "cmbc-2021.md").read_text("utf-8"), "md")
    _, table = table_with(doc, "资产总额")
    assert table.header[1].startswith("2021年")
    assert row(table, "资产总额")[1:3] == ["6,952,786", "6,950,233"]
    _naive_markdown(REAL / "icbc-p10.pdf", folder / "icbc-2023q1.md")
    kb = build_knowledge(folder / "icbc-2023q1.md")
    assert "227,596" in kb.answer("工商银行2023年1至3月营业收入多少").text


def test_real_press_release_converted_to_markdown(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    _naive_markdown(REAL / "anxin-2012-results-press-release.pdf", folder / "anxin.md")
    kb = build_knowledge(folder)
    assert "849,730" in kb.answer("中國安芯2012年營業額幾多").text


def test_pymupdf_title_row_blank_lines_and_spaced_units() -> None:
    # anxin 2012 as pymupdf4llm writes it: the box's title as the table's first row, a blank
    # line after every line of text, a space between a figure and its unit.
    table = ("|財務亮點|Col2|Col3|Col4|\n|---|---|---|---|\n"
             "||截至12 月31 日止十二個月|Col3|<br>變化|\n||2012|2011||\n"
             "|綜合營業額(千港元)<br>毛利(千港元)|849,730<br>716,955|598,172<br>536,483|"
             "+42.1%<br>+33.6%|\n")
    prose = ["ISD系統監測點數激增至 23,388 個，同時，ISD業務範圍已擴展至十個省份的 34 個",
             "市縣。集團於 2012 年 1 月完成了對煜宏投資有限公司及其全資子公司深圳市豪威未來",
             "科技有限公司的收購。該公司主要從事安防產品及閉路電視產品之設計、開發、生產及"]
    filler = [f"第{n}段說明：集團於回顧年內持續投入研發，擴大產品的市場佔有率，提升產品的技術附加"
              for n in range(20)]
    raw = table + "\n" + "\n\n".join(prose + filler) + "\n"
    doc = read_text("anxin.md", raw, "md")
    _, found = table_with(doc, "毛利(千港元)")
    assert found.caption == "財務亮點"
    assert found.header[1:3] == ["截至12月31日止十二個月 2012", "截至12月31日止十二個月 2011"]
    assert row(found, "綜合營業額(千港元)")[1:] == ["849,730", "598,172", "+42.1%"]
    text = [b.text for b in doc.blocks if b.kind == "paragraph"]
    # Lines of text are one paragraph, not one each; the figures keep their units.
    assert any("23,388個，同時" in t for t in text)
    assert any("集團於 2012年1月完成" in t and "未來科技有限公司的收購" in t for t in text)


def test_short_line_between_paragraphs_is_a_heading() -> None:
    body = "\n".join(f"第{n}段：集團於回顧年內持續投入研發，擴大產品的市場佔有率，提升技術附加值。"
                     for n in range(12))
    raw = (body + "\n獨立核數師報告摘錄\n"
           "下列各節載列本公司核數師就本集團截至二零二五年三月三十一日止年度"
           "的綜合財務報表出具的報告之摘錄。\n不發表意見\n"
           "我們獲委聘審核貴公司及其附屬公司的綜合財務報表，包括綜合財務狀況表。\n" + body)
    doc = read_text("alco.md", raw, "md")
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert "獨立核數師報告摘錄" in headings and "不發表意見" in headings
    # A short numbered line is one too, after a line that ends mid-sentence; 1、2月 is not.
    raw = (body + "\n公司近3年（包括本报告期）的普通股股利分配方案（预案）、资本公积金转增股本情况"
           "\n1、2016年度利润分配预案\n经审计，2016年度公司实现归属于母公司所有者的净利润"
           "61,155,890.58元。\n1、2月份接待游客较上年同期增长，主要是春节假期提前所致，"
           "公司各景区接待量均有所增加。\n" + body)
    headings = [b.text for b in read_text("zjj.md", raw, "md").blocks if b.kind == "heading"]
    assert "1、2016年度利润分配预案" in headings
    assert not any(h.startswith("1、2月") for h in headings)
    # Under a page's top lines (a converter's leftovers) a short line before prose is one too.
    raw = ("N_table indent_4 mm\n前景\n展望未來，本集團仍致力於實現其戰略目標，並將繼續尋求增長及"
           "盈利機會。\n" + body)
    headings = [b.text for b in read_text("alco.md", raw, "md").blocks if b.kind == "heading"]
    assert "前景" in headings


def test_pymupdf_unit_row_bold_heading_and_bold_digits() -> None:
    raw = ("**（二）非经常性损益项目和金额**\n\n"
           "|Col1|单位：人民币百万元|\n|---|---|\n|项目|**2023** 年**1** 至**3** 月|\n"
           "|非流动资产处置收益|470|\n|合计|902|\n")
    doc = read_text("icbc.md", raw, "md")
    _, table = table_with(doc, "非流动资产处置收益")
    assert table.unit == "人民币百万元"
    assert table.header == ["项目", "2023年1 至3月"]
    assert ("heading", "（二）非经常性损益项目和金额") in [(b.kind, b.text) for b in doc.blocks]


def test_pipe_rows_cut_where_a_label_wraps_are_one_row() -> None:
    # zhangjiajie 2016 p.6 as pdfplumber's table comes out: a wrapped label's row cut in three.
    raw = ("|  | 2016年 | 2015年 | 本年比上年增减 | 2014年 |\n|---|---|---|---|---|\n"
           "| 营业收入（元） | 592,183,264.90 | 674,880,017.98 | -12.25% | 484,009,427.87 |\n"
           "| 归属于上市公司股东的净利润 | 61,155,890.58 | 114,396,010.54 |  |  |\n"
           "|  |  |  | -46.54% | 60,509,581.78 |\n| （元） |  |  |  |  |\n|  |  |  |  |  |\n"
           "| 归属于上市公司股东的扣除非经 |  |  |  |  |\n"
           "|  | 61,516,622.87 | 112,621,938.51 | -45.38% | 62,492,475.88 |\n"
           "| 常性损益的净利润（元） |  |  |  |  |\n|  |  |  |  |  |\n"
           "| 基本每股收益（元/股） | 0.19 | 0.36 | -47.22% | 0.19 |\n")
    doc = read_text("zhangjiajie.md", raw, "md")
    _, table = table_with(doc, "营业收入（元）")
    assert row(table, "归属于上市公司股东的净利润（元）")[1:] == [
        "61,155,890.58", "114,396,010.54", "-46.54%", "60,509,581.78"]
    assert row(table, "归属于上市公司股东的扣除非经常性损益的净利润（元）")[1] == "61,516,622.87"
    assert len(table.rows) == 4


def test_inline_marks_of_converters_are_taken_off() -> None:
    body = "\n".join(f"第{n}段：集團於回顧年內持續投入研發，擴大產品的市場佔有率，提升技術附加值。"
                     for n in range(12))
    raw = (body + "\n![](images/chart-1.jpg)\n"
           "[中國安芯控股有限](http://www.anxin-china.com.hk/)公司營業額增長$42.1\\%$，"
           "毛利為$ 716,955 $千港元。\n" + body)
    text = " ".join(b.text for b in read_text("anxin.md", raw, "md").blocks)
    assert "中國安芯控股有限公司營業額增長42.1%，毛利為716,955千港元。" in text
    assert "images" not in text and "http" not in text


def test_mineru_markdown_is_read_as_a_converted_report(tmp_path: Path) -> None:
    # MinerU joins a paragraph's lines and drops running headers and page numbers: its HTML
    # tables of figures are what show a converted report.
    assert laid_out(MINERU)
    (tmp_path / "zhangjiajie.md").write_text(MINERU, encoding="utf-8")
    kb = build_knowledge(tmp_path)
    assert "592,183,264.90" in kb.answer("2016年营业收入是多少").text


def test_cover_without_its_year_takes_the_fiscal_year_named_most() -> None:
    body = "\n".join(f"第{n}段正文，说明本行经营情况。" for n in range(30))
    raw = ("（于中华人民共和国注册成立的股份有限公司）\n年度报告\n\n重要提示\n"
           "本年度报告于2022年3月29日由本行董事会审议通过。\n"
           "本行审计师对2021年度财务报告进行了审计。\n"
           "经董事会审议的2021年度利润分配预案。\n" + body)
    assert reader_period(read_text("cmbc.md", raw, "md")).year == 2021


def test_running_header_of_a_short_release_cutting_sentences_is_dropped() -> None:
    para = ("受惠於監測點之增加，集團截至二零一二年十二月三十一日止十二個月綜合營業額躍升\n"
            "至八億五千萬港元，毛利亦錄得百分之三十三增幅至七億港元，集團於回顧年內對達嘉\n")
    header = "中國安芯公佈2012年全年業績\n"
    raw = (para + header + "集團進行收購活動。\n" + para.replace("集團", "本集團")
           + header + "公司進行收購活動。\n" + para.replace("集團", "該集團"))
    doc = read_text("anxin.md", raw, "md")
    assert doc.pages == 3
    assert all("全年業績" not in b.text for b in doc.blocks)


# 华润三九 2023 Q3 p.1 from the naive converter: every cell one column right of an empty one,
# two column names one column off their figures, a label wrapped onto a row of its own.
OFFSET_PIPES = """\
||||本报告期||||本报告期比上年同期||年初至报告期末|||年初至报告期末比上||
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
||||||||增减|||||年同期增减||
||营业收入（元）||5,461,880,259.08|||47.23%|||18,608,005,954.15||53.65%|||
||归属于上市公司股东||525,475,187.02|||1.20%|||2,402,599,847.04||23.06%|||
||的净利润（元）|||||||||||||
"""


def test_pipe_columns_a_converter_set_off_their_figures() -> None:
    doc = read_text("crsanjiu.md", OFFSET_PIPES, "md")
    _, table = table_with(doc, "营业收入（元）")
    assert len(table.header) == 5
    assert table.header[2].replace(" ", "") == "本报告期比上年同期增减"
    assert row(table, "营业收入（元）")[1:] == [
        "5,461,880,259.08", "47.23%", "18,608,005,954.15", "53.65%"]
    assert row(table, "归属于上市公司股东的净利润（元）")[2] == "1.20%"
