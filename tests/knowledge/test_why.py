""""为什么 / 原因" questions are answered by the sentence giving a reason (由于…, 受…影响,
主要归因于…), not by the one that only states the figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from knowledge.rank import REASON_RE

REPORT = """# 青川银行2023年第一季度报告

## 季度经营简要分析

营业收入227.6亿元，同比下降1.09%。
利息净收入168.4亿元，下降4.79%。
受贷款市场报价利率下调滞后反映等因素影响，净利息收益率下降至1.77%。
手续费及佣金净收入40.5亿元，下降2.86%，主要是受资本市场波动影响，代销基金收入减少。
本年亏损6.4亿元。

## 集团业绩

本年度的亏损主要归因于全球经济衰退及个人消费减少而导致收入减少。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("why")
    (folder / "qingchuan-2023q1.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


@pytest.mark.parametrize(("question", "reason"), [
    ("为什么手续费收入下降", "资本市场波动"),
    ("净息差为什么下降", "贷款市场报价利率"),
    ("今年亏损原因", "全球经济衰退"),
])
def test_why_is_answered_with_the_reason(kb: KnowledgeBase, question: str, reason: str) -> None:
    answer = kb.answer(question)
    assert reason in answer.text, answer.text


HK_REPORT = """# 示範藥業控股有限公司 二零零九年年報

## 醫藥業務

回顧期內，醫藥業務錄得虧損，主要因(i)本集團於二零零九年銷售下降；(ii)因銷售減少而需要對廠房及設備作出減值撥備港幣四億元；及(iii)港幣三千萬元庫存撇銷。

## 每股虧損

截至二零零九年十二月三十一日止年度每股基本虧損為港幣57.4仙，本公司擁有人應佔虧損為港幣576,790,000元。

## 風險

影響本集團業績的主要因素包括藥品價格。
"""


def test_a_reason_given_with_zhuyao_yin_answers_why(tmp_path: Path) -> None:
    """"主要因(i)…" gives the reason as 由於 does (Hong Kong reports write both); "主要因素"
    gives none."""
    (tmp_path / "shifan-2009.md").write_text(HK_REPORT, encoding="utf-8")
    kb = build_knowledge(tmp_path)
    text = kb.answer("示範藥業2009年點解虧損").text
    assert "銷售下降" in text and "減值撥備" in text, text
    assert all(REASON_RE.search(t) for t in ("亏损主要因销售下降", "增加乃因收购", "减少乃由于"))
    assert not REASON_RE.search("影响本集团业绩的主要因素包括药品价格")



def test_the_reason_among_many_short_rows_saying_the_word(tmp_path: Path) -> None:
    """A note's table of subsidiaries says 虧損 in thirty short lines; the one sentence giving
    the reason for the year's loss is long, so word matching alone ranks it below them all."""
    rows = "\n".join(f"| 附屬公司{k}虧損 | {k},{k:03d} |" for k in range(1, 31))
    report = (HK_REPORT + "\n## 附註\n\n### 附屬公司\n\n| 項目 | 港幣千元 |\n|---|---|\n"
              + rows + "\n")
    (tmp_path / "shifan-2009.md").write_text(report, encoding="utf-8")
    kb = build_knowledge(tmp_path)
    text = kb.answer("示範藥業2009年點解虧損").text
    assert "銷售下降" in text, text
