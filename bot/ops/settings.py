"""Settings read once from the environment (and an optional ``.env``) into a frozen object.

Every value is cast and checked here, at start-up, and a bad value raises
:class:`~bot.errors.ConfigError` naming the variable. Secrets are wrapped in
:class:`Secret` so they print masked.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import ConfigError
from bot.state.url import parse_redis_url

log = logging.getLogger("caibao.settings")

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge" / "reports"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
ENCRYPT_MODES = ("plain", "compatible", "safe")


class Secret:
    """A string that never shows itself in ``repr``/``str`` (logs, tracebacks)."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True)
class Settings:
    wechat_token: Secret
    token_generated: bool = False
    wechat_aes_key: Secret | None = None
    wechat_appid: str = ""
    # Which bodies are accepted: plain (plaintext only), compatible (both), safe (encrypted
    # only). Without an AES key only plaintext can arrive.
    encrypt_mode: str = "compatible"
    redis_url: str | None = None
    # The message path's own pipelined connection on one server (bot.state.resp); off: redis-py.
    redis_fast_path: bool = True
    knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR
    admin_openids: frozenset[str] = frozenset()
    admin_token: Secret | None = None
    data_dir: Path = Path("data")
    session_ttl: int = 1800
    rate_limit: int = 20
    redis_timeout: float = 0.3
    log_level: str = "INFO"
    welcome_text: str | None = None
    menu_file: Path | None = None
    timestamp_tolerance: int = 300
    max_body: int = 64 * 1024
    reply_budget: float = 4.5
    # Seconds a client has to send a request's headers (from connecting, or from the last
    # response on a kept-alive connection) and, separately, its body.
    http_timeout: float = 10.0
    # The operator console (on with ADMIN_TOKEN): the largest uploaded file, and whether a
    # proxy in front is trusted for X-Forwarded-Proto and X-Forwarded-For.
    upload_max_bytes: int = 50 * 1024 * 1024
    trust_proxy: bool = False
    instance_id: str = field(default_factory=lambda: secrets.token_hex(4))

    @property
    def aes_key_bytes(self) -> bytes | None:
        if self.wechat_aes_key is None:
            return None
        return base64.b64decode(self.wechat_aes_key.reveal() + "=")


def read_env_file(path: Path) -> dict[str, str]:
    """Parse a ``KEY=value`` file (``#`` comments, optional quotes, ``export`` prefix)."""
    values: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = line.removeprefix("export ").strip()
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or not key.isidentifier():
            raise ConfigError(f"{path}:{number}: expected KEY=value")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key] = value
    return values


def _int(env: Mapping[str, str], name: str, default: int, minimum: int = 1) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def _float(env: Mapping[str, str], name: str, default: float, maximum: float = 10) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if not 0 < value <= maximum:
        raise ConfigError(f"{name} must be between 0 and {maximum:g} seconds, got {value}")
    return value


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be true or false, got {raw!r}")


def _aes_key(raw: str) -> Secret | None:
    if not raw:
        return None
    if len(raw) != 43:
        raise ConfigError(f"WECHAT_AES_KEY must be 43 characters (EncodingAESKey), got {len(raw)}")
    try:
        key = base64.b64decode(raw + "=", validate=True)
    except binascii.Error:
        raise ConfigError("WECHAT_AES_KEY is not valid base64 (EncodingAESKey)") from None
    if len(key) != 32:
        raise ConfigError("WECHAT_AES_KEY does not decode to a 32-byte key")
    return Secret(raw)


def _redis_url(raw: str) -> str | None:
    if not raw:
        return None
    parse_redis_url(raw)  # a ConfigError naming REDIS_URL (and the option) when wrong
    return raw


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
) -> Settings:
    """Build :class:`Settings` from ``environ`` (default ``os.environ``) over ``env_file``."""
    env: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        env.update(read_env_file(env_file))
    env.update(os.environ if environ is None else environ)

    token = env.get("WECHAT_TOKEN", "").strip()
    generated = not token
    if generated:
        token = secrets.token_hex(16)  # 32 letters/digits: a token WeChat would accept
    elif not (3 <= len(token) <= 32 and token.isalnum()):
        raise ConfigError("WECHAT_TOKEN must be 3-32 letters or digits (as WeChat requires)")

    knowledge_dir = Path(env.get("KNOWLEDGE_DIR", "").strip() or DEFAULT_KNOWLEDGE_DIR)
    if not knowledge_dir.is_dir():
        raise ConfigError(f"KNOWLEDGE_DIR {str(knowledge_dir)!r} is not a directory")

    level = env.get("LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {level!r}")

    menu = env.get("MENU_FILE", "").strip()
    if menu and not Path(menu).is_file():
        raise ConfigError(f"MENU_FILE {menu!r} is not a file")

    admin_token = env.get("ADMIN_TOKEN", "").strip()
    if admin_token and len(admin_token) < 16:
        raise ConfigError("ADMIN_TOKEN must be at least 16 characters")

    aes_key = _aes_key(env.get("WECHAT_AES_KEY", "").strip())
    appid = env.get("WECHAT_APPID", "").strip()
    if aes_key is not None and not appid:
        raise ConfigError("WECHAT_APPID is required when WECHAT_AES_KEY is set (safe mode)")

    mode = env.get("WECHAT_ENCRYPT_MODE", "").strip().lower() or "compatible"
    if mode not in ENCRYPT_MODES:
        raise ConfigError(f"WECHAT_ENCRYPT_MODE must be one of {', '.join(ENCRYPT_MODES)}, "
                          f"got {mode!r}")
    if mode == "safe" and aes_key is None:
        raise ConfigError("WECHAT_ENCRYPT_MODE=safe needs WECHAT_AES_KEY (and WECHAT_APPID)")

    admins = frozenset(p.strip() for p in env.get("ADMIN_OPENIDS", "").split(",") if p.strip())
    return Settings(
        wechat_token=Secret(token),
        token_generated=generated,
        wechat_aes_key=aes_key,
        wechat_appid=appid,
        encrypt_mode=mode,
        redis_url=_redis_url(env.get("REDIS_URL", "").strip()),
        redis_fast_path=_flag(env, "REDIS_FAST_PATH", True),
        knowledge_dir=knowledge_dir,
        admin_openids=admins,
        admin_token=Secret(admin_token) if admin_token else None,
        data_dir=Path(env.get("DATA_DIR", "").strip() or "data"),
        session_ttl=_int(env, "SESSION_TTL", 1800, minimum=10),
        rate_limit=_int(env, "RATE_LIMIT", 20),
        redis_timeout=_float(env, "REDIS_TIMEOUT", 0.3),
        http_timeout=_float(env, "HTTP_TIMEOUT", 10.0, maximum=300),
        log_level=level,
        welcome_text=env.get("WELCOME_TEXT", "").strip() or None,
        menu_file=Path(menu) if menu else None,
        upload_max_bytes=_int(env, "CONSOLE_UPLOAD_MB", 50) * 1024 * 1024,
        trust_proxy=_flag(env, "CONSOLE_TRUST_PROXY", False),
    )
