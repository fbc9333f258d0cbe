"""A loss-making Hong Kong annual report: its year named only by the running title
("2019年年報"), loss lines asked as losses, the statement's exact per-share loss before a
five-year summary's rounded one, the statement named in the question, the headcount a
sentence states; and an A-share report asked two things in one message, with a typo, and for
a quarter's figure its quarterly table does not state."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from knowledge.facts import reader_period
from knowledge.readers import Block, Document
from tests.knowledge.test_followup import ask_chain

HK = """# 松柏控股有限公司

## 管理層討論與分析

本集團主要從事設計、製造及銷售瑞士名貴手錶。

截至2019年12月31日，本集團共有211名全職僱員，較截至2018年12月31日的231名僱員減少8.7%。

## 綜合損益及其他全面收益表

截至2019年12月31日止年度

| | 2019年 千港元 | 2018年 千港元 |
|---|---|---|
| 收入 | 141,518 | 171,806 |
| 銷售成本 | (85,659) | (95,874) |
| 毛利 | 55,859 | 75,932 |
| 行政開支 | (52,340) | (61,674) |
| 除稅前虧損 | (78,739) | (96,346) |
| 年度虧損 | (79,047) | (97,666) |
| 每股虧損 | | |
| 基本及攤薄（港仙） | (22.75) | (28.11) |

## 綜合財務狀況表

於2019年12月31日

| | 2019年 千港元 | 2018年 千港元 |
|---|---|---|
| 非流動資產總值 | 26,448 | 34,000 |
| 存貨 | 200,000 | 250,000 |
| 流動資產總值 | 388,866 | 479,629 |
| 流動負債總值 | 247,886 | 259,003 |
| 非流動負債總值 | 27,000 | 30,000 |
| 權益總額 | 140,428 | 224,626 |

## 附註10 除稅前虧損

| | 2019年 千港元 | 2018年 千港元 |
|---|---|---|
| 薪金及津貼 | 60,000 | 64,000 |
| 員工成本總計 | 63,347 | 67,855 |

## 五年財務摘要

| | 2019年 | 2018年 | 2017年 |
|---|---|---|---|
| 收入（千港元） | 141,518 | 171,806 | 200,000 |
| 權益總額（千港元） | 140,428 | 224,626 | 317,586 |
| 每股虧損（港仙） | (23) | (28) | (10) |
"""

A_SHARE = """# 星河软件股份有限公司 2025年年度报告

## 第二节 公司简介和主要财务指标

### 七、近三年主要会计数据和财务指标

单位：元

| 主要会计数据 | 2025年 | 2024年 | 本期比上年同期增减(%) |
|---|---|---|---|
| 营业收入 | 10,000,000.00 | 9,000,000.00 | 11.11 |
| 营业成本 | 6,000,000.00 | 5,500,000.00 | 9.09 |
| 归属于上市公司股东的净利润 | 1,500,000.00 | 1,200,000.00 | 25.00 |
| 归属于上市公司股东的扣除非经常性损益的净利润 | 1,400,000.00 | 1,100,000.00 | 27.27 |

### 九、2025年分季度主要财务数据

单位：元

| | 第一季度（1-3月份） | 第二季度（4-6月份） | 第三季度（7-9月份） | 第四季度（10-12月份） |
|---|---|---|---|---|
| 营业收入 | 2,500,000.00 | 2,400,000.00 | 2,600,000.00 | 2,500,000.00 |

## 第四节 利润分配

公司拟向全体股东每10股派发现金红利2.3元（含税），合计派发现金红利2,300,000.00元。
"""


@pytest.fixture(scope="module")
def hk(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("songbai-2019")
    (folder / "songbai-2019annual.md").write_text(HK, encoding="utf-8")
    return build_knowledge(folder)


@pytest.fixture(scope="module")
def star(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("star-2025")
    (folder / "star-2025annual.md").write_text(A_SHARE, encoding="utf-8")
    return build_knowledge(folder)


def _document(lines: list[str], running: str) -> Document:
    blocks = [Block("paragraph", 1, line) for line in lines]
    return Document("r.pdf", "pdf", 60, blocks, dropped=[f"页眉/页脚「{running}」（55页）"])


def test_the_running_title_names_a_hong_kong_report_s_year() -> None:
    lines = ["目錄", "公司資料", "依波路控股有限公司（「本公司」）"]
    assert reader_period(_document(lines, "2019年年報 依波路控股有限公司")).year == 2019
    interim = reader_period(_document(lines, "博智國際藥業控股有限公司 二零零六年中期報告"))
    assert (interim.year, interim.part) == (2006, "H1")
    # Another year's report named in the text is no title.
    said = ["截至二零零六年六月三十日止六個月之未經審核簡明綜合業績",
            "本中期財務報告乃根據2005年年報所採納之會計政策編製。"]
    period = reader_period(_document(said, "博智國際藥業控股有限公司"))
    assert (period.year, period.part) == (2006, "H1")


def test_a_loss_is_said_as_a_loss(hk: KnowledgeBase) -> None:
    reply = hk.answer("2019年除稅前虧損係幾多").text
    assert "78,739" in reply and "-78,739" not in reply
    # The statement named in the question is where, not what.
    assert "78,739" in hk.answer("綜合損益表入面2019年除稅前虧損係幾多").text
    assert "18.27%" in hk.answer("除稅前虧損同比收窄幾多%（用綜合損益表數字）").text


def test_the_statement_s_exact_per_share_loss_before_a_summary_s_rounded_one(
        hk: KnowledgeBase) -> None:
    reply = hk.answer("每股虧損幾多？2019年").text
    assert "22.75" in reply and "-23港仙" not in reply
    reply = hk.answer("每股虧損比2018年收窄咗幾多港仙？").text
    assert "5.36" in reply and "计算" in reply


def test_against_last_year_said_after_it(hk: KnowledgeBase) -> None:
    reply = hk.answer("權益總額同上年比跌咗幾多%").text
    assert "37.48%" in reply and "2019年末" in reply


def test_precision_asked_and_a_loss_ratio(hk: KnowledgeBase) -> None:
    assert "39.47%" in hk.answer("2019年毛利率係幾多？計到小數點後兩位").text
    assert "17.63%" in hk.answer("2019年營收同比跌咗幾多%？要兩位小數").text
    reply = hk.answer("淨虧損率幾多%").text
    assert "55.86%" in reply and "计算" in reply


def test_a_share_of_a_row_named_by_its_label_s_start(hk: KnowledgeBase) -> None:
    reply = hk.answer("員工成本佔收入幾多%？").text
    assert "44.76%" in reply and "计算" in reply


def test_a_formula_restated_in_brackets(hk: KnowledgeBase) -> None:
    reply = hk.answer("2019年底資產負債率幾多？(總負債除總資產)").text
    assert "66.19%" in reply and "计算" in reply


def test_the_headcount_a_sentence_states(hk: KnowledgeBase) -> None:
    first, before = ask_chain(hk, "員工人數幾多", "咁2018年底呢")
    assert "211名" in first and "2019年" in first
    assert "231名" in before


def test_what_business_asked_in_cantonese(hk: KnowledgeBase) -> None:
    assert "手錶" in hk.answer("松柏係做咩生意㗎？").text


def test_a_headcount_with_last_year_s_in_brackets(tmp_path: Path) -> None:
    (tmp_path / "alco.md").write_text(
        "# 愛高集團有限公司 截至二零二五年三月三十一日止年度全年業績公告\n\n"
        "## 僱員\n\n於二零二五年三月三十一日，本集團於中國內地及香港聘用約20名（二零二四年：15名）"
        "僱員。\n", encoding="utf-8")
    kb = build_knowledge(tmp_path)
    now, before = ask_chain(kb, "有幾多員工", "咁上年呢")
    assert "约20名" in now
    assert "15名" in before


def test_two_asks_in_one_message(star: KnowledgeBase) -> None:
    reply = star.answer("星河软件今年分红方案是什么，每10股派多少").text
    assert "2.3元" in reply and "没有找到" not in reply


def test_a_typo_of_a_question_word(star: KnowledgeBase) -> None:
    assert "1,400,000.00" in star.answer("25年扣飞净利润多少").text


def test_a_quarter_s_figure_its_table_does_not_state(star: KnowledgeBase) -> None:
    reply = star.answer("25年一季度的营业成本是多少").text
    assert "没有找到" in reply and "2,500,000.00" not in reply
    assert "2,500,000.00" in star.answer("25年一季度营业收入是多少").text


def test_two_ratios_joined_in_one_ask(hk: KnowledgeBase) -> None:
    reply = hk.answer("2019年底流動比率同速動比率係幾多").text
    assert "流动比率" in reply and "速动比率" in reply and "计算" in reply


def test_a_quarter_said_without_度(hk: KnowledgeBase) -> None:
    assert "没有找到" in hk.answer("松柏19年第三季收入係幾多").text


def test_the_headcount_said_after_the_noun(tmp_path: Path) -> None:
    (tmp_path / "bz.md").write_text(
        "# 博雅國際控股有限公司 二零零八年中期報告\n\n"
        "董事會宣佈本集團截至二零零八年六月三十日止六個月之未經審核業績。\n\n"
        "## 僱員\n\n於二零零八年六月三十日，本集團之員工總人數為124人（二零零七年：120人）。\n",
        encoding="utf-8")
    assert "124人" in build_knowledge(tmp_path).answer("6月底有幾多員工").text


def test_the_parent_company_s_profit_a_dividend_plan_states(tmp_path: Path) -> None:
    (tmp_path / "jh.md").write_text(A_SHARE.replace(
        "公司拟向全体股东", "经审计，2025年度母公司实现净利润900,000.00元，公司拟向全体股东"),
        encoding="utf-8")
    kb = build_knowledge(tmp_path)
    parent = kb.answer("星河母公司25年净利润多少")
    assert "900,000.00" in parent.text
    assert [f["basis"] for f in parent.facts] == [["母公司"]]  # a figure, not a quote
    group = kb.answer("25年归母净利润多少").text
    assert "1,500,000.00" in group and "900,000.00" not in group


Q3 = """# 华光装备股份有限公司 2025年第三季度报告

## 一、主要财务数据

单位：元

| 项目 | 本报告期 | 本报告期比上年同期增减 | 年初至报告期末 | 年初至报告期末比上年同期增减 |
|---|---|---|---|---|
| 营业收入 | 694,053,795.94 | 10.00% | 1,815,343,039.37 | 5.00% |

## 合并年初到报告期末利润表

单位：元

| 项目 | 本期发生额 | 上期发生额 |
|---|---|---|
| 营业收入 | 1,815,343,039.37 | 1,728,898,132.73 |
| 管理费用 | 106,222,147.13 | 92,689,200.69 |
"""


def test_the_first_three_quarters_said_without_度(tmp_path: Path) -> None:
    (tmp_path / "hg-2025q3.md").write_text(Q3, encoding="utf-8")
    reply = build_knowledge(tmp_path).answer("华光装备25年前三季管理费用率是多少").text
    assert "5.85%" in reply and "计算" in reply


def test_a_headcount_at_the_year_s_end_said_so(tmp_path: Path) -> None:
    (tmp_path / "bz09.md").write_text(
        "# 博雅國際控股有限公司 二零零九年年報\n\n"
        "董事會提呈截至二零零九年十二月三十一日止年度之年報。\n\n"
        "## 僱員\n\n於二零零九年底，本集團員工總人數約為221名（二零零八年十二月：114名），"
        "較二零零八年年度大幅上升。\n", encoding="utf-8")
    now, before = ask_chain(build_knowledge(tmp_path), "員工總人數", "2008年底呢")
    assert "221名" in now
    assert "114名" in before
