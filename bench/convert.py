"""The shared real reports converted to text as others would convert them, to score the bot on.

The held-back evaluation gives some reports "converted": not the PDF but what a converter made
of it. Three converters, none of them ours (reading with our own reader would be circular):

- ``layout``: ``pdftotext -layout`` (poppler), columns kept apart by spaces, a form feed
  between pages;
- ``raw``: plain ``pdftotext``, every cell on a line of its own;
- ``markdown``: a naive PDF-to-Markdown converter on pdfplumber: per page the page's text
  (``extract_text``) and each table (``extract_tables``) as a pipe table where it stands;
- ``pymupdf`` (optional, not a default style): pymupdf4llm's ``to_markdown``, a converter in
  wide use (``Col4`` for merged header cells, ``<br>`` in cells, a blank line after each line
  of text). It is no dependency of the project: install it apart, in the environment that
  runs this script (``pip install "pymupdf4llm<1"``; the 2.0 upload on the index is empty).

Writes ``<out>/<style>/<name>.txt`` (``.md`` for markdown and pymupdf), ``<name>`` as the QA
files name the reports, and prints only the files written. Score a folder with::

    .venv/bin/python bench/convert.py OUT
    .venv/bin/python bench/realqa.py --no-recall --folder OUT/markdown \\
        --qa-dir QA_DIR

(``--qa-dir`` a folder of links to tests/qa/real/<name>.jsonl). Converted text stays outside
the repository.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

import pdfplumber

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realqa import REAL, REPORTS

STYLES = ("layout", "raw", "markdown")
OPTIONAL = ("pymupdf",)


def pdftotext(pdf: Path, out: Path, layout: bool) -> None:
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), str(out)]
    subprocess.run(args, check=True)


def markdown(pdf: Path, out: Path) -> None:
    parts = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            found = page.find_tables()
            boxes = [t.bbox for t in found]
            # The text outside the tables, then each table at its place by its top.
            pieces: list[tuple[float, str]] = [(t.bbox[1], _pipe_table(t.extract()))
                                               for t in found]
            outside = page.filter(lambda o, boxes=boxes: not any(_inside(o, b) for b in boxes))
            for line in outside.extract_text_lines():
                pieces.append((line["top"], line["text"]))
            pieces.sort(key=lambda p: p[0])
            parts.append("\n".join(text for _, text in pieces if text))
            page.close()
    out.write_text("\n\n".join(parts) + "\n", encoding="utf-8")


def pymupdf(pdf: Path, out: Path) -> None:
    try:
        import pymupdf4llm  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise SystemExit('the pymupdf style needs pymupdf4llm, which the project does not '
                         'install: pip install "pymupdf4llm<1" (into this environment)') from None
    out.write_text(pymupdf4llm.to_markdown(str(pdf), show_progress=False), encoding="utf-8")


def _inside(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _pipe_table(rows: list[list[str | None]]) -> str:
    def row(cells: list[str | None]) -> str:
        return "| " + " | ".join((c or "").replace("\n", " ").replace("|", "\\|")
                                 for c in cells) + " |"

    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [None] * (width - len(r)) for r in rows]
    lines = [row(rows[0]), "|" + "---|" * width, *(row(r) for r in rows[1:])]
    return "\n\n" + "\n".join(lines) + "\n\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for <style>/<name>.txt|.md")
    parser.add_argument("--style", choices=STYLES + OPTIONAL, action="append",
                        help="only this style (repeatable); default the first three "
                             "(pymupdf only when asked for)")
    args = parser.parse_args()
    for style in args.style or STYLES:
        folder = args.out / style
        folder.mkdir(parents=True, exist_ok=True)
        for name, pdf_name in REPORTS.items():
            pdf = REAL / pdf_name
            out = folder / f"{name}{'.txt' if style in ('layout', 'raw') else '.md'}"
            if style == "markdown":
                markdown(pdf, out)
            elif style == "pymupdf":
                pymupdf(pdf, out)
            else:
                pdftotext(pdf, out, layout=style == "layout")
            print(out)


if __name__ == "__main__":
    main()
