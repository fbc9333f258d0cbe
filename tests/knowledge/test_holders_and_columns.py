"""The top-shareholders table, opening-balance dates, run-together change headers, per-share
units, running headers naming the company, and sections that only say "√适用" before their
subsections."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from knowledge.facts import Period, parse_period, table_facts
from knowledge.figures import company_names
from knowledge.identity import read_identity
from knowledge.readers.model import RUNNING_RE as _RUNNING_RE
from knowledge.readers.model import Table
from knowledge.readers.pdf import _cells
from knowledge.text import normalize
from tests.knowledge.test_followup import ask_chain

REPORT = """# 青松制药股份有限公司 2023年第三季度报告

## 二、股东信息

### 前十名股东持股情况表

单位：股

| 股东名称 | 股东性质 | 持股比例(%) | 持股数量 | 持有有限售条件的股份数量 |
|---|---|---|---|---|
| 青松控股有限公司 | 国有法人 | 63.00 | 622,569,632 | 0 |
| 香港中央结算有限公司 | 境外法人 | 3.05 | 30,154,011 | 0 |
| 林木 | 境内自然人 | 1.20 | 11,843,000 | 0 |

## 三、其他重要事项

√适用 □不适用

### 1．独立董事变更

报告期内原独立董事松林先生辞职，董事会选举周青先生为独立董事。

## 四、季度财务报表

### 合并资产负债表

单位：元

| 项目 | 2023年9月30日 | 2023年1月1日 |
|---|---|---|
| 流动资产合计 | 21,053,258,396.94 | 11,988,489,877.69 |
| 流动负债合计 | 11,898,653,838.88 | 8,672,699,364.26 |
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("qingsong-q3")
    (folder / "qingsong-2023q3.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


def test_the_largest_shareholder_and_its_stake(kb: KnowledgeBase) -> None:
    first, ratio = ask_chain(kb, "青松制药第一大股东是谁", "持股比例多少")
    assert "第一大股东为青松控股有限公司（国有法人），持股比例63.00%，持股数量622,569,632" in first
    assert "63.00%" in ratio and "青松控股" in ratio


def test_a_named_holder_and_the_list(kb: KnowledgeBase) -> None:
    (named,) = ask_chain(kb, "香港中央结算有限公司持股比例")
    assert "3.05%" in named and "63.00" not in named
    (listed,) = ask_chain(kb, "前十大股东有哪些")
    assert listed.startswith("前3名股东：1. 青松控股有限公司 63.00%；2. 香港中央结算有限公司")


def test_the_opening_balance_date_is_the_year_before(kb: KnowledgeBase) -> None:
    assert parse_period("2023年1月1日", Period(2023, "9M"))[0] == Period(2022, "", True)
    # From the first of January to a date is a flow over those months, not a balance.
    assert parse_period("2023年1月1日至9月30日", Period(2023, "Q3"))[0] == Period(2023, "9M")
    (reply,) = ask_chain(kb, "流动比率多少")
    assert "流动比率（计算）：1.77 = 流动资产合计21,053,258,396.94元" in reply


def test_a_box_only_section_reads_its_subsections(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "青松制药三季报其他重要事项说了啥")
    assert "独立董事变更" in reply and "适用" not in reply


def test_run_together_change_headers_keep_the_level_column() -> None:
    table = Table("主要会计数据和财务指标", "元",
                  ["项目", "本报告期", "本报告期比上年同期增减",
                   "年初至报告期末 增减 年初至报告期末比上 年同期增减",
                   "年初至报告期末比上年同期增减"],
                  [["营业收入", "5,461,880,259.08", "47.23%", "18,608,005,954.15", "53.65%"]])
    facts = table_facts(table, Period(2023, "Q3"))
    nine = [f for f in facts if f.period == Period(2023, "9M")]
    assert {(f.value, f.change) for f in nine} == {("18,608,005,954.15", False),
                                                  ("53.65%", True)}


def test_per_share_figures_never_take_a_thousands_unit() -> None:
    table = Table("綜合全面收益表", "港幣千元", ["", "二零一一年 港幣千元"],
                  [["營業收入", "598,172"], ["每股基本盈利", "16.37"]])
    units = {f.label: f.unit for f in table_facts(table, Period(2011))}
    assert units["營業收入"] == "千港元" and units["每股基本盈利"] == ""


def test_a_running_footer_names_the_company() -> None:
    m = _RUNNING_RE.match("页眉/页脚「中國安芯控股有限公司」（105页）")
    assert m is not None
    cover = "於開曼群島註冊成立之有限公司\n股份代號: 1149\n二零一一年年報\n"
    assert read_identity(cover).company is None
    assert read_identity(cover, running=[m.group(1)]).company == "中国安芯控股有限公司"
    # Only as a last resort: a footer split over two lines ("1 博智" / "國際藥業控股有限公司")
    # never overrides the cover's name.
    named = "博智國際藥業控股有限公司\n（於百慕達註冊成立之有限公司）\n股份代號：1195\n"
    footer = ["國際藥業控股有限公司"]
    assert read_identity(named, running=footer).company == "博智国际药业控股有限公司"
    # Nor does the auditor named first on a 公司資料 page.
    info = "核數師\n香港立信德豪會計師事務所有限公司\n執業會計師\n"
    assert read_identity(info, running=[m.group(1)]).company == "中国安芯控股有限公司"
    # A footer with the page number and the report's title beside the name; a converter's
    # 公司資料 run together, the registrar's name first, does not outweigh it.
    footer = ["1 中國安芯控股有限公司 – 二零一零年年報"]
    assert read_identity(cover, running=footer).company == "中国安芯控股有限公司"
    registrar = "卓佳標準有限公司審核委員會香港灣仔\n二零一一年年報\n"
    assert read_identity(registrar, running=[m.group(1)]).company == "中国安芯控股有限公司"
    # Where it was incorporated and the cover's auditor are not the company's names.
    cover_names = normalize("於開曼群島註冊成立之有限公司 香港立信德豪會計師事務所有限公司")
    assert company_names(cover_names) == []


def test_symbol_font_check_boxes_are_read_as_ticks() -> None:
    chars = [{"text": t, "x0": 10.0 * i, "x1": 10.0 * i + 9} for i, t in
             enumerate(["□", "是", "\uf052", "否"])]
    assert _cells(chars, 10.0)[0][0] == "□是√否"


def test_an_item_over_its_parts_takes_their_unlabelled_total() -> None:
    table = Table("綜合全面收益表", "港幣千元", ["", "二零一一年 港幣千元", "二零一零年 港幣千元"],
                  [["歸屬於本公司股東的淨利潤", "", ""],
                   ["來自持續經營業務的淨利潤", "404,220", "170,531"],
                   ["來自已終止經營業務的淨利潤", "", "74,378"],
                   ["", "404,220", "244,909"]])
    found = {(f.item, f.period.year): f.value for f in table_facts(table, Period(2011))}
    assert found[("归属于母公司股东的净利润", 2010)] == "244,909"


HK_INFO = """# 青松控股有限公司 二零一一年年報

## 公司資料

### 公司秘書

梁青女士

### 香港主要營業地點

香港灣仔港灣道25號海港中心20樓

### 中國主要營業地點

中國

深圳市南山區

僑香路香年廣場A座9樓

## 管理層討論及分析

本集團收益增長96%。
"""


def test_a_place_of_business_is_read_under_its_label(tmp_path: Path) -> None:
    (tmp_path / "qs-2011.md").write_text(HK_INFO, encoding="utf-8")
    kb = build_knowledge(tmp_path)
    (mainland,) = ask_chain(kb, "青松喺內地嘅主要營業地點喺邊")
    assert "深圳市南山區僑香路香年廣場A座9樓" in mainland
    (hong_kong,) = ask_chain(kb, "青松香港主要营业地点在哪")
    assert "港灣道25號" in hong_kong and "深圳" not in hong_kong


# pdftotext -layout of a quarterly report's holders table: the header over four lines, the
# name and the kind of each holder one label when read (华润医药控股有限公司国有法人).
LAYOUT_HOLDERS = """青松制药股份有限公司 2025年第一季度报告

二、股东信息

（一） 普通股股东总数和表决权恢复的优先股股东数量及前十名股东持股情况表

                                                                           单位：股
                      前 10 名股东持股情况（不含通过转融通出借股份）
                                                      持有有限   质押、标记或冻结情况
                               持股比例
      股东名称           股东性质                持股数量         售条件的
                                （%）                          股份状态   数量
                                                      股份数量
青松医药控股有限公司          国有法人        63.02% 809,340,522.00   0.00 不适用      0.00
香港中央结算有限公司          境外法人         2.85%  36,562,355.00   0.00 不适用      0.00
澳门金融管理局－自有资金 境外法人                  0.45%  5,839,450.00   0.00 不适用   0.00

3.第一季度报告是否经审计

□是 \uf052否
\f"""


def test_holders_of_layout_text_whose_name_and_kind_ran_together(tmp_path: Path) -> None:
    (tmp_path / "q1.txt").write_text(LAYOUT_HOLDERS, encoding="utf-8")
    kb = build_knowledge(tmp_path)
    (first,) = ask_chain(kb, "控股股东是谁 持股多少")
    assert "青松医药控股有限公司（国有法人），持股比例63.02%" in first
    (audit,) = ask_chain(kb, "一季报审计了吗")
    assert "√否" in audit and "未经审计" in audit  # Wingdings 2's check, as in the PDF


def test_holders_of_an_annual_reports_layout_text_and_not_a_subsidiarys_stake(
        tmp_path: Path) -> None:
    # A subsidiary's 持股比例 100% comes first; the holders' rows carry their kind at the end.
    (tmp_path / "fy.md").write_text(
        "# 青柏制药股份有限公司 2022年年度报告\n\n## 重大的股权投资\n\n"
        "| 被投资公司名称 | 主要业务 | 持股比例 |\n|---|---|---|\n"
        "| 西安青柏医药有限公司 | 医药销售 | 100% |\n\n"
        "## 截至报告期末前十名股东持股情况表\n\n单位:股前十名股东持股情况\n\n"
        "股东名称报告期内增期末持股数比例限售条情况\n\n（全称）减量 (%) 件股份股份\n\n"
        "邢青 8,705,894 73,272,546 19.63 质押 53,273,495 境内自然人\n\n"
        "新余兴鹏同\n\n创企业管理境内非国有\n", encoding="utf-8")
    kb = build_knowledge(tmp_path)
    (first,) = ask_chain(kb, "第一大股东是谁")
    assert "邢青（境内自然人），持股比例19.63%，持股数量73,272,546股" in first
