#!/usr/bin/env python3
"""One-command entry points that work on a fresh machine with only Python >= 3.11.

    python3 dev.py run    install into .venv, then start the bot (embedded Redis, shipped report)
    python3 dev.py test   install into .venv with the test extra (and, as root, the Debian
                          packages the tests use: Redis, Redis Sentinel, Chromium), then run
                          the whole test suite

Extra arguments go to the command (``python3 dev.py run --port 9000``,
``python3 dev.py test -k webhook``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_installed(extra: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"caibao needs Python >= 3.11, this is {sys.version.split()[0]}")
    if not PY.exists():
        print(f"creating {VENV.name} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    # Reinstall only when pyproject.toml or the wanted extra changed.
    stamp = VENV / f".installed-{extra or 'base'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f".[{extra}]" if extra else "."
    print(f"installing {target} into {VENV.name} ...", flush=True)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "-e", target], cwd=ROOT,
                   check=True)
    stamp.write_text(digest)


# What the whole test suite runs besides Python packages: Debian's Redis (Sentinel and Cluster
# tests start their own servers from it), Chromium (the console's browser tests; never a
# downloaded browser build) and poppler's pdftotext (reports converted to text, as operators
# get them). Installed with apt-get when missing, as root; else named.
SYSTEM_PACKAGES = {"redis-server": "redis-server", "redis-sentinel": "redis-sentinel",
                   "redis-cli": "redis-tools", "chromium": "chromium",
                   "pdftotext": "poppler-utils"}
# Packages with no command of their own: poppler-data holds the CID font maps pdftotext needs
# for Chinese PDFs (without it the Hong Kong reports come out empty). apt-get does not bring
# it with poppler-utils under --no-install-recommends.
DATA_PACKAGES = ("poppler-data",)


def _installed(package: str) -> bool:
    if shutil.which("dpkg-query") is None:
        return True  # not Debian: nothing to check it with
    found = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                           capture_output=True, text=True, check=False)
    return found.stdout.endswith(" installed")


def ensure_system_packages() -> None:
    missing = sorted({pkg for cmd, pkg in SYSTEM_PACKAGES.items() if shutil.which(cmd) is None}
                     | {pkg for pkg in DATA_PACKAGES if not _installed(pkg)})
    if not missing:
        return
    if shutil.which("apt-get") is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        print(f"note: the tests need {', '.join(missing)} (Debian packages); install them, or "
              "the tests that use them fail", flush=True)
        return
    print(f"installing {', '.join(missing)} with apt-get ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
                   check=True, env=env, stdout=subprocess.DEVNULL)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "run":
        ensure_installed("")
        cmd = [str(PY), "-m", "bot", "serve", *rest]
    else:
        ensure_installed("test")
        ensure_system_packages()
        cmd = [str(PY), "-m", "pytest", *rest]
    return subprocess.run(cmd, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
