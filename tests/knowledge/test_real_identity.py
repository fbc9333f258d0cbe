"""A knowledge folder built on its own names its company as the cover does, reads the
report's own period and answers open questions from the right section, through the real
build on real reports (the shared test material, never committed): 工商银行's 2023
first-quarter report and Alco's HK results announcement (traditional Chinese)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge

REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "reports-real"


def _build(tmp_path_factory: pytest.TempPathFactory, pdf: str) -> KnowledgeBase:
    path = (REAL / pdf).resolve()
    if not path.is_file():
        pytest.fail(f"shared real report missing: {path}")
    folder = tmp_path_factory.mktemp(pdf.split("-")[0])
    (folder / pdf).symlink_to(path)
    cache = Path(tempfile.gettempdir()) / "caibao-test-parse-cache"
    cache.mkdir(exist_ok=True)
    return build_knowledge(folder, cache_dir=cache)


@pytest.fixture(scope="module")
def icbc(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return _build(tmp_path_factory, "icbc-2023q1.pdf")


@pytest.fixture(scope="module")
def alco(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return _build(tmp_path_factory, "alco-fy2025-annual-results.pdf")


def test_suggestions_name_the_company_as_the_cover_does(icbc: KnowledgeBase) -> None:
    # Counting names alone made 中国 (of 中国工商银行) the company: "中国营业收入是多少？".
    assert icbc.entity == "工商银行"
    refusal = icbc.answer("工行的火星业务收入是多少")
    assert refusal.refused
    examples = icbc.examples(3)
    assert examples and all(q.startswith("工商银行") for q in examples)
    assert all(q in refusal.text for q in examples)


def test_a_latin_cover_name_is_the_company_spelled_as_the_text_does(alco: KnowledgeBase) -> None:
    # Not 二零二四年 (the most counted "name"), nor alco of www.alco.com.hk.
    assert alco.entity == "alco" and alco.scope_names[0] == "Alco"
    assert all(q.startswith("Alco") for q in alco.examples(3))


def test_a_quarterly_report_sentence_without_a_period_is_about_its_quarter(
        icbc: KnowledgeBase) -> None:
    # Most sentences compare with 上年末; that does not make 去年 the report's own period.
    answer = icbc.answer("工行一季度净息差为什么下降")
    assert not answer.refused and "LPR" in answer.text


def test_a_fiscal_year_the_report_does_not_cover_is_refused(alco: KnowledgeBase) -> None:
    answer = alco.answer("Alco 2023財年營業額多少")
    assert answer.refused and "2023年" in answer.text


def test_hk_open_questions_come_from_their_sections(alco: KnowledgeBase) -> None:
    outlook = alco.answer("Alco 前景點睇")
    assert "營運優化" in outlook.text and "資本市場" in outlook.text, outlook.text
    opinion = alco.answer("核數師出咗咩意見")
    assert "不發表意見" in opinion.text, opinion.text
    why = alco.answer("點解", opinion.context)
    assert "持續經營" in why.text, why.text
    business = alco.answer("Alco 主要做咩業務")
    assert "筆記型電腦" in business.text, business.text
    loss = alco.answer("Alco 今年虧損原因")
    assert "全球經濟衰退" in loss.text, loss.text


def test_a_heading_stating_a_value_is_also_read_as_content(alco: KnowledgeBase) -> None:
    # The cover's bold "（股份代號：328）" is a heading line, and the only place saying it.
    answer = alco.answer("Alco股份代號")
    assert not answer.refused and "328" in answer.text, answer.text


def test_a_headcount_comes_from_the_sentence_counting_people(alco: KnowledgeBase) -> None:
    answer = alco.answer("Alco 有幾多員工")
    assert "20名" in answer.text, answer.text


def test_suggestions_start_with_the_headline_figure(alco: KnowledgeBase) -> None:
    # 99,313千港元 in the reply is the 99313千港元 of the row: the example is kept.
    assert alco.examples(1) == ["Alco营业额是多少？"]
