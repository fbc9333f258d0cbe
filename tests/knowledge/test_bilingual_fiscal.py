"""A bilingual Hong Kong annual report of a fiscal year to 31 March: row labels said in English
and Chinese, a note column headed "Note 附註", year-end balances under "2024年3月31日", and
questions naming the year as FY2024, 2023/24財年 or 截至2024年3月31日止年度."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from knowledge.facts import without_english

REPORT = """# 北辰控股有限公司 2023/2024年度報告

## 綜合全面虧損表

截至2024年3月31日止年度

| | Note 附註 | 2024年 人民幣千元 | 2023年 人民幣千元 |
|---|---|---|---|
| Revenue from contracts with customers 源自客戶合約的收入 | 6 | 854,741 | 750,914 |
| Cost of sales 銷售成本 | 9 | (339,814) | (335,350) |
| Selling and marketing expenses 銷售及營銷開支 | 9 | (437,773) | (386,855) |
| General and administrative expenses 一般及行政開支 | 9 | (184,889) | (165,725) |
| Research and development expenses 研發開支 | 9 | (350,870) | (303,329) |
| Loss for the year 年內虧損 | | (3,208,587) | (2,598,992) |
| – Basic and diluted －基本及攤薄 | 13 | (4.48) | (12.16) |

## 綜合財務狀況表

| | Note 附註 | 2024年3月31日 人民幣千元 | 2023年3月31日 人民幣千元 |
|---|---|---|---|
| Total non-current assets 非流動資產總值 | | 105,056 | 199,814 |
| Inventories 存貨 | 19 | 1,000 | 2,000 |
| Total current assets 流動資產總值 | | 1,801,334 | 1,594,771 |
| Total assets 資產總值 | | 1,906,390 | 1,794,585 |
| Total current liabilities 流動負債總額 | | 695,582 | 350,000 |
| Total liabilities 負債總額 | | 751,522 | 9,810,746 |
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("beichen-fy2024")
    (folder / "beichen-fy2024annual.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


def test_the_chinese_of_a_bilingual_label() -> None:
    assert without_english("Loss for the year 年內虧損") == "年內虧損"
    assert without_english("– Basic and diluted －基本及攤薄") == "基本及攤薄"
    assert without_english("收入 Revenue") == "收入"
    assert without_english("A股股东") == "A股股东"  # one letter is no English


def test_bilingual_rows_are_their_items_and_notes_no_figures(kb: KnowledgeBase) -> None:
    revenue = [f for f in kb.facts.facts if f.item == "营业收入"]
    assert {f.value for f in revenue} == {"854,741", "750,914"}
    assert not any(f.value in ("6", "9", "13") for f in kb.facts.facts)
    assert "4.48" in kb.answer("2024年每股虧損幾多").text


def test_a_fiscal_year_named_as_followers_do(kb: KnowledgeBase) -> None:
    for asked in ("FY2024收入幾多", "2023/24財年收入幾多", "2024財年收入幾多",
                  "截至2024年3月31日止年度收入幾多"):
        assert "854,741" in kb.answer(asked).text, asked
    assert "750,914" in kb.answer("FY2023收入幾多").text


def test_the_fiscal_year_s_end_is_the_year_s_end(kb: KnowledgeBase) -> None:
    assert "1,906,390" in kb.answer("2024年3月31日總資產幾多").text
    reply = kb.answer("於2024年3月31日流动比率几多").text
    assert "2.59" in reply and "计算" in reply


def test_an_item_s_own_name_with_率_is_its_ratio(kb: KnowledgeBase) -> None:
    reply = kb.answer("FY2024一般及行政開支率（佔收入）係幾多").text
    assert "21.63%" in reply and "计算" in reply
    assert "51.22%" in kb.answer("2024年銷售及營銷開支率幾多").text


def test_statement_blocks_without_a_header_take_the_one_above() -> None:
    """The reader cut a statement into blocks on one page: the first with the years (and a
    note column), the rest as label/value pairs, one with note numbers and one without."""
    from knowledge.facts import document_facts
    from knowledge.readers.model import Block, Document, Table

    first = Table("", "", ["", "Note 附註", "2024年 人民幣千元", "2023年 人民幣千元"],
                  [["Total current assets 流動資產總值", "", "1,801,334", "1,670,964"]])
    noted = Table("", "", [], [["Share capital 股本", "22", "49", "15"]], True)
    bare = Table("", "", [], [["Total equity 權益總額", "1,154,868", "-8,356,629"]], True)
    doc = Document("r.pdf", "pdf", 2, [
        Block("heading", 1, "綜合財務狀況表", 1),
        *(Block("table", 1, "", table=t) for t in (first, noted, bare))])
    facts = {(f.metric, f.period.year): f.value for f in document_facts(doc)}
    assert facts[("股本", 2023)] == "15" and facts[("股本", 2024)] == "49"
    assert facts[("权益总额", 2023)] == "-8,356,629"
    assert "22" not in facts.values()


def test_the_company_then_於_a_date(kb: KnowledgeBase) -> None:
    reply = kb.answer("北辰於2024年3月31日流動比率幾多").text
    assert "2.59" in reply and "计算" in reply


def test_a_widened_loss_asked_in_cantonese_is_an_amount(kb: KnowledgeBase) -> None:
    reply = kb.answer("北辰FY2024年內虧損比FY2023擴大咗幾多？").text
    assert "609,595" in reply and "计算" in reply


def test_months_named_as_a_range(kb: KnowledgeBase) -> None:
    assert "没有找到" in kb.answer("北辰2023年10月至12月嗰個季度收入幾多？").text
