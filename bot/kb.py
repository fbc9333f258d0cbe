"""The knowledge base being served, swapped atomically when a new version is built."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

from knowledge import Library, build_library

log = logging.getLogger("caibao.knowledge")


class KnowledgeHolder:
    """Holds the current :class:`Library`. A build runs in a worker thread; only a
    complete, validated base is ever assigned, so readers never see a half-built one."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
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
        return await loop.run_in_executor(None, build_library, self.directory)

    async def load(self) -> Library:
        """Build and swap in; one build at a time."""
        async with self._lock:
            kb = await self.build()
            self._current = kb
            if self.on_load is not None:
                self.on_load(kb)
            log.info("knowledge %s: %s documents, %s passages in %.2fs", kb.version,
                     kb.stats.get("documents"), kb.stats.get("passages"), kb.build_seconds)
            return kb
