"""Talking to the bot exactly as WeChat does: the engine behind ``python -m bot chat``.

:class:`ChatSession` sends signed (and in safe mode encrypted) requests through
:class:`~bot.protocol.simulator.WeChatPeer`, verifies and decrypts each reply, and can replay
the last request as a WeChat retry. :func:`local_bot` serves the real app on a free loopback
port, so the chat (and the tests) reach it over real HTTP. :class:`Repl` turns typed lines
into calls.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from types import TracebackType

import aiohttp
from aiohttp import web

from bot.ops.settings import Settings
from bot.protocol.simulator import Request, WeChatPeer, fields

#: WeChat drops a request unanswered after five seconds and tries again, three times at most.
WECHAT_WAIT = 5.0
WECHAT_RETRIES = 3
NO_REPLY = "(success — no reply)"


class ChatError(Exception):
    """A reply WeChat would refuse: bad signature, wrong addressee, plaintext in safe mode."""


@dataclass(frozen=True)
class ChatReply:
    """One answer as WeChat receives it; ``status`` 0 means no answer in time at all."""

    status: int
    body: str
    fields: dict[str, str]
    msg_id: str = ""
    tries: int = 1

    @property
    def text(self) -> str:
        return self.fields.get("Content", "")

    def render(self) -> str:
        """What the follower would see (or why they would see nothing)."""
        if self.status == 0:
            return (f"(no reply after {self.tries} tries — WeChat would show "
                    "“该公众号暂时无法提供服务，请稍后再试”)")
        if self.status != 200:
            return f"(HTTP {self.status}: {self.body.strip()[:80]})"
        if not self.fields:
            return NO_REPLY
        kind = self.fields.get("MsgType", "")
        return self.text if kind == "text" else f"({kind or 'unknown'} reply)"


def peer_for(settings: Settings) -> WeChatPeer:
    """A peer holding the same token (and AES key) as a bot built from ``settings``."""
    return WeChatPeer(settings.wechat_token.reveal(), aes_key=settings.aes_key_bytes,
                      appid=settings.wechat_appid)


class ChatSession:
    """One follower (``openid``) talking to the webhook at ``url``."""

    def __init__(self, url: str, peer: WeChatPeer, openid: str = "o_chat_local",
                 aes: bool = False, wait: float = WECHAT_WAIT,
                 retries: int = WECHAT_RETRIES) -> None:
        if aes and peer.cipher is None:
            raise ValueError("safe mode needs the AES key and AppID")
        self.url, self.peer, self.openid, self.aes = url, peer, openid, aes
        self.wait, self.retries = wait, retries
        self.last: Request | None = None
        self._http: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> ChatSession:
        self._http = aiohttp.ClientSession()
        return self

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.close()

    async def close(self) -> None:
        if self._http is not None:
            await self._http.close()
            self._http = None

    async def send(self, text: str) -> ChatReply:
        return await self._deliver(self.peer.text(self.openid, text, aes=self.aes))

    async def voice(self, recognition: str) -> ChatReply:
        return await self._deliver(self.peer.voice(self.openid, recognition, aes=self.aes))

    async def event(self, name: str, key: str = "") -> ChatReply:
        return await self._deliver(self.peer.event(self.openid, name, key, aes=self.aes))

    async def subscribe(self) -> ChatReply:
        return await self.event("subscribe")

    async def unsubscribe(self) -> ChatReply:
        return await self.event("unsubscribe")

    async def click(self, key: str) -> ChatReply:
        return await self.event("CLICK", key)

    async def retry(self) -> ChatReply:
        """Replay the last request byte for byte, as WeChat does when a reply is late."""
        if self.last is None:
            raise ChatError("nothing to retry yet")
        return await self._post(self.last)

    async def _deliver(self, request: Request) -> ChatReply:
        self.last = request
        return await self._post(request)

    async def _post(self, request: Request) -> ChatReply:
        if self._http is None:
            raise RuntimeError("use ChatSession as an async context manager")
        msg_id = fields(request.xml).get("MsgId", "")
        timeout = aiohttp.ClientTimeout(total=self.wait)
        for attempt in range(1, self.retries + 2):
            try:
                async with self._http.post(self.url, params=request.query, data=request.body,
                                           timeout=timeout) as resp:
                    body = await resp.text()
                    status = resp.status
            except TimeoutError:
                continue  # WeChat gives up on this try and sends the same request again
            decoded = self._verify(body, request) if status == 200 else {}
            return ChatReply(status, body, decoded, msg_id, attempt)
        return ChatReply(0, "", {}, msg_id, self.retries + 1)

    def _verify(self, body: str, request: Request) -> dict[str, str]:
        try:
            decoded = self.peer.read_reply(body, request)
        except ValueError as exc:
            raise ChatError(f"reply refused: {exc}") from None
        if not decoded:
            return decoded
        if self.aes and "<Encrypt>" not in body:
            raise ChatError("reply refused: plaintext reply to a safe-mode message")
        if decoded.get("ToUserName") != self.openid or \
                decoded.get("FromUserName") != self.peer.account:
            raise ChatError("reply refused: addressed to someone else")
        return decoded


@asynccontextmanager
async def local_bot(settings: Settings, host: str = "127.0.0.1",
                    port: int = 0) -> AsyncIterator[str]:
    """Serve ``create_app(settings)`` on ``host`` (a free port by default); yields the URL."""
    from bot.app import create_app, server_options

    runner = web.AppRunner(create_app(settings), **server_options(settings))
    await runner.setup()  # runs the cleanup contexts: Redis up, knowledge built
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        bound = runner.addresses[0][1]
        yield f"http://{host}:{bound}/wechat"
    finally:
        await runner.cleanup()


HELP = """Type a question, or:
  /retry          replay the last message as a WeChat retry (same MsgId, same body)
  /subscribe      follow the account          /unsubscribe   unfollow it
  /click KEY      press a menu button         /voice 文字     a voice message recognised as 文字
  /help           this text                   /quit          leave (Ctrl-D works too)"""


class Repl:
    """Turns one typed line into a WeChat request and the text to show for its reply."""

    def __init__(self, chat: ChatSession) -> None:
        self.chat = chat

    async def handle(self, line: str) -> str | None:
        """The text to print for ``line``; ``None`` means leave."""
        line = line.strip()
        if not line:
            return ""
        if not line.startswith("/"):
            return await self._show(self.chat.send(line))
        command, _, arg = line.partition(" ")
        arg = arg.strip()
        command = command.lower()
        if command in ("/quit", "/exit", "/q"):
            return None
        if command == "/retry":
            if self.chat.last is None:
                return "(nothing to retry yet)"
            return await self._show(self.chat.retry(), retry=True)
        if command == "/subscribe":
            return await self._show(self.chat.subscribe())
        if command == "/unsubscribe":
            return await self._show(self.chat.unsubscribe())
        if command == "/click" and arg:
            return await self._show(self.chat.click(arg))
        if command == "/voice" and arg:
            return await self._show(self.chat.voice(arg))
        return HELP

    async def _show(self, pending: Awaitable[ChatReply], retry: bool = False) -> str:
        try:
            reply = await pending
        except ChatError as exc:
            return f"({exc})"
        except aiohttp.ClientError as exc:
            return f"(cannot reach the bot: {type(exc).__name__}: {exc})"
        text = reply.render()
        if retry:
            what = f"MsgId {reply.msg_id}" if reply.msg_id else "same event"
            text = f"(WeChat retry, {what})\n{text}"
        return text

