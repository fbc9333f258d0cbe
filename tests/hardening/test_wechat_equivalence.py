"""``bot.protocol.wechat`` parses and renders itself (for speed); it must agree with wechatpy.

Differential tests: for valid and mutated messages, :func:`bot.protocol.wechat.parse` sees the same
fields as ``wechatpy.parse_message`` (or refuses what wechatpy cannot read), and
:func:`bot.protocol.wechat.render_text` writes byte for byte what ``TextReply.render`` writes.
"""

from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET

import pytest
import xmltodict
from hypothesis import given, settings
from hypothesis import strategies as st
from wechatpy import parse_message
from wechatpy.crypto import PrpCrypto
from wechatpy.replies import TextReply
from wechatpy.utils import WeChatSigner

from bot.errors import BadMessage
from bot.protocol.simulator import WeChatPeer, message_xml
from bot.protocol.wechat import (
    Cipher,
    Message,
    _flat_fields,
    _tree_fields,
    parse,
    render_text,
    sign,
)
from tests.hardening.test_fuzz import MUTATIONS, mutate

EQUIV = settings(max_examples=300, deadline=None, database=None)
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)
PEER = WeChatPeer("caibaotesttoken")


def wechatpy_fields(xml: bytes) -> dict[str, str] | None:
    """The fields wechatpy's ``parse_message`` reads: it parses with xmltodict, then wraps
    the dict in a message class (``_data``). That second step crashes on some bodies it has
    already read (two EventKey in a subscribe event make a list it calls startswith on);
    there the fields are xmltodict's, which is what ``_data`` would have held."""
    try:
        text = xml.decode("utf-8")
        data = xmltodict.parse(text)["xml"]
    except Exception:
        return None
    if not isinstance(data, dict):
        return None
    with contextlib.suppress(Exception):
        data = parse_message(text)._data
    # xmltodict files stray text between the elements under "#text": not a field.
    return {k: v for k, v in data.items() if isinstance(v, str) and k != "#text"}


def ours(xml: bytes) -> dict[str, str] | None:
    try:
        return parse(xml).raw
    except BadMessage:
        return None


@EQUIV
@given(kind=st.sampled_from(["text", "voice", "event", "image", "location"]), text=TEXT,
       extra=st.dictionaries(st.sampled_from(["EventKey", "Ticket", "Label", "Url", "Nested"]),
                             TEXT, max_size=3))
def test_valid_messages_parse_as_wechatpy_parses_them(kind: str, text: str,
                                                      extra: dict[str, str]) -> None:
    values = {"Content" if kind == "text" else "Recognition": text, "MsgId": "123", **extra}
    xml = message_xml("o_eq", "gh_eq", kind, **values).encode()
    expected = wechatpy_fields(xml)
    assert expected is not None
    assert ours(xml) == expected


@EQUIV
@given(kind=st.sampled_from(["text", "voice", "subscribe"]), text=TEXT, mutations=MUTATIONS)
def test_mutated_messages_parse_as_wechatpy_parses_them(kind: str, text: str,
                                                        mutations: list[tuple[str, int, int]]
                                                        ) -> None:
    if kind == "text":
        xml = message_xml("o_eq", "gh_eq", "text", Content=text, MsgId="1")
    elif kind == "voice":
        xml = message_xml("o_eq", "gh_eq", "voice", Recognition=text, MsgId="1")
    else:
        xml = message_xml("o_eq", "gh_eq", "event", Event=kind, EventKey=text)
    body = mutate(xml.encode(), mutations)
    mine, theirs = ours(body), wechatpy_fields(body)
    if mine is not None:  # whatever we accept, wechatpy reads the same way
        assert mine == theirs
    elif theirs is not None:  # we may refuse more (DTDs, missing fields), never less
        assert b"<!" in body.upper() or not all(
            theirs.get(k) for k in ("FromUserName", "ToUserName", "MsgType")) \
            or not theirs.get("CreateTime", "0").strip("-").isdigit() \
            or not body.decode("utf-8", "replace").lstrip().startswith("<xml")


def tree_fields(text: str) -> dict[str, str] | None:
    try:
        return _tree_fields(text)
    except (ET.ParseError, BadMessage):
        return None


@EQUIV
@given(kind=st.sampled_from(["text", "voice", "subscribe"]),
       text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
       mutations=st.lists(MUTATIONS, max_size=1).map(lambda m: m[0] if m else []))
def test_fast_flat_reading_agrees_with_the_xml_parser(kind: str, text: str,
                                                      mutations: list[tuple[str, int, int]]
                                                      ) -> None:
    """The regex reading of flat bodies either steps aside (None) or agrees with the parser."""
    field = "Recognition" if kind == "voice" else "Content"
    xml = message_xml("o_eq", "gh_eq", "event" if kind == "subscribe" else kind,
                      **{field: text, "MsgId": "1"})
    try:
        body = mutate(xml.encode(), mutations).decode("utf-8")
    except UnicodeDecodeError:
        return
    flat = _flat_fields(body)
    if flat is not None:
        assert flat == tree_fields(body)


@pytest.mark.parametrize("body", [
    "<xml><A><![CDATA[a]]]]></A><B>b</B></xml>",                # "]]" before the end
    "<xml><A><![CDATA[]]]></A></xml>",
    "<xml>\n  <A><![CDATA[ x\ny ]]></A>\n  <A>2</A><B></B>\n</xml>\n",  # repeated, empty
    "<xml><A><![CDATA[a]]>b]]></A></xml>",                       # text after CDATA: invalid
    "<xml><A>a]]>b</A></xml>",                                   # "]]>" in text: invalid
    "<xml><A>a&amp;b</A></xml>",                                 # entity: the parser's job
    "<xml><A>a\r\nb</A></xml>",                                # line ends: normalised
    "<xml><A><![CDATA[\x01]]></A></xml>",                       # control character
    "<xml><A>x</A>text<B>y</B></xml>",                           # mixed content
    "<xml><A x='1'>x</A></xml>", "<xml><A><B>x</B></A></xml>", "<xml/>", "<xml></xml>",
])
def test_flat_reading_edges(body: str) -> None:
    flat = _flat_fields(body)
    assert flat is None or flat == tree_fields(body)


def test_flat_reading_takes_real_messages() -> None:
    xml = message_xml("o_eq", "gh_eq", "text", Content="腾讯二季度营收多少？", MsgId="12")
    assert _flat_fields(xml) == tree_fields(xml) == parse(xml.encode()).raw


def test_nested_repeated_and_attributed_elements_are_not_fields() -> None:
    xml = (b"<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName>"
           b"<CreateTime>1</CreateTime><MsgType>event</MsgType><Event>scancode_push</Event>"
           b"<ScanCodeInfo><ScanType>qrcode</ScanType></ScanCodeInfo>"
           b"<Label>a</Label><Label>b</Label><Url x=\"1\">u</Url><Empty></Empty></xml>")
    assert ours(xml) == wechatpy_fields(xml)
    assert "ScanCodeInfo" not in (ours(xml) or {}) and "Label" not in (ours(xml) or {})


@EQUIV
@given(token=TEXT, parts=st.lists(TEXT, max_size=4))
def test_signatures_are_what_wechatpy_signs(token: str, parts: list[str]) -> None:
    signer = WeChatSigner()
    signer.add_data(token, *parts)
    assert sign(token, *parts) == signer.signature


def test_safe_mode_envelopes_open_with_wechatpy() -> None:
    key = bytes(range(32))
    ours = Cipher("caibaotesttoken", key, "wxequiv")
    reply = "<xml><Content><![CDATA[你好]]></Content></xml>"
    envelope = ours.encrypt(reply, "n1", "1700000000")
    encrypt = envelope.split("<Encrypt><![CDATA[")[1].split("]]>")[0]
    assert PrpCrypto(key).decrypt(encrypt, "wxequiv") == reply
    theirs = PrpCrypto(key).encrypt("<xml>x</xml>", "wxequiv").decode()
    body = f"<xml><Encrypt><![CDATA[{theirs}]]></Encrypt></xml>".encode()
    signature = sign("caibaotesttoken", "1700000000", "n1", theirs)
    assert ours.decrypt(body, signature, "1700000000", "n1") == b"<xml>x</xml>"


@EQUIV
@given(content=TEXT, sender=st.text("abcdefXYZ_-0123456789", min_size=1, max_size=28),
       stamp=st.integers(0, 2**33))
def test_render_writes_what_wechatpy_writes(content: str, sender: str, stamp: int) -> None:
    message = Message(type="text", sender=sender, account="gh_eq", create_time=1)
    expected = TextReply(source="gh_eq", target=sender,
                         content=content.replace("]]>", "]]]]><![CDATA[>"), time=stamp).render()
    assert render_text(message, content, stamp) == expected
    assert PEER.read_reply(expected, PEER.text(sender, "x")).get("Content", "") == content
