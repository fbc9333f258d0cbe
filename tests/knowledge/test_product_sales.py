"""A product line's sales as a Hong Kong chairman writes them: "保健藥品" is a product of the
report, not a word naming its company although the chairman's lines name it beside 本集團; its
sales are the sentence stating the amount (in words), not the one stating its share (約27%),
and not the table row of all the medicines (藥品銷售). A year asked as a follow-up ("07年呢")
in a report writing years in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from tests.knowledge.test_followup import ask_chain

REPORT = """# 松濤醫藥控股有限公司 二零零八年年報

## 主席報告

本人欣然向各位股東提呈松濤醫藥控股有限公司二零零八年之年報。

當中保健藥品的銷售更大幅提高，證明本集團發展保健藥品的策略是正確的。

## 管理層討論及分析

本集團於二零零八年推出二十一種保健藥品，合共銷售額約港幣一億一千四百萬元，相對二零零七年的港幣八千三百萬元，約有37%的增長。二零零八年推出注射液產品共七十一種，銷售額約港幣三億八百萬元，相對二零零七年的約港幣三億二千八百萬元，約有6%的下滑。

保健藥品佔本集團總銷售額約27%，注射液產品則佔本集團總銷售額約73%。

## 執行董事

鍾先生，本集團主席。過往多年，鍾先生一直參與保健相關業務，於藥品生產管理方面有逾8年經驗；彼於一九九六年創辦本集團。

## 僱員及薪酬政策

於二零零八年十二月三十一日，本集團之員工總人數為114人（二零零七年十二月：134人）。本集團會定期檢討員工薪酬及福利。

## 退休福利計劃

本集團為其僱員提供退休福利。

## 營業額

| | 二零零八年 港幣千元 | 二零零七年 港幣千元 |
|---|---|---|
| 藥品銷售 | 422,321 | 411,990 |
| 銷售成本 | (312,307) | (250,113) |
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("songtao")
    (folder / "songtao-2008annual.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


def test_a_product_line_is_no_company_word(kb: KnowledgeBase) -> None:
    assert "保健" not in kb.company_text
    assert "松涛医药" in kb.company_text


def test_its_sales_are_the_amount_not_its_share(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "松濤2008年保健藥品銷售額幾多")
    assert "一億一千四百萬元" in reply
    assert "422,321" not in reply


def test_its_growth_is_its_own_not_all_medicines(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "松濤2008年保健藥品銷售增長幾多")
    assert "37%" in reply
    assert "计算" not in reply


def test_a_year_follow_up_in_a_report_writing_years_in_words(kb: KnowledgeBase) -> None:
    """"07年呢" after a count: the report writes 二零零七年, no token "2007年", yet the year is
    its own; the count asked before (幾多員工) is still what is asked."""
    replies = ask_chain(kb, "松濤2008年有幾多員工", "07年呢")
    assert "114人" in replies[0]
    assert "134人" in replies[1]
    # Another conversation asking the same words after another figure is answered for it.
    assert "411,990" in ask_chain(kb, "松濤2008年藥品銷售幾多", "07年呢")[1]


def test_what_a_product_sold_is_its_sales(kb: KnowledgeBase) -> None:
    """"賣咗幾多": 卖 is how followers say 销售 (and 销量: tests/commands' BYD fixture)."""
    (reply,) = ask_chain(kb, "松濤2008年保健藥品賣咗幾多")
    assert "一億一千四百萬元" in reply
    sold = next(g for g in kb.analyzer.analyze("保健药品卖了多少").groups if g.word == "卖")
    assert {"销售", "销量"} <= set(sold.alts)
