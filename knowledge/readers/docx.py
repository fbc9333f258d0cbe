"""Word (.docx) reports read with python-docx, paragraphs and tables in document order.

Headings come from the paragraph style (Heading N / 标题 N) or, as in PDFs, from numbering
(第三节, 一、, （一）) on a short line. A merged cell appears once; the grid positions it
covers are ``None``, as the other readers deliver them.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from knowledge.readers.lines import collapse, heading_level
from knowledge.readers.model import Block, Document, ReadError
from knowledge.readers.tables import build_tables

_STYLE_LEVEL_RE = re.compile(r"(?:heading|标题)\s*(\d)", re.IGNORECASE)


def read_docx(path: Path) -> Document:
    """Read a Word report; raises ReadError for a damaged or empty file."""
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ReadError(f"not a readable .docx ({type(exc).__name__}): open and save it "
                        "again in Word, as .docx") from exc
    blocks: list[Block] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            _paragraph(Paragraph(child, document), blocks)
        elif tag == "tbl":
            _table(DocxTable(child, document), blocks)
    if not any(b.text or b.table for b in blocks):
        raise ReadError("the document is empty: no paragraph or table holds text")
    return Document(path.name, "docx", 0, blocks, [], [])


def _paragraph(paragraph: Paragraph, blocks: list[Block]) -> None:
    text = collapse(paragraph.text)
    if not text:
        return
    style = paragraph.style.name if paragraph.style is not None else ""
    m = _STYLE_LEVEL_RE.search(style or "")
    level = int(m.group(1)) if m and len(text) <= 60 else heading_level(text)
    if (style or "").lower() == "title":
        level = 1
    blocks.append(Block("heading" if level else "paragraph", None, text, level))


def _table(table: DocxTable, blocks: list[Block]) -> None:
    grid: list[list[str | None]] = []
    above: list[Any] = []
    for r, row in enumerate(table.rows):
        cells: list[str | None] = []
        for c, cell in enumerate(row.cells):
            same_left = c > 0 and cell._tc is row.cells[c - 1]._tc
            same_up = r > 0 and c < len(above) and cell._tc is above[c]
            cells.append(None if same_left or same_up else cell.text)
        above = [cell._tc for cell in row.cells]
        grid.append(cells)
    caption = next((b.text for b in reversed(blocks[-2:]) if b.kind == "paragraph"), "")
    section = next((b.text for b in reversed(blocks) if b.kind == "heading"), "")
    for t in build_tables(grid, caption, section=section):
        blocks.append(Block("table", None, t.caption, 0, t))
