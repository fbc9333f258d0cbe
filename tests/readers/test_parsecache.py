"""Parse once: the cache by content hash, the parser version, atomic writes, failures."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest

from knowledge import build_knowledge, parsecache
from knowledge.parsecache import parse_files
from tests.readers.conftest import REAL
from tests.readers.pdfgen import make_pdf

SMALL = REAL / "icbc-p1-2.pdf"


def no_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if anything is parsed (the worker pool is asked for)."""
    def refuse(paths: list[Path]) -> list[dict[str, object]]:
        raise AssertionError(f"parsed again: {paths}")

    monkeypatch.setattr(parsecache, "_parse_in_workers", refuse)


def test_second_parse_comes_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    (first,) = parse_files([SMALL], cache)
    assert not first.cached and first.document is not None
    entries = list(cache.iterdir())
    assert [e.name for e in entries] == [f"{first.digest}.json"]  # no temp file left over
    assert orjson.loads(entries[0].read_bytes())["parser"] == parsecache.PARSER_VERSION
    no_workers(monkeypatch)
    (second,) = parse_files([SMALL], cache)
    assert second.cached and second.document == first.document


def test_same_content_elsewhere_is_a_hit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second instance (another folder, same file) reads the first one's parse."""
    cache = tmp_path / "cache"
    parse_files([SMALL], cache)
    other = tmp_path / "other" / "renamed.pdf"
    other.parent.mkdir()
    shutil.copyfile(SMALL, other)
    no_workers(monkeypatch)
    (hit,) = parse_files([other], cache)
    assert hit.cached


def test_changed_file_is_parsed_afresh(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    path = tmp_path / "report.pdf"
    shutil.copyfile(SMALL, path)
    (before,) = parse_files([path], cache)
    shutil.copyfile(REAL / "icbc-p10.pdf", path)
    (after,) = parse_files([path], cache)
    assert not after.cached and after.digest != before.digest
    assert after.document is not None and after.document.pages == 1


def test_parser_version_change_invalidates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    parse_files([SMALL], cache)
    monkeypatch.setattr(parsecache, "PARSER_VERSION", "next")
    (again,) = parse_files([SMALL], cache)
    assert not again.cached
    (entry,) = cache.iterdir()
    assert orjson.loads(entry.read_bytes())["parser"] == "next"


def test_damaged_cache_entry_is_parsed_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (first,) = parse_files([SMALL], cache)
    (cache / f"{first.digest}.json").write_bytes(b'{"parser": "3", "document": {"na')
    (again,) = parse_files([SMALL], cache)
    assert not again.cached and again.document == first.document


def test_unreadable_file_is_cached_as_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    locked = make_pdf(tmp_path / "locked.pdf", [lambda p: p.text("机密")], encrypt="pw")
    (first,) = parse_files([locked], cache)
    assert first.document is None and first.error is not None and "encrypted" in first.error
    no_workers(monkeypatch)
    (second,) = parse_files([locked], cache)
    assert second.cached and second.error == first.error


def test_build_reads_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copyfile(SMALL, folder / "icbc.pdf")
    cache = tmp_path / "cache"
    cold = build_knowledge(folder, cache_dir=cache)
    assert [r.cached for r in cold.reports] == [False]
    no_workers(monkeypatch)
    warm = build_knowledge(folder, cache_dir=cache)
    assert [r.cached for r in warm.reports] == [True]
    assert warm.version == cold.version
    assert [p.text for p in warm.passages] == [p.text for p in cold.passages]


def test_unwritable_cache_still_builds(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    (parsed,) = parse_files([SMALL], blocker)
    assert parsed.document is not None and not parsed.cached


def test_parsing_happens_outside_the_answering_process(tmp_path: Path) -> None:
    """The building process never even imports the PDF library: pdfplumber runs in the
    worker processes, so its seconds of pure-Python work never hold the bot's GIL."""
    import subprocess
    import sys

    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copyfile(SMALL, folder / "icbc.pdf")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from knowledge import build_knowledge\n"
        "if __name__ == '__main__':\n"
        f"    kb = build_knowledge(Path({str(folder)!r}))\n"
        "    print(kb.stats['passages'] > 0, 'pdfplumber' in sys.modules,"
        " 'pdfminer' in sys.modules)\n"
    )
    path = tmp_path / "build.py"
    path.write_text(script, "utf-8")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, str(path)], cwd=root, capture_output=True, text=True,
                         timeout=120, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    assert out.stdout.split() == ["True", "False", "False"], out.stderr
