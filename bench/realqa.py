"""Score the real-report QA sets (tests/qa/real) against the shared real PDFs.

One knowledge folder per report is made in a temporary directory (a symlink to the shared
PDF, never a copy in the repository), built once with a parse cache, and every QA file for
that report is scored: the dev file and, with ``--aside``, the file kept aside (score only —
never tune on its failures). Prints per-file and per-category scores, and the fact recall on
each report's key-figures table (bench/facts.py).

With ``--folder DIR`` the reports are not the shared six but the PDFs of DIR, one per QA file
of ``--qa-dir``: ``<qa-dir>/<name>.jsonl`` is scored against ``DIR/<name>.pdf`` (the held-out
files in tests/qa/real/heldout, whose PDFs are kept outside the repository).

    .venv/bin/python bench/realqa.py [--aside] [--only zhangjiajie-2016] [-v]
        [--cache CACHE_DIR]
    .venv/bin/python bench/realqa.py --folder DIR --qa-dir tests/qa/real/heldout [-v]
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.cli.knowledge import Dialogue, Turn, load_dialogues, score_dialogues  # noqa: E402
from knowledge import Answer, KnowledgeBase, build_knowledge  # noqa: E402
from knowledge.parsecache import parse_files  # noqa: E402

REAL = ROOT / ".." / "shared" / "reports-real"
QA = ROOT / "tests" / "qa" / "real"
REPORTS = {
    "zhangjiajie-2016": "zhangjiajie-2016-annual.pdf",
    "cmbc-2021": "cmbc-2021-annual.pdf",
    "icbc-2023q1": "icbc-2023q1.pdf",
    "alco-fy2025": "alco-fy2025-annual-results.pdf",
    "anxin-2012": "anxin-2012-results-press-release.pdf",
    "cib-2022": "cib-2022-annual.pdf",
}


def folder_of(tmp: Path, name: str, pdfs: list[str] | list[Path], source: Path = REAL) -> Path:
    """A knowledge folder ``tmp/name`` of symlinks to reports in ``source`` (never copies
    here): names of reports there, or paths of reports elsewhere."""
    folder = tmp / name
    folder.mkdir()
    for pdf in pdfs:
        path = (source / pdf).resolve()
        if not path.is_file():
            raise SystemExit(f"missing report {path}")
        (folder / Path(pdf).name).symlink_to(path)
    return folder


def reports_of(folder: Path | None, qa_dir: Path) -> dict[str, Path]:
    """Report name → its file: the shared six, or with a folder each ``<qa_dir>/<name>.jsonl``
    paired with ``<folder>/<name>.pdf`` (or .md, .txt, .html, .docx: a converted report)."""
    if folder is None:
        return {name: REAL / pdf for name, pdf in REPORTS.items()}
    names = sorted(path.stem for path in qa_dir.glob("*.jsonl"))
    if not names:
        raise SystemExit(f"no QA files in {qa_dir}")
    # The report as published (PDF) or converted (Markdown, text, HTML, DOCX): the first found.
    return {name: next((p for p in (folder / f"{name}{ext}" for ext in
                                    (".pdf", ".md", ".txt", ".html", ".htm", ".docx"))
                        if p.exists()), folder / f"{name}.pdf") for name in names}


def build_one(name: str, pdf: Path, tmp: Path, cache: Path) -> KnowledgeBase:
    return build_knowledge(folder_of(tmp, name, [pdf.name], pdf.parent), cache_dir=cache)


def score(kb: KnowledgeBase, path: Path, verbose: bool) -> tuple[int, int, dict[str, list[int]]]:
    def show(dialogue: Dialogue, i: int, turn: Turn, answer: Answer, why: list[str]) -> None:
        print(f"  FAIL {dialogue.id} turn {i}: {turn.q}")
        print(f"    reply: {answer.text.replace(chr(10), ' / ')[:300]}")
        print(f"    why: {'; '.join(why)}")

    return score_dialogues(kb, load_dialogues(path), show if verbose else None)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--aside", action="store_true", help="score the aside files (only)")
    parser.add_argument("--only", action="append", default=[], help="report name(s)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "caibao-pc")
    parser.add_argument("--no-recall", action="store_true", help="skip the fact recall")
    parser.add_argument("-v", "--verbose", action="store_true", help="print failing turns")
    parser.add_argument("--folder", type=Path,
                        help="score the reports DIR/<name>.pdf (or .md, .txt …) of this folder")
    parser.add_argument("--qa-dir", type=Path, default=QA, help="where the <name>.jsonl files are")
    args = parser.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    args.cache.mkdir(parents=True, exist_ok=True)
    reports = reports_of(args.folder, args.qa_dir)
    unknown = [name for name in args.only if name not in reports]
    if unknown:
        raise SystemExit(f"unknown report(s): {', '.join(unknown)}")
    names = args.only or list(reports)
    grand = [0, 0]
    cats: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            qa_dir = args.qa_dir / "aside" if args.aside else args.qa_dir
            qa = qa_dir / f"{name}.jsonl"
            if args.aside and not qa.exists():
                print(f"== {name}: nothing kept aside (a dev-only file)")
                continue
            kb = build_one(name, reports[name], Path(tmp), args.cache)
            print(f"== {_shown(qa)}")
            ok, n, per_cat = score(kb, qa, args.verbose)
            grand[0] += ok
            grand[1] += n
            for cat, (c_ok, c_n) in per_cat.items():
                print(f"   {cat}: {c_ok}/{c_n}")
                agg = cats.setdefault(cat, [0, 0])
                agg[0] += c_ok
                agg[1] += c_n
            print(f"   {name}: {ok}/{n} ({100.0 * ok / n:.1f}%)")
            if not args.no_recall:
                _recall(kb, reports[name], args.cache)
    label = "aside" if args.aside else "dev" if args.folder is None else _shown(args.qa_dir)
    print(f"== all {label}")
    for cat, (ok, n) in sorted(cats.items()):
        print(f"   {cat}: {ok}/{n} ({100.0 * ok / n:.1f}%)")
    print(f"   total: {grand[0]}/{grand[1]} ({100.0 * grand[0] / max(grand[1], 1):.1f}%)")
    return 0


def _shown(path: Path) -> str:
    """A path as printed: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _recall(kb: KnowledgeBase, pdf: Path, cache: Path) -> None:
    from bench.facts import line

    parsed = parse_files([pdf.resolve()], cache)[0]
    if parsed.document is not None:
        facts = [f for f in kb.facts if f.document == pdf.name]
        print("   " + line(parsed.document, facts))


if __name__ == "__main__":
    sys.exit(main())
