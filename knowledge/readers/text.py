"""Reports converted to text (``pdftotext -layout``) or Markdown, read like the PDF they came from.

A converted report keeps what the PDF reader works from, only as characters instead of
points: pages (``pdftotext`` writes a form feed between them), lines, and columns of figures
aligned by spaces::

                    2016 年           2015 年           本年比上年增减       2014 年
    营业收入（元）             592,183,264.90   674,880,017.98       -12.25%   484,009,427.87

So each line becomes the PDF reader's line (knowledge/readers/pdf.py): its cells are the runs
of text two or more spaces apart, their x extent the character columns they cover, its top the
line's row on the page (blank lines keep their height). From there the PDF reader's own steps
run unchanged — statements laid out without rules become tables, running headers, page numbers
and table-of-contents pages are dropped, lines join into paragraphs, numbered lines become
headings, source notes name the page — so converted text reaches the same ``Document`` as the
PDF. Markdown pipe tables are grids as they stand, and ``#`` lines are headings.

What a converter adds is undone first: a label wrapped around its figures (the label's start
on the line above, its unit "（元）" on the line below) is one row again.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from knowledge.markdown import cells as pipe_cells
from knowledge.readers.lines import heading_level, squeeze
from knowledge.readers.model import Document, ReadError
from knowledge.readers.pdf import (
    _VALUE_RE,
    _assemble,
    _lift_text_tables,
    _Line,
    _Page,
    _RawTable,
    _text_tables,
    drop_furniture,
)

CHAR = 8.0  # points per character column: an indent of two characters starts a paragraph
SIZE = 10.0  # the "type size" of every line; a Markdown heading is set larger
ROW = 12.0  # points per line of text
_CELL_RE = re.compile(r"\S+(?: \S+)*")  # cells are two or more spaces apart
_PIPE_SEPARATOR_RE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_EMPHASIS_RE = re.compile(r"\*\*|__")
_SENTENCE_RE = re.compile(r"[。；;，,：:]")


@dataclass
class _Row:
    """One line of text: its cells and their first and last character column."""

    cells: list[tuple[str, int, int]]
    size: float = SIZE

    @property
    def text(self) -> str:
        return " ".join(c for c, _, _ in self.cells)


def read_text(name: str, raw: str, fmt: str = "txt") -> Document:
    """A converted report as a Document; pages split at form feeds."""
    texts = raw.replace("\r\n", "\n").split("\f")
    if len(texts) > 1 and not texts[-1].strip():
        texts.pop()
    if not any(t.strip() for t in texts):
        raise ReadError("the file holds no text")
    pages = [_page(number, text) for number, text in enumerate(texts, 1)]
    # Furniture goes first, as the PDF reader's happens before its tables: a running header
    # just above a statement would otherwise read as the label of its first row.
    dropped = drop_furniture(pages)
    for page in pages:
        page.lines = _text_tables(page.lines)
        _lift_text_tables(page)
    doc = _assemble(name, pages)
    return dataclasses.replace(doc, format=fmt, dropped=dropped + doc.dropped)


def laid_out(raw: str) -> bool:
    """True for text converted from a paged report: form feeds between pages, or rows of
    figures aligned by spaces ("营业收入  592,183,264.90  674,880,017.98")."""
    if "\f" in raw:
        return True
    rows = 0
    for line in raw.splitlines():
        cells = _CELL_RE.findall(line)
        if len(cells) >= 3 and sum(1 for c in cells if _VALUE_RE.match(c)) >= 2:
            rows += 1
            if rows >= 5:
                return True
    return False


def _page(number: int, text: str) -> _Page:
    rows: list[_Row | None] = []  # None: a blank line (it keeps its height)
    tables: list[tuple[int, int, list[list[str | None]]]] = []  # first row, last row, grid
    lines = text.expandtabs(4).split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if line.lstrip().startswith("|"):
            grid: list[list[str | None]] = []
            start = len(rows)
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                if not _PIPE_SEPARATOR_RE.match(lines[i].strip()):
                    grid.append(list(pipe_cells(lines[i])))
                rows.append(None)
                i += 1
            tables.append((start, len(rows) - 1, grid))
            continue
        rows.append(_row(line))
        i += 1
    _rejoin_labels(rows)
    width = max([c[2] for r in rows if r for c in r.cells] + [1]) * CHAR
    page_lines = []
    for k, row in enumerate(rows):
        if row is None or not row.cells:
            continue
        x0, x1 = row.cells[0][1] * CHAR, row.cells[-1][2] * CHAR
        page_lines.append(_Line(
            squeeze(row.text), x0, x1, k * ROW, k * ROW + row.size, row.size, False, 0,
            [squeeze(c) for c, _, _ in row.cells], [(a * CHAR, b * CHAR) for _, a, b in row.cells],
        ))
    return _Page(number, width, max(len(rows), 1) * ROW, page_lines,
                 [_RawTable(grid, 0.0, width, a * ROW, b * ROW + SIZE)
                  for a, b, grid in tables if grid],
                 sum(len(ln.text) for ln in page_lines) + len(tables), 0)


def _row(line: str) -> _Row | None:
    if not line.strip():
        return None
    m = _MD_HEADING_RE.match(line.strip())
    if m:  # a Markdown heading: set larger, as a PDF's heading is
        start = len(line) - len(line.lstrip())
        text = _EMPHASIS_RE.sub("", m.group(2))
        return _Row([(text, start, start + len(text))], SIZE * 1.4)
    line = _EMPHASIS_RE.sub("", line)
    return _Row([(m.group(), m.start(), m.end()) for m in _CELL_RE.finditer(line)])


def _figures_only(row: _Row | None) -> bool:
    return row is not None and len(row.cells) >= 2 and all(
        _VALUE_RE.match(c) for c, _, _ in row.cells)


def _label_only(row: _Row | None) -> bool:
    if row is None or len(row.cells) != 1:
        return False
    text = row.cells[0][0]
    return (len(text) <= 30 and not _VALUE_RE.match(text) and not heading_level(text)
            and not _SENTENCE_RE.search(text[-1:]) and bool(re.search(r"[\u3400-\u9fff]", text)))


def _near(rows: list[_Row | None], k: int, step: int) -> int | None:
    """The next non-blank row from ``k`` in direction ``step``, at most one blank away."""
    for j in (k + step, k + 2 * step):
        if 0 <= j < len(rows) and rows[j] is not None:
            return j
    return None


def _rejoin_labels(rows: list[_Row | None]) -> None:
    """A row of figures without a label takes the label line above it, and the rest of that
    label from the line below ("归属于上市公司股东的净利润" / figures / "（元）")."""
    for k, row in enumerate(rows):
        if row is None or not _figures_only(row):
            continue
        above = _near(rows, k, -1)
        if above is None or not _label_only(rows[above]):
            continue
        label_row = rows[above]
        assert label_row is not None
        label, x0, x1 = label_row.cells[0]
        if label_row.cells[0][2] > row.cells[0][1]:
            continue  # the label runs over the figures: not a label for them
        below = _near(rows, k, 1)
        if below is not None and _label_only(rows[below]):
            rest = rows[below]
            assert rest is not None
            after = _near(rows, below, 1)
            text = rest.cells[0][0]
            if text[0] in "（(" or (len(label) >= 10 and not _figures_only(
                    rows[after] if after is not None else None)):
                label += text
                rows[below] = None
        rows[above] = None
        row.cells.insert(0, (label, x0, min(x1, row.cells[0][1] - 2)))
