"""The PDF library choice, measured: speed per page and what each reads of a key table.

Candidates (all on PyPI, none AGPL): pypdfium2 (PDFium: fast text, no tables), pdfplumber
(pdfminer.six: characters with position and font, ruled tables), and this project's reader
(pdfplumber plus knowledge/readers/: furniture, paragraphs, headings, table regrouping).
PyMuPDF is left out: AGPL.

Prints ms per page over the first N pages of each real report, then zhangjiajie's
主要会计数据和财务指标 (p.6) and icbc-2023q1's key figures (p.1) as each candidate gives them.

Usage: python bench/pdf_libraries.py [--pages N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from knowledge.documents import table_sentences
from knowledge.readers.pdf import TABLE_SETTINGS, read_pdf

REAL = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "real"
FILES = ["zhangjiajie-2016-annual.pdf", "cmbc-2021-annual.pdf", "icbc-p1-2.pdf",
         "alco-p1-4.pdf", "anxin-2012-results-press-release.pdf"]


def per_page(path: Path, pages: int) -> dict[str, float]:
    out: dict[str, float] = {}
    doc = pdfium.PdfDocument(str(path))
    n = min(pages, len(doc))
    started = time.perf_counter()
    for i in range(n):
        textpage = doc[i].get_textpage()
        textpage.get_text_range()
        for j in range(textpage.count_chars()):
            textpage.get_charbox(j)
    out["pypdfium2 text + char boxes"] = (time.perf_counter() - started) / n * 1000
    doc.close()
    with pdfplumber.open(path) as pdf:
        started = time.perf_counter()
        for page in pdf.pages[:n]:
            page.chars  # noqa: B018  (parses the page)
        out["pdfplumber chars"] = (time.perf_counter() - started) / n * 1000
        started = time.perf_counter()
        for page in pdf.pages[:n]:
            page.find_tables(TABLE_SETTINGS)
        out["pdfplumber + find_tables"] = out["pdfplumber chars"] + (
            time.perf_counter() - started) / n * 1000
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=60)
    args = ap.parse_args()
    print(f"ms per page (first {args.pages} pages)")
    for name in FILES:
        figures = per_page(REAL / name, args.pages)
        print(f"  {name}: " + ", ".join(f"{k} {v:.1f}" for k, v in figures.items()))
    for name in ("zhangjiajie-2016-annual.pdf", "cmbc-2021-annual.pdf"):
        started = time.perf_counter()
        doc = read_pdf(REAL / name)
        seconds = time.perf_counter() - started
        print(f"  {name}: this reader, whole file {seconds:.1f} s = "
              f"{seconds / doc.pages * 1000:.0f} ms/page, {len(doc.tables)} tables")

    for name, page_no, label in (("zhangjiajie-p5-7.pdf", 2, "营业收入（元）"),
                                 ("icbc-p1-2.pdf", 1, "营业收入")):
        print(f"\n== {name} p.{page_no}: the table holding {label}")
        pdf = pdfium.PdfDocument(str(REAL / name))
        text = pdf[page_no - 1].get_textpage().get_text_range()
        start = text.find(label)
        print("pypdfium2 (text only):")
        for line in text[start:start + 400].splitlines()[:10]:
            print(f"  {line}")
        with pdfplumber.open(REAL / name) as plumber:
            tables = plumber.pages[page_no - 1].find_tables(TABLE_SETTINGS)
            rows = next(t.extract() for t in tables if any(r[0] == label for r in t.extract()))
        print("pdfplumber find_tables (raw grid):")
        for row in rows[:9]:
            print(f"  {row}")
        doc = read_pdf(REAL / name)
        table = next(t for t in doc.tables if any(r[0] == label for r in t.rows))
        print(f"this reader: header {table.header}, unit {table.unit!r}")
        for sentence in table_sentences(table)[:4]:
            print(f"  {sentence}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
