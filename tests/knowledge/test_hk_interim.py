"""A Hong Kong interim report's statements, drawn for the case (tests/readers/pdfgen.py) and
built like any report: columns named by a date ("二零一一年 六月三十日") under a title saying
the six months ending on it, two notes after the unit, owners' rows under "以下應佔…", the unit
of earnings per share in the heading row above them, and a balance sheet whose years the reader
left in the caption."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from knowledge.facts import document_facts
from knowledge.readers.model import Block, Document, Table
from tests.readers.pdfgen import Page, make_pdf

HEAD = [["", "二零一一年", "二零一零年"], ["", "六月三十日", "六月三十日"],
        ["", "港幣千元（未經審核）", "港幣千元（未經審核）（經重列）"]]
WIDTHS = [190, 140, 180]


@pytest.fixture(scope="module")
def interim(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    def statements(page: Page) -> None:
        page.text("示範科技控股有限公司", size=14)
        page.text("二零一一年中期報告")
        page.wrapped("示範科技控股有限公司（「本公司」）董事會宣佈本集團截至二零一一年六月三十日止六個月"
                     "之未經審核簡明綜合業績。")
        page.text("簡明綜合全面收益表")
        page.text("截至二零一一年六月三十日止六個月")
        page.table([*HEAD, ["收益", "279,267", "149,861"], ["銷售成本", "(29,839)", "(20,887)"],
                    ["毛利", "249,428", "128,974"], ["行政開支", "(39,083)", "(6,282)"],
                    ["除所得稅費用前營業利潤", "232,418", "85,476"],
                    ["所得稅（費用）╱抵免", "(5,542)", "(195)"],
                    ["期間淨利潤", "226,876", "85,281"],
                    ["以下應佔期間淨利潤", "", ""],
                    ["本公司股東", "226,880", "85,281"], ["非控股權益", "(4)", "–"],
                    ["每股盈利（港仙）", "", ""], ["－基本", "10.18", "4.87"]], WIDTHS)

    folder = tmp_path_factory.mktemp("interim")
    make_pdf(folder / "demo-2011-interim.pdf", [statements])
    cache = Path(tempfile.gettempdir()) / "caibao-test-parse-cache"
    cache.mkdir(exist_ok=True)
    return build_knowledge(folder, cache_dir=cache)


def test_a_date_under_a_flow_statements_title_ends_its_period(interim: KnowledgeBase) -> None:
    """"二零一一年 六月三十日" under "截至二零一一年六月三十日止六個月" is the first half of
    2011, not a balance on 30 June: the growth against 2010's first half is computed."""
    facts = [f for f in interim.facts.find("毛利")]
    assert {(f.period.key, f.unit) for f in facts} == {("2011H1", "千港元"), ("2010H1", "千港元")}
    text = interim.answer("毛利按年增長咗幾多%").text
    assert "93.39%" in text and "计算" in text


def test_two_notes_after_the_unit_keep_the_unit(interim: KnowledgeBase) -> None:
    """"港幣千元 （未經審核） （經重列）": the restated column is in 千港元 too."""
    (fact,) = [f for f in interim.facts.find("营业收入") if f.period.year == 2010]
    assert fact.unit == "千港元"


def test_owners_rows_under_a_heading_are_the_attributable_profit(
        interim: KnowledgeBase) -> None:
    """"以下應佔期間淨利潤" over "本公司股東 226,880": the profit attributable to owners."""
    (fact,) = [f for f in interim.facts.find("归属于母公司股东的净利润")
               if f.period.year == 2011]
    assert fact.number == 226880
    text = interim.answer("股東應佔淨利潤比去年同期多咗幾多").text
    assert "141,599" in text and "计算" in text


def test_tax_over_profit_before_tax_spelled_the_long_way(interim: KnowledgeBase) -> None:
    """除所得稅費用前營業利潤 is the profit before tax; 所得稅（費用）╱抵免 its tax."""
    text = interim.answer("上半年實際稅率幾多").text
    assert "2.38%" in text and "计算" in text


def test_the_unit_of_earnings_per_share_heads_its_lines(interim: KnowledgeBase) -> None:
    """"每股盈利（港仙）" over "－基本 10.18": 10.18 HK cents, not a bare 10.18."""
    text = interim.answer("每股基本盈利幾多").text
    assert "10.18港仙" in text


def test_a_share_asked_again_for_another_period(interim: KnowledgeBase) -> None:
    """"2010年上半年呢" after 行政開支佔收益比例 asks the same share, not 行政開支 alone."""
    first = interim.answer("上半年行政開支佔收益比例係幾多")
    assert "13.99%" in first.text
    again = interim.answer("2010年上半年呢", first.context)
    assert "4.19%" in again.text and "计算" in again.text


def test_a_balance_sheets_years_in_the_caption_name_its_dated_columns() -> None:
    """The reader left "二零一一年 二零一零年" as the caption and ran both dates into the first
    column's name ("六月三十日十二月三十一日 港幣千元"): each column is its year's date."""
    header = ["", "附註", "六月三十日十二月三十一日 港幣千元 （未經審核）", "港幣千元 （經審核）"]
    table = Table("二零一一年二零一零年", "", header,
                  [["存貨", "", "1,770", "1,925"], ["流動資產總值", "", "1,128,024", "491,964"]])
    doc = Document("demo-2011-interim.pdf", "pdf", 1, [
        Block("paragraph", 4, "簡明綜合財務狀況表"), Block("table", 4, "", table=table)])
    facts = {(f.metric, f.period.key): f.number for f in document_facts(doc)}
    assert facts[("存货", "2011H1末")] == 1770 and facts[("存货", "2010末")] == 1925


def test_total_assets_of_a_sheet_without_a_total_line() -> None:
    """A Hong Kong balance sheet sums its current and non-current parts with no 資產總值 line:
    the total asked is computed from the two and says so."""
    folder = Path(tempfile.mkdtemp())

    def sheet(page: Page) -> None:
        page.text("示範科技控股有限公司", size=14)
        page.text("二零一一年中期報告")
        page.text("簡明綜合財務狀況表")
        page.table([["", "二零一一年六月三十日 港幣千元", "二零一零年十二月三十一日 港幣千元"],
                    ["非流動資產總值", "1,255,516", "1,270,589"],
                    ["流動資產總值", "1,128,024", "491,964"],
                    ["流動負債總值", "35,842", "55,938"],
                    ["非流動負債總值", "72,021", "201,119"]], WIDTHS)

    make_pdf(folder / "sheet-2011-interim.pdf", [sheet])
    kb = build_knowledge(folder, cache_dir=Path(tempfile.gettempdir()) / "caibao-test-parse-cache")
    text = kb.answer("6月底總資產幾多").text
    assert "2,383,540" in text and "计算" in text
    assert "107,863" in kb.answer("6月底總負債幾多").text



def test_a_flow_statements_years_in_the_caption_name_its_dated_columns() -> None:
    """"六月三十日 港幣千元" | "六月三十日 港幣千元 （經重列）" under a cash-flow statement whose
    years the reader left in the caption: 2011's and 2010's first halves (both were 2011)."""
    header = ["", "六月三十日 港幣千元 （未經審核）", "六月三十日 港幣千元 （未經審核） （經重列）"]
    rows = [["經營業務所得現金淨額", "184,013", "94,147"]]
    table = Table("二零一一年二零一零年", "", header, rows)
    doc = Document("demo-2011-interim.pdf", "pdf", 1, [
        Block("paragraph", 7, "簡明綜合現金流量表"), Block("table", 7, "", table=table)])
    assert {f.period.key: f.number for f in document_facts(doc)} == {
        "2011H1": 184013, "2010H1": 94147}


def test_dates_run_together_go_one_to_each_column() -> None:
    """"於二零一二年 六月三十日十二月三十一日 港幣千元" | "於二零一一年 港幣千元": the reader ran
    both dates into the first column; the second is 31 December 2011 (年初), not mid-2011."""
    header = ["", "附註", "於二零一二年 六月三十日十二月三十一日 （未經審核） 港幣千元",
              "於二零一一年 （經審核） 港幣千元", ""]
    table = Table("於二零一二年六月三十日", "", header,
                  [["流動負債總額", "", "212,150", "62,745", ""], ["", "", "", "", "1"]])
    doc = Document("demo-2012-interim.pdf", "pdf", 1, [
        Block("heading", 1, "示範科技控股有限公司 二零一二年中期報告", 1),
        Block("paragraph", 5, "簡明綜合財務狀況表"), Block("table", 5, "", table=table)])
    facts = {f.period.key: f.number for f in document_facts(doc) if f.metric == "流动负债总额"}
    assert facts == {"2012H1末": 212150, "2011末": 62745}


def test_a_profit_or_loss_line_and_a_loss_per_share_in_its_currency() -> None:
    """"毛利╱（虧損）", "本期間公司擁有人溢利╱（虧損）": the item before the slash (the owners'
    profit without 應佔); "－基本 8 港幣4.97仙 港幣(14.92)仙": 8 is the note, (14.92) a loss."""
    header = ["", "附註", "二零一零年 港幣千元", "二零零九年 港幣千元"]
    table = Table("截至二零一零年六月三十日止六個月", "", header, [
        ["營業額", "4", "177,201", "65,075"], ["毛利╱（虧損）", "", "159,454", "(2,468)"],
        ["本期間公司擁有人溢利╱（虧損）", "6", "59,837", "(69,229)"]])
    doc = Document("demo-2010-interim.pdf", "pdf", 1, [
        Block("paragraph", 2, "簡明綜合全面收益表"), Block("table", 2, "", table=table),
        Block("paragraph", 2, "每股盈利╱（虧損）"),
        Block("paragraph", 2, "－基本 8 港幣4.97仙 港幣(14.92)仙")])
    facts = {(f.item, f.period.year): (f.number, f.unit) for f in document_facts(doc)}
    assert facts[("毛利", 2009)] == (-2468, "千港元")
    assert facts[("归属于母公司股东的净利润", 2010)] == (59837, "千港元")
    assert facts[("基本每股收益", 2010)] == (4.97, "港仙")
    assert facts[("基本每股收益", 2009)] == (-14.92, "港仙")


def test_a_margin_before_tax(interim: KnowledgeBase) -> None:
    """除稅前利潤率: the profit before tax over the revenue, computed."""
    text = interim.answer("上半年除稅前利潤率係幾多").text
    assert "83.22%" in text and "计算" in text


def test_debt_ratio_from_net_assets_when_no_liabilities_total(tmp_path: Path) -> None:
    """A sheet with current liabilities only (no non-current ones to sum) and its 資產淨值:
    the liabilities are the assets less the net assets, 11.15% of them."""
    (tmp_path / "demo-2006-results.md").write_text(
        "# 示範藥業控股有限公司 二零零六年全年業績公佈\n\n## 綜合資產負債表\n\n"
        "| | 二零零六年 港幣千元 | 二零零五年 港幣千元 |\n|---|---|---|\n"
        "| 非流動資產總值 | 237,557 | 168,934 |\n| 流動資產總值 | 253,698 | 214,690 |\n"
        "| 流動負債總值 | (54,759) | (43,371) |\n| 資產淨值 | 436,496 | 340,253 |\n",
        encoding="utf-8")
    kb = build_knowledge(tmp_path)
    text = kb.answer("06年底資產負債率幾多").text
    assert "资产负债率（计算）：11.15%" in text


PAR = (
    "# 示範科技控股有限公司 二零一二年全年業績公告\n\n## 綜合財務狀況表\n\n"
    "| | 二零一二年 港幣千元 | 二零一一年 港幣千元 |\n|---|---|---|\n"
    "| 股本 | 282,616 | 268,087 |\n| 歸屬於本公司股東的權益 | 3,409,862 | 2,575,596 |\n\n"
    "## 17. 股本\n\n已發行及繳足：每股面值港幣0.1元之普通股。\n"
)


def test_net_assets_per_share_over_the_shares_the_par_value_counts(tmp_path: Path) -> None:
    """A Hong Kong 股本 is the shares' nominal value: at 港幣0.1元 a share, 282,616千港元 is
    2,826,160千股, and the owners' equity is 1.21港元 a share (computed, with its inputs)."""
    (tmp_path / "demo-2012-results.md").write_text(PAR, encoding="utf-8")
    text = build_knowledge(tmp_path).answer("2012年底每股資產淨值幾多").text
    assert "每股净资产（计算）：1.21港元/股" in text and "每股面值0.1港元" in text


def test_no_par_value_no_number_of_shares(tmp_path: Path) -> None:
    """Without the par value the number of shares is unknown: no per-share figure is made up
    from 股本 in 港元."""
    (tmp_path / "demo-2012-results.md").write_text(PAR.split("## 17.")[0], encoding="utf-8")
    text = build_knowledge(tmp_path).answer("2012年底每股資產淨值幾多").text
    assert "港元/股" not in text and "12.07" not in text


def test_a_figure_said_with_last_years_in_brackets() -> None:
    """"經營業務產生的現金流量淨額為港幣618,399,000元（二零一一年：港幣" / "336,238,000元）。":
    an announcement with no cash-flow statement says both years in one sentence (its figures
    set apart on a line of their own); they are facts, for an item no table states."""
    header = ["", "二零一二年 港幣千元", "二零一一年 港幣千元"]
    table = Table("綜合全面收益表", "", header, [["營業收入", "849,730", "598,172"]])
    doc = Document("demo-2012-results.pdf", "pdf", 2, [
        Block("heading", 1, "示範科技控股有限公司 二零一二年全年業績公告", 1),
        Block("paragraph", 1, "財務摘要"),
        Block("paragraph", 1, "營業收入約為港幣8.50億元（二零一一年：港幣5.98億元）。"),
        Block("paragraph", 1, "經營業務產生的現金流量淨額為港幣618,399,000元（二零一一年：港幣"),
        Block("paragraph", 1, "336,238,000元）。"),
        Block("table", 2, "", table=table)])
    facts = [(f.item, f.period.year, f.number, f.unit) for f in document_facts(doc)]
    assert ("经营活动产生的现金流量净额", 2012, 618399000, "港元") in facts
    assert ("经营活动产生的现金流量净额", 2011, 336238000, "港元") in facts
    # The table's revenue stands alone: the sentence's rounded one is not a second fact.
    assert [f for f in facts if f[0] == "营业收入" and f[1] == 2012] == [
        ("营业收入", 2012, 849730, "千港元")]


def test_a_parts_figure_said_with_last_years_is_not_the_whole() -> None:
    """"銷售應用軟件產生之收益為…（二零一一年：…）" is a product's revenue: no 营业收入 fact."""
    doc = Document("demo-2012-results.pdf", "pdf", 1, [
        Block("heading", 1, "示範科技控股有限公司 二零一二年全年業績公告", 1),
        Block("paragraph", 1, "銷售應用軟件產生之收益為港幣260,190,000元（二零一一年：港幣"
              "131,250,000元）。本集團的研發開支為港幣77,394,000元（二零一一年：港幣51,462,000元）。")])
    facts = {(f.item, f.period.year): f.number for f in document_facts(doc)}
    assert ("营业收入", 2012) not in facts and facts[("研发费用", 2012)] == 77394000
