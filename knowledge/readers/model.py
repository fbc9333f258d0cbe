"""The plain structured document every reader produces, whatever the file format.

A reader turns a PDF, HTML or DOCX file into headings, paragraphs and tables in reading order,
with the 1-based PDF page where one exists. Nothing here interprets the figures: the build turns
table rows into sentences, and a later "facts" step can read metric × period × value × unit from
the same tables, so header, unit and cells are kept as the document states them.

The classes are frozen and convert to and from plain dicts (``to_dict``/``from_dict``), which is
what the parse cache stores as JSON.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

BlockKind = Literal["heading", "paragraph", "table"]


@dataclass(frozen=True)
class Table:
    """A table: one column name per column (several header rows merged, "2022年 调整前"),
    data rows of cell strings ("" for an empty cell), and the unit the caption or header
    states ("单位：元 币种：人民币" → "元"). ``key_value`` tables have no header row: each row
    is a label and its value(s)."""

    caption: str
    unit: str
    header: list[str]
    rows: list[list[str]]
    key_value: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "caption": self.caption,
            "unit": self.unit,
            "header": list(self.header),
            "rows": [list(r) for r in self.rows],
            "key_value": self.key_value,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Table:
        return cls(
            caption=str(data["caption"]),
            unit=str(data["unit"]),
            header=[str(h) for h in data["header"]],
            rows=[[str(c) for c in r] for r in data["rows"]],
            key_value=bool(data["key_value"]),
        )


@dataclass(frozen=True)
class Block:
    """A heading (``level`` 1 = chapter … 4), a paragraph, or a table, on ``page`` (1-based,
    PDF only)."""

    kind: BlockKind
    page: int | None
    text: str
    level: int = 0
    table: Table | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "page": self.page,
            "text": self.text,
            "level": self.level,
            "table": self.table.to_dict() if self.table is not None else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        kind = data["kind"]
        if kind not in ("heading", "paragraph", "table"):
            raise ValueError(f"unknown block kind {kind!r}")
        table = data.get("table")
        page = data.get("page")
        return cls(
            kind=kind,
            page=int(page) if page is not None else None,
            text=str(data["text"]),
            level=int(data.get("level", 0)),
            table=Table.from_dict(table) if table is not None else None,
        )


# How ``Document.dropped`` names a running header or footer: 页眉/页脚「…」（N页）.
RUNNING_RE = re.compile(r"^页眉/页脚「(.+)」（(\d+)页）$")


@dataclass(frozen=True)
class Document:
    """What a reader found in one file.

    ``warnings`` are problems the operator should know about (pages left out, a table that
    could not be read); ``dropped`` says what was removed as non-content (running headers and
    footers, page numbers, table-of-contents pages), so ``kb check`` can show it.
    """

    name: str
    format: str
    pages: int
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [b.table for b in self.blocks if b.table is not None]

    @property
    def running(self) -> list[str]:
        """The running headers and footers dropped as furniture (页眉/页脚「…」 in ``dropped``):
        often the company's name or the report's title on every page."""
        return [m.group(1) for note in self.dropped if (m := RUNNING_RE.match(note))]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "format": self.format,
            "pages": self.pages,
            "blocks": [b.to_dict() for b in self.blocks],
            "warnings": list(self.warnings),
            "dropped": list(self.dropped),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(
            name=str(data["name"]),
            format=str(data["format"]),
            pages=int(data["pages"]),
            blocks=[Block.from_dict(b) for b in data["blocks"]],
            warnings=[str(w) for w in data["warnings"]],
            dropped=[str(d) for d in data["dropped"]],
        )


class ReadError(Exception):
    """A file that cannot be read at all (encrypted, corrupt, no text); the message says what
    to do about it."""

    def __init__(self, message: str, page: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.page = page
