"""Names and codes a report mentions that are not its own, and a year read as a stock code.

A director's biography names other listed companies with their codes; a 释义-like sentence
says "指导"; a company's short name is spelled with numerals (华润三九, 三一重工); and a year
in a question ("2007年营业额") must not pick the company whose stock code is 2007."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import Library, build_library
from knowledge.cleaning import convert_numerals
from knowledge.identity import read_identity

BIO_COVER = """示范生物醫藥（杭州）股份有限公司
（於中華人民共和國註冊成立的股份有限公司）
股份代號：2565
2025 年度報告
董事會負責領導及控制本公司，並負責通過指導及監督本公司事務推動其成功發展。
王博士自2019年8月起擔任開拓藥業有限公司（一家於香港聯交所上市的公司，股份代號：9939）獨立非執行董事。
范女士自2015年7月起擔任某某控股有限公司（一家於香港聯交所上市的公司，股份代號：2007）的經理。
"""


def test_short_name_spelled_with_numerals() -> None:
    identity = read_identity("证券代码：000999 证券简称：华润三九 公告编号：2024-001\n"
                             "华润三九医药股份有限公司2024年第三季度报告\n")
    assert identity.short == "华润三九" and identity.codes == ("000999",)


def test_codes_in_a_biography_are_other_companies() -> None:
    identity = read_identity(BIO_COVER, "bio.md")
    assert identity.codes == ("2565",)
    assert identity.company == "示范生物医药(杭州)股份有限公司" or "示范生物" in (
        identity.company or ""), identity
    assert identity.short is None or "负责" not in identity.short, identity
    assert all("负责" not in name for name in identity.former), identity


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder: Path = tmp_path_factory.mktemp("clash")
    # A company listed as 2007: its code must not catch "2007年" in another company's question.
    (folder / "code2007.md").write_text(
        "某某地產控股有限公司\n（股份代號：2007）\n2025 年度報告\n\n## 綜合收益表\n\n"
        "| | 2025年 人民幣千元 | 2024年 人民幣千元 |\n|---|---|---|\n"
        "| 收入 | 800,000 | 900,000 |\n| 除稅前虧損 | (208,547) | (100,000) |\n",
        encoding="utf-8")
    (folder / "bi-2007.md").write_text(
        "博智國際藥業控股有限公司\n（於開曼群島註冊成立之有限公司）\n（股份代號：1149）\n"
        "2007年 業績公佈\n\n## 綜合收益表\n\n"
        "| | 二零零七年 港幣千元 | 二零零六年 港幣千元 |\n|---|---|---|\n"
        "| 營業額 | 411,990 | 342,232 |\n| 除稅前盈利 | 60,000 | 50,000 |\n",
        encoding="utf-8")
    (folder / "bi-2009.md").write_text(
        "博智國際藥業控股有限公司\n（於開曼群島註冊成立之有限公司）\n（股份代號：1149）\n"
        "2009 年報\n\n## 綜合全面收益表\n\n"
        "| | 二零零九年 港幣千元 | 二零零八年 港幣千元 |\n|---|---|---|\n"
        "| 營業額 | 126,923 | 422,321 |\n| 除稅前盈利 | (572,859) | 20,000 |\n",
        encoding="utf-8")
    return build_library(folder)


def test_a_year_in_a_question_is_not_a_stock_code(library: Library) -> None:
    answer = library.answer("博智2007年除稅前盈利")
    assert "60,000" in answer.text, answer.text
    assert {p.document for p, _ in answer.matches} <= {"bi-2007.md"}
    answer = library.answer("博智國際藥業2007年營業額多少")
    assert "411,990" in answer.text and "126,923" not in answer.text, answer.text


def test_the_code_still_names_its_company(library: Library) -> None:
    answer = library.answer("2007.hk的收入是多少")
    assert answer.context.company == "某某地产控股", answer.text
    assert "800,000" in answer.text, answer.text  # the code is not the year 2007


def test_a_name_spelled_with_numerals_stays_a_name_in_the_question() -> None:
    assert convert_numerals("华润三九营收多少", ["华润三九"]) == "华润三九营收多少"
    assert convert_numerals("三一重工二零二三年营收", ["三一重工"]) == "三一重工2023年营收"
    assert convert_numerals("华润三九营收多少") == "华润39营收多少"  # no name given: a number
