"""Superlative questions compare the figures a report states side by side."""

from __future__ import annotations

import pytest

from knowledge import KnowledgeBase, build_knowledge
from knowledge.superlative import asked, label_of, measure_of

from .conftest import FIXTURES


@pytest.mark.parametrize(("question", "winner", "figure"), [
    ("哪个业务增长最快", "网络游戏", "40%"),
    ("增速最快的是哪个业务？", "网络游戏", "40%"),
    ("哪项业务收入最高", "增值服务", "650.02"),
    ("占比最大的业务是什么", "增值服务", "57%"),
    ("收入最低的业务", "其他业务", "14.67"),
    ("哪个广告收入下降最多", "媒体广告", "25%"),
])
def test_the_extreme_figure_answers(shipped: KnowledgeBase, question: str, winner: str,
                                    figure: str) -> None:
    answer = shipped.answer(question)
    assert not answer.refused
    assert answer.text.startswith(winner) and figure in answer.text


def test_a_follow_up_is_about_the_winner(shipped: KnowledgeBase) -> None:
    first = shipped.answer("哪项业务收入最高")
    then = shipped.answer("同比增长多少", first.context)
    assert "35%" in then.text and "增值服务" in then.text


def test_other_reports_other_words(shipped: KnowledgeBase) -> None:
    byd = build_knowledge(FIXTURES / "byd")
    assert byd.answer("哪个业务增长最快").text.startswith("汽车及相关产品业务收入")
    hk = build_knowledge(FIXTURES / "hk")  # 收益, not 收入; the total 收益 is no business
    assert hk.answer("哪项业务收入最高").text.startswith("智能手机业务收益")
    # Nothing fell: "下降最多" is not answered with the smallest rise.
    assert hk.answer("哪个业务下降最多").refused


def test_reading_the_figures() -> None:
    assert asked("哪个业务增长最快") is not None and asked("腾讯营收多少") is None
    fall = asked("哪个下降最多")
    assert fall is not None and fall.measure == "growth" and not fall.highest
    assert measure_of("媒体广告收入约为32.90亿元，同比下降25%。", "growth") == -25
    assert measure_of("增值服务收入为650.02亿元，占总收入的57%。", "share") == 57
    assert measure_of("收益为人民币186.3亿元", "amount") == pytest.approx(186.3e8)
    assert label_of("其中网络游戏收入为382.88亿元，同比增长40%；") == "网络游戏收入"
    assert label_of("财报显示，实现营业收入1148.83亿元") is None
