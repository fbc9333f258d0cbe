"""The PDF reader on real reports: cut pages for each mechanism, the whole zhangjiajie once."""

from __future__ import annotations

import re
from pathlib import Path

from knowledge.documents import table_sentences
from knowledge.facts import Period, table_facts
from knowledge.readers import Document, Table
from knowledge.readers.pdf import read_pdf
from tests.readers.conftest import REAL, Whole


def read(name: str) -> Document:
    return read_pdf(REAL / name)


def table_with(doc: Document, label: str) -> tuple[int | None, Table]:
    for block in doc.blocks:
        if block.table is not None and any(r and r[0] == label for r in block.table.rows):
            return block.page, block.table
    raise AssertionError(f"no table has a row {label!r}")


def row(table: Table, label: str) -> list[str]:
    return next(r for r in table.rows if r[0] == label)


# --- zhangjiajie: the key figures table, wrapped labels, a table continued on the next page --
def test_zhangjiajie_key_figures_table() -> None:
    doc = read("zhangjiajie-p5-7.pdf")
    page, table = table_with(doc, "营业收入（元）")
    assert page == 2  # p.6 of the report
    assert table.caption == "六、主要会计数据和财务指标"
    assert table.header == ["", "2016年", "2015年", "本年比上年增减", "2014年"]
    assert row(table, "营业收入（元）") == [
        "营业收入（元）", "592,183,264.90", "674,880,017.98", "-12.25%", "484,009,427.87"]
    # Labels wrapped over two lines (and split by Word's partial rules) are one row.
    assert row(table, "归属于上市公司股东的扣除非经常性损益的净利润（元）")[1] == "61,516,622.87"
    # The ROE row is at the top of the next page, without a header: the same table.
    assert row(table, "加权平均净资产收益率")[1:] == ["9.60%", "20.86%", "-11.26%", "13.05%"]


def test_zhangjiajie_second_header_block_is_its_own_table() -> None:
    doc = read("zhangjiajie-p5-7.pdf")
    page, table = table_with(doc, "总资产（元）")
    assert page == 3
    assert table.header == ["", "2016年末", "2015年末", "本年末比上年末增减", "2014年末"]
    assert table.caption == "六、主要会计数据和财务指标"


def test_zhangjiajie_running_header_and_page_numbers_dropped() -> None:
    doc = read("zhangjiajie-p5-7.pdf")
    text = "\n".join(b.text for b in doc.blocks)
    assert "年度报告全文" not in text
    assert any("年度报告全文" in d for d in doc.dropped)
    assert any(d.startswith("页码") for d in doc.dropped)


def test_zhangjiajie_units_from_unit_line_and_header() -> None:
    doc = read("zhangjiajie-p5-7.pdf")
    _, quarterly = table_with(doc, "营业收入")
    assert quarterly.unit == "元"  # "单位：元" above the table
    assert quarterly.header == ["", "第一季度", "第二季度", "第三季度", "第四季度"]
    _, table = table_with(doc, "营业收入（元）")
    sentence = table_sentences(table)[0]
    assert sentence == ("营业收入（元）：2016年 592,183,264.90元，2015年 674,880,017.98元，"
                        "本年比上年增减 -12.25%，2014年 484,009,427.87元。")


def test_zhangjiajie_key_value_cells_of_several_lines() -> None:
    doc = read("zhangjiajie-p5-7.pdf")
    _, table = table_with(doc, "组织机构代码")
    assert table.key_value and len(table.rows) == 3
    assert row(table, "公司上市以来主营业务的变化情况（如有）")[1] == "无变更"
    history = row(table, "历次控股股东的变更情况（如有）")[1]
    assert history.startswith("1992 年 12 月 19 日，张家界旅游集团股份有限公司由")
    assert history.endswith("成为本公司第一大股东。")


def test_zhangjiajie_key_value_table() -> None:
    doc = read("zhangjiajie-p5-7.pdf")
    _, table = table_with(doc, "会计师事务所名称")
    assert table.key_value and table.header == []
    assert row(table, "会计师事务所名称")[1] == "天职国际会计师事务所（特殊普通合伙）"


# --- icbc: two header rows, (1.09) negatives, a dash as empty, the ROE row on the next page ---
def test_icbc_key_figures_header_rows_merged() -> None:
    doc = read("icbc-p1-2.pdf")
    page, table = table_with(doc, "营业收入")
    assert page == 1
    assert table.unit == "人民币百万元"
    assert table.header == ["项目", "2023年1至3月", "2022年1至3月 调整前", "2022年1至3月 调整后",
                            "比上年增减（％） 调整后"]
    assert row(table, "营业收入") == ["营业收入", "227,596", "249,467", "230,106", "-1.09"]
    assert row(table, "基本每股收益（元/股）")[4] == ""  # "-" is empty
    assert row(table, "扣除非经常性损益后归属于母公司股东的净利润")[1] == "89,266"
    roe = row(table, "加权平均净资产收益率（%，年化）")  # on p.2, continuing the table
    assert roe[1:] == ["11.22", "12.22", "12.15", "下降0.93个百分点"]


def test_icbc_sentence_says_units_and_percent() -> None:
    _, table = table_with(read("icbc-p1-2.pdf"), "营业收入")
    assert table_sentences(table)[0] == (
        "营业收入：2023年1至3月 227,596百万元，2022年1至3月 调整前 249,467百万元，"
        "2022年1至3月 调整后 230,106百万元，比上年增减（％） 调整后 -1.09%。")


def test_icbc_statement_without_rules_is_a_table() -> None:
    doc = read("icbc-p10.pdf")
    _, table = table_with(doc, "营业收入")
    assert table.unit == "人民币百万元"  # "(除特别注明外，金额单位均为人民币百万元)"
    assert row(table, "营业收入")[1:] == ["227,596", "230,106", "207,686", "216,154"]
    assert row(table, "利息支出")[1] == "-172,822"  # (172,822)


# --- alco: traditional Chinese, justified text, statements in 千港元 -------------------------
def test_alco_justified_text_has_no_spaces_between_characters() -> None:
    doc = read("alco-p1-4.pdf")
    text = "\n".join(b.text for b in doc.blocks)
    assert "董事宣佈本公司" in text
    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff] [\u4e00-\u9fff]", text)


def test_alco_highlights_in_millions() -> None:
    doc = read("alco-p1-4.pdf")
    page, table = table_with(doc, "－營業額（港元）")
    assert page == 1 and table.caption == "表現摘要"
    assert table.header[1:] == ["二零二五年", "二零二四年"]
    assert row(table, "－擁有人應佔（虧損）╱溢利（港元）")[1:] == ["-64百萬", "6百萬"]


def test_alco_statement_columns_and_unit() -> None:
    doc = read("alco-p1-4.pdf")
    page, table = table_with(doc, "營業額")
    assert page == 2
    assert table.unit == "千港元"
    assert table.header[-2:] == ["二零二五年 千港元", "二零二四年 千港元"]
    assert row(table, "營業額")[-2:] == ["99,313", "148,422"]
    assert row(table, "銷貨成本")[-2:] == ["-94,192", "-139,558"]
    assert row(table, "研發開支")[-2:] == ["", "-115"]  # – is nil
    assert "營業額：二零二五年 99,313千港元，二零二四年 148,422千港元。" in table_sentences(table)
    # The statement goes on to p.3 under the same header: one table.
    assert row(table, "－攤薄（港元）")[-2:] == ["-0.63", "9.79"]


# --- cib: pages whose text layer decodes to look-alike characters ----------------------------
def test_cib_garbled_pages_are_left_out_with_a_warning() -> None:
    doc = read("cib-p148-152.pdf")
    assert len(doc.warnings) == 1
    assert doc.warnings[0].startswith("第3–5页 (3 pages) decode to look-alike characters")
    text = "\n".join(b.text + str(b.table) for b in doc.blocks)
    for wrong in ("共业银行", "股仹", "癿", "丌"):
        assert wrong not in text
    assert {b.page for b in doc.blocks} <= {1, 2}
    assert "毕马威华振会计师事务所审计" in text  # the clean page is kept


# --- anxin: running title inside paragraphs, a highlights box of several rows ----------------
def test_anxin_running_title_dropped_and_highlights_rows() -> None:
    doc = read("anxin-2012-results-press-release.pdf")
    text = "\n".join(b.text for b in doc.blocks)
    assert "中國安芯公佈 2012 年全年業績" not in text
    _, table = table_with(doc, "毛利(千港元)")
    assert row(table, "毛利(千港元)")[1:] == ["716,955", "536,483", "+33.6%"]
    assert row(table, "公司股東應佔溢利(千港元)")[1] == "547,825"


# --- the whole report, parsed once per session -----------------------------------------------
def test_whole_report_pages_furniture_and_contents(whole: Whole) -> None:
    doc = whole.document
    assert doc.pages == 174
    assert "目录（第3页）" in doc.dropped
    furniture = next(d for d in doc.dropped if "年度报告全文" in d)
    assert int(re.search(r"（(\d+)页）", furniture).group(1)) >= 170  # type: ignore[union-attr]
    assert doc.warnings == []
    assert len(doc.tables) > 250  # 269: split rows and wrapped headers regrouped


def test_whole_report_answers_with_page_in_source_note(whole: Whole) -> None:
    answer = whole.kb.answer("归属于上市公司股东的净利润是多少")
    assert "61,155,890.58元" in answer.text
    note = "（来源：zhangjiajie-2016-annual.pdf 第6页 · 主要会计数据和财务指标）"
    assert answer.text.endswith(note)
    best = answer.matches[0][0]
    assert best.page == 6 and best.heading == "主要会计数据和财务指标"


def test_whole_report_balance_sheet_figure(whole: Whole) -> None:
    answer = whole.kb.answer("货币资金期末余额是多少")
    # The year-end fact (余额 names the balance, nothing else), from the balance sheet, the
    # note's table or the table of the assets' changes that states it too.
    assert answer.text.startswith("2016年末货币资金为119,653,068.38元")
    assert re.search(r"第(21|70|156)页", answer.text)


def test_whole_report_cold_build_time(whole: Whole) -> None:
    # Measured about 22 s on the 2-core CI machine (docs/bench.md); fail only far beyond.
    assert whole.cold_seconds < 90


def test_fixture_paths_are_inside_the_repository() -> None:
    assert Path(__file__).resolve().parents[2] in REAL.parents


def test_cmbc_key_figures_blocks_share_the_year_columns() -> None:
    """cmbc p.25 (printed 23): a rule-less table with the 2021 column shaded (a filled box,
    not a table), three blocks under one row of years, a unit in each block's name."""
    doc = read("cmbc-p25.pdf")
    _, scale = table_with(doc, "资产总额")
    assert scale.unit == "人民币百万元"
    assert scale.header[1:] == ["2021年 12月31日", "2020年 12月31日",
                                "本报告期末比 上年度末 增减(%)", "2019年 12月31日"]
    assert row(scale, "资产总额")[1:] == ["6,952,786", "6,950,233", "0.04", "6,681,841"]
    assert row(scale, "归属于本行普通股股东的每股净资产（人民币元）")[1] == "11.06"
    _, quality = table_with(doc, "不良贷款率")
    assert quality.unit == "%"
    assert quality.header[3] == "本报告期末比 上年度末 变动百分点"
    assert table_sentences(quality)[0].startswith("不良贷款率：2021年 12月31日 1.79%，")


def test_cmbc_note_chapter_column_holds_no_figures() -> None:
    """cmbc p.211 (printed 209): the income statement's note column is headed 附注八 (the
    notes' chapter); its 34 and 35 beside 利息净收入 and 手续费及佣金净收入 are note numbers,
    neither facts nor figures a passage quotes."""
    doc = read("cmbc-p211.pdf")
    _, table = table_with(doc, "手续费及佣金净收入")
    assert "附注八" in table.header
    facts = table_facts(table, Period(2021), document="cmbc.pdf", page=211)
    assert [f for f in facts if f.metric == "手续费及佣金净收入"]
    assert not [f for f in facts if f.value in ("34", "35")]
    sentence = next(s for s in table_sentences(table) if s.startswith("手续费及佣金净收入"))
    assert "附注八" not in sentence and " 35" not in sentence, sentence
