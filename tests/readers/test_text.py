"""Reports converted to text (pdftotext -layout, PDF-to-Markdown tools) read like the PDF.

The snippets quote the shapes of real reports' layout text (zhangjiajie 2016, ICBC 2023 Q1,
Alco FY2025) a few lines at a time; the last tests convert a real cut PDF at test time.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from knowledge import build_knowledge
from knowledge.build import parsed_by_reader
from knowledge.facts import document_facts
from knowledge.readers.text import laid_out, read_text
from tests.readers.conftest import REAL
from tests.readers.test_pdf_real import row, table_with

ROOT = Path(__file__).resolve().parents[2]

# zhangjiajie 2016, p.6 as pdftotext -layout writes it: a running header and a page number on
# every page (form feeds between pages), labels wrapped around their figures.
ZHANGJIAJIE = """\
                                   张家界旅游集团股份有限公司 2016 年年度报告全文
公司简介正文一行。
{filler}
                                                5
\f                                   张家界旅游集团股份有限公司 2016 年年度报告全文


六、主要会计数据和财务指标

公司是否因会计政策变更及会计差错更正等追溯调整或重述以前年度会计数据
□ 是 √ 否

                    2016 年           2015 年           本年比上年增减       2014 年

营业收入（元）             592,183,264.90   674,880,017.98       -12.25%   484,009,427.87

归属于上市公司股东的净利润
                     61,155,890.58   114,396,010.54       -46.54%    60,509,581.78
（元）

归属于上市公司股东的扣除非经
                     61,516,622.87   112,621,938.51       -45.38%    62,492,475.88
常性损益的净利润（元）

基本每股收益（元/股）                   0.19             0.36       -47.22%             0.19

                                                6
\f                                   张家界旅游集团股份有限公司 2016 年年度报告全文

七、其他
其他说明正文。
{filler}
                                                7
""".format(filler="公司简介的又一行正文。\n\n" * 8)

# ICBC 2023 Q1, p.1: column names stacked over four lines, labels wrapped onto an indented
# line that carries the figures.
ICBC = """\
   （一）主要会计数据和财务指标
                                     单位：除特别注明外，为人民币百万元
                                                       比上年增减
                2023 年          2022 年 1 至 3 月
项目                                                      （％）
                1至3月
                              调整前           调整后         调整后
营业收入               227,596      249,467        230,106     (1.09)
归属于母公司股东的
 净利润                90,164          90,633      90,145       0.02
扣除非经常性损益后
 归 属于母 公司股 东
 的净利润               89,266          89,377      88,889       0.42
经营活动产生的现金
 流量净额             1,105,614       1,207,219   1,207,219     (8.42)
"""

# Alco FY2025 results: Hong Kong spaced traditional text, 附註 and 千港元 under the years,
# group names over indented items.
ALCO = """\
綜合損益表
截至二零二五年三月三十一日止年度

                                               二零二五年           二零二四年
                                        附註       千港元             千港元

持續經營業務
營業額                                      3           99,313      148,422
銷貨成本                                     5          (94,192)    (139,558)


毛利                                                    5,121        8,864
其 他 收 入、收 益 及 虧 損                        4            2,483       65,007
非流動資產
  物業、廠房及設備                                           37,486       39,356
"""


def test_layout_text_key_figures_table_with_pages_and_furniture() -> None:
    doc = read_text("zhangjiajie.txt", ZHANGJIAJIE)
    assert doc.format == "txt" and doc.pages == 3
    page, table = table_with(doc, "营业收入（元）")
    assert page == 2
    assert table.header == ["", "2016年", "2015年", "本年比上年增减", "2014年"]
    assert row(table, "营业收入（元）")[1:] == [
        "592,183,264.90", "674,880,017.98", "-12.25%", "484,009,427.87"]
    # The label's start above its figures and its unit below: one row.
    assert row(table, "归属于上市公司股东的净利润（元）")[1] == "61,155,890.58"
    assert row(table, "归属于上市公司股东的扣除非经常性损益的净利润（元）")[2] == "112,621,938.51"
    text = " ".join(b.text for b in doc.blocks)
    assert "年度报告全文" not in text  # the running header is dropped, as from the PDF
    assert any("张家界旅游集团股份有限公司 2016年年度报告全文" in d for d in doc.dropped)
    assert any(d.startswith("页码") for d in doc.dropped)
    headings = [(b.page, b.text) for b in doc.blocks if b.kind == "heading"]
    assert (2, "六、主要会计数据和财务指标") in headings


def test_layout_text_facts_as_from_the_pdf() -> None:
    facts = document_facts(read_text("zhangjiajie.txt", ZHANGJIAJIE))
    revenue = {(f.period.year, f.value, f.unit) for f in facts if f.metric == "营业收入"}
    assert (2016, "592,183,264.90", "元") in revenue
    assert (2015, "674,880,017.98", "元") in revenue
    eps = [f for f in facts if f.metric == "基本每股收益" and f.period.year == 2016]
    assert eps and eps[0].value == "0.19" and eps[0].page == 2


def test_stacked_column_names_and_indented_wrapped_labels() -> None:
    doc = read_text("icbc.txt", ICBC)
    _, table = table_with(doc, "营业收入")
    assert table.unit == "人民币百万元"
    assert table.header[1] == "2023年 1至3月"
    assert table.header[2:4] == ["2022年1至3月调整前", "2022年1至3月调整后"]
    assert table.header[4].startswith("比上年增减")
    assert row(table, "营业收入")[1:] == ["227,596", "249,467", "230,106", "-1.09"]
    assert row(table, "扣除非经常性损益后归属于母公司股东的净利润")[1] == "89,266"
    assert row(table, "经营活动产生的现金流量净额")[1] == "1,105,614"
    assert row(table, "归属于母公司股东的净利润")[1] == "90,164"


SUMMARY = """\
                                 华润药业股份有限公司 2024 年年度报告摘要

（1）近三年主要会计数据和财务指标

公司是否需追溯调整或重述以前年度会计数据

                                                                                 元

                                                        本年比上
              2024 年                 2023 年           年增减

营业收入     27,616,611,772.61    24,738,963,319.76    11.63%

归属于上市
公司股东的     3,367,888,968.20     2,852,931,664.85    18.05%
净利润

归属于上市
公司股东的
扣除非经常     3,117,867,348.32     2,710,984,203.99    15.01%
性损益的净
利润

2024 年 8 月 5 日，公司披露拟收购天士力医药集团股份有限公司28%股份。
\f"""


def test_labels_wrapped_around_their_figures() -> None:
    doc = read_text("summary.txt", SUMMARY)
    _, table = table_with(doc, "营业收入")
    assert row(table, "归属于上市公司股东的净利润")[1] == "3,367,888,968.20"
    assert row(table, "归属于上市公司股东的扣除非经常性损益的净利润")[3] == "15.01%"
    assert any("2024年8月5日" in b.text for b in doc.blocks)  # a converter's spaced date


def test_hong_kong_statement_units_under_years_and_spaced_text() -> None:
    doc = read_text("alco.txt", ALCO)
    _, table = table_with(doc, "營業額")
    assert table.unit == "千港元"
    assert table.header[-2:] == ["二零二五年 千港元", "二零二四年 千港元"]
    assert row(table, "營業額")[-2:] == ["99,313", "148,422"]
    assert row(table, "銷貨成本")[-2:] == ["-94,192", "-139,558"]
    assert row(table, "其他收入、收益及虧損")[-2:] == ["2,483", "65,007"]
    # An item indented under its group keeps its own name.
    assert row(table, "物業、廠房及設備")[-2:] == ["37,486", "39,356"]


def test_statement_continued_over_rows_without_figures_and_a_page() -> None:
    text = (
        "合并利润表\n\n"
        "项目                      本期发生额              上期发生额\n"
        "一、营业总收入           592,183,264.90         674,880,017.98\n"
        "     其中：营业收入       592,183,264.90         674,880,017.98\n"
        "        利息收入\n\n        已赚保费\n\n        手续费及佣金收入\n\n"
        "二、营业总成本           499,114,507.94         518,424,595.32\n"
        "\f     其中：营业成本       358,368,251.69         383,016,787.95\n"
        "        税金及附加        13,218,490.23          27,803,548.79\n"
        "        销售费用          34,217,537.88          31,372,869.76\n"
    )
    doc = read_text("statement.txt", text)
    tables = doc.tables
    assert len(tables) == 1
    assert tables[0].header == ["项目", "本期发生额", "上期发生额"]
    labels = [r[0] for r in tables[0].rows]
    assert labels[-1] == "销售费用" and "已赚保费" in labels


def test_markdown_without_form_feeds_is_paged_at_its_running_header() -> None:
    page = ("星河科技股份有限公司2023年年度报告\n{body}\n"
            "| 项目 | 2023年 | 2022年 |\n|---|---|---|\n| 营业收入（元） | {a} | 1,000.00 |\n"
            "{n}\n\n")
    bodies = ["公司主营业务稳步发展。", "研发投入持续增加。", "销售渠道不断拓展。",
              "现金流量保持稳健。", "风险管理有序推进。", "股东回报稳定提升。"]
    raw = "".join(page.format(n=n, a=f"{n},000.00", body=b) for n, b in enumerate(bodies, 1))
    assert laid_out(raw)
    doc = read_text("star.md", raw, "md")
    assert doc.format == "md" and doc.pages == 6
    page_of, table = table_with(doc, "营业收入（元）")
    assert page_of == 1 and table.header == ["项目", "2023年", "2022年"]
    assert all("年度报告" not in b.text for b in doc.blocks if b.kind != "table")


def test_hand_made_markdown_keeps_the_markdown_reading() -> None:
    for path in (ROOT / "knowledge" / "reports").glob("*.md"):
        assert not laid_out(path.read_text("utf-8")), path.name
        assert not parsed_by_reader(path)


def pdftotext_layout(pdf: Path, out: Path) -> None:
    # poppler-utils is a test dependency (dev.py installs it): missing, this fails.
    assert shutil.which("pdftotext"), "pdftotext (Debian poppler-utils) is not installed"
    subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), str(out)], check=True)


def test_real_report_converted_by_pdftotext_answers_key_figures(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    pdftotext_layout(REAL / "icbc-p1-2.pdf", folder / "icbc-2023q1.txt")
    kb = build_knowledge(folder)
    assert kb.warnings == []
    reply = kb.answer("2023年1至3月归属于母公司股东的净利润是多少").text
    assert "90,164百万元" in reply
    assert reply.endswith("（来源：icbc-2023q1.txt 第1页 · 主要会计数据和财务指标）")
    assert "227,596" in kb.answer("工商银行一季度营业收入多少").text
    assert "0.25" in kb.answer("工商银行一季度基本每股收益是多少").text


def test_real_hong_kong_results_converted_by_pdftotext(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    pdftotext_layout(REAL / "alco-p1-4.pdf", folder / "alco.txt")
    kb = build_knowledge(folder)
    assert "99,313" in kb.answer("營業額是多少").text


def test_unmarked_headings_in_a_row_and_a_sidebars_letters() -> None:
    # A naive converter's Markdown of a HK results announcement: no '#' marks, two headings
    # over the first paragraph, and the letters of a vertical sidebar title ("Chairman's
    # Statement") at the lines' ends and starts.
    raw = "\n".join([
        "二零零七年十二月三十一日止年度之業績報告。",
        "業務回顧",
        "業績",
        "E 本集團於二零零七年分別在保健藥品及注射液產品上推出各款新產品，使銷售及盈利上",
        "o 均獲得理想增長。本集團會持續推出各項新產品，使集團業績步步上升之餘，亦提升中t",
        "C",
        "國人民的健康質素。",
        "A 股股东大会",
    ])
    doc = read_text("r.md", raw, "md")
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert any(h.startswith("業務回顧") for h in headings)  # a heading, not prose
    text = " ".join(b.text for b in doc.blocks)
    assert "使銷售及盈利上均獲得理想增長" in text and "亦提升中國人民的健康質素" in text
    assert "A 股股东大会" in text or "A股股东大会" in text


# jinhua 2022 annual, p.6 as pdftotext -layout writes it: a change column set one space from the
# next year's figures, "不适用" and "增加3.08个百分点" among the figures, column names stacked
# over three lines, labels wrapped around their figures, figures a little off their column.
JINHUA_KEY_FIGURES = """\
七、 近三年主要会计数据和财务指标
(一) 主要会计数据
                                                                单位：元 币种：人民币
                                                           本期比上年同期
  主要会计数据          2022年                   2021年                           2020年
                                                             增减(%)
营业收入           579,374,501.21       534,036,500.95                 8.49 668,180,334.76
归属于上市公司股东
                33,459,505.16       -18,160,452.12                不适用            37,738,016.78
的净利润
经营活动产生的现金
                52,578,993.55           30,594,673.93                71.86       46,558,370.18
流量净额

(二) 主要财务指标
    主要财务指标                   2022年      2021年   本期比上年同期增减(%)      2020年
基本每股收益（元／股）                 0.0896    -0.0487            不适用     0.1059
加权平均净资产收益率（%）                 2.00      -1.08     增加3.08个百分点       2.20
"""


def test_key_figures_with_tight_columns_nil_cells_and_stacked_names() -> None:
    doc = read_text("jinhua.txt", JINHUA_KEY_FIGURES)
    _, table = table_with(doc, "营业收入")
    assert table.header == ["主要会计数据", "2022年", "2021年", "本期比上年同期增减(%)", "2020年"]
    assert row(table, "营业收入")[1:] == [
        "579,374,501.21", "534,036,500.95", "8.49", "668,180,334.76"]
    assert row(table, "归属于上市公司股东的净利润")[4] == "37,738,016.78"
    assert row(table, "经营活动产生的现金流量净额")[3] == "71.86"
    _, ratios = table_with(doc, "基本每股收益（元／股）")
    assert row(ratios, "加权平均净资产收益率（%）")[3:] == ["增加3.08个百分点", "2.20"]


# jinhua 2023 H1, pp.33-34: the balance sheet's dates set left of their figures, a block's
# name (流动资产：) between them and the first row, note references beside the labels, and
# runs of rows without figures splitting the statement into pieces.
JINHUA_BALANCE_SHEET = """\
                         合并资产负债表
                  2023 年 6 月 30 日
编制单位： 金花企业（集团）股份有限公司
                                                        单位：元 币种：人民币
       项目           附注          2023 年 6 月 30 日           2022 年 12 月 31 日
流动资产：
 货币资金             七、1                  475,452,872.30          434,494,622.22
 结算备付金
 存货               七、9                   25,623,212.76           25,150,619.56
 合同资产
  流动资产合计                               747,342,297.64          948,605,397.59
非流动资产：
 发放贷款和垫款
 债权投资
 其他债权投资
 长期股权投资           七、17                 495,192,417.59          319,801,943.72
 其他权益工具投资         七、18                  27,728,500.00           27,728,500.00
 投资性房地产           七、20                   1,364,187.99            1,407,663.93
\f   负债合计                                252,389,641.82           290,653,248.41
所有者权益（或股东权益）：
 实收资本（或股本）        七、53                 373,270,285.00          373,270,285.00
 资本公积             七、55                 821,345,676.32          821,345,676.32
"""


def test_balance_sheet_dates_left_of_figures_and_pieces_of_one_statement() -> None:
    doc = read_text("balance.txt", JINHUA_BALANCE_SHEET)
    tables = [t for t in doc.tables if t.rows]
    assert all(t.header[1:] == ["2023年6月30日", "2022年12月31日"] for t in tables)
    assert all(t.caption == "合并资产负债表" and t.unit == "元" for t in tables)
    labels = [r[0] for t in tables for r in t.rows]
    assert "长期股权投资七、17" in labels and "资本公积七、55" in labels
    facts = document_facts(doc)
    stock = [f for f in facts if f.item == "存货"]
    assert {f.value for f in stock} == {"25,623,212.76", "25,150,619.56"}
    assert all(f.unit == "元" for f in facts if f.item in ("长期股权投资", "实收资本"))


def test_statement_goes_on_over_long_runs_of_empty_items_and_pages() -> None:
    # zhangjiajie 2016 pp.71-72 as pdftotext -layout writes them: blank lines between rows,
    # runs of a dozen items without figures, a page ending on items, a row the page breaks
    # after its first line (一、营业总收入 alone under its header).
    empty = "\n\n".join(f"  {name}" for name in (
        "结算备付金", "拆出资金", "衍生金融资产", "应收票据", "应收保费", "应收分保账款",
        "应收分保合同准备金", "应收利息", "应收股利", "买入返售金融资产"))
    raw = (
        "1、合并资产负债表\n\n                                              单位：元\n\n"
        "          项目           期末余额                          期初余额\n\n"
        "流动资产：\n\n"
        "  货币资金                           119,653,068.38             113,584,786.87\n\n"
        f"{empty}\n\n"
        "  应收账款                             3,612,481.74               4,498,506.32\n\n"
        "  预付款项                             6,402,639.19               4,003,994.57\n\n"
        "  其他权益工具\n\n   其中：优先股\n"
        "\f  永续债\n\n"
        "  资本公积                          97,142,337.70            97,142,310.30\n\n"
        "  盈余公积                          28,768,341.88            25,028,181.40\n\n"
        "  未分配利润                       219,923,174.44           162,507,444.34\n\n"
        "3、合并利润表\n\n                                              单位：元\n\n"
        "          项目           本期发生额                        上期发生额\n\n"
        "一、营业总收入                       592,183,264.90             674,880,017.98\n"
        "\f其中：营业收入                       592,183,264.90             674,880,017.98\n\n"
        "  营业成本                           358,368,251.69             383,016,787.95\n\n"
        "  销售费用                            34,217,537.88              31,372,869.76\n"
    )
    doc = read_text("zjj.txt", raw)
    tables = [t for t in doc.tables if t.rows]
    assert [t.caption for t in tables] == ["1、合并资产负债表", "3、合并利润表"]
    balance, income = tables
    assert balance.unit == income.unit == "元"
    assert row(balance, "应收账款")[1:] == ["3,612,481.74", "4,498,506.32"]
    assert row(balance, "资本公积")[1:] == ["97,142,337.70", "97,142,310.30"]
    assert row(income, "营业成本")[1:] == ["358,368,251.69", "383,016,787.95"]
    # The items without figures stay the statement's rows.
    assert row(balance, "应收分保合同准备金")[1:] == ["", ""]


def test_a_row_opening_the_page_and_a_double_dash_nil() -> None:
    # zhangjiajie 2016 pp.6-7: the key figures' last row alone at the top of the next page;
    # p.7: 合计 of 非经常性损益 with "--" in its 说明 column.
    raw = (
        "六、主要会计数据和财务指标\n\n"
        "                    2016 年           2015 年           本年比上年增减"
        "       2014 年\n\n"
        "营业收入（元）             592,183,264.90   674,880,017.98       -12.25%"
        "   484,009,427.87\n\n"
        "基本每股收益（元/股）                   0.19             0.36       -47.22%"
        "             0.19\n"
        "\f加权平均净资产收益率                  9.60%                 20.86%             -11.26%"
        "           13.05%\n\n"
        "九、非经常性损益项目及金额\n\n                                    单位：元\n\n"
        "             项目         2016 年金额             2015 年金额          2014 年金额\n\n"
        "减：所得税影响额                 43,134.48      159,459.93     -237,681.14\n\n"
        "少数股东权益影响额（税后）        -9,016.06       -7,287.53      19,582.92\n\n"
        "合计                     -360,732.29    1,774,072.03    -1,982,894.10   --\n"
    )
    doc = read_text("zjj.txt", raw)
    _, key = table_with(doc, "营业收入（元）")
    assert row(key, "加权平均净资产收益率")[1:] == ["9.60%", "20.86%", "-11.26%", "13.05%"]
    _, nonrecurring = table_with(doc, "减：所得税影响额")
    assert row(nonrecurring, "合计")[1] == "-360,732.29"


def test_two_counts_on_one_line_each_with_its_label() -> None:
    # crsanjiu 2025 Q1 p.5: the second label wrapped above and below the counts' line;
    # crsanjiu 2023 Q3 p.5: on the line, one space after the first count.
    wrapped = (
        "                                 报告期末表决权恢复的优先股股东总数（如\n"
        "报告期末普通股股东总数                  62,201                                      0\n"
        "                                 有）\n"
        "                      前 10 名股东持股情况（不含通过转融通出借股份）\n\f"
    )
    inline = (
        "                                                          单位：股\n"
        "报告期末普通股股东总数          36,401 报告期末表决权恢复的优先股股东总数（如有）"
        "        0\n"
        "                          前 10 名股东持股情况\n\f"
    )
    for raw, count in ((wrapped, "62,201"), (inline, "36,401")):
        text = "\n".join(b.text for b in read_text("q.txt", raw).blocks if b.text)
        assert f"报告期末普通股股东总数 {count}\n" in text + "\n"
        assert "报告期末表决权恢复的优先股股东总数（如有） 0" in text


def test_quarter_names_set_tight_a_block_name_under_the_header_and_names_at_a_page_foot(
) -> None:
    # jinhua 2022 p.7, p.146 and pp.12-13 as pdftotext -layout gives them.
    raw = (
        "九、 2022 年分季度主要财务数据\n"
        "                                                   单位：元 币种：人民币\n"
        "                      第一季度                第二季度                 第三季度"
        "           第四季度\n"
        "                     （1-3 月份）            （4-6 月份）            （7-9 月份） "
        "（10-12 月份）\n"
        "营业收入                 119,199,841.13      139,519,491.64      164,431,041.62 "
        "156,224,126.82\n\f"
        "(1).现金流量表补充资料\n"
        "                                              单位：元 币种：人民币\n"
        "          补充资料                           本期金额      上期金额\n"
        "1．将净利润调节为经营活动现金流量：\n"
        "净利润                                        33,459,505.16   -18,160,452.12\n"
        "信用减值损失                                      9,175,036.76    -1,734,225.15\n\f"
        "1. 利润表及现金流量表相关科目变动分析表\n"
        "                                        单位：元 币种：人民币\n"
        "       科目             本期数          上年同期数    变动比例（%）\n\f"
        "营业收入              579,374,501.21  534,036,500.95   8.49\n"
        "营业成本              137,969,958.95  134,195,103.30   2.81\n"
        "销售费用              346,559,179.93  315,056,505.52  10.00\n\f"
    )
    doc = read_text("jh.txt", raw)
    _, quarters = table_with(doc, "营业收入")
    assert quarters.header[3:] == ["第三季度（7-9月份）", "第四季度（10-12月份）"]
    _, supplement = table_with(doc, "净利润")
    assert supplement.header[1:] == ["本期金额", "上期金额"]
    _, changes = table_with(doc, "营业成本")
    assert changes.unit == "元" and changes.header[1:3] == ["本期数", "上年同期数"]


def test_a_total_ending_pages_is_no_running_footer() -> None:
    page = "正文第{0}页的说明文字，写满一行。\n\n项目          金额\n应收账款        12.00\n" \
           "合计        1,234,567.89\n"
    doc = read_text("t.txt", "\f".join(page.format(n) for n in range(1, 4)) + "\f")
    assert not any("合计" in d for d in doc.dropped)


def test_an_item_ending_in_its_unit_is_no_heading_and_a_statement_title_is() -> None:
    raw = (
        "七、每股收益：\n  （一）基本每股收益(元/股)                    0.09    -0.05\n"
        "  （二）稀释每股收益(元/股)\n\n"
        "                   合并现金流量表\n"
        "                                               单位：元 币种：人民币\n"
        "      项目                          2022年度          2021年度\n"
        "销售商品、提供劳务收到的现金                     598,629,497.07     582,362,685.77\n"
        "收到的税费返还                                 1,000.00           2,000.00\n\f"
    )
    doc = read_text("cf.txt", raw)
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert "（二）稀释每股收益(元/股)" not in headings and "合并现金流量表" in headings


def test_a_small_number_set_apart_inside_chinese_words() -> None:
    raw = "每 10 股派息数（元）（含税）                    0.84\n前 10 名股东持股情况\n\f"
    text = "\n".join(b.text for b in read_text("d.txt", raw).blocks if b.text)
    assert "前10名股东持股情况" in text
