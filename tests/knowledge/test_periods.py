"""Several periods of one company in one folder (issue 14): the newest report is the default
period, 去年/上一季度/前三季度 are read against it, a named period picks its report before
ranking, an uncovered period is refused naming what is covered, and cross-period questions
are answered from the facts with a source per figure.

Three small reports of a made-up bank are drawn with reportlab (tests/readers/pdfgen.py) and
go through the real readers and build; the real reports are tested the same way below.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest

from knowledge import Context, Library, build_library
from tests.knowledge.test_facts_real import real_report
from tests.readers.pdfgen import Page, make_pdf

NAME = "澄江银行股份有限公司"
WIDTHS = [170, 110, 110, 110]


def cover(title: str) -> object:
    def draw(page: Page) -> None:
        page.text("证券代码：600999    证券简称：澄江银行")
        page.text(NAME, size=16)
        page.text(title, size=16)
    return draw


def body(heading: str, rows: list[list[str]], sentence: str) -> object:
    def draw(page: Page) -> None:
        page.text("一、主要会计数据和财务指标")
        page.text("单位：人民币百万元")
        page.table(rows, [w for w in WIDTHS[: len(rows[0])]])
        page.text(heading)
        page.wrapped(sentence)
    return draw


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder = tmp_path_factory.mktemp("periods")
    make_pdf(folder / "cj-2021.pdf", [cover("2021年年度报告"), body("二、经营情况", [
        ["项目", "2021年", "2020年", "2019年"],
        ["营业收入", "1,200", "1,000", "950"],
        ["资产总额", "8,000", "7,500", "7,000"],
    ], "报告期末，本行营业网点数量为100家，覆盖全省主要城市。")])
    make_pdf(folder / "cj-2022h1.pdf", [cover("2022年半年度报告"), body("二、经营情况", [
        ["项目", "2022年1-6月", "2021年1-6月"],
        ["营业收入", "600", "550"],
    ], "报告期末，本行营业网点数量为110家，覆盖全省主要城市。")])
    make_pdf(folder / "cj-2023q1.pdf", [cover("2023年第一季度报告"), body("二、经营情况", [
        ["项目", "2023年1-3月", "2022年1-3月"],
        ["营业收入", "330", "300"],
    ], "报告期末，本行营业网点数量为120家，覆盖全省主要城市。"), body("三、规模指标", [
        ["项目", "2023年3月31日", "2022年12月31日"],
        ["资产总额", "9,000", "8,800"],
    ], "本行坚持稳健经营。")])
    return build_library(folder)


def ask(library: Library, *questions: str) -> list[str]:
    context: Context | None = None
    out = []
    for q in questions:
        answer = library.answer(q, context)
        context = answer.context
        out.append(answer.text)
    return out


def test_one_company_three_periods_is_one_shelf(bank: Library) -> None:
    assert len(bank.shelves) == 1
    coverage = bank.coverage()
    assert "2021年年度报告" in coverage and "2022年半年度报告" in coverage
    assert "2023年第一季度报告" in coverage


def test_the_newest_report_is_the_default_period(bank: Library) -> None:
    (text,) = ask(bank, "营业收入多少")
    assert "330" in text and "2023年第一季度" in text and "cj-2023q1.pdf" in text


def test_a_figure_asked_with_no_period_gives_every_report_s_own(bank: Library) -> None:
    """The newest report's figure first (the default period), then each other report's
    figure for its own period, newest first, each with its source."""
    answer = bank.answer("营业收入多少")
    head, other, *rest = answer.text.splitlines()
    assert "330" in head and "cj-2023q1.pdf" in head
    assert other == "其他报告期："
    assert len(rest) == 2
    assert "600" in rest[0] and "2022年上半年" in rest[0] and "cj-2022h1.pdf" in rest[0]
    assert "1,200" in rest[1] and "2021年" in rest[1] and "cj-2021.pdf" in rest[1]
    # A sentence's figure the same way: the newest report's, then the others'.
    text = bank.answer("营业网点数量有多少家").text
    assert text.index("120家") < text.index("其他报告期") < text.index("110家") \
        < text.index("100家"), text


def test_a_follow_up_is_read_against_every_figure_given(bank: Library) -> None:
    first = bank.answer("营业收入多少")
    stored = Context.from_dict(json.loads(json.dumps(first.context.to_dict())))  # as in Redis
    texts = [first.text, bank.answer("去年同期呢", stored).text]
    assert "300" in texts[1] and "2022年第一季度" in texts[1]
    # 2022年上半年's year before is 2021年上半年 (550); the annual report's, 2020年 (1,000).
    assert "550" in texts[1] and "1,000" in texts[1], texts[1]


@pytest.mark.parametrize("question", ["2021年营收", "2022年上半年营收", "2020年营收多少"])
def test_a_named_period_gives_no_other_reports(bank: Library, question: str) -> None:
    assert "其他报告期" not in bank.answer(question).text


def test_a_balance_is_given_for_each_report_stating_one(bank: Library) -> None:
    # 资产总额 at 2023年3月末 is in the newest report, 2021年末 in the annual one; the
    # half-year report states none.
    text = bank.answer("资产总额多少").text
    assert text.index("9,000") < text.index("其他报告期") < text.index("8,000"), text
    assert "cj-2022h1.pdf" not in text


@pytest.mark.parametrize(("question", "value", "period"), [
    ("去年同期营收多少", "300", "2022年第一季度"),
    ("去年末资产总额", "8,800", "2022年末"),
])
def test_relative_periods_are_read_against_the_newest_report(
        bank: Library, question: str, value: str, period: str) -> None:
    (text,) = ask(bank, question)
    assert value in text and period in text, text


@pytest.mark.parametrize(("question", "what"), [
    ("上一季度营收多少", "2022年第四季度"),
    ("前三季度营收", "2023年前三季度"),
    ("2024年营收多少", "2024年"),
])
def test_a_period_no_report_states_is_refused_naming_the_coverage(
        bank: Library, question: str, what: str) -> None:
    answer = bank.answer(question)
    assert answer.refused and "没有找到" in answer.text and f"「{what}」" in answer.text
    assert "2021年年度报告" in answer.text and "2023年第一季度报告" in answer.text
    assert answer.outside is None  # a period, not another company


def test_a_named_year_is_read_against_the_report_on_it(bank: Library) -> None:
    # 2021 is a full year (the annual report), not 2021 Q1 as the newest report would read it.
    (text,) = ask(bank, "2021年营收")
    assert "1,200" in text and "cj-2021.pdf" in text


def test_a_year_only_a_later_report_states_says_where_it_comes_from(bank: Library) -> None:
    (text,) = ask(bank, "2020年营收多少")
    assert "1,000" in text and "取自2021年年度报告" in text


def test_a_follow_up_period_is_read_against_the_last_figure(bank: Library) -> None:
    texts = ask(bank, "2022年上半年营收", "那去年同期呢", "2023年一季度呢")
    assert "600" in texts[0] and "550" in texts[1] and "330" in texts[2]


def test_recent_years_give_each_figure_with_its_own_source(bank: Library) -> None:
    (text,) = ask(bank, "近三年营收")
    lines = text.splitlines()
    assert [next(v for v in ("1,200", "1,000", "950") if v in line) for line in lines[1:]] \
        == ["950", "1,000", "1,200"]
    assert all("来源：cj-2021.pdf" in line for line in lines[1:])


def test_two_periods_compared_come_from_their_reports(bank: Library) -> None:
    (text,) = ask(bank, "2022年一季度和2023年一季度营收对比")
    assert "300" in text and "330" in text and "10.00%" in text and "计算" in text


def test_the_fastest_growing_year_is_computed(bank: Library) -> None:
    (text,) = ask(bank, "哪一年营收增长最快")
    assert text.startswith("2021年") and "+20.00%" in text and "+5.26%" in text


@pytest.mark.parametrize(("question", "value", "document"), [
    ("营业网点数量有多少家", "120", "cj-2023q1.pdf"),
    ("2021年营业网点数量有多少家", "100", "cj-2021.pdf"),
    ("2022年上半年营业网点数量", "110", "cj-2022h1.pdf"),
])
def test_a_named_period_picks_its_report_before_ranking(
        bank: Library, question: str, value: str, document: str) -> None:
    answer = bank.answer(question)
    assert f"{value}家" in answer.text and {p.document for p, _ in answer.matches[:1]} == {
        document}, answer.text


def test_real_annual_report_answers_three_years(tmp_path: Path) -> None:
    """民生银行's 2021 annual report states three years in its key-figures table."""
    (tmp_path / "cmbc.pdf").symlink_to(real_report("cmbc-2021-annual.pdf"))
    cache = Path(tempfile.gettempdir()) / "caibao-test-parse-cache"
    cache.mkdir(exist_ok=True)
    library = build_library(tmp_path, cache)
    texts = ask(library, "近三年营收", "2020年归母净利润", "哪一年营收增长最快")
    assert all(v in texts[0] for v in ("168,804", "184,951", "180,441"))
    assert len(re.findall("来源", texts[0])) == 3
    assert "34,309" in texts[1] and "取自2021年年度报告" in texts[1]
    assert texts[2].startswith("2020年") and "+2.50%" in texts[2]
    # One report on 2021: 2022 is not covered, and the refusal says what is.
    refused = library.answer("2022年营收多少")
    assert refused.refused and "「2022年」" in refused.text and "2021年年度报告" in refused.text
