"""``python -m bot serve``: run the webhook server."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from typing import Any

from aiohttp import web

from bot.errors import ConfigError

log = logging.getLogger("caibao.serve")


def register(sub: Any) -> None:
    parser = sub.add_parser("serve", help="run the WeChat webhook server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--reuse-port", action="store_true",
                        help="set SO_REUSEPORT so several processes can share the port")
    parser.set_defaults(func=run)


def event_loop() -> asyncio.AbstractEventLoop:
    """uvloop's event loop where it is installed (faster I/O), else asyncio's."""
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    log.info("event loop: uvloop")
    return uvloop.new_event_loop()


def run(args: argparse.Namespace) -> int:
    from bot.app import create_app, server_options
    from bot.ops.logs import setup_logging
    from bot.ops.settings import load_settings

    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    setup_logging(settings.log_level)
    if settings.token_generated:
        log.warning("WECHAT_TOKEN is not set: running for local trying only, with a random token")
        # Printed once to the terminal, never logged: it is a secret.
        print(f"*** WECHAT_TOKEN not set; generated token for this run: "
              f"{settings.wechat_token.reveal()} ***", file=sys.stderr)
    try:
        app = create_app(settings)
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    log.info("listening on http://%s:%s/wechat", args.host, args.port)
    web.run_app(app, host=args.host, port=args.port, **server_options(settings),
                print=None, handle_signals=True, reuse_port=args.reuse_port or None,
                loop=event_loop())
    return 0
