"""Real Redis topologies for the tests, on 127.0.0.1 and free ports, in temp dirs.

Debian's ``redis-server`` (the same binary runs Sentinel with ``--sentinel``) and
``redis-cli`` (``--cluster create``) must be installed (``.ci/run`` installs them). Every
start is bounded in time and fails the test — never skips it — when it cannot be done.
"""

from __future__ import annotations

import contextlib
import random
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis

from tests.conftest import free_port, stop_process


def binary(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed (apt-get install redis-server redis-sentinel "
                    "redis-tools)")
    return found


def wait_for(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(redis.RedisError, OSError):
            if check():
                return
        time.sleep(0.05)
    pytest.fail(f"timed out after {seconds:g} s waiting for {what}")


@dataclass
class Node:
    """One redis-server (or sentinel) process on a TCP port."""

    port: int
    dir: Path
    args: list[str]
    proc: subprocess.Popen[bytes] | None = None
    password: str | None = None

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    def client(self, **kwargs: object) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, password=self.password,
                           socket_timeout=2, decode_responses=True, **kwargs)  # type: ignore[arg-type]

    def start(self, ready: bool = True) -> Node:
        self.proc = subprocess.Popen(self.args, cwd=self.dir, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        if ready:
            def up() -> bool:
                if self.proc is not None and self.proc.poll() is not None:
                    pytest.fail(f"redis-server exited: {' '.join(self.args)}")
                return bool(self.client().ping())
            wait_for(up, 10, f"redis on port {self.port}")
        return self

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(5)
            self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc)
            self.proc = None


@dataclass
class Servers:
    """Every process a test started; all stopped and their dirs removed at the end."""

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="caibao-topo-")))
    nodes: list[Node] = field(default_factory=list)

    def server(self, *extra: str, password: str | None = None, start: bool = True,
               port: int = 0) -> Node:
        port = port or free_port()
        d = self.root / str(port)
        d.mkdir()
        args = [binary("redis-server"), "--port", str(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", str(d), "--loglevel", "warning",
                *extra]
        if password:
            args += ["--requirepass", password, "--masterauth", password]
        node = Node(port, d, args, password=password)
        self.nodes.append(node)
        return node.start() if start else node

    def sentinel(self, master: Node, name: str = "mymaster") -> Node:
        port = free_port()
        d = self.root / f"sentinel-{port}"
        d.mkdir()
        conf = d / "sentinel.conf"
        conf.write_text(
            f"port {port}\nbind 127.0.0.1\ndir {d}\n"
            f"sentinel monitor {name} 127.0.0.1 {master.port} 2\n"
            f"sentinel down-after-milliseconds {name} 1000\n"
            f"sentinel failover-timeout {name} 3000\n"
            f"sentinel parallel-syncs {name} 1\n")
        node = Node(port, d, [binary("redis-server"), str(conf), "--sentinel",
                              "--loglevel", "warning"])
        self.nodes.append(node)
        return node.start()

    def close(self) -> None:
        for node in self.nodes:
            node.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def servers() -> Iterator[Servers]:
    found = Servers()
    try:
        yield found
    finally:
        found.close()


@dataclass
class SentinelSetup:
    master: Node
    replica: Node
    sentinels: list[Node]
    name: str = "mymaster"

    @property
    def url(self) -> str:
        hosts = ",".join(f"127.0.0.1:{s.port}" for s in self.sentinels)
        return f"redis+sentinel://{hosts}/{self.name}/0"

    def master_port(self) -> int:
        addr = self.sentinels[0].client().sentinel_get_master_addr_by_name(self.name)
        return int(addr[1])


def sentinel_setup(found: Servers) -> SentinelSetup:
    """One master, one replica and three sentinels that know each other."""
    master = found.server()
    replica = found.server("--replicaof", "127.0.0.1", str(master.port))
    wait_for(lambda: replica.client().info("replication")["master_link_status"] == "up", 15,
             "the replica to sync")
    sentinels = [found.sentinel(master) for _ in range(3)]

    def known() -> bool:
        for s in sentinels:
            info = s.client().sentinel_master("mymaster")
            if int(info["num-other-sentinels"]) < 2 or int(info["num-slaves"]) < 1:
                return False
        return True
    wait_for(known, 20, "the sentinels to see each other and the replica")
    return SentinelSetup(master, replica, sentinels)


@dataclass
class ClusterSetup:
    masters: list[Node]

    @property
    def url(self) -> str:
        return "redis+cluster://" + ",".join(f"127.0.0.1:{m.port}" for m in self.masters)


def cluster_port() -> int:
    """A free port whose cluster bus port (+10000) is free and valid too."""
    for _ in range(200):
        port = random.randrange(20000, 55000)
        try:
            with socket.socket() as a, socket.socket() as b:
                a.bind(("127.0.0.1", port))
                b.bind(("127.0.0.1", port + 10000))
            return port
        except OSError:
            continue
    pytest.fail("no free port pair for a cluster node")


def cluster_setup(found: Servers, size: int = 3) -> ClusterSetup:
    """``size`` masters, no replicas, every slot covered."""
    masters = []
    for _ in range(size):
        node = found.server(start=False, port=cluster_port())
        node.args += ["--cluster-enabled", "yes", "--cluster-node-timeout", "1000",
                      "--cluster-config-file", str(node.dir / "nodes.conf")]
        masters.append(node.start())
    subprocess.run(
        [binary("redis-cli"), "--cluster", "create",
         *(f"127.0.0.1:{m.port}" for m in masters), "--cluster-replicas", "0", "--cluster-yes"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
    wait_for(lambda: all(m.client().cluster("info")["cluster_state"] == "ok"
                         for m in masters), 20, "the cluster to be ok")
    return ClusterSetup(masters)
