"""Follow-up questions resolved through Context (the pure part of the conversation issue)."""

from __future__ import annotations

import json

from knowledge import Context, KnowledgeBase


def ask_chain(kb: KnowledgeBase, *questions: str) -> list[str]:
    context: Context | None = None
    replies = []
    for q in questions:
        answer = kb.answer(q, context)
        # Context goes through JSON, as it does through Redis.
        context = Context.from_dict(json.loads(json.dumps(answer.context.to_dict())))
        replies.append(answer.text)
    return replies


def test_ellipsis_growth_after_a_figure(shipped: KnowledgeBase) -> None:
    replies = ask_chain(shipped, "腾讯营收多少", "同比增长多少？")
    assert "1148.83" in replies[0] and "29%" in replies[1]


def test_three_turn_chain(shipped: KnowledgeBase) -> None:
    replies = ask_chain(shipped, "微信月活多少", "增长了多少", "那QQ呢")
    assert "12" in replies[0] and "6.5%" in replies[1] and "6.476" in replies[2]


def test_substitution_keeps_question_form(shipped: KnowledgeBase) -> None:
    replies = ask_chain(shipped, "营业收入是多少", "那净利润呢", "那广告呢")
    assert "331.07" in replies[1]
    assert "广告" in replies[2] and "没有找到" not in replies[2]


def test_time_follow_up(shipped: KnowledgeBase) -> None:
    replies = ask_chain(shipped, "小而有力倡议是什么", "什么时候发起的")
    assert "8月6日" in replies[1]


def test_unknown_substitute_is_refused_not_bent(shipped: KnowledgeBase) -> None:
    replies = ask_chain(shipped, "腾讯营收多少", "其中海外的呢")
    assert "没有找到" in replies[1]


def test_complete_question_ignores_context(shipped: KnowledgeBase) -> None:
    replies = ask_chain(shipped, "腾讯营收多少", "微信支付有多少月活跃商户")
    assert "5000万" in replies[1] and "1148.83" not in replies[1]


def test_more_returns_unseen_passages_then_none(shipped: KnowledgeBase) -> None:
    first = shipped.answer("增值服务收入是多少")
    seen = {first.matches[0][0].id}
    context = first.context
    for _ in range(30):
        nxt = shipped.more(context)
        if nxt is None:
            break
        pid = nxt.matches[0][0].id
        assert pid not in seen
        seen.add(pid)
        context = nxt.context
    else:
        raise AssertionError("more() never ran out")
    assert len(seen) >= 2


def test_more_without_context_is_none(shipped: KnowledgeBase) -> None:
    assert shipped.more(Context()) is None


def test_context_from_bad_dict_is_safe() -> None:
    ctx = Context.from_dict({"metric": 3, "passage_ids": ["x", 2], "questions": "oops", "new": 1})
    assert ctx.metric is None and ctx.passage_ids == (2,) and ctx.questions == ()
    assert Context.from_dict(None) == Context()
    # Other reports' figures: at most three, whatever the store held.
    ctx = Context.from_dict({"others": ["营业收入|2021", {"x": 1}, *(["净利润|2020"] * 9)]})
    assert ctx.others == ("营业收入|2021", "净利润|2020", "净利润|2020")


def test_context_keeps_at_most_five_questions(shipped: KnowledgeBase) -> None:
    context: Context | None = None
    for q in ["营收多少", "净利润多少", "毛利多少", "QQ月活", "微信月活", "游戏收入多少"]:
        context = shipped.answer(q, context).context
    assert context is not None and len(context.questions) == 5


def test_new_subject_keeps_the_measure(shipped: KnowledgeBase) -> None:
    replies = ask_chain(shipped, "金融科技收入多少", "那增值服务呢", "其中网络游戏呢")
    assert "298.62" in replies[0] and "650.02" in replies[1] and "382.88" in replies[2]


def test_substitution_without_a_common_passage_takes_the_new_topic(shipped: KnowledgeBase) -> None:
    replies = ask_chain(shipped, "营业收入是多少", "那净利润呢", "那广告呢")
    assert "广告" in replies[2] and "没有找到" not in replies[2]


def test_period_substitution(shipped: KnowledgeBase) -> None:
    replies = ask_chain(shipped, "腾讯营收多少", "那上半年呢")
    assert "2229.48" in replies[1]
