"""Pure protocol helpers: signatures, parsing, reply rendering and cutting."""

from __future__ import annotations

import time

import pytest

from bot.errors import BadMessage, SignatureError
from bot.protocol.simulator import fields, message_xml
from bot.protocol.wechat import (
    REPLY_LIMIT,
    cut_reply,
    parse,
    render_text,
    sign,
    verify_signature,
    verify_timestamp,
)


def test_signature_is_wechats_sorted_sha1() -> None:
    import hashlib
    expected = hashlib.sha1("".join(sorted(["tok", "123", "abc"])).encode()).hexdigest()
    assert sign("tok", "123", "abc") == expected
    verify_signature("tok", expected, "123", "abc")
    with pytest.raises(SignatureError):
        verify_signature("tok", expected.upper() + "x", "123", "abc")
    with pytest.raises(SignatureError):
        verify_signature("tok", "", "123", "abc")


def test_timestamp_window() -> None:
    now = time.time()
    verify_timestamp(str(int(now) - 299), 300, now)
    for bad in (str(int(now) - 301), str(int(now) + 301), "", "abc", "1e9"):
        with pytest.raises(SignatureError):
            verify_timestamp(bad, 300, now)


def test_parse_keeps_ids_and_voice_recognition() -> None:
    xml = message_xml("o1", "gh", "voice", create_time=5, MsgId="42", Recognition="营收多少",
                      MediaId="m", Format="amr")
    m = parse(xml.encode())
    assert (m.type, m.sender, m.account, m.msg_id, m.content) == ("voice", "o1", "gh", "42",
                                                                   "营收多少")
    ev = parse(message_xml("o1", "gh", "event", create_time=7, Event="CLICK",
                           EventKey="K").encode())
    assert (ev.event, ev.event_key, ev.dedup_key) == ("click", "K", "click:7")


@pytest.mark.parametrize("body", [
    b"", b"<xml>", b"<root><a>1</a></root>", b'<!DOCTYPE x [<!ENTITY a "b">]><xml/>',
    b"<xml><MsgType><a>1</a></MsgType></xml>", "<xml>\u00ff</xml>".encode("latin-1"),
])
def test_parse_refuses_bad_bodies(body: bytes) -> None:
    with pytest.raises(BadMessage):
        parse(body)


def test_render_keeps_cdata_safe() -> None:
    m = parse(message_xml("o1", "gh", "text", Content="x", MsgId="1").encode())
    xml = render_text(m, "a ]]> b <c>", create_time=99)
    f = fields(xml)
    assert f["Content"] == "a ]]> b <c>"
    assert (f["ToUserName"], f["FromUserName"], f["CreateTime"]) == ("o1", "gh", "99")


def test_cut_reply_respects_utf8_bytes_and_sentences() -> None:
    text = "营业收入为1148.83亿元，同比增长29%。" * 200
    head, rest = cut_reply(text)
    assert len(head.encode()) <= REPLY_LIMIT
    assert head.endswith("。")
    assert head + rest == text
    short = "很短。"
    assert cut_reply(short) == (short, "")
    emoji = "😀" * 1000  # 4-byte characters, no sentence boundary
    head, rest = cut_reply(emoji)
    assert len(head.encode()) <= REPLY_LIMIT and head + rest == emoji
