from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.ops.settings import DEFAULT_KNOWLEDGE_DIR, load_settings
from tests.conftest import aes_key


def load(**env: str) -> object:
    return load_settings(env, env_file=None)


def test_defaults_generate_a_random_token_never_a_fixed_one() -> None:
    a, b = load_settings({}, env_file=None), load_settings({}, env_file=None)
    assert a.token_generated and b.token_generated
    assert a.wechat_token.reveal() != b.wechat_token.reveal()
    assert 16 <= len(a.wechat_token.reveal()) <= 32 and a.wechat_token.reveal().isalnum()
    assert a.knowledge_dir == DEFAULT_KNOWLEDGE_DIR
    assert a.redis_url is None


def test_secrets_are_masked() -> None:
    s = load_settings({"WECHAT_TOKEN": "sekrit123", "ADMIN_TOKEN": "x" * 20}, env_file=None)
    assert "sekrit123" not in repr(s) and "x" * 20 not in repr(s)


@pytest.mark.parametrize(("env", "name"), [
    ({"WECHAT_AES_KEY": "short", "WECHAT_APPID": "wx1"}, "WECHAT_AES_KEY"),
    ({"WECHAT_AES_KEY": "!" * 43, "WECHAT_APPID": "wx1"}, "WECHAT_AES_KEY"),
    ({"WECHAT_AES_KEY": aes_key()}, "WECHAT_APPID"),
    ({"WECHAT_TOKEN": "has space"}, "WECHAT_TOKEN"),
    ({"REDIS_URL": "localhost:6379"}, "REDIS_URL"),
    ({"KNOWLEDGE_DIR": "/nonexistent/dir/for/test"}, "KNOWLEDGE_DIR"),
    ({"RATE_LIMIT": "lots"}, "RATE_LIMIT"),
    ({"SESSION_TTL": "0"}, "SESSION_TTL"),
    ({"REDIS_TIMEOUT": "-1"}, "REDIS_TIMEOUT"),
    ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
    ({"ADMIN_TOKEN": "short"}, "ADMIN_TOKEN"),
])
def test_bad_values_fail_naming_the_variable(env: dict[str, str], name: str) -> None:
    with pytest.raises(ConfigError, match=name):
        load_settings(env, env_file=None)


def test_env_file_is_read_and_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text('# comment\nWECHAT_TOKEN="fromfile1"\nexport RATE_LIMIT=7\n'
                        "ADMIN_OPENIDS=o_a, o_b\n")
    s = load_settings({"RATE_LIMIT": "9"}, env_file=env_file)
    assert s.wechat_token.reveal() == "fromfile1"
    assert s.rate_limit == 9
    assert s.admin_openids == frozenset({"o_a", "o_b"})
    env_file.write_text("this is not an assignment\n")
    with pytest.raises(ConfigError, match=r"\.env:1"):
        load_settings({}, env_file=env_file)
