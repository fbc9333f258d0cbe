"""Figure questions asked the way followers type them, on a made-up half-year report in the
layout of an A-share one: a homophone typo (研法费用), 余额 after a balance, a row of a note's
table asked under its item (销售费用里面市场推广服务费), a share asked as a follow-up (占…比例),
the template's "实收资本（或股本）" as 股本, and a label over its period's end."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from tests.knowledge.test_followup import ask_chain

REPORT = """# 青柏制药股份有限公司 2023年半年度报告

## 第二节 公司简介和主要财务指标

### 七、公司主要会计数据和财务指标

单位：元 币种：人民币

| 主要会计数据 | 本报告期（1-6月） | 上年同期 | 本报告期比上年同期增减(%) |
|---|---|---|---|
| 营业收入 | 255,369,543.71 | 240,000,000.00 | 6.40 |
| 研发费用 | 5,233,339.12 | 4,100,000.00 | 27.64 |
| 营业成本 | 61,148,497.55 | 60,000,000.00 | 1.91 |
| 归属于上市公司股东的净利润 | -1,000,000.00 | 2,000,000.00 | 不适用 |
| 销售费用 | 147,043,490.63 | 140,000,000.00 | 5.03 |

### 主要会计数据和财务指标发生变动的情况及原因

| 项目 | 本报告期末 | 上年度末 | 变动比率 | 变动原因 |
|---|---|---|---|---|
| 存货 | 6,710,115,946.33 | 4,932,682,803.22 | 36.03% | |
| 长期股权投资 | 1,737,610,126.57 | 432,166,160.32 | 302.07% | 主要是本期并购青松药业导致。 |

研发费用变动原因说明：主要系报告期内临床研究项目增加所致；

### 研究与发展

本集团将对研发持续投入，未来的主要方向包括但不限于：(1)安全智能预警云计算平台；(2)多功能应急救援协作平台；(3)二代数据处理器；及(4)其他软件系统。

## 第十节 财务报告

### 合并资产负债表

单位：元 币种：人民币

| 项目 | 2023年6月30日 | 2022年12月31日 |
|---|---|---|
| 应收账款 | 114,139,548.99 | 122,621,021.69 |
| 现金及银行结余 | 400,322,000.00 | 300,000,000.00 |
| 实收资本（或股本） | 373,270,285.00 | 373,270,285.00 |
| 归属于母公司所有者权益（或股东权益）合计 | 1,686,808,310.12 | 1,683,800,000.00 |

### 收购子公司之所转让代价

单位：元 币种：人民币

| 项目 | 2023年6月30日 |
|---|---|
| 现金 | 35,000,000.00 |

### 销售费用

单位：元 币种：人民币

| 项目 | 本期发生额 | 上期发生额 |
|---|---|---|
| 市场推广服务 | 70,019,373.58 | 68,177,043.66 |
| 职工薪酬 | 20,000,000.00 | 19,000,000.00 |
| 合计 | 147,043,490.63 | 140,000,000.00 |

### 普通股股东总数

单位：股

| 截至报告期末普通股股东总数（户） | 33,512 |
|---|---|
| 截至报告期末表决权恢复的优先股股东总数（户） | 0 |
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("qingbai")
    (folder / "qingbai-2023h1.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


def test_a_homophone_typed_for_the_item(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "青柏上半年研法费用花了多少")
    assert "5,233,339.12" in reply


def test_a_balance_asked_with_yu_e(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "6月30日应收账款余额")
    assert "114,139,548.99" in reply


def test_a_row_asked_under_its_item_then_its_share(kb: KnowledgeBase) -> None:
    row, share = ask_chain(kb, "销售费用里面市场推广服务费多少", "占销售费用的比例是多少")
    assert "70,019,373.58" in row
    assert "（计算）：47.62%" in share and "147,043,490.63" in share


def test_per_share_net_assets_from_paid_in_capital(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "每股净资产多少")
    assert "（计算）：4.52" in reply and "373,270,285.00" in reply


def test_holders_counted_at_the_periods_end_not_in_shares(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "6月末普通股股东总数多少户")
    assert "33,512" in reply and "33,512股" not in reply


def test_why_after_a_change_reads_its_rows_reason(kb: KnowledgeBase) -> None:
    change, why = ask_chain(kb, "长期股权投资比年初涨了多少", "为啥涨这么多")
    assert "302.07%" in change
    assert "长期股权投资的变动原因：主要是本期并购青松药业导致" in why
    _, other = ask_chain(kb, "存货比年初增长多少", "为什么")
    assert "青松药业" not in other  # its row gives no reason


def test_a_numbered_list_is_quoted_to_its_last_item(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "研发未来主要方向有哪些")
    assert "(1)安全智能预警云计算平台" in reply and "及(4)其他软件系统。" in reply


def test_cash_is_the_balance_sheets_line_not_a_notes_row(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "6月末手头现金有多少")
    assert "400,322,000.00" in reply and "35,000,000.00" not in reply


def test_why_after_a_figure_reads_the_reports_explanation_of_its_change(
        kb: KnowledgeBase) -> None:
    _, why = ask_chain(kb, "研发费用多少", "为啥涨了")
    assert "研发费用的变动原因：主要系报告期内临床研究项目增加所致。" in why


def test_gross_profit_no_line_states_is_computed_from_its_inputs(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "上半年毛利多少")
    assert "毛利（计算）：194,221,046.16元" in reply
    assert "营业收入255,369,543.71元 − 营业成本61,148,497.55元" in reply


def test_why_a_year_made_a_loss_is_no_figure_question(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "2023年上半年点解亏损")
    assert "为-" not in reply and "（计算）" not in reply


def test_a_follow_up_naming_a_part_of_the_item_just_shown(tmp_path: Path) -> None:
    (tmp_path / "h1.md").write_text(
        "# 青柏制药股份有限公司 2023年半年度报告\n\n## 合并利润表\n\n单位：元\n\n"
        "| 项目 | 2023年半年度 | 2022年半年度 |\n|---|---|---|\n"
        "| 五、净利润（净亏损以“－”号填列） | -1,200,000.00 | 2,100,000.00 |\n"
        "| 1.持续经营净利润（净亏损以“－”号填列） | -1,150,000.00 | 2,000,000.00 |\n",
        encoding="utf-8")
    _, part = ask_chain(build_knowledge(tmp_path), "上半年净利润多少", "持续经营的呢")
    assert "持续经营净利润" in part and "-1,150,000.00" in part


def test_a_share_follow_up_in_cantonese_naming_the_year(kb: KnowledgeBase) -> None:
    _, share = ask_chain(kb, "销售费用里面市场推广服务费多少", "2023年佢占销售费用几多")
    assert "（计算）：47.62%" in share


# A year's report stating the expenses but no 期间费用, the balance sheet and the dividends of
# the last years a row a year (公司近三年普通股现金分红情况表).
ANNUAL = (
    "# 青柏制药股份有限公司 2022年年度报告\n\n## 合并利润表\n\n单位：元\n\n"
    "| 项目 | 2022年度 | 2021年度 |\n|---|---|---|\n"
    "| 一、营业收入 | 579,374,501.21 | 534,036,500.95 |\n"
    "| 销售费用 | 346,559,179.93 | 315,056,505.52 |\n"
    "| 管理费用 | 63,176,012.16 | 49,722,190.26 |\n"
    "| 研发费用 | 15,493,151.13 | 15,655,776.20 |\n"
    "| 财务费用 | -2,908,058.82 | -675,096.49 |\n\n"
    "## 合并资产负债表\n\n单位：元\n\n"
    "| 项目 | 2022年12月31日 | 2021年12月31日 |\n|---|---|---|\n"
    "| 货币资金 | 434,494,622.22 | 160,802,837.08 |\n"
    "| 资产总计 | 1,974,418,631.97 | 1,870,188,073.55 |\n\n"
    "## 公司近三年普通股现金分红情况表\n\n单位：元\n\n"
    "| 分红年度 | 现金分红金额（含税） | 分红年度合并报表中归属于上市公司普通股股东的净利润 "
    "| 占合并报表中归属于上市公司普通股股东的净利润的比率 |\n|---|---|---|---|\n"
    "| 2022年 | 26,950,152.52 | 61,155,890.58 | 44.07% |\n"
    "| 2021年 | 0.00 | 114,396,010.54 | 0.00% |\n"
)


@pytest.fixture(scope="module")
def annual(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("qingbai-fy")
    (folder / "fy.md").write_text(ANNUAL, encoding="utf-8")
    return build_knowledge(folder)


def test_a_share_asked_without_its_whole_is_of_revenue_or_total_assets(
        annual: KnowledgeBase) -> None:
    (admin,) = ask_chain(annual, "管理费用占比多少")
    assert "管理费用占营业收入的比重（计算）：10.90%" in admin
    (cash,) = ask_chain(annual, "货币资金占比")
    assert "占总资产的比重（计算）：22.01%" in cash or "占资产总计的比重（计算）：22.01%" in cash
    (earlier,) = ask_chain(annual, "2021年管理费用占营收的比重")
    assert "2021年管理费用占营业收入的比重（计算）：9.31%" in earlier
    # 现金 of 现金分红 is no 货币资金; the payout ratio is the table's, a row a year.
    payout, before = ask_chain(annual, "现金分红占净利润的比例", "2021年呢")
    assert "44.07%" in payout and "货币资金" not in payout
    assert "0.00%" in before
    (asked,) = ask_chain(annual, "派息率多少")
    assert "44.07%" in asked


def test_turnover_over_the_average_balance_and_not_annualised_for_a_part(
        tmp_path: Path) -> None:
    (tmp_path / "q3.md").write_text(
        "# 青柏制药股份有限公司 2023年第三季度报告\n\n## 合并利润表\n\n单位：元\n\n"
        "| 项目 | 2023年前三季度 | 2022年前三季度 |\n|---|---|---|\n"
        "| 一、营业收入 | 1,860,800,595.41 | 1,300,000,000.00 |\n"
        "| 营业成本 | 897,064,612.65 | 600,000,000.00 |\n\n"
        "## 合并资产负债表\n\n单位：元\n\n"
        "| 项目 | 2023年9月30日 | 2022年12月31日 |\n|---|---|---|\n"
        "| 存货 | 489,044,760.95 | 249,886,853.09 |\n",
        encoding="utf-8")
    (reply,) = ask_chain(build_knowledge(tmp_path), "存货周转率多少")
    assert "存货周转率（计算）：2.43次（未年化）" in reply
    assert "营业成本897,064,612.65元" in reply
    assert "489,044,760.95元" in reply and "249,886,853.09元" in reply and "÷ 2" in reply


def test_period_expenses_and_the_three_expenses_when_no_line_states_them(
        annual: KnowledgeBase) -> None:
    (four,) = ask_chain(annual, "期间费用多少")
    assert "期间费用（计算）：422,320,284.40元" in four and "研发费用15,493,151.13元" in four
    three, rate = ask_chain(annual, "三费合计多少", "三费率呢")
    assert "三费（计算）：406,827,133.27元" in three and "研发费用" not in three
    assert "三费率（计算）：70.22%" in rate


def test_a_ratio_of_a_third_quarter_report_over_the_months_its_inputs_share(
        tmp_path: Path) -> None:
    # The quarter's 营业收入 is stated, its 营业成本 only for 1-9月: 毛利率 of the nine months.
    (tmp_path / "q3.md").write_text(
        "# 青柏制药股份有限公司 2024年第三季度报告\n\n## 主要会计数据和财务指标\n\n单位：元\n\n"
        "| 项目 | 本报告期 | 本报告期比上年同期增减变动幅度(%) | 年初至报告期末 "
        "| 年初至报告期末比上年同期增减变动幅度(%) |\n|---|---|---|---|---|\n"
        "| 营业收入 | 172,965,736.96 | 17.32 | 418,931,219.77 | 8.10 |\n\n"
        "## 合并利润表\n\n单位：元\n\n"
        "| 项目 | 2024年前三季度（1-9月） | 2023年前三季度（1-9月） |\n|---|---|---|\n"
        "| 一、营业总收入 | 418,931,219.77 | 387,530,084.37 |\n"
        "| 其中：营业收入 | 418,931,219.77 | 387,530,084.37 |\n"
        "| 其中：营业成本 | 92,234,190.10 | 92,914,153.05 |\n",
        encoding="utf-8")
    kb = build_knowledge(tmp_path)
    (rate,) = ask_chain(kb, "毛利率多少")
    assert "2024年前三季度毛利率（计算）：77.98%" in rate
    (gross,) = ask_chain(kb, "毛利是多少")
    assert "前三季度毛利（计算）：326,697,029.67元" in gross
    (quarter,) = ask_chain(kb, "第三季度毛利率")
    assert "（计算）" not in quarter  # no 营业成本 of the quarter alone


# A year's statements with both years: the ratios of each and their change.
TWO_YEARS = (
    "# 青柏制药股份有限公司 2016年年度报告\n\n## 合并利润表\n\n单位：元\n\n"
    "| 项目 | 2016年度 | 2015年度 |\n|---|---|---|\n"
    "| 一、营业收入 | 592,183,264.90 | 674,880,017.98 |\n"
    "| 减：营业成本 | 358,368,251.69 | 383,016,787.95 |\n"
    "| 五、净利润 | 60,441,744.23 | 114,337,097.46 |\n"
    "| 归属于母公司股东的净利润 | 61,155,890.58 | 114,396,010.54 |\n\n"
    "## 合并资产负债表\n\n单位：元\n\n"
    "| 项目 | 2016年12月31日 | 2015年12月31日 |\n|---|---|---|\n"
    "| 资产总计 | 2,044,165,239.73 | 872,799,072.88 |\n\n"
    "## 合并现金流量表\n\n单位：元\n\n"
    "| 项目 | 2016年度 | 2015年度 |\n|---|---|---|\n"
    "| 经营活动产生的现金流量净额 | 132,474,551.10 | 90,000,000.00 |\n"
)


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("qingbai-2016")
    (folder / "fy2016.md").write_text(TWO_YEARS, encoding="utf-8")
    return build_knowledge(folder)


def test_a_ratios_change_in_points_with_both_years_computed(two_years: KnowledgeBase) -> None:
    (reply,) = ask_chain(two_years, "毛利率比上年变化多少")
    assert "2016年毛利率比2015年下降（计算）：3.77个百分点（39.48% − 43.25%）" in reply
    assert "营业成本383,016,787.95元" in reply  # the earlier year's inputs shown too


def test_a_net_margin_on_both_bases(two_years: KnowledgeBase) -> None:
    (reply,) = ask_chain(two_years, "净利率多少")
    assert "净利率（计算）：10.21% = 净利润60,441,744.23元" in reply
    assert "按归属于母公司股东的净利润计算：10.33%" in reply


def test_one_item_over_another_asked_as_a_ratio_is_in_times(two_years: KnowledgeBase) -> None:
    (reply,) = ask_chain(two_years, "经营活动现金流量净额与净利润的比值")
    assert "之比（计算）：2.19倍 = 132,474,551.10元 ÷ 60,441,744.23元" in reply


def test_return_on_assets_over_the_average_total_assets(two_years: KnowledgeBase) -> None:
    (reply,) = ask_chain(two_years, "总资产收益率多少")
    assert "平均总资产收益率（计算）：4.14%" in reply
    assert "2,044,165,239.73元" in reply and "872,799,072.88元" in reply


def test_net_assets_per_share_not_over_a_hong_kong_share_capital(tmp_path: Path) -> None:
    # 股本 of a Hong Kong report is the shares' nominal value: no per-share figure from it.
    (tmp_path / "hk.md").write_text(
        "# 青柏控股有限公司 2025年全年業績公告\n\n## 綜合財務狀況表\n\n"
        "| | 二零二五年 千港元 | 二零二四年 千港元 |\n|---|---|---|\n"
        "| 股本 | 1,146 | 1,146 |\n"
        "| 本公司擁有人應佔權益 | 264,043 | 272,585 |\n", encoding="utf-8")
    (reply,) = ask_chain(build_knowledge(tmp_path), "每股净资产多少")
    assert "每股净资产（计算）" not in reply


def test_a_quarterly_reports_count_asked_by_its_quarter_and_another_name(
        tmp_path: Path) -> None:
    # No sentence names the quarter (it says 报告期末): a sentence is about the report's own.
    (tmp_path / "q1.txt").write_text(
        "青柏制药股份有限公司 2025年第一季度报告\n\n二、股东信息\n\n"
        "报告期末普通股股东总数为62,201户，较上年末略有增加。\n", encoding="utf-8")
    kb = build_knowledge(tmp_path)
    for asked in ("一季度末普通股股东总数多少户", "股东户数多少"):
        (reply,) = ask_chain(kb, asked)
        assert "62,201" in reply, asked


def test_an_amount_no_sentence_states_is_refused_not_quoted_in_words(tmp_path: Path) -> None:
    (tmp_path / "q1.md").write_text(
        "# 青柏制药股份有限公司 2025年第一季度报告\n\n## 经营情况\n\n"
        "报告期内，公司CHC健康消费品业务努力应对流感发病率同比降低带来的压力。\n\n"
        "报告期内，公司营业收入68.54亿元。\n", encoding="utf-8")
    kb = build_knowledge(tmp_path)
    (reply,) = ask_chain(kb, "一季度CHC业务收入多少")
    assert "没有找到" in reply
    (said,) = ask_chain(kb, "CHC业务怎么样")
    assert "流感" in said


def test_an_amount_in_words_answers_how_much(tmp_path: Path) -> None:
    (tmp_path / "news.md").write_text(
        "# 青柏云 2020年新闻稿\n\n## 工业云\n\n"
        "青柏云助力华星光电实现智能判片，每年帮助华星光电节省成本超千万元。\n",
        encoding="utf-8")
    (reply,) = ask_chain(build_knowledge(tmp_path), "华星光电每年能省多少钱")
    assert "千万元" in reply


def test_a_hong_kong_biotechs_loss_lines_are_its_profit_items(tmp_path: Path) -> None:
    (tmp_path / "fy.md").write_text(
        "# 青柏生物醫藥控股有限公司 2025年全年業績公告\n\n## 綜合損益表\n\n"
        "| | 二零二五年 人民幣千元 | 二零二四年 人民幣千元 |\n|---|---|---|\n"
        "| 收入 | 120,000 | 80,000 |\n"
        "| 研發開支 | (300,000) | (250,000) |\n"
        "| 經營虧損 | (420,000) | (380,000) |\n"
        "| 年內虧損 | (400,000) | (390,000) |\n", encoding="utf-8")
    kb = build_knowledge(tmp_path)
    (loss,) = ask_chain(kb, "年内亏损多少")
    assert "400,000" in loss
    (margin,) = ask_chain(kb, "营业利润率")
    assert "营业利润率（计算）：-350.00%" in margin


def test_a_computed_amounts_share_of_revenue_is_its_ratio(kb: KnowledgeBase) -> None:
    """"毛利占营收的比例": 毛利 is stated nowhere (an A-share income statement has no such
    line); over the revenue it is the 毛利率, computed from its inputs."""
    (reply,) = ask_chain(kb, "上半年毛利占营收的比例多少")
    assert "毛利率（计算）：76.05%" in reply and "61,148,497.55" in reply


def test_sold_and_earned_as_followers_say_them(kb: KnowledgeBase) -> None:
    """"卖了多少钱" asks the revenue, "赚了多少" / "賺咗幾多" the profit."""
    (sold,) = ask_chain(kb, "青柏上半年卖了多少钱")
    assert "营业收入为255,369,543.71元" in sold
    for question in ("青柏上半年赚了多少", "青柏上半年賺咗幾多錢"):
        (earned,) = ask_chain(kb, question)
        assert "-1,000,000.00元" in earned, earned


SUMMARY = (
    "# 青柏制药股份有限公司 2025年半年度报告摘要\n\n## 主要会计数据和财务指标\n\n单位：元\n\n"
    "| 项目 | 本报告期 | 上年同期 |\n|---|---|---|\n"
    "| 营业收入（元） | 14,810,160,218.62 | 14,106,012,765.08 |\n"
    "| 营业成本（元） | 7,100,000,000.00 | 7,600,000,000.00 |\n"
    "| 归属于上市公司股东的净利润（元） | 1,815,258,362.79 | 2,398,360,138.02 |\n"
    "| 归属于上市公司股东的扣除非经常性损益的净利润（元） | 1,697,709,126.14 |"
    " 2,308,597,153.62 |\n"
    "| 经营活动产生的现金流量净额（元） | 2,860,194,941.31 | 2,363,114,807.27 |\n"
)


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("qingbai-2025h1")
    (folder / "qingbai-2025h1-summary.md").write_text(SUMMARY, encoding="utf-8")
    return build_knowledge(folder)


def test_a_net_margin_on_the_basis_named(summary: KnowledgeBase) -> None:
    """"扣非净利率" is the margin of the profit without non-recurring items, not of the
    attributable profit (12.26%)."""
    (reply,) = ask_chain(summary, "扣非净利率多少")
    assert "扣非净利率（计算）：11.46%" in reply and "1,697,709,126.14元" in reply
    again = ask_chain(summary, "青柏上半年扣非净利率多少", "去年同期呢")
    assert "16.37%" in again[1]


def test_one_item_asked_as_times_another(summary: KnowledgeBase) -> None:
    """"经营现金流是归母净利润的几倍": 与…之比 said the other way round."""
    (reply,) = ask_chain(summary, "经营现金流是归母净利润的几倍")
    assert "之比（计算）：1.58倍 = 2,860,194,941.31元 ÷ 1,815,258,362.79元" in reply


def test_a_fall_asked_in_percent_with_jianshao(summary: KnowledgeBase) -> None:
    """"减少了百分之几" asks the change in percent, not the amount."""
    (reply,) = ask_chain(summary, "营业成本减少了百分之多少")
    assert "6.58%" in reply and "计算" in reply


def test_non_recurring_items_no_line_states_are_the_two_profits_difference(
        summary: KnowledgeBase) -> None:
    """A summary states the attributable profit with and without the non-recurring items, not
    their sum: it is computed from the two, and said to be."""
    (reply,) = ask_chain(summary, "上半年非经常性损益大概多少")
    assert "非经常性损益（计算）：117,549,236.65元" in reply


BIOTECH = (
    "# 青柏生物醫藥控股有限公司 2025年全年業績公告\n\n## 綜合損益表\n\n"
    "| | 二零二五年 人民幣千元 | 二零二四年 人民幣千元 |\n|---|---|---|\n"
    "| 收入 | 120,000 | 80,000 |\n"
    "| 銷售成本 | (30,000) | (24,000) |\n"
    "| 研發開支 | (300,000) | (250,000) |\n"
    "| 行政開支 | (80,000) | (70,000) |\n"
    "| 年內虧損 | (320,000) | (286,000) |\n\n"
    "## 綜合財務狀況表\n\n"
    "| | 二零二五年 人民幣千元 | 二零二四年 人民幣千元 |\n|---|---|---|\n"
    "| 流動資產總值 | 1,000,000 | 1,300,000 |\n"
    "| 權益總額 | 1,200,000 | 1,480,000 |\n"
)


@pytest.fixture(scope="module")
def biotech(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("qingbai-bio")
    (folder / "fy2025.md").write_text(BIOTECH, encoding="utf-8")
    return build_knowledge(folder)


def test_a_bracketed_cost_grows_by_its_size(biotech: KnowledgeBase) -> None:
    """研發開支 (300,000) after (250,000) grew 20% (the signed figures "fell" 20%), and
    行政開支 rose by 10,000."""
    (reply,) = ask_chain(biotech, "研发开支同比增长多少")
    assert "研发开支同比增长（计算）：20.00% = (300,000千元 − 250,000千元)" in reply
    (reply,) = ask_chain(biotech, "行政开支增加了多少")
    assert "比2024年增加（计算）：10,000" in reply


def test_a_loss_widens_or_narrows_by_its_size(biotech: KnowledgeBase) -> None:
    """年內虧損 (320,000) after (286,000): the loss widened 11.89% and by 34,000 — not a fall."""
    (reply,) = ask_chain(biotech, "年内亏损同比扩大了多少")
    assert "同比扩大（计算）：11.89%" in reply
    (reply,) = ask_chain(biotech, "亏损比去年多了多少")
    assert "增加（计算）：34,000" in reply


def test_hong_kong_names_of_net_assets_and_the_cost_of_sales_ratio(
        biotech: KnowledgeBase) -> None:
    """資產淨值 is the total equity (not 流動資產淨值), 銷售成本率 the cost of sales' ratio."""
    assert "1,200,000" in ask_chain(biotech, "資產淨值幾多")[0]
    assert "25.00%" in ask_chain(biotech, "销售成本率多少")[0]


def test_ratios_by_other_common_names(two_years: KnowledgeBase) -> None:
    """销售毛利率 is 毛利率 (a peer table's 毛利 was quoted), 经营现金流净额 the operating cash
    flow (the ratio to the profit was refused)."""
    assert "毛利率（计算）：39.48%" in ask_chain(two_years, "销售毛利率")[0]
    (reply,) = ask_chain(two_years, "经营现金流净额与净利润之比")
    assert "之比（计算）：2.19倍" in reply
