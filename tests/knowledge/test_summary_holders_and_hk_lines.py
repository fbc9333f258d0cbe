"""Holders tables a summary prints under another section's name, with names a narrow column
wrapped and rows whose empty cells shift their values; the count of shareholders named
without 普通股; and a Hong Kong interim whose statement of changes in equity states 期內溢利
in no unit, whose balance sheet has no totals, and whose questions run the company's name
into a year written in Chinese numerals."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from tests.knowledge.test_followup import ask_chain

SUMMARY = """# 青松制药股份有限公司 2023年半年度报告摘要

证券代码：600999 证券简称：青松制药

## 第二节 公司基本情况

### 2.3 公司基本情况（续）

单位：股

| 截至报告期末股东总数（户） | 28,078 |
|---|---|

| 前10名股东持股情况 | | | | |
|---|---|---|---|---|
| 股东名称（全称） | 报告期内增减 | 期末持股数量 | 比例(%) | 股东性质 |
| 林木 | 8,705,894 | 73,272,546 | 19.63 | 境内自然人 |
| 青松控股股份 | -3,560,700 | 26,439,300 | 7.08 | 境内非国 |
| 有限公司 | | | | 有法人 |
| 周青 | | 10,974,247 | 2.94 | 境内自然人 |

上述股东关联关系或一致行动的说明：林木与周青为一致行动人，公司未知其他股东之间是否存在关联关系或为一致行动关系。
"""

HK = """# 松青國際藥業控股有限公司 二零零八年中期報告

## 簡明綜合收益表

| | 截至六月三十日止六個月 二零零八年 港幣千元 | 二零零七年 港幣千元 |
|---|---|---|
| 營業額 | 277,060 | 204,018 |
| 本公司股東應佔盈利 | 42,445 | 43,397 |
| 每股盈利－基本 | 9.21港仙 | 10.48港仙 |

## 簡明綜合資產負債表

| | 二零零八年六月三十日 港幣千元 | 二零零七年十二月三十一日 港幣千元 |
|---|---|---|
| 非流動資產總值 | 524,747 | 326,412 |
| 流動資產合計 | 195,490 | 334,215 |
| 流動負債合計 | 49,886 | 63,510 |
| 資產淨值 | 670,351 | 597,117 |

## 簡明綜合權益變動表

| | 股本 | 保留溢利 | 合計 |
|---|---|---|---|
| 期內溢利 | – | 43,397 | 43,397 |
| 期內溢利 | – | 42,445 | 42,445 |
"""


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("qingsong-2023h1")
    (folder / "qingsong-2023h1summary.md").write_text(SUMMARY, encoding="utf-8")
    return build_knowledge(folder)


@pytest.fixture(scope="module")
def hk(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("songqing-2008i")
    (folder / "songqing-2008interim.md").write_text(HK, encoding="utf-8")
    return build_knowledge(folder)


def test_holders_under_another_heading_wrapped_and_shifted(summary: KnowledgeBase) -> None:
    (total,) = ask_chain(summary, "前三大股东合计持股比例")
    assert total.startswith("前3名股东合计持股比例（计算）：29.65% = 林木19.63% + "
                            "青松控股股份有限公司7.08% + 周青2.94%")
    (third,) = ask_chain(summary, "第三大股东系边个")
    assert "周青" in third and "2.94%" in third and "10,974,247" in third


def test_the_count_of_shareholders_without_the_word_for_ordinary(summary: KnowledgeBase) -> None:
    for question in ("截至报告期末股东总户数", "有多少股东"):
        (reply,) = ask_chain(summary, question)
        assert "28,078" in reply and "计算" not in reply, question


def test_a_margin_over_the_owners_profit_not_the_equity_statements_line(
        hk: KnowledgeBase) -> None:
    now, before = ask_chain(hk, "松青上半年净利率多少", "那上年同期呢")
    assert "净利率（计算）：15.32% = 本公司股东应占盈利42,445千港元 ÷ 营业额277,060千港元" in now
    assert "21.27%" in before


def test_total_assets_and_the_debt_ratio_of_a_sheet_without_totals(hk: KnowledgeBase) -> None:
    (assets,) = ask_chain(hk, "松青二零零八年六月底總資產係幾多")
    assert "2008年6月末资产总计（计算）：720,237千港元" in assets
    (ratio,) = ask_chain(hk, "6月30日负债总额占资产总额的比例")
    assert "资产负债率（计算）：6.93%" in ratio


def test_a_holder_and_those_acting_with_it(summary: KnowledgeBase) -> None:
    (ratio,) = ask_chain(summary, "林木和他的一致行动人合计持股比例是多少")
    assert ratio.startswith(
        "林木及其一致行动人合计持股比例（计算）：22.57% = 林木19.63% + 周青2.94%")
    (shares,) = ask_chain(summary, "林木跟一致行动人一共持有多少股")
    assert "合计持股（计算）：84,246,793股 = 林木73,272,546" in shares


def test_earnings_per_share_written_in_cents_in_the_cell(hk: KnowledgeBase) -> None:
    (reply,) = ask_chain(hk, "上半年每股盈利幾多")
    assert "基本每股收益为9.21港仙。" in reply
