"""Refresh the console screenshots in docs/ (docs/console-*.png), shown by the README.

    .venv/bin/python bench/screenshots.py

Runs the console's browser test (headless Debian Chromium, the shipped report, a real
Redis) with CONSOLE_SCREENSHOTS pointing at docs/, so the pictures are of exactly what the
test checks.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    env = {**os.environ, "CONSOLE_SCREENSHOTS": str(ROOT / "docs")}
    test = "tests/console/test_browser.py::test_console_end_to_end"
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-o", "faulthandler_timeout=120", test],
                          cwd=ROOT, env=env)
    if done.returncode == 0:
        for png in sorted((ROOT / "docs").glob("console-*.png")):
            print(png.relative_to(ROOT))
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
