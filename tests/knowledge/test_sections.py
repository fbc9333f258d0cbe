"""Open questions about a section (strategy, risks, main business…) are answered from the
section whose heading names it, and "更多" reads on in that section (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import Library, build_library
from knowledge.sections import asked_topic

REPORT = """# 青川制造2023年年度报告

## 第三节 管理层讨论与分析

报告期内，公司实现营业收入52.3亿元，同比增长8.1%。公司坚持战略引领，持续推进数字化。

### 公司发展战略

公司以“智造升级、全球布局”为总体方向。未来三年将聚焦高端装备与新能源两条主线。
公司计划在东南亚新建两座工厂，提升海外收入占比。公司将持续加大研发投入，保持技术领先。
同时推进管理变革，建设数字化运营体系。

### 可能面对的风险

原材料价格波动风险：钢材等主要原材料价格波动较大。汇率风险：海外业务以美元结算。
行业竞争加剧风险：同行业产能扩张较快。

## 第四节 公司业务概要

### 报告期内公司从事的主要业务

公司主要从事工业机器人及自动化产线的研发、生产和销售。产品广泛应用于汽车、电子行业。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder: Path = tmp_path_factory.mktemp("sections")
    (folder / "qingchuan-2023.md").write_text(REPORT, encoding="utf-8")
    return build_library(folder)


@pytest.mark.parametrize(("question", "expected"), [
    ("公司的发展战略是什么", "智造升级、全球布局"),
    ("未来发展规划", "智造升级、全球布局"),
    ("公司面临哪些风险", "原材料价格波动风险"),
    ("青川制造的主营业务是什么", "工业机器人及自动化产线"),
])
def test_open_questions_quote_the_section_lead(kb: Library, question: str,
                                               expected: str) -> None:
    answer = kb.answer(question)
    assert expected in answer.text and "来源" in answer.text, answer.text
    assert "营业收入52.3亿元" not in answer.text  # a sentence that merely says 战略


def test_more_reads_on_in_the_section(kb: Library) -> None:
    first = kb.answer("公司的发展战略是什么")
    more = kb.more(first.context)
    assert more is not None and "管理变革" in more.text and "智造升级" not in more.text
    after = kb.more(more.context)  # the section is read: nothing from the next one follows
    assert after is None or "原材料" not in after.text


@pytest.mark.parametrize("question", ["战略投资了多少钱", "风险加权资产是多少", "营收多少",
                                      "云账本是干什么的"])
def test_figure_and_definition_questions_are_not_section_questions(question: str) -> None:
    assert asked_topic(question) is None


BANK = """# 青川银行2023年年度报告

## 第三章 管理层讨论与分析

### 一、本行发展战略

#### （一）战略目标

2023-2025年为持续增长期，通过强能力、提质效，实现高质量发展。

#### （二）战略定位

普惠金融的银行。坚守服务小微企业的战略定位，保持鲜明特色不变。

数字智能的银行。以科技驱动业务，全面提升经营管理水平。

### 三、非主营业务分析

□ 适用 √ 不适用

### 九、前景展望

#### （二）可能面临的风险

当前外部环境仍有诸多不确定性。同时也有部分可能面临的风险值得关注。
一是海外货币政策转向带来的挑战。随着加息预期增强，金融市场波动加大。
二是信息科技风险管理面临挑战。业务需求的多样性对系统安全提出更高要求。

## 第四节 公司治理

### 董事会战略委员会履职情况

董事会战略委员会由5名董事组成，报告期内完成了公司中长期战略发展规划的修订。
董事会战略委员会召开会议三次，审议战略相关议案。

## 独立核数师报告摘录

### 不发表意见

我们不对贵集团的综合财务报表发表意见。

### 与持续经营有关的多项不确定性

贵集团本年度产生亏损，流动负债净额较高，持续经营能力存在重大不确定性。

## 利润分配

### 1、2023年度利润分配预案

经会计师事务所审计，2023年度公司实现归属于母公司所有者的净利润6.1亿元。根据公司章程，
拟对2023年度利润分配进行如下分配：拟以公司总股本3.2亿股为基数，
向全体股东每10股派现金股利0.84元（含税）。

### 2、2022年度利润分配方案

2022年度向全体股东每10股派现金股利1.20元（含税）。

## 附注

### 一般资料

本公司及其附属公司从事设计及销售消费电子产品，包括笔记型电脑产品。
"""


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder: Path = tmp_path_factory.mktemp("bank-sections")
    (folder / "qingchuan-bank-2023.md").write_text(BANK, encoding="utf-8")
    return build_library(folder)


def test_the_heading_sharing_the_question_phrase_wins(bank: Library) -> None:
    answer = bank.answer("战略定位是什么")
    assert "普惠金融的银行" in answer.text and "数字智能的银行" in answer.text, answer.text
    # 发展战略 is the surer heading word than a committee's report that says 战略.
    assert "战略委员会" not in bank.answer("发展战略").text


def test_a_section_of_points_is_answered_with_its_points(bank: Library) -> None:
    answer = bank.answer("可能面临哪些风险")
    assert "一是海外货币政策" in answer.text and "二是信息科技" in answer.text, answer.text
    more = bank.more(answer.context)
    assert more is not None and "加息预期" in more.text and "一是" not in more.text


def test_a_heading_saying_not_x_is_not_about_x(bank: Library) -> None:
    answer = bank.answer("主营业务是什么")
    assert "不适用" not in answer.text
    # No section names it: the sentence saying what the company does.
    assert "笔记型电脑" in answer.text, answer.text


def test_why_after_a_section_answer_reads_on_to_its_grounds(bank: Library) -> None:
    opinion = bank.answer("核数师出了什么意见")
    assert "不对贵集团的综合财务报表发表意见" in opinion.text, opinion.text
    why = bank.answer("点解", opinion.context)
    assert "持续经营" in why.text and not why.refused, why.text


def test_the_dividend_plan_of_the_year_asked(bank: Library) -> None:
    answer = bank.answer("2023年分红方案")
    assert "每10股派现金股利0.84元" in answer.text, answer.text
    assert "每10股派现金股利1.20元" in bank.answer("2022年分红方案").text


def test_plans_said_in_passing_when_no_section_states_them(tmp_path: Path) -> None:
    # A results announcement: no 展望 or 发展战略 section, its plans in its review.
    (tmp_path / "results.md").write_text(
        "# 青柏國際藥業控股有限公司 二零零七年業績公佈\n\n## 業務回顧\n\n"
        "本集團於二零零七年推出各款新產品，銷售理想。\n\n"
        "本集團會持續推出各項新產品，使集團業績步步上升。\n\n"
        "## 改善廠房及生產設施\n\n本集團會持續投放資金改善廠房及生產設施。\n\n"
        "## 致謝\n\n董事會感謝全體員工。\n", encoding="utf-8")
    lib = build_library(tmp_path)
    reply = lib.answer("青柏國際未來有什麼發展計劃").text
    assert "會持續推出各項新產品" in reply and "投放資金改善廠房" in reply
    assert "於二零零七年推出" not in reply


CAPEX = """# 松濤醫藥控股有限公司 二零零七年全年業績公告

## 管理層討論及分析

截至二零零七年十二月三十一日止年度，本集團營業額約為港幣四億一千萬元。二零零七年之毛利約為港幣二億元。

### 資本開支

於截至二零零七年十二月三十一日止年度內，本集團已動用港幣100,000,000元購買新廠房設備及製造設施。
"""


def test_a_section_named_with_the_reports_own_year(tmp_path: Path) -> None:
    """"2007年資本開支" of a report on 2007 names its section 資本開支, whose sentence alone
    says what was spent; another year is not that section's."""
    (tmp_path / "songtao-2007.md").write_text(CAPEX, encoding="utf-8")
    kb = build_library(tmp_path)
    assert "100,000,000" in kb.answer("松濤醫藥2007年資本開支").text
    assert "100,000,000" not in kb.answer("松濤醫藥2006年資本開支").text


def test_a_section_named_with_one_of_its_companys_years(tmp_path: Path) -> None:
    """Two years' reports of one company, each with a 資本開支 section: the year asked picks
    the report the section is read from."""
    (tmp_path / "songtao-2007.md").write_text(CAPEX, encoding="utf-8")
    later = CAPEX.replace("二零零七", "二零零九").replace("100,000,000", "45,000,000")
    (tmp_path / "songtao-2009.md").write_text(later, encoding="utf-8")
    kb = build_library(tmp_path)
    assert "100,000,000" in kb.answer("松濤醫藥2007年資本開支").text
    assert "45,000,000" in kb.answer("松濤醫藥2009年資本開支").text


def test_a_section_asked_how_much_with_the_year_as_followers_write_it(tmp_path: Path) -> None:
    """"07年資本開支幾多": a two-digit year the report speaks of is that year, and "幾多" after
    a heading whose sentence states a figure still names the section."""
    (tmp_path / "songtao-2007.md").write_text(CAPEX, encoding="utf-8")
    kb = build_library(tmp_path)
    assert "100,000,000" in kb.answer("松濤醫藥07年資本開支幾多").text
    assert "100,000,000" in kb.answer("松濤醫藥資本開支有多少").text


DIVIDEND = """# 松濤醫藥控股有限公司 二零零八年年報

## 董事會報告

### 業績

本集團截至二零零八年十二月三十一日止年度之業績載於綜合收益表。

### 股息

由於世界經濟下滑，董事會將為經營用途保留現金，因此不建議派付截至二零零八年十二月三十一日止年度之末期股息（二零零七年：港幣3.8仙）。

## 綜合現金流量表

| | 二零零八年 港幣千元 | 二零零七年 港幣千元 |
|---|---|---|
| 已付股息 | (16,720) | (30,120) |
| 年內派付股息 | 16,720 | 30,120 |
"""


def test_whether_a_dividend_is_paid_asked_in_cantonese(tmp_path: Path) -> None:
    (tmp_path / "songtao-2008.md").write_text(DIVIDEND, encoding="utf-8")
    kb = build_library(tmp_path)
    for question in ("松濤醫藥有冇派息", "松濤醫藥是否派息", "松濤醫藥有沒有派股息"):
        assert "不建議派付" in kb.answer(question).text, question


INTERIM_DIVIDEND = """# 松濤醫藥控股有限公司 二零一一年中期報告

## 管理層討論及分析

### 業務回顧

截至二零一一年六月三十日止六個月，本集團收益約為港幣279,267,000元（二零一零年同期：港幣149,861,000元）。

### 中期股息

董事會不建議派發截至二零一一年六月三十日止六個月的中期股息。

## 簡明綜合現金流量表

| | 二零一一年 港幣千元 | 二零一零年 港幣千元 |
|---|---|---|
| 已付股息 | (16,720) | (30,120) |
"""


def test_whether_a_dividend_of_a_kind_is_paid(tmp_path: Path) -> None:
    """"有冇派中期息": the dividend named by its kind (中期, 末期) is the dividend topic (it
    was refused: the cash-flow row 已付股息 says nothing of this half's dividend)."""
    (tmp_path / "songtao-2011-interim.md").write_text(INTERIM_DIVIDEND, encoding="utf-8")
    kb = build_library(tmp_path)
    for question in ("松濤醫藥2011年有冇派中期息", "松濤醫藥有沒有派付中期股息"):
        assert "不建議派發" in kb.answer(question).text, question
