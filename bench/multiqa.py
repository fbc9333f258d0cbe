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

    .venv/bin/python bench/multiqa.py [--extra DIR] [--aside] [-v] [--cache DIR]
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

from bench.realqa import QA, REAL, REPORTS, folder_of  # noqa: E402
from bot.cli.knowledge import load_dialogues, turn_failures  # noqa: E402
from knowledge import Context, Library, build_library  # noqa: E402

# multi-periods.jsonl asks about three periods of one company: these reports alone.
PERIODS = ("cmbc-2021-annual.pdf", "cmbc-2022h1.pdf", "cmbc-2023q1.pdf")


def run(library: Library, path: Path, own: set[str] | None, verbose: bool,
        times: list[float]) -> tuple[int, int, int, int]:
    """(passed, total, asked back, crossed) over one QA file."""
    passed = total = asked = crossed = 0
    for dialogue in load_dialogues(path):
        context: Context | None = None
        for turn in dialogue.turns:
            started = time.perf_counter()
            answer = library.answer(turn.q, context)
            times.append(time.perf_counter() - started)
            context = answer.context
            total += 1
            why = turn_failures(turn, answer.text)
            passed += not why
            asked += answer.kind == "clarify"
            if own is not None and {p.document for p, _ in answer.matches} - own:
                crossed += 1
                print(f"  CROSSED {dialogue.id}: {turn.q} -> {answer.text[:80]}")
            if why and verbose:
                print(f"  FAIL {dialogue.id}: {turn.q}\n    {answer.text[:200]!r}\n    {why}")
    return passed, total, asked, crossed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--aside", action="store_true", help="score the aside files")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "caibao-pc")
    parser.add_argument("--extra", type=Path, action="append", default=[], metavar="DIR",
                        help="add the PDFs of DIR to the shared library (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    extra = sorted(p.resolve() for d in args.extra for p in d.glob("*.pdf"))
    every = [*((REAL / r).resolve() for r in REPORTS.values()), *extra]
    logging.getLogger("jieba").setLevel(logging.WARNING)
    args.cache.mkdir(parents=True, exist_ok=True)
    times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="caibao-multi-") as tmp_name:
        tmp = Path(tmp_name)
        started = time.perf_counter()
        shared = build_library(folder_of(tmp, "all", every), args.cache)
        built = time.perf_counter() - started
        print(f"one library of {len(every)} reports: {len(shared.shelves)} companies, "
              f"built in {built:.1f} s (parse cache {args.cache})")
        for shelf in shared.shelves:
            labels = ", ".join(shelf.identities[d].label for d in shelf.documents)
            print(f"  {shelf.name}: {labels}")
        sub = "aside/" if args.aside else ""
        print(f"\n{'QA file':<26} {'alone':>9} {'shared':>9} {'asked back':>10} {'crossed':>8}")
        for name, pdf in REPORTS.items():
            path = QA / f"{sub}{name}.jsonl"
            alone_lib = build_library(folder_of(tmp, name, [pdf]), args.cache)
            a_pass, a_total, _, _ = run(alone_lib, path, None, False, [])
            own = next(set(s.documents) for s in shared.shelves if pdf in s.documents)
            s_pass, s_total, asked, crossed = run(shared, path, own, args.verbose, times)
            print(f"{name:<26} {a_pass:>3}/{a_total:<3}{100 * a_pass / a_total:>3.0f}% "
                  f"{s_pass:>3}/{s_total:<3}{100 * s_pass / s_total:>3.0f}% {asked:>10} "
                  f"{crossed:>8}")
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


if __name__ == "__main__":
    sys.exit(main())
