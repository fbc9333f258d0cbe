"""Every user-facing sentence of the bot's own, in one place (answers come from the knowledge)."""

from __future__ import annotations

from collections.abc import Sequence

WELCOME = "你好，我是财报助手！我可以回答关于{topic}的问题，答案都引自报告原文。"
EXAMPLES_HEAD = "你可以这样问："
WELCOME_TAIL = "长回答回复“更多”看后续，回复“重新开始”清除对话。"

MEDIA = "我目前只能读懂文字和语音消息。请直接用文字提问，例如：{example}"
VOICE_UNRECOGNIZED = "没听清这段语音，请用文字再问一次吧。"
RATE_LIMITED = "消息有点太频繁啦，请稍后再试。"
ERROR = "抱歉，刚才出了点问题，请稍后再试。"
MORE_HINT = "\n（回复“更多”查看后续）"
NO_MORE = "这个问题没有更多内容了，可以换个问题问我。"
RESET = "好的，已经重新开始。请直接提问吧。"
MENU_UNKNOWN = "这个菜单暂时没有内容，请直接用文字提问。"

MORE_WORDS = ("更多", "继续", "还有吗", "还有呢", "more")
RESET_WORDS = ("重新开始", "重来", "清除", "reset")
HELP_WORDS = ("帮助", "菜单", "help", "menu", "?", "？", "使用说明")

#: Reply outcomes that count as a follower's question in statistics.
COUNTED_OUTCOMES = frozenset({"answered", "refused", "chitchat", "rate_limited"})


def welcome(topic: str, examples: Sequence[str], header: str | None = None) -> str:
    lines = [header or WELCOME.format(topic=topic)]
    if examples:
        lines.append(EXAMPLES_HEAD)
        lines.extend(f"{i}. {q}" for i, q in enumerate(examples, 1))
    lines.append(WELCOME_TAIL)
    return "\n".join(lines)
