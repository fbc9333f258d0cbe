"""A question naming the document itself (年报 in an annual report, 一季报 in a first-quarter
report) asks about the report every passage is part of: the word is not a topic a passage
must repeat, as the company's own name is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge

REPORT = """# 青川银行2023年年度报告

## 重要提示

本行董事会审议通过了2023年年度报告及年度报告摘要。

## 公司简介

本行聘任的会计师事务所为明镜会计师事务所（特殊普通合伙），签字会计师为张三、李四。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("kind")
    (folder / "qingchuan-2023.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


def test_the_document_kind_is_read_from_the_cover(kb: KnowledgeBase) -> None:
    assert kb.document_kinds == frozenset({"年度报告"})


def test_a_question_naming_its_own_report_is_about_the_report(kb: KnowledgeBase) -> None:
    answer = kb.answer("年报的会计师事务所是哪家")
    assert "明镜会计师事务所" in answer.text, answer.text
