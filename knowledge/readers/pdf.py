"""PDF reports read with pdfplumber: text in reading order, headings, tables, no page furniture.

Why pdfplumber: it gives every character with its position, size and font, and finds ruled
tables with their merged cells, which is what a report's figures live in. Measured on the real
reports (docs/bench.md) it costs 50–75 ms a page, so a 174-page annual report parses in about
13 s and the result is cached; pypdfium2 reads text ten times faster but has no tables, and
PyMuPDF's licence (AGPL) does not suit the bot.

A page is read as:

1. ruled tables (``find_tables``), their cells regrouped into the rows a reader sees (a Word
   table draws partial rules around a wrapped label; only rules across the whole table end a
   row);
2. the text outside them as lines, in one column or two (a gutter no word crosses);
3. lines in the top and bottom margins that repeat on many pages (running headers and
   footers, page numbers) dropped, table-of-contents pages dropped, dot leaders cut;
4. lines joined into paragraphs (a short line, an indent or a gap ends one), headings found by
   their numbering (第三节, 一、, （一）, 1.) or by bold/large type;
5. across pages, a paragraph left open continues and a table ending a page continues on the
   next when the next starts with a table of the same columns.

Pages whose text decodes to look-alike characters (knowledge/readers/garbled.py) and pages
without a text layer are left out with a warning naming them.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import re
import statistics
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.readers.garbled import garbled_pages, rare_characters
from knowledge.readers.lines import (
    LEADER_RE,
    SENTENCE_END,
    heading_level,
    join_lines,
    squeeze,
)
from knowledge.readers.model import Block, Document, ReadError, Table
from knowledge.readers.tables import (
    PERIOD_RE,
    build_tables,
    clean_cell,
    continue_regridded,
    continue_table,
    is_figure,
    unit_of,
)

# pdfminer warns about every odd colour operator; a report's drawing errors are not ours.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

log = logging.getLogger("caibao.knowledge")
MARGIN = 0.09  # top and bottom share of the page where running headers and footers live
PAGE_NUMBER_RE = re.compile(
    r"^(?:第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|[-–—]?\s*\d{1,4}\s*[-–—]?"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d+(?:\s*of\s*\d+)?|[ivxlc]{1,6})$",
    re.IGNORECASE,
)
_YEARS_RE = re.compile(r"(?:19|20)\d{2}|二[零〇○][一二三四五六七八九零〇○]{2}年")
_TOC_LINE_RE = re.compile(r"(?:[.·•…_]\s*){4,}\s*\d+\s*$")
_UNIT_NOTE_RE = re.compile(
    r"除特别注明外[，,]?\s*(?:金额)?单位(?:均)?为\s*([^\s，,。;；)）]{1,12})"
)
_BOLD_RE = re.compile(r"bold|black|heavy|semibold|,b$|-b$", re.IGNORECASE)
# A decimal or a thousands-separated figure: rows of figures are never headings.
_FIGURES_RE = re.compile(r"\d[\d,]*\.\d|\d{1,3}(?:,\d{3})+")
TABLE_SETTINGS: dict[str, Any] = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    column: int = 0
    cells: list[str] = field(default_factory=list)
    spans: list[tuple[float, float]] = field(default_factory=list)  # x0, x1 of each cell
    table: int = 0  # > 0: a row of a table laid out without rules (same number, same table)
    right: float = 0.0  # the right edge of the lines around it (see _measure)


@dataclass
class _RawTable:
    grid: list[list[str | None]]
    x0: float
    x1: float
    top: float
    bottom: float
    column: int = 0


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line]
    tables: list[_RawTable]
    chars: int
    images: int
    columns: int = 1
    bounds: dict[int, tuple[float, float]] = field(default_factory=dict)
    gaps: dict[int, float] = field(default_factory=dict)  # usual space between lines
    error: str = ""  # why the page could not be read
    converted: bool = False  # text a converter laid out (pdftotext -layout, Markdown)


def read_pdf(path: Path) -> Document:
    """Read a PDF report; raises ReadError when it cannot be read at all."""
    # Imported here: the text reader (knowledge/readers/text.py) runs this module's steps on
    # converted text, and a build that reads no PDF never loads pdfplumber.
    import pdfplumber

    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:
        raise ReadError(_open_problem(exc)) from exc
    pages: list[_Page] = []
    with pdf:
        try:
            for i, page in enumerate(pdf.pages):
                pages.append(_read_page_safely(page, i + 1))
        except Exception as exc:  # the page tree itself is broken
            raise ReadError(_open_problem(exc)) from exc
    return _assemble(path.name, pages)


def _read_page_safely(page: Any, number: int) -> _Page:
    """One page; a page pdfminer cannot interpret is reported, not fatal to the others."""
    try:
        return _read_page(page, number)
    except Exception as exc:
        log.warning("page %d could not be read: %r", number, exc)
        failed = _Page(number, float(page.width), float(page.height), [], [], 0, 0)
        failed.error = f"{type(exc).__name__}"
        return failed
    finally:
        page.close()  # drop pdfplumber's cached layout: a 441-page report stays small


def _open_problem(exc: Exception) -> str:
    text = f"{type(exc).__name__} {exc!r} {exc.__cause__!r} {exc.__context__!r}".lower()
    if "password" in text or "encrypt" in text:
        return ("encrypted PDF (needs a password): save an unprotected copy (print to PDF, or "
                "qpdf --decrypt) and put that in the folder")
    return (f"not a readable PDF ({type(exc).__name__}): the file is damaged or not a PDF; "
            "download it again")


# --- one page -------------------------------------------------------------------------------
def _read_page(page: Any, number: int) -> _Page:
    found = [t for t in page.find_tables(TABLE_SETTINGS)
             if (len(t.rows) >= 2 or _wide(t)) and not _frame(page, t)]
    tables = []
    boxes = []
    for t in found:
        grid = _grid(page, t)
        if max((sum(1 for c in r if c) for r in grid), default=0) < 2 or _underlines(grid):
            # One filled column is a shaded box (cmbc's highlighted 2021 column), not a table:
            # its text belongs to the rows around it.
            continue
        x0, top, x1, bottom = t.bbox
        tables.append(_RawTable(grid, x0, x1, top, bottom))
        boxes.append(t.bbox)
    text_page = page
    sidebar = _sidebar(page)
    if boxes or sidebar:
        def outside(obj: dict[str, Any]) -> bool:
            if obj.get("object_type") == "char" and id(obj) in sidebar:
                return False
            cx = (obj["x0"] + obj["x1"]) / 2
            cy = (obj["top"] + obj["bottom"]) / 2
            return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

        text_page = page.filter(outside)
    chars = len(page.chars)
    result = _Page(number, float(page.width), float(page.height), [], tables, chars,
                   len(page.images))
    gutter = _gutter(text_page) if chars else None
    if gutter is None:
        result.lines = _lines(text_page, 0)
    else:
        left = text_page.crop((0, 0, gutter, page.height), strict=False)
        right = text_page.crop((gutter, 0, page.width, page.height), strict=False)
        result.lines = _lines(left, 0) + _lines(right, 1)
        result.columns = 2
        for t in tables:
            t.column = 0 if (t.x0 + t.x1) / 2 < gutter else 1
    _lift_text_tables(result)
    return result


def _sidebar(page: Any) -> set[int]:
    """The letters of a title set down the page's edge, one under the other ("Chairman's
    Statement" in a Hong Kong report's margin): Latin letters sharing one x, on four lines or
    more, left or right of every line of Chinese text. They would join the body's lines at
    their height ("E 本集團於…", "…亦提升中t")."""
    chars = page.chars
    han = [c for c in chars if "\u3400" <= c["text"] <= "\u9fff"]
    if len(han) < 20:
        return set()
    left = min(c["x0"] for c in han)
    right = max(c["x1"] for c in han)
    by_x: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for c in chars:
        if c["text"].isascii() and c["text"].isalpha() and (
                c["x1"] < left - 4 or c["x0"] > right + 4):
            by_x[round(c["x0"])].append(c)
    out: set[int] = set()
    for column in by_x.values():
        if len({round(c["top"]) for c in column}) >= 4:
            out.update(id(c) for c in column)
    return out


def _measure(page: _Page) -> None:
    """Each column's left and right edge (its lines', or its tables' where wider) and usual
    line gap, and each line's local right edge (a framed paragraph is narrower than the
    column): what tells a short last line."""
    for col in {ln.column for ln in page.lines}:
        lines = sorted((ln for ln in page.lines if ln.column == col and ln.x1 <= page.width),
                       key=lambda ln: ln.top)
        if not lines:
            continue
        ends = sorted(ln.x1 for ln in lines)
        # A page of tables has few full lines: the tables show the column's width too.
        tables = [t for t in page.tables if t.column == col]
        left = min([ln.x0 for ln in lines] + [t.x0 for t in tables])
        right = max([ends[int(len(ends) * 0.9)]] + [t.x1 for t in tables])
        page.bounds[col] = (left, right)
        gaps = [b.top - a.bottom for a, b in itertools.pairwise(lines)
                if 0 <= b.top - a.bottom < 2 * max(a.size, 1)]
        page.gaps[col] = statistics.median(gaps) if gaps else 0.0
        for k, ln in enumerate(lines):
            local = max(x.x1 for x in lines[max(0, k - 2) : k + 3])
            if local - left >= 0.6 * (right - left):
                ln.right = min(local, right)


def _lift_text_tables(page: _Page, converted: bool = False) -> None:
    """Move the lines marked as rows of a rule-less table into a raw table grid. A
    ``converted`` text (pdftotext -layout) gives a wide Chinese character one column, so its
    figures and column names stand only roughly where the PDF set them: there a row with a
    figure for every column, and a column name for every column, are read in order."""
    groups: dict[tuple[int, int], list[_Line]] = defaultdict(list)
    for ln in page.lines:
        if ln.table:
            groups[(ln.column, ln.table)].append(ln)
    if not groups:
        return
    page.lines = [ln for ln in page.lines if not ln.table]
    previous: tuple[list[float], list[list[str | None]]] | None = None
    for (column, _), lines in groups.items():
        # Columns are where the figures end (they align right); header lines (before the
        # first figure row) name the column nearest below them.
        first = next(k for k, ln in enumerate(lines) if _row_values(ln))
        figures = [(ln.spans[i][0], ln.spans[i][1]) for ln in lines if _row_values(ln)
                   for i in range(len(ln.cells) - _row_values(ln), len(ln.cells))]
        columns: list[list[float]] = []
        for x in sorted(x1 for _, x1 in figures):
            if columns and x - columns[-1][-1] <= 12:
                columns[-1].append(x)
            else:
                columns.append([x])
        # No row has more figures than the table has columns: figures a converted text set a
        # little off their column (a wide character counted as one) rejoin the nearest column
        # that no row has a figure in too.
        widest = max(_row_values(ln) for ln in lines)
        rights = [[x1 for _, x1 in ln.spans[len(ln.cells) - _row_values(ln):]]
                  for ln in lines if _row_values(ln)]
        while converted and len(columns) > widest > 0:
            pairs = [i for i in range(len(columns) - 1)
                     if _apart(columns[i], columns[i + 1], rights)]
            if not pairs:
                break
            k = min(pairs, key=lambda i: columns[i + 1][0] - columns[i][-1])
            columns[k:k + 2] = [columns[k] + columns[k + 1]]
        anchors = [statistics.median(c) for c in columns]
        label_edge = min(x0 for x0, _ in figures)  # left of every figure: the label column
        grid: list[list[str | None]] = []
        heads: list[list[str | None]] = []
        for k, ln in enumerate(lines):
            n = _row_values(ln)
            row: list[str | None] = [""] * (len(anchors) + 1)
            if n or (k < first and (len(ln.cells) > 1 or ln.spans[0][0] >= label_edge)):
                start = len(ln.cells) - n if n else 0
                in_order = False
                if not n:  # a header line's cells left of the figures are a label
                    start = sum(1 for x0, x1 in ln.spans if x1 < label_edge)
                    names = len(ln.cells) - len(anchors)
                    if converted and start >= names > 0 and all(
                            PERIOD_RE.search(c) for c in ln.cells[names:]):
                        # One period per column, set left of its figures (a text layout
                        # gives a wide Chinese character one column): the k-th names the k-th.
                        start, in_order = names, True
                    elif converted and start == names == 0:
                        in_order = True  # a name over every column: the k-th the k-th's
                row[0] = " ".join(ln.cells[:start])
                # A row with a figure for every column: the k-th figure in the k-th.
                in_order = in_order or (converted and n == len(anchors))
                for k_cell, (cell, (x0, x1)) in enumerate(
                        zip(ln.cells[start:], ln.spans[start:], strict=True)):
                    # A figure by its right edge, a column name by its centre.
                    x = x1 if n else (x0 + x1) / 2
                    col = k_cell if in_order else min(
                        range(len(anchors)), key=lambda a: abs(anchors[a] - x)
                        if n else _centre_distance(x, columns[a]))
                    row[col + 1] = f"{row[col + 1]} {cell}".strip()
                if not n:
                    heads.append(row)
            else:
                row[0] = ln.text
            if (n and grid and row[0] and grid[-1][0] and not any(grid[-1][1:])
                    and grid[-1] not in heads
                    and (row[0][0] in "（(" or grid[-1][0][-1] in "之的及與与和")):
                # A label wrapped onto the figures' line: "…每股净资产" / "（人民币元） 11.06",
                # "來自外界客戶之" / "可報告分部收入 83,433".
                row[0] = f"{grid.pop()[0]}{row[0]}"
            grid.append(row)
        if previous is not None and (_same_columns(previous[0], anchors) or (
                converted and len(previous[0]) == len(anchors))):
            # A block of the same statement further down (资产质量指标 under the years of
            # 规模指标): the column names its own header lines lack come from the block above.
            named = [h for h in previous[1] if sum(1 for c in h[1:] if c) * 2 >= len(anchors)]
            if any(not any(h[i] for h in heads) for i in range(1, len(anchors) + 1)):
                named = [["", *h[1:]] for h in named]
                grid = named + grid
                heads = named + heads
        if heads or previous is None or not _same_columns(previous[0], anchors):
            previous = (anchors, heads or (previous[1] if previous else []))
        page.tables.append(_RawTable(grid, min(ln.x0 for ln in lines),
                                     max(ln.x1 for ln in lines), lines[0].top,
                                     lines[-1].bottom, column))


def _apart(a: list[float], b: list[float], rows: list[list[float]]) -> bool:
    """No row has a figure ending in both columns ``a`` and ``b``."""
    return not any(any(x in a for x in r) and any(x in b for x in r) for r in rows)


def _same_columns(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 12 for x, y in zip(a, b, strict=True))


def _centre_distance(x: float, rights: list[float]) -> float:
    """How far a header's centre is from a figure column ending at ``rights``."""
    right = statistics.median(rights)
    return abs(right - x) if x <= right else 3 * (x - right)


def _underlines(grid: list[list[str | None]]) -> bool:
    """The short rules a statement set without a grid draws over and under its subtotals
    (英皇證券's 綜合損益表: "125,343 / 551,469 ___ 676,812"): found as a table of figure
    columns only, each cell several rows' figures run together and no label column. Its text
    is read as the lines it is."""
    def labelled(row: list[str | None]) -> bool:
        return any(re.search(r"[\u3400-\u9fffA-Za-z]", c or "") for c in row) and any(
            re.fullmatch(r"[\d,.\s()%\-–]*\d[\d,.\s()%\-–]*", c or "") for c in row)

    if any(row and row[0] and row[0].strip() for row in grid) or any(map(labelled, grid)):
        return False  # a label beside figures: a table (its labels may stand in a 2nd column)
    return any(len(re.findall(r"\(?-?\d[\d,]*(?:\.\d+)?\)?", c or "")) >= 2
               and len((c or "").split()) >= 2 for row in grid for c in row[1:])


def _frame(page: Any, t: Any) -> bool:
    """A printer's proof with crop marks and guides (安芯's 2010 interim report, "….indd"): the
    lines rule the page into a few huge cells, each holding a column of running text. No table
    is a few rows over half the page with paragraphs in its cells; the page is read as text."""
    x0, top, x1, bottom = t.bbox
    if len(t.rows) >= 10 or (x1 - x0) * (bottom - top) < 0.5 * page.width * page.height:
        return False
    return any(c and c.count("\n") >= 7 for row in t.extract() for c in row)


def _wide(t: Any) -> bool:
    return len(t.rows) == 1 and len(t.rows[0].cells) >= 3


def _grid(page: Any, t: Any) -> list[list[str | None]]:
    """The table's rows as a reader sees them.

    pdfplumber's grid has a row for every horizontal rule, and Word draws rules around the
    lines of a wrapped label (归属于上市公司股东的净利润 / （元）) that split one row into
    three. Only a rule across the whole table ends a row. The header's grid rows (above the
    first rule across the table, before the first figure) are kept apart, because their rules
    are partial on purpose (a year over 调整前 and 调整后)."""
    raw: list[list[str | None]] = t.extract()
    _reasons_at_their_rows(page, t, raw)
    x0, top, x1, bottom = t.bbox
    # A rule across the label and every figure column ends a row, whatever a text column
    # right of the figures does (变动原因 set once beside the many rows it explains).
    x1 = _figures_right(t, raw) or x1
    width = x1 - x0
    spans: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for e in page.edges:
        if e["orientation"] == "h" and top - 2 <= e["top"] <= bottom + 2 and e["x0"] < x1:
            spans[round(e["top"])].append((max(e["x0"], x0), min(e["x1"], x1)))
    rules = sorted(y for y, iv in spans.items() if _covered(iv) >= 0.9 * width)
    tops = [r.bbox[1] for r in t.rows]
    out: list[list[str | None]] = []
    band_of_last: int | None = None
    in_header = True
    bands = [bisect_right(rules, row_top + 1.5) for row_top in tops]
    first_band = bands[0] if bands else 0
    # Three or more grid rows above the first rule are the lines of wrapped column names
    # (是否 / 为固 / 定资 / 产投 / 资): one header row. One or two are header levels.
    def has_figure(row: list[str | None]) -> bool:
        return any(is_figure(clean_cell(c)) and not re.fullmatch(r"(?:19|20)\d{2}",
                                                                  clean_cell(c)) for c in row[1:])

    head = 0
    while head < len(raw) and bands[head] == first_band and not has_figure(raw[head]):
        head += 1
    wrapped_header = head >= 3 and len(rules) >= 2
    for k, (row, band) in enumerate(zip(raw, bands, strict=False)):
        if in_header and k >= head:
            in_header = False  # below the rule under the header, or a figure: data from here
        if in_header and wrapped_header:
            if k == head - 1:
                out.append(_wrapped_header(raw[:head]))
            continue
        if in_header or band != band_of_last or not out:
            out.append(list(row))
            band_of_last = None if in_header else band
            continue
        merged = out[-1]
        for i, cell in enumerate(row):
            if i >= len(merged):
                merged.append(cell)
            elif cell:
                merged[i] = f"{merged[i]}\n{cell}" if merged[i] else cell
            elif merged[i] is None and cell is not None:
                merged[i] = cell
    return out


def _reasons_at_their_rows(page: Any, t: Any, raw: list[list[str | None]]) -> None:
    """A last column drawn as one tall cell beside many rows (变动原因, with no rules between
    its rows) holds its text where it stands: beside the row it explains (长期股权投资 …
    "主要是本期并购天士力导致。"), not in the first row pdfplumber gives the tall cell's text."""
    rows = t.rows
    for k, row in enumerate(rows[: len(raw)]):
        c = len(row.cells) - 1
        cell = row.cells[c] if c >= 1 else None
        text = raw[k][c] if c < len(raw[k]) else None
        if cell is None or not text or is_figure(clean_cell(text)) or len(text) < 6:
            continue
        below = [j for j in range(k + 1, len(raw)) if rows[j].bbox[1] < cell[3] - 1]
        if not below:
            continue  # one row high: it is where it stands
        for j in below:  # covered from above, not by the figure to their left
            if c < len(raw[j]) and raw[j][c] is None:
                raw[j][c] = ""
        try:
            words = page.crop(cell).extract_words()
        except ValueError:
            continue
        if not words:
            continue
        first = words[0]["top"]
        at = next((j for j in below if rows[j].bbox[1] - 1 <= first < rows[j].bbox[3]), k)
        if at != k and at < len(raw) and c < len(raw[at]) and not raw[at][c]:
            raw[at][c], raw[k][c] = text, ""


def _figures_right(t: Any, raw: list[list[str | None]]) -> float | None:
    """The right edge of the last column holding figures, when text columns follow it."""
    columns = getattr(t, "columns", None)
    if not columns or not raw or len(columns) != max(len(r) for r in raw):
        return None
    last = max((i for row in raw for i, c in enumerate(row)
                if i > 0 and c and is_figure(clean_cell(c))), default=None)
    if last is None or last + 1 >= len(columns):
        return None
    if not any(c for row in raw for c in row[last + 1:] if c and not is_figure(clean_cell(c))):
        return None
    return float(columns[last].bbox[2])


def _wrapped_header(rows: list[list[str | None]]) -> list[str | None]:
    """One header row from grid rows holding the lines of wrapped column names. A cell that
    spans columns (``None`` to its right where no cell has been above) names a level over each
    of them: "2016年" over 金额 and 占营业收入比重 gives "2016年 金额" and "2016年 占营业收入比重";
    the lines of one name join as they are ("是否" / "为固定资产投资" → "是否为固定资产投资").
    A tab separates levels (clean_cell says it as a space)."""
    ncols = max(len(r) for r in rows)
    parts: list[list[tuple[str, bool]]] = [[] for _ in range(ncols)]  # (text, is a level)
    covered = [False] * ncols  # a cell has been seen in this column: a None is a rowspan
    for row in rows:
        cells = [row[i] if i < len(row) else None for i in range(ncols)]
        spanning: str | None = None
        for i, cell in enumerate(cells):
            if cell is not None:
                opens = i + 1 < ncols and cells[i + 1] is None and not covered[i + 1]
                parts[i].append((cell, opens))
                spanning = cell if opens else None
                covered[i] = True
            elif spanning is not None and not covered[i]:
                parts[i].append((spanning, True))
            else:
                spanning = None
    names: list[str | None] = []
    for column in parts:
        name = "".join(text + ("\t" if level else "\n") for text, level in column).strip()
        # A column of cells drawn empty is unnamed (""); only one no cell reached is covered
        # from its left (None): a blank cell beside 上年同期 is not 上年同期.
        names.append(name if column else None)
    return names


def _covered(intervals: list[tuple[float, float]]) -> float:
    total = 0.0
    end = float("-inf")
    for a, b in sorted(intervals):
        if b <= end:
            continue
        total += b - max(a, end)
        end = b
    return total


def _gutter(page: Any) -> float | None:
    """The x of the gap between two text columns, or None for a one-column page."""
    words = page.extract_words()
    if len(words) < 16:
        return None
    width = float(page.width)
    best: tuple[int, float] | None = None
    for step in range(30, 71):
        x = width * step / 100
        crossing = sum(1 for w in words if w["x0"] < x < w["x1"])
        if best is None or crossing < best[0]:
            best = (crossing, x)
    assert best is not None
    crossing, x = best
    if crossing > len(words) * 0.02:
        return None
    left = [w for w in words if w["x1"] <= x]
    right = [w for w in words if w["x0"] >= x]
    if len(left) < 8 or len(right) < 8:
        return None
    # Both sides must be prose, not labels on the left and figures on the right ...
    prose = True
    for side, lo, hi in ((left, 0.0, x), (right, x, width)):
        lines: dict[int, float] = defaultdict(float)
        for w in side:
            lines[round(w["top"])] += w["x1"] - w["x0"]
        extent = max(w["x1"] for w in side) - min(w["x0"] for w in side)
        long = sum(1 for v in lines.values() if v >= 0.6 * extent)
        if len(lines) < 8 or long < 0.5 * len(lines) or extent < 0.5 * (hi - lo) * 0.8:
            prose = False
    # ... or two lists whose lines do not share rows (a Hong Kong 公司資料 page: 董事會 and
    # its names on the left, 核數師 and addresses on the right), where a table's label and
    # figures always do.
    return x if prose or _independent(left, right) else None


def _independent(left: list[Any], right: list[Any]) -> bool:
    """Two sides of many lines, most of the right's at heights no left line has."""
    tops_left = {round(w["top"]) for w in left}
    tops_right = {round(w["top"]) for w in right}
    if len(tops_left) < 12 or len(tops_right) < 12:
        return False
    shared = sum(1 for t in tops_right if any(abs(t - u) <= 2 for u in tops_left))
    return shared < 0.4 * len(tops_right)


def _lines(page: Any, column: int) -> list[_Line]:
    out = []
    for ln in page.extract_text_lines(return_chars=True, strip=True):
        chars = [c for c in ln["chars"] if not c["text"].isspace()]
        if not chars:
            continue
        size = statistics.median(c["size"] for c in chars)
        found = _cells(ln["chars"], size)
        cells = [c for c, _ in found]
        text = squeeze(" ".join(cells))
        if not text:
            continue
        bold = sum(1 for c in chars if _BOLD_RE.search(c.get("fontname", "")))
        out.append(_Line(text, ln["x0"], ln["x1"], ln["top"], ln["bottom"], size,
                         bold > 0.6 * len(chars), column, cells, [x for _, x in found]))
    return _text_tables(out)


# Symbol-font check boxes the text layer writes in the private use area: Wingdings 2's
# ☑ (U+F052) and Wingdings' ☑ (U+F0FE), in "□是 否" / "□适用 不适用".
SYMBOLS = {"\uf052": "√", "\uf0fe": "√"}


def _cells(chars: list[dict[str, Any]], size: float) -> list[tuple[str, tuple[float, float]]]:
    """A line's text split where a gap of more than 1.5 characters separates columns
    (a statement's label and its figures), with each cell's x extent; spaces kept inside a
    cell between words."""
    cells: list[tuple[str, tuple[float, float]]] = []
    current = ""
    x0 = x1 = 0.0
    previous: dict[str, Any] | None = None
    space = False
    for ch in sorted(chars, key=lambda c: c["x0"]):
        if ch["text"].isspace():
            space = bool(current)  # a space glyph in the text layer is kept (1. 主要业务)
            continue
        if previous is not None:
            gap = ch["x0"] - previous["x1"]
            if gap > 1.5 * size:
                cells.append((squeeze(current), (x0, x1)))
                current = ""
            elif space or gap > 0.25 * size:
                current += " "
        space = False
        if not current:
            x0 = ch["x0"]
        current += SYMBOLS.get(ch["text"], ch["text"])
        x1 = ch["x1"]
        previous = ch
    cells.append((squeeze(current), (x0, x1)))
    return [c for c in cells if c[0]]


# A figure cell: 1,234.56, (8.42), -3.21%, 99百萬 (a highlights table's amounts), nil (–, --,
# 不适用), or a change in percentage points in words (增加3.08个百分点).
_VALUE_RE = re.compile(
    r"^(?:[(（]?[-−+]?\d[\d,]*(?:\.\d+)?\s*(?:%|百萬|百万|千萬|千万|億|亿|萬|万)?[)）]?|[-–—]{1,2}|"
    r"不适用|不適用|(?:增加|减少|上升|下降|增長|減少)\d+(?:\.\d+)?个?百分点)$"
)


def _values(line: _Line) -> int:
    """How many of the line's trailing cells are figures or a dash for nil ("–"); 0 for a
    line with no figure at all."""
    n = 0
    for cell in reversed(line.cells):
        if not _VALUE_RE.match(cell):
            break
        n += 1
    if n == len(line.cells) and n == 1:
        return 0  # a lone number is a page number or a note, not a row
    digits = any(re.search(r"\d", c) for c in line.cells[len(line.cells) - n:])
    return n if digits or n < len(line.cells) else 0


def _years_line(line: _Line) -> bool:
    """A line of years alone ("2021 2020", "2024年 2023年")."""
    return all(_YEAR_CELL_RE.fullmatch(c) for c in line.cells)


def _row_values(line: _Line) -> int:
    """:func:`_values`, but 0 for a line of years alone: column names."""
    return 0 if _years_line(line) else _values(line)


def _label_line(line: _Line) -> bool:
    """A row label on a line of its own inside a statement: short, one cell, not a sentence
    (a trailing colon is fine: 其他全面開支，扣除稅項：)."""
    text = line.text
    return (len(line.cells) == 1 and len(text) <= 30 and not _values(line)
            and (text[-1] in "：:" or not re.search(r"[。；;，,]", text)))


def _figures_follow(lines: list[_Line], k: int, converted: bool = False) -> bool:
    """A figure row comes at ``k`` after at most two more label lines; in converted text, after
    a longer run of a statement's items without figures (结算备付金 / 拆出资金 / 应收保费 …:
    names, not headings), which the text's blank lines do not otherwise tell from a table's
    end."""
    for n, line in enumerate(lines[k : k + (16 if converted else 3)]):
        if _values(line):
            return True
        if not _label_line(line) or (n >= 2 and heading_level(line.text)
                                     and line.text[-1] not in "：:"):
            return False
    return False


BLOCK_NAME = 30  # characters of a block's name over a statement's rows
_YEAR_CELL_RE = re.compile(r"(?:19|20)\d{2}\s*年?")


def _text_tables(lines: list[_Line], converted: bool = False) -> list[_Line]:
    """Mark runs of figure rows laid out without rules (a statement: label, note, 2025, 2024)
    as tables: ``_Line.table`` holds the run's index, header lines included."""
    run = 0
    i = 0
    while i < len(lines):
        if _values(lines[i]) == 0:
            i += 1
            continue
        j = i
        rows = 0
        while j < len(lines):
            if _values(lines[j]):
                rows += 1
                j += 1
            elif _label_line(lines[j]) and (_figures_follow(lines, j + 1, converted) or (
                    converted and len(lines) - j <= 16
                    and all(_label_line(x) and not re.search(r"\d", x.text)
                            for x in lines[j:]))):
                # A label line inside the statement (持續經營業務, 流動資產：), or its items at
                # the foot of the page (其他权益工具 / 其中：优先股), continued on the next.
                j += 1
            else:
                break
        # One row is a table only under its column names at the foot of a page (a statement
        # the page breaks after its first row, 一、营业总收入), or a row of figures opening the
        # page (加权平均净资产收益率 under the last page's years): converted text only.
        top = converted and rows == 1 and i == 0 and _values(lines[i]) >= 2
        if rows >= 2 or (converted and rows == 1 and j == len(lines)) or top:
            # Column headers (二零二五年 二零二四年 / 附註 千港元 千港元) and a label line just
            # above the first row (持續經營業務) belong to the table.
            start = i
            k = i
            # Where the figures begin: a column name's first line may stand alone over them.
            figures_left = min(ln.spans[len(ln.cells) - _values(ln)][0]
                               for ln in lines[i:j] if _values(ln))
            while k > 0 and i - k < 4:
                above = lines[k - 1]
                # A line of years alone names the columns, unless a line below already does
                # ("2024 2023" over "2024年 2023年": the Chinese is the header).
                years = _years_line(above) and not any(
                    _YEAR_CELL_RE.search(c) for ln in lines[k:i] for c in ln.cells)
                if (_values(above) and not years) or above.table or (
                        len(above.text) > 60 and len(above.cells) < 3):
                    break
                if len(above.cells) >= 2 or (
                        start == k < i and above.spans[0][0] >= figures_left
                        and lines[k].top - above.bottom <= above.bottom - above.top
                        and re.search(r"[\u3400-\u9fff]", above.text)
                        and not re.search(r"[：:]|[A-Za-z_]{3}", above.text)):
                    # Column names, or the first line of one right over its column (安防預警
                    # over 系統業務) above them.
                    start = k - 1
                elif re.search(r"[。；;，,]", above.text) or (
                        re.search(r"[：:]", above.text) and not (
                            len(above.text) <= BLOCK_NAME and above.text[-1] in "：:"
                            and len(re.findall(r"[：:]", above.text)) == 1)):
                    # A sentence; not a block's name over its rows (流动资产：, 1．将净利润调节
                    # 为经营活动现金流量：) between them and the column names.
                    break
                k -= 1
            if start == i and i > 0 and len(lines[i - 1].cells) == 1 and not re.search(
                r"[。；;，,：:]", lines[i - 1].text
            ) and len(lines[i - 1].text) <= 30 and not lines[i - 1].table:
                start = i - 1
            if rows < 3 and not top and not any(len(x.cells) >= 2 and not _values(x)
                                                for x in lines[start:i]):
                i = j  # two figure lines without column names are not enough for a table
                continue
            run += 1
            for k in range(start, j):
                lines[k].table = run
        i = j
    return lines


# --- the whole document ---------------------------------------------------------------------
def _key(text: str) -> str:
    return re.sub(r"\d+", "#", text.replace(" ", ""))


_AMOUNT_RE = re.compile(r"\d,\d{3}(?!\d)|\d\.\d\d(?!\d)")


def _furniture(pages: list[_Page]) -> tuple[set[str], list[str]]:
    """Keys of lines repeated in the margins of many pages, and what to report as dropped."""
    counts: Counter[str] = Counter()
    sample: dict[str, str] = {}
    for page in pages:
        seen = set()
        for ln in _margin_lines(page):
            key = _key(ln.text)
            # A statement's years, or an amount (合计 137,563,265.57 ending some pages), is
            # no furniture.
            if key not in seen and not unit_of(ln.text) and not PAGE_NUMBER_RE.match(ln.text) \
                    and len(_YEARS_RE.findall(ln.text)) < 2 and not _AMOUNT_RE.search(ln.text):
                seen.add(key)
                counts[key] += 1
                sample.setdefault(key, ln.text)
    need = max(2, round(0.2 * len(pages))) if len(pages) >= 5 else 2
    # Chapter names as running headers repeat on fewer pages: any margin line on 3+ pages.
    keys = {k for k, n in counts.items() if n >= need or (len(pages) >= 20 and n >= 3)}
    if len(pages) < 2:
        keys = set()
    dropped = [f"页眉/页脚「{sample[k]}」（{counts[k]}页）"
               for k in sorted(keys, key=lambda k: -counts[k])]
    return keys, dropped


def drop_furniture(pages: list[_Page]) -> list[str]:
    """Remove running headers, footers and page numbers from the pages' margins; returns
    what was dropped, for ``kb check``."""
    furniture, dropped = _furniture(pages)
    numbers = 0
    for page in pages:
        keep = []
        margin = {id(ln) for ln in _margin_lines(page)}
        for ln in page.lines:
            if id(ln) in margin and (_key(ln.text) in furniture or PAGE_NUMBER_RE.match(ln.text)):
                numbers += PAGE_NUMBER_RE.match(ln.text) is not None
                continue
            keep.append(ln)
        page.lines = keep
    if numbers:
        dropped.append(f"页码（{numbers}页）")
    return dropped


def _margin_lines(page: _Page) -> list[_Line]:
    lines = sorted(page.lines, key=lambda ln: ln.top)
    top = [ln for ln in lines[:3] if ln.bottom <= page.height * MARGIN * 1.2]
    bottom = [ln for ln in lines[-3:] if ln.top >= page.height * (1 - MARGIN)]
    return top + bottom


def _is_toc(page: _Page) -> bool:
    lines = page.lines
    toc = sum(1 for ln in lines if _TOC_LINE_RE.search(ln.text))
    return toc >= 5 and toc >= 0.4 * len(lines)


def _assemble(name: str, pages: list[_Page]) -> Document:
    warnings: list[str] = []
    dropped: list[str] = []
    if pages and all(p.error for p in pages):
        raise ReadError(f"not a readable PDF (no page could be read: {pages[0].error}): the "
                        "file is damaged; download it again")
    if pages and not any(p.chars for p in pages):
        raise ReadError("no text layer (a scanned PDF?): run OCR on it (e.g. ocrmypdf) or put "
                        "the report's text in a .md file")
    # Judged with the running headers: a broken font garbles them too (共业银行股仹有限公司).
    texts = [" ".join([ln.text for ln in p.lines]
                      + [c or "" for t in p.tables for r in t.grid for c in r]) for p in pages]
    dropped = drop_furniture(pages)
    for page in pages:
        _measure(page)
    toc = [p.number for p in pages if _is_toc(p)]
    if toc:
        dropped.append(f"目录（第{_ranges(toc)}页）")
    broken = [p.number for p in pages if p.error]
    if broken:
        warnings.append(f"第{_ranges(broken)}页 could not be read ({pages[broken[0] - 1].error}): "
                        "left out; the PDF is damaged there — get a fresh copy")
    blank = [p.number for p in pages if not p.chars and p.images]
    if blank:
        warnings.append(f"第{_ranges(blank)}页 no text layer (scanned images): left out; "
                        "OCR the PDF to have them answered from")
    bad = garbled_pages(texts)
    if bad:
        rare = sorted({c for n in bad[:20] for c in rare_characters(texts[n - 1])[1]})[:8]
        warnings.append(
            f"第{_ranges(bad)}页 ({len(bad)} pages) decode to look-alike characters "
            f"(e.g. {''.join(rare)}): left out rather than quoted; the PDF's text layer is "
            "broken there — get a better copy or OCR those pages"
        )
    skip = set(toc) | set(bad)
    default_unit = ""
    for page in pages[:40]:
        # "除特别注明外，金额单位为人民币百万元" or "单位：除特别注明外，为人民币百万元".
        for ln in page.lines:
            m = _UNIT_NOTE_RE.search(ln.text.replace(" ", ""))
            unit = m.group(1) if m else unit_of(ln.text) if "除特别注明外" in ln.text else ""
            if unit:
                default_unit = unit
                break
        if default_unit:
            break
    sizes = [ln.size for p in pages for ln in p.lines if ln.size]
    body = statistics.median(sizes) if sizes else 0.0
    blocks = _blocks([p for p in pages if p.number not in skip], body, default_unit)
    return Document(name, "pdf", len(pages), blocks, warnings, dropped)


def _ranges(numbers: list[int]) -> str:
    """[3, 4, 5, 9] → "3–5、9"."""
    out: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return "、".join(out)


@dataclass
class _Para:
    page: int
    lines: list[str]
    open: bool = False  # ended without a sentence end at the bottom of its column


def _blocks(pages: list[_Page], body: float, default_unit: str) -> list[Block]:
    blocks: list[Block] = []
    para: _Para | None = None
    # The last table, still open to a continuation on the next page.
    last_table: _OpenTable | None = None

    # Items without figures between two runs of a converted statement's rows (应付分保账款),
    # held until it is known whether the statement goes on below them.
    held: list[tuple[int, str]] = []

    def flush() -> None:
        nonlocal para
        if para is not None and para.lines:
            text = join_lines(para.lines)
            if text:
                blocks.append(Block("paragraph", para.page, text))
        para = None

    def release() -> None:
        flush()
        blocks.extend(Block("paragraph", number, text) for number, text in held)
        held.clear()

    for page in pages:
        items: list[tuple[int, float, _Line | _RawTable]] = [
            (ln.column, ln.top, ln) for ln in page.lines
        ] + [(t.column, t.top, t) for t in page.tables]
        items.sort(key=lambda it: (it[0], it[1]))
        first = True
        previous: _Line | None = None
        for column, _top, item in items:
            if isinstance(item, _RawTable):
                regridded = (continue_regridded(last_table.tables[-1], item.grid)
                             if first and last_table is not None
                             and not last_table.continued_by(page, item)
                             and last_table.adjoins(page, item) else None)
                if regridded is not None and last_table is not None:
                    # The same table on the next page, drawn with other columns.
                    tables = last_table.tables
                    pages_of = last_table.pages[:-1]
                    del blocks[len(blocks) - len(tables):]
                    tables = tables[:-1] + regridded
                    pages_of += [last_table.pages[-1]] + [page.number] * (len(regridded) - 1)
                elif last_table is not None and (
                        (first and last_table.continued_by(page, item))
                        or (page.converted and last_table.goes_on(page, item))):
                    # Replace the blocks of the open table with the continued version.
                    tables = last_table.tables
                    pages_of = last_table.pages[:-1]
                    del blocks[len(blocks) - len(tables):]
                    more = continue_table(tables[-1], item.grid)
                    # A block the continuation starts (a 2016年末 header) is on this page, and
                    # so are the rows of a header left alone at the foot of the last one.
                    opened = last_table.pages[-1] if tables[-1].rows else page.number
                    tables = tables[:-1] + more
                    pages_of += [opened] + [page.number] * (len(more) - 1)
                else:
                    release()
                    above = _above(page, item)
                    if first and "单位" not in above and "單位" not in above:
                        above = _foot_caption(blocks, page.number) + above
                    section = next((b.text for b in reversed(blocks) if b.kind == "heading"), "")
                    tables = build_tables(item.grid, above, default_unit, section)
                    tables = _statement_goes_on(blocks, page.number, tables)
                    pages_of = [page.number] * len(tables)
                for t, number in zip(tables, pages_of, strict=True):
                    blocks.append(Block("table", number, t.caption, 0, t))
                release()  # the items held above a continuation, after it
                last_table = _OpenTable(tables, page.number, item.x0, item.x1, pages_of,
                                        max(len(r) for r in item.grid))
                previous = None
                first = False
                continue
            line = item
            text = LEADER_RE.sub("", line.text).strip()
            if not text:
                continue
            if para is None and last_table is not None and blocks and blocks[-1].kind == "table" \
                    and blocks[-1].page == page.number and _row_below(line, last_table.ncols):
                # "每股盈利－基本 10 16.5港仙 16.9港仙" set below the ruled statement, in its
                # columns: the statement's last rows.
                table = blocks[-1].table
                assert table is not None
                grown = dataclasses.replace(
                    table, rows=[*table.rows, [clean_cell(c) for c in line.cells]])
                blocks[-1] = dataclasses.replace(blocks[-1], table=grown)
                last_table.tables[-1] = grown
                continue
            level = heading_level(text)
            if len(line.cells) >= 3 or sum(bool(re.search(r"\d", c)) for c in line.cells) >= 2:
                level = 0  # a row of figures or column names, not a heading
            elif not level and _looks_like_heading(line, body, text):
                level = 2
            if not level and page.converted and last_table is not None and para is None \
                    and _item_label(text):
                held.append((page.number, text))
                continue
            if held:
                release()
            if level:
                flush()
                blocks.append(Block("heading", page.number, text, level))
                previous = None
                first = False
                last_table = None
                continue
            left, right = page.bounds.get(column, (line.x0, line.x1))
            if para is not None and previous is None and first and para.open:
                # A paragraph left open at the end of the previous page goes on here.
                para.lines.append(text)
            elif para is not None and previous is not None and not _breaks(
                previous, line, left, right, page.gaps.get(column, 0.0)
            ):
                para.lines.append(text)
            else:
                flush()
                para = _Para(page.number, [text])
            last_table = None
            previous = line
            first = False
        if para is not None and previous is not None:
            left, right = page.bounds.get(previous.column, (previous.x0, previous.x1))
            para.open = (previous.text[-1] not in SENTENCE_END
                         and previous.x1 >= (previous.right or right) - 2 * max(previous.size, 1))
            if not para.open:
                flush()
        elif para is not None:
            flush()
    release()
    return blocks


def _statement_goes_on(blocks: list[Block], page: int, tables: list[Table]) -> list[Table]:
    """A statement broken by rows without figures (应收保费 / 应收分保账款 / …) into pieces
    under the same column names: a piece without a unit or a label column's name of its own
    (its names taken from the piece above, _lift_text_tables) is the statement's, in its
    unit and under its caption."""
    last = next((b for b in reversed(blocks) if b.kind == "table"), None)
    if (not tables or last is None or last.table is None or last.page not in (page, page - 1)
            or not last.table.unit or tables[0].unit or not tables[0].header):
        return tables
    if not tables[0].header[0] and tables[0].header[1:] == last.table.header[1:]:
        first = dataclasses.replace(tables[0], unit=last.table.unit, caption=last.table.caption)
        return [first, *tables[1:]]
    years = _years(tables[0].header)
    if last.page == page and any(years) and years == _years(last.table.header):
        # The year-end block of a key-figures table (2022年末 | 2021年末 under 2022年 | 2021年).
        return [dataclasses.replace(tables[0], unit=last.table.unit), *tables[1:]]
    return tables


def _years(header: list[str]) -> list[str]:
    return ["".join(re.findall(r"(?:19|20)\d{2}", name)) for name in header]


def _foot_caption(blocks: list[Block], page: int) -> str:
    """The caption a table first on its page left at the foot of the page before ("合并利润表 /
    2025年1—12月 / 单位：元 币种：人民币", the statement itself overleaf): the lines after the
    last table there, when they say the unit; else nothing."""
    tail: list[str] = []
    for block in reversed(blocks):
        if block.kind == "table" or block.page != page - 1 or len(tail) == 4:
            break
        tail.insert(0, block.text)
    text = "\n".join(tail)
    return text + "\n" if tail and unit_of(text) else ""


def _above(page: _Page, table: _RawTable) -> str:
    """The last lines above ``table`` and below anything else (a table) in its column: its
    caption and "单位：…" line."""
    floor = max((t.bottom for t in page.tables if t.column == table.column
                 and t.bottom <= table.top), default=0.0)
    lines = [ln.text for ln in page.lines if ln.column == table.column
             and floor <= ln.top and ln.bottom <= table.top + 1]
    return "\n".join(lines[-4:])


@dataclass
class _OpenTable:
    """The table(s) that ended the last page, which the next page may continue."""

    tables: list[Table]
    page: int
    x0: float
    x1: float
    pages: list[int]  # where each table started: its rows are cited there
    ncols: int  # the raw grid's columns (a table may merge some: indented labels)

    def adjoins(self, page: _Page, item: _RawTable) -> bool:
        """The next page starts with a table as wide as this one."""
        return (self.page == page.number - 1 and abs(self.x0 - item.x0) < 8
                and abs(self.x1 - item.x1) < 8)

    def goes_on(self, page: _Page, item: _RawTable) -> bool:
        """Further down the same page, a run of rows without a header of its own and of as
        many columns: the same statement, broken by items without figures."""
        return self.page == page.number and _headless(item) and self._as_wide(item)

    def continued_by(self, page: _Page, item: _RawTable) -> bool:
        """The next page starts with a table of the same width and number of columns, or of
        the same number of columns and no header of its own (a converted text lays each page's
        columns out afresh)."""
        return (
            self.page == page.number - 1
            and (_headless(item) or (abs(self.x0 - item.x0) < 8 and abs(self.x1 - item.x1) < 8))
            and self._as_wide(item)
        )

    def _as_wide(self, item: _RawTable) -> bool:
        return self.ncols == max(len(r) for r in item.grid)


def _headless(item: _RawTable) -> bool:
    """The table's first row with anything beside its label has figures: no header of its
    own."""
    filled = next((r for r in item.grid if any(c for c in r[1:])), None)
    return filled is not None and any(is_figure(clean_cell(c)) for c in filled[1:] if c)


def _row_below(line: _Line, width: int) -> bool:
    """A line in a table's columns: a label, then figures (16.5港仙), note numbers or dashes
    only, one at least beside the note (股息 9 － －: nil)."""
    cells = [c.strip() for c in line.cells]
    if len(cells) != width or width < 3 or not re.search(r"[\u3400-\u9fff]", cells[0]) \
            or is_figure(clean_cell(cells[0])):
        return False
    note = r"\d{1,2}(?:\([a-z]\))?"
    value = r"[(（]?-?[\d,]*\d(?:\.\d+)?[)）]?\s*(?:港仙|仙|港元|元|%)?|[－—–-]+"
    return all(not c or re.fullmatch(f"{value}|{note}", c) for c in cells[1:]) \
        and any(c and not re.fullmatch(note, c) for c in cells[1:])


def _item_label(text: str) -> bool:
    """A statement's item name (or a few run together) on a line of its own, or a short row a
    converter broke (-633,023.52 的投资收益): no sentence, no numbering."""
    return (len(text) <= 60 and not re.search(r"[。；;，？?！!]|,(?!\d)", text)
            and not heading_level(text)
            and (not re.search(r"\d", text) or bool(re.match(r"[-−(（]?\d", text))))


def _looks_like_heading(line: _Line, body: float, text: str) -> bool:
    """Bold or larger type on a short line that does not end a sentence."""
    if len(text) > 30 or text[-1] in "。；;，,：:" or not re.search(r"[\u4e00-\u9fff]", text):
        return False
    if re.fullmatch(r"[\d\s.,%()（）\-]+", text) or _FIGURES_RE.search(text):
        return False  # a row of figures in type as bold as a heading
    return (body > 0 and line.size >= body * 1.2) or line.bold


def _breaks(previous: _Line, line: _Line, left: float, right: float, gap: float) -> bool:
    """True when ``line`` starts a new paragraph after ``previous``; ``gap`` is the page's
    usual space between lines (wide in 1.5-spaced reports)."""
    size = max(previous.size, line.size, 1.0)
    if len(previous.cells) > 1 or len(line.cells) > 1:
        return True  # cells apart on one line are tabular, never running text
    if line.column != previous.column:
        # The top of the next column: a paragraph goes on only if the last line was full.
        return previous.text[-1] in SENTENCE_END or previous.x1 < previous.right - 2 * size
    if line.top - previous.bottom > gap + 0.6 * size:
        return True  # a blank line's gap
    if previous.x1 < (previous.right or right) - 2 * size:
        return True  # the previous line stopped short: its paragraph ended
    return line.x0 > left + 1.5 * size and previous.text[-1] in SENTENCE_END
