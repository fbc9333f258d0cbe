"""Raw table grids (cells as the PDF, HTML or DOCX reader found them) turned into ``Table``s.

The readers hand over rows of cell strings (``None`` for a grid position covered by a merged
cell) plus the text just above the table. What this module decides is the same for every
format:

- which leading rows are header rows, and one column name per column from them ("2022年1至3月"
  over "调整前" → "2022年1至3月 调整前"; a cell spanning columns names each of them);
- whether the table is key/value instead (its first row is already data:
  ``| 每10股派息数（元）（含税） | 3 |``);
- the unit, from a "单位：…" caption or a unit-only header cell;
- cells as figures are written: ``(1,234.56)`` is ``-1,234.56``, a lone dash is empty, a
  wrapped cell's lines joined;
- a header row repeated inside the table (a second block with 2016年末 columns) starts a new
  table with that header.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.readers.lines import join_lines, squeeze
from knowledge.readers.model import Table

RawRow = Sequence[str | None]

# Only an unfinished figure continues on the next line: a thousands group cut short
# ("1,055,295,9"), a trailing comma or point, one decimal of two ("75,872,285.6" / "9").
# "849,730" / "716,955" are two figures.
_FIGURE_WRAP_RE = re.compile(
    r"(\d(?:[\d,]*,\d{0,2}|[\d,]*[,.]|[\d,]*\.\d))[ \t]*\n[ \t]*(?=\d[\d,.]*%?(?:\s|$))"
)
# A figure wrapped before a thousands group: "2,352,826" / ",955.66".
_GROUP_WRAP_RE = re.compile(r"(\d)[ \t]*\n[ \t]*(?=,\d{3}(?:,\d{3})*(?:\.\d+)?%?(?:\s|$))")
_DASHES = frozenset({"-", "—", "–", "－", "--", "——", "/", "不适用", "n/a", "N/A"})
_PAREN_NEG_RE = re.compile(
    r"^[（(]\s*(\d[\d,，]*(?:\.\d+)?\s*(?:%|百萬|百万|千萬|千万|億|亿|萬|万)?)\s*[）)]$"
)
_NUMBER_RE = re.compile(r"^[+\-−]?\s*\d[\d,]*(?:\.\d+)?\s*(?:%|％)?$")
_FIGURE_IN_RE = re.compile(r"\d")
_UNIT_RE = re.compile(
    r"(?:金额)?单位\s*[:：]\s*(?:除特别注明外[，,]?\s*)?(?:为|以)?\s*"
    r"([^\s，,。;；:：)）]{1,12})"
)
_UNIT_NOTE_RE = re.compile(r"金额单位为\s*([^\s，,。;；)）]{1,12})")
_BARE_UNIT_RE = re.compile(
    r"^[（(]?\s*(?:单位[:：]\s*)?((?:人民币|港币|港元|美元)?(?:千|万|百万|千万|亿|十亿)?"
    r"(?:元|港元|美元|股|%|％)|千港元|百万港元)\s*[）)]?$"
)
HEADER_WORDS = frozenset(
    {"项目", "指标", "名称", "类别", "科目", "内容", "主要指标", "序号", "股东名称", "分类",
     "项 目", "行业", "产品", "地区", "业务", "年份", "报告期"}
)
_BLOCK_NAME_RE = re.compile(r"(?:指标|项目)\s*[（(][^）)]{1,12}[）)]$")
_PAREN_UNIT_RE = re.compile(
    r"[（(]\s*((?:人民币|港币)?(?:千|万|百万|千万|亿)?(?:元|港元|美元)|%|％)\s*[）)]$"
)
# How column names end in reports' tables (the cells of a data row rarely do).
_COLUMN_NAME_RE = re.compile(
    r"(?:名称|姓名|日期|金额|方式|情况|比例|数量|类型|性质|职务|原因|进度|索引|说明|期限|余额|"
    r"期间|收益|来源|行业|对象|用途|（如有）|\(如有\))$"
)
# A statement's date under its title ("2023年6月30日", "2023年1-6月"): not its caption.
_DATE_LINE_RE = re.compile(
    r"^(?:19|20)\d{2}\s*年(?:度|\s*\d{1,2}\s*(?:月(?:\s*\d{1,2}\s*日)?)?)?"
    r"(?:\s*[-—–~至]\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?$")
_YEAR_RE = re.compile(r"^(?:19|20)\d{2}$")  # a column named by its year alone (2012 | 2011)
PERIOD_RE = re.compile(r"(?:19|20)\d{2}\s*年|年末|年初|季度|期末|期初|本期|上期|本年|上年|同期")


def clean_cell(cell: str | None) -> str:
    """A cell's text on one line, as a figure is written: ``(1.09)`` → ``-1.09``, a lone
    dash → ``""``, ``1, 234`` → ``1,234``."""
    if cell is None:
        return ""
    if "\t" in cell:  # levels of a column name ("2016年\t金额"), kept apart by a space
        return " ".join(p for p in (clean_cell(part) for part in cell.split("\t")) if p)
    # A figure wrapped in a narrow column ("1,055,295,9" / "30.22") is one figure.
    cell = _GROUP_WRAP_RE.sub(r"\1", cell)
    text = join_lines(_FIGURE_WRAP_RE.sub(r"\1", cell).splitlines())
    if text in _DASHES:
        return ""
    m = _PAREN_NEG_RE.match(text)
    if m:
        text = "-" + m.group(1)
    if _NUMBER_RE.match(text):
        text = re.sub(r"\s+", "", text).replace("−", "-")
    return text


def is_figure(cell: str) -> bool:
    """A bare number or percentage (not a label with digits in it such as 2016年)."""
    return bool(_NUMBER_RE.match(cell))


# The words column names are made of ("营业收入", "毛利率（%）", "营业成本比上年增减（%）").
_COLUMN_WORD_RE = re.compile(r"收入|成本|毛利|费用|利润|增减|金额|比例|比重|占|本期|上期|同期|上年|"
                             r"期末|期初|年末|年初|合计|数量|单价|余额")


def column_names_row(row: list[str]) -> bool:
    """A row of column names inside a table (the 主营业务分产品情况 block's "分产品 | 营业收入 |
    营业成本 | 毛利率（%）…" under its 分行业 block): no figure, and two or more cells beside the
    label that name a measure."""
    rest = [c for c in row[1:] if c]
    if row and re.search(r"股东|股東|姓名|名称|名稱", row[0]):
        return False  # a holders' table, read by its columns' places (knowledge/holders.py)
    return len(rest) >= 2 and not any(is_figure(c) for c in row) and all(
        len(c) <= 24 for c in rest) and sum(bool(_COLUMN_WORD_RE.search(c)) for c in rest) >= 2


def unit_of(text: str) -> str:
    """The unit a caption states, or "": "单位：元 币种：人民币" → "元",
    "单位：除特别注明外，为人民币百万元" → "人民币百万元"."""
    text = squeeze(text)
    m = _UNIT_RE.search(text) or _UNIT_NOTE_RE.search(text)
    if m:
        return m.group(1).split("币种")[0]  # "单位：元 币种：人民币", its space squeezed out
    m = _BARE_UNIT_RE.match(text)
    return m.group(1) if m else ""


_UNIT_LEVEL_RE = re.compile(
    r"^(?:单位[:：]\s*)?((?:人民币|港币)?(?:千|万|百万|亿)?元)\s*([\u4e00-\u9fff\d].*)$")


def _explode(row: RawRow) -> list[list[str | None]]:
    """A row whose cells each hold the same number (2+) of lines is that many rows: a table
    drawn with one box around several rows of labels and figures (anxin's highlights)."""
    counts = {len(c.splitlines()) for c in row if c}
    lines = counts.pop() if len(counts) == 1 else 1
    if lines < 2 or sum(1 for c in row if c) < 2 or not any(
        is_figure(clean_cell(x)) for c in row[1:] if c for x in c.splitlines()
    ):
        return [list(row)]
    split = [c.splitlines() if c else None for c in row]
    return [[s[k] if s is not None else None for s in split] for k in range(lines)]


def _is_header_row(row: list[str], first: bool, ncols: int) -> bool:
    """A row of column names: no bare figures beyond the first column, names short."""
    rest = [c for c in row[1:] if c]
    if not rest or any((is_figure(c) and not _YEAR_RE.match(c)) or len(c) > 30 for c in rest):
        return False
    if not first:
        # Under the first header row: blank or 项目 in the label column, or the name of a
        # block of the table with its unit ("规模指标（人民币百万元）", "资产质量指标(%)").
        return not row[0] or row[0] in HEADER_WORDS or bool(_BLOCK_NAME_RE.search(row[0]))
    if row[0] in HEADER_WORDS or not row[0]:
        return True
    # A two-column table starting "label | text" is key/value unless its second cell names a
    # period ("项目 | 2023年1至3月" is a header, "会计师事务所名称 | 天职国际…" is data).
    if ncols <= 2:
        return bool(PERIOD_RE.search(rest[0]) or _YEAR_RE.match(rest[0])) and len(rest[0]) <= 16
    if sum(1 for c in row if _COLUMN_NAME_RE.search(c)) >= 2:
        return True  # 股东单位名称 | 任期起始日期 | 是否领取报酬津贴: names of columns
    return sum(1 for c in rest if PERIOD_RE.search(c) or len(c) <= 12) == len(rest)


def _merge_header(rows: list[list[str | None]], ncols: int) -> list[str]:
    """One name per column from the header rows; a cell covering several columns (None to its
    right) names each of them, a cell covering several rows only once."""
    names: list[list[str]] = [[] for _ in range(ncols)]
    above: RawRow = []
    for row in rows:
        last = ""
        for i in range(ncols):
            cell = row[i] if i < len(row) else None
            if cell is None and i < len(above) and above[i] is not None:
                text = ""  # covered by the cell above (a rowspan), not by the one to the left
            elif cell is None:
                text = last
            else:
                text = clean_cell(cell)
                last = text
            if text and text not in names[i]:
                names[i].append(text)
        above = row
    return [" ".join(parts) for parts in names]


def build_tables(
    grid: list[list[str | None]], above: str = "", unit: str = "", section: str = ""
) -> list[Table]:
    """The tables in a raw grid: header rows found and merged, units read, cells cleaned.

    ``above`` is the text just above the table (its caption and any "单位：" line); ``unit``
    is the document's default unit ("除特别注明外，金额单位为人民币百万元"), used when the table
    states none; ``section`` (the heading above) is the caption when no title line is above.
    """
    grid = [row for r in grid if any(c not in (None, "") for c in r) for row in _explode(r)]
    if not grid:
        return []
    ncols = max(len(r) for r in grid)
    grid = _indented_labels([r + [None] * (ncols - len(r)) for r in grid])
    ncols = len(grid[0])
    caption_lines = [squeeze(x) for x in above.splitlines() if squeeze(x)]
    table_unit = ""
    caption = ""
    for line in reversed(caption_lines):
        table_unit = table_unit or unit_of(line)
        if (not caption and not unit_of(line) and len(line) <= 30 and not _DATE_LINE_RE.match(line)
                and not re.search(r"[。；;，,：:□√]", line) and line[-1] not in ")）"):
            caption = line
    caption = caption or section
    header_rows: list[list[str | None]] = []
    i = 0
    while i < len(grid) and i < 4:
        cleaned = [clean_cell(c) for c in grid[i]]
        if not _is_header_row(cleaned, i == 0, ncols):
            break
        header_rows.append(grid[i])
        i += 1
    header = _merge_header(header_rows, ncols) if header_rows else []
    if header:
        header = _spanned_names(header, grid[i:])
    if header and not table_unit:
        # A unit set over the header's last column ("单位：元" whose label the converter lost)
        # reads as that column's first level: "元 2022年末调整后".
        for k, name in enumerate(header):
            m = _UNIT_LEVEL_RE.match(name)
            if m:
                table_unit, header[k] = m.group(1), m.group(2)
    if header and not table_unit:
        # A unit-only header cell ("单位：元", "（元）", 千港元 over each year) is the unit.
        table_unit = next((u for row in header_rows for c in row
                           if c and (u := unit_of(clean_cell(c)))), "")
        m = _PAREN_UNIT_RE.search(header[0])
        table_unit = table_unit or (m.group(1) if m else "")
    table_unit = table_unit or unit
    tables: list[Table] = []
    rows: list[list[str]] = []
    block: list[list[str | None]] = []  # the header rows of a second block, while no row follows
    for raw in grid[i:]:
        cleaned = [clean_cell(c) for c in raw]
        if (
            (rows or block)
            and (header or ncols >= 3)
            and not cleaned[0]
            and _is_header_row(cleaned, False, ncols)
        ):
            # A second header block (2016年末 after 2016年): a new table under it, its names
            # on one line or more (二零零八年 / 港幣千元).
            if rows:
                tables.append(Table(caption, table_unit, header, rows, False))
                block = []
            block.append(raw)
            header, rows = _merge_header(block, ncols), []
            continue
        block = []
        if header and cleaned == header:
            continue  # the header repeated (a table continued on the next page)
        if rows and _wrapped_label(rows[-1], cleaned):
            rows[-1][0] += cleaned[0]  # a long label wrapped onto rows of its own
            continue
        rows.append(cleaned)
    if rows or header:
        tables.append(Table(caption, table_unit, header, rows, not header))
    return tables


def _spanned_names(header: list[str], data: list[list[str | None]]) -> list[str]:
    """Column names for figures whose cells span several grid columns. A key-figures table drawn
    with thin grid columns puts "上年同期" over one and "调整前" over the next, while the figure's
    cell covers both (None to its right): the figure's column is named by all of them."""
    end = list(range(len(header)))
    for row in data:
        for c, cell in enumerate(row):
            if not clean_cell(cell):
                continue
            k = c
            while k + 1 < len(row) and row[k + 1] is None:
                k += 1
            end[c] = max(end[c], k)
    out = list(header)
    for c, last in enumerate(end):
        if last > c:
            words: list[str] = []
            for name in header[c:last + 1]:
                words += [w for w in name.split() if w not in words]
            out[c] = " ".join(words)
    return out


def _indented_labels(grid: list[list[str | None]]) -> list[list[str | None]]:
    """One label column where a statement's grid has two: 流动资产： in the first, the indented
    货币资金 under it in the second. Two columns that never both hold text on a row and never
    hold a figure are one column of labels, else an empty first cell makes 衍生金融资产 (a row
    with no figures) look like the header of a new block."""
    while len(grid[0]) >= 3 and not any(clean_cell(r[0]) for r in grid):
        grid = [r[1:] for r in grid]  # an empty margin column left of the labels
    if len(grid[0]) < 3:
        return grid
    first = [clean_cell(r[0]) for r in grid]
    second = [clean_cell(r[1]) for r in grid]
    both = any(a and b for a, b in zip(first, second, strict=True))
    if not any(second) or not any(first) or both or any(is_figure(c) for c in first + second):
        return grid
    return [[r[0] if clean_cell(r[0]) else r[1], *r[2:]] for r in grid]


def _wrapped_label(previous: list[str], row: list[str]) -> bool:
    """``row`` holds only the rest of ``previous``'s label ("（与企业业务密" / "切相关…"):
    the label left a bracket open and the row has nothing but a first cell."""
    label = previous[0]
    return (bool(row[0]) and not any(row[1:])
            and label.count("（") + label.count("(") > label.count("）") + label.count(")"))


def continue_table(first: Table, more: list[list[str | None]]) -> list[Table]:
    """``first`` with the rows of its continuation on the next page (a repeated header dropped),
    plus any further table the continuation's grid holds."""
    cont = build_tables(more, unit=first.unit, section=first.caption)
    if not cont:
        return [first]
    head = cont[0]
    rows = list(first.rows)
    if head.header and first.header and not first.rows \
            and len(head.header) == len(first.header):
        # A header alone at the foot of a page (2022年 | 2021年 | 本年比上年增减) over the
        # continuation's own (调整前 | 调整后): one header of both rows.
        header = _stacked(first.header, head.header)
        return [Table(first.caption, first.unit, header, head.rows, False), *cont[1:]]
    if head.header and first.header and head.header != first.header:
        # The continuation names other columns: it is a new block of the same table.
        return [first, Table(first.caption, first.unit, head.header, head.rows, False), *cont[1:]]
    if head.header and not first.header:
        rows.append(head.header)
    rows.extend(head.rows)
    return [Table(first.caption, first.unit, first.header, rows, first.key_value), *cont[1:]]


def _stacked(upper: list[str], lower: list[str]) -> list[str]:
    """Two header rows as one: each column's upper name over its lower one. A lower name
    spans the columns it repeats over (调整后 over two), and the upper name over that span is
    the one name there (本年比上年增减 drawn in the span's second column)."""
    out = []
    for i, below in enumerate(lower):
        span = [i]
        if below:
            j = i
            while j > 0 and lower[j - 1] == below:
                j -= 1
            k = i
            while k + 1 < len(lower) and lower[k + 1] == below:
                k += 1
            span = list(range(j, k + 1))
        names = list(dict.fromkeys(upper[j] for j in span if upper[j]))
        above = names[0] if len(names) == 1 else upper[i]
        out.append(" ".join(n for n in (above, below) if n))
    return out


def continue_regridded(first: Table, more: list[list[str | None]]) -> list[Table] | None:
    """``first`` continued on the next page by a grid of other columns: the key figures' table
    drawn with thin columns on one page (a figure spanning 上年同期 and 调整前) and plain ones on
    the next. The continuation's leading figure rows take ``first``'s figure columns' names
    when they have as many figure columns; rows from its own header on are tables of their own.
    None when the columns do not match."""
    named = [i for i in range(1, len(first.header))
             if any(i < len(r) and is_figure(r[i]) for r in first.rows)]
    raw = [r for r in more if any(c not in (None, "") for c in r)]
    rows = [[clean_cell(c) for c in r] for r in raw]
    k = 0
    while k < len(rows) and any(is_figure(c) for c in rows[k]):
        k += 1
    if len(named) < 2 or not k:
        return None
    width = max(len(r) for r in rows[:k])
    figures = [j for j in range(width)
               if any(j < len(r) and is_figure(r[j]) for r in rows[:k])]
    if len(figures) != len(named) or figures[0] == 0:
        return None
    body = [[" ".join(c for c in r[:figures[0]] if c),
             *(r[j] if j < len(r) else "" for j in figures)] for r in rows[:k]]
    header = [first.header[0], *(first.header[i] for i in named)]
    table = Table(first.caption, first.unit, header, body, False)
    return [first, table, *build_tables(raw[k:], unit=first.unit, section=first.caption)]


def row_label_and_values(table: Table, row: list[str]) -> tuple[str, list[tuple[str, str]]]:
    """(row label, [(column name, value)]) with empty cells left out: what a sentence says."""
    label = row[0] if row and not is_figure(row[0]) else ""
    start = 1 if label else 0
    pairs = []
    for i in range(start, len(row)):
        if not row[i]:
            continue
        name = table.header[i] if i < len(table.header) else ""
        pairs.append((name, row[i]))
    return label, pairs


__all__ = [
    "HEADER_WORDS",
    "RawRow",
    "build_tables",
    "clean_cell",
    "continue_regridded",
    "continue_table",
    "is_figure",
    "unit_of",
]
