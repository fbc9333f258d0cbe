"""Readers for the report formats: PDF, HTML, DOCX, and text converted from a paged report.

Each reader turns a file into a :class:`Document` (headings, paragraphs, tables in reading
order, knowledge/readers/model.py). ``read_document`` picks the reader by the file's suffix.
``PARSER_VERSION`` is stored with every cached parse (knowledge/parsecache.py): change it
whenever a reader's output changes, so cached documents are read again.
"""

from __future__ import annotations

from pathlib import Path

from knowledge.readers.model import Block, Document, ReadError, Table

PARSER_VERSION = "41"
READ_SUFFIXES: dict[str, str] = {".pdf": "pdf", ".html": "html", ".htm": "html", ".docx": "docx"}
# Text converted from a paged report (knowledge/readers/text.py ``laid_out``) is read here too.
CONVERTED_SUFFIXES = (".txt", ".md")


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
    if path.suffix.lower() in CONVERTED_SUFFIXES:
        from knowledge.readers.text import read_text

        try:
            raw = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ReadError(f"not UTF-8 text ({exc.reason})") from exc
        return read_text(path.name, raw, path.suffix[1:].lower())
    raise ReadError(f"no reader for {path.suffix!r} files")


__all__ = ["CONVERTED_SUFFIXES", "PARSER_VERSION", "READ_SUFFIXES", "Block", "Document",
           "ReadError", "Table", "read_document"]
