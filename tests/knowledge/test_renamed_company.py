"""Hong Kong covers, a company that changed its name under one stock code, and one company
asked about inside another's question (issue 14).

博智國際藥業 (01149) bought 安芯 in 2009 and took its name; the two names' reports sit in one
library. The documents are written here in the layout of those reports' covers."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import Library, build_library
from knowledge.identity import Identity, read_identity

COVER_2007 = """BROAD INTELLIGENCE INTERNATIONAL PHARMACEUTICAL HOLDINGS LIMITED
博智國際藥業控股有限公司
（於開曼群島註冊成立之有限公司）
（股份代號：1149）
業績公佈
博智國際藥業控股有限公司（「本公司」）之董事會欣然宣佈本集團截至二零零七年十二月三十一日止
年度之經審核綜合業績如下：
"""

COVER_2009 = """Broad Intelligence International Pharmaceutical Holdings Limited
博智國際藥業控股有限公司
Annual Report 2009
年報
主席報告書
本人欣然向各位股東提呈博智國際藥業控股有限公司（「公司」）截至二零零九年十二月三十一日止年度之年報。
"""

COVER_2013 = ("於開曼群島註冊成立之有限公司股份代號: 1149 2013 中期報告Interim Report "
              "| | | Stock Code: 1149\n") + """中期財務資料之審閱報告
致中國安芯控股有限公司董事會
（於開曼群島註冊成立之有限公司）
中國安芯控股有限公司（「本公司」）董事會欣然宣佈本集團截至二零一三年六月三十日止六個月之未經審核簡明綜合業績。
"""


def test_a_hong_kong_cover_names_the_company_above_where_it_is_registered() -> None:
    identity = read_identity(COVER_2007)
    assert identity.company == "博智国际药业控股有限公司"
    assert identity.codes == ("1149",) and identity.year == 2007 and not identity.notes


def test_a_name_on_the_title_lines_of_an_annual_report_cover() -> None:
    identity = read_identity(COVER_2009)
    assert identity.company == "博智国际药业控股有限公司" and identity.kind == "annual"


def test_an_exchange_disclaimer_is_not_the_cover() -> None:
    """HKEX's disclaimer heads every announcement and names HKEX, not the company."""
    identity = read_identity(
        "香港交易及結算所有限公司及香港聯合交易所有限公司對本公告的內容概不負責，對其準確性或完整性"
        "亦不發表任何聲明。\n（於百慕達註冊成立之有限公司）\n（股份代號：328）\n"
        "截至二零二五年三月三十一日止年度\n經審核全年業績公告\n")
    assert identity.company is None and identity.codes == ("328",)


def test_six_months_to_june_is_a_half_year_report_without_a_title_line() -> None:
    identity = read_identity(COVER_2013)
    assert identity.kind == "half" and identity.period_end == "2013-06-30"
    assert identity.company == "中国安芯控股有限公司"


@pytest.mark.parametrize(("company", "names"), [
    ("博智国际药业控股有限公司", {"博智", "博智国际", "博智国际药业", "博智国际药业控股"}),
    ("中国安芯控股有限公司", {"中国安芯", "安芯", "中国安芯控股"}),
    ("腾讯控股有限公司", {"腾讯", "腾讯控股"}),
])
def test_a_name_is_known_without_its_trade_words(company: str, names: set[str]) -> None:
    found = Identity(company=company).aliases()
    assert names <= found
    assert not found & {"中国", "国际", "控股", "有限公司"}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder: Path = tmp_path_factory.mktemp("renamed")
    (folder / "bi-2007.md").write_text(
        COVER_2007 + "\n## 綜合收益表\n\n"
        "| | 二零零七年 港幣千元 | 二零零六年 港幣千元 |\n|---|---|---|\n"
        "| 營業額 | 411,990 | 342,232 |\n\n## 僱員\n\n"
        "於二零零七年十二月三十一日，本集團之員工總人數為134人。\n",
        encoding="utf-8")
    (folder / "bi-2009.md").write_text(
        COVER_2009 + "\n## 綜合全面收益表\n\n"
        "| | 二零零九年 港幣千元 | 二零零八年 港幣千元 |\n|---|---|---|\n"
        "| 營業額 | 126,923 | 422,321 |\n\n## 股息\n\n"
        "董事會不建議派發截至二零零九年十二月三十一日止年度末期股息。\n\n"
        "## 收購\n\n於二零零九年十月，本集團收購安芯，安芯從事安防預警系統業務。\n",
        encoding="utf-8")
    (folder / "anxin-2013.md").write_text(
        COVER_2013 + "\n## 簡明綜合全面收益表\n\n"
        "| | 二零一三年 港幣千元 | 二零一二年 港幣千元 |\n|---|---|---|\n"
        "| 營業收入 | 526,115 | 405,937 |\n",
        encoding="utf-8")
    return build_library(folder)


def test_two_names_under_one_code_keep_their_own_reports(library: Library) -> None:
    shelves = {s.name: set(s.documents) for s in library.shelves}
    assert shelves == {"博智国际药业控股": {"bi-2007.md", "bi-2009.md"},
                       "中国安芯控股": {"anxin-2013.md"}}, shelves
    answer = library.answer("博智營業額多少")
    assert "126,923" in answer.text and answer.context.company == "博智国际药业控股"
    assert "526,115" in library.answer("中国安芯上半年营业收入").text


def test_a_report_on_the_asked_year_is_read_even_without_the_figure_as_a_fact(
        library: Library) -> None:
    """No table states a 2009 dividend; the 2009 report says none is proposed."""
    answer = library.answer("博智國際2009年有派末期股息嗎")
    assert "不建議" in answer.text and not answer.refused, answer.text


def test_one_company_asked_about_inside_another_s_question(library: Library) -> None:
    """"博智收購的安芯" asks 博智's report; "博智和安芯" would ask both."""
    answer = library.answer("博智國際收購的安芯是做什麼的")
    assert "安防" in answer.text
    assert {p.document for p, _ in answer.matches} <= {"bi-2007.md", "bi-2009.md"}
