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
import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bs4 import BeautifulSoup

from knowledge.markdown import cells as pipe_cells
from knowledge.readers.html import table_grid
from knowledge.readers.lines import SENTENCE_END, heading_level, is_cjk, squeeze
from knowledge.readers.model import Block, Document, ReadError, Table
from knowledge.readers.pdf import (
    _VALUE_RE,
    SYMBOLS,
    _assemble,
    _key,
    _lift_text_tables,
    _Line,
    _Page,
    _RawTable,
    _text_tables,
    drop_furniture,
)
from knowledge.readers.pdf import _values as _line_values
from knowledge.readers.tables import (
    PERIOD_RE,
    _is_header_row,
    clean_cell,
    is_figure,
    unit_of,
)

# Points per character column, type size and line height, in the PDF reader's terms: an indent
# of two characters starts a paragraph, a line ending three short of the others ends one, and
# figures within three columns of each other (pdftotext places them to a column or two) are one
# column of a table.
CHAR = 4.0
SIZE = 5.0  # a Markdown heading is set larger
ROW = 6.0
MARGIN_SPAN = 60.0  # a page's least height from its first line's top to its last line's
_CELL_RE = re.compile(r"\S+(?: \S+)*")  # cells are two or more spaces apart
_PIPE_SEPARATOR_RE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_EMPHASIS_RE = re.compile(r"\*\*|__")
# Columns of figures set one space apart: the first at _SLOT0 (past a row label's usual
# width), each _SLOT wide, the figures right-aligned in them as a statement sets them.
_SLOT0 = 70
_SLOT = 18
_NOTE_REF_RE = re.compile(r"^\d{1,2}(?:\(\w\))?$")
_PAREN_SPACE_RE = re.compile(r"([(（]\s*[-−]?\d[\d,.]*)\s+([)）])")  # "(172,822 )"
_COLUMN_TOKEN_RE = re.compile(
    r"^(?:(?:19|20)\d{2}年?(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}至\d{1,2}月|\d{1,2}月\d{1,2}日"
    r"|[（(][^()（）\s]{1,8}[)）]|[一二三四五六七八九〇零○]{4}年"
    r"|(?:人民币|人民幣|港币|港幣)?(?:千|百万|百萬|万|萬|亿|億)?(?:元|港元|美元)|附[註注]|Notes?)$"
)
_NOTE_WORD_RE = re.compile(r"^(?:附[註注]|Notes?)$")
_PAGE_NUMBER_RE = re.compile(r"^\s*(?:\|\s*)?[-–—]?\s*(\d{1,4})\s*[-–—]?\s*(?:\|\s*)?$")
# A space a Markdown converter set between a figure and its unit or date word ("2012 年",
# "0.61 億港元", "23,388 個"): the PDF shows them as one word.
_UNIT_SPACE_RE = re.compile(
    r"(?<=\d)(?:\*\*|__)?[ \u00a0]+(?=(?:\*\*|__)?[年月日個个億亿萬万%％元百千港美股倍户戶名])")
# And around a list number's mark or inside full-width brackets ("1 、概述", "（ 于… ）").
_SPACED_MARK_RE = re.compile(
    r"(?<=\d)(?:\*\*|__)?[ \u00a0]+(?=、)|(?<=（)[ \u00a0]+|[ \u00a0]+(?=）)"
    r"|(?<=\d)[ \u00a0]+(?=至[ \u00a0]*\d)|(?<=\d至)[ \u00a0]+(?=\d)")  # "1 至 3月"
# A converter's space inside a date ("2024 年 8 月 5 日"): the PDF's text says 2024年8月5日.
# A small number pdftotext set apart inside Chinese words: "每 10 股派息数", "前 10 名股东".
_SMALL_NUMBER_RE = re.compile(r"(?<=[\u4e00-\u9fff]) (\d{1,3}) (?=[\u4e00-\u9fff])")
_DATE_SPACE_RE = re.compile(r"(?<=\d) (?=[年月日至])|(?<=\d[年月至]) (?=\d)")
# A sidebar's vertical title a converter spread over the lines, one letter at a line's start or
# end ("E 本集團於…", "…亦提升中t", a line "C"): not the report's words. A share class
# ("A 股", "H股") stays.
_SIDEBAR_RE = re.compile(r"(?m)^([ \t]*)[A-Za-z] (?=[\u4e00-\u9fff])(?!股)"
                         r"|(?<=[\u4e00-\u9fff])[a-z](?=[ \t]*$)|^[ \t]*[A-Za-z][ \t]*\n")
_IMAGE_RE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK_RE = re.compile(r"(?<!!)\[([^\]\n]+)\]\((?:https?:|mailto:|www\.)[^)\n]*\)")
_MATH_RE = re.compile(r"\$\s*([-+−]?\s*\d[\d\s.,]*(?:\\?%)?)\s*\$")
_NUMBERED_RE = re.compile(
    r"^(?:\d{1,2}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)\S")
_MONTHS_RE = re.compile(r"^\d{1,2}、\d{1,2}(?!\d)|^[一二三四]、[一二三四]")  # 1、2月; 一、二季度
_BOLD_LINE_RE = re.compile(r"^(?:\*\*|__)(.+)(?:\*\*|__)$")
_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_PLACEHOLDER_RE = re.compile(r"Col\d+")  # pymupdf4llm's name for a merged header cell
_HTML_TABLE_RE = re.compile(r"<table\b", re.IGNORECASE)
_HTML_TABLE_END_RE = re.compile(r"</table\s*>", re.IGNORECASE)
_HAN_RE = re.compile(r"[\u3400-\u9fff]")
_SENTENCE_RE = re.compile(r"[。；;，,：:]")
_JOINS = "的之及和与與或、"  # a label's line does not end, nor its next line start, with these


@dataclass
class _Row:
    """One line of text: its cells and their first and last character column."""

    cells: list[tuple[str, int, int]]
    size: float = SIZE

    @property
    def text(self) -> str:
        return " ".join(c for c, _, _ in self.cells)


_CHECK_MARKS = str.maketrans(SYMBOLS)


def read_text(name: str, raw: str, fmt: str = "txt") -> Document:
    """A converted report as a Document; pages split at form feeds, or where none are, before
    each running header."""
    raw = _SIDEBAR_RE.sub(lambda m: " " * len(m.group(0)) if m.group(1) is not None else "",
                          raw.replace("\r\n", "\n"))
    raw = raw.translate(_CHECK_MARKS)  # "□是 \uf052否" of pdftotext: the box is checked
    if fmt == "md":
        raw = _UNIT_SPACE_RE.sub("", _single_spaced(_inline(raw)))
        raw = _SPACED_MARK_RE.sub("", _SPACED_MARK_RE.sub("", raw))  # "1 至 3月": twice
    texts = raw.split("\f") if "\f" in raw else _pages_by_headers(raw)
    if len(texts) > 1 and not texts[-1].strip():
        texts.pop()
    if not any(t.strip() for t in texts):
        raise ReadError("the file holds no text")
    pages = [_page(number, text, fmt == "md") for number, text in enumerate(texts, 1)]
    # Furniture goes first, as the PDF reader's happens before its tables: a running header
    # just above a statement would otherwise read as the label of its first row.
    first_top = min((ln.top for ln in pages[0].lines), default=0.0)
    cover = [ln for ln in pages[0].lines if ln.size > SIZE and ln.top > first_top]
    dropped = drop_furniture(pages)
    # The title on the cover ("2021年年度报告") is every later page's running header too: on
    # the cover, below its first line (where a running header stands), it stays, as it names
    # the report.
    kept = {id(ln) for ln in pages[0].lines}
    pages[0].lines = sorted(pages[0].lines + [ln for ln in cover if id(ln) not in kept
                                              and not _MD_HEADING_RE.match(ln.text)],
                            key=lambda ln: ln.top)
    _carry_column_names(pages)
    for page in pages:
        page.lines = _text_tables(page.lines, converted=True)
        _lift_text_tables(page, converted=True)
    doc = _assemble(name, pages)
    return dataclasses.replace(doc, format=fmt, blocks=_join_tables(doc.blocks),
                               dropped=dropped + doc.dropped)


def _carry_column_names(pages: list[_Page]) -> None:
    """A statement's column names (科目 本期数 上年同期数 变动比例) and unit ending a page
    whose rows all stand on the next: they go to the top of the next page, over the rows."""
    for page, after in itertools.pairwise(pages):
        if not page.lines or not after.lines or not _line_values(after.lines[0]):
            continue
        names = page.lines[-1]
        if _line_values(names) or len(names.cells) < 3 or sum(
                1 for c in names.cells if PERIOD_RE.search(c)) < 2:
            continue
        moved = [names]
        if len(page.lines) >= 2 and unit_of(page.lines[-2].text):
            moved.insert(0, page.lines[-2])
        del page.lines[-len(moved):]
        top, shift = after.lines[0].top, len(moved) * ROW
        for line in after.lines:
            line.top, line.bottom = line.top + shift, line.bottom + shift
        for k, line in enumerate(moved):
            line.top, line.bottom = top + k * ROW, top + k * ROW + line.size
        after.lines[:0] = moved
        after.height += shift


def _inline(raw: str) -> str:
    """Markdown's inline marks a converter adds around a report's text taken off: images
    (a scanned chart, "![](images/1.jpg)"), links ("[中國安芯控股有限](http://…)"), a figure
    written as math (MinerU's "$1.09\\%$")."""
    raw = _IMAGE_RE.sub("", raw)
    raw = _LINK_RE.sub(r"\1", raw)
    return _MATH_RE.sub(lambda m: re.sub(r"\\(?=[%,])|\s+", "", m.group(1)), raw)


def _single_spaced(raw: str) -> str:
    """Markdown whose converter put a blank line after most lines of text (pymupdf4llm writes
    each line of a PDF's text block as a paragraph of its own) without those blank lines
    between lines of text: there they mark no paragraph's end, the lines' widths do (as in
    the PDF). Other Markdown as it is."""
    lines = raw.split("\n")
    plain = [k for k, ln in enumerate(lines) if ln.strip() and not _marked(ln)]
    blank_after = sum(1 for k in plain if k + 1 < len(lines) and not lines[k + 1].strip())
    if len(plain) < 20 or blank_after * 2 < len(plain):
        return raw
    out: list[str] = []
    for k, line in enumerate(lines):
        if not line.strip() and out and out[-1].strip() and not _marked(out[-1]):
            after = next((x for x in lines[k + 1:] if x.strip()), "")
            if after and not _marked(after):
                continue
        if not line.strip() and out and not out[-1].strip():
            continue  # blank lines in a row are one
        out.append(line)
    return "\n".join(out)


def _marked(line: str) -> bool:
    """A Markdown table row, heading or HTML block: never joined to text."""
    return line.lstrip().startswith(("|", "#", "<"))


def laid_out(raw: str) -> bool:
    """True for text converted from a paged report: form feeds between pages, a running
    header repeated page after page, prose cut at the page's width, HTML tables of figures
    (MinerU), or rows of figures aligned by spaces ("营业收入  592,183,264.90  674,880,017.98").
    """
    if "\f" in raw or _running_lines(raw.splitlines()) or _wrapped_prose(raw.splitlines()):
        return True
    if _HTML_TABLE_RE.search(raw) and re.search(r"<td\b[^>]*>\s*[-+(]?\d[\d,]*\.?\d*", raw):
        return True  # a converter's HTML tables of figures in Markdown (MinerU)
    rows = 0
    for line in raw.splitlines():
        cells = _CELL_RE.findall(line)
        if len(cells) >= 3 and sum(1 for c in cells if _VALUE_RE.match(c)) >= 2:
            rows += 1
            if rows >= 5:
                return True
    return False


def _wrapped_prose(lines: list[str]) -> bool:
    """True for prose cut into lines at a page's width, as every converter of a PDF leaves it:
    many long lines of Chinese end mid-sentence (no punctuation) with the sentence going on
    in the next line. Written text ends its lines, or its paragraphs, with punctuation."""
    text = [ln.strip() for ln in lines if ln.strip()]
    prose = 0
    widths: list[int] = []  # of the lines cut mid-sentence
    for line, after in itertools.pairwise(text):
        if len(line) < 15 or len(_HAN_RE.findall(line)) < 8 or line.startswith(("|", "#", "<")):
            continue
        prose += 1
        if (_HAN_RE.match(line[-1]) or line[-1].isalnum()) and (
                _HAN_RE.match(after[0]) or after[0].isalnum()):
            widths.append(_width(line))
    if len(widths) < 8 or len(widths) * 3 < prose:
        return False
    # Cut at the page's width: most such lines are about as wide as the widest (a list of
    # words, one group a line, is not).
    full = sorted(widths)[len(widths) * 3 // 4]
    return sum(1 for w in widths if w >= full - 6) * 2 >= len(widths)


def _running_lines(lines: list[str]) -> set[str]:
    """Keys (digits as #) of the short lines a converter repeated from every page's margin:
    the most frequent one, on at least one line in 150, and those nearly as frequent (the
    running headers of odd and even pages)."""
    counts = Counter(_key(ln) for ln in lines if len(ln.strip()) <= 40
                     and len(_HAN_RE.findall(ln)) >= 4  # not a column's "2020年"
                     and not _column_names(ln)  # nor a statement's "二零二五年 二零二四年"
                     and not ln.lstrip().startswith(("|", "#")))
    if not counts:
        return set()
    top = counts.most_common(1)[0][1]
    if top < max(5, len(lines) / 150):
        return set()
    return {k for k, n in counts.items() if n >= 0.4 * top}


def _pages_by_headers(raw: str) -> list[str]:
    """Text without form feeds cut into pages after each page number, or where there are
    none before each running header (so furniture and look-alike pages are judged page by
    page, as a PDF's); one page when there is neither. A page's running lines are one header:
    lines repeated at the top of every page do not each start a page."""
    lines = raw.split("\n")
    numbers = _page_numbers(lines)
    # Page numbers mark every page's end; lines repeated often are looked at only without
    # them (a statement's "持續經營業務" on many pages is no running header).
    running = set() if numbers else _running_lines(lines) or _interrupting_lines(lines)
    pages: list[list[str]] = [[]]
    head = True  # the page so far holds running lines only
    for k, line in enumerate(lines):
        if _key(line) in running:
            if not head:
                pages.append([])
                head = True
        elif line.strip():
            head = False
        pages[-1].append(line)
        if k in numbers:
            pages.append([])
            head = True
    return ["\n".join(p) for p in pages if any(x.strip() for x in p)] or [raw]


def _interrupting_lines(lines: list[str]) -> set[str]:
    """Keys of short lines repeated in a text that cut a sentence in two ("…加上向英飛尼" /
    "中國安芯公佈2012年全年業績" / "迪計提的…"): a page's running header between the page's
    last line and the next page's first, in a report too short for _running_lines (only
    looked for when that finds none)."""
    text = [ln.strip() for ln in lines if ln.strip()]
    counts = Counter(_key(ln) for ln in text if len(ln) <= 40 and len(_HAN_RE.findall(ln)) >= 4
                     and not _marked(ln))
    out = set()
    for before, line, after in zip(text, text[1:], text[2:], strict=False):
        key = _key(line)
        if counts.get(key, 0) >= 2 and key not in out and not _marked(before) \
                and not _marked(after) and len(before) >= 20 and (
                    _HAN_RE.match(before[-1]) or before[-1].isalnum()) and (
                    _HAN_RE.match(after[0]) or after[0].isalnum()):
            out.add(key)
    return out


def _page_numbers(lines: list[str]) -> set[int]:
    """Indexes of the lines that are page numbers: a number alone on its line (or in a
    one-cell table, as a converter that found it ruled writes it), each one to three more
    than the one before; none unless there are at least three."""
    found: list[int] = []
    last = 0
    for k, line in enumerate(lines):
        m = _PAGE_NUMBER_RE.match(line)
        if m and (0 < int(m.group(1)) - last <= 3 or (not found and int(m.group(1)) <= 10)):
            found.append(k)
            last = int(m.group(1))
    return set(found) if len(found) >= 3 else set()


def _page(number: int, text: str, markdown: bool = False) -> _Page:
    rows: list[_Row | None] = []  # None: a blank line (it keeps its height)
    tables: list[tuple[int, int, list[list[str | None]]]] = []  # first row, last row, grid
    lines = text.expandtabs(4).split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        grids: list[list[list[str | None]]] = []
        start = len(rows)
        if line.lstrip().startswith("|"):
            block = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                block.append(lines[i])
                rows.append(None)
                i += 1
            titles, grid = _pipe_grid(block)
            for title in titles:
                rows[start] = _Row([(title, 0, _width(title))])
                start += 1
            grids = [grid]
        elif (opening := _HTML_TABLE_RE.search(line)) and any(
                _HTML_TABLE_END_RE.search(x) for x in lines[i:i + 500]):
            before = line[:opening.start()]
            if before.strip():  # text the converter set on the table's line
                rows.append(_row(re.sub(r"<[^>]+>", "", before)))
                start = len(rows)
            block = []
            while i < len(lines) and (not block or not _HTML_TABLE_END_RE.search(block[-1])):
                block.append(lines[i])
                rows.append(None)
                i += 1
            grids = _html_grids("\n".join(block))
        else:
            rows.append(_row(line))
            i += 1
            continue
        for grid in grids:
            if grid and max(len(r) for r in grid) == 1:
                # One column is no table: a box around text (a highlight, a note) or a page
                # number a converter found ruled; its lines are read as the page's lines.
                rows.extend(_Row([(text, 0, _width(text))]) for r in grid for cell in r
                            if cell for text in cell.split("\n") if text.strip())
            elif grid:
                tables.append((start, len(rows) - 1, grid))
    _second_pairs(rows)
    _rejoin_labels(rows)
    _rejoin_wrapped(rows)
    _indented_labels(rows)
    _float_columns(rows)
    _merge_headers(rows)
    if number == 1:
        _cover(rows)
    _statement_titles(rows)
    if markdown:
        _standalone_headings(rows)
        _indented_firsts(rows)
    width = max([c[2] for r in rows if r for c in r.cells] + [1]) * CHAR
    used = [k for k, r in enumerate(rows) if r is not None and r.cells]
    used += [k for a, b, _ in tables for k in (a, b)]
    first, last = (min(used), max(used)) if used else (0, 0)
    # The page spans its first line to its last, tall enough that both lie in the PDF
    # reader's margins (where running headers and page numbers are looked for) however few
    # lines the page has.
    step = max(ROW, MARGIN_SPAN / max(last - first, 1))
    page_lines = []
    for k, row in enumerate(rows):
        if row is None or not row.cells:
            continue
        x0, x1 = row.cells[0][1] * CHAR, row.cells[-1][2] * CHAR
        top = (k - first) * step
        page_lines.append(_Line(
            squeeze(row.text), x0, x1, top, top + row.size, row.size, False, 0,
            [squeeze(c) for c, _, _ in row.cells], [(a * CHAR, b * CHAR) for _, a, b in row.cells],
        ))
    return _Page(number, width, (last - first) * step + SIZE, page_lines,
                 [_RawTable(grid, 0.0, width, (a - first) * step, (b - first) * step + SIZE)
                  for a, b, grid in tables if grid],
                 sum(len(ln.text) for ln in page_lines) + len(tables), 0, converted=True)


def _pipe_grid(lines: list[str]) -> tuple[list[str], list[list[str | None]]]:
    """A Markdown pipe table's grid, what converters write undone: ``<br>`` is a line break in
    its cell, a header cell that spans columns (an empty cell, or pymupdf4llm's "Col4", next to
    a column name over a second header row) covers them as the PDF's merged cell does, and a
    row whose cells each hold the same number of figures joined by spaces (a box drawn around
    several rows: "毛利 净利润 | 716,955 547,825") is that many rows. A title row across
    the whole table ("|財務亮點|Col2|Col3|Col4|") is its caption: (titles, grid)."""
    grid: list[list[str | None]] = []
    for line in lines:
        if _PIPE_SEPARATOR_RE.match(line.strip()):
            continue
        grid.append([_unjoined(c) for c in pipe_cells(_BR_RE.sub("\n", line))] or [""])
    titles: list[str] = []
    while len(grid) > 2 and len(grid[0]) > 1:
        named = [c for c in grid[0] if c and not _PLACEHOLDER_RE.fullmatch(c)]
        if (len(named) == 1 and named[0] == grid[0][0]) or (
                named and all("单位" in c and unit_of(c) for c in named)):
            titles.extend(named)  # a title across the table, or its unit ("单位：人民币百万元")
            grid.pop(0)
        else:
            break
    if not grid:
        return titles, grid
    ncols = max(len(r) for r in grid)
    grid = [r + [""] * (ncols - len(r)) for r in grid]
    heads = 0
    while heads < min(4, len(grid)) and _is_header_row(
            [clean_cell(c) for c in grid[heads]], heads == 0, ncols):
        heads += 1
    if heads:
        grid, ncols = _realigned(grid, heads)
    for r in range(heads):
        row = grid[r]
        for k, cell in enumerate(row):
            if cell is not None and _PLACEHOLDER_RE.fullmatch(cell):
                row[k] = None if k else ""
        if r + 1 < heads:
            below = grid[r + 1]
            for k in range(1, ncols):
                if row[k] == "" and below[k] and row[k - 1] != "":
                    row[k] = None
    return titles, grid[:heads] + _mended([_unjoined_row(r) for r in grid[heads:]])


def _realigned(grid: list[list[str | None]], heads: int
               ) -> tuple[list[list[str | None]], int]:
    """The grid without the columns a converter left empty in every row, and with a column
    name written one column off its figures (a header cell "本报告期比上年同期" beside the
    column of 47.23% that has no name) moved onto them."""
    ncols = len(grid[0])
    kept = [k for k in range(ncols) if any(row[k] for row in grid)]
    if not kept:
        return grid, ncols
    grid = [[row[k] for k in kept] for row in grid]
    ncols = len(kept)

    def named(k: int) -> bool:
        return any(grid[r][k] for r in range(heads))

    def filled(k: int) -> bool:
        # "—" under a column name is its nil, not a figure of its own.
        return any(row[k] and clean_cell(row[k]) not in ("—", "-", "–", "--")
                   for row in grid[heads:])

    k = 1
    while k < ncols:
        if named(k) and not filled(k):
            target = next((j for j in (k - 1, k + 1) if 0 < j < ncols
                           and filled(j) and not named(j)), None)
            if target is not None:
                for r in range(heads):
                    grid[r][target] = grid[r][k]
                grid = [row[:k] + row[k + 1:] for row in grid]
                ncols -= 1
                continue
        k += 1
    return grid, ncols


def _mended(rows: list[list[str | None]]) -> list[list[str | None]]:
    """One row of the PDF that the converter cut into several where a label wraps: the
    label's start with some figures, a row of the other figures without a label, the
    label's rest alone ("归属于…净利润 | 61,155,890.58 | 114,396,010.54 | |" /
    "| | | -46.54% | 60,509,581.78" / "（元）"). Rows are joined while their cells do not
    overlap; an empty row ends a row."""
    out: list[list[str | None]] = []
    joined = False  # out[-1] took a row below it
    for row in rows:
        cells = [c or "" for c in row]
        if not any(cells):
            joined = False
            continue
        last = [c or "" for c in out[-1]] if out else []
        overlap = any(a and b for a, b in zip(last[1:], cells[1:], strict=False))
        figures = any(_VALUE_RE.match(c) for c in cells[1:] if c)
        if last and last[0] and not cells[0] and figures and not overlap:
            out[-1] = [a or b for a, b in zip(last, cells, strict=False)]
            joined = True
            continue
        if last and last[0] and cells[0] and not any(cells[1:]) and ((joined and (
                cells[0][0] in "（(" or not any(_VALUE_RE.match(c) for c in last[1:] if c)
                or len(last[0]) >= 10)) or cells[0][0] in "的之及和与"):
            # "归属于上市公司股东" over "的净利润（元）": a label cannot start with 的.
            out[-1] = [last[0] + cells[0], *out[-1][1:]]
            continue
        out.append(list(row))
        joined = False
    return out


def _unjoined(cell: str) -> str:
    return "\n".join(part.strip() for part in cell.split("\n") if part.strip())


def _unjoined_row(row: list[str | None]) -> list[str | None]:
    """A row of cells joined from several rows by spaces, as lines of each cell (the table
    reader then splits them into rows); other rows as they are."""
    counts = set()
    for cell in row[1:]:
        if not cell:
            continue
        parts = cell.split()
        if not all(is_figure(clean_cell(p)) for p in parts):
            return row
        counts.add(len(parts))
    if len(counts) != 1 or (n := counts.pop()) < 2:
        return row
    if row[0] and len(row[0].split()) != n:
        return row
    return ["\n".join(c.split()) if c else c for c in row]


def _html_grids(html: str) -> list[list[list[str | None]]]:
    """The grids of the ``<table>`` elements in a block of HTML within Markdown."""
    soup = BeautifulSoup(html, "html.parser")
    return [table_grid(t) for t in soup.find_all("table")
            if not t.find_parent("table")]


def _row(line: str) -> _Row | None:
    if not line.strip():
        return None
    m = _MD_HEADING_RE.match(line.strip())
    if m:  # a Markdown heading: set larger, as a PDF's heading is
        start = len(line) - len(line.lstrip())
        text = _EMPHASIS_RE.sub("", m.group(2))
        return _Row([(text, start, start + _width(text))], SIZE * 1.4)
    bold = _BOLD_LINE_RE.match(line.strip())
    line = _EMPHASIS_RE.sub("", line)
    if bold:
        # A short line all in bold is a heading, as pymupdf4llm marks a PDF's bold headings
        # ("**第二章** **会计数据和财务指标摘要**"); not a bold column name ("**2021年**").
        text = squeeze(line.strip())
        if (len(text) <= 30 and text[-1] not in SENTENCE_END + "，,、" and len(
                _HAN_RE.findall(text)) >= 3 and not _period_name(text)):
            start = len(line) - len(line.lstrip())
            return _Row([(text, start, start + _width(text))], SIZE * 1.2)
    found = [(m.group(), m.start()) for m in _CELL_RE.finditer(line)]
    if len(found) > 1:  # a laid-out line: its cells two or more spaces apart
        found = [part for cell in found for part in _figures_apart(*cell)]
    cells = [(_SMALL_NUMBER_RE.sub(r"\1", _DATE_SPACE_RE.sub("", _DATE_SPACE_RE.sub("", text))),
              start, start + _width(text)) for text, start in found]
    if len(cells) == 1:
        return _slotted(cells[0][0], cells[0][1]) or _Row(cells)
    return _Row(cells)


def _figures_apart(text: str, start: int) -> list[tuple[str, int]]:
    """A cell of figures one space apart ("8.49 668,180,334.76", columns set tight) is a
    cell per figure: (text, where it starts)."""
    if _BRACKETED_RE.fullmatch(text) and _BETWEEN_BRACKETS_RE.search(text):
        # Column names one space apart: "（7-9 月份） （10-12 月份）".
        parts = list(re.finditer(r"[(（][^()（）]+[)）]", text))
        return [(m.group(), start + m.start()) for m in parts]
    tokens = list(re.finditer(r"\S+", text))
    if len(tokens) < 2 or not all(_VALUE_RE.match(t.group()) for t in tokens) or not any(
            re.search(r"\d", t.group()) for t in tokens):
        return [(text, start)]
    return [(t.group(), start + t.start()) for t in tokens]


_BRACKETED_RE = re.compile(r"(?:[(（][^()（）]{1,14}[)）]\s*)+")
_BETWEEN_BRACKETS_RE = re.compile(r"[)）]\s+[(（]")


def _float_columns(rows: list[_Row | None]) -> None:
    """A column of a statement that a converter took for a table of its own (a shaded
    column, the current year's: "2021年" over its figures, one a line, set before the other
    columns' rows) goes back into the statement below it, as its first column of figures:
    its k-th figure into the k-th row that has figures, when both count the same."""
    k = 0
    while k < len(rows):
        head = rows[k]
        if head is None or len(head.cells) != 1 or not _period_name(head.cells[0][0]):
            k += 1
            continue
        figures: list[int] = []
        j = k + 1
        while j < len(rows):
            row = rows[j]
            if row is not None and (len(row.cells) != 1 or not _VALUE_RE.match(row.cells[0][0])):
                break
            if row is not None:
                figures.append(j)
            j += 1
        statement: list[int] = []
        header: int | None = None
        for m in range(j, len(rows)):
            row = rows[m]
            if row is None or not row.cells:
                continue
            if len(row.cells) == 1 and _period_name(row.cells[0][0]):
                break  # the next floating column
            slotted = [c for c in row.cells if c[1] >= _SLOT0 - 4 and (c[2] - _SLOT0) % _SLOT == 0]
            if slotted and _values(row):
                statement.append(m)
            elif slotted and header is None and not statement:
                header = m
        if len(figures) < 3 or len(figures) != len(statement):
            k = j
            continue
        others = max(sum(1 for c in r.cells if c[1] >= _SLOT0 - 2)
                     for m in statement if (r := rows[m]) is not None)
        names = _other_names(rows, j, statement[0], others) if header is None else []
        for f, m in zip(figures, statement, strict=True):
            row = rows[m]
            assert row is not None
            value = rows[f].cells[0][0]  # type: ignore[union-attr]
            rows[f] = None
            _shift(row)
            row.cells.insert(1 if row.cells[0][1] < _SLOT0 - 6 else 0,
                             (value, _SLOT0 + _SLOT - len(value), _SLOT0 + _SLOT))
            row.cells.sort(key=lambda c: c[1])
        name = head.cells[0][0]
        if header is not None and (above := rows[header]) is not None:
            _shift(above)
            above.cells.append((name, _SLOT0 + _SLOT - _width(name), _SLOT0 + _SLOT))
            above.cells.sort(key=lambda c: c[1])
            rows[k] = None
        else:
            # Its name goes just above the statement's first row (a label line there, such
            # as 经营业绩（人民币百万元）, moves up in its place).
            first = statement[0] - 1
            below = rows[first]
            if below is None or len(below.cells) == 1:
                rows[k] = below
                rows[first] = _Row([
                    (text, end - _width(text), end)
                    for c, text in enumerate([name, *names])
                    if (end := _SLOT0 + (c + 1) * _SLOT)])
        k = j


def _other_names(rows: list[_Row | None], start: int, end: int, count: int) -> list[str]:
    """The names of a statement's columns on a line of text between ``start`` and ``end``,
    one space apart ("2020年 上年同期 2019年"), a word that is no period joined to the
    line above it ("本报告期比" / "上年同期"); those lines are taken out. [] when none names
    ``count`` columns."""
    for k in range(end - 1, start - 1, -1):
        row = rows[k]
        if row is None or len(row.cells) != 1:
            continue
        tokens = row.cells[0][0].split()
        if len(tokens) != count or not any(re.match(r"(?:19|20)\d{2}", t) for t in tokens):
            continue
        above = rows[k - 1] if k > start else None
        prefix = ""
        if above is not None and len(above.cells) == 1 and len(above.cells[0][0]) <= 12 \
                and not re.search(r"\d", above.cells[0][0]):
            prefix = above.cells[0][0]
            rows[k - 1] = None
        rows[k] = None
        names = [t if re.match(r"(?:19|20)\d{2}", t) else prefix + t for t in tokens]
        for j in range(k + 1, end):  # the names' second lines ("12月31日 上年度末 12月31日")
            more = rows[j]
            if more is None:
                continue
            if len(more.cells) != 1 or len(parts := more.cells[0][0].split()) != count:
                break
            names = [f"{a} {b}" if re.match(r"(?:19|20)\d{2}", a) else a + b
                     for a, b in zip(names, parts, strict=True)]
            rows[j] = None
        return names
    return []


def _shift(row: _Row) -> None:
    """The slotted cells of ``row`` one column to the right."""
    row.cells = [(t, a + _SLOT, b + _SLOT) if a >= _SLOT0 - 2 else (t, a, b)
                 for t, a, b in row.cells]


def _period_name(text: str) -> bool:
    """True for a column's name that is a period: "2021年", "2021年 12月31日"."""
    tokens = text.split()
    return bool(tokens) and all(_COLUMN_TOKEN_RE.match(t) for t in tokens) and bool(
        re.match(r"(?:19|20)\d{2}", tokens[0]))


def _column_names(line: str) -> bool:
    """True for a line of column names one space apart ("附註 千港元 千港元")."""
    tokens = line.split()
    return len(tokens) >= 2 and all(_COLUMN_TOKEN_RE.match(t) for t in tokens)


def _slotted(text: str, start: int) -> _Row | None:
    """A line whose cells are one space apart, as converters that do not keep the layout write
    a statement's rows ("利息净收入 168,412 176,885 163,133 170,826") and its column names
    ("2023年 2022年 2023年 2022年", "1至3月 1至3月 …"): its figures (or names) set in columns
    of a fixed width, the k-th figure in the k-th column, so the rows of a statement line up
    as the PDF's do. None for any other line."""
    tokens = _PAREN_SPACE_RE.sub(r"\1\2", text).split(" ")
    n = 0
    # Figures, and a short word among them ("-82,402 上年同期为负 -84,927").
    while n < len(tokens) and (_VALUE_RE.match(tokens[-1 - n]) or (
            n and len(tokens[-1 - n]) <= 6 and _HAN_RE.match(tokens[-1 - n])
            and not _SENTENCE_RE.search(tokens[-1 - n]))):
        n += 1
    while n and not _VALUE_RE.match(tokens[len(tokens) - n]):
        n -= 1  # a word before the figures is the label's
    if n and not re.search(r"\d", tokens[len(tokens) - n]) and sum(
            1 for t in tokens[len(tokens) - n:] if re.search(r"\d", t)) < 2:
        n -= 1  # and so is a dash before one figure ("A – 2"); before more, it is a nil cell
    label = " ".join(tokens[: len(tokens) - n])
    digits = sum(1 for t in tokens[len(tokens) - n:] if re.search(r"\d", t))
    if digits < 2 or (label and (_VALUE_RE.match(tokens[-1 - n]) or label[-1] in "：:，,。"
                                 or re.search(r"[。；;]", label))):
        if len(tokens) < 2 or not all(_COLUMN_TOKEN_RE.match(t) for t in tokens):
            return None
        n, label = len(tokens), ""
    values = tokens[len(tokens) - n:]
    cells = []
    if label:
        cells.append((label, start, min(start + _width(label), _SLOT0 - 6)))
    if (len(values) >= 3 and _NOTE_REF_RE.match(values[0]) and any(
            not _NOTE_REF_RE.match(v) for v in values[1:])) or _NOTE_WORD_RE.match(values[0]):
        # A note reference ("營業額 3 99,313 148,422") stands in a column of its own, left
        # of the figures: rows without one keep their figures under the same periods.
        cells.append((values[0], _SLOT0 - 4, _SLOT0 - 4 + len(values[0])))
        values = values[1:]
    for k, value in enumerate(values):
        end = _SLOT0 + (k + 1) * _SLOT
        cells.append((value, end - len(value), end))
    return _Row(cells)


def _width(text: str) -> int:
    """Columns ``text`` covers on the page. ``pdftotext`` starts every cell at its column but
    writes a Chinese character, twice as wide as a digit, in one: its true extent is two."""
    return len(text) + sum(1 for ch in text if is_cjk(ch))


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
        if x0 >= row.cells[0][1]:
            continue  # the line starts over the figures: not their label
        below = _near(rows, k, 1)
        if below is not None and _label_only(rows[below]):
            rest = rows[below]
            assert rest is not None
            after = _near(rows, below, 1)
            text = rest.cells[0][0]
            if text[0] in "（(的之及" or (len(label) >= 8 and not _figures_only(
                    rows[after] if after is not None else None)):
                label += text
                rows[below] = None
        rows[above] = None
        row.cells.insert(0, (label, x0, max(x0 + 1, min(x1, row.cells[0][1] - 2))))


_LABEL_WORDS_RE = re.compile(r"[\u4e00-\u9fff]{6}")  # a label of its own, not a unit or a mark


def _second_pairs(rows: list[_Row | None]) -> None:
    """Two label/figure pairs on one line whose second label is wrapped around it (the
    holders' counts of a quarterly report: "报告期末普通股股东总数  62,201  0" between
    "报告期末表决权恢复的优先股股东总数（如" above and "有）" below, both set right of the
    first label), or the second label on the line ("…总数  36,401 …优先股股东总数（如有）  0"):
    each pair its own line, so 0 is not read as a second column of 62,201."""
    for k in reversed(range(len(rows))):
        row = rows[k]
        if row is not None and len(row.cells) == 3 and (m := re.match(
                r"(\S+) (.*[\u4e00-\u9fff]{6}.*)$", row.cells[1][0])) and _VALUE_RE.match(
                m.group(1)) and _VALUE_RE.match(row.cells[2][0]):
            # "36,401 报告期末…": a figure one space before the next label.
            x0, x1 = row.cells[1][1:]
            row = rows[k] = _Row([row.cells[0], (m.group(1), x0, x0 + len(m.group(1))),
                                  (m.group(2), x1 - len(m.group(2)), x1), row.cells[2]],
                                 row.size)
        if row is not None and len(row.cells) == 4 \
                and [bool(_VALUE_RE.match(c[0])) for c in row.cells] == [False, True] * 2 \
                and _LABEL_WORDS_RE.search(row.cells[2][0]) \
                and _LABEL_WORDS_RE.search(row.cells[0][0]):
            rows[k:k + 1] = [_Row(row.cells[:2], row.size), _Row(
                [(row.cells[2][0], row.cells[0][1], row.cells[0][2]), row.cells[3]], row.size)]
    for k, row in enumerate(rows):
        if row is None or len(row.cells) != 3 or _VALUE_RE.match(row.cells[0][0]) \
                or not all(_VALUE_RE.match(c[0]) for c in row.cells[1:]):
            continue
        between = (row.cells[0][2], row.cells[2][1])  # right of the label, left of 0
        head = _part_between(rows, k - 1, between)
        if head is None or not _LABEL_WORDS_RE.search(head):
            continue
        tail = _part_between(rows, k + 1, between) or ""
        if len(tail) > WRAPPED_PART:
            tail = ""
        label, (figure, a, b), (second, c, d) = row.cells[0], row.cells[1], row.cells[2]
        rows[k - 1] = _Row([label, (figure, a, b)], row.size)
        rows[k] = _Row([(head + tail, label[1], label[2]), (second, c, d)], row.size)
        if tail:
            rows[k + 1] = None


def _part_between(rows: list[_Row | None], j: int, between: tuple[int, int]) -> str | None:
    """The text of line ``j`` when it is one cell without figures starting ``between``."""
    other = rows[j] if 0 <= j < len(rows) else None
    if other is None or len(other.cells) != 1 or _VALUE_RE.search(other.cells[0][0]) \
            or not between[0] < other.cells[0][1] < between[1]:
        return None
    return other.cells[0][0]


def _rejoin_wrapped(rows: list[_Row | None]) -> None:
    """A label wrapped in a narrow column over three lines, its middle on the figures' line
    ("归属于上市" / "公司股东的  3,367,888,968.20 …" / "净利润"): the lines above and below
    at the same indent join it."""
    for k, row in enumerate(rows):
        if row is None or len(row.cells) < 2 or _VALUE_RE.match(row.cells[0][0]) \
                or not all(_VALUE_RE.match(c[0]) for c in row.cells[1:]):
            continue
        label, x0, x1 = row.cells[0]
        if len(label) > WRAPPED_PART:
            continue
        block = _wrapped_block(rows, k, x0)
        if block is not None:
            top, bottom = block
            parts = [rows[j].cells[0][0] if j != k else label  # type: ignore[union-attr]
                     for j in range(top, bottom + 1)]
            for j in range(top, bottom + 1):
                if j != k:
                    rows[j] = None
            row.cells[0] = ("".join(parts), x0, x1)
            continue
        def part(j: int | None, x0: float = x0) -> str | None:
            other = rows[j] if j is not None else None
            if other is not None and _label_only(other) and abs(other.cells[0][1] - x0) <= 2 \
                    and len(other.cells[0][0]) <= WRAPPED_PART:
                return other.cells[0][0]
            return None

        above, below = _near(rows, k, -1), _near(rows, k, 1)
        head = part(above)
        if head is None or above is None:
            continue  # a label's first line is above its figures
        first = _near(rows, above, -1)
        if first is not None and _label_only(rows[first]):
            continue  # a label of more lines: _rejoin_labels and _indented_labels read it
        tail = part(below) or ""
        if tail and not (tail[0] in "的之及" or label[-1] in "的之及和与"):
            tail = ""  # the next label's first line, not this one's last
        if not tail and label[0] not in "的之及":
            continue  # "持續經營業務" over "營業額 99,313": a group heading, not a wrap
        if tail and below is not None:
            rows[below] = None
        rows[above] = None
        row.cells[0] = (head + label + tail, x0, x1)


WRAPPED_PART = 10  # characters on a line of a label wrapped in a narrow first column


def _wrapped_block(rows: list[_Row | None], k: int, x0: float) -> tuple[int, int] | None:
    """(first, last) line of the block around the figures' line ``k`` when a blank line
    before and after sets it apart and its other lines are short labels at the figures'
    label's indent, a line above and one or more: "归属于上市" / "公司股东的" / "扣除非经常
    3,117,867,348.32 …" / "性损益的净" / "利润" is one row."""
    def wrapped(j: int) -> bool:
        other = rows[j]
        return other is not None and _label_only(other) and abs(other.cells[0][1] - x0) <= 2 \
            and len(other.cells[0][0]) <= WRAPPED_PART

    top = k
    while top - 1 >= 0 and top > k - 4 and wrapped(top - 1):
        top -= 1
    bottom = k
    while bottom + 1 < len(rows) and bottom < k + 4 and wrapped(bottom + 1):
        bottom += 1
    apart = (top == 0 or rows[top - 1] is None) and (
        bottom + 1 >= len(rows) or rows[bottom + 1] is None)
    return (top, bottom) if apart and top < k and bottom > k else None


def _values(row: _Row | None) -> int:
    """How many trailing cells of ``row`` are figures (with a digit among them)."""
    if row is None:
        return 0
    n = 0
    for cell, _, _ in reversed(row.cells):
        if not _VALUE_RE.match(cell):
            break
        n += 1
    digits = any(re.search(r"\d", c) for c, _, _ in row.cells[len(row.cells) - n:])
    return n if digits and (n >= 2 or n < len(row.cells)) else 0


def _indented_labels(rows: list[_Row | None]) -> None:
    """A label wrapped over lines ending on its figures' line, the continuation indented:
    "扣除非经常性损益后" / " 归属于母公司股东" / " 的净利润  89,266  89,377" is one label."""
    for k, row in enumerate(rows):
        n = _values(row)
        if row is None or not n or n == len(row.cells):
            continue
        x = row.cells[0][1]
        chain: list[_Row] = []  # the label's lines above, nearest first
        for above in reversed(rows[max(0, k - 3):k]):
            if above is None or not _label_only(above) or above.cells[0][0][-1] in "：:":
                break
            chain.append(above)
            if above.cells[0][1] != x:
                break  # the label's first line (left of its continuation), or not a label
        if not chain or chain[-1].cells[0][1] >= x:
            continue
        pieces = [r.cells[0][0] for r in reversed(chain)]
        # Only a label cut by the width of its column, or mid-phrase (…股东的 / 净利润), is one
        # label: an indented line under a group name (非流動資產 / 物業、廠房及設備) is an item.
        full = chain[-1].cells[0][2] >= row.cells[-n][1] - 4
        if not full and not any(a[-1] in _JOINS or b[0] in _JOINS
                                for a, b in itertools.pairwise([*pieces, row.cells[0][0]])):
            continue
        text, _, end = row.cells[0]
        row.cells[0] = ("".join(pieces) + text, chain[-1].cells[0][1], end)
        for i in range(k - len(chain), k):
            rows[i] = None


def _merge_headers(rows: list[_Row | None]) -> None:
    """Column names stacked over several lines above a statement ("2023 年" / "1至3月", a
    period over 调整前 and 调整后, "比上年增减" / "（％）") become one line, each name standing
    over the column of figures it names, as the PDF reader's header cells do."""
    k = 0
    while k < len(rows):
        if not _values(rows[k]) or any(_values(rows[j]) for j in range(max(0, k - 2), k)):
            k += 1
            continue
        columns = _figure_columns(rows, k)
        heads: list[int] = []
        j, blank = k - 1, 0
        while j >= 0 and len(heads) < 6 and columns:
            row = rows[j]
            if row is None:
                blank += 1
                if blank > 1:
                    break
            elif _header_line(row, columns[0][0]):
                blank = 0
                heads.append(j)
            else:
                break
            j -= 1
        if len(heads) >= 2:
            merged = _merged([r for h in reversed(heads) if (r := rows[h]) is not None],
                             columns)
            for h in heads:
                rows[h] = None
            rows[heads[0]] = merged
        k += 1


def _figure_columns(rows: list[_Row | None], k: int) -> list[tuple[int, int]]:
    """The columns of figures of the statement starting at row ``k``: (first, last column)."""
    spans: list[tuple[int, int]] = []
    gap = 0
    for row in rows[k : k + 40]:
        n = _values(row)
        if not n:
            gap += 1
            if gap > 3:
                break
            continue
        gap = 0
        assert row is not None
        spans.extend((a, b) for _, a, b in row.cells[len(row.cells) - n:])
    columns: list[list[tuple[int, int]]] = []
    for a, b in sorted(spans, key=lambda s: s[1]):
        if columns and b - columns[-1][-1][1] <= 3:
            columns[-1].append((a, b))
        else:
            columns.append([(a, b)])
    return [(min(a for a, _ in c), max(b for _, b in c)) for c in columns]


def _header_line(row: _Row, left: int) -> bool:
    """Column names: short cells, no sentence, figures only as years, one over the figures."""
    texts = [c for c, _, _ in row.cells]
    return (all(len(t) <= 20 and not re.search(r"[。；;，,：:]", t) for t in texts)
            and all(re.fullmatch(r"(?:19|20)\d{2}", t) for t in texts if _VALUE_RE.match(t))
            and any(b > left - 2 for _, _, b in row.cells))


def _merged(heads: Iterable[_Row], columns: list[tuple[int, int]]) -> _Row:
    label: list[str] = []
    names: list[list[str]] = [[] for _ in columns]
    left = columns[0][0]
    heads = list(heads)
    # Columns a year names ("2020年" under 本期比上年同期's spill-over).
    dated = {i for row in heads for text, a, b in row.cells if _period_name(text)
             for i, (x0, x1) in enumerate(columns) if a <= (x0 + x1) / 2 <= b}
    def labels(a: int, b: int) -> bool:
        return b <= left - 2 or (a + b) / 2 < left  # (a width is a guess: wide characters)

    for row in heads:
        named = [c for c in row.cells if not labels(c[1], c[2])]
        for text, a, b in row.cells:
            if labels(a, b):
                label.append(text)
                continue
            if len(named) == len(columns):
                # A name over every column ("（7-9 月份） （10-12 月份）" set tight): in order.
                names[named.index((text, a, b))].append(text)
                continue
            # The columns it covers (a name over 调整前 and 调整后), not one that a year names
            # when it is no year: its width is a guess, and only its edge is there.
            over = [i for i, (x0, x1) in enumerate(columns) if a < x1 and b > x0]
            if len(over) > 1 and not _period_name(text):
                over = [i for i in over if i not in dated] or over
            if not over:
                over = [min(range(len(columns)),
                            key=lambda i: abs((columns[i][0] + columns[i][1]) - (a + b)))]
            for i in over:
                names[i].append(text)
    cells = [(" ".join(label), 0, max(1, left - 2))] if label else []
    for n, (x0, x1) in zip(names, columns, strict=True):
        if n and cells and cells[-1][0] == " ".join(n) and len(cells) > bool(label):
            # One name over two runs of figures a little apart: one column.
            cells[-1] = (cells[-1][0], cells[-1][1], x1)
        elif n:
            cells.append((" ".join(n), x0, x1))
    return _Row(cells)


def _join_tables(blocks: list[Block]) -> list[Block]:
    """A statement the layout broke apart is one table again: a table without a header that
    follows one with a header of as many columns, on the same or the next page, with only row
    labels between them (rows without figures: 利息收入 / 已赚保费 …, which end a run of rows
    in the PDF reader) continues it. Text has no ruling lines to show a table's width, so this
    stands in for the PDF reader's continuation across pages too."""
    out: list[Block] = []
    for block in blocks:
        table = block.table
        k = len(out)
        while k > 0 and out[k - 1].kind == "paragraph" and len(out) - k < 8 and _row_label(
                out[k - 1].text):
            k -= 1
        head = out[k - 1] if k > 0 else None
        if (table is not None and not table.header and head is not None
                and head.table is not None and head.table.header and block.page is not None
                and head.page is not None and 0 <= block.page - head.page <= 1
                and _width_of(head.table) == _width_of(table)):
            n = _width_of(table)
            labels = [[b.text, *[""] * (n - 1)] for b in out[k:]]
            rows = [*head.table.rows, *labels, *table.rows]
            merged = dataclasses.replace(head.table, rows=rows)
            del out[k:]
            out[-1] = dataclasses.replace(head, table=merged)
            continue
        out.append(block)
    return out


def _row_label(text: str) -> bool:
    return len(text) <= 30 and not re.search(r"[。；;，,]", text) and not heading_level(text)


def _width_of(table: Table) -> int:
    return max([len(table.header), *(len(r) for r in table.rows)])



def _cover(rows: list[_Row | None]) -> None:
    """The short lines a report opens with (its company and title: "中国工商银行股份有限公司" /
    "二〇二三年第一季度报告"), set large as the PDF's cover sets them, so they head the document
    as its title does in the PDF; up to the first line of running text. A title set in large
    pieces that a converter put on lines of their own ("2021" / "年" / "年 度 报 告") is one
    line again."""
    _join_pieces(rows)
    for row in rows:
        if row is None:
            continue
        text = squeeze(row.text)
        if len(row.cells) != 1 or row.cells[0][1] > 40:
            continue  # "证券代码：601398   证券简称：工商银行", a letterhead at the right
        if len(text) <= 30 and re.search(r"(?:代码|代號|代码)\s*[:：]\s*\S{1,12}$", text):
            continue  # "A 股股票代码 ：600016" above the title
        if len(text) > 30 or _SENTENCE_RE.search(text):
            break
        if len(_HAN_RE.findall(text)) >= 2:
            row.size = SIZE * 1.4


def _join_pieces(rows: list[_Row | None]) -> None:
    """Runs of two or more lines of one to four characters each ("2021" / "年" / "年 度 报 告")
    on a cover joined into their first line."""
    k = 0
    while k < len(rows):
        run = k
        while run < len(rows) and (row := rows[run]) is not None and len(row.cells) == 1 \
                and len(squeeze(row.text).replace(" ", "")) <= 4:
            run += 1
        if run - k >= 2:
            text = "".join(squeeze(r.text).replace(" ", "") for r in rows[k:run] if r)
            first = rows[k]
            assert first is not None
            first.cells = [(text, first.cells[0][1], first.cells[0][1] + _width(text))]
            for j in range(k + 1, run):
                rows[j] = None
        k = max(run, k + 1)


_STATEMENT_TITLE_RE = re.compile(
    r"^(?:合并|母公司)?(?:资产负债表|利润表|现金流量表|所有者权益变动表|股东权益变动表)$")


def _statement_titles(rows: list[_Row | None]) -> None:
    """A statement's title on a line of its own ("合并现金流量表"), set larger as the PDF sets
    it: a heading, so the statement's rows are not under the last numbered item above it."""
    for row in rows:
        if row is not None and len(row.cells) == 1 and row.size == SIZE \
                and _STATEMENT_TITLE_RE.match(squeeze(row.text).replace(" ", "")):
            row.size = SIZE * 1.2


def _standalone_headings(rows: list[_Row | None]) -> None:
    """A short line on its own between the end of one paragraph and the first line of the
    next ("不發表意見", "追溯调整或重述的原因说明"), set larger as the PDF sets a heading: a
    Markdown converter that marks no headings keeps them so."""
    def near(k: int, step: int) -> _Row | None:
        j = _near(rows, k, step)
        return rows[j] if j is not None else None

    for k, row in enumerate(rows):
        if row is None or len(row.cells) != 1 or row.size != SIZE:
            continue
        text = squeeze(row.text)
        if (_NUMBERED_RE.match(text) and len(text) <= 30
                and text[-1] not in SENTENCE_END + "，,、" and not _MONTHS_RE.match(text)):
            row.size = SIZE * 1.2  # "1、2016年度利润分配预案": numbered, short, a heading
            continue
        if not _bare_heading(text):
            continue
        before, after = near(k, -1), near(k, 1)
        top = sum(1 for r in rows[:k] if r is not None) < 3  # under a page's running lines
        ended = before is None or top or before.size > SIZE or (
            len(before.cells) == 1 and before.text.rstrip()[-1:] in "。！？；;:：")
        # A section's heading over its first subsection's ("業務回顧" over "業績"), then prose.
        j = _near(rows, k, 1)
        second = after is not None and j is not None and len(after.cells) == 1 \
            and after.size == SIZE and _bare_heading(squeeze(after.text))
        if second and j is not None:
            after = near(j, 1)
        prose = after is not None and len(after.cells) == 1 and len(after.text) >= 20 \
            and not _VALUE_RE.match(after.text)
        if ended and prose:
            row.size = SIZE * 1.2
            if second and j is not None and rows[j] is not None:
                row.size = SIZE * 1.3  # the section's, over its first subsection's
                rows[j].size = SIZE * 1.2  # type: ignore[union-attr]


def _bare_heading(text: str) -> bool:
    """Short Chinese words with no figure and no end of a clause: a heading's shape."""
    return 2 <= len(text) <= 16 and text[-1] not in "。；;，,：:、" and len(
        _HAN_RE.findall(text)) >= 2 and not re.search(r"\d", text)


def _indented_firsts(rows: list[_Row | None]) -> None:
    """A paragraph's first line, indented in the PDF by two characters that the converter
    dropped, ends short of the page's right edge by their width although its sentence goes
    on in the next line: it is set full width, so the paragraph does not end there."""
    ends = sorted(r.cells[0][2] for r in rows if r is not None and len(r.cells) == 1)
    if len(ends) < 5:
        return
    full = ends[len(ends) * 9 // 10]
    for k, row in enumerate(rows):
        if row is None or len(row.cells) != 1 or row.size != SIZE:
            continue
        text, x0, x1 = row.cells[0]
        after = rows[k + 1] if k + 1 < len(rows) else None
        if (full - 10 <= x1 < full and text[-1:] not in SENTENCE_END + "：:"
                and after is not None and len(after.cells) == 1
                and not after.text.startswith(("（", "(", "□", "√"))):
            row.cells[0] = (text, x0, full)
