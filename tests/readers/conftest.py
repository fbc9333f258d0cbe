"""The whole 174-page zhangjiajie report, parsed and built once per test session.

Everything else in tests/readers reads a few cut pages (tests/fixtures/real/make_fixtures.py)
or a PDF drawn for the case, so the suite's extra time is this one build (about 20 s).
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from knowledge.parsecache import parse_files
from knowledge.readers import Document

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
WHOLE = "zhangjiajie-2016-annual.pdf"


@dataclass
class Whole:
    folder: Path
    cache: Path
    kb: KnowledgeBase
    document: Document
    cold_seconds: float


@pytest.fixture(scope="session")
def whole(tmp_path_factory: pytest.TempPathFactory) -> Whole:
    root = tmp_path_factory.mktemp("zhangjiajie")
    folder = root / "reports"
    folder.mkdir()
    shutil.copyfile(REAL / WHOLE, folder / WHOLE)
    cache = root / "parse-cache"
    started = time.perf_counter()
    kb = build_knowledge(folder, cache_dir=cache)
    cold = time.perf_counter() - started
    (parsed,) = parse_files([folder / WHOLE], cache)
    assert parsed.cached and parsed.document is not None
    return Whole(folder, cache, kb, parsed.document, cold)
