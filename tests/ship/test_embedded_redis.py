"""The embedded Redis (REDIS_URL unset) never outlives its bot, even one killed by SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import TOKEN, free_port, stop_process

pytestmark = pytest.mark.own_servers

ROOT = Path(__file__).resolve().parents[2]


def pids_serving(sock: str) -> list[int]:
    """Live processes whose command line names ``sock`` (redis-server rewrites its title
    to ``redis-server unixsocket:…``, so by substring)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and sock.encode() in cmdline and entry.name != str(os.getpid()):
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal: Linux")
def test_sigkilled_bot_takes_its_embedded_redis_with_it(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(WECHAT_TOKEN=TOKEN, DATA_DIR=str(tmp_path / "data"), LOG_LEVEL="WARNING")
    bot = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--port", str(port)],
                           cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    sock = ""
    try:
        deadline = time.monotonic() + 60
        while True:
            assert bot.poll() is None, "the bot exited"
            assert time.monotonic() < deadline, "the bot did not become healthy"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    if json.loads(r.read())["redis"] == "ok":
                        break
            except OSError:
                pass
            time.sleep(0.2)
        sock = (tmp_path / "data" / "redis.socket-path").read_text().strip()
        redis_pids = pids_serving(sock)
        assert len(redis_pids) == 1, redis_pids
        os.kill(bot.pid, signal.SIGKILL)
        bot.wait(5)
        deadline = time.monotonic() + 5
        while pids_serving(sock):
            assert time.monotonic() < deadline, "redis-server outlived its bot by 5 s"
            time.sleep(0.05)
    finally:
        if bot.poll() is None:
            stop_process(bot)
        for pid in pids_serving(sock) if sock else ():  # never leave one behind on failure
            os.kill(pid, signal.SIGKILL)
