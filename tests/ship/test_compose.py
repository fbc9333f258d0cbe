"""Shipping files, checked without a Docker engine: compose, Dockerfile, .env.example, packaging."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import yaml
from setuptools import find_packages

from bot.ops.settings import LOG_LEVELS, load_settings, read_env_file

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text("utf-8"))
    return data


def dockerfile() -> list[str]:
    """Instructions of the Dockerfile, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    return [ln.strip() for ln in re.sub(r"\\\n", " ", "\n".join(lines)).splitlines() if ln.strip()]


def test_compose_runs_bot_after_a_healthy_persistent_redis() -> None:
    services = compose()["services"]
    assert set(services) == {"bot", "redis"}
    bot, redis = services["bot"], services["redis"]
    for name, service in services.items():
        check = service["healthcheck"]["test"]
        assert check[0] in ("CMD", "CMD-SHELL") and len(check) > 1, name
    assert "redis-cli" in services["redis"]["healthcheck"]["test"]
    assert "/healthz" in " ".join(bot["healthcheck"]["test"])
    assert bot["depends_on"]["redis"]["condition"] == "service_healthy"
    assert redis["image"].startswith("redis:7")
    assert "--appendonly yes" in " ".join(redis["command"])
    data_volume = next(v.split(":")[0] for v in redis["volumes"] if v.endswith(":/data"))
    assert data_volume in compose()["volumes"]  # named, so data survives `down`/`up`
    assert "ports" not in redis  # Redis stays on the compose network


def test_compose_configures_bot_from_env_file_and_mounted_reports() -> None:
    bot = compose()["services"]["bot"]
    assert bot["env_file"] in (".env", [".env"])
    assert bot["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    mount = next(v for v in bot["volumes"] if v.startswith("./knowledge/reports:"))
    host, target, *mode = mount.split(":")
    assert (ROOT / host).is_dir()
    assert target == bot["environment"]["KNOWLEDGE_DIR"]
    assert mode == ["ro"]


def test_dockerfile_is_slim_non_root_warmed_and_healthchecked() -> None:
    steps = dockerfile()
    assert steps[0] == "FROM python:3.11-slim"
    user_at = next(i for i, s in enumerate(steps) if s.startswith("USER "))
    assert steps[user_at] != "USER root"
    warm_at = next(i for i, s in enumerate(steps) if "jieba.initialize()" in s)
    assert warm_at > user_at, "warm jieba as the runtime user, or it cannot read its cache"
    tmpdir = re.search(r"TMPDIR=(\S+)", " ".join(steps[:warm_at]))
    assert tmpdir and f"{tmpdir.group(1)}/jieba.cache" in steps[warm_at]
    assert any(s.startswith("RUN pip install") for s in steps[:user_at])
    health = next(s for s in steps if s.startswith("HEALTHCHECK"))
    assert "urllib" in health and "/healthz" in health
    cmd = 'CMD ["python", "-m", "bot", "serve", "--host", "0.0.0.0", "--port", "8080"]'
    assert steps[-1] == cmd


def test_jieba_cache_lands_in_tmpdir(tmp_path: Path) -> None:
    """The Dockerfile relies on jieba writing its cache under $TMPDIR."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", "import jieba; jieba.initialize()"], env=env,
                   check=True, capture_output=True, timeout=60)
    assert (tmp_path / "jieba.cache").stat().st_size > 1_000_000


def test_dockerignore_keeps_secrets_and_state_out_of_the_image() -> None:
    ignored = (ROOT / ".dockerignore").read_text("utf-8").split()
    for entry in (".env", ".git", ".venv", "data"):
        assert entry in ignored


def test_env_example_lists_every_setting_without_secrets() -> None:
    source = (ROOT / "bot" / "ops" / "settings.py").read_text("utf-8")
    quoted = re.findall(r'"([A-Z][A-Z_]+)"', source)
    names = set(quoted) - set(LOG_LEVELS)
    assert {"WECHAT_TOKEN", "REDIS_URL", "LOG_LEVEL", "RATE_LIMIT"} <= names  # the scan works
    example = read_env_file(ROOT / ".env.example")
    assert names <= set(example), names - set(example)
    secrets = ("WECHAT_TOKEN", "WECHAT_AES_KEY", "WECHAT_APPID", "ADMIN_TOKEN", "ADMIN_OPENIDS")
    assert all(example[name] == "" for name in secrets)
    settings = load_settings(environ={}, env_file=ROOT / ".env.example")  # valid as committed
    assert settings.token_generated


def test_pip_install_ships_every_package() -> None:
    """``pip install .`` in the image must include subpackages such as ``bot.cli``."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    listed = config.get("packages")
    if isinstance(listed, list):
        shipped = set(listed)
    else:
        shipped = set(find_packages(str(ROOT), include=listed["find"]["include"]))
    tops = ("bot", "handlers", "knowledge")
    inits = [p for top in tops for p in (ROOT / top).rglob("__init__.py")]
    wanted = {".".join(p.parent.relative_to(ROOT).parts) for p in inits}
    assert wanted <= shipped, wanted - shipped
