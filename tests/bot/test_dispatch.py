"""The dispatcher without HTTP: parsed messages in, replies out, real Redis underneath."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.dispatch.middleware import default_middlewares
from bot.dispatch.router import Dispatcher, Reply, Router, of_type, text_in
from bot.ops.metrics import Metrics
from bot.ops.settings import Settings
from bot.protocol.wechat import REPLY_LIMIT, Message
from bot.state.store import Store
from handlers import commands, texts
from handlers.menu import Menu

LONG = "".join(f"第{i}句：这是一段很长的回答，用来检验被动回复的字节上限。" for i in range(200))


@pytest.fixture
async def store(settings: Settings) -> AsyncIterator[Store]:
    assert settings.redis_url is not None
    s = Store.from_url(settings.redis_url, f"caibao:test:{settings.wechat_appid}", 0.5)
    yield s
    await s.close()


def dispatcher(settings: Settings, *routers: Router) -> Dispatcher:
    return Dispatcher(list(routers), default_middlewares(), settings=settings, metrics=Metrics(),
                      menu=Menu({}))


def text(content: str, msg_id: str, sender: str = "o_d") -> Message:
    return Message("text", sender, "gh", int(time.time()), msg_id=msg_id, content=content)


async def feed(d: Dispatcher, store: Store, message: Message, kb: Any = None) -> Reply | None:
    return await d.feed(message, rid="t", deadline=time.monotonic() + 4, kb=kb, store=store)


async def test_long_replies_are_cut_and_continued_with_more(settings: Settings,
                                                            store: Store) -> None:
    long = Router("long")

    @long(of_type("text"), text_in("长回答"))
    async def handle_long() -> Reply:
        return Reply(LONG)

    d = dispatcher(settings, commands.router, long)
    parts = []
    reply = await feed(d, store, text("长回答", "1"))
    n = 2
    while reply is not None and texts.MORE_HINT in reply.text:
        assert len(reply.text.encode("utf-8")) <= REPLY_LIMIT
        parts.append(reply.text.removesuffix(texts.MORE_HINT))
        reply = await feed(d, store, text("更多", str(n)))
        n += 1
    assert reply is not None
    parts.append(reply.text)
    assert len(parts) >= 3
    assert "".join(parts) == LONG
    done = await feed(d, store, text("更多", str(n)))
    assert done is not None and done.text == texts.NO_MORE


async def test_a_failing_handler_gets_a_polite_reply_and_a_retry_may_run_again(
        settings: Settings, store: Store) -> None:
    calls = []
    broken = Router("broken")

    @broken(of_type("text"))
    async def handle_broken(message: Message) -> Reply:
        calls.append(message.msg_id)
        raise ValueError("boom")

    d = dispatcher(settings, broken)
    reply = await feed(d, store, text("x", "77"))
    assert reply is not None and reply.text == texts.ERROR
    assert "boom" not in reply.text
    await feed(d, store, text("x", "77"))
    assert calls == ["77", "77"]


async def test_dependencies_are_injected_by_name(settings: Settings, store: Store) -> None:
    seen: dict[str, Any] = {}
    r = Router("deps")

    @r(of_type("text"))
    async def handle(message: Message, settings: Settings, session: Any) -> Reply:
        seen.update(message=message, settings=settings, session=session)
        return Reply("ok")

    d = dispatcher(settings, r)
    m = text("hi", "5")
    await feed(d, store, m)
    assert seen["message"] is m and seen["settings"] is settings
    assert seen["session"].questions == []
