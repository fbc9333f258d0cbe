"""What an annual report summary lets followers compute though it states no statement: a half
year or nine months from its quarters, a quarter against the one before (环比), one figure as
times the owners' profit, the net assets per share over the shares its dividend plan names, and
the dividend's total and payout ratio from 每10股派 and those shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from tests.knowledge.test_followup import ask_chain

REPORT = """# 青松制药股份有限公司 2022年年度报告摘要

证券代码：600999 证券简称：青松制药

## 一、重要提示

公司经本次董事会审议通过的利润分配预案为：以2022年末总股本98,834.60万股为基数，向全体股东每10股派发现金红利10元（含税），不以公积金转增股本。

## 二、公司基本情况

### 主要会计数据和财务指标

单位：元

| 项目 | 2022年末 | 2021年末 |
|---|---|---|
| 归属于上市公司股东的净资产 | 17,009,633,485.53 | 15,282,501,800.68 |

单位：元

| 项目 | 2022年 | 2021年 |
|---|---|---|
| 营业收入 | 18,079,461,482.75 | 15,319,993,634.64 |
| 归属于上市公司股东的净利润 | 2,448,802,103.34 | 2,046,867,982.56 |
| 经营活动产生的现金流量净额 | 3,006,375,016.25 | 1,870,515,968.48 |

### 分季度主要会计数据

单位：元

| 项目 | 第一季度 | 第二季度 | 第三季度 | 第四季度 |
|---|---|---|---|---|
| 营业收入 | 4,194,386,685.74 | 4,206,556,892.91 | 3,709,776,997.43 | 5,968,740,906.67 |
| 归属于上市公司股东的净利润 | 838,713,628.38 | 594,354,084.77 | 519,268,520.76 | 496,465,869.43 |

## 三、重要事项

报告期内，公司以现金方式受让华立医药集团有限公司及其一致行动人所持昆药集团股份有限公司28.06%的股份，交易完成后公司成为昆药集团的控股股东，双方将在渠道、品牌、产品研发和中药材资源等方面开展全面协同，本次交易已于报告期后完成过户登记，公司将继续推进整合工作，提升中药产业链的整体竞争力与盈利能力。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("qingsong-2022")
    (folder / "qingsong-2022summary.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


def test_a_half_year_and_nine_months_from_the_quarters(kb: KnowledgeBase) -> None:
    (half,) = ask_chain(kb, "青松22年上半年营收合计多少")
    assert "2022年上半年营业收入（计算，第一季度、第二季度之和）：8,400,943,578.65元" in half
    assert "2022年第一季度4,194,386,685.74元 + 2022年第二季度4,206,556,892.91元" in half
    (nine,) = ask_chain(kb, "前三季度归母净利润加起来多少")
    assert "（计算，第一季度、第二季度、第三季度之和）：1,952,336,233.91元" in nine


def test_a_quarter_against_the_one_before(kb: KnowledgeBase) -> None:
    (growth,) = ask_chain(kb, "22年第四季度营收环比第三季度增长多少")
    assert "2022年第四季度营业收入比2022年第三季度增长（计算）：60.89%" in growth
    (diff,) = ask_chain(kb, "第四季度营收比第三季度多多少")
    assert "增加（计算）：2,258,963,909.24元" in diff
    (before,) = ask_chain(kb, "第四季度营收环比增长多少")
    assert "比2022年第三季度增长（计算）：60.89%" in before


def test_times_the_profit_a_summary_states_for_the_owners_only(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "22年经营现金流是净利润的几倍")
    assert "之比（计算）：1.23倍 = 3,006,375,016.25元 ÷ 2,448,802,103.34元" in reply


def test_net_assets_per_share_over_the_shares_the_plan_names(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "青松2022年末每股净资产多少")
    assert "每股净资产（计算）：17.21元/股" in reply
    assert "÷ 总股本98,834.60万股" in reply


def test_the_dividend_total_and_payout_computed_from_the_plan(kb: KnowledgeBase) -> None:
    (per_ten,) = ask_chain(kb, "每10股派多少")
    assert "每10股派息为10元" in per_ten
    for question in ("这次分红一共要派多少钱", "分红总额多少"):
        (total,) = ask_chain(kb, question)
        assert "现金分红总额（计算：每10股派息10元 ÷ 10 × 总股本98,834.60万股）：" \
               "988,346,000.00元" in total, question
    (payout,) = ask_chain(kb, "派息率多少")
    assert "现金分红占净利润的比率（计算）：40.36%" in payout
    (plan,) = ask_chain(kb, "分红方案是什么")
    assert "利润分配预案" in plan and "计算" not in plan


def test_a_group_named_in_the_report_is_another_company(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "昆药集团2022年净利润多少")
    assert "没有找到" in reply and "昆药集团" in reply and "2,448,802,103.34" not in reply
