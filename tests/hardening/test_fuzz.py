"""Fuzzing the webhook: whatever arrives, never a 5xx, never a traceback, still answering.

Random and mutated bodies and query strings (hypothesis), then the hostile classics one by
one: entity expansion, external entities, deep nesting, 10 MB bodies, invalid UTF-8, bad AES
blocks, stale and future timestamps. Every test ends by asking a real question, and no test
may leave an ERROR log line behind (the last-resort boundary turns a crash into "success",
so the log is where a crash would show).
"""

from __future__ import annotations

import base64
import logging
import secrets
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.protocol.simulator import WeChatPeer, message_xml, new_msg_id
from bot.protocol.wechat import sign
from tests.conftest import TOKEN

FUZZ = settings(max_examples=120, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
LEAKS = ("Traceback", "Error", "Exception", "File \"", "line ", ".py")
REFUSALS = {400, 403, 413}


def assert_safe(status: int, body: str) -> None:
    """A refusal or a proper reply; nothing that shows the server's insides."""
    assert status < 500, (status, body[:200])
    assert status in REFUSALS | {200}, status
    for leak in LEAKS:
        assert leak not in body, body[:300]
    if status == 200:
        assert body == "success" or body.startswith("<xml>"), body[:200]


async def post(client: TestClient[Any, Any], query: dict[str, str], body: bytes | Any,
               **kw: Any) -> tuple[int, str]:
    resp = await client.post("/wechat", params=query, data=body, **kw)
    return resp.status, await resp.text()


async def still_answers(client: TestClient[Any, Any], peer: WeChatPeer, aes: bool) -> None:
    req = peer.text("o_after_fuzz", "腾讯二季度营收多少？", aes=aes)
    resp = await client.post("/wechat", params=req.query, data=req.body)
    assert resp.status == 200
    assert "1148.83" in peer.read_reply(await resp.text(), req).get("Content", "")


@pytest.fixture
def no_errors(caplog: pytest.LogCaptureFixture) -> Any:
    caplog.set_level(logging.WARNING)
    yield caplog
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, [r.getMessage() for r in errors]


def aes_query(peer: WeChatPeer, encrypt: str, timestamp: str | None = None) -> dict[str, str]:
    query = peer.query(timestamp)
    query.update(encrypt_type="aes",
                 msg_signature=sign(TOKEN, query["timestamp"], query["nonce"], encrypt))
    return query


def envelope(encrypt: str) -> bytes:
    return (f"<xml><ToUserName><![CDATA[gh_caibao_test]]></ToUserName>"
            f"<Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>").encode()


# -- hypothesis ---------------------------------------------------------------------------

TAGS = st.sampled_from(["xml", "ToUserName", "FromUserName", "CreateTime", "MsgType", "Content",
                        "MsgId", "Event", "EventKey", "Encrypt", "Recognition", "a"])
XMLISH = st.recursive(
    st.text(max_size=20).map(lambda t: t.replace("<", "&lt;")) | st.just("<![CDATA[x]]>"),
    lambda inner: st.tuples(TAGS, st.lists(inner, max_size=4)).map(
        lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"),
    max_leaves=20,
)
BODIES = st.one_of(st.binary(max_size=2048), st.text(max_size=512).map(str.encode),
                   XMLISH.map(str.encode))


@FUZZ
@given(body=BODIES, aes=st.booleans())
async def test_random_bodies_with_a_valid_signature(client: TestClient[Any, Any],
                                                    peer: WeChatPeer, no_errors: Any,
                                                    body: bytes, aes: bool) -> None:
    query = peer.query()
    if aes:
        query.update(encrypt_type="aes", msg_signature="0" * 40)
    assert_safe(*await post(client, query, body))


INSERTS = [b"<", b">", b"]]>", b"&", b"\xff\xfe", b"\x00", b"<!DOCTYPE x>", b"<a>", b"&#0;",
           b"&amp;", b"</xml>", b"<xml>"]
MUTATIONS = st.lists(st.tuples(
    st.sampled_from(["flip", "insert", "delete", "truncate", "duplicate"]),
    st.integers(0, 10**6),      # position, taken modulo the body's length
    st.integers(0, 255),        # a byte, an insert's index or a length
), min_size=1, max_size=8)


def mutate(body: bytes, mutations: list[tuple[str, int, int]]) -> bytes:
    out = bytearray(body)
    for op, pos, arg in mutations:
        at = pos % max(1, len(out))
        if op == "flip" and out:
            out[at] = arg
        elif op == "insert":
            out[at:at] = INSERTS[arg % len(INSERTS)]
        elif op == "delete":
            del out[at:at + 1 + arg % 16]
        elif op == "truncate":
            del out[at:]
        elif op == "duplicate":
            out[at:at] = out[at:at + 1 + arg % 64]
    return bytes(out)


@FUZZ
@given(kind=st.sampled_from(["text", "voice", "subscribe", "CLICK", "VIEW", "unknown"]),
       aes=st.booleans(), text=st.text(min_size=1, max_size=40), mutations=MUTATIONS)
async def test_mutated_real_messages(client: TestClient[Any, Any], peer: WeChatPeer,
                                     no_errors: Any, kind: str, aes: bool, text: str,
                                     mutations: list[tuple[str, int, int]]) -> None:
    openid = f"o_mut{len(text)}"
    if kind == "text":
        req = peer.text(openid, text, aes=aes)
    elif kind == "voice":
        req = peer.voice(openid, text, aes=aes)
    else:
        req = peer.event(openid, kind, key=text, aes=aes)
    assert_safe(*await post(client, req.query, mutate(req.body, mutations)))


QUERY_KEYS = st.sampled_from(["signature", "timestamp", "nonce", "echostr", "openid",
                              "encrypt_type", "msg_signature"]) | st.text(max_size=10)


@FUZZ
@given(query=st.dictionaries(QUERY_KEYS, st.text(max_size=60), max_size=8),
       keep_valid=st.booleans())
async def test_random_query_strings(client: TestClient[Any, Any], peer: WeChatPeer,
                                    no_errors: Any, query: dict[str, str],
                                    keep_valid: bool) -> None:
    if keep_valid:  # a valid signature with hostile extras: the body must still be checked
        query = {**query, **peer.query()}
    resp = await client.get("/wechat", params=query)
    body = await resp.text()
    assert resp.status in (200, 403)
    if resp.status == 200:  # the echo of a valid verification, and nothing else
        assert keep_valid and body == query.get("echostr", "")
    else:
        assert_safe(resp.status, body)
    req = peer.text("o_query_fuzz", "腾讯营收多少")
    assert_safe(*await post(client, query, req.body))


# -- the hostile classics -----------------------------------------------------------------

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
              for i in range(1, 10))
    + ']><xml><ToUserName>gh</ToUserName><FromUserName>o_x</FromUserName>'
    '<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&lol9;</Content>'
    '<MsgId>1</MsgId></xml>'
)
XXE = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       '<xml><ToUserName>gh</ToUserName><FromUserName>o_x</FromUserName>'
       '<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content></xml>')


def deep(levels: int) -> str:
    return message_xml("o_deep", "gh_caibao_test", "text", Content="营收多少",
                       MsgId=new_msg_id()).replace(
        "</xml>", "<a>" * levels + "</a>" * levels + "</xml>")


def hostile(peer: WeChatPeer) -> list[tuple[str, dict[str, str], bytes, set[int]]]:
    now = int(time.time())
    real = peer.text("o_hostile", "腾讯营收多少")
    cases = [
        ("billion laughs", peer.query(), BILLION_LAUGHS.encode(), {400}),
        ("external entity", peer.query(), XXE.encode(), {400}),
        ("DOCTYPE in lower case", peer.query(), b"<!doctype x>" + real.body, {400}),
        ("100k levels of nesting", peer.query(), deep(100_000).encode(), {413}),
        ("9k levels of nesting under the limit", peer.query(), deep(9_000).encode(),
         {200, 400}),
        ("100k unclosed tags", peer.query(), b"<xml>" + b"<a>" * 20_000, {400}),
        ("10 MB body", peer.query(), b"<xml>" + b"A" * 10 * 1024 * 1024 + b"</xml>", {413}),
        ("invalid UTF-8", peer.query(), real.body.replace("营收".encode(), b"\xff\xfe\xc3"),
         {400}),
        ("UTF-16 body", peer.query(), real.body.decode().encode("utf-16"), {400}),
        ("NUL bytes", peer.query(), real.body.replace(b"<Content>", b"<Content>\x00"), {400}),
        ("empty body", peer.query(), b"", {400}),
        ("stale timestamp", peer.query(str(now - 400)), real.body, {403}),
        ("future timestamp", peer.query(str(now + 900)), real.body, {403}),
        ("absurd timestamp", peer.query("9" * 40), real.body, {403}),
        ("negative timestamp", peer.query("-1"), real.body, {403}),
        ("huge CreateTime", peer.query(),
         real.body.replace(b"<CreateTime>", b"<CreateTime>9999999999999999999999"), {200, 400}),
        ("missing FromUserName", peer.query(),
         message_xml("", "gh", "text", Content="x", MsgId="1").encode(), {400}),
        ("unknown message type", peer.query(),
         message_xml("o_x", "gh", "hologram", MsgId=new_msg_id()).encode(), {200}),
    ]
    # Safe mode: a correct msg_signature over Encrypt values that are not a valid AES message.
    key = peer.aes_key or b""
    other = WeChatPeer(TOKEN, aes_key=secrets.token_bytes(32), appid="wxother")
    other_encrypt = other.text("o_x", "hi", aes=True).body.decode().split("CDATA[")[2].split("]")[0]
    wrong_appid = WeChatPeer(TOKEN, aes_key=key, appid="wx_not_this_app")
    wrong_encrypt = wrong_appid.text("o_x", "hi", aes=True).body.decode().split(
        "CDATA[")[2].split("]")[0]
    for name, encrypt in [
        ("AES: not base64", "!!!not-base64!!!"),
        ("AES: one block short", base64.b64encode(secrets.token_bytes(15)).decode()),
        ("AES: random blocks", base64.b64encode(secrets.token_bytes(64)).decode()),
        ("AES: empty", ""),
        ("AES: another account's key", other_encrypt),
        ("AES: this key, another AppID", wrong_encrypt),
    ]:
        cases.append((name, aes_query(peer, encrypt), envelope(encrypt), {400}))
    tampered = peer.text("o_x", "营收", aes=True)
    cases.append(("AES: bad msg_signature", {**tampered.query, "msg_signature": "0" * 40},
                  tampered.body, {403}))
    cases.append(("AES: stale timestamp", peer.text("o_x", "营收", aes=True,
                                                    timestamp=str(now - 400)).query,
                  tampered.body, {403}))
    return cases


async def test_hostile_requests_are_refused_cleanly(client: TestClient[Any, Any],
                                                    peer: WeChatPeer, no_errors: Any) -> None:
    for name, query, body, expected in hostile(peer):
        status, text = await post(client, query, body)
        assert status in expected, (name, status, text[:200])
        assert_safe(status, text)
    await still_answers(client, peer, aes=False)
    await still_answers(client, peer, aes=True)


async def test_chunked_10_mb_body_without_length_is_refused(client: TestClient[Any, Any],
                                                            peer: WeChatPeer,
                                                            no_errors: Any) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b"<xml>"
        for _ in range(160):
            yield b"A" * 65536

    status, text = await post(client, peer.query(), chunks())
    assert status == 413
    assert_safe(status, text)
    await still_answers(client, peer, aes=False)


async def test_stale_and_future_url_verification_is_refused(client: TestClient[Any, Any],
                                                            peer: WeChatPeer) -> None:
    now = int(time.time())
    for stamp in (now - 301, now + 301, now - 86400 * 365):
        resp = await client.get("/wechat", params={**peer.query(str(stamp)), "echostr": "e"})
        assert resp.status == 403
        assert await resp.text() != "e"
