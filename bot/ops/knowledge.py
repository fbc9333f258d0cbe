"""The knowledge base being served, swapped atomically when a new version is built."""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from knowledge import Library, build_library

log = logging.getLogger("caibao.knowledge")

STABLE_TRIES = 5


def fingerprint(directory: Path) -> tuple[tuple[str, int, int, int], ...]:
    """Names, sizes, modification times and inodes of a folder's files: any file written
    or replaced (``os.replace`` gives a new inode) changes it."""
    found = []
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                try:
                    st = entry.stat()
                except OSError:
                    continue
                found.append((entry.name, st.st_size, st.st_mtime_ns, st.st_ino))
    except OSError:
        return ()
    return tuple(sorted(found))


class KnowledgeHolder:
    """Holds the current :class:`Library`. A build runs in a worker thread (and parses
    PDFs in worker processes); only a complete, validated base is ever assigned, so readers
    never see a half-built one."""

    def __init__(self, directory: Path, cache_dir: Path | None = None) -> None:
        self.directory = directory
        # Parsed PDF/HTML/DOCX documents by content hash (knowledge/parsecache.py), so a
        # restart, a reload or another instance does not parse the same file again.
        self.cache_dir = cache_dir
        self._current: Library | None = None
        self._lock = asyncio.Lock()
        self.on_load: Callable[[Library], None] | None = None
        self.loaded_at = 0.0  # when the current version was swapped in (Unix time)

    @property
    def current(self) -> Library:
        if self._current is None:
            raise RuntimeError("knowledge base not loaded")
        return self._current

    @property
    def loaded(self) -> bool:
        return self._current is not None

    async def build(self) -> Library:
        """Build from the directory off the event loop (raises ``KnowledgeError``).

        A build that overlapped a change of the folder's files (the console publishing a
        version, an operator copying reports in) may have read some old and some new files:
        it is thrown away and the build runs again, so no half-changed folder is served."""
        loop = asyncio.get_running_loop()
        build = functools.partial(build_library, self.directory, cache_dir=self.cache_dir)
        for _ in range(STABLE_TRIES):
            before = fingerprint(self.directory)
            kb = await loop.run_in_executor(None, build)
            if fingerprint(self.directory) == before:
                return kb
            log.info("knowledge folder changed during the build; building again")
        return kb

    async def load(self) -> Library:
        """Build and swap in; one build at a time."""
        async with self._lock:
            kb = await self.build()
            self._current = kb
            self.loaded_at = time.time()
            if self.on_load is not None:
                self.on_load(kb)
            log.info("knowledge %s: %s documents, %s passages in %.2fs", kb.version,
                     kb.stats.get("documents"), kb.stats.get("passages"), kb.build_seconds)
            for warning in kb.warnings:
                log.warning("knowledge %s: %s", kb.version, warning)
            return kb
