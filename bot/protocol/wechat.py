"""WeChat protocol glue: signatures, AES, parsing and reply rendering.

Pure functions over bytes and strings. AES is wechatpy's ``PrpCrypto`` (never its blocking
HTTP client). The rest is done here to the same results as wechatpy at a fraction of the
cost, each held equal to wechatpy by tests/hardening/test_wechat_equivalence.py: the SHA1
signature (``WeChatSigner``), parsing — flat messages by regular expressions, anything
else by the C ElementTree parser — (``parse_message``) and rendering by a string template
(``TextReply``); see docs/bench.md for what each cost under load. Signatures are compared
in constant time, and XML carrying a DOCTYPE or entity declarations is refused before any
parser sees it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from wechatpy.crypto import PrpCrypto
from wechatpy.exceptions import InvalidAppIdException

from bot.errors import BadMessage, SignatureError

#: WeChat's own limit on a passive text reply's Content, in UTF-8 bytes.
REPLY_LIMIT = 2048

_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_BASE64 = re.compile(rb"[A-Za-z0-9+/=]+")


def _encrypt_field(body: bytes) -> str:
    """The ``<Encrypt>`` value of an envelope: base64, with or without CDATA."""
    start = body.find(b"<Encrypt>")
    end = body.find(b"</Encrypt>", start)
    if start < 0 or end < 0:
        raise BadMessage("no Encrypt element")
    value = body[start + len(b"<Encrypt>"):end].strip()
    if value.startswith(b"<![CDATA[") and value.endswith(b"]]>"):
        value = value[len(b"<![CDATA["):-len(b"]]>")].strip()
    if not _BASE64.fullmatch(value):
        raise BadMessage("Encrypt is not base64")
    return value.decode("ascii")


def sign(token: str, *parts: str) -> str:
    """WeChat's SHA1 signature over the sorted parts, concatenated — wechatpy's
    ``WeChatSigner`` inlined (it costs 3 µs, up to three times a message in safe mode);
    tests/hardening/test_wechat_equivalence.py holds the two equal."""
    return hashlib.sha1("".join(sorted((token, *parts))).encode("utf-8")).hexdigest()


def verify_signature(token: str, signature: str, *parts: str) -> None:
    """Raise :class:`SignatureError` unless ``signature`` matches, compared in constant time."""
    if not signature or not hmac.compare_digest(sign(token, *parts).encode(), signature.encode()):
        raise SignatureError("bad signature")


def verify_timestamp(timestamp: str, tolerance: int, now: float | None = None) -> None:
    """Refuse a request whose timestamp is more than ``tolerance`` seconds from now (replay)."""
    try:
        stamp = int(timestamp)
    except (TypeError, ValueError):
        raise SignatureError("bad timestamp") from None
    current = time.time() if now is None else now
    if abs(current - stamp) > tolerance:
        raise SignatureError("stale timestamp")


def refuse_dtd(xml: bytes) -> None:
    if _DTD.search(xml):
        raise BadMessage("DOCTYPE or entity declaration")


@dataclass(frozen=True, slots=True)
class Message:
    """One incoming message or event, free of any transport detail."""

    type: str                   # text, voice, image, video, location, link, file, event, …
    sender: str                 # FromUserName: the follower's OpenID
    account: str                # ToUserName: the official account
    create_time: int
    msg_id: str = ""
    content: str = ""           # text, or a voice message's Recognition
    event: str = ""             # lower-case event name for type == "event"
    event_key: str = ""
    raw: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def dedup_key(self) -> str:
        """What WeChat keeps identical across retries: MsgId, or sender + CreateTime for events."""
        if self.msg_id:
            return self.msg_id
        return f"{self.event or self.type}:{self.create_time}"


# WeChat's messages are flat: <xml>, then elements holding CDATA or plain text. A body that
# is exactly that (checked by a full match, in C) is read with two regular expressions;
# anything else — attributes, nesting, entities, comments, carriage returns, characters XML
# forbids — goes to the XML parser. Both readings agree (tests/hardening).
_BANNED = "\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff"  # not XML characters, or "\r" (normalised)
_CHILD = (rf"<([A-Za-z_][A-Za-z0-9_]*)>(?:<!\[CDATA\[([^\]{_BANNED}]*"
          rf"(?:\](?!\]>)[^\]{_BANNED}]*)*)\]\]>|([^<&>{_BANNED}]*))</\1>")
_FLAT = re.compile(rf"<xml>(?:[ \t\n]*{_CHILD})*[ \t\n]*</xml>[ \t\n]*")
_FLAT_CHILD = re.compile(_CHILD)


def _flat_fields(text: str) -> dict[str, str] | None:
    """The fields of a flat WeChat message, or None when the body needs the XML parser."""
    if not _FLAT.fullmatch(text):
        return None
    raw: dict[str, str] = {}
    repeated: set[str] = set()
    for tag, cdata, plain in _FLAT_CHILD.findall(text):
        if tag in raw or tag in repeated:
            raw.pop(tag, None)
            repeated.add(tag)
            continue
        value = (cdata or plain).strip()
        if value:
            raw[tag] = value
    return raw


def _tree_fields(text: str) -> dict[str, str]:
    """The same fields read by the C ElementTree parser, for any well-formed body."""
    root = ET.fromstring(text)
    if root.tag != "xml":
        raise BadMessage("root element is not <xml>")
    raw: dict[str, str] = {}
    repeated: set[str] = set()
    for child in root:
        tag = child.tag
        if tag in raw or tag in repeated:
            raw.pop(tag, None)
            repeated.add(tag)
            continue
        value = (child.text or "").strip()
        if len(child) == 0 and not child.attrib and value:
            raw[tag] = value
    return raw


def _fields(xml: bytes) -> dict[str, str]:
    """The text children of the ``<xml>`` root, stripped, as ``wechatpy.parse_message``
    (xmltodict) sees them: empty, nested and repeated elements carry no text field."""
    try:
        # Decode first: strict UTF-8, and no encoding declaration can switch the parser
        # to an encoding the DOCTYPE check above did not read.
        text = xml.decode("utf-8")
        flat = _flat_fields(text)
        return flat if flat is not None else _tree_fields(text)
    except (UnicodeDecodeError, ET.ParseError, ValueError) as exc:
        raise BadMessage(f"unparseable message: {type(exc).__name__}") from None


# The longest value each identifying field may have: every one of them ends up in a Redis key,
# a log line or a metric. WeChat's own are far shorter (an OpenID has 28 characters, a MsgId
# 19 digits, an event name a dozen letters, a menu key at most 128 bytes).
FIELD_LIMITS = {"FromUserName": 64, "ToUserName": 64, "MsgType": 32, "MsgId": 64, "Event": 64,
                "EventKey": 512, "CreateTime": 20}


def parse(xml: bytes) -> Message:
    """Parse a plaintext message body into a :class:`Message`; :class:`BadMessage` if invalid."""
    refuse_dtd(xml)
    raw = _fields(xml)
    for name, limit in FIELD_LIMITS.items():
        if len(raw.get(name, "")) > limit:
            raise BadMessage(f"{name} longer than {limit} characters")
    sender, account = raw.get("FromUserName", ""), raw.get("ToUserName", "")
    msg_type = raw.get("MsgType", "").strip().lower()
    if not sender or not account or not msg_type:
        raise BadMessage("missing FromUserName, ToUserName or MsgType")
    try:
        create_time = int(raw.get("CreateTime") or 0)
    except ValueError:
        raise BadMessage("bad CreateTime") from None
    content = raw.get("Content", "") if msg_type == "text" else raw.get("Recognition", "")
    return Message(
        type=msg_type,
        sender=sender,
        account=account,
        create_time=create_time,
        msg_id=raw.get("MsgId", "").strip(),
        content=content or "",
        event=raw.get("Event", "").strip().lower() if msg_type == "event" else "",
        event_key=raw.get("EventKey", "") or "",
        raw=raw,
    )


class _Prp(PrpCrypto):  # type: ignore[misc]
    """wechatpy's AES envelope, with the 16 random leading bytes from ``secrets`` (wechatpy
    draws them with ``random.sample``: slower, and not a cryptographic generator)."""

    def get_random_string(self) -> str:
        return secrets.token_hex(8)


class Cipher:
    """Safe-mode (AES) envelope for one account: ``EncodingAESKey`` + AppID + token."""

    def __init__(self, token: str, aes_key: bytes, appid: str) -> None:
        self.token, self.key, self.appid = token, aes_key, appid
        # Built once: each encrypt/decrypt takes a fresh encryptor from the same AES-CBC spec.
        self._prp = _Prp(aes_key)

    def decrypt(self, body: bytes, msg_signature: str, timestamp: str, nonce: str) -> bytes:
        refuse_dtd(body)
        encrypt = _encrypt_field(body)
        verify_signature(self.token, msg_signature, timestamp, nonce, encrypt)
        try:
            plain = self._prp.decrypt(encrypt, self.appid)
        except InvalidAppIdException:
            raise BadMessage("AppID mismatch") from None
        except Exception as exc:  # bad padding, bad base64, short blocks, bad UTF-8 …
            raise BadMessage(f"cannot decrypt: {type(exc).__name__}") from None
        return plain.encode("utf-8") if isinstance(plain, str) else bytes(plain)

    def encrypt(self, xml: str, nonce: str, timestamp: str) -> str:
        encrypt = self._prp.encrypt(xml, self.appid)
        encrypt = encrypt.decode("ascii") if isinstance(encrypt, bytes) else str(encrypt)
        signature = sign(self.token, timestamp, nonce, encrypt)
        return (
            f"<xml><Encrypt><![CDATA[{encrypt}]]></Encrypt>"
            f"<MsgSignature><![CDATA[{signature}]]></MsgSignature>"
            f"<TimeStamp>{escape(timestamp)}</TimeStamp>"
            f"<Nonce><![CDATA[{_cdata_safe(nonce)}]]></Nonce></xml>"
        )


def _cdata_safe(text: str) -> str:
    # "]]>" would close the CDATA section early; split it across two sections.
    return text.replace("]]>", "]]]]><![CDATA[>")


def render_text(message: Message, content: str, create_time: int | None = None) -> str:
    """A passive text reply to ``message`` (XML)."""
    # The exact layout of wechatpy's TextReply.render(), without its per-field machinery;
    # every CDATA value is made safe, the OpenIDs too.
    stamp = int(time.time()) if create_time is None else int(create_time)
    return (
        "<xml>\n<MsgType><![CDATA[text]]></MsgType>\n"
        f"<Content><![CDATA[{_cdata_safe(content)}]]></Content>\n"
        f"<FromUserName><![CDATA[{_cdata_safe(message.account)}]]></FromUserName>\n"
        f"<ToUserName><![CDATA[{_cdata_safe(message.sender)}]]></ToUserName>\n"
        f"<CreateTime>{stamp}</CreateTime>\n</xml>"
    )


def cut_reply(text: str, limit: int = REPLY_LIMIT) -> tuple[str, str]:
    """Split ``text`` so the head fits in ``limit`` UTF-8 bytes, at a sentence boundary if any.

    Returns ``(head, rest)``; ``rest`` is empty when everything fits.
    """
    if len(text.encode("utf-8")) <= limit:
        return text, ""
    head = text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")
    # ASCII marks count only before a space, so "1148.83" is never a sentence end.
    marks = ("。", "！", "？", "；", "\n", ". ", "! ", "? ")
    cut = max(head.rfind(mark) + len(mark) for mark in marks)
    if cut >= len(head) // 3:
        head = head[:cut]
    return head, text[len(head):].lstrip()
