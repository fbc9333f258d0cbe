"""The console served on a real TCP port, and headless Chromium (Debian's) to drive it."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from bot.app import create_app, server_options
from bot.ops.settings import Settings
from bot.protocol.simulator import WeChatPeer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@dataclass
class Server:
    url: str
    app: web.Application
    settings: Settings
    peer: WeChatPeer

    async def ask(self, question: str, openid: str = "o_console_follower") -> str:
        """A follower's question over the webhook, signed as WeChat signs it, real HTTP."""
        req = self.peer.text(openid, question)
        async with aiohttp.ClientSession() as http, \
                http.post(self.url + "/wechat", params=req.query, data=req.body) as resp:
            body = await resp.text()
            assert resp.status == 200, body
        return self.peer.read_reply(body, req).get("Content", "")


@pytest.fixture
async def server(settings: Settings, kdir: Path, peer: WeChatPeer) -> AsyncIterator[Server]:
    config = replace(settings, knowledge_dir=kdir)
    app = create_app(config)
    runner = web.AppRunner(app, **server_options(config))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        yield Server(f"http://{host}:{port}", app, config, peer)
    finally:
        await runner.cleanup()


@pytest.fixture
async def browser(tmp_path: Path) -> AsyncIterator[Any]:
    """A fresh Chromium context (its own user-data-dir). Fails, never skips, without one."""
    from playwright.async_api import async_playwright

    assert os.path.exists(CHROMIUM), f"{CHROMIUM} missing: apt-get install -y chromium"
    profile = tmp_path / "chromium-profile"
    async with async_playwright() as pw:
        context = await pw.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1100, "height": 800}, locale="zh-CN")
        context.set_default_timeout(15_000)  # a broken page fails in seconds, not minutes
        try:
            yield context
        finally:
            await context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where screenshots go: the test's temporary folder, or CONSOLE_SCREENSHOTS (used by
    bench/screenshots.py to refresh docs/console-*.png)."""
    folder = Path(os.environ.get("CONSOLE_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
