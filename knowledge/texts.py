"""Every user-facing sentence the knowledge base writes, in one place."""

from __future__ import annotations

SOURCE_NOTE = "（来源：{source}）"
REFUSAL = "抱歉，在报告中没有找到这个问题的答案。"
REFUSAL_SCOPE = "抱歉，没有找到关于「{what}」的内容，这份资料只涉及{scope}。"
REFUSAL_EMPTY = "没有找到可以回答的问题内容。"
TOO_COMPLEX = "抱歉，这个问题太长或太复杂了，我没能读懂。请换个简短的问法，一次问一个数字或一件事。"
NO_MORE = "没有找到更多相关内容了。"
SUGGEST_HEAD = "您可以试试这样问："
WELCOME = "您好！我是财报助手，可以回答关于《{title}》的问题，比如业绩数字、业务进展和合作。"
HELP = "我是财报助手：用一句话提问，我从报告原文里找出答案并注明出处；回复“更多”看下一条相关内容。"
THANKS = "不客气！还想了解报告里的什么，直接问我就好。"
BYE = "再见！有问题随时来问。"
EXAMPLE_QUESTION = "{subject}{metric}是多少？"
EXAMPLE_TOPIC = "{topic}是什么？"
