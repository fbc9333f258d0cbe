"""``python -m bot chat``: talk to the bot in a terminal exactly as WeChat would.

The network side (an in-process bot when there is no ``--url``, and the HTTP client) runs on
an event loop in a background thread, so the main thread can block in ``input()`` with
readline's line editing and history, and Ctrl-C/Ctrl-D behave as in any shell.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import logging
import os
import secrets
import sys
import threading
from collections.abc import Coroutine
from contextlib import AsyncExitStack
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from bot.errors import ConfigError
from bot.ops.settings import Secret, Settings

T = TypeVar("T")
HISTORY = Path.home() / ".caibao_chat_history"


def register(sub: Any) -> None:
    parser = sub.add_parser("chat", help="chat with the bot as WeChat would (a simulator)")
    parser.add_argument("--url", help="webhook URL of a running bot, e.g. "
                        "http://127.0.0.1:8080/wechat (default: start one in-process)")
    parser.add_argument("--aes", action="store_true",
                        help="safe mode: encrypt with WECHAT_AES_KEY / WECHAT_APPID")
    parser.add_argument("--user", default="o_chat_local", help="the follower's OpenID")
    parser.add_argument("--token", help="WeChat token (default: WECHAT_TOKEN)")
    parser.add_argument("--verbose", action="store_true", help="show the bot's logs")
    parser.set_defaults(func=run)


class LoopThread:
    """An event loop in a daemon thread; :meth:`call` runs a coroutine there and waits."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="chat-loop",
                                        daemon=True)
        self._thread.start()

    def call(self, coro: Coroutine[Any, Any, T]) -> T:
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        try:
            return future.result()
        except KeyboardInterrupt:
            future.cancel()
            raise

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
        if not self._thread.is_alive():
            self.loop.close()


def _env() -> dict[str, str]:
    from bot.ops.settings import read_env_file

    env = read_env_file(Path(".env")) if Path(".env").is_file() else {}
    env.update(os.environ)
    return env


def _remote_peer(args: argparse.Namespace) -> Any:
    """The peer for a bot elsewhere: its token and key come from the flags or environment."""
    from bot.protocol.simulator import WeChatPeer

    env = _env()
    token = args.token or env.get("WECHAT_TOKEN", "").strip()
    if not token:
        raise ConfigError("--url needs the bot's token: set WECHAT_TOKEN or pass --token")
    if not args.aes:
        return WeChatPeer(token)
    raw, appid = env.get("WECHAT_AES_KEY", "").strip(), env.get("WECHAT_APPID", "").strip()
    if len(raw) != 43 or not appid:
        raise ConfigError("--aes needs WECHAT_AES_KEY (43 characters) and WECHAT_APPID")
    return WeChatPeer(token, aes_key=base64.b64decode(raw + "="), appid=appid)


def _local_settings(args: argparse.Namespace) -> Settings:
    """The embedded defaults; safe mode gets a throwaway key if none is configured."""
    from bot.ops.settings import load_settings

    settings = load_settings()
    if args.token:
        settings = replace(settings, wechat_token=Secret(args.token), token_generated=False)
    if args.aes and settings.aes_key_bytes is None:
        key = base64.b64encode(secrets.token_bytes(32)).decode()[:-1]
        settings = replace(settings, wechat_aes_key=Secret(key),
                           wechat_appid=settings.wechat_appid or "wxchatlocal")
    return settings


def _readline(interactive: bool) -> None:
    """Line editing and history when a person is typing; plain lines from a pipe."""
    if not interactive:
        return
    try:
        import readline
    except ImportError:  # not on every platform; input() still works without it
        return
    with contextlib.suppress(OSError):
        readline.read_history_file(HISTORY)
    readline.set_history_length(500)
    import atexit

    atexit.register(lambda: _save_history(readline))


def _save_history(readline: Any) -> None:
    with contextlib.suppress(OSError):
        readline.write_history_file(HISTORY)


def run(args: argparse.Namespace) -> int:
    from bot.cli.chat_session import ChatSession, Repl, local_bot, peer_for
    from bot.ops.logs import setup_logging

    setup_logging("INFO" if args.verbose else "WARNING")
    if not args.verbose:
        logging.getLogger("jieba").setLevel(logging.WARNING)
    interactive = sys.stdin.isatty()
    loop = LoopThread()
    stack = AsyncExitStack()
    try:
        if args.url:
            url, peer = args.url, _remote_peer(args)
        else:
            settings = _local_settings(args)
            print("starting the bot in-process (building the knowledge)…", file=sys.stderr)
            url = loop.call(stack.enter_async_context(local_bot(settings)))
            peer = peer_for(settings)  # the same token, generated or not
        chat = loop.call(stack.enter_async_context(
            ChatSession(url, peer, openid=args.user, aes=args.aes)))
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        loop.call(stack.aclose())
        loop.close()
        return 2
    mode = "safe mode (AES)" if args.aes else "plaintext mode"
    print(f"chatting with {url} as {args.user}, {mode}. /help for commands.", file=sys.stderr)
    _readline(interactive)
    repl = Repl(chat)
    try:
        while True:
            try:
                line = input("你: " if interactive else "")
            except EOFError:
                break
            except KeyboardInterrupt:
                print()
                continue
            if not interactive and line.strip():
                print(f"你: {line.strip()}")  # a piped script reads back as a transcript
            try:
                out = loop.call(repl.handle(line))
            except KeyboardInterrupt:
                print("(interrupted)")
                continue
            if out is None:
                break
            if out:
                print(out, flush=True)
    finally:
        loop.call(stack.aclose())
        loop.close()
    return 0
