"""Greetings, thanks and capability questions, however worded, get the one welcome — never
"没有找到" (issue 14); "更多" and help words are defined once."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient

from bot.protocol.simulator import WeChatPeer
from handlers import texts as bot_texts
from knowledge import texts as kb_texts
from tests.conftest import Ask, Send

WELCOMING = [
    "你好", "您好！", "hello", "在吗", "？", "?", "😀", "帮助", "菜单", "使用说明",
    "这个号能干嘛", "都能问些啥", "你能回答什么问题", "这个公众号是干什么的", "怎么用",
    "你好，想问点事儿", "您好，我想了解一下", "hi，在不在，问个问题",
]


@pytest.mark.parametrize("text", WELCOMING)
async def test_every_greeting_and_help_gets_the_welcome(ask: Ask, text: str) -> None:
    reply = await ask(text, openid="o_welcome")
    assert "没有找到" not in reply, reply
    assert "财报助手" in reply and "你可以这样问" in reply, reply
    assert "《腾讯控股2020年第二季度业绩》" in reply or "腾讯" in reply


async def test_a_greeting_in_front_of_a_real_question_is_answered(ask: Ask) -> None:
    assert "1148.83" in await ask("你好，腾讯二季度营收多少？", openid="o_g1")
    assert "没有找到" in await ask("你好，京东的营收是多少", openid="o_g2")


async def test_the_subscribe_welcome_is_the_same_welcome(send: Send, peer: WeChatPeer,
                                                         ask: Ask) -> None:
    subscribed = (await send(peer.event("o_w", "subscribe"))).text
    assert subscribed == await ask("你好", openid="o_w2") == await ask("能问些啥", openid="o_w3")


async def test_more_words_are_one_list(client: TestClient[object, object], ask: Ask) -> None:
    assert bot_texts.MORE_WORDS is kb_texts.MORE_WORDS
    await ask("腾讯二季度营收多少？", openid="o_more")
    for word in ("下一条", "再来", "更多"):
        reply = await ask(word, openid="o_more")
        assert "你可以这样问" not in reply, (word, reply)


@pytest.mark.parametrize("text", ["华星光电用人工智能做什么", "腾讯是干什么的", "腾讯云怎么用AI"])
async def test_a_question_about_a_company_is_not_a_capability_question(ask: Ask,
                                                                      text: str) -> None:
    reply = await ask(text, openid="o_not_welcome")
    assert "你可以这样问" not in reply, reply
