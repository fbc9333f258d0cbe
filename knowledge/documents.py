"""Documents read from PDF, HTML or DOCX as the build's paragraphs: (heading, text, page).

Paragraphs pass through; headings set the section of what follows (its numbering dropped, so a
source note reads "第6页 · 主要会计数据和财务指标"); every table row becomes one sentence, as
knowledge/markdown.py does for Markdown tables, with the unit attached to bare figures::

    营业收入（元）：2016年 592,183,264.90元，2015年 674,880,017.98元，本年比上年增减 -12.25%。

The unit comes from the row label ("（元）", "（元/股）"), the column header ("比上年增减（％）")
or the table's caption ("单位：元"); a rate, ratio or change is never given the table's money
unit. A key/value row reads "label：value。".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from knowledge.markdown import strip_list_marker
from knowledge.readers.model import Document, Table
from knowledge.readers.tables import column_names_row, is_figure

_LABEL_UNIT_RE = re.compile(
    r"[（(]\s*(?:单位\s*[:：]\s*)?((?:人民币|港币)?(?:千|万|百万|千万|亿)?(?:元|港元|美元)"
    r"(?:/股)?|%|％|股|万股|亿股|倍|个百分点|户|人)\s*(?:[,，][^）)]*)?[）)]"
)
_NO_MONEY_RE = re.compile(r"率|比例|比率|比重|倍|每股|人数|户数|股数|%|％|增减|变动|变化|同比|环比")
MAX_ROW = 140  # under the build's 150-character passage limit (knowledge/text.py)
_NOTE_RE = re.compile(r"附[註注][一二三四五六七八九十]{0,3}|注释|註釋|注|note|notes", re.IGNORECASE)
_CURRENCY_RE = re.compile(r"^(?:人民币|港币)")
# A heading that states a value ("（股份代號：328）", "股票代码：000430"): a cover's key line set
# in bold, which is content as much as a heading.
_STATED_RE = re.compile(r"^[（(]?[^：:，。（）()]{2,12}[：:]\s*[^：:，。]{1,40}?[）)]?$")
_TITLE_MARK_RE = re.compile(r"^第[一二三四五六七八九十百\d]+[节章部篇](?:分)?\s*")


@dataclass(frozen=True)
class DocumentReport:
    """What ``kb check`` prints for one document."""

    name: str
    format: str
    pages: int = 0
    paragraphs: int = 0
    tables: int = 0
    figures: int = 0
    cached: bool = False
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    @classmethod
    def of_text(cls, name: str, fmt: str, paragraphs: int) -> DocumentReport:
        return cls(name, fmt, paragraphs=paragraphs)

    @classmethod
    def failed(cls, name: str, error: str, cached: bool = False) -> DocumentReport:
        return cls(name, name.rsplit(".", 1)[-1].lower(), cached=cached, error=error)

    @classmethod
    def of_document(cls, doc: Document, paragraphs: int, cached: bool) -> DocumentReport:
        figures = sum(1 for t in doc.tables for r in t.rows for c in r if is_figure(c))
        return cls(doc.name, doc.format, doc.pages, paragraphs, len(doc.tables), figures,
                   cached, list(doc.dropped), list(doc.warnings))


class DocParagraph(NamedTuple):
    heading: str
    text: str
    page: int | None


def document_paragraphs(doc: Document) -> tuple[str, list[DocParagraph]]:
    """(title, paragraphs in reading order) of a document read by knowledge/readers."""
    title = ""
    heading = ""
    out: list[DocParagraph] = []
    for block in doc.blocks:
        if block.kind == "heading":
            text = section_name(block.text)
            if not title and block.level <= 2:
                title = block.text
            if text:
                heading = text
            if _STATED_RE.match(block.text.strip()):
                out.append(DocParagraph(heading, block.text.strip(), block.page))
            continue
        if block.table is not None:
            for sentence in table_sentences(block.table):
                out.append(DocParagraph(heading, sentence, block.page))
            continue
        text = strip_list_marker(block.text)
        if text:
            out.append(DocParagraph(heading, text, block.page))
    return title or doc.name, out


def section_name(heading: str) -> str:
    """A heading without its numbering: "六、主要会计数据和财务指标" → "主要会计数据和财务指标"."""
    text = _TITLE_MARK_RE.sub("", heading.strip())
    return strip_list_marker(text).strip() or heading.strip()


def table_sentences(table: Table) -> list[str]:
    """One sentence per data row."""
    sentences = []
    header = table.header
    named = not table.key_value
    merging = False  # the row before was a header row too (a name wrapped over two rows)
    for row in table.rows:
        if not any(row):
            continue
        if column_names_row(row) or (merging and not row[0] and not any(map(is_figure, row))):
            header = [f"{a} {b}".strip() for a, b in zip(header, row, strict=False)] + \
                row[len(header):] if merging and not row[0] else list(row)
            named = merging = True
            continue
        merging = False
        label = row[0] if row and not is_figure(row[0]) else ""
        start = 1 if label else 0
        parts = []
        for i in range(start, len(row)):
            value = row[i]
            if not value:
                continue
            name = header[i] if i < len(header) and named else ""
            if _NOTE_RE.fullmatch(name):
                continue  # a note reference (附註 3) says nothing about the row
            if table.unit and name.endswith(" " + table.unit):
                name = name[: -len(table.unit) - 1]  # "二零二五年 千港元": the unit goes behind
            value = _with_unit(value, label, name, table.unit)
            parts.append(f"{name} {value}" if name and name != value else value)
        if not parts:
            continue  # a label without figures heads the rows below it, or is nil
        head = f"{label.rstrip('：:')}：" if label else ""
        # A wide row is said in several sentences, each naming the row: a passage cut from
        # its middle ("净利润 -18,421,391.41元") would not say whose figure it is.
        chunk: list[str] = []
        for part in (p.rstrip("。；;，,") for p in parts):
            if chunk and len(head) + sum(len(c) + 1 for c in chunk) + len(part) > MAX_ROW:
                sentences.append(head + "，".join(chunk) + "。")
                chunk = []
            chunk.append(part)
        sentences.append(head + "，".join(chunk) + "。")
    return sentences


def _with_unit(value: str, label: str, column: str, table_unit: str) -> str:
    """A bare figure with the unit its row, column or table states."""
    if not is_figure(value) or value.endswith(("%", "％")):
        return value
    for source in (column, label):  # 增减(%) says more about its cells than the row's （元）
        m = _LABEL_UNIT_RE.search(source)
        if m:
            return value + m.group(1).replace("％", "%")
    if table_unit in ("%", "％"):
        return value + "%"  # 资产质量指标(%): every bare figure is a percentage
    if table_unit and not _NO_MONEY_RE.search(label + column):
        return value + _CURRENCY_RE.sub("", table_unit)
    return value
