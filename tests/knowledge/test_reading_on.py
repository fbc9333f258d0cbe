"""Computations across named periods, yes/no questions the report answers with a box or a
sentence, the contact table's columns, and open questions that read on past a label or a
short lead — on a made-up report in the layout of an A-share annual report summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from tests.knowledge.test_followup import ask_chain

REPORT = """# 青松制药股份有限公司 2024年年度报告摘要

## 一、重要提示

非标准审计意见提示

本年度报告未经审计。

公司经本次董事会审议通过的利润分配预案为：向全体股东每10股派发现金红利3.2元（含税）。

## 二、公司基本情况

### 1、公司简介

| 联系人和联系方式 | 董事会秘书 | 证券事务代表 |
|---|---|---|
| 姓名 | 林青 | 周松 |
| 办公地址 | 青松市松林路1号 | 青松市松林路1号 |

### 2、报告期主要业务或产品简介

青松制药的愿景是成为大众健康产业的引领者。

### （一）业务及产品情况

1. 消费者健康业务

### 2. 处方药业务

公司处方药覆盖心脑血管、抗肿瘤等治疗领域。

### 3、主要会计数据和财务指标

单位：元

| 项目 | 2024年 | 2023年 | 本年比上年增减 | 2022年 |
|---|---|---|---|---|
| 营业收入 | 2,761,661,177.26 | 2,473,896,331.98 | 11.63% | 1,807,946,148.28 |
| 归属于上市公司股东的净利润 | 336,788,896.82 | 285,301,234.56 | 18.05% | 244,880,210.33 |

### 分季度主要会计数据

单位：元

| 项目 | 第一季度 | 第二季度 | 第三季度 | 第四季度 |
|---|---|---|---|---|
| 营业收入 | 700,000,000.00 | 650,000,000.00 | 624,028,699.51 | 787,632,477.75 |

### 4、聘任、解聘会计师事务所情况

单位：万元 币种：人民币

| | 现聘任 |
|---|---|
| 境内会计师事务所名称 | 松林会计师事务所（特殊普通合伙） |
| 境内会计师事务所报酬 | 75万元 |
| 境内会计师事务所注册会计师姓名 | 王明、李华 |

### 合并资产负债表

单位：元

| 项目 | 期末余额 | 期初余额 |
|---|---|---|
| 流动资产合计 | 900,000,000.00 | 800,000,000.00 |
| 存货 | 100,000,000.00 | 90,000,000.00 |
| 流动负债合计 | 300,000,000.00 | 250,000,000.00 |
| 负债合计 | 400,000,000.00 | 300,000,000.00 |
| 资产总计 | 2,000,000,000.00 | 1,800,000,000.00 |

### 母公司资产负债表

单位：元

| 项目 | 期末余额 | 期初余额 |
|---|---|---|
| 负债合计 | 250,000,000.00 | 200,000,000.00 |
| 资产总计 | 1,900,000,000.00 | 1,700,000,000.00 |

## 三、重要事项

### 1、其他提醒事项

需提醒投资者关注的关于公司报告期经营情况的其他重要信息

√适用 □不适用

2024年10月26日，公司与松林院士团队签订协议，合作成立院士工作站。

院士工作站将与公司共同完成新药的研究及开发。

### 2、重大资产重组

2024年8月5日，公司披露拟收购绿叶医药28%股份的重大资产重组预案。

交易完成后，绿叶医药的控股股东将变更为青松制药。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("qingsong-pharma")
    (folder / "qingsong-2024summary.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


def ask(kb: KnowledgeBase, question: str) -> str:
    (reply,) = ask_chain(kb, question)
    return reply


def test_growth_against_a_named_year_is_computed_not_the_stated_one(kb: KnowledgeBase) -> None:
    reply = ask(kb, "2024年营收比2022年增长了多少")
    assert "比2022年增长（计算）：52.75%" in reply
    assert "2,761,661,177.26元" in reply and "1,807,946,148.28元" in reply
    assert "11.63" not in reply  # the stated change is against 2023
    # Against the year before, the stated figure still wins.
    assert "11.63%" in ask(kb, "2024年营收比2023年增长了多少")


def test_difference_against_a_named_year(kb: KnowledgeBase) -> None:
    reply = ask(kb, "2024年归母净利润比2022年多了多少")
    assert "比2022年增加（计算）：91,908,686.49元" in reply


def test_a_quarter_as_a_share_of_its_year(kb: KnowledgeBase) -> None:
    reply = ask(kb, "第四季度营收占全年比重多少")
    assert "第四季度营业收入占2024年营业收入的比重（计算）：28.52%" in reply
    assert "787,632,477.75元 ÷ 2,761,661,177.26元" in reply


def test_audited_is_answered_by_the_sentence_saying_it(kb: KnowledgeBase) -> None:
    assert "本年度报告未经审计" in ask(kb, "这份年报审计了吗")


def test_audited_read_off_the_checked_box_says_it_in_words(tmp_path: Path) -> None:
    (tmp_path / "q1.md").write_text(
        "# 青松制药股份有限公司 2025年第一季度报告\n\n## 四、季度财务报表\n\n"
        "第一季度报告是否经过审计\n\n□是 √否\n\n公司负责人：林青\n", encoding="utf-8")
    kb = build_knowledge(tmp_path)
    reply = ask(kb, "这份一季报审计了没")
    assert "□是 √否" in reply and "未经审计" in reply


def test_audited_read_off_the_one_empty_box_when_the_check_marks_glyph_is_lost(
        tmp_path: Path) -> None:
    # pdftotext of a quarterly report: "□是 ☑否" comes out as "□是 否".
    (tmp_path / "q1.txt").write_text(
        "青松制药股份有限公司 2025年第一季度报告\n\n3.第一季度报告是否经审计\n\n□是 否\n\n"
        "二、股东信息\n", encoding="utf-8")
    reply = ask(build_knowledge(tmp_path), "这份一季报审计了没")
    assert "未经审计" in reply and "经过审计）" not in reply


def test_a_dividend_yes_no_question_reads_the_plan(kb: KnowledgeBase) -> None:
    assert "每10股派发现金红利3.2元" in ask(kb, "青松制药分红吗")


def test_the_contact_tables_columns_name_each_office(kb: KnowledgeBase) -> None:
    assert "周松" in ask(kb, "證券事務代表是誰")
    reply = ask(kb, "董秘是谁")  # 董秘 is in no sentence: an office, not an unknown name
    assert "林青" in reply and "周松" not in reply


def test_a_short_section_reads_on_into_its_subsections(kb: KnowledgeBase) -> None:
    reply = ask(kb, "青松制药主要做什么业务")
    assert reply.startswith("青松制药的愿景")
    assert "消费者健康业务。" in reply and "处方药覆盖心脑血管" in reply
    assert "营业收入" not in reply  # stops before the figures: titles longer than a subsection's


def test_a_label_is_read_on_to_what_it_names(kb: KnowledgeBase) -> None:
    reply = ask(kb, "提醒投资者关注的其他重要信息是什么")
    assert "院士工作站" in reply and "适用" not in reply


def test_a_story_question_reads_on_in_the_section(kb: KnowledgeBase) -> None:
    reply = ask(kb, "收购绿叶医药是怎么回事")
    assert "28%股份" in reply and "控股股东将变更为青松制药" in reply
    # Asked for the fact alone, the one sentence.
    assert "控股股东" not in ask(kb, "收购绿叶医药多少股份")


def test_the_auditors_fee_and_signing_accountants_are_fields(kb: KnowledgeBase) -> None:
    # The PDF reader writes the table's unit into each value ("现聘任 75万元"); a bare 75
    # is no fee to quote.
    fee = ask(kb, "青松24年给会计师事务所付了多少审计费")  # 青松 for 青松制药
    assert "75万元" in fee
    assert "王明、李华" in ask(kb, "青松年报的签字会计师是谁")


def test_the_parent_companys_ratio_is_from_its_own_statements(kb: KnowledgeBase) -> None:
    parent = ask(kb, "母公司的资产负债率多少")
    assert "母公司资产负债率（计算）：13.16%" in parent
    assert "资产负债率（计算）：20.00%" in ask(kb, "资产负债率多少")


def test_a_balance_grows_against_the_last_year_end(kb: KnowledgeBase) -> None:
    reply = ask(kb, "负债总额比上年末增加了百分之多少")
    assert "比2023年末增长（计算）：33.33%" in reply


def test_quick_ratio_asked_with_the_report_kind(kb: KnowledgeBase) -> None:
    assert "速动比率（计算）：2.67" in ask(kb, "24年年报青松速动比率多少")


@pytest.mark.parametrize(("question", "heading_word"), [
    ("青松制药所处的医药行业情况咋样", "行业"),
    ("青松制药2025年打算怎么干", "计划"),
])
def test_open_questions_in_followers_words(kb: KnowledgeBase, question: str,
                                          heading_word: str) -> None:
    from knowledge import sections
    topic = sections.asked_topic(question)
    assert topic is not None and heading_word in "".join(topic.headings)
