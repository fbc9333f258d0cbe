"""Questions about an A-share annual report itself, on a Markdown report written for the case:
office holders read from the 董监高 table rows ("韩明远：总经理，男，…"), a prose appointment
("聘任孙立先生为董事会秘书") and the contact table (姓名 under 董事会秘书), never a 副总经理 for
the 总经理; the auditor from the 聘任会计师事务所 table; labelled fields (股票代码 in a header
table, 股票简称 as 公司简称, 注册地址 beside 注册地址的历史变更情况); 是否审计 asked as the
opinion; a competitiveness section whose points are
sections of their own; a heading sharing a phrase that starts inside the topic word
(行业格局和趋势); a section asked by its heading alone (销售模式, a word no sentence says);
and a 期间费用率 with a negative 财务费用 (net interest income)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import Library, build_library
from knowledge.fields import asked_field
from knowledge.roles import asked_office
from knowledge.sections import asked_topic

REPORT = """# 青禾药业股份有限公司2023年年度报告

公司代码：612345 公司简称：青禾药业

## 第二节 公司简介和主要财务指标

### 一、公司信息

| 项目 | 内容 |
|---|---|
| 公司的中文名称 | 青禾药业股份有限公司 |
| 公司的中文简称 | 青禾药业 |
| 公司的法定代表人 | 周启元 |

### 二、联系人和联系方式

| | 董事会秘书 | 证券事务代表 |
|---|---|---|
| 姓名 | 孙立 | |
| 联系地址 | 成都市锦江区东风路18号 | |

### 三、基本情况简介

| 项目 | 内容 |
|---|---|
| 公司注册地址 | 四川省成都市青羊区光华大道66号 |
| 公司注册地址的历史变更情况 | 无 |
| 公司办公地址 | 成都市锦江区东风路18号远景大厦12层 |
| 公司办公地址的邮政编码 | 610016 |

### 五、公司股票简况

| 股票种类 | 股票上市交易所 | 股票简称 | 股票代码 |
|---|---|---|---|
| A股 | 上海证券交易所 | 青禾药业 | 612345 |

## 第三节 管理层讨论与分析

### 二、报告期内公司所处行业情况

医药行业是我国国民经济的重要组成部分。集采范围持续扩大，行业集中度提升。

#### （3）销售模式

产品以经销商代理为主，另设直营团队覆盖重点医院。

### 四、报告期内核心竞争力分析

√适用 □不适用

报告期内，公司核心竞争力主要体现在以下方面：

#### 1、研发优势

公司建有省级工程技术中心，拥有发明专利四十余项。

#### 2、渠道优势

公司营销网络覆盖全国三十个省份的两千余家医院。

#### 3、品牌优势

“青禾”商标为中国驰名商标，主导产品享有较高的知名度。

### 五、报告期内主要经营情况

报告期内，公司实现营业收入10,000.00万元。

| 科目 | 本期数 | 上年同期数 |
|---|---|---|
| 营业收入 | 100,000,000.00 | 90,000,000.00 |
| 营业成本 | 40,000,000.00 | 36,000,000.00 |
| 销售费用 | 30,000,000.00 | 27,000,000.00 |
| 管理费用 | 10,000,000.00 | 9,000,000.00 |
| 财务费用 | -2,000,000.00 | -1,000,000.00 |
| 研发费用 | 5,000,000.00 | 4,000,000.00 |

### 六、公司关于公司未来发展的讨论与分析

#### (一)行业格局和趋势

随着人口老龄化加剧，慢性病用药需求持续增长，中药创新迎来政策窗口期。

## 第四节 公司治理

### 四、董事、监事和高级管理人员的情况

| 姓名 | 职务 | 性别 | 年龄 |
|---|---|---|---|
| 周启元 | 董事长 | 男 | 56 |
| 吴清 | 董事、副总经理 | 女 | 41 |
| 韩明远 | 总经理 | 男 | 52 |
| 孙立 | 董事会秘书 | 男 | 47 |

经公司第九届董事会第三次会议审议通过，聘任吴清女士为副总经理，孙立先生为董事会秘书。

## 第六节 重要事项

### 六、聘任、解聘会计师事务所情况

| | 现聘任 |
|---|---|
| 境内会计师事务所名称 | 华明会计师事务所（特殊普通合伙） |
| 境内会计师事务所报酬 | 80 |

## 第十节 财务报告

### 一、审计意见

我们审计了青禾药业股份有限公司财务报表。我们认为，后附的财务报表在所有重大方面公允反映了公司的财务状况。

### 二、形成审计意见的基础

我们按照中国注册会计师审计准则的规定执行了审计工作。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder: Path = tmp_path_factory.mktemp("ashare")
    (folder / "qinghe-2023.md").write_text(REPORT, encoding="utf-8")
    return build_library(folder)


@pytest.mark.parametrize(("question", "expected", "wrong"), [
    ("青禾药业总经理是谁", "总经理为韩明远", "吴清"),
    ("青禾药业的董秘叫什么", "董秘为孙立", "周启元"),
    ("青禾药业董事长是谁", "周启元", "韩明远"),
    ("青禾药业的会计师事务所是哪家", "华明会计师事务所", "没有找到"),
    ("青禾药业股票代码", "612345", "没有找到"),
    ("青禾药业注册地址在哪", "光华大道66号", "东风路"),
    ("青禾药业办公地址", "远景大厦12层", "光华大道"),
    ("青禾药业在哪里办公", "远景大厦12层", "610016"),
    ("青禾药业的证券简称是什么", "青禾药业", "612345"),
])
def test_meta(kb: Library, question: str, expected: str, wrong: str) -> None:
    reply = kb.answer(question).text
    assert expected in reply and wrong not in reply, reply


def test_deputy_is_not_the_office() -> None:
    assert asked_office("总经理是谁", [])
    assert asked_office("副总经理是谁", []) is None


def test_whether_audited_asks_the_opinion() -> None:
    topic = asked_topic("青禾药业年报经过审计了吗")
    assert topic is not None and topic.name == "opinion"


def test_field_question_says_nothing_else() -> None:
    assert asked_field("青禾药业的股票代码是多少", ["青禾药业"])
    assert asked_field("注册地址的历史变更情况", []) is None


def test_points_set_out_as_sections(kb: Library) -> None:
    reply = kb.answer("青禾药业的核心竞争力有哪些").text
    for point in ("研发优势", "渠道优势", "品牌优势"):
        assert point in reply, reply
    assert "适用" not in reply and "营业收入" not in reply, reply


def test_heading_phrase_inside_topic_word(kb: Library) -> None:
    reply = kb.answer("青禾药业所处行业格局和趋势怎么样").text
    assert "慢性病用药" in reply, reply


def test_net_finance_income_lowers_expense_ratio(kb: Library) -> None:
    # (30 + 10 + 5 − 2) / 100 = 43.00%; counting 财务费用 by its size would give 47.00%.
    reply = kb.answer("青禾药业期间费用率多少").text
    assert "43.00%" in reply and "计算" in reply, reply


def test_section_named_by_its_heading(kb: Library) -> None:
    reply = kb.answer("青禾药业的销售模式").text
    assert "经销商代理" in reply, reply


def test_office_among_others_in_an_appointment(tmp_path: Path) -> None:
    (tmp_path / "q1.md").write_text(
        "# 青禾药业股份有限公司2025年第一季度报告\n\n## 三、其他重要事项\n\n"
        "经董事会2025年第三次会议审议通过，聘任邢立先生担任公司财务总监、董事会秘书，"
        "任期与第九届董事会一致。\n", encoding="utf-8")
    reply = build_library(tmp_path).answer("青禾药业董秘是誰").text
    assert "邢立" in reply, reply
