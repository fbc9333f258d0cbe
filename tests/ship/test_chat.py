"""``python -m bot chat``: a WeChat stand-in asks, retries and sends events to a real server."""

from __future__ import annotations

import asyncio
import os
import secrets
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bot.__main__ import main
from bot.cli.chat_session import NO_REPLY, ChatError, ChatSession, Repl, local_bot, peer_for
from bot.ops.settings import Settings
from bot.protocol.simulator import WeChatPeer, fields, message_xml

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "腾讯二季度营收多少？"
ANSWER = "1148.83"


@pytest.fixture
async def bot_url(settings: Settings) -> AsyncIterator[str]:
    async with local_bot(settings) as url:
        yield url


async def retries_counted(url: str) -> str:
    async with aiohttp.ClientSession() as http, \
            http.get(url.replace("/wechat", "/metrics")) as resp:
        body = await resp.text()
    return next(line for line in body.splitlines()
                if line.startswith("caibao_retries_deduplicated_total"))


async def test_session_asks_retries_and_sends_events(bot_url: str, settings: Settings) -> None:
    for aes in (False, True):
        async with ChatSession(bot_url, peer_for(settings), openid=f"o_chat_{aes}",
                               aes=aes) as chat:
            first = await chat.send(QUESTION)
            assert first.status == 200 and ANSWER in first.text
            assert ("<Encrypt>" in first.body) is aes and (ANSWER in first.body) is not aes
            retried = await chat.retry()  # same MsgId, same body: answered from the cache
            assert retried.msg_id == first.msg_id and retried.fields == first.fields

            welcome = await chat.subscribe()
            assert "财报助手" in welcome.text
            assert (await chat.retry()).text == welcome.text  # an event: same sender + time
            assert ANSWER in (await chat.click("Q_REVENUE")).text
            assert "月活跃" in (await chat.voice("微信月活跃账户数是多少")).text
            gone = await chat.unsubscribe()
            assert gone.status == 200 and gone.render() == NO_REPLY
    # Each retry ran no handler: the question and the welcome were deduplicated, both modes.
    assert await retries_counted(bot_url) == "caibao_retries_deduplicated_total 4.0"


async def test_repl_commands_and_a_wrong_token(bot_url: str, settings: Settings) -> None:
    async with ChatSession(bot_url, peer_for(settings), openid="o_chat_repl") as chat:
        repl = Repl(chat)
        assert await repl.handle("/retry") == "(nothing to retry yet)"
        answer = await repl.handle(QUESTION)
        assert answer is not None and ANSWER in answer
        assert chat.last is not None
        msg_id = fields(chat.last.xml)["MsgId"]
        assert await repl.handle("/retry") == f"(WeChat retry, MsgId {msg_id})\n{answer}"
        assert "财报助手" in (await repl.handle("/subscribe") or "")
        assert await repl.handle("/unsubscribe") == NO_REPLY
        assert "/click KEY" in (await repl.handle("/nonsense") or "")
        assert await repl.handle("   ") == ""
        assert await repl.handle("/quit") is None
    async with ChatSession(bot_url, WeChatPeer("notthetoken")) as chat:
        assert await Repl(chat).handle(QUESTION) == "(HTTP 403: forbidden)"


Handler = Callable[[web.Request], Awaitable[web.Response]]


@pytest.fixture
async def fake_bot() -> AsyncIterator[Callable[[Handler], Awaitable[str]]]:
    """A misbehaving bot on loopback, to check what the chat refuses or retries."""
    runners: list[web.AppRunner] = []

    async def start(handler: Handler) -> str:
        app = web.Application()
        app.router.add_post("/wechat", handler)
        runner = web.AppRunner(app)
        await runner.setup()
        runners.append(runner)
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        return f"http://127.0.0.1:{runner.addresses[0][1]}/wechat"

    yield start
    for runner in runners:
        await runner.cleanup()


def reply_xml(to: str) -> str:
    return message_xml("gh_caibao_test", to, "text", Content="hello")


async def test_replies_wechat_would_reject_are_reported(
        fake_bot: Callable[[Handler], Awaitable[str]], settings: Settings) -> None:
    peer = peer_for(settings)
    cipher = peer.cipher
    assert cipher is not None

    async def misaddressed(request: web.Request) -> web.Response:
        return web.Response(text=reply_xml("o_someone_else"))

    async def plaintext(request: web.Request) -> web.Response:
        return web.Response(text=reply_xml("o_me"))

    async def tampered(request: web.Request) -> web.Response:
        xml = cipher.encrypt(reply_xml("o_me"), "n0nce", "1700000000")
        return web.Response(text=xml.replace("<Encrypt><![CDATA[", "<Encrypt><![CDATA[A", 1))

    for handler, aes, why in ((misaddressed, False, "someone else"),
                              (plaintext, True, "plaintext reply"),
                              (tampered, True, "signature mismatch")):
        url = await fake_bot(handler)
        async with ChatSession(url, peer, openid="o_me", aes=aes) as chat:
            with pytest.raises(ChatError, match=why):
                await chat.send("你好")
            assert why in (await Repl(chat).handle("你好") or "")


async def test_a_slow_bot_gets_the_same_request_three_more_times(
        fake_bot: Callable[[Handler], Awaitable[str]], settings: Settings) -> None:
    seen: list[tuple[str, bytes]] = []

    async def slow(request: web.Request) -> web.Response:
        seen.append((request.query_string, await request.read()))
        await asyncio.sleep(1)
        return web.Response(text="success")

    url = await fake_bot(slow)
    async with ChatSession(url, peer_for(settings), wait=0.1) as chat:
        reply = await chat.send(QUESTION)
    assert reply.status == 0 and reply.tries == 4
    assert "该公众号暂时无法提供服务" in reply.render()
    assert len(seen) == 4 and len(set(seen)) == 1


async def run_chat(*args: str, stdin: str, env: dict[str, str]) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "chat", *args, env=env, cwd=env["DATA_DIR"],
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(stdin.encode()), 60)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


def child_env(tmp_path: Path, redis_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WECHAT_", "REDIS_"))}
    return {**env, "PYTHONPATH": str(ROOT), "DATA_DIR": str(tmp_path), "REDIS_URL": redis_url,
            **extra}


async def test_command_starts_its_own_bot_with_a_generated_token(tmp_path: Path,
                                                                 redis_url: str) -> None:
    user = f"o_cli_{secrets.token_hex(4)}"
    code, out, err = await run_chat(
        "--user", user, stdin=f"{QUESTION}\n/retry\n/subscribe\n/quit\n{QUESTION}\n",
        env=child_env(tmp_path, redis_url))
    assert code == 0, err
    assert out.count(ANSWER) == 2  # the answer and its retry; nothing after /quit
    assert "(WeChat retry, MsgId " in out and "财报助手" in out
    assert f"as {user}, plaintext mode" in err


async def test_command_talks_to_a_running_bot_in_safe_mode(tmp_path: Path, redis_url: str,
                                                           bot_url: str,
                                                           settings: Settings) -> None:
    key = settings.wechat_aes_key.reveal() if settings.wechat_aes_key else ""
    env = child_env(tmp_path, redis_url, WECHAT_TOKEN=settings.wechat_token.reveal(),
                    WECHAT_AES_KEY=key, WECHAT_APPID=settings.wechat_appid)
    code, out, err = await run_chat("--url", bot_url, "--aes",
                                    stdin=f"/click Q_REVENUE\n/voice {QUESTION}\n", env=env)
    assert code == 0, err
    assert out.count(ANSWER) == 2 and "safe mode" in err


def test_command_without_the_token_of_a_remote_bot_says_which_variable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.delenv("WECHAT_TOKEN", raising=False)
    assert main(["chat", "--url", "http://127.0.0.1:9/wechat"]) == 2
    assert "WECHAT_TOKEN" in capsys.readouterr().err
    monkeypatch.setenv("WECHAT_TOKEN", "sometoken")
    monkeypatch.delenv("WECHAT_AES_KEY", raising=False)
    assert main(["chat", "--url", "http://127.0.0.1:9/wechat", "--aes"]) == 2
    assert "WECHAT_AES_KEY" in capsys.readouterr().err
