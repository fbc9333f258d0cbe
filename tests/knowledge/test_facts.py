"""Figures as facts (issue 13): extraction from tables, question resolution, computed figures
and follow-ups, on made-up tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge import Context, KnowledgeBase, build_knowledge
from knowledge.facts import (
    Period,
    clean_label,
    document_period,
    load_items,
    parse_period,
    parse_value,
    table_facts,
)
from knowledge.figures import names_company, question_period
from knowledge.readers.model import Table

BASE = Period(2016)


# --- extraction ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("header", "key", "basis", "what"),
    [
        ("2019年", "2019", (), "level"),
        ("2019年末", "2019末", (), "level"),
        ("本报告期", "2016", (), "level"),
        ("上年同期", "2015", (), "level"),
        ("期初余额", "2015末", (), "level"),
        ("期末余额", "2016末", (), "level"),
        ("第一季度", "2016Q1", (), "level"),
        ("1-6月", "2016H1", (), "level"),
        ("2022年 调整后", "2022", ("调整后",), "level"),
        ("2022年1至3月 调整前", "2022Q1", ("调整前",), "level"),
        ("2022年12月31日", "2022末", (), "level"),
        ("本年比上年增减", "2015", (), "change"),
        ("二〇二三年", "2023", (), "level"),
    ],
)
def test_periods_from_headers(header: str, key: str, basis: tuple[str, ...], what: str) -> None:
    period, got_basis, got_what = parse_period(header, BASE)
    assert period is not None and period.key == key
    assert got_basis == basis and got_what == what


def test_a_date_column_in_a_quarterly_report() -> None:
    period, _, _ = parse_period("2023年3月31日", Period(2023, "Q1"))
    assert period == Period(2023, "Q1", True)
    # In an annual report a date column is the (fiscal) year's end: 31 March for Alco.
    period, _, _ = parse_period("2025年3月31日", Period(2025))
    assert period == Period(2025, "", True)


def test_document_period_from_titles() -> None:
    assert document_period(["张家界旅游集团股份有限公司 2016 年年度报告"]) == Period(2016)
    assert document_period(["二〇二三年第一季度报告"]) == Period(2023, "Q1")
    alco = ["截至二零二五年三月三十一日止年度", "經審核全年業績公告"]
    assert document_period(alco) == Period(2025)


@pytest.mark.parametrize(
    ("cell", "number", "unit"),
    [
        ("1,234,567,890.12", 1234567890.12, ""),
        ("-3.21%", -3.21, "%"),
        ("(1,234.56)", -1234.56, ""),
        ("（94,192）", -94192.0, ""),
        ("86.4亿元", 86.4, "亿元"),
        ("99百萬", 99.0, "百万"),
        ("下降0.93个百分点", -0.93, "个百分点"),
    ],
)
def test_values(cell: str, number: float, unit: str) -> None:
    assert parse_value(cell) == (number, unit)


def test_values_that_are_not_figures() -> None:
    for cell in ("营业收入", "2016年", "不适用", "", "4)", "(572,859"):
        assert parse_value(cell) is None  # half a bracketed figure a converter split


def test_labels_lose_units_and_noise() -> None:
    assert clean_label("营业收入（元）") == ("营业收入", "元")
    assert clean_label("基本每股收益（元/股）") == ("基本每股收益", "元/股")
    assert clean_label("加权平均净资产收益率（%，年化）") == ("加权平均净资产收益率", "%")
    assert clean_label("其中：营业收入") == ("营业收入", "")
    assert clean_label("本年度（虧損）╱溢利")[0] == "本年度溢利"
    assert clean_label("－營業額（港元）") == ("营业额", "港元")
    assert clean_label("四、利润总额（亏损总额以“－”号填列）")[0] == "利润总额"
    assert clean_label("五、净利润（净亏损以“-”号填列）")[0] == "净利润"
    assert clean_label("实收资本（或股本）")[0] == "实收资本"
    assert clean_label("本公司擁有人應佔年度溢利（虧損）")[0] == "本公司拥有人应占年度溢利"


def test_a_key_value_label_at_the_periods_end() -> None:
    table = Table("", "股", [], [["报告期末普通股股东总数", "62,201",
                                  "报告期末表决权恢复的优先股股东总数", "0"]], True)
    (fact, *_) = table_facts(table, Period(2025, "Q1"))
    assert fact.period == Period(2025, "Q1", True) and fact.value == "62,201"
    assert fact.unit == ""  # holders are counted, not 股


KEY = Table(
    caption="六、主要会计数据和财务指标",
    unit="",
    header=["", "2016年", "2015年", "本年比上年增减"],
    rows=[
        ["营业收入（元）", "592,183,264.90", "674,880,017.98", "-12.25%"],
        ["归属于上市公司股东的净利润（元）", "61,155,890.58", "114,396,010.54", "-46.54%"],
        ["加权平均净资产收益率", "9.60%", "20.86%", "-11.26%"],
    ],
)


def test_key_table_facts() -> None:
    facts = table_facts(KEY, BASE, document="r.pdf", page=6, heading="主要会计数据和财务指标",
                        key_table=True)
    by = {(f.metric, f.period.key, f.change): f for f in facts}
    revenue = by[("营业收入", "2016", False)]
    assert (revenue.value, revenue.unit, revenue.item) == ("592,183,264.90", "元", "营业收入")
    assert by[("营业收入", "2015", False)].number == 674880017.98
    change = by[("营业收入", "2016", True)]
    assert change.value == "-12.25%" and change.unit == "%"
    assert by[("归属于上市公司股东的净利润", "2016", False)].item == "归属于母公司股东的净利润"
    assert by[("加权平均净资产收益率", "2016", False)].unit == "%"
    assert all(f.page == 6 and f.key_table for f in facts)


def test_units_from_caption_header_and_label() -> None:
    table = Table("利润表", "人民币百万元", ["项目", "2023年1至3月", "比上年增减（％）"],
                  [["营业收入", "227,596", "-1.09"], ["基本每股收益（元/股）", "0.25", ""],
                   ["不良贷款率", "1.36", ""]])
    facts = {(f.metric, f.change): f for f in table_facts(table, Period(2023, "Q1"))}
    assert facts[("营业收入", False)].unit == "百万元"
    assert facts[("营业收入", False)].scale == 1e6
    assert facts[("营业收入", True)].unit == "%"
    assert facts[("基本每股收益", False)].unit == "元/股"
    assert facts[("不良贷款率", False)].unit == ""  # a rate never gets the money unit


def test_bases_and_parent_statements() -> None:
    table = Table("", "百万元", ["项目", "2022年1至3月 调整前", "2022年1至3月 调整后"],
                  [["营业收入", "249,467", "230,106"]])
    facts = table_facts(table, Period(2023, "Q1"), parent=True)
    assert [f.basis for f in facts] == [("调整前", "母公司"), ("调整后", "母公司")]


def test_key_value_table_takes_the_document_period() -> None:
    table = Table("分红", "", [], [["每10股派息数（元）（含税）", "0.84"]], key_value=True)
    (fact,) = table_facts(table, BASE)
    assert fact.period == BASE and fact.value == "0.84"


def test_merged_row_is_split_back() -> None:
    table = Table("", "", ["", "截至12月31日止十二個月", "截至12月31日止十二個月", "變化"],
                  [["", "2012", "2011", ""],
                   ["綜合營業額(千港元)毛利(千港元)", "849,730 716,955", "598,172 536,483",
                    "+42.1% +33.6%"]])
    facts = {(f.metric, f.period.key, f.change): f for f in table_facts(table, Period(2012))}
    assert facts[("综合营业额", "2012", False)].value == "849,730"
    assert facts[("毛利", "2011", False)].value == "536,483"
    assert facts[("综合营业额", "2012", True)].value == "+42.1%"
    assert facts[("综合营业额", "2012", False)].unit == "千港元"


def test_items_keep_different_items_apart() -> None:
    items = load_items()
    assert items.of_label("营业总收入") != items.of_label("营业收入")
    assert items.of_label("研发投入") != items.of_label("研发费用")
    assert len({items.of_label(x) for x in ("净利润", "归母净利润", "扣非净利润")}) == 3
    assert items.of_label("營業額".replace("營業額", "营业额")) == "营业收入"
    assert len(items.kinds) >= 100


def test_question_periods() -> None:
    assert question_period("2015年营收", BASE) == Period(2015)
    assert question_period("16年营收", BASE) == Period(2016)
    assert question_period("上年同期营收", Period(2023, "Q1")) == Period(2022, "Q1")
    assert question_period("上年末总资产", BASE) == Period(2015, "", True)
    assert question_period("一季度营收", BASE) == Period(2016, "Q1")
    assert question_period("3月末总资产", Period(2023, "Q1")) == Period(2023, "Q1", True)
    assert question_period("营收多少", BASE) is None


def test_company_abbreviations() -> None:
    text = "中国工商银行股份有限公司 证券简称:工商银行"
    names = ["工商银行", "中国工商银行", "工商银行"]
    assert names_company("工行", text, names)
    assert names_company("工商银行", text, names)
    assert not names_company("招行", text, names)
    assert not names_company("平安银行", text, names)


# --- answering from made-up tables --------------------------------------------------------
REPORT = """# 青松旅游股份有限公司 2016年年度报告

## 主要会计数据和财务指标

| 项目 | 2016年 | 2015年 | 本年比上年增减 |
|---|---|---|---|
| 营业收入（元） | 1,234,567,890.12 | 1,000,000,000.00 | 23.46% |
| 归属于上市公司股东的净利润（元） | 120,000,000.00 | 100,000,000.00 | 20.00% |
| 总资产（元） | 5,000,000,000.00 | 4,000,000,000.00 | 25.00% |

## 合并利润表

单位：元

| 项目 | 本期发生额 | 上期发生额 |
|---|---|---|
| 营业收入 | 1,234,567,890.12 | 1,000,000,000.00 |
| 营业成本 | 755,925,000.00 | 600,000,000.00 |
| 管理费用 | 98,765,432.10 | 90,000,000.00 |
| 净利润 | 130,000,000.00 | 105,000,000.00 |

## 合并资产负债表

单位：元

| 项目 | 期末余额 | 期初余额 |
|---|---|---|
| 资产总计 | 5,000,000,000.00 | 4,000,000,000.00 |
| 负债合计 | 3,000,000,000.00 | 2,000,000,000.00 |

## 经营情况

公司全年接待游客1,200万人次，同比增长8%。

## 分地区营业收入

单位：元

| 地区 | 2016年 | 2015年 |
|---|---|---|
| 华东 | 300,000,000.00 | 280,000,000.00 |
| 华南 | 934,567,890.12 | 720,000,000.00 |
"""


@pytest.fixture(scope="module")
def qs(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("qingsong")
    (folder / "qingsong-2016.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


def ask(kb: KnowledgeBase, *questions: str) -> list[str]:
    context: Context | None = None
    replies = []
    for q in questions:
        answer = kb.answer(q, context)
        context = Context.from_dict(json.loads(json.dumps(answer.context.to_dict())))
        replies.append(answer.text)
    return replies


def test_markdown_tables_become_facts(qs: KnowledgeBase) -> None:
    revenue = qs.facts.find("营业收入", Period(2016))
    assert revenue and revenue[0].key_table and revenue[0].value == "1,234,567,890.12"
    assert revenue[0].company and "青松" in revenue[0].company
    assert qs.facts.periods["qingsong-2016.md"] == Period(2016)


def test_level_answer_with_conversion_period_and_source(qs: KnowledgeBase) -> None:
    (reply,) = ask(qs, "青松旅游营业收入是多少")
    assert "2016年营业收入为1,234,567,890.12元（约12.35亿元）" in reply
    assert "（来源：qingsong-2016.md · 主要会计数据和财务指标）" in reply


def test_asked_year_picks_the_column(qs: KnowledgeBase) -> None:
    (reply,) = ask(qs, "2015年营收多少")
    assert "2015年" in reply and "1,000,000,000.00元" in reply and "1,234,567,890" not in reply


def test_headline_net_profit_names_the_other_basis(qs: KnowledgeBase) -> None:
    (reply,) = ask(qs, "净利润多少")
    assert reply.index("120,000,000.00") < reply.index("130,000,000.00")
    assert "归属于上市公司股东的净利润" in reply


def test_stated_change_and_computed_ratios(qs: KnowledgeBase) -> None:
    growth, cost_rate, gross, debt = ask(qs, "营业收入同比增长多少", "营业成本率", "毛利率",
                                         "资产负债率")
    assert "23.46%" in growth
    assert "营业成本率（计算）：61.23% = 营业成本755,925,000.00元 ÷ 营业收入1,234,567,890.12元" \
        in cost_rate
    assert "毛利率（计算）：38.77%" in gross
    assert "资产负债率（计算）：60.00% = 负债合计3,000,000,000.00元 ÷ 总资产5,000,000,000.00元" \
        in debt
    assert "（来源：qingsong-2016.md 合并资产负债表；主要会计数据和财务指标）" in debt


def test_computed_growth_and_difference(qs: KnowledgeBase) -> None:
    growth, diff = ask(qs, "管理费用同比增长多少", "营业成本比去年多了多少")
    assert "（计算）：9.74%" in growth and "98,765,432.10元" in growth
    assert "增加（计算）：155,925,000.00元" in diff


def test_follow_ups_on_facts(qs: KnowledgeBase) -> None:
    first, growth, prior, ratio, other = ask(qs, "营业收入多少", "同比呢", "那2015年呢",
                                             "毛利率呢", "那净利润呢")
    assert "1,234,567,890.12" in first
    assert "23.46%" in growth
    assert "2015年" in prior and "1,000,000,000.00" in prior
    assert "毛利率（计算）" in ratio and "2015年" in ratio  # the period asked last
    assert "100,000,000.00" in other  # 2015 net profit (headline basis)


def test_not_a_fact_question_falls_back_to_passages(qs: KnowledgeBase) -> None:
    (reply,) = ask(qs, "全年接待游客多少人次")
    assert "1,200万人次" in reply


def test_unknown_period_is_not_answered_from_another(qs: KnowledgeBase) -> None:
    (reply,) = ask(qs, "2013年营业收入")
    assert "1,234,567,890.12" not in reply and "1,000,000,000.00" not in reply


def test_ask_json_shows_facts_and_computation(qs: KnowledgeBase) -> None:
    data = qs.answer("毛利率").to_dict()
    assert data["computation"] and "755,925,000.00" in data["computation"]
    assert {f["metric"] for f in data["facts"]} == {"营业收入", "营业成本"}


def test_figure_questions_out_of_scope_are_refused(qs: KnowledgeBase) -> None:
    other, year = ask(qs, "平安银行的营业收入", "2009年营业收入多少")
    assert "没有找到" in other and "平安银行" in other
    assert "没有找到" in year and "2009年" in year


def test_a_row_of_a_breakdown(qs: KnowledgeBase) -> None:
    (reply,) = ask(qs, "华东地区营业收入多少")
    assert "2016年华东营业收入为300,000,000.00元（约3.00亿元）" in reply
    assert "分地区营业收入" in reply


def test_header_continuation_rows_and_figures_spilled_into_the_label() -> None:
    table = Table("", "", ["", "2021年", "2020年", "上年同期", "2019年"],
                  [["经营业绩（人民币百万元）", "", "", "增减(%)", ""],
                   ["营业收入", "168,804", "184,951", "-8.73", "180,441"],
                   ["经营活动产生的现金流量净额 155,417 -82,402 上年同期为负", "", "", "",
                    "-84,927"]])
    facts = {(f.metric, f.period.key, f.change): f for f in table_facts(table, Period(2021))}
    assert facts[("营业收入", "2021", True)].value == "-8.73"
    assert ("营业收入", "2020", True) not in facts
    assert facts[("营业收入", "2020", False)].unit == "百万元"
    assert facts[("经营活动产生的现金流量净额", "2021", False)].value == "155,417"
    assert facts[("经营活动产生的现金流量净额", "2019", False)].value == "-84,927"
    quarters = Table("", "", ["", "2021年", "2021年"],
                     [["分季度经营业绩（人民币百万元）", "第一季度", "第二季度"],
                      ["营业收入", "43,072", "44,703"]])
    keys = {f.period.key for f in table_facts(quarters, Period(2021))}
    assert keys == {"2021Q1", "2021Q2"}


def test_cantonese_question_words_read_as_mandarin() -> None:
    from knowledge.cleaning import clean
    from knowledge.lexicon import load_lexicon

    lex = load_lexicon(None)
    assert clean("安芯營業額幾多", lex) == "安芯营业额多少"
    assert clean("點解虧損", lex) == "为什么亏损"
    assert "关系" in clean("兩者關係", lex)  # 系 is left alone


def test_the_title_dropped_as_a_running_header_still_names_the_period() -> None:
    from knowledge.facts import reader_period
    from knowledge.identity import read_identity
    from knowledge.readers.model import Block, Document

    cover = Block("paragraph", 1, "证券代码：600080 证券简称：青柏股份")
    doc = Document("q3.md", "md", 13, [cover],
                   dropped=["页眉/页脚「2023年第三季度报告」（13页）"])
    assert reader_period(doc) == Period(2023, "Q3")
    identity = read_identity("证券代码：600080 证券简称：青柏股份\n",
                             running=["2023年第三季度报告"])
    assert (identity.kind, identity.year) == ("q3", 2023)


def test_a_label_wrapped_below_its_figures_is_joined_back() -> None:
    # A converter's pipe table: the label's first line beside the figures, the rest on rows
    # of their own; a group heading after a row stays a row (it names no item with it).
    table = Table("近三年主要会计数据", "元", ["", "2024年", "2023年"], [
        ["营业收入", "27,616,611,772.61", "24,738,963,319.76"],
        ["归属于上市", "3,117,867,348.32", "2,710,984,203.99"],
        ["公司股东的", "", ""], ["扣除非经常", "", ""], ["性损益的净", "", ""], ["利润", "", ""],
        ["总资产", "40,081,972,320.77", "40,148,455,933.08"],
        ["流动资产：", "", ""],
    ])
    facts = {(f.item, f.period.key): f.value for f in table_facts(table, Period(2024))}
    assert facts[("扣除非经常性损益后的净利润", "2024")] == "3,117,867,348.32"
    assert ("资产总计", "2024末") in facts


def test_a_line_of_figures_ending_in_a_slash_is_read_in_one_pass() -> None:
    # A converted table's line "合计 / 637,599,993.94 … /": the row pattern once retried every
    # split of every figure before giving up (minutes for this line); now it gives up at once.
    from knowledge.facts import _ROW_RE

    line = "合计 / " + " ".join(["637,599,993.94"] * 12) + " / / 128,941,581.29 /"
    assert _ROW_RE.findall(line) == []
    assert _ROW_RE.findall("营业收入 1,000.00 2,000.00 毛利 300 400") == [
        ("营业收入", "1,000.00 2,000.00"), ("毛利", "300 400")]
