"""A question asking two things of one long sentence ("什么时候成立、什么时候上市") is quoted with
the clause answering each, not only the one around the best match."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge

REPORT = """# 青川银行2023年年度报告

## 主要业务

公司成立于1988年8月，是经国务院、中国人民银行批准成立的首批股份制商业银行之一，2007年2月5日在上海证券交易所挂牌上市，目前已发展成为以银行为主体，涵盖信托、金融租赁、基金、期货等在内的综合金融服务集团。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("quote")
    (folder / "qingchuan-2023.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


def test_both_dates_asked_are_quoted(kb: KnowledgeBase) -> None:
    answer = kb.answer("青川银行是什么时候成立、什么时候上市的")
    assert "1988年8月" in answer.text and "2007年2月5日" in answer.text, answer.text


def test_one_date_asked_keeps_a_short_quote(kb: KnowledgeBase) -> None:
    answer = kb.answer("青川银行什么时候上市的")
    assert "2007年2月5日" in answer.text and "期货" not in answer.text, answer.text
