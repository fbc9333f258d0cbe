"""Facts read from a real report through the real build: 张家界 2016 annual report (the
shared test material, never committed). One build for the module (about 20 s on a cold parse
cache); the report missing is a failure, not a skip."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from knowledge import Context, KnowledgeBase, build_knowledge
from knowledge.facts import Period

REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "reports-real"
PDF = "zhangjiajie-2016-annual.pdf"


def real_report(name: str) -> Path:
    path = (REAL / name).resolve()
    if not path.is_file():
        pytest.fail(f"shared real report missing: {path} (the shared test material: "
                    "reports-real in the shared folder next to this repository)")
    return path


@pytest.fixture(scope="session")
def zjj(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder = tmp_path_factory.mktemp("zjj")
    (folder / PDF).symlink_to(real_report(PDF))
    cache = Path(tempfile.gettempdir()) / "caibao-test-parse-cache"
    cache.mkdir(exist_ok=True)
    return build_knowledge(folder, cache_dir=cache)


def ask(kb: KnowledgeBase, *questions: str) -> list[str]:
    context: Context | None = None
    out = []
    for q in questions:
        answer = kb.answer(q, context)
        context = Context.from_dict(json.loads(json.dumps(answer.context.to_dict())))
        out.append(answer.text)
    return out


KEY_ROWS = {  # 第6–7页 主要会计数据和财务指标: row → (2016, 2015, 2014)
    "营业收入": ("592,183,264.90", "674,880,017.98", "484,009,427.87"),
    "归属于上市公司股东的净利润": ("61,155,890.58", "114,396,010.54", "60,509,581.78"),
    "经营活动产生的现金流量净额": ("132,474,551.10", "209,063,706.49", "109,346,043.10"),
    "基本每股收益": ("0.19", "0.36", "0.19"),
    "加权平均净资产收益率": ("9.60%", "20.86%", "13.05%"),
    "总资产": ("2,044,165,239.73", "872,799,072.88", "684,744,844.49"),
}


def test_every_key_figure_is_a_fact(zjj: KnowledgeBase) -> None:
    assert zjj.facts.periods[PDF] == Period(2016)
    for metric, values in KEY_ROWS.items():
        for year, value in zip((2016, 2015, 2014), values, strict=True):
            found = [f for f in zjj.facts if f.metric == metric and f.page in (6, 7)
                     and f.key_table and f.period.year == year and not f.period.part
                     and not f.change]
            assert [f.value for f in found] == [value], (metric, year)
            assert found[0].heading == "主要会计数据和财务指标"


def test_real_answers(zjj: KnowledgeBase) -> None:
    prior, ratio, growth = ask(zjj, "张家界2015年营收多少", "张家界管理费用率",
                               "张家界经营现金流同比降了多少")
    assert "2015年营业收入为674,880,017.98元（约6.75亿元）" in prior
    assert "第6页 · 主要会计数据和财务指标" in prior
    assert "管理费用率（计算）：12.96%" in ratio and "76,753,860.33元" in ratio
    assert "-36.63%" in growth


def test_real_follow_ups(zjj: KnowledgeBase) -> None:
    eps, prior, net = ask(zjj, "000430 稀释每股收益", "上年呢", "那净利润呢")
    assert "0.19" in eps and "2016年" in eps
    assert "0.36" in prior and "2015年" in prior
    assert "114,396,010.54" in net  # 2015, the headline basis (归属于上市公司股东)


def test_breakdown_rows_carry_their_group(zjj: KnowledgeBase) -> None:
    """第14页 营业收入构成 lists revenue 分行业, 分产品 and 分地区: each row knows its group."""
    groups = {f.metric: f.group for f in zjj.facts if f.page == 14 and f.heading == "营业收入构成"}
    assert groups["旅行社服务业"] == "分行业"
    assert groups["杨家界索道"] == "分产品"
    assert groups["长沙地区"] == "分地区"
    assert groups["营业收入合计"] == ""


def test_superlatives_over_a_breakdown_table(zjj: KnowledgeBase) -> None:
    """"哪个产品收入最高" compares the 分产品 rows (not the 产品销售 row, 0.01%), for the asked
    year, the growth column for 增长最快, and never a total or an elimination."""
    top = zjj.answer("哪个产品收入最高").text
    assert top.startswith("按产品，2016年收入最高的是环保客运服务：211,591,403.11元")
    assert "第14页" in top
    assert "旅行社服务：228,114,530.37元" in zjj.answer("2015年哪个产品收入最高").text
    fast = zjj.answer("哪个地区营业收入增长最快").text
    assert "长沙地区：同比增减 3.87%" in fast
    fall = zjj.answer("哪项业务收入下降最多").text
    assert "广告代理业：同比增减 -100.00%" in fall
    assert "合计" not in top and "抵销" not in zjj.answer("哪个行业收入最少").text


def test_a_change_column_beside_unperioded_levels_is_the_current_period(
        zjj: KnowledgeBase) -> None:
    """第15页: "营业收入 | 营业成本 | 毛利率 | 营业收入比上年同期增减": the change is 2016's, not
    2015's (上年同期 names what it is compared with)."""
    changes = [f for f in zjj.facts if f.page == 15 and f.change and f.metric == "旅行社服务业"]
    assert changes and all(f.period.year == 2016 for f in changes)


def test_a_follow_up_naming_another_part_of_the_metric(zjj: KnowledgeBase) -> None:
    """"投资活动呢" after 经营活动产生的现金流量净额 asks for 投资活动产生的现金流量净额 (第19页),
    not the first row that mentions 投资活动 (投资活动现金流入小计)."""
    _, invest, finance = ask(zjj, "经营活动现金流净额多少", "投资活动呢", "筹资活动呢")
    assert "投资活动产生的现金流量净额为-489,724,048.73元" in invest
    assert "筹资活动产生的现金流量净额为363,067,779.14元" in finance


def test_cash_ratio_is_computed_and_says_so(zjj: KnowledgeBase) -> None:
    text = zjj.answer("现金比率是多少").text
    assert text.startswith("2016年现金比率（计算）：0.10 = 货币资金119,653,068.38元 ÷ "
                           "流动负债合计1,173,076,919.22元")


def test_last_year_in_a_follow_up_is_the_year_before_the_last_answer(
        zjj: KnowledgeBase) -> None:
    """Asked afresh, 去年 is the year the annual report is on (it is read the year after); in
    a follow-up it is the year before the figure just given."""
    first, before, again = ask(zjj, "营业收入多少", "那去年呢", "去年呢")
    assert first.startswith("2016年营业收入为592,183,264.90元")
    assert before.startswith("2015年营业收入为674,880,017.98元")
    assert again.startswith("2014年营业收入为484,009,427.87元")


def test_the_company_s_full_name_in_a_question_is_its_short_name(zjj: KnowledgeBase) -> None:
    """Every passage is about the company: its full name only matched the sentences that spell
    it out (an 应收员工款 row answered the staff count); a start of the name that ends inside
    a word (张家界旅 of 张家界旅行社) is left alone."""
    staff = zjj.answer("张家界旅游集团股份有限公司有多少员工").text
    assert "1,274人" in staff
    assert "202,358,241.85元" in zjj.answer("张家界旅行社服务收入").text
