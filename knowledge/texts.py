"""Every user-facing sentence the knowledge base writes, in one place."""

from __future__ import annotations

import re

SOURCE_NOTE = "（来源：{source}）"


def source_note(document: str, page: int | None, heading: str) -> str:
    """（来源：document 第N页 · heading）, the page only where the document has pages: the one
    note under every quote, passage or fact."""
    source = document + (f" 第{page}页" if page is not None else "")
    return SOURCE_NOTE.format(source=source + (f" · {heading}" if heading else ""))
REFUSAL = "抱歉，在报告中没有找到这个问题的答案。"
REFUSAL_SCOPE = "抱歉，没有找到关于「{what}」的内容，这份资料只涉及{scope}。"
REFUSAL_EMPTY = "没有找到可以回答的问题内容。"
TOO_COMPLEX = "抱歉，这个问题太长或太复杂了，我没能读懂。请换个简短的问法，一次问一个数字或一件事。"
ASK_COMPANY = "您想问哪家公司：{names}？请回复公司名称。"
OTHER_REPORTS = "其他报告期："
NO_MORE = "没有找到更多相关内容了。"
SUGGEST_HEAD = "您可以试试这样问："
WELCOME = "您好！我是财报助手，可以回答关于{scope}的问题，比如业绩数字、业务进展和合作。"
HELP = "我是财报助手：用一句话提问，我从报告原文里找出答案并注明出处；回复“更多”看下一条相关内容。"
THANKS = "不客气！还想了解报告里的什么，直接问我就好。"
BYE = "再见！有问题随时来问。"
# Figures across periods (knowledge/across.py); each figure follows on its own line.
ACROSS_HEAD = "近{n}年{metric}："
ACROSS_PERIODS = "{periods}{metric}："
ACROSS_BEST = "{year}年{metric}{how}。"
ACROSS_RATES = "各年同比：{rates}。"
# A figure from a later report's comparison column ("2020年营收" from the 2021 annual report).
FROM_LATER_REPORT = "（取自{report}中的比较期数字）"
EXAMPLE_QUESTION = "{subject}{metric}是多少？"
EXAMPLE_TOPIC = "{topic}是什么？"

#: A question about which report this is ("这份报告是哪一年的", "报告期是哪一段", "这是哪家公司
#:的报告"): the companies and periods the knowledge covers answer it.
REPORT_ASKED_RE = re.compile(
    r"^的?(?:这份?|这个|该|你们?的?|收录的?)?(?:报告|年报|季报|财报|半年报|中报|资料|文件)?(?:是|属于|讲的是)?"
    r"(?:哪一?年|哪一?期|哪个?季度|哪家公司|哪个公司|谁家|什么时候|什么时期)的?"
    r"(?:报告|年报|季报|财报|半年报|中报|资料)?(?:呀|啊|呢|吗)?$"
    r"|^的?(?:这份?|该)?(?:报告|年报|季报|财报)?的?报告期(?:是|为)?(?:哪一?段|哪一?年|什么时候|"
    r"哪个期间|多久|从什么时候到什么时候)?(?:呀|啊|呢)?$")
REPORT_IS = "收录的报告：{scope}。"
#: Words that ask for the rest of the last answer or the next related passage — the one
#: definition, used by the knowledge base and by the bot's "更多" command alike.
MORE_WORDS = ("更多", "继续", "还有吗", "还有呢", "下一条", "再来", "more", "next")
#: A question about what the bot can do, however worded ("这个号能干嘛", "都能问些啥"). The
#: whole question is that: the bot (or nobody) as its subject, so "华星光电用人工智能做什么" —
#: a company doing something — is not one.
_BOT = r"(?:你们?|您|这个?(?:公众)?号|公众号|账号|机器人|助手|财报助手)"
CAPABILITY_RE = re.compile(
    rf"^{_BOT}?(?:都|还)?(?:能|可以|可|会)(?:帮我)?(?:干嘛|干啥|干什么|做什么|做啥|问什么|问啥"
    r"|问些啥|问些什么|问哪些|回答什么|回答啥|回答哪些|聊什么|查什么|查啥|帮什么)"
    r"(?:问题|内容|东西|呢|啊|呀)?$"
    rf"|^{_BOT}是?(?:干什么的|干嘛的|做什么的)$"
    r"|^(?:怎么用|咋用|如何用|如何使用|有什么用|有啥用)"
)


def scope(titles: list[str], limit: int = 3) -> str:
    """How a welcome names what the documents cover: 《A》、《B》 or 《A》、《B》等5份报告."""
    if not titles:
        return "已收录的报告"
    named = "、".join(f"《{t}》" for t in titles[:limit])
    return named if len(titles) <= limit else f"{named}等{len(titles)}份报告"
