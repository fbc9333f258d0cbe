"""A company asked by the name in its web address ("Ernest Borel" for 依波路, www.ernestborel.ch),
an A+B share's short names read apart, one item's share of several items' sum, an item over
itself of another period in times, and question wordings: "算下来", "整体", "（含少数股东）",
"变了多少"."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from knowledge.identity import read_identity

HK = """# 松柏控股有限公司

（於百慕達註冊成立之有限公司）

（股份代號：256）

## 公司資料

公司網頁

www.songbaiwatch.ch

## 綜合損益及其他全面收益表

截至2019年12月31日止年度

| | 2019年 千港元 | 2018年 千港元 |
|---|---|---|
| 收入 | 141,518 | 171,806 |
| 銷售成本 | (85,659) | (95,874) |
| 毛利 | 55,859 | 75,932 |
| 銷售及分銷開支 | (60,000) | (70,000) |
| 行政開支 | (52,340) | (61,674) |
| 研發開支 | (10,000) | (8,000) |
| 年度虧損 | (79,047) | (97,666) |
"""

A_SHARE = """# 星河制药股份有限公司 2026年第一季度报告

公司代码：600999 900999 公司简称：星河制药 星河B

## 一、主要财务数据

单位：元 币种：人民币

| 项目 | 本报告期 | 上年同期 | 本报告期比上年同期增减变动幅度(%) |
|---|---|---|---|
| 营业收入 | 8,140,565,320.77 | 7,205,611,122.72 | 12.98 |
| 归属于上市公司股东的净利润 | 2,000,000,000.00 | 1,800,000,000.00 | 11.11 |

## 二、合并利润表

2026年1—3月

单位：元 币种：人民币

| 项目 | 2026年第一季度 | 2025年第一季度 |
|---|---|---|
| 营业收入 | 8,140,565,320.77 | 7,205,611,122.72 |
| 销售费用 | 2,196,612,842.37 | 2,000,000,000.00 |
| 管理费用 | 617,633,379.37 | 600,000,000.00 |
| 研发费用 | 1,650,624,680.45 | 1,533,207,293.28 |
| 利息收入 | 322,964,432.69 | 77,065,178.29 |
| 所得税费用 | 332,841,612.70 | 434,952,986.44 |
| 净利润 | 2,489,882,179.70 | 2,112,264,516.35 |
| 归属于母公司股东的净利润 | 2,000,000,000.00 | 1,800,000,000.00 |
| 少数股东损益 | 489,882,179.70 | 312,264,516.35 |
"""


@pytest.fixture(scope="module")
def hk(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("songbai")
    (folder / "songbai-2019annual.md").write_text(HK, encoding="utf-8")
    return build_knowledge(folder)


@pytest.fixture(scope="module")
def star(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("star-2026q1")
    (folder / "star-2026q1.md").write_text(A_SHARE, encoding="utf-8")
    return build_knowledge(folder)


def test_the_company_s_web_address_names_it() -> None:
    ident = read_identity("松柏控股有限公司\n公司網頁\nwww.songbaiwatch.ch\n")
    assert ident.site == "songbaiwatch"
    assert "songbaiwatch" in ident.aliases()
    # An exchange's site a report points to is not the company's.
    other = read_identity("星河制药股份有限公司\n公司披露年度报告的证券交易所网址 www.sse.com.cn\n"
                          "公司网址 https://www.xinghepharma.com\n")
    assert other.site == "xinghepharma"


def test_the_web_name_asked_with_spaces_is_the_company(hk: KnowledgeBase) -> None:
    reply = hk.answer("Songbai Watch 2019年營收幾多？").text
    assert "141,518" in reply and "没有找到" not in reply
    reply = hk.answer("songbaiwatch 2019年淨虧損率幾多%").text
    assert "55.86%" in reply and "计算" in reply
    # Another company's name is still refused.
    assert "没有找到" in hk.answer("Rolex 2019年營收幾多？").text


def test_an_a_and_b_share_s_short_names_are_read_apart() -> None:
    ident = read_identity("公司代码：600999 900999 公司简称：星河制药 星河B\n")
    assert ident.short == "星河制药"


def test_an_item_s_share_of_several_items_sum(hk: KnowledgeBase, star: KnowledgeBase) -> None:
    reply = hk.answer("2019年研發開支佔銷售+行政+研發三項開支總和嘅比例幾多？").text
    # 10,000 / (60,000 + 52,340 + 10,000)
    assert "8.17%" in reply and "计算" in reply
    reply = star.answer("一季度銷售、管理、研發三項費用加埋，銷售費用佔咗幾多？").text
    # 2,196,612,842.37 / (2,196,612,842.37 + 617,633,379.37 + 1,650,624,680.45)
    assert "49.20%" in reply and "计算" in reply


def test_an_item_over_itself_of_another_period(star: KnowledgeBase) -> None:
    reply = star.answer("26年一季度利息收入係去年同期嘅幾倍？").text
    assert "4.19倍" in reply and "计算" in reply and "77,065,178.29" in reply


def test_question_wordings(star: KnowledgeBase) -> None:
    reply = star.answer("一季度期间费用率算下来是多少？").text
    assert "计算" in reply and "没有找到" not in reply
    reply = star.answer("一季度所得稅費用同比變咗幾多？").text
    assert "23.48%" in reply and "计算" in reply
    reply = star.answer("一季度净利润（合并口径，含少数股东）多少？").text
    assert "2,489,882,179.70" in reply
    reply = star.answer("一季度少数股东损益占净利润的比例多少").text
    assert "19.67%" in reply and "计算" in reply
