"""Logs as an operator sees them: JSON lines from a real server, no text, OpenID or secret."""

from __future__ import annotations

import io
import json
import logging
import secrets
from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest

from bot.cli.chat_session import ChatSession, local_bot, peer_for
from bot.ops.logs import setup_logging
from bot.ops.settings import Settings
from bot.state.store import user_hash


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    """The bot's own logging set-up (as ``serve`` does it), writing into a buffer."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    stream = io.StringIO()
    setup_logging("INFO", stream)
    yield stream
    root.handlers[:] = handlers
    root.setLevel(level)


def records(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]  # every line is JSON


async def test_message_and_access_lines_carry_no_text_openid_or_secret(
        settings: Settings, log_stream: io.StringIO) -> None:
    openid = f"oLeakCheck{secrets.token_hex(6)}"
    question = "请问腾讯二季度的营收到底是多少呢？"
    async with local_bot(settings) as url, \
            ChatSession(url, peer_for(settings), openid=openid, aes=True) as chat:
        reply = await chat.send(question)
        assert "1148.83" in reply.text
        assert (await chat.retry()).text == reply.text
        sent = chat.last
        assert sent is not None
        async with aiohttp.ClientSession() as http:
            verify = {**chat.peer.verify_query("echo-1"), "openid": openid}
            async with http.get(url, params=verify) as resp:
                assert await resp.text() == "echo-1"
            forged = {**sent.query, "signature": "f" * 40}
            async with http.post(url, params=forged, data=sent.body) as resp:
                assert resp.status == 403

    lines = records(log_stream)
    messages = [r for r in lines if r.get("event") == "message"]
    assert len(messages) == 2  # the question and WeChat's retry, one line each
    for line in messages:
        assert line["level"] == "INFO" and line["logger"] == "caibao.message"
        assert line["user"] == user_hash(openid)
        assert line["type"] == "text"
        assert isinstance(line["latency_ms"], float | int) and line["latency_ms"] >= 0
        assert line["rid"]
    assert messages[0]["outcome"] == "answered" and messages[1]["handler"] == "retry"
    assert messages[0]["rid"] != messages[1]["rid"]

    access = [r for r in lines if r.get("event") == "access"]
    assert [(r["method"], r["status"]) for r in access] == [
        ("POST", 200), ("POST", 200), ("GET", 200), ("POST", 403)]
    assert {r["path"] for r in access} == {"/wechat"}

    text = log_stream.getvalue()
    aes_key = settings.wechat_aes_key.reveal() if settings.wechat_aes_key else "unset"
    leaks = [question, "到底", openid, settings.wechat_token.reveal(), aes_key,
             sent.query["signature"], sent.query["msg_signature"], verify["signature"], "f" * 40,
             "echo-1"]
    assert [leak for leak in leaks if leak in text] == []


async def test_log_level_warning_keeps_per_message_and_access_lines_out(
        settings: Settings, log_stream: io.StringIO) -> None:
    logging.getLogger().setLevel("WARNING")  # what LOG_LEVEL=WARNING does in setup_logging
    async with local_bot(settings) as url, ChatSession(url, peer_for(settings)) as chat:
        assert (await chat.send("腾讯二季度营收多少？")).text
    assert [r for r in records(log_stream) if r.get("event") in ("message", "access")] == []
