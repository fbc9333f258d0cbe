"""A WeChat server, seen from the bot: builds, signs (and encrypts) messages, reads replies.

Used by the tests, by ``python -m bot chat`` and by the benchmarks, so all three talk to
the bot exactly as WeChat does.
"""

from __future__ import annotations

import itertools
import re
import secrets
import time
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from bot.protocol.wechat import Cipher, sign

_FIELD = re.compile(r"<(\w+)>(?:<!\[CDATA\[(.*?)\]\]>|([^<]*))</\1>", re.S)
_counter = itertools.count(int(time.time() * 1000) % 10**9 * 1000)


def new_msg_id() -> str:
    return str(next(_counter))


def fields(xml: str) -> dict[str, str]:
    """Flat ``<Tag>value</Tag>`` fields of a WeChat XML document (CDATA joined)."""
    out: dict[str, str] = {}
    for m in _FIELD.finditer(xml.replace("]]]]><![CDATA[>", "]]>")):
        out.setdefault(m.group(1), m.group(2) if m.group(2) is not None else m.group(3))
    return out


def message_xml(openid: str, account: str, msg_type: str, create_time: int | None = None,
                **values: str) -> str:
    parts = [
        f"<ToUserName><![CDATA[{account}]]></ToUserName>",
        f"<FromUserName><![CDATA[{openid}]]></FromUserName>",
        f"<CreateTime>{int(time.time()) if create_time is None else create_time}</CreateTime>",
        f"<MsgType><![CDATA[{msg_type}]]></MsgType>",
    ]
    for name, value in values.items():
        parts.append(f"<{name}><![CDATA[{value.replace(']]>', ']]]]><![CDATA[>')}]]></{name}>"
                     if name not in ("MsgId",) else f"<{name}>{escape(value)}</{name}>")
    return "<xml>" + "".join(parts) + "</xml>"


@dataclass
class Request:
    """One HTTP request as WeChat would send it."""

    query: dict[str, str]
    body: bytes
    nonce: str
    timestamp: str
    xml: str = ""  # the plaintext message, also when ``body`` is encrypted


@dataclass
class WeChatPeer:
    """Signs requests for one account; ``aes_key``/``appid`` enable safe mode."""

    token: str
    account: str = "gh_caibao_test"
    aes_key: bytes | None = None
    appid: str = ""
    cipher: Cipher | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.aes_key is not None:
            self.cipher = Cipher(self.token, self.aes_key, self.appid)

    def query(self, timestamp: str | None = None, nonce: str | None = None) -> dict[str, str]:
        ts = timestamp or str(int(time.time()))
        nc = nonce or secrets.token_hex(5)
        return {"signature": sign(self.token, ts, nc), "timestamp": ts, "nonce": nc}

    def verify_query(self, echostr: str = "echo-123") -> dict[str, str]:
        return {**self.query(), "echostr": echostr}

    def request(self, xml: str, openid: str, aes: bool = False, timestamp: str | None = None,
                compatible: bool = False) -> Request:
        query = self.query(timestamp)
        query["openid"] = openid
        ts, nonce = query["timestamp"], query["nonce"]
        if not aes:
            return Request(query, xml.encode("utf-8"), nonce, ts, xml)
        if self.cipher is None:
            raise ValueError("safe mode needs aes_key and appid")
        envelope = self.cipher.encrypt(xml, nonce, ts)
        encrypt = fields(envelope)["Encrypt"]
        query.update(encrypt_type="aes", msg_signature=sign(self.token, ts, nonce, encrypt))
        if compatible:
            # Compatible mode carries the plaintext fields next to the encrypted one.
            body = xml.replace("</xml>", f"<Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>")
        else:
            body = (f"<xml><ToUserName><![CDATA[{self.account}]]></ToUserName>"
                    f"<Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>")
        return Request(query, body.encode("utf-8"), nonce, ts, xml)

    def text(self, openid: str, content: str, msg_id: str | None = None, aes: bool = False,
             timestamp: str | None = None, compatible: bool = False) -> Request:
        xml = message_xml(openid, self.account, "text", Content=content,
                          MsgId=msg_id or new_msg_id())
        return self.request(xml, openid, aes=aes, timestamp=timestamp, compatible=compatible)

    def voice(self, openid: str, recognition: str, aes: bool = False) -> Request:
        xml = message_xml(openid, self.account, "voice", MediaId="media-1", Format="amr",
                          Recognition=recognition, MsgId=new_msg_id())
        return self.request(xml, openid, aes=aes)

    def event(self, openid: str, name: str, key: str = "", create_time: int | None = None,
              aes: bool = False) -> Request:
        values = {"Event": name}
        if key:
            values["EventKey"] = key
        xml = message_xml(openid, self.account, "event", create_time=create_time, **values)
        return self.request(xml, openid, aes=aes)

    def read_reply(self, body: str, request: Request) -> dict[str, str]:
        """Decode a reply body: ``{}`` for "success", else its fields (decrypted, verified)."""
        if body in ("success", ""):
            return {}
        outer = fields(body)
        if "Encrypt" in outer:
            if self.cipher is None:
                raise ValueError("encrypted reply but no key")
            expected = sign(self.token, outer["TimeStamp"], outer["Nonce"], outer["Encrypt"])
            if expected != outer.get("MsgSignature"):
                raise ValueError("reply signature mismatch")
            plain = self.cipher.decrypt(body.encode(), outer["MsgSignature"], outer["TimeStamp"],
                                        outer["Nonce"])
            return fields(plain.decode("utf-8"))
        return outer
