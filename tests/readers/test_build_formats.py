"""Documents of every format built into one knowledge base; bad files reported, not fatal."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from knowledge import KnowledgeError, Passage, build_knowledge
from tests.readers.conftest import REAL
from tests.readers.pdfgen import image_page, make_pdf

MARKDOWN = """# 星河科技2023年年度报告

## 经营情况

星河科技2023年营业收入为12.5亿元，同比增长8%。
"""


def folder_with(tmp_path: Path, *pdfs: str) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "star.md").write_text(MARKDOWN, "utf-8")
    for name in pdfs:
        shutil.copyfile(REAL / name, folder / name)
    return folder


def test_passage_is_backward_compatible() -> None:
    passage = Passage(0, "a.md", "经营情况", 0, "营业收入为12.5亿元。")
    assert passage.page is None


def test_pdf_and_markdown_build_together_with_pages(tmp_path: Path) -> None:
    kb = build_knowledge(folder_with(tmp_path, "icbc-p1-2.pdf"))
    assert kb.documents == ["icbc-p1-2.pdf", "star.md"]
    assert kb.warnings == []
    pdf = [p for p in kb.passages if p.document == "icbc-p1-2.pdf"]
    assert pdf and all(p.page in (1, 2) for p in pdf)
    assert all(p.page is None for p in kb.passages if p.document == "star.md")
    rows = [p for p in pdf if p.text.startswith("营业收入：")]
    assert rows[0].page == 1 and rows[0].heading == "主要会计数据和财务指标"


def test_source_notes_name_the_page_only_for_paged_documents(tmp_path: Path) -> None:
    kb = build_knowledge(folder_with(tmp_path, "icbc-p1-2.pdf"))
    pdf = kb.answer("2023年1至3月归属于母公司股东的净利润是多少")
    assert "90,164百万元" in pdf.text
    assert pdf.text.endswith("（来源：icbc-p1-2.pdf 第1页 · 主要会计数据和财务指标）")
    md = kb.answer("星河科技营业收入是多少")
    assert md.text.endswith("（来源：star.md · 经营情况）")


def test_bad_files_are_reported_and_the_rest_builds(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "cib-p148-152.pdf")
    make_pdf(folder / "locked.pdf", [lambda p: p.text("机密")], encrypt="pw")
    make_pdf(folder / "scan.pdf", [image_page])
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really\n")
    docx.Document().save(str(folder / "empty.docx"))
    kb = build_knowledge(folder)
    assert kb.documents == ["cib-p148-152.pdf", "star.md"]
    problems = "\n".join(kb.warnings)
    assert "locked.pdf: encrypted PDF" in problems
    assert "scan.pdf: no text layer" in problems
    assert "broken.pdf: not a readable PDF" in problems
    assert "empty.docx: the document is empty" in problems
    assert "cib-p148-152.pdf: 第3–5页 (3 pages) decode to look-alike characters" in problems
    assert not any("癿" in p.text or "共业银行" in p.text for p in kb.passages)
    failed = {r.name for r in kb.reports if r.error}
    assert failed == {"locked.pdf", "scan.pdf", "broken.pdf", "empty.docx"}


def test_folder_where_nothing_builds_raises(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    make_pdf(folder / "locked.pdf", [lambda p: p.text("机密")], encrypt="pw")
    with pytest.raises(KnowledgeError, match=r"no document could be read: locked\.pdf: encrypted"):
        build_knowledge(folder)


def test_version_changes_with_the_pdf(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "icbc-p1-2.pdf")
    before = build_knowledge(folder).version
    shutil.copyfile(REAL / "icbc-p10.pdf", folder / "icbc-p1-2.pdf")
    assert build_knowledge(folder).version != before
