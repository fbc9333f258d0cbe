"""Questions about a Hong Kong report itself, on a report drawn for the case
(tests/readers/pdfgen.py): who holds an office (a signature 「主席」 over the name, the
corporate-information page's 「公司秘書」 over 「李小華先生」, a committee's chair beside it),
the stock code asked as 股票代碼 of a report that says 股份代號, the holding company's name
without 控股, and open questions whose section is headed 未來展望 (words no sentence repeats)
or answered by a note 主要從事…投資控股, a definition under the heading 什麼是ISD系統？,
and a count (員工人數) stated in a sentence."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from knowledge.identity import Identity, aliases, holding_names
from knowledge.roles import asked_office
from tests.readers.pdfgen import Page, make_pdf


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    def cover(page: Page) -> None:
        page.text("中國示範控股有限公司", size=16)
        page.text("（股份代號：8888）")
        page.text("二零一三年年報", size=14)

    def chairman(page: Page) -> None:
        page.text("主席報告書", size=14)
        page.wrapped("本人欣然向各位股東提呈中國示範控股有限公司截至二零一三年十二月三十一日止"
                     "年度之年報。二零一三年本集團營業額穩步上升。")
        page.text("四、未來展望", size=13)
        page.wrapped("隨着醫改影響持續，中國醫藥市場的需求會進一步釋放。展望未來，本集團將投入資金"
                     "研發專利藥品，並拓展安防業務。")
        page.text("致謝", size=13)
        page.wrapped("本人謹代表董事會，衷心感謝管理層及各員工之努力。")
        page.text("主席")
        page.text("王大明", size=13)
        page.text("香港，二零一四年三月二十八日")

    def information(page: Page) -> None:
        page.text("公司資料", size=14)
        page.text("執行董事")
        page.text("王大明先生，主席")
        page.text("陳小東先生")
        page.text("公司秘書")
        page.text("李小華先生 FCPA, FCCA")
        page.text("核數師")
        page.text("甲乙會計師事務所有限公司")
        page.text("審核委員會")
        page.wrapped("審核委員會由三名獨立非執行董事組成，張三先生擔任委員會主席。")

    def review(page: Page) -> None:
        page.text("業務回顧", size=14)
        page.wrapped("除此之外，本集團開始著手新一代ISD系統的研發與設計工作。")
        page.text("什麼是ISD系統？", size=13)
        page.wrapped("ISD系統為英文簡稱，即「智能監測預警及應急救援指揮調度系統」，通過物聯網技術實現"
                     "對重大危險源的實時遠程監控。")
        page.wrapped("本集團於期內新增八個ISD系統監控中心。")

    def staff(page: Page) -> None:
        page.text("僱員資料", size=13)
        page.wrapped("於二零一三年十二月三十一日，本集團僱用合共521名僱員（二零一二年：516名）。")
        page.text("退休計劃", size=13)
        page.wrapped("本集團為其員工提供退休福利。")
        page.wrapped("憑藉高級管理層及研發人員之卓越技能，本集團將維持其市場份額。")

    def notes(page: Page) -> None:
        page.text("1. 一般資料", size=13)
        page.wrapped("本公司於開曼群島註冊成立為獲豁免有限公司，其股份於香港聯合交易所有限公司上市。")
        page.wrapped("本集團主要從事藥品之製造、銷售、研究及開發以及投資控股。")

    folder = tmp_path_factory.mktemp("hkmeta")
    make_pdf(folder / "demo-2013-annual.pdf", [cover, chairman, information, review, staff, notes])
    cache = Path(tempfile.gettempdir()) / "caibao-test-parse-cache"
    cache.mkdir(exist_ok=True)
    return build_knowledge(folder, cache_dir=cache)


def _word(question: str, names: list[str]) -> str | None:
    found = asked_office(question, names)
    return found[1] if found is not None else None


def test_an_office_question_is_one_office_and_the_company() -> None:
    assert _word("中國安芯主席是誰", ["中国安芯"]) == "主席"
    assert _word("博智國際藥業公司秘書", ["博智国际药业"]) == "公司秘书"
    assert _word("中國安芯中期報告由哪家會計師事務所審閱", ["中国安芯"]) == "会计师事务所"
    assert _word("Alco的核數師係邊間", ["alco"]) == "核数师"
    # Asking about something else that names an office is not asking who holds it.
    assert asked_office("審核委員會有哪些成員", []) is None
    assert asked_office("主席報告說了什麼", []) is None


def test_the_chairman_signs_and_is_listed(report: KnowledgeBase) -> None:
    """「主席」 over 「王大明」 and 「王大明先生，主席」, not the committee's chair 張三."""
    text = report.answer("中國示範主席是誰").text
    assert "王大明" in text and "张三" not in text


def test_a_label_over_its_holder(report: KnowledgeBase) -> None:
    assert "李小华" in report.answer("中國示範公司秘書").text
    assert "甲乙会计师事务所有限公司" in report.answer("中國示範核數師是哪家").text


def test_stock_code_is_the_share_code() -> None:
    """The lexicon reads 代碼 as 代號 (and the other way round)."""
    from knowledge.lexicon import load_lexicon

    lex = load_lexicon(None)
    assert lex.canonical["代号"] == lex.canonical["代码"]


def test_a_holding_company_goes_by_its_name() -> None:
    found = aliases(Identity(company="中國安芯控股有限公司"))
    assert {"中国安芯控股", "安芯控股"} <= found
    assert holding_names(found) == {"中国安芯", "安芯"}
    assert holding_names({"中国控股"}) == set()


def test_code_question_in_the_short_name(report: KnowledgeBase) -> None:
    assert "8888" in report.answer("中國示範股票代碼").text


def test_outlook_section_named_only_by_its_heading(report: KnowledgeBase) -> None:
    """未來展望 is the heading; its sentences say 展望未來. The word is no unknown name."""
    text = report.answer("中國示範未來展望如何").text
    assert "專利藥品" in text


def test_main_business_from_the_note(report: KnowledgeBase) -> None:
    text = report.answer("中國示範主要做什麼業務").text
    assert "藥品之製造" in text


def test_a_heading_asking_what_it_is_defines_it(report: KnowledgeBase) -> None:
    """「什麼是ISD系統？」 heads the definition; other sentences only name the system."""
    text = report.answer("中國示範的ISD系統是什麼").text
    assert "智能監測預警" in text


def test_a_count_is_answered_by_a_sentence_stating_one(report: KnowledgeBase) -> None:
    """員工人數 asks for a count as 多少人 does: the sentence with 521名, not the one that
    mentions 員工; a count nothing states is not answered with praise of the researchers."""
    assert "521名" in report.answer("中國示範員工人數").text
    assert "没有找到" in report.answer("中國示範研發人員有多少人").text


def test_pre_tax_loss_is_the_pre_tax_line() -> None:
    from knowledge.facts import load_items

    assert load_items().variants["除税前亏损"] == "利润总额"


def test_research_costs_are_the_research_expense() -> None:
    """An HK note's 研發成本 (research and development costs expensed) is 研发费用, as 研發開支
    is; 研发投入 (spending, capitalised part included) stays another item."""
    from knowledge.facts import load_items

    items = load_items()
    assert items.of_label("研发成本") == items.of_label("研发开支") == "研发费用"
    assert items.of_label("研发投入") == "研发投入"
