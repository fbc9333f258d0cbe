"""HTML reports read with BeautifulSoup (lxml's parser when installed, else html.parser).

Headings are ``h1``–``h6`` (and short paragraphs numbered like headings: 一、, （一）), tables
are ``<table>`` with ``colspan``/``rowspan`` spread over the grid the way the PDF reader
delivers merged cells, everything else that holds text is a paragraph. Scripts, styles and
navigation are not content.
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from knowledge.readers.lines import collapse, heading_level
from knowledge.readers.model import Block, Document, ReadError
from knowledge.readers.tables import build_tables

_SKIP = frozenset({"script", "style", "nav", "header", "footer", "noscript", "template",
                   "head", "title", "meta", "link", "iframe", "svg", "button", "form"})
_BLOCK = frozenset({"p", "li", "dd", "dt", "pre", "blockquote", "address", "figcaption",
                    "caption", "td", "th"})
_CONTAINERS = frozenset({"div", "section", "article", "main", "body", "ul", "ol", "dl",
                         "figure", "aside", "center", "span", "font", "html", "[document]"})


def read_html(path: Path) -> Document:
    """Read an HTML report; raises ReadError when it holds no text."""
    raw = path.read_bytes()
    try:
        soup = BeautifulSoup(raw, "lxml")
    except Exception:  # lxml missing: the standard library's parser reads the same tags
        soup = BeautifulSoup(raw, "html.parser")
    blocks: list[Block] = []
    _walk(soup, blocks)
    if not any(b.text or b.table for b in blocks):
        raise ReadError("no text in this HTML file: save the report page itself, not a frame "
                        "or a script-built page")
    return Document(path.name, "html", 0, blocks, [], [])


def _walk(node: Tag, blocks: list[Block]) -> None:
    inline: list[str] = []

    def flush() -> None:
        text = collapse(" ".join(inline))
        inline.clear()
        if text:
            _paragraph(text, blocks)

    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString and child.strip():
                inline.append(str(child))
            continue
        if not isinstance(child, Tag) or child.name in _SKIP:
            continue
        name = child.name
        if len(name) == 2 and name[0] == "h" and name[1] in "123456":
            flush()
            text = collapse(child.get_text(""))
            if text:
                blocks.append(Block("heading", None, text, int(name[1])))
        elif name == "table":
            flush()
            _table(child, blocks)
        elif name in _BLOCK:
            flush()
            if child.find(["table", "p", "div"]):
                _walk(child, blocks)
            else:
                _paragraph(collapse(child.get_text("")), blocks)
        elif name in _CONTAINERS and child.find(
            ["p", "div", "table", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br"]
        ):
            flush()
            _walk(child, blocks)
        elif name == "br":
            flush()
        else:
            inline.append(child.get_text(" "))
    flush()


def _paragraph(text: str, blocks: list[Block]) -> None:
    text = collapse(text)
    if not text:
        return
    level = heading_level(text)
    blocks.append(Block("heading" if level else "paragraph", None, text, level))


def _table(table: Tag, blocks: list[Block]) -> None:
    grid = table_grid(table)
    caption_tag = table.find("caption")
    caption = collapse(caption_tag.get_text(" ")) if caption_tag else ""
    above = caption
    if not above:
        prev = table.find_previous_sibling(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6"])
        above = prev.get_text("\n") if prev else ""
    section = next((b.text for b in reversed(blocks) if b.kind == "heading"), "")
    for t in build_tables(grid, above, section=section):
        blocks.append(Block("table", None, t.caption, 0, t))


def table_grid(table: Tag) -> list[list[str | None]]:
    """A ``<table>``'s rows of cell texts, a merged cell's other grid positions ``None`` (as
    the PDF reader delivers merged cells); also read for the ``<table>`` blocks that Markdown
    converters (MinerU) write (knowledge/readers/text.py)."""
    grid: list[list[str | None]] = []
    pending: dict[tuple[int, int], bool] = {}  # (row, col) covered by a rowspan above
    for r, tr in enumerate(table.find_all("tr")):
        row: list[str | None] = []
        col = 0
        for cell in tr.find_all(["td", "th"], recursive=False):
            while pending.pop((r, col), False):
                row.append(None)
                col += 1
            text = "\n".join(s.strip() for s in cell.get_text("\n").splitlines() if s.strip())
            span = _int(cell.get("colspan"))
            down = _int(cell.get("rowspan"))
            row.append(text)
            row.extend([None] * (span - 1))
            for c in range(col, col + span):
                for d in range(1, down):
                    pending[(r + d, c)] = True
            col += span
        while pending.pop((r, col), False):
            row.append(None)
            col += 1
        grid.append(row)
    return grid


def _int(value: object) -> int:
    try:
        return max(1, min(int(str(value)), 50))
    except (TypeError, ValueError):
        return 1
