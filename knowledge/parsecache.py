"""Parse once: documents read from PDF/HTML/DOCX cached by content, parsed in other processes.

Reading a 174-page annual report takes seconds of CPU; a restart, a ``/reload`` or a second
instance with the same file should not pay that again. A parse is stored as JSON under
``cache_dir`` named by the file's sha256, with the parser version inside: a changed file has
another name, a changed parser does not match, and either is parsed afresh. Failures (an
encrypted or damaged file) are cached too, so a bad file costs one parse, not one per reload;
an unexpected exception (a reader bug) is not, so the fixed reader reads the file again.
Entries are written to a temporary file and renamed, so a reader never sees half an entry even
with several instances sharing the folder.

Parsing runs in a pool of worker *processes* (forkserver, or spawn where there is no
forkserver): pdfplumber is pure Python, and in a thread it would hold the answering process's
GIL for seconds at a time.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from knowledge.readers import PARSER_VERSION, Document, ReadError, read_document

log = logging.getLogger("caibao.knowledge")
WORKERS = 2


@dataclass(frozen=True)
class Parsed:
    """One file's reading: the document, or why it could not be read."""

    path: Path
    digest: str  # sha256 of the file's bytes
    document: Document | None
    error: str | None
    cached: bool


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_files(paths: list[Path], cache_dir: Path | None = None) -> list[Parsed]:
    """Read every file (cached parses first, the rest in worker processes), in order."""
    results: dict[Path, Parsed] = {}
    todo: list[tuple[Path, str]] = []
    for path in paths:
        try:
            digest = file_digest(path.read_bytes())
        except OSError as exc:
            results[path] = Parsed(path, "", None, f"cannot read ({exc.strerror})", False)
            continue
        hit = _load(cache_dir, digest) if cache_dir is not None else None
        if hit is not None:
            results[path] = Parsed(path, digest, *hit, True)
        else:
            todo.append((path, digest))
    if todo:
        for (path, digest), entry in zip(todo, _parse_in_workers([p for p, _ in todo]),
                                         strict=True):
            if cache_dir is not None and not entry.get("transient"):
                _store(cache_dir, digest, {"parser": PARSER_VERSION, **entry})
            results[path] = Parsed(path, digest, *_decode(entry), False)
    return [results[p] for p in paths]


def _parse_in_workers(paths: list[Path]) -> list[dict[str, Any]]:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        # The fork server imports the readers once; each worker forked from it starts warm.
        context.set_forkserver_preload(["knowledge.parsecache", "knowledge.readers.pdf",
                                         "knowledge.readers.text", "pdfplumber"])
    with ProcessPoolExecutor(max_workers=min(WORKERS, len(paths)), mp_context=context) as pool:
        futures = [pool.submit(parse_entry, str(p)) for p in paths]
        entries = []
        for path, future in zip(paths, futures, strict=True):
            try:
                entries.append(future.result())
            except Exception as exc:  # a worker died (out of memory, a crash in a C library)
                log.error("parsing %s stopped its worker: %r", path, exc)
                entries.append({"transient": True, "error": (
                    f"parsing stopped its worker process ({type(exc).__name__}); "
                    "try /reload again, and report the file if it happens again")})
        return entries


def parse_entry(path: str) -> dict[str, Any]:
    """Worker: a cache entry for one file (its document, or its error); the parent adds the
    parser version it checks entries against."""
    try:
        document = read_document(Path(path))
    except ReadError as exc:
        return {"error": exc.message}
    except Exception as exc:  # a reader bug must not break the other documents
        log.exception("reading %s failed", path)
        return {"transient": True,
                "error": f"could not be read ({type(exc).__name__}: {exc})"}
    return {"document": document.to_dict()}


def _decode(entry: dict[str, Any]) -> tuple[Document | None, str | None]:
    if "document" in entry:
        return Document.from_dict(entry["document"]), None
    return None, str(entry.get("error", "could not be read"))


def _load(cache_dir: Path, digest: str) -> tuple[Document | None, str | None] | None:
    try:
        entry = orjson.loads((cache_dir / f"{digest}.json").read_bytes())
        if not isinstance(entry, dict) or entry.get("parser") != PARSER_VERSION:
            return None
        return _decode(entry)
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return None


def _store(cache_dir: Path, digest: str, entry: dict[str, Any]) -> None:
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{digest[:12]}-", suffix=".tmp", dir=cache_dir)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(orjson.dumps(entry))
            os.replace(tmp, cache_dir / f"{digest}.json")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:  # a read-only or full disk: serve anyway, parse again next time
        log.warning("parse cache %s not written: %s", cache_dir, exc)
