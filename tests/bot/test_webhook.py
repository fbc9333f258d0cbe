"""The /wechat protocol end to end: real HTTP, real signatures and AES, real Redis."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from aiohttp.test_utils import TestClient

from bot import keys
from bot.ops.settings import Settings
from bot.protocol.simulator import WeChatPeer, message_xml, new_msg_id
from tests.conftest import Send


async def test_url_verification_echoes_for_a_valid_signature(client: TestClient[Any, Any],
                                                             peer: WeChatPeer) -> None:
    resp = await client.get("/wechat", params=peer.verify_query("hello-42"))
    assert resp.status == 200
    assert await resp.text() == "hello-42"


async def test_url_verification_refuses_bad_missing_and_stale(client: TestClient[Any, Any],
                                                              peer: WeChatPeer) -> None:
    bad = {**peer.verify_query(), "signature": "0" * 40}
    stale_ts = str(int(time.time()) - 301)
    stale = {**peer.query(timestamp=stale_ts), "echostr": "x"}
    future = {**peer.query(timestamp=str(int(time.time()) + 400)), "echostr": "x"}
    wrong_token = {**WeChatPeer("othertoken").verify_query()}
    for params in (bad, stale, future, wrong_token, {}, {"echostr": "x"}):
        resp = await client.get("/wechat", params=params)
        assert resp.status == 403, params
        assert "x" not in await resp.text()


async def test_plaintext_text_message_gets_a_passive_text_reply(send: Send,
                                                                peer: WeChatPeer) -> None:
    sent = await send(peer.text("o_plain", "腾讯二季度营收多少？"))
    assert sent.status == 200
    assert sent.reply["MsgType"] == "text"
    assert sent.reply["ToUserName"] == "o_plain"
    assert sent.reply["FromUserName"] == peer.account
    assert "1148.83" in sent.text


async def test_safe_mode_decrypts_and_encrypts_the_reply(send: Send, peer: WeChatPeer) -> None:
    req = peer.text("o_safe", "腾讯二季度营收多少？", aes=True)
    sent = await send(req)
    assert sent.status == 200
    assert "<Encrypt>" in sent.body and "1148.83" not in sent.body  # nothing in the clear
    assert "1148.83" in sent.text  # read_reply verified the signature and decrypted


async def test_compatible_mode_is_answered_encrypted(send: Send, peer: WeChatPeer) -> None:
    sent = await send(peer.text("o_compat", "腾讯二季度营收多少？", aes=True, compatible=True))
    assert sent.status == 200
    assert "<Encrypt>" in sent.body
    assert "1148.83" in sent.text


async def test_bad_aes_payloads_are_400(client: TestClient[Any, Any], peer: WeChatPeer,
                                        settings: Settings) -> None:
    good = peer.text("o_aes", "你好", aes=True)
    # Wrong key: signature is fine, the plaintext is garbage.
    other = WeChatPeer(peer.token, aes_key=bytes(32), appid=settings.wechat_appid)
    wrong_key = other.text("o_aes", "你好", aes=True)
    # Wrong AppID inside the envelope.
    alien = WeChatPeer(peer.token, aes_key=settings.aes_key_bytes, appid="wxsomeoneelse")
    wrong_app = alien.text("o_aes", "你好", aes=True)
    truncated = peer.text("o_aes", "你好", aes=True)
    enc = truncated.body.decode()
    start = enc.index("<Encrypt><![CDATA[") + len("<Encrypt><![CDATA[")
    cut_enc = enc[start:start + 30]
    from bot.protocol.wechat import sign
    truncated.query["msg_signature"] = sign(peer.token, truncated.timestamp, truncated.nonce,
                                            cut_enc)
    truncated.body = (f"<xml><Encrypt><![CDATA[{cut_enc}]]></Encrypt></xml>").encode()
    for req in (wrong_key, wrong_app, truncated):
        resp = await client.post("/wechat", params=req.query, data=req.body)
        assert resp.status == 400
        assert "Traceback" not in await resp.text()
    bad_sig = dict(good.query, msg_signature="f" * 40)
    resp = await client.post("/wechat", params=bad_sig, data=good.body)
    assert resp.status == 403


async def test_every_message_type_gets_a_sensible_answer(send: Send, peer: WeChatPeer) -> None:
    voice = await send(peer.voice("o_types", "腾讯二季度营收多少"))
    assert "1148.83" in voice.text
    silent_voice = await send(peer.request(message_xml(
        "o_types", peer.account, "voice", MediaId="m", Format="amr", MsgId=new_msg_id()),
        "o_types"))
    assert "文字" in silent_voice.text
    for kind, extra in [
        ("image", {"PicUrl": "http://example.invalid/a.jpg", "MediaId": "m"}),
        ("video", {"MediaId": "m", "ThumbMediaId": "t"}),
        ("shortvideo", {"MediaId": "m", "ThumbMediaId": "t"}),
        ("location", {"Location_X": "23.1", "Location_Y": "113.3", "Scale": "20", "Label": "x"}),
        ("link", {"Title": "t", "Description": "d", "Url": "http://example.invalid"}),
        ("file", {"Title": "a.pdf", "FileKey": "k"}),
    ]:
        xml = message_xml("o_types", peer.account, kind, MsgId=new_msg_id(), **extra)
        sent = await send(peer.request(xml, "o_types"))
        assert sent.status == 200, kind
        assert "文字" in sent.text, (kind, sent.body)
    for xml in (
        message_xml("o_types", peer.account, "hologram", MsgId=new_msg_id()),
        message_xml("o_types", peer.account, "event", Event="VIEW", EventKey="http://x"),
        message_xml("o_types", peer.account, "event", Event="TEMPLATESENDJOBFINISH"),
        message_xml("o_types", peer.account, "event", Event="some_future_event"),
    ):
        sent = await send(peer.request(xml, "o_types"))
        assert (sent.status, sent.body) == (200, "success")


async def test_subscribe_welcomes_with_example_questions(send: Send, peer: WeChatPeer) -> None:
    sent = await send(peer.event("o_new", "subscribe"))
    assert sent.status == 200
    assert "财报助手" in sent.text
    assert sent.text.count("？") >= 3 or sent.text.count("?") >= 3


async def test_unsubscribe_says_success_and_clears_the_session(
        client: TestClient[Any, Any], send: Send, peer: WeChatPeer) -> None:
    await send(peer.text("o_leaving", "腾讯二季度营收多少？"))
    store = client.app[keys.STORE]
    await store.settle()
    assert await store.client.exists(store.keys.session("o_leaving"))
    sent = await send(peer.event("o_leaving", "unsubscribe"))
    assert (sent.status, sent.body) == (200, "success")
    await store.settle()
    assert not await store.client.exists(store.keys.session("o_leaving"))


async def test_menu_click_is_answered_by_key(send: Send, peer: WeChatPeer) -> None:
    sent = await send(peer.event("o_menu", "CLICK", key="Q_REVENUE"))
    assert "1148.83" in sent.text
    help_ = await send(peer.event("o_menu", "CLICK", key="HELP", create_time=1))
    assert "财报助手" in help_.text
    unknown = await send(peer.event("o_menu", "CLICK", key="NO_SUCH_KEY", create_time=2))
    assert unknown.status == 200 and unknown.text


async def test_retries_are_answered_identically_and_processed_once(
        client: TestClient[Any, Any], send: Send, peer: WeChatPeer) -> None:
    msg_id = new_msg_id()
    reqs = [peer.text("o_retry", "腾讯二季度营收多少？", msg_id=msg_id) for _ in range(3)]
    results = await asyncio.gather(*(send(r) for r in reqs))
    assert {r.status for r in results} == {200}
    assert len({r.text for r in results}) == 1 and "1148.83" in results[0].text
    assert len({r.reply["CreateTime"] for r in results}) == 1
    stats = await client.app[keys.STORE].stats()
    assert stats["today"]["questions"] == 1  # the handler ran once
    metrics = client.app[keys.METRICS].render().decode()
    assert "caibao_retries_deduplicated_total 2.0" in metrics
    # A later retry, on its own, still gets the cached reply.
    again = await send(peer.text("o_retry", "腾讯二季度营收多少？", msg_id=msg_id))
    assert again.text == results[0].text


async def test_event_retries_deduplicate_by_sender_and_create_time(
        client: TestClient[Any, Any], send: Send, peer: WeChatPeer) -> None:
    stamp = int(time.time())
    first = await send(peer.event("o_ev", "subscribe", create_time=stamp))
    second = await send(peer.event("o_ev", "subscribe", create_time=stamp))
    assert first.text == second.text and first.reply["CreateTime"] == second.reply["CreateTime"]
    metrics = client.app[keys.METRICS].render().decode()
    assert "caibao_retries_deduplicated_total 1.0" in metrics


async def test_retries_in_safe_mode_decrypt_to_the_same_reply(send: Send,
                                                              peer: WeChatPeer) -> None:
    msg_id = new_msg_id()
    a = await send(peer.text("o_r2", "微信月活跃账户数有多少", msg_id=msg_id, aes=True))
    b = await send(peer.text("o_r2", "微信月活跃账户数有多少", msg_id=msg_id, aes=True))
    assert a.body != b.body  # fresh nonce and IV each time
    assert a.reply == b.reply


async def test_refusals_are_4xx_without_tracebacks(client: TestClient[Any, Any],
                                                   peer: WeChatPeer) -> None:
    good = peer.text("o_bad", "你好")
    cases = {
        413: [b"<xml>" + b"a" * (64 * 1024) + b"</xml>"],
        400: [
            b"<xml><ToUserName>",
            b"not xml at all",
            b"",
            b"<xml><MsgType>text</MsgType></xml>",  # no sender / account
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
            b'"&lol;&lol;&lol;">]><xml><ToUserName>&lol2;</ToUserName></xml>',
            b"<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName>"
            b"<CreateTime>x</CreateTime><MsgType>text</MsgType></xml>",
            b"\xff\xfe\x00<xml>",
        ],
    }
    for status, bodies in cases.items():
        for body in bodies:
            resp = await client.post("/wechat", params=good.query, data=body)
            text = await resp.text()
            assert resp.status == status, (body[:60], resp.status, text)
            assert "Traceback" not in text and "Error" not in text
    bad_sig = dict(good.query, signature="0" * 40)
    resp = await client.post("/wechat", params=bad_sig, data=good.body)
    assert resp.status == 403
    stale = peer.text("o_bad", "你好", timestamp=str(int(time.time()) - 3600))
    resp = await client.post("/wechat", params=stale.query, data=stale.body)
    assert resp.status == 403
    # After all that, a valid message is still answered.
    resp = await client.post("/wechat", params=good.query, data=good.body)
    assert resp.status == 200


async def test_encrypted_message_without_configured_key_is_400(
        make_client: Any, peer: WeChatPeer) -> None:
    client = await make_client(wechat_aes_key=None)
    req = peer.text("o_x", "你好", aes=True)
    resp = await client.post("/wechat", params=req.query, data=req.body)
    assert resp.status == 400


async def test_healthz_reports_redis_and_knowledge(client: TestClient[Any, Any]) -> None:
    resp = await client.get("/healthz")
    assert resp.status == 200
    body = await resp.json()
    assert body["redis"] == "ok"
    assert body["knowledge"]["loaded"] is True
    assert body["knowledge"]["passages"] > 0


async def test_a_crash_outside_the_handlers_is_still_no_5xx_and_no_traceback(
        client: TestClient[Any, Any], send: Send, peer: WeChatPeer, monkeypatch: Any) -> None:
    def broken(*args: Any) -> str:
        raise RuntimeError("render exploded")

    monkeypatch.setattr("bot.protocol.webhook.render_text", broken)
    sent = await send(peer.text("o_crash", "腾讯二季度营收多少？"))
    assert (sent.status, sent.body) == (200, "success")  # WeChat shows nothing, retries
    monkeypatch.setattr(client.app[keys.METRICS], "render", broken)
    resp = await client.get("/metrics")
    assert resp.status == 500
    body = await resp.text()
    assert "internal error" in body and "exploded" not in body and "Traceback" not in body
