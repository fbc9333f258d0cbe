"""Fact recall on the key-figures tables (主要会计数据和财务指标 / 主要财务数据 / 表現摘要 /
財務亮點) of the shared real reports.

Every figure cell of such a table, as the reader delivered it, should be one fact: its row
label × its column (period or change). A cell counts as found when a fact of the same page
carries its value from the same row label. Cells the reader delivered without a row label (a
table it could not read as a grid) count as missed: a figure without its metric is no fact.

    .venv/bin/python bench/facts.py [--cache DIR]

bench/realqa.py prints the same line per report.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge.documents import section_name  # noqa: E402
from knowledge.facts import (  # noqa: E402
    _KEY_TABLE_RE,
    Fact,
    _rows,
    _year_row,
    document_facts,
    parse_value,
)
from knowledge.parsecache import parse_files  # noqa: E402
from knowledge.readers.model import Document, Table  # noqa: E402
from knowledge.text import normalize  # noqa: E402

REAL = ROOT / ".." / "shared" / "reports-real"


def key_tables(doc: Document) -> list[tuple[int | None, Table]]:
    """(page, table) of every table in a key-figures section or with a key-figures caption."""
    out = []
    in_key = after_key = False
    for block in doc.blocks:
        if block.kind == "heading":
            in_key = bool(_KEY_TABLE_RE.search(normalize(section_name(block.text))))
        elif block.table is not None:
            caption = normalize(block.table.caption)
            if in_key or after_key or _KEY_TABLE_RE.search(caption):
                out.append((block.page, block.table))
            rows = block.table.rows
            # "財務亮點" as the last line of a letterhead block heads the next table.
            after_key = block.table.key_value and bool(rows) and bool(
                _KEY_TABLE_RE.search(normalize(" ".join(rows[-1]))))
    return out


def recall(doc: Document, facts: list[Fact]) -> tuple[int, int, int]:
    """(cells found as facts, figure cells, key tables)."""
    have = {(f.page, f.label.strip().rstrip("*"), f.value) for f in facts}
    # A column the reader delivered apart from its labels (knowledge/facts.py _Repair) is
    # found when its value became a fact of that column on the page.
    loose = {(f.page, f.column.strip(), f.value) for f in facts}
    tables = key_tables(doc)
    found = total = 0
    for page, table in tables:
        head = table.rows[0][0].strip() if table.key_value and table.rows and table.rows[0] \
            else ""
        # Rows as the extraction sees them: a merged row split back, header rows of years
        # left out (they are column names, not figures).
        for row in _rows(table):
            if row and not row[0].strip() and _year_row(row):
                continue
            label = row[0].strip().rstrip("*") if row and parse_value(row[0]) is None else ""
            for cell in row[1:] if label else row:
                if parse_value(cell) is None:
                    continue
                total += 1
                if (label and (page, label, cell.strip()) in have) or (
                        not label and head and (page, head, cell.strip()) in loose):
                    found += 1
    return found, total, len(tables)


def line(doc: Document, facts: list[Fact]) -> str:
    found, total, tables = recall(doc, facts)
    if not total:
        return f"fact recall (key-figures tables): no key-figures table read ({tables} tables)"
    return (f"fact recall (key-figures tables): {found}/{total} cells "
            f"({100.0 * found / total:.1f}%) in {tables} tables")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "caibao-pc")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    pdfs = sorted(REAL.resolve().glob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"no shared reports in {REAL.resolve()}")
    grand = [0, 0]
    for parsed in parse_files(pdfs, args.cache):
        if parsed.document is None:
            print(f"{parsed.path.name}: not read ({parsed.error})")
            continue
        facts = document_facts(parsed.document)
        found, total, _ = recall(parsed.document, facts)
        grand[0] += found
        grand[1] += total
        print(f"{parsed.path.name}: {len(facts)} facts; {line(parsed.document, facts)}")
    print(f"all: {grand[0]}/{grand[1]} key-figure cells are facts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
