"""Errors raised while building a knowledge base.

    KnowledgeError            any problem building the knowledge (no documents, bad operator file)

The bot's own exception tree re-exports or subclasses this; the knowledge package imports
nothing from the bot so it stays a pure library.
"""

from __future__ import annotations

from pathlib import Path


class KnowledgeError(Exception):
    """The knowledge could not be built; ``file`` and ``line`` say where, when that applies."""

    def __init__(self, message: str, file: Path | str | None = None, line: int | None = None):
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        where = ""
        if self.file is not None:
            where = self.file if line is None else f"{self.file}:{line}"
            where += ": "
        super().__init__(where + message)
