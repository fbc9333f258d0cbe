"""Drafts, publishing and rolling back on real folders; a build that overlaps a change of
the folder is done again."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.console.versions import Versions
from bot.ops import knowledge as kb_module
from bot.ops.knowledge import KnowledgeHolder
from knowledge import build_library


def folder(path: Path, files: dict[str, str]) -> Path:
    path.mkdir(parents=True)
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def contents(path: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(path.iterdir())}


def test_draft_publish_and_rollback(tmp_path: Path) -> None:
    live = folder(tmp_path / "reports", {"a.md": "A1", "old.md": "O", "synonyms.txt": "S"})
    versions = Versions(live, tmp_path / "data")
    versions.start_draft()
    versions.add("a.md", b"A2")
    versions.add("b.md", b"B")
    assert versions.remove("old.md")
    assert contents(live) == {"a.md": "A1", "old.md": "O", "synonyms.txt": "S"}  # untouched
    versions.publish("draft", "v1")
    assert contents(live) == {"a.md": "A2", "b.md": "B", "synonyms.txt": "S"}
    assert versions.meta("draft") is None
    assert (versions.meta("previous") or {}).get("version") == "v1"
    versions.publish("previous", "v2")  # 回滚
    assert contents(live) == {"a.md": "A1", "old.md": "O", "synonyms.txt": "S"}
    versions.publish("previous", "v1")  # and forward again
    assert contents(live) == {"a.md": "A2", "b.md": "B", "synonyms.txt": "S"}
    # No staging or temporary folders are left behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "reports"]
    assert sorted(p.name for p in (tmp_path / "data" / "knowledge-versions").iterdir()) == [
        "previous", "previous.json"]


def test_discard_leaves_the_live_folder(tmp_path: Path) -> None:
    live = folder(tmp_path / "reports", {"a.md": "A1"})
    versions = Versions(live, tmp_path / "data")
    versions.add("a.md", b"changed")
    versions.discard()
    assert versions.meta("draft") is None and contents(live) == {"a.md": "A1"}


async def test_a_build_overlapping_a_change_is_done_again(
        kdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def building(path: Path, cache_dir: Path | None = None) -> object:
        lib = build_library(path, cache_dir=cache_dir)
        if not calls:  # the folder changes while the first build reads it
            doc = next(path.glob("*results.md"))
            doc.write_text(doc.read_text(encoding="utf-8").replace("1148.83", "1234.56"),
                           encoding="utf-8")
        calls.append(lib.version)
        return lib

    monkeypatch.setattr(kb_module, "build_library", building)
    holder = KnowledgeHolder(kdir)
    kb = await holder.load()
    assert len(calls) == 2 and calls[0] != calls[1]
    assert kb.version == calls[1] and "1234.56" in kb.answer("腾讯二季度营收多少？").text
