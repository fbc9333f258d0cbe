"""The sentences the dispatch layer itself says (errors, limits, the "更多" hint) and the
outcomes that count as a follower's question. Handlers reuse them (handlers/texts.py); the
bot's core never imports handlers."""

from __future__ import annotations

RATE_LIMITED = "消息有点太频繁啦，请稍后再试。"
ERROR = "抱歉，刚才出了点问题，请稍后再试。"
MORE_HINT = "\n（回复“更多”查看后续）"

#: Reply outcomes that count as a follower's question in statistics.
COUNTED_OUTCOMES = frozenset({"answered", "refused", "chitchat", "rate_limited"})
