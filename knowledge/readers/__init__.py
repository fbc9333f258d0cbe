"""Readers for the report formats besides Markdown and plain text: PDF, HTML, DOCX.

Each reader turns a file into a :class:`Document` (headings, paragraphs, tables in reading
order, knowledge/readers/model.py). ``read_document`` picks the reader by the file's suffix.
``PARSER_VERSION`` is stored with every cached parse (knowledge/parsecache.py): change it
whenever a reader's output changes, so cached documents are read again.
"""

from __future__ import annotations

from pathlib import Path

from knowledge.readers.model import Block, Document, ReadError, Table

PARSER_VERSION = "3"
READ_SUFFIXES: dict[str, str] = {".pdf": "pdf", ".html": "html", ".htm": "html", ".docx": "docx"}


def read_document(path: Path) -> Document:
    """Read ``path`` with the reader for its format; raises ReadError when it cannot."""
    kind = READ_SUFFIXES.get(path.suffix.lower())
    if kind == "pdf":
        from knowledge.readers.pdf import read_pdf

        return read_pdf(path)
    if kind == "html":
        from knowledge.readers.html import read_html

        return read_html(path)
    if kind == "docx":
        from knowledge.readers.docx import read_docx

        return read_docx(path)
    raise ReadError(f"no reader for {path.suffix!r} files")


__all__ = ["PARSER_VERSION", "READ_SUFFIXES", "Block", "Document", "ReadError", "Table",
           "read_document"]
