"""REDIS_URL: every supported form read right; anything else stops the start, named."""

from __future__ import annotations

import ssl

import pytest

from bot.errors import ConfigError
from bot.ops.settings import load_settings
from bot.state.url import parse_redis_url


def test_single_server_forms() -> None:
    t = parse_redis_url("redis://:pw@example.com:6380/3")
    assert (t.kind, t.hosts, t.password, t.username, t.db) == (
        "server", (("example.com", 6380),), "pw", None, 3)
    t = parse_redis_url("redis://bot:p%40ss@127.0.0.1?db=2")
    assert (t.hosts, t.username, t.password, t.db) == ((("127.0.0.1", 6379),), "bot", "p@ss", 2)
    t = parse_redis_url("unix:///run/redis/redis.sock?db=4")
    assert (t.kind, t.path, t.db, t.hosts) == ("server", "/run/redis/redis.sock", 4, ())
    t = parse_redis_url("rediss://h:6390/0?ssl_cert_reqs=none")
    assert t.tls and t.options == {"ssl_cert_reqs": "none"}
    ctx = t.ssl_context()
    assert ctx is not None and ctx.verify_mode == ssl.CERT_NONE and not ctx.check_hostname
    assert parse_redis_url("redis://h").ssl_context() is None


def test_sentinel_and_cluster_forms() -> None:
    t = parse_redis_url("redis+sentinel://:pw@a:26379,b:26380,c/mymaster/2")
    assert (t.kind, t.master, t.db, t.password) == ("sentinel", "mymaster", 2, "pw")
    assert t.hosts == (("a", 26379), ("b", 26380), ("c", 26379))
    t = parse_redis_url("redis+sentinel://a:26379/m?sentinel_password=x")
    assert t.options == {"sentinel_password": "x"} and t.db == 0
    t = parse_redis_url("redis+cluster://:pw@a:7000,b:7001,c:7002")
    assert (t.kind, t.password, len(t.hosts)) == ("cluster", "pw", 3)


@pytest.mark.parametrize(("url", "words"), [
    ("redis://h/0?socket_keepalive=1", "socket_keepalive"),
    ("rediss://h/0?ssl_ca_cert=/x.pem", "ssl_ca_cert"),          # a typo of ssl_ca_certs
    ("redis+cluster://a:7000?db=1", "'db'"),
    ("redis+sentinel://a:26379", "mastername"),
    ("redis+cluster://a:7000/1", "database"),
    ("redis://a:7000,b:7001", "one host"),
    ("redis://h:port", "port"),
    ("redis://h/x", "database"),
    ("http://h:6379", "must start with"),
    ("rediss://h?ssl_cert_reqs=maybe", "ssl_cert_reqs"),
])
def test_bad_urls_name_redis_url_and_the_option(url: str, words: str) -> None:
    with pytest.raises(ConfigError, match="REDIS_URL") as caught:
        load_settings({"REDIS_URL": url}, env_file=None)
    assert words in str(caught.value)


def test_the_password_is_not_repeated_in_the_error() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_redis_url("http://:topsecret@h:6379")
    assert "topsecret" not in str(caught.value)
