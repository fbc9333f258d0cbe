"""Figures followers ask as a sum or a difference of items ("销售费用和管理费用加起来多少",
"归母净利润比扣非多多少"), the top holders' total share ("前十大股东合计持股比例"), a holder by
place ("第二大股东系边个") and the number of shareholders ("有多少股东"): computed figures say
so and show every input as the report writes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from tests.knowledge.test_followup import ask_chain

REPORT = """# 青松制药股份有限公司 2023年第一季度报告

证券代码：600999 证券简称：青松制药

青松制药股份有限公司主要从事中成药的研发、生产和销售。

## 一、主要财务数据

### （一）主要会计数据和财务指标

单位：元 币种：人民币

| 项目 | 本报告期 | 本报告期比上年同期增减变动幅度(%) |
|---|---|---|
| 营业收入 | 108,259,512.44 | -9.18 |
| 归属于上市公司股东的净利润 | 4,680,935.36 | 35.12 |
| 归属于上市公司股东的扣除非经常性损益的净利润 | 2,350,427.63 | 12.40 |

## 二、股东信息

### 普通股股东总数和前十名股东持股情况表

单位：股

| 报告期末普通股股东总数 | 32,217 |
|---|---|

| 股东名称 | 股东性质 | 持股数量 | 持股比例(%) |
|---|---|---|---|
| 青松控股有限公司 | 境内非国有法人 | 73,272,546 | 19.63 |
| 林木 | 境内自然人 | 10,974,247 | 2.94 |
| 周青 | 境内自然人 | 5,011,300 | 1.34 |

## 三、季度财务报表

### 合并资产负债表

单位：元 币种：人民币

| 项目 | 2023年3月31日 | 2022年12月31日 |
|---|---|---|
| 货币资金 | 533,837,578.42 | 434,494,622.22 |
| 交易性金融资产 | 105,667,220.96 | 145,140,498.91 |
| 负债合计 | 331,707,963.88 | 326,004,112.57 |

### 合并利润表

单位：元 币种：人民币

| 项目 | 2023年第一季度 | 2022年第一季度 |
|---|---|---|
| 营业收入 | 108,259,512.44 | 119,199,841.13 |
| 销售费用 | 61,913,455.70 | 69,157,562.53 |
| 管理费用 | 17,708,438.35 | 13,771,190.32 |
| 归属于母公司股东的净利润 | 4,680,935.36 | 3,464,310.12 |
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("qingsong-q1")
    (folder / "qingsong-2023q1.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


def test_two_items_summed_and_the_same_sum_of_last_year(kb: KnowledgeBase) -> None:
    now, before = ask_chain(kb, "一季度销售费用和管理费用加起来多少", "那上年同期呢")
    assert "2023年第一季度销售费用、管理费用合计（计算）：79,621,894.05元" in now
    assert "销售费用61,913,455.70元 + 管理费用17,708,438.35元" in now
    assert "2022年第一季度销售费用、管理费用合计（计算）：82,928,752.85元" in before


def test_an_item_named_short_before_the_join(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "销售和管理费用合计多少")
    assert "合计（计算）：79,621,894.05元" in reply


def test_two_balances_summed_at_the_end_and_at_the_start(kb: KnowledgeBase) -> None:
    now, start = ask_chain(kb, "青松货币资金加交易性金融资产一共多少", "年初呢")
    assert "2023年3月末货币资金、交易性金融资产合计（计算）：639,504,799.38元" in now
    assert "2022年末货币资金、交易性金融资产合计（计算）：579,635,121.13元" in start


def test_one_item_less_another(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "归母净利润比扣非净利润多多少")
    assert "（计算）：2,330,507.73元" in reply
    assert "归属于上市公司股东的净利润4,680,935.36元 − " in reply


def test_a_total_item_and_a_change_are_not_sums(kb: KnowledgeBase) -> None:
    (total,) = ask_chain(kb, "负债合计多少")
    assert "331,707,963.88元" in total and "计算" not in total
    (change,) = ask_chain(kb, "营业收入比上年多多少")
    assert "10,940,328.69元" in change and "合计" not in change


def test_more_earned_than_last_year(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "青松一季度归母净利润同比多赚了多少钱")
    assert "增加（计算）：1,216,625.24元" in reply


def test_the_top_holders_total_share(kb: KnowledgeBase) -> None:
    (three,) = ask_chain(kb, "青松前三大股东合计持股比例多少")
    assert three.startswith(
        "前3名股东合计持股比例（计算）：23.91% = 青松控股有限公司19.63% + 林木2.94%")
    # The table read lists three holders: no sum of "ten" from them.
    (ten,) = ask_chain(kb, "前十大股东合计持股比例多少")
    assert "计算" not in ten and ten.startswith("前3名股东：")


def test_a_holder_by_place_and_its_stake_after(kb: KnowledgeBase) -> None:
    second, stake = ask_chain(kb, "第二大股东系边个", "佢持股比例几多")
    assert second.startswith("第二大股东为林木（境内自然人），持股比例2.94%")
    assert "林木" in stake and "2.94%" in stake and "19.63" not in stake
    (first,) = ask_chain(kb, "青松第一大股东系边个，持股几多")
    assert first.startswith("第一大股东为青松控股有限公司") and "19.63%" in first


def test_how_many_shareholders(kb: KnowledgeBase) -> None:
    for question in ("青松制药有多少股东", "有几多股东", "股东人数"):
        (reply,) = ask_chain(kb, question)
        assert "32,217" in reply, question


def test_a_sums_share_of_another_item(kb: KnowledgeBase) -> None:
    for question in ("销售费用和管理费用加起来占营收多少", "销售和管理费用占营业收入的比例"):
        (reply,) = ask_chain(kb, question)
        assert "销售费用、管理费用合计占营业收入的比重（计算）：73.55% = (" \
               "销售费用61,913,455.70元 + 管理费用17,708,438.35元) ÷ 营业收入108,259,512.44元" \
               in reply, question
    (each,) = ask_chain(kb, "销售费用和管理费用分别占营收多少")
    assert "合计" not in each


def test_the_first_few_holders_listed(kb: KnowledgeBase) -> None:
    (two,) = ask_chain(kb, "前两大股东是谁")
    assert two == ("前2名股东：1. 青松控股有限公司 19.63%；2. 林木 2.94%。"
                   + two[two.index("（来源"):])
