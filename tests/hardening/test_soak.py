"""A soak through a real server process on 127.0.0.1: zero errors, memory growth reported.

Short by default (5 s); ``CAIBAO_SOAK=60`` runs it for a minute. The load is bounded in
time and in count, and the server is stopped whatever happens.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.protocol.simulator import WeChatPeer
from tests.conftest import TOKEN, free_port, stop_process

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = {
    "腾讯二季度营收多少？": "1148.83",
    "二季度净利润是多少": "331.07",
    "网络游戏收入多少": "382.88",
    "社交网络收入是多少": "267.14",
    "金融科技及企业服务收入是多少": "298.62",
    "微信月活跃账户数是多少": "12.06",
    "上半年总收入是多少": "2229.48",
    "现金总额是多少": "2810.86",
}
WORKERS = 32
MAX_REQUESTS = 200_000



def soak_seconds() -> float:
    raw = os.environ.get("CAIBAO_SOAK", "").strip()
    return min(float(raw), 600.0) if raw else 5.0


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


async def wait_ready(session: aiohttp.ClientSession, url: str, proc: Any) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert proc.poll() is None, "server exited"
        try:
            async with session.get(url + "/healthz") as resp:
                if (await resp.json()).get("status") == "ok":
                    return
        except (aiohttp.ClientError, ValueError):
            pass
        await asyncio.sleep(0.2)
    pytest.fail("server not ready in 90 s")


@pytest.fixture
def server(own_redis: Any, tmp_path: Path) -> Any:
    port = free_port()
    key = secrets.token_bytes(32)
    appid = "wxsoak" + secrets.token_hex(4)
    env = {**os.environ, "WECHAT_TOKEN": TOKEN, "WECHAT_APPID": appid,
           "WECHAT_AES_KEY": base64.b64encode(key).decode()[:-1], "REDIS_URL": own_redis.url,
           "RATE_LIMIT": "1000000", "LOG_LEVEL": "WARNING", "DATA_DIR": str(tmp_path),
           "PYTHONPATH": str(ROOT)}
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--port", str(port)],
                                env=env, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield proc, f"http://127.0.0.1:{port}", WeChatPeer(TOKEN, aes_key=key, appid=appid), log
    finally:
        stop_process(proc)


async def test_soak_zero_errors_and_bounded_memory(server: Any,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    proc, url, peer, log = server
    seconds = soak_seconds()
    users = [f"o_soak{i:05d}" for i in range(2000)]
    plan = itertools.cycle(itertools.product(QUESTIONS.items(), (False, True)))
    counter = itertools.count()
    errors: list[str] = []
    done = 0
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
        await wait_ready(session, url, proc)

        async def worker(until: float) -> None:
            nonlocal done
            while time.monotonic() < until:
                n = next(counter)
                if n >= MAX_REQUESTS:
                    return
                (question, figure), aes = next(plan)
                req = peer.text(users[n % len(users)], question, aes=aes)
                try:
                    async with session.post(url + "/wechat", params=req.query,
                                            data=req.body) as resp:
                        body = await resp.text()
                        status = resp.status
                except (aiohttp.ClientError, TimeoutError) as exc:
                    errors.append(f"{type(exc).__name__}: {exc}")
                    continue
                text = peer.read_reply(body, req).get("Content", "") if status == 200 else ""
                if status != 200 or figure not in text:
                    errors.append(f"{status}: {body[:120]}")
                done += 1

        async def run(duration: float) -> None:
            until = time.monotonic() + duration
            await asyncio.gather(*(worker(until) for _ in range(WORKERS)))

        await run(1.0)  # warm-up: caches, connection pools, allocator arenas
        rss_start, started, done = rss_mib(proc.pid), time.monotonic(), 0
        await run(seconds)
        elapsed, rss_end = time.monotonic() - started, rss_mib(proc.pid)
    server_errors = [line for line in log.read_text(errors="replace").splitlines()
                     if '"level": "ERROR"' in line or "Traceback" in line]
    with capsys.disabled():
        print(f"\nsoak: {done} requests in {elapsed:.1f} s ({done / elapsed:.0f}/s, "
              f"{WORKERS} connections, plaintext and AES), {len(errors)} errors; server RSS "
              f"{rss_start:.1f} → {rss_end:.1f} MiB ({rss_end - rss_start:+.1f} MiB)")
    assert not errors, errors[:5]
    assert not server_errors, server_errors[:5]
    assert done > 0
    # Generous: a leak of a few KiB per request over a long soak would still trip it.
    assert rss_end - rss_start < 64 + done * 0.004, (rss_start, rss_end, done)
