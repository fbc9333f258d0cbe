"""Annual-report PDFs benchmark: cold build, build from the parse cache, answer latency, RSS.

Not a test: it prints figures (recorded in docs/bench.md). The knowledge is the two whole
annual reports in tests/fixtures/real/ — zhangjiajie-2016-annual.pdf (174 pages) and
cmbc-2021-annual.pdf (441 pages) — copied into a temporary folder:

- cold: ``build_knowledge`` with an empty parse cache (both PDFs parsed, in the two worker
  processes, then tokenized and indexed), as on a first start;
- cached: the same build again with the cache filled (a restart, a /reload, a second
  instance): no PDF is parsed;
- latency: every question in QUESTIONS answered with the knowledge base's caches emptied
  first (a question never asked before), then again warm (the answer cache);
- RSS: the process's resident memory after the cached build (the answering process; parse
  workers are gone by then), and its peak. The GC is frozen after the load, as the bot does.

Targets (issue 12): cold ≤ 120 s, cached ≤ 10 s, p99 ≤ 5 ms, RSS ≤ 400 MB on a 2-core machine.

Usage: python bench/reports.py [--only zhangjiajie|cmbc] [--rounds N]
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from knowledge import KnowledgeBase, build_knowledge

REAL = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "real"
REPORTS = {
    "zhangjiajie": "zhangjiajie-2016-annual.pdf",
    "cmbc": "cmbc-2021-annual.pdf",
}
QUESTIONS = [
    "2016年营业收入是多少",
    "归属于上市公司股东的净利润是多少",
    "基本每股收益是多少",
    "加权平均净资产收益率是多少",
    "总资产是多少",
    "第四季度营业收入是多少",
    "货币资金期末余额是多少",
    "经营活动产生的现金流量净额是多少",
    "公司聘请的会计师事务所是哪家",
    "张家界旅游集团的主营业务是什么",
    "民生银行2021年净利润是多少",
    "不良贷款率是多少",
    "资本充足率是多少",
    "净息差是多少",
    "拨备覆盖率是多少",
    "吸收存款总额是多少",
    "发放贷款和垫款总额是多少",
    "营业收入同比增长多少",
    "民生银行有多少员工",
    "今天天气怎么样",
]


def rss_mb() -> float:
    """Resident memory of this process now (not the peak)."""
    with open(f"/proc/{os.getpid()}/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def latencies(kb: KnowledgeBase, rounds: int, cold: bool) -> tuple[list[float], list[float]]:
    """(wall ms, CPU ms) of each answer. On a busy machine the wall time also holds the time
    the scheduler gave other processes; the CPU time is what answering costs."""
    times, cpu = [], []
    for _ in range(rounds):
        for q in QUESTIONS:
            if cold:
                kb.clear_caches()
            started, used = time.perf_counter(), time.thread_time()
            kb.answer(q)
            cpu.append((time.thread_time() - used) * 1000)
            times.append((time.perf_counter() - started) * 1000)
    return times, cpu


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=sorted(REPORTS), default=None)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    names = [REPORTS[args.only]] if args.only else list(REPORTS.values())
    with tempfile.TemporaryDirectory(prefix="caibao-bench-") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for name in names:
            shutil.copyfile(REAL / name, folder / name)
        cache = Path(tmp) / "parse-cache"
        print(f"reports: {', '.join(names)} on {os.cpu_count()} CPUs")

        started = time.perf_counter()
        kb = build_knowledge(folder, cache_dir=cache)
        cold = time.perf_counter() - started
        print(f"cold build (parse + index): {cold:.1f} s  "
              f"({kb.stats['passages']} passages, {len(kb.warnings)} warnings)")
        for report in kb.reports:
            print(f"  {report.name}: {report.pages} pages, {report.tables} tables")
        del kb
        gc.collect()

        started = time.perf_counter()
        kb = build_knowledge(folder, cache_dir=cache)
        cached = time.perf_counter() - started
        assert all(r.cached for r in kb.reports)
        print(f"build from the parse cache: {cached:.1f} s")
        # As the bot does after a load (bot/app.py): the index out of the GC's full walks.
        gc.collect()
        gc.freeze()
        print(f"RSS after load: {rss_mb():.0f} MB (peak of this process "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; the parse "
              "workers are separate processes, gone after the parse)")

        latencies(kb, 1, cold=True)  # first use of each code path
        for label, is_cold in (("cold (caches emptied)", True), ("warm (answer cache)", False)):
            times, cpu = latencies(kb, args.rounds, cold=is_cold)
            print(f"answer latency {label}: p50 {statistics.median(times):.2f} ms, "
                  f"p99 {pct(times, 99):.2f} ms, max {max(times):.2f} ms "
                  f"over {len(times)} answers; CPU p50 {statistics.median(cpu):.2f} ms, "
                  f"p99 {pct(cpu, 99):.2f} ms, max {max(cpu):.2f} ms")
        print(f"load average (1 min) {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
