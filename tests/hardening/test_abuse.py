"""A hostile follower or eavesdropper against the bot, from outside: real HTTP, real Redis,
real signatures and AES (issue 11). Every follower is a possible attacker."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import secrets
import socket
import time
from typing import Any

import orjson
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from bot import keys
from bot.app import create_app, server_options
from bot.dispatch.session import MAX_SESSION_BYTES
from bot.ops.settings import Settings
from bot.protocol.simulator import Request, WeChatPeer, message_xml, new_msg_id
from bot.state.store import TOP_KEEP
from knowledge import DEFAULT_DIR, KnowledgeBase, build_knowledge
from knowledge.base import ANSWER_BUDGET
from tests.conftest import MakeClient, Send, sender

BEARER = {"Authorization": "Bearer admin-token-for-tests-0123456789"}


def with_body(req: Request, other: Request) -> Request:
    """``req``'s signed query carrying ``other``'s body: what a replayed query would send."""
    return dataclasses.replace(req, body=other.body, xml=other.xml)


# -- one signed query, one body --------------------------------------------------------------

async def test_a_used_query_with_another_body_is_refused_every_time(
        client: TestClient[Any, Any], send: Send, peer: WeChatPeer) -> None:
    first = peer.text("o_victim", "腾讯二季度营收多少？")
    assert (await send(first)).status == 200
    forged = with_body(first, peer.text("o_victim", "净利润呢"))
    other_user = with_body(first, peer.text("o_someone_else", "游戏收入多少"))
    for req in (forged, other_user, forged):
        sent = await send(req)
        assert sent.status == 403 and "净利润" not in sent.body, sent.body
    metrics = client.app[keys.METRICS].render().decode()
    assert "caibao_replays_refused_total 3.0" in metrics
    # The same query with the same body is WeChat retrying: the same reply again.
    again = await send(first)
    assert again.status == 200 and "1148.83" in again.text


async def test_a_used_query_is_refused_on_another_instance(
        make_client: MakeClient, peer: WeChatPeer) -> None:
    a, b = await make_client(), await make_client()  # one Redis, one AppID: two instances
    first = peer.text("o_victim", "腾讯二季度营收多少？", aes=True)
    assert (await sender(a, peer)(first)).status == 200
    forged = with_body(first, peer.text("o_victim", "净利润呢", aes=True))
    assert (await sender(b, peer)(forged)).status == 403
    retry = await sender(b, peer)(first)
    assert retry.status == 200 and "1148.83" in retry.text


async def test_safe_mode_refuses_plaintext_and_plain_mode_refuses_envelopes(
        make_client: MakeClient, peer: WeChatPeer) -> None:
    safe = sender(await make_client(encrypt_mode="safe"), peer)
    assert (await safe(peer.text("o_a", "腾讯二季度营收多少？", aes=True))).status == 200
    assert (await safe(peer.text("o_a", "腾讯二季度营收多少？"))).status == 403
    # A safe-mode query with encrypt_type removed, carrying a plaintext body.
    envelope = peer.text("o_a", "腾讯二季度营收多少？", aes=True)
    stripped = {k: v for k, v in envelope.query.items() if k not in ("encrypt_type",
                                                                   "msg_signature")}
    plain = peer.text("o_a", "/status")
    assert (await safe(Request(stripped, plain.body, envelope.nonce, envelope.timestamp))
            ).status == 403
    only_plain = sender(await make_client(encrypt_mode="plain"), peer)
    assert (await only_plain(peer.text("o_b", "腾讯二季度营收多少？"))).status == 200
    assert (await only_plain(peer.text("o_b", "腾讯二季度营收多少？", aes=True))).status == 403


async def test_admin_commands_only_from_encrypted_bodies(send: Send, peer: WeChatPeer) -> None:
    sealed = await send(peer.text("o_admin", "/status", aes=True))
    assert "知识库版本" in sealed.text
    for req in (peer.text("o_admin", "/status"),
                peer.text("o_admin", "/status", aes=True, compatible=True)):
        sent = await send(req)
        if "encrypt_type" in req.query:  # compatible mode: the envelope is what counts
            assert "知识库版本" in sent.text
        else:
            assert sent.status == 200 and "知识库版本" not in sent.text, sent.text


async def test_no_admin_command_runs_while_redis_cannot_check_the_query(
        make_client: MakeClient, peer: WeChatPeer, own_redis: Any) -> None:
    send = sender(await make_client(redis_url=own_redis.url), peer)
    own_redis.stop()
    sent = await send(peer.text("o_admin", "/reload", aes=True))
    assert sent.status == 200 and "重新加载" not in sent.text
    assert "1148.83" in (await send(peer.text("o_f", "腾讯二季度营收多少？"))).text


async def test_a_nonce_that_would_break_the_reply_is_refused(
        client: TestClient[Any, Any], peer: WeChatPeer) -> None:
    req = peer.text("o_n", "腾讯二季度营收多少？", aes=True)
    for nonce in ("a]]><MsgSignature>x</MsgSignature>", "a b", "x" * 65, "１２３"):
        query = {**req.query, **peer.query(timestamp=req.timestamp, nonce=nonce)}
        resp = await client.post("/wechat", params=query, data=req.body)
        assert resp.status == 403, nonce


def test_the_envelope_escapes_what_it_copies() -> None:
    import xml.etree.ElementTree as ET

    from bot.protocol.wechat import Cipher
    from tests.conftest import aes_key

    key = aes_key()
    cipher = Cipher("tok", __import__("base64").b64decode(key + "="), "wx123")
    nonce, stamp = "a]]><MsgSignature>forged</MsgSignature>", "1<2"
    root = ET.fromstring(cipher.encrypt("<xml/>", nonce, stamp))
    assert [child.tag for child in root] == ["Encrypt", "MsgSignature", "TimeStamp", "Nonce"]
    assert root.findtext("Nonce") == nonce and root.findtext("TimeStamp") == stamp


# -- bounded state ----------------------------------------------------------------------------

async def test_invented_message_types_do_not_grow_metrics(client: TestClient[Any, Any],
                                                          send: Send, peer: WeChatPeer) -> None:
    for i in range(200):
        xml = message_xml(f"o_m{i}", peer.account, f"x{secrets.token_hex(6)}", MsgId=new_msg_id())
        assert (await send(peer.request(xml, f"o_m{i}"))).status == 200
    body = (await (await client.get("/metrics")).read())
    assert len(body) < 60_000, len(body)
    assert b'caibao_messages_total{type="other"} 200.0' in body


async def test_a_session_keeps_bounded_question_text(client: TestClient[Any, Any], send: Send,
                                                     peer: WeChatPeer) -> None:
    for _ in range(5):
        sent = await send(peer.text("o_long", "腾讯营收" + "多" * 20_000))
        assert sent.status == 200
    await client.app[keys.STORE].settle()
    store = client.app[keys.STORE]
    raw = await store.client.get(store.keys.session("o_long"))
    assert raw is not None and len(raw.encode()) <= MAX_SESSION_BYTES, len(raw.encode())
    session = orjson.loads(raw)
    assert all(len(q) <= 300 for q in session["questions"])


async def test_the_top_question_set_keeps_its_top_n(make_client: MakeClient,
                                                     peer: WeChatPeer) -> None:
    client = await make_client(rate_limit=100_000)
    send = sender(client, peer)
    popular = "腾讯二季度营收多少？"
    for _ in range(3):
        await send(peer.text("o_pop", popular))
    for start in range(0, 3000, 100):
        sent = await asyncio.gather(*(send(peer.text(f"o_q{i % 50}", f"问题编号{i}号是什么"))
                                      for i in range(start, start + 100)))
        assert all(s.status == 200 for s in sent)
    store = client.app[keys.STORE]
    await store.settle()
    from bot.state.store import today
    top = store.keys.top(today())
    assert await store.client.zcard(top) <= TOP_KEEP
    assert await store.client.zscore(top, popular) == 3


@pytest.mark.parametrize("openid", ["o" * 65, "o_ok"])
async def test_overlong_identifiers_are_refused(send: Send, peer: WeChatPeer,
                                                openid: str) -> None:
    sent = await send(peer.text(openid, "腾讯二季度营收多少？"))
    assert sent.status == (400 if len(openid) > 64 else 200)


# -- admin input ------------------------------------------------------------------------------

@pytest.mark.parametrize("n", ["²", "٣", "１０", "-1", "0", "501", "1e3", "", "abc", "9" * 40,
                               "5 ", "0x10"])
async def test_admin_api_validates_n(client: TestClient[Any, Any], n: str) -> None:
    resp = await client.get("/admin/unanswered", params={"n": n}, headers=BEARER)
    assert resp.status == 400, (n, resp.status)


async def test_admin_unanswered_in_wechat_takes_any_argument(send: Send,
                                                             peer: WeChatPeer) -> None:
    for arg in ("²", "٣", "99999999999", "-3", "五"):
        sent = await send(peer.text("o_admin", f"/unanswered {arg}", aes=True))
        assert sent.status == 200 and "出了点问题" not in sent.text, (arg, sent.text)


# -- slow and malformed requests ---------------------------------------------------------------

@pytest.fixture
async def served(settings: Settings) -> Any:
    """The bot on a real TCP port with the server options ``serve`` uses, HTTP_TIMEOUT 0.5 s."""
    runner = web.AppRunner(create_app(dataclasses.replace(settings, http_timeout=0.5)),
                           **server_options(dataclasses.replace(settings, http_timeout=0.5)))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield runner.addresses[0][1]
    await runner.cleanup()


def _closed_within(sock: socket.socket, seconds: float) -> tuple[bool, bytes]:
    sock.settimeout(seconds)
    got = b""
    try:
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                return True, got
            got += chunk
    except TimeoutError:
        return False, got


async def test_headers_that_never_finish_are_cut_off(served: int) -> None:
    loop = asyncio.get_running_loop()
    sock = socket.create_connection(("127.0.0.1", served))
    sock.sendall(b"POST /wechat HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    closed, _ = await loop.run_in_executor(None, _closed_within, sock, 5.0)
    sock.close()
    assert closed


async def test_a_body_that_never_finishes_is_cut_off(served: int, peer: WeChatPeer) -> None:
    loop = asyncio.get_running_loop()
    req = peer.text("o_slow", "腾讯二季度营收多少？")
    query = "&".join(f"{k}={v}" for k, v in req.query.items())
    sock = socket.create_connection(("127.0.0.1", served))
    sock.sendall(f"POST /wechat?{query} HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n"
                 .encode() + req.body[:20])
    started = time.monotonic()
    closed, got = await loop.run_in_executor(None, _closed_within, sock, 5.0)
    sock.close()
    assert closed and got.startswith(b"HTTP/1.1 408"), got[:100]
    assert time.monotonic() - started < 4


async def test_malformed_requests_log_one_info_line(served: int,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    loop = asyncio.get_running_loop()
    caplog.set_level(logging.INFO)
    for junk in (b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"\x16\x03\x01\x02\x00\x01\x00",
                 b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\n\r\n"):
        sock = socket.create_connection(("127.0.0.1", served))
        sock.sendall(junk)
        await loop.run_in_executor(None, _closed_within, sock, 3.0)
        sock.close()
    await asyncio.sleep(0.1)
    server = [r for r in caplog.records if r.name == "aiohttp.server"]
    assert server, "aiohttp logged nothing"
    for record in server:
        assert record.levelno == logging.INFO and record.exc_info is None, record.getMessage()
        assert "malformed request" in record.getMessage()


# -- bounded work ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return build_knowledge(DEFAULT_DIR)


def test_past_its_budget_a_question_gets_a_polite_reply(kb: KnowledgeBase) -> None:
    answer = kb.answer("腾讯二季度营收多少？", budget=0.0)
    assert answer.refused and "太长或太复杂" in answer.text and "Traceback" not in answer.text


_HOSTILE_TEXT = st.one_of(
    st.text(max_size=2048),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=200,
            max_size=2048),
    st.text(st.sampled_from(list("一大明方中下时日光年的")), min_size=50, max_size=2048),
    st.lists(st.sampled_from(["营收", "净利润", "同比", "二季度", "2020年", "最高", "哪项",
                              "騰訊", "😀", "１２３", "百分之", "<a>", "\u200b"]),
             max_size=400).map("".join),
)


@given(question=_HOSTILE_TEXT)
@hsettings(max_examples=150, deadline=None,
           suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_no_question_up_to_wechats_size_takes_more_than_the_budget(
        kb: KnowledgeBase, question: str) -> None:
    kb.clear_caches()
    started = time.thread_time()
    answer = kb.answer(question)
    took = time.thread_time() - started
    assert took <= ANSWER_BUDGET, (took, question[:40])
    assert answer.text and "Traceback" not in answer.text
