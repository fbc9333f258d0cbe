"""Uploaded reports as a draft next to the serving knowledge; publishing and rolling back.

Layout, under ``DATA_DIR/knowledge-versions/``::

    draft/        the serving files plus the uploads, built and checked, never served
    draft.json    when it was started, its check (documents, passages, warnings, errors)
    previous/     the files served before the last publish (what 回滚 returns to)
    previous.json

Publishing copies a folder's files into ``KNOWLEDGE_DIR`` without ever leaving a half-written
file there: they are first written into a hidden staging folder inside ``KNOWLEDGE_DIR`` (same
file system), then each is moved in with ``os.replace`` (atomic per file), then files the new
version no longer has are removed. A build that overlaps this sees the folder change and
builds again (:meth:`bot.ops.knowledge.KnowledgeHolder.build`), so no instance serves a
mix. Nothing an upload does touches ``KNOWLEDGE_DIR`` before 发布.
"""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import shutil
import time
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from knowledge.build import IGNORED_PREFIXES
from knowledge.lexicon import OPERATOR_FILES

SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".md": "text",
            ".txt": "text"}
MAX_NAME = 120
_BAD_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')


class UploadRefused(ValueError):
    """An uploaded file that is not taken; the message says why, in Chinese."""


def safe_name(raw: str) -> str:
    """The file name an upload is stored under: its last path component, checked.

    No folders, no ``..``, no hidden files, no operator files (synonyms.txt, userdict.txt,
    faq.txt, documents.txt: edit those in KNOWLEDGE_DIR itself), no names the build ignores,
    and only the report suffixes."""
    name = unicodedata.normalize("NFC", raw.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    if not name or name in (".", "..") or name.startswith("."):
        raise UploadRefused("文件名不可用（空、隐藏文件或路径）")
    if _BAD_CHARS.search(name) or len(name) > MAX_NAME:
        raise UploadRefused("文件名含有不允许的字符或过长")
    lower = name.lower()
    if lower in OPERATOR_FILES:
        raise UploadRefused("运营文件（synonyms.txt、userdict.txt、faq.txt、documents.txt）"
                            "不能通过上传修改")
    if lower.startswith(IGNORED_PREFIXES):
        raise UploadRefused("这类文件名（README、NOTES 等）不会被读取")
    if Path(lower).suffix not in SUFFIXES:
        raise UploadRefused("只接受 PDF、DOCX、HTML、MD、TXT 文件")
    return name


def sniff(data: bytes) -> str | None:
    """What the bytes are, by content: ``pdf``, ``docx``, ``html``, ``text`` or ``None``."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return "docx" if "word/document.xml" in archive.namelist() else None
        except (zipfile.BadZipFile, OSError):
            return None
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(html|head|body)[\s>]",
                                                                 head):
        return "html"
    return "text"


def check_content(name: str, data: bytes) -> None:
    """Refuse a file whose content is not what its suffix says."""
    wanted = SUFFIXES[Path(name).suffix.lower()]
    found = sniff(data)
    if found is None:
        raise UploadRefused("内容无法识别（不是 PDF、DOCX、HTML 或 UTF-8 文本）")
    # Markdown and text may contain markup; an .html file must be HTML.
    if found != wanted and not (wanted == "text" and found == "html"):
        raise UploadRefused(f"内容是 {found.upper()}，与扩展名不符")


def _files(folder: Path) -> list[Path]:
    """A version's files: the regular, visible files directly in the folder."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


class Versions:
    """The draft and the previous version of one knowledge folder (blocking file work: call
    it from a worker thread)."""

    def __init__(self, live: Path, data_dir: Path) -> None:
        self.live = live
        self.root = data_dir / "knowledge-versions"
        self.draft = self.root / "draft"
        self.previous = self.root / "previous"

    # -- metadata -----------------------------------------------------------------------
    def meta(self, which: str) -> dict[str, Any] | None:
        path = self.root / f"{which}.json"
        folder = self.root / which
        if not folder.is_dir():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        return data if isinstance(data, dict) else {}

    def save_meta(self, which: str, data: dict[str, Any]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        _write_json(self.root / f"{which}.json", data)

    def files(self, which: str) -> list[str]:
        return [p.name for p in _files(self.root / which)]

    # -- the draft ----------------------------------------------------------------------
    def start_draft(self) -> Path:
        """The draft folder; a new one starts as a copy of the serving files."""
        if self.draft.is_dir():
            return self.draft
        self.root.mkdir(parents=True, exist_ok=True)
        self._copy_into(_files(self.live), self.draft)
        self.save_meta("draft", {"created": int(time.time())})
        return self.draft

    def add(self, name: str, data: bytes) -> None:
        """Put one checked upload into the draft (replacing a file of the same name)."""
        folder = self.start_draft()
        target = folder / safe_name(name)
        if target.parent != folder:  # safe_name makes this impossible; kept as a guard
            raise UploadRefused("文件名不可用")
        tmp = folder / f".upload-{secrets.token_hex(6)}"
        tmp.write_bytes(data)
        os.replace(tmp, target)

    def remove(self, name: str) -> bool:
        target = self.draft / safe_name(name)
        if target.parent == self.draft and target.is_file():
            target.unlink()
            return True
        return False

    def discard(self) -> None:
        shutil.rmtree(self.draft, ignore_errors=True)
        (self.root / "draft.json").unlink(missing_ok=True)

    # -- publishing ---------------------------------------------------------------------
    def publish(self, source: str, served_version: str) -> None:
        """Make the files of ``source`` (``draft`` or ``previous``) the served ones; what was
        served becomes ``previous``. The caller reloads the knowledge afterwards."""
        src = self.root / source
        if not src.is_dir():
            raise FileNotFoundError(source)
        incoming = self.root / f".incoming-{secrets.token_hex(4)}"
        self._copy_into(_files(src), incoming)  # source may be "previous", replaced below
        try:
            # Staged first: a folder that cannot be written fails here, before anything
            # (the kept previous version included) has changed.
            stage = self.stage(incoming)
        finally:
            shutil.rmtree(incoming, ignore_errors=True)
        try:
            saved = self.root / f".previous-{secrets.token_hex(4)}"
            self._copy_into(_files(self.live), saved)
            shutil.rmtree(self.previous, ignore_errors=True)
            os.replace(saved, self.previous)
            self.save_meta("previous", {"saved": int(time.time()), "version": served_version})
            self.swap_in(stage)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        if source == "draft":
            self.discard()

    def install(self, src: Path) -> None:
        """Replace the live folder's files by ``src``'s, each file whole."""
        stage = self.stage(src)
        try:
            self.swap_in(stage)
        finally:
            shutil.rmtree(stage, ignore_errors=True)

    def stage(self, src: Path) -> Path:
        """``src``'s files copied into a hidden folder inside the live one: the same file
        system (so moving them in is a rename), writable whenever the live folder is, and
        never read as a document."""
        stage = self.live / f".caibao-staging-{secrets.token_hex(4)}"
        self._copy_into(_files(src), stage)
        return stage

    def swap_in(self, stage: Path) -> None:
        """Move each staged file over the live one (``os.replace``: whole, atomic), then
        remove the live files the new version does not have."""
        wanted = {p.name for p in _files(stage)}
        for path in _files(stage):
            os.replace(path, self.live / path.name)
        for path in _files(self.live):
            if path.name not in wanted:
                path.unlink()

    @staticmethod
    def _copy_into(files: list[Path], folder: Path) -> None:
        tmp = folder.with_name(f".{folder.name}.tmp-{secrets.token_hex(4)}")
        tmp.mkdir(parents=True)
        for path in files:
            shutil.copy2(path, tmp / path.name)
        os.replace(tmp, folder)
