"""Many reports in one knowledge base (issue 14): the real reports together, scored.

Builds one library from every shared real report (symlinks in a temporary folder, never
copies in the repository; parses cached) and prints:

- for each report's QA file (dev, or the aside files with ``--aside``): the score on its own
  report alone and in the shared library, the turns asked back ("您想问哪家公司") and the
  answers that quoted another company's document (must be 0);
- the multi-report QA file (tests/qa/real/multi.jsonl), whose questions name companies,
  periods and follow-ups across them;
- the periods QA file (tests/qa/real/multi-periods.jsonl) on a library of one company's
  periods (``PERIODS``), when every one of its reports is found;
- build and answer times.

``--extra DIR`` (repeatable) adds every PDF of DIR to the shared library: further periods of
the same banks (tests/fixtures/real/README.md says where they come from), which
``multi.jsonl`` and ``multi-periods.jsonl`` need.

``--folder DIR --qa-dir QA`` puts the reports ``DIR/<name>.pdf`` (or .md, .txt …) of every
``QA/<name>.jsonl`` into one library instead — the held-out or blind reports together, as the
issue's held-back measure does — and scores each file alone and shared (score only).

A question asked back ("您想问哪家公司") is answered as a follower would, with the company's
name alone, and the reply to that is scored; the asked-back column counts them.

    .venv/bin/python bench/multiqa.py [--extra DIR] [--aside] [-v] [--cache DIR]
    .venv/bin/python bench/multiqa.py --folder DIR --qa-dir tests/qa/real/heldout
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.realqa import QA, REAL, REPORTS, folder_of, reports_of  # noqa: E402
from bot.cli.knowledge import load_dialogues, turn_failures  # noqa: E402
from knowledge import Context, Library, build_library  # noqa: E402

# multi-periods.jsonl asks about three periods of one company: these reports alone.
PERIODS = ("cmbc-2021-annual.pdf", "cmbc-2022h1.pdf", "cmbc-2023q1.pdf")


def run(library: Library, path: Path, own: set[str] | None, verbose: bool,
        times: list[float], name: str = "") -> tuple[int, int, int, int]:
    """(passed, total, asked back, crossed) over one QA file; a question asked back is
    answered with ``name`` (the company's) when one is given."""
    passed = total = asked = crossed = 0
    for dialogue in load_dialogues(path):
        context: Context | None = None
        for turn in dialogue.turns:
            started = time.perf_counter()
            answer = library.answer(turn.q, context)
            times.append(time.perf_counter() - started)
            if answer.kind == "clarify" and name:
                asked += 1
                answer = library.answer(name, answer.context)
            elif answer.kind == "clarify":
                asked += 1
            context = answer.context
            total += 1
            why = turn_failures(turn, answer.text)
            passed += not why
            if own is not None and {p.document for p, _ in answer.matches} - own:
                crossed += 1
                print(f"  CROSSED {dialogue.id}: {turn.q} -> {answer.text[:80]}")
            if why and verbose:
                print(f"  FAIL {dialogue.id}: {turn.q}\n    {answer.text[:200]!r}\n    {why}")
    return passed, total, asked, crossed


def build_shared(tmp: Path, reports: list[Path], cache: Path) -> Library:
    """One library of ``reports``, printed company by company with its reports."""
    started = time.perf_counter()
    shared = build_library(folder_of(tmp, "all", reports), cache)
    built = time.perf_counter() - started
    print(f"one library of {len(reports)} reports: {len(shared.shelves)} companies, "
          f"built in {built:.1f} s (parse cache {cache})")
    for shelf in shared.shelves:
        labels = ", ".join(shelf.identities[d].label for d in shelf.documents)
        print(f"  {shelf.name}: {labels}")
    print(f"\n{'QA file':<26} {'alone':>9} {'shared':>9} {'asked back':>10} {'crossed':>8}")
    return shared


def alone_and_shared(tmp: Path, name: str, report: Path, shared: Library, path: Path,
                     args: argparse.Namespace, times: list[float]) -> tuple[int, ...]:
    """One QA file on its report alone and in ``shared``, printed as a row: (alone passed,
    shared passed, turns, asked back, crossed)."""
    alone_lib = build_library(folder_of(tmp, name, [report]), args.cache)
    a_pass, a_total, _, _ = run(alone_lib, path, None, False, [])
    shelf = next(s for s in shared.shelves if report.name in s.documents)
    s_pass, s_total, asked, crossed = run(shared, path, set(shelf.documents), args.verbose,
                                          times, shelf.name)
    print(f"{name:<26} {a_pass:>3}/{a_total:<3}{100 * a_pass / a_total:>3.0f}% "
          f"{s_pass:>3}/{s_total:<3}{100 * s_pass / s_total:>3.0f}% {asked:>10} {crossed:>8}")
    return a_pass, s_pass, a_total, asked, crossed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--aside", action="store_true", help="score the aside files")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "caibao-pc")
    parser.add_argument("--extra", type=Path, action="append", default=[], metavar="DIR",
                        help="add the PDFs of DIR to the shared library (repeatable)")
    parser.add_argument("--folder", type=Path, help="one library of the reports of DIR")
    parser.add_argument("--qa-dir", type=Path, default=QA, help="with --folder: the QA files")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if args.folder is not None:
        return folder_main(args)
    extra = sorted(p.resolve() for d in args.extra for p in d.glob("*.pdf"))
    every = [*((REAL / r).resolve() for r in REPORTS.values()), *extra]
    logging.getLogger("jieba").setLevel(logging.WARNING)
    args.cache.mkdir(parents=True, exist_ok=True)
    times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="caibao-multi-") as tmp_name:
        tmp = Path(tmp_name)
        shared = build_shared(tmp, every, args.cache)
        sub = "aside/" if args.aside else ""
        for name, pdf in REPORTS.items():
            alone_and_shared(tmp, name, (REAL / pdf).resolve(), shared,
                             QA / f"{sub}{name}.jsonl", args, times)
        multi = QA / "multi.jsonl"
        m_pass, m_total, m_asked, _ = run(shared, multi, None, args.verbose, times)
        print(f"{'multi.jsonl':<26} {'':>9} {m_pass:>3}/{m_total:<3}"
              f"{100 * m_pass / m_total:>3.0f}% {m_asked:>10}")
        found = {p.name: p for p in every}
        missing = [name for name in PERIODS if name not in found]
        if missing:
            print(f"{'multi-periods.jsonl':<26} skipped: no {', '.join(missing)} (--extra)")
        else:
            started = time.perf_counter()
            periods = build_library(folder_of(tmp, "periods", [found[n] for n in PERIODS]),
                                    args.cache)
            p_built = time.perf_counter() - started
            p_pass, p_total, p_asked, _ = run(periods, QA / "multi-periods.jsonl", None,
                                              args.verbose, times)
            print(f"{'multi-periods.jsonl':<26} {'':>9} {p_pass:>3}/{p_total:<3}"
                  f"{100 * p_pass / p_total:>3.0f}% {p_asked:>10}   "
                  f"({len(PERIODS)} reports, built in {p_built:.1f} s)")
    times.sort()
    print(f"\nanswer latency over {len(times)} turns: p50 {statistics.median(times) * 1000:.1f} ms,"
          f" p99 {times[int(len(times) * 0.99) - 1] * 1000:.1f} ms")
    return 0


def folder_main(args: argparse.Namespace) -> int:
    """Every report of ``--folder`` in one library; each QA file alone and shared."""
    reports = reports_of(args.folder, args.qa_dir)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    args.cache.mkdir(parents=True, exist_ok=True)
    times: list[float] = []
    sums = [0, 0, 0, 0, 0]
    with tempfile.TemporaryDirectory(prefix="caibao-multi-") as tmp_name:
        tmp = Path(tmp_name)
        shared = build_shared(tmp, list(reports.values()), args.cache)
        for name, report in reports.items():
            row = alone_and_shared(tmp, name, report, shared, args.qa_dir / f"{name}.jsonl",
                                   args, times)
            sums = [a + b for a, b in zip(sums, row, strict=True)]
    a_pass, s_pass, total, asked, crossed = sums
    print(f"{'all':<26} {a_pass:>3}/{total:<3}{100 * a_pass / total:>3.0f}% "
          f"{s_pass:>3}/{total:<3}{100 * s_pass / total:>3.0f}% {asked:>10} {crossed:>8}")
    times.sort()
    print(f"\nanswer latency over {len(times)} turns: p50 {statistics.median(times) * 1000:.1f} ms,"
          f" p99 {times[int(len(times) * 0.99) - 1] * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
