"""Definition questions ("X是什么 / 什么是X / 介绍一下X") quote the passage introducing X."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from knowledge.rank import introduces, listed

REPORT = """# 青松软件2024年第一季度报告

青松软件本季度营业收入为1.2亿元，同比增长12%。青松软件员工共有320人。

## 产品

公司本季度推出云账本、智能客服、数据看板等产品和服务。
在此之前，青松团队还上线了面向小微商户的记账工具“云账本”，云账本可以帮助商户完成开票、对账和报税。
所谓智能客服，是指用大模型自动回答客户咨询的服务，今年已接入云账本、数据看板。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("define")
    (folder / "report.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


@pytest.mark.parametrize(
    "question", ["云账本是什么", "什么是云账本？", "云账本是干什么的", "介绍一下云账本"]
)
def test_definition_prefers_the_introducing_sentence(kb: KnowledgeBase, question: str) -> None:
    answer = kb.answer(question)
    assert "记账工具" in answer.text, answer.text


def test_so_called_introduces(kb: KnowledgeBase) -> None:
    assert "大模型" in kb.answer("智能客服是什么").text


@pytest.mark.parametrize("question", ["云客服是什么", "智能看板是什么", "介绍一下账本工具"])
def test_a_thing_the_report_never_names_is_not_defined(kb: KnowledgeBase,
                                                       question: str) -> None:
    # Each word occurs in the report (客服, 看板, 账本…), the thing asked about never does.
    assert "没有找到" in kb.answer(question).text


def test_list_question_still_gets_the_list(kb: KnowledgeBase) -> None:
    assert "数据看板等产品" in kb.answer("公司推出了哪些产品").text


@pytest.mark.parametrize(
    "sentence",
    [
        "青松团队上线了记账工具“云账本”,方便商户",
        "云账本是一款记账工具",
        "云账本(yunzhangben)上线",
        "所谓云账本,就是记账工具",
        "云账本可以帮助商户报税",
        "目前,云账本已有十万用户",
    ],
)
def test_introduces(sentence: str) -> None:
    assert introduces(sentence, "云账本")


@pytest.mark.parametrize("sentence", ["推出云账本、智能客服等产品", "推出智能客服、云账本等产品"])
def test_listed_is_not_introduced(sentence: str) -> None:
    assert listed(sentence, "云账本")
    assert not introduces(sentence, "云账本")
