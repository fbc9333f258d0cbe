"""Markdown tables and lists read as sentences, so they are ranked and quoted like prose.

A table data row becomes one sentence built from the header row: the first cell is the subject
when it is a label (not a bare figure), every other cell is said as "header value"::

    | 项目 | 2024年第一季度 | 同比变化 |
    |---|---|---|
    | 营业收入 | 86.4亿元 | +12.3% |      →  营业收入：2024年第一季度86.4亿元，同比变化+12.3%。

Only words of the table are used (a sign stays a sign: "同比变化+12.3%", never an invented
"增长"), so a quote says exactly what the table says. List markers ("- ", "1. ", "（一）") are
dropped from list items; everything else passes through unchanged, headings included.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from knowledge.readers.tables import column_names_row
from knowledge.text import DATE_RE, FIGURE_RE, normalize

_SEPARATOR_RE = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$")
_CELL_SPLIT_RE = re.compile(r"(?<!\\)\|")
# Bullets, numbered items and Chinese enumerations. "1、2月" and "一、二季度" name months and
# quarters, not items, so a numeral right after the marker keeps it.
_LIST_MARKER_RE = re.compile(
    r"^(?:[-*+•]\s+(?:\[[ xX]\]\s+)?"
    r"|\d{1,2}[.)]\s+|\d{1,2}、(?![\d一二三四五六七八九十])"
    r"|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)]\s*"
    r"|[一二三四五六七八九十]{1,3}、(?![\d一二三四五六七八九十])"
    r"|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*)"
)
_EMPHASIS_RE = re.compile(r"\*\*|__|`")
# "营收（亿元）" + "86.4" reads as "营收86.4亿元": the unit moves behind the bare number.
_HEADER_UNIT_RE = re.compile(r"^(.+?)\s*[（(]\s*(?:单位[:：]\s*)?([^\d()（）]{1,4})\s*[）)]$")
_BARE_NUMBER_RE = re.compile(r"^[+\-−]?\d[\d,]*(?:\.\d+)?$")
_EMPTY_CELLS = frozenset({"", "-", "—", "--", "/", "n/a", "na"})
_END_PUNCT = "。！？；;，,、：:"


def readable_lines(lines: Iterable[str]) -> Iterator[str]:
    """The stripped lines of a document, tables turned into sentences and list markers dropped."""
    stripped = [line.strip() for line in lines]
    i = 0
    while i < len(stripped):
        end = _table_end(stripped, i)
        if end > i:
            yield from table_sentences(stripped[i:end])
            i = end
            continue
        yield strip_list_marker(stripped[i])
        i += 1


def _table_end(lines: list[str], i: int) -> int:
    """The end of the table starting at line ``i``, or ``i`` when no table starts there.

    Rows start with a pipe; GitHub's pipe-less rows ("a | b") count only under a ``|---|`` line,
    so prose with a stray pipe stays prose.
    """
    headed = i + 1 < len(lines) and "|" in lines[i] and bool(_SEPARATOR_RE.match(lines[i + 1]))
    if not headed and not lines[i].startswith("|"):
        return i
    end = i + 2 if headed else i + 1
    while end < len(lines) and (
        lines[end].startswith("|") or (headed and "|" in lines[end] and lines[end])
    ):
        end += 1
    return end


def strip_list_marker(line: str) -> str:
    """A list item without its marker ("- ", "1. ", "（一）", "①"); other lines as they are."""
    return _LIST_MARKER_RE.sub("", line, count=1)


def table_sentences(rows: list[str]) -> list[str]:
    """One sentence per data row; a header row (followed by ``|---|``) names the columns."""
    header: list[str] = []
    body = rows
    if len(rows) >= 2 and _SEPARATOR_RE.match(rows[1]):
        header, body = cells(rows[0]), rows[2:]
        if figures_in_header(header):
            header, body = [], [rows[0], *rows[2:]]
    sentences = []
    for row in body:
        if _SEPARATOR_RE.match(row):
            continue
        if column_names_row(cells(row)):
            header = cells(row)  # the names of the block below (分产品 | 营业收入 | …)
            continue
        sentence = row_sentence(header, cells(row))
        if sentence:
            sentences.append(sentence)
    return sentences


def figures_in_header(header: list[str]) -> bool:
    """A key/value table written with its first pair as the pipe table's header row
    ("| 截至报告期末普通股股东总数（户） | 33,512 |" over "|---|---|"): a figure, not a year,
    beside its label names no column."""
    return any(FIGURE_RE.fullmatch(c.strip()) and not re.search(r"[年月日号/:]", c)
               and not re.fullmatch(r"(?:19|20)\d{2}", c.strip()) for c in header[1:])


def cells(row: str) -> list[str]:
    """The cells of a pipe row, without the outer pipes, emphasis marks or trailing 。."""
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    out = []
    for cell in _CELL_SPLIT_RE.split(row):
        cell = _EMPHASIS_RE.sub("", cell.replace("\\|", "|")).strip()
        out.append(cell.rstrip("。"))
    return out


def row_sentence(header: list[str], row: list[str]) -> str:
    """ "subject：header value，header value。" — only the words the table has."""
    if not any(c.lower() not in _EMPTY_CELLS for c in row):
        return ""
    subject = ""
    start = 0
    if row and not _is_value(row[0]) and len(row) > 1:
        subject, start = row[0], 1
    parts = []
    for i in range(start, len(row)):
        value = row[i]
        if value.lower() in _EMPTY_CELLS:
            continue
        name = header[i] if i < len(header) else ""
        parts.append(_said(name, value))
    if not parts:
        return subject + "。" if subject else ""
    body = "，".join(p.rstrip(_END_PUNCT) for p in parts) + "。"
    return f"{subject.rstrip(_END_PUNCT)}：{body}" if subject else body


def _said(name: str, value: str) -> str:
    if not name or name == value:
        return value
    m = _HEADER_UNIT_RE.match(name)
    if m and _BARE_NUMBER_RE.match(value):
        return f"{m.group(1)}{value}{m.group(2)}"
    # Two runs of digits or Latin letters would read as one figure ("q1" + "86" → "q186").
    if name[-1].isascii() and name[-1].isalnum() and (value[0].isalnum() or value[0] in "+-−"):
        return f"{name} {value}"
    return name + value


def _is_value(cell: str) -> bool:
    """True for a cell that is a figure ("86.4亿元", "+12.3%"), not a label; dates are labels."""
    norm = normalize(cell).lstrip("+-−~约 ")
    m = FIGURE_RE.fullmatch(norm)
    return bool(m) and not DATE_RE.match(norm)
