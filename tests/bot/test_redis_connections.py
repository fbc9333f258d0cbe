"""Both connection stacks — the message path's own pipelined connection (bot.state.resp) and
redis-py — read REDIS_URL alike: password, ACL user, database (path and ?db=), Unix
socket, TLS (CA, no verification, client certificates), and both turn every error reply
into "Redis unavailable" (counted, StoreUnavailable), never into an exception that would
reach the follower.
"""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import secrets
from collections.abc import Iterator
from pathlib import Path

import hiredis
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from bot.errors import StoreUnavailable
from bot.state.store import Begin, Finish, Store
from tests.conftest import free_port
from tests.redis_servers import Servers, servers

pytestmark = pytest.mark.own_servers

STACKS = pytest.mark.parametrize("fast", [True, False], ids=["resp", "redis-py"])


@pytest.fixture
def topo() -> Iterator[Servers]:
    with servers() as found:
        yield found


async def round_trip(url: str, fast: bool) -> Store:
    """A store that claims, finishes and reads back one message (then is closed)."""
    store = Store.from_url(url, f"caibao:conn{secrets.token_hex(3)}", 1.0, fast_path=fast)
    try:
        assert (store.fast is not None) == fast
        begin = await store.begin("o_c", "m1", replay=("sig", "d", 60))
        assert begin.claimed and begin.locked, begin
        store.finish("o_c", "m1", "hi", begin, Finish(session={"n": 1}))
        await store.settle()
        again = await store.begin("o_c", "m1")
        assert again.cached == "hi" and store.errors == 0
        return store
    finally:
        await store.close()


async def unavailable(url: str, fast: bool) -> None:
    store = Store.from_url(url, "caibao:conn", 0.5, fast_path=fast)
    try:
        with pytest.raises(StoreUnavailable):
            await store.begin("o_c", "m1")
        assert store.errors == 1 and not store.available
    finally:
        await store.close()


@STACKS
async def test_password_and_acl_user(topo: Servers, fast: bool) -> None:
    node = topo.server(password="pw-0123")
    await round_trip(f"redis://:pw-0123@127.0.0.1:{node.port}/0", fast)
    node.client().acl_setuser("bot", enabled=True, passwords=["+bot pw"], keys=["*"],
                              commands=["+@all"])
    await round_trip(f"redis://bot:bot%20pw@127.0.0.1:{node.port}/0", fast)
    await unavailable(f"redis://:wrong@127.0.0.1:{node.port}/0", fast)      # WRONGPASS
    await unavailable(f"redis://127.0.0.1:{node.port}/0", fast)             # NOAUTH


@STACKS
async def test_database_by_path_and_option_and_unix_socket(topo: Servers, fast: bool) -> None:
    sock = topo.root / f"r{int(fast)}.sock"
    node = topo.server("--unixsocket", str(sock))
    await round_trip(f"redis://127.0.0.1:{node.port}/5", fast)
    await round_trip(f"redis://127.0.0.1:{node.port}?db=6", fast)
    await round_trip(f"unix://{sock}?db=7", fast)
    sizes = [node.client(db=db).dbsize() for db in range(8)]
    assert sizes[0] == 0 and all(sizes[5:8]), sizes
    await unavailable(f"redis://127.0.0.1:{node.port}/99", fast)            # no such DB


def make_certs(where: Path) -> dict[str, Path]:
    """A CA, a server certificate for 127.0.0.1 and a client certificate, all signed."""
    now = datetime.datetime.now(datetime.UTC)

    def issue(name: str, key: ec.EllipticCurvePrivateKey, ca: x509.Certificate | None,
              ca_key: ec.EllipticCurvePrivateKey | None) -> x509.Certificate:
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        builder = (x509.CertificateBuilder().subject_name(subject)
                   .issuer_name(ca.subject if ca else subject).public_key(key.public_key())
                   .serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(days=1)))
        if ca is None:
            builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None),
                                            critical=True)
        else:
            builder = builder.add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        return builder.sign(ca_key or key, hashes.SHA256())

    files: dict[str, Path] = {}
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = issue("test ca", ca_key, None, None)
    for name, key, cert in [("ca", ca_key, ca)] + [
            (n, k, issue(n, k, ca, ca_key))
            for n, k in (("server", ec.generate_private_key(ec.SECP256R1())),
                         ("client", ec.generate_private_key(ec.SECP256R1())))]:
        files[f"{name}.crt"] = where / f"{name}.crt"
        files[f"{name}.crt"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        files[f"{name}.key"] = where / f"{name}.key"
        files[f"{name}.key"].write_bytes(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
    return files


@STACKS
async def test_tls_verified_unverified_and_client_certificates(topo: Servers,
                                                               fast: bool) -> None:
    certs = make_certs(topo.root)
    port = free_port()
    tls = ["--tls-port", str(port), "--tls-cert-file", str(certs["server.crt"]),
           "--tls-key-file", str(certs["server.key"]),
           "--tls-ca-cert-file", str(certs["ca.crt"])]
    open_node = topo.server(*tls, "--tls-auth-clients", "no")
    assert open_node.port != port
    base = f"rediss://127.0.0.1:{port}/0"
    await round_trip(f"{base}?ssl_ca_certs={certs['ca.crt']}", fast)
    await round_trip(f"{base}?ssl_cert_reqs=none", fast)
    await unavailable(base, fast)  # the system CAs do not know this server: refused
    open_node.stop()

    topo.server(*tls, "--tls-auth-clients", "yes")  # mutual TLS: a client certificate
    client = (f"{base}?ssl_ca_certs={certs['ca.crt']}&ssl_certfile={certs['client.crt']}"
              f"&ssl_keyfile={certs['client.key']}")
    await round_trip(client, fast)
    await unavailable(f"{base}?ssl_ca_certs={certs['ca.crt']}", fast)


ERRORS = ["OOM command not allowed when used memory > 'maxmemory'.",
          "LOADING Redis is loading the dataset in memory",
          "READONLY You can't write against a read only replica.",
          "MISCONF Redis is configured to save RDB snapshots, but it's unable to persist",
          "NOAUTH Authentication required.",
          "CLUSTERDOWN The cluster is down",
          "TRYAGAIN Multiple keys request during rehashing of slot",
          "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
          "BUSY Redis is busy running a script.",
          "ERR something nobody expected"]


@STACKS
@pytest.mark.parametrize("error", ERRORS, ids=[e.split()[0] for e in ERRORS])
async def test_every_error_reply_is_unavailable(fast: bool, error: str) -> None:
    """A fake server answering every command with ``-<error>``: the store counts it, opens
    its breaker and raises StoreUnavailable — for the awaited and the posted call."""
    async def refuse(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        parser = hiredis.Reader()
        while data := await reader.read(1 << 16):
            parser.feed(data)
            while parser.gets() is not False:
                writer.write(f"-{error}\r\n".encode())
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(refuse, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    store = Store.from_url(f"redis://127.0.0.1:{port}/0", "caibao:fake", 0.5, fast_path=fast)
    try:
        with pytest.raises(StoreUnavailable):
            await store.begin("o_f", "m1")
        assert store.errors == 1 and not store.available
        store._open_until = 0.0  # the cooldown is over
        begin = Begin(claimed=True, locked=True, lock_token="t")
        store.finish("o_f", "m1", "r", begin, Finish(outcome="answered", question="q"))
        await store.settle()
        assert store.errors == 2 and not store.available
        assert not await store.ping()
    finally:
        await store.close()
        server.close()
