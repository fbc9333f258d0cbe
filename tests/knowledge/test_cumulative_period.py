"""年初至报告期末 in a quarterly report's columns: the months from January to the report's end."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from knowledge.facts import Period, parse_period, table_facts
from knowledge.figures import question_period
from knowledge.readers.model import Table
from tests.knowledge.test_followup import ask_chain


def test_year_to_date_of_a_third_quarter_report_is_nine_months() -> None:
    base = Period(2025, "Q3")
    assert parse_period("年初至报告期末", base)[0] == Period(2025, "9M")
    assert parse_period("本报告期", base)[0] == Period(2025, "Q3")
    assert parse_period("合并年初到报告期末利润表 本期发生额", base)[0] == Period(2025, "9M")
    assert parse_period("合并年初到报告期末利润表 上期发生额", base)[0] == Period(2024, "9M")


def test_year_to_date_change_column_is_a_change() -> None:
    period, _, what = parse_period("年初至报告期末比上年同期增减", Period(2025, "Q3"))
    assert what == "change"
    assert period == Period(2025, "9M")  # this year's change, as 本报告期比上年同期增减


def test_year_to_date_of_a_half_year_report_is_the_half() -> None:
    assert parse_period("年初至报告期末", Period(2024, "Q2"))[0] == Period(2024, "H1")


def _periods(table: Table, base: Period) -> dict[str, str]:
    return {f.value: f.period.key for f in table_facts(table, base) if f.metric == "营业收入"}


def test_last_years_column_right_of_the_year_to_date_is_last_years_nine_months() -> None:
    header = ["项目", "本报告期", "上年同期", "本报告期比上年同期增减", "年初至报告期末",
              "上年同期", "年初至报告期末比上年同期增减"]
    row = ["营业收入", "7,176", "5,634", "27.37%", "21,986", "19,740", "11.38%"]
    got = _periods(Table("主要会计数据和财务指标", "元", header, [row], False), Period(2025, "Q3"))
    assert got["7,176"] == "2025Q3" and got["5,634"] == "2024Q3"
    assert got["21,986"] == "20259M" and got["19,740"] == "20249M"


def test_a_year_to_date_statement_holds_nine_months() -> None:
    table = Table("合并年初到报告期末利润表", "元", ["项目", "本期发生额", "上期发生额"],
                  [["营业收入", "21,986", "19,740"]], False)
    got = _periods(table, Period(2025, "Q3"))
    assert got == {"21,986": "20259M", "19,740": "20249M"}


def test_a_balance_at_the_third_quarters_end_is_the_nine_months_end() -> None:
    assert Period(2025, "Q3", True) == Period(2025, "9M", True)
    assert Period(2025, "Q3") != Period(2025, "9M")  # flows of a quarter and of nine months


def test_a_question_on_the_year_to_date_reads_the_nine_months() -> None:
    base = Period(2025, "Q3")
    assert question_period("年初至今营收多少", base) == Period(2025, "9M")
    assert question_period("今年以来净利润", base) == Period(2025, "9M")
    assert question_period("年初总资产", base) == Period(2024, "", True)  # still the opening
    assert question_period("第三季度单季营收", base) == Period(2025, "Q3")


def test_a_total_row_is_named_by_what_its_table_adds_up() -> None:
    table = Table("（二）非经常性损益项目和金额", "元", ["项目", "本报告期金额"],
                  [["计入当期损益的政府补助", "39,937,851.04"], ["合计", "19,816,362.01"]], False)
    metrics = {f.value: f.metric for f in table_facts(table, Period(2023, "Q1"))}
    assert metrics["19,816,362.01"] == "非经常性损益合计"
    sheet = Table("1、合并资产负债表", "元", ["项目", "期末余额"], [["合计", "1.00"]], False)
    assert [f.metric for f in table_facts(sheet, Period(2023, "Q1"))] == ["合计"]


Q3_REPORT = """# 青柏制药股份有限公司 2024年第三季度报告

## 一、主要财务数据

### （一）主要会计数据和财务指标

单位：元 币种：人民币

| 项目 | 本报告期 | 本报告期比上年同期增减(%) | 年初至报告期末 | 年初至报告期末比上年同期增减(%) |
|---|---|---|---|---|
| 营业收入 | 172,965,736.96 | 17.32 | 418,931,219.77 | 4.00 |
| 归属于上市公司股东的净利润 | 21,307,271.49 | 6,028.76 | 30,770,165.28 | 807.59 |

### （三）主要会计数据、财务指标发生变动的情况、原因

| 项目名称 | 变动比例（%） | 主要原因 |
|---|---|---|
| 归属于上市公司股东的净利润_本报告期 | 6,028.76 | 主要系营业收入增加及公允价值变动收益增加所致； |
| 归属于上市公司股东的净利润_年初至报告期末 | 807.59 | 主要系处置酒店公司股权投资收益增加所致； |

## 四、季度财务报表

### 合并资产负债表

单位：元 币种：人民币

| 项目 | 2024年9月30日 | 2023年12月31日 |
|---|---|---|
| 资产总计 | 1,859,779,651.33 | 2,108,551,141.95 |
| 负债合计 | 340,082,867.62 | 470,124,616.50 |
"""


@pytest.fixture(scope="module")
def q3(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("qingbai-q3")
    (folder / "qingbai-2024q3.md").write_text(Q3_REPORT, encoding="utf-8")
    return build_knowledge(folder)


def test_a_quarters_share_of_the_nine_months(q3: KnowledgeBase) -> None:
    """"第三季度营收占前三季度的比重": the quarter's column over the year-to-date one — never
    a figure over itself."""
    kb = q3
    for question in ("第三季度营收占前三季度的比重", "三季度营收占前三季度营收的比例"):
        reply = kb.answer(question).text
        assert "41.29%" in reply and "172,965,736.96元 ÷ 418,931,219.77元" in reply, reply


def test_a_balance_ratio_at_the_quarters_end_against_the_year_end(q3: KnowledgeBase) -> None:
    """"资产负债率比年初变化多少" in a third-quarter report: at 9月末 (balances, not the nine
    months' flows), against the last year's end — its balance sheet states no balance of a
    year ago."""
    reply = q3.answer("资产负债率比年初变化多少").text
    assert "2024年9月末资产负债率比2023年末下降（计算）：4.01个百分点" in reply, reply


def test_a_balance_of_a_quarters_report_is_said_at_its_end(q3: KnowledgeBase) -> None:
    """A balance asked without a period is the balance sheet's at the quarter's end: named
    "2024年9月末", not "前三季度" as a flow of the nine months would be."""
    reply = q3.answer("负债合计多少").text
    assert reply.startswith("2024年9月末负债合计为340,082,867.62元"), reply


Q1_REPORT = """# 青柏制药股份有限公司 2024年第一季度报告

## 一、主要财务数据

### （三）主要会计数据和财务指标发生变动的情况及原因

| 项目 | 本报告期末/本报告期 | 上年度末/上年同期 | 变动比率 | 变动原因 |
|---|---|---|---|---|
| 投资收益 | 2,167,408.30 | 3,109,807.25 | -30.30% | 主要是本期联营公司投资收益减少导致。 |

## 三、季度财务报表

### 合并利润表

单位：元 币种：人民币

| 项目 | 2024年第一季度 | 2023年第一季度 |
|---|---|---|
| 营业收入 | 7,294,070,557.82 | 6,352,408,318.71 |
| 投资收益 | 2,167,408.30 | 3,109,807.25 |
"""


def test_the_line_stating_its_unit_before_a_unitless_table(tmp_path: Path) -> None:
    """A table of changes and their reasons states no unit: the statement's line saying 元
    answers (with its conversion), not the bare number."""
    (tmp_path / "qingbai-2024q1.md").write_text(Q1_REPORT, encoding="utf-8")
    reply = build_knowledge(tmp_path).answer("投资收益多少").text
    assert "2,167,408.30元" in reply, reply


def test_the_reason_of_a_rows_period_in_the_table_of_changes(q3: KnowledgeBase) -> None:
    """The template's "X_本报告期" / "X_年初至报告期末" rows give each period's reason: "为什么"
    after the quarter's figure reads the quarter's row, after the nine months' the other."""
    _, quarter = ask_chain(q3, "第三季度归母净利润", "为什么增长这么多")
    assert "公允价值变动收益增加" in quarter and "酒店" not in quarter, quarter
    _, nine = ask_chain(q3, "前三季度归母净利润", "为什么")
    assert "处置酒店公司股权投资收益增加" in nine, nine
