"""Every user-facing sentence of the bot's own, in one place (answers come from the knowledge)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.dispatch.texts import COUNTED_OUTCOMES, ERROR, MORE_HINT, RATE_LIMITED
from knowledge.texts import MORE_WORDS, scope

__all__ = ["COUNTED_OUTCOMES", "ERROR", "MORE_HINT", "MORE_WORDS", "RATE_LIMITED", "scope"]

WELCOME = "你好，我是财报助手！我可以回答关于{topic}的问题，答案都引自报告原文。"
EXAMPLES_HEAD = "你可以这样问："
WELCOME_TAIL = "长回答回复“更多”看后续，回复“重新开始”清除对话。"

MEDIA = "我目前只能读懂文字和语音消息。请直接用文字提问，例如：{example}"
MEDIA_PLAIN = "我目前只能读懂文字和语音消息，请直接用文字提问。"
VOICE_UNRECOGNIZED = "没听清这段语音，请用文字再问一次吧。"
NO_MORE = "这个问题没有更多内容了，可以换个问题问我。"
RESET = "好的，已经重新开始。请直接提问吧。"
MENU_UNKNOWN = "这个菜单暂时没有内容，请直接用文字提问。"

RESET_WORDS = ("重新开始", "重来", "清除", "reset")



def welcome(topic: str, examples: Sequence[str], header: str | None = None) -> str:
    lines = [header or WELCOME.format(topic=topic)]
    if examples:
        lines.append(EXAMPLES_HEAD)
        lines.extend(f"{i}. {q}" for i, q in enumerate(examples, 1))
    lines.append(WELCOME_TAIL)
    return "\n".join(lines)


# -- operator (admin) replies ---------------------------------------------------------------
ADMIN_HELP = (
    "管理命令：\n"
    "/reload（重新加载）— 从知识目录重建知识库，所有实例同步\n"
    "/status（状态）— 版本、文档与段落数、运行时间、在线实例、Redis\n"
    "/stats（统计）— 今日与近7天的提问、回答、未找到、限流和热门问题\n"
    "/unanswered [N]（未回答）— 最近未能回答的问题\n"
    "/help — 本说明"
)
ADMIN_RELOAD_OK = ("已重新加载知识库：版本 {version}（原 {previous}），{documents} 份文档，"
                   "{passages} 段，用时 {seconds:.2f} 秒。所有实例将同步到此版本。")
ADMIN_RELOAD_WARNINGS = "注意，以下内容未载入：\n{warnings}"
ADMIN_RELOAD_FAILED = "重新加载失败：{error}。仍在使用版本 {version}。"
ADMIN_STATUS = ("知识库版本 {version}：{documents} 份文档，{passages} 段\n"
                "本实例 {instance}，已运行 {uptime}\nRedis：{redis}\n在线实例 {count} 个：\n{rows}")
ADMIN_INSTANCE_ROW = "· {id}（{host}）版本 {version}"
ADMIN_STATS = ("今日：提问 {t_questions}，回答 {t_answered}，未找到 {t_refused}，"
               "限流 {t_rate_limited}\n近{days}天：提问 {w_questions}，回答 {w_answered}，"
               "未找到 {w_refused}，限流 {w_rate_limited}\n热门问题：\n{top}")
ADMIN_UNANSWERED_HEAD = "最近未回答的 {n} 个问题："
ADMIN_UNANSWERED_NONE = "最近没有未回答的问题。"
ADMIN_REDIS_DOWN = "Redis 暂不可用，无法读取统计。"
ADMIN_NONE = "（无）"
REDIS_STATES = {"ok": "正常", "unavailable": "不可用"}


def duration(seconds: float) -> str:
    s = int(seconds)
    days, s = divmod(s, 86400)
    hours, s = divmod(s, 3600)
    minutes, s = divmod(s, 60)
    parts = [f"{days}天" if days else "", f"{hours}小时" if hours else "",
             f"{minutes}分" if minutes else "", f"{s}秒"]
    return "".join(p for p in parts if p)
