"""A tax credit in an A-share income statement: 所得税费用 written -2,249,185.89 lowers no
cost, it is negative, and the effective tax rate computed from it is negative too (a Hong
Kong statement's bracketed tax counts by its size: tests/knowledge/test_hk_statements.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from tests.knowledge.test_followup import ask_chain

REPORT = """# 青柏制药股份有限公司 2025年半年度报告

## 第十节 财务报告

### 合并利润表

单位：元 币种：人民币

| 项目 | 2025年半年度 | 2024年半年度 |
|---|---|---|
| 一、营业总收入 | 241,533,096.68 | 230,400,114.29 |
| 其中：营业收入 | 241,533,096.68 | 230,400,114.29 |
| 减：营业成本 | 61,148,497.55 | 60,000,000.00 |
| 销售费用 | 147,043,490.63 | 140,000,000.00 |
| 四、利润总额（亏损总额以“－”号填列） | 3,934,047.66 | 9,249,809.58 |
| 减：所得税费用 | -2,249,185.89 | 1,213,084.21 |
| 五、净利润（净亏损以“－”号填列） | 6,183,233.55 | 8,036,725.37 |
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("qingbai")
    (folder / "qingbai-2025h1.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


def test_a_tax_credit_gives_a_negative_effective_rate(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "青柏上半年实际税率多少")
    assert "实际税率（计算）：-57.17%" in reply
    assert "所得税费用-2,249,185.89元" in reply


def test_a_tax_expense_gives_a_positive_one(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "青柏2024年上半年实际税率多少")
    assert "实际税率（计算）：13.11%" in reply


HK = """# 松濤科技控股有限公司 二零一一年年報

## 綜合全面收益表

| | 二零一一年 港幣千元 | 二零一零年 港幣千元 |
|---|---|---|
| 收益 | 598,172 | 304,970 |
| 銷售成本 | (61,689) | (50,112) |
| 除稅前溢利 | 402,248 | 182,989 |
| 所得稅費用 | 1,972 | (12,458) |
| 本年度溢利 | 404,220 | 170,531 |
"""


@pytest.fixture(scope="module")
def hk(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("songtao")
    (folder / "songtao-2011annual.md").write_text(HK, encoding="utf-8")
    return build_knowledge(folder)


def test_a_bare_tax_among_bracketed_costs_is_a_credit(hk: KnowledgeBase) -> None:
    """The statement brackets its costs: 所得稅費用 1,972 (profit grows by it) is a credit,
    (12,458) the expense."""
    (credit,) = ask_chain(hk, "松濤2011年實際稅率")
    assert "实际税率（计算）：-0.49%" in credit and "1,972千港元（抵免）" in credit
    (expense,) = ask_chain(hk, "松濤2010年實際稅率")
    assert "实际税率（计算）：6.81%" in expense
