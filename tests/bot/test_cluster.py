"""Several instances on one Redis: a reload anywhere reaches every instance."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from bot import keys
from bot.protocol.simulator import WeChatPeer
from tests.conftest import TOKEN, MakeClient, change_revenue, free_port, sender, stop_process

ADMIN_TOKEN = "cluster-admin-token-0123456789"
BEARER = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
ROOT = Path(__file__).resolve().parents[2]





@pytest.fixture
def two_servers(redis_url: str, kdir: Path, tmp_path: Path) -> Iterator[list[str]]:
    env = {**os.environ, "WECHAT_TOKEN": TOKEN, "REDIS_URL": redis_url,
           "KNOWLEDGE_DIR": str(kdir), "ADMIN_TOKEN": ADMIN_TOKEN,
           "WECHAT_APPID": "wx" + secrets.token_hex(8), "LOG_LEVEL": "WARNING",
           "DATA_DIR": str(tmp_path / "data")}
    procs, urls = [], []
    try:
        for _ in range(2):
            port = free_port()
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "bot", "serve", "--port", str(port)], cwd=ROOT, env=env,
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
            urls.append(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 60
        pending = list(urls)
        while pending and time.monotonic() < deadline:
            for url in list(pending):
                try:
                    with socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])), 0.2):
                        pending.remove(url)
                except OSError:
                    pass
            for p in procs:
                if p.poll() is not None:
                    err = p.stderr.read().decode() if p.stderr else ""
                    pytest.fail(f"server exited: {err[-2000:]}")
            time.sleep(0.1)
        assert not pending, "servers did not start"
        yield urls
    finally:
        for p in procs:
            stop_process(p)


async def version_of(http: aiohttp.ClientSession, url: str) -> str:
    async with http.get(f"{url}/healthz") as resp:
        body = await resp.json()
        return str(body["knowledge"].get("version", ""))


async def test_reload_on_one_process_reaches_the_other(two_servers: list[str], kdir: Path) -> None:
    a, b = two_servers
    peer = WeChatPeer(TOKEN)
    async with aiohttp.ClientSession() as http:
        for url in (a, b):
            for _ in range(100):  # wait until knowledge is loaded and heartbeats are in
                async with http.get(f"{url}/healthz") as resp:
                    if resp.status == 200 and (await resp.json())["status"] == "ok":
                        break
                await asyncio.sleep(0.1)
        await asyncio.sleep(1.2)
        async with http.get(f"{a}/admin/status", headers=BEARER) as resp:
            status = await resp.json()
        assert len(status["instances"]) == 2
        old = await version_of(http, b)
        change_revenue(kdir, "1234.56")
        async with http.post(f"{a}/admin/reload", headers=BEARER) as resp:
            result = await resp.json()
        assert result["ok"] and result["version"] != old
        started = time.monotonic()
        while await version_of(http, b) != result["version"]:
            assert time.monotonic() - started < 2.0, "the other instance did not follow in 2 s"
            await asyncio.sleep(0.05)
        req = peer.text("o_cluster", "腾讯二季度营收多少？")
        async with http.post(f"{b}/wechat", params=req.query, data=req.body) as resp:
            reply = peer.read_reply(await resp.text(), req)
        assert "1234.56" in reply["Content"]
        async with http.get(f"{b}/admin/status", headers=BEARER) as resp:
            status = await resp.json()
        assert {i["version"] for i in status["instances"]} == {result["version"]}


async def test_an_instance_that_missed_the_message_catches_up(make_client: MakeClient,
                                                              peer: WeChatPeer,
                                                              kdir: Path) -> None:
    client = await make_client(knowledge_dir=kdir)
    send = sender(client, peer)
    assert "1148.83" in (await send(peer.text("o_cu", "腾讯二季度营收多少？"))).text
    change_revenue(kdir, "1234.56")
    store = client.app[keys.STORE]
    # Another instance reloaded while this one was deaf: only the recorded version says so.
    await store.client.set(store.keys.kb_version,
                           json.dumps({"version": "0123456789ab", "at": 0, "by": "other"}))
    deadline = time.monotonic() + 5
    while "1234.56" not in (await send(peer.text("o_cu", "腾讯二季度营收多少？"))).text:
        assert time.monotonic() < deadline, "did not catch up with the recorded version"
        await asyncio.sleep(0.2)


async def test_stop_ends_the_loops_even_when_a_cancellation_is_swallowed(
        make_client: MakeClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Redis call may turn the stop's cancellation into a timeout (which the heartbeat
    loop treats as Redis being away): the loop must still end, or shutdown hangs."""
    from bot.errors import StoreUnavailable
    from bot.ops.cluster import Cluster

    client = await make_client()
    app = client.server.app
    store = app[keys.STORE]
    cluster = Cluster(store, app[keys.KNOWLEDGE], "swallow")
    beating = asyncio.Event()

    async def heartbeat() -> None:
        beating.set()
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            raise StoreUnavailable("timeout") from None  # what a redis-py timeout can do

    await cluster.start()
    monkeypatch.setattr(cluster, "heartbeat", heartbeat)
    await asyncio.wait_for(beating.wait(), 5)
    await asyncio.wait_for(cluster.stop(), 5)
