"""``REDIS_URL``: one server, a Sentinel-watched master, or a Cluster — read and checked once.

    redis://[[user]:password@]host[:port][/db][?options]
    rediss://…                                    (TLS; options below)
    unix://[[user]:password@]/path/redis.sock[?db=N]
    redis+sentinel://[:password@]host:26379,host:26380,host:26381/mastername[/db][?sentinel_password=…]
    redis+cluster://[:password@]host:7000,host:7001,host:7002

Only the options listed in :data:`OPTIONS` are accepted; any other stops the start with a
:class:`~bot.errors.ConfigError` naming ``REDIS_URL`` and the option, rather than being
silently ignored (a typo in ``ssl_ca_certs`` would otherwise mean an unverified server).
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

from bot.errors import ConfigError

SCHEMES = ("redis", "rediss", "unix", "redis+sentinel", "redis+cluster")
TLS_OPTIONS = ("ssl_cert_reqs", "ssl_ca_certs", "ssl_certfile", "ssl_keyfile",
               "ssl_check_hostname")
OPTIONS = {
    "redis": ("db",),
    "rediss": ("db", *TLS_OPTIONS),
    "unix": ("db",),
    "redis+sentinel": ("sentinel_password",),
    "redis+cluster": (),
}
CERT_REQS = {"none": ssl.CERT_NONE, "optional": ssl.CERT_OPTIONAL, "required": ssl.CERT_REQUIRED}


@dataclass(frozen=True)
class RedisTarget:
    """Where Redis is: ``kind`` is ``server``, ``sentinel`` or ``cluster``."""

    kind: str
    url: str
    hosts: tuple[tuple[str, int], ...] = ()   # TCP server, sentinels or cluster seed nodes
    path: str = ""                            # a Unix socket (kind ``server`` only)
    username: str | None = None
    password: str | None = None
    db: int = 0
    master: str = ""                          # the Sentinel master's name
    tls: bool = False
    options: dict[str, str] = field(default_factory=dict)

    def ssl_context(self) -> ssl.SSLContext | None:
        """The TLS context the ``ssl_*`` options describe (``rediss://`` only)."""
        if not self.tls:
            return None
        opts = self.options
        ctx = ssl.create_default_context(cafile=opts.get("ssl_ca_certs") or None)
        reqs = CERT_REQS[opts.get("ssl_cert_reqs", "required")]
        check = opts.get("ssl_check_hostname", "true" if reqs == ssl.CERT_REQUIRED else "false")
        ctx.check_hostname = check == "true"
        ctx.verify_mode = reqs
        if opts.get("ssl_certfile"):
            ctx.load_cert_chain(opts["ssl_certfile"], opts.get("ssl_keyfile") or None)
        return ctx


def _fail(message: str) -> ConfigError:
    return ConfigError(f"REDIS_URL: {message}")


def _hosts(netloc: str, default_port: int) -> tuple[tuple[str, int], ...]:
    hosts = []
    for part in netloc.split(","):
        host, _, port = part.strip().rpartition(":") if ":" in part else (part.strip(), "", "")
        host = host.strip("[]")
        if not host:
            raise _fail(f"a host is missing in {netloc!r}")
        try:
            number = int(port) if port else default_port
        except ValueError:
            raise _fail(f"port {port!r} is not a number") from None
        if not 0 < number < 65536:
            raise _fail(f"port {number} is out of range")
        hosts.append((host, number))
    return tuple(hosts)


def _db(raw: str) -> int:
    try:
        db = int(raw)
    except ValueError:
        raise _fail(f"database {raw!r} is not a number") from None
    if db < 0:
        raise _fail(f"database {db} is negative")
    return db


def parse_redis_url(raw: str) -> RedisTarget:
    """Read ``REDIS_URL``; raise :class:`ConfigError` naming it and what is wrong."""
    scheme = raw.partition("://")[0].lower() if "://" in raw else ""
    if scheme not in SCHEMES:
        raise ConfigError("REDIS_URL must start with redis://, rediss://, unix://, "
                          f"redis+sentinel:// or redis+cluster://, got {raw.partition(':')[0]!r}…")
    rest = raw.split("://", 1)[1]
    # urlsplit cannot read a comma-separated host list as a port: split credentials by hand.
    netloc, sep, tail = rest.partition("/")
    path = sep + tail
    query = ""
    if "?" in path:
        path, query = path.split("?", 1)
    elif "?" in netloc:
        netloc, query = netloc.split("?", 1)
    creds, at, hostpart = netloc.rpartition("@")
    username = password = None
    if at:
        user, colon, pw = creds.partition(":")
        username = unquote(user) or None
        password = unquote(pw) if colon else unquote(user)
        if not colon:
            username = None
    options = dict(parse_qsl(query, keep_blank_values=True))
    allowed = OPTIONS[scheme]
    for name in options:
        if name not in allowed:
            raise ConfigError(f"REDIS_URL option {name!r} is not supported for {scheme}:// "
                              f"(supported: {', '.join(allowed) or 'none'})")
    if "ssl_cert_reqs" in options and options["ssl_cert_reqs"] not in CERT_REQS:
        raise _fail("ssl_cert_reqs must be none, optional or required")
    if options.get("ssl_check_hostname", "true") not in ("true", "false"):
        raise _fail("ssl_check_hostname must be true or false")
    db = _db(options["db"]) if options.get("db") else 0

    if scheme == "unix":
        sock = unquote(urlsplit(raw).path)
        if not sock:
            raise _fail("unix:// needs a socket path")
        return RedisTarget("server", raw, path=sock, username=username, password=password,
                           db=db, options=options)
    segments = [s for s in path.split("/") if s]
    if scheme in ("redis", "rediss"):
        hosts = _hosts(hostpart or "localhost", 6379)
        if len(hosts) != 1:
            raise _fail(f"{scheme}:// takes one host; a list is for redis+cluster://")
        if segments:
            if len(segments) > 1 or "db" in options:
                raise _fail("give the database once, as /N or ?db=N")
            db = _db(segments[0])
        return RedisTarget("server", raw, hosts=hosts, username=username, password=password,
                           db=db, tls=scheme == "rediss", options=options)
    if scheme == "redis+sentinel":
        hosts = _hosts(hostpart, 26379)
        if not segments or len(segments) > 2:
            raise _fail("redis+sentinel:// needs /mastername[/db] after the sentinels")
        db = _db(segments[1]) if len(segments) == 2 else 0
        return RedisTarget("sentinel", raw, hosts=hosts, username=username, password=password,
                           db=db, master=unquote(segments[0]), options=options)
    hosts = _hosts(hostpart, 6379)
    if segments:
        raise _fail("redis+cluster:// has no database (a cluster serves database 0 only)")
    return RedisTarget("cluster", raw, hosts=hosts, username=username, password=password,
                       options=options)
