"""What the console says about each document of a knowledge version.

Every per-document detail the console shows comes from :func:`document_reports` and
:func:`document_sections`, so they can later be pointed at richer per-document reports (a
reader's pages, tables and warnings) without touching the pages.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from knowledge import Library
from knowledge.identity import KINDS, Identity

FORMATS = {".md": "Markdown", ".txt": "文本", ".pdf": "PDF", ".docx": "DOCX", ".html": "HTML",
           ".htm": "HTML"}


@dataclass
class DocumentReport:
    name: str
    format: str
    company: str
    period: str
    passages: int
    read: bool = True
    warnings: list[str] = field(default_factory=list)


@dataclass
class Section:
    """Consecutive passages under one heading (or page, where a reader knows pages)."""

    title: str
    passages: list[str]


def period_label(ident: Identity) -> str:
    year = f"{ident.year}年" if ident.year else ""
    kind = KINDS.get(ident.kind or "", "")
    return f"{year}{kind}" or "未知报告期"


def document_reports(lib: Library | None, folder: Path | None = None) -> list[DocumentReport]:
    """One report per document of ``lib``, plus the report files of ``folder`` the build did
    not read (a format no reader handles yet)."""
    reports: list[DocumentReport] = []
    counts: Counter[str] = Counter()
    read: set[str] = set()
    # What the readers found per document: pages, tables, dropped running headers, warnings,
    # and why a file could not be read at all.
    found = {r.name: r for r in lib.reports} if lib is not None else {}
    if lib is not None:
        for shelf in lib.shelves:
            counts.update(p.document for p in shelf.kb.passages)
        for shelf in lib.shelves:
            for name in shelf.documents:
                ident = shelf.identities.get(name, Identity())
                warnings = [f"读不出{'、'.join(ident.notes)}"] if ident.notes else []
                if name in found:
                    report = found[name]
                    warnings.extend(report.warnings)
                    if report.pages:
                        warnings.insert(0, f"{report.pages}页，{report.tables}个表格")
                # A document whose company cannot be read is filed with the shelf's.
                company = ident.name or shelf.identity.name or "未知公司"
                reports.append(DocumentReport(
                    name, FORMATS.get(Path(name).suffix.lower(), "文本"), company,
                    period_label(ident), counts[name], True, warnings))
                read.add(name)
    if folder is not None and folder.is_dir():
        for path in sorted(folder.iterdir()):
            suffix = path.suffix.lower()
            if path.is_file() and path.name not in read and suffix in (".pdf", ".docx",
                                                                       ".html", ".htm"):
                failed = found.get(path.name)
                why = failed.error if failed is not None and failed.error else "未能读取"
                reports.append(DocumentReport(path.name, FORMATS[suffix], "-", "-", 0, False,
                                              [f"未收入知识库：{why}"]))
    return reports


def document_sections(lib: Library, name: str) -> list[Section] | None:
    """What the bot read from one document, in order: its passages (sentences, and table
    rows as sentences, as it quotes them) grouped by page where known, else by heading.
    ``None`` when the version has no such document."""
    if name not in lib.documents:
        return None
    passages = sorted((p for shelf in lib.shelves for p in shelf.kb.passages
                       if p.document == name), key=lambda p: p.position)
    sections: list[Section] = []
    for p in passages:
        page = getattr(p, "page", None)
        title = f"第{page}页" if page else (p.heading or "（无标题）")
        if not sections or sections[-1].title != title:
            sections.append(Section(title, []))
        sections[-1].passages.append(p.text)
    return sections


def check_summary(lib: Library | None, folder: Path | None, error: str = "") -> dict[str, object]:
    """A version's check, as the upload page shows it (and as it is kept, as JSON)."""
    docs = document_reports(lib, folder)
    matrix: dict[str, list[str]] = {}
    for d in docs:
        if d.read:
            periods = matrix.setdefault(d.company, [])
            if d.period not in periods:
                periods.append(d.period)
    warnings = [f"{d.name}：{w}" for d in docs for w in d.warnings]
    if lib is not None:
        warnings += [w for w in lib.warnings if w not in warnings]
    return {
        "version": lib.version if lib is not None else "",
        "documents": [d.__dict__ for d in docs],
        "passages": sum(d.passages for d in docs),
        "companies": [{"company": c, "periods": p} for c, p in matrix.items()],
        "warnings": warnings,
        "errors": [error] if error else [],
    }
