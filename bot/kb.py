"""The knowledge base being served, swapped atomically when a new version is built."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from pathlib import Path

from knowledge import Library, build_library

log = logging.getLogger("caibao.knowledge")


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

    @property
    def current(self) -> Library:
        if self._current is None:
            raise RuntimeError("knowledge base not loaded")
        return self._current

    @property
    def loaded(self) -> bool:
        return self._current is not None

    async def build(self) -> Library:
        """Build from the directory off the event loop (raises ``KnowledgeError``)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            None, functools.partial(build_library, self.directory, cache_dir=self.cache_dir)
        )

    async def load(self) -> Library:
        """Build and swap in; one build at a time."""
        async with self._lock:
            kb = await self.build()
            self._current = kb
            if self.on_load is not None:
                self.on_load(kb)
            log.info("knowledge %s: %s documents, %s passages in %.2fs", kb.version,
                     kb.stats.get("documents"), kb.stats.get("passages"), kb.build_seconds)
            for warning in kb.warnings:
                log.warning("knowledge %s: %s", kb.version, warning)
            return kb
