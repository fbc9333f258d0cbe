"""Retrieval benchmark: build time, answer latency (p50/p99) and peak RSS.

Not a test: it prints figures. Corpora:
- ``report``: the shipped knowledge (knowledge/reports/).
- ``10k`` and ``100k``: synthetic corpora generated from the shipped report. Every report
  sentence becomes a template; each synthetic passage is a template with its figures replaced
  by random numbers of the same shape, its company name replaced by one of 2,000 generated
  company names, and its quarter/year replaced by a random period. Passages are written
  1,000 to a markdown file under a heading, so the corpus has the report's vocabulary and
  sentence shapes, but many more distinct entities, figures and periods. Seeded: reproducible.

Latency is shown cold (caches emptied before each question: a question never asked before) and
warm (the question was asked before: the per-knowledge-base answer cache). The first build in a
process loads jieba's default dictionary once (about a second); builds are timed after a
warm-up build of the shipped report, as in a bot that reloads its knowledge.

Usage: python bench/retrieval.py [--sizes report,10k,100k] [--rounds N]
"""

from __future__ import annotations

import argparse
import logging
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from knowledge import DEFAULT_DIR, KnowledgeBase, build_knowledge
from knowledge.text import split_sentences

QUESTIONS = [
    "腾讯二季度营收多少？",
    "营业收入同比增长多少",
    "腾讯第二季度净利润是多少",
    "金融科技业务占腾讯收入的比例",
    "微信月活跃账户数有多少",
    "二季度毛利多少",
    "网络游戏收入增长了多少",
    "QQ的月活是多少",
    "上半年总收入多少",
    "腾讯投资新基建多少钱",
    "新基建重点投入哪些领域",
    "首批新基建数据中心在哪些省份",
    "华星光电每年节省多少成本",
    "微信支付有多少月活跃商户",
    "小而有力倡议是和谁一起发起的",
    "騰訊第二季度的營收是多少？",
    "腾迅二季度收入多少",
    "京东的营收是多少",
    "今天上海天气怎么样",
    "你好",
]
_NUM_RE = re.compile(r"\d+(?:\.\d+)?")
_CHARS = "华东南北中新星海云天远宏泰安恒信达通明光辰瑞丰嘉和盛联创智汇金银"
_SUFFIX = ["科技", "电子", "控股", "集团", "网络", "汽车", "能源", "医药", "软件", "传媒"]
_PERIODS = ["第一季度", "第二季度", "第三季度", "第四季度", "上半年", "前三季度"]


def _templates() -> list[str]:
    out = []
    for doc in sorted(DEFAULT_DIR.glob("*.md")):
        for line in doc.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                out.extend(split_sentences(line.strip()))
    return out


def _number(rng: random.Random, m: re.Match[str]) -> str:
    text = m.group(0)
    if "." in text:
        whole, frac = text.split(".")
        head = rng.randint(1, 10 ** len(whole) - 1)
        tail = rng.randint(0, 10 ** len(frac) - 1)
        return f"{head}.{tail:0{len(frac)}d}"
    return str(rng.randint(1, max(9, 10 ** len(text) - 1)))


def generate(folder: Path, passages: int, seed: int = 7) -> None:
    """Write ``passages`` synthetic sentences into markdown files under ``folder``."""
    rng = random.Random(seed)
    templates = _templates()
    names = sorted(
        {rng.choice(_CHARS) + rng.choice(_CHARS) + rng.choice(_SUFFIX) for _ in range(4000)}
    )[:2000]
    per_file = 1000
    for f in range(0, passages, per_file):
        lines = [f"# 合成报告{f // per_file}", ""]
        for i in range(min(per_file, passages - f)):
            if i % 50 == 0:
                lines += ["", f"## {rng.choice(names)}{rng.choice(_PERIODS)}业绩", ""]
            sentence = rng.choice(templates)
            sentence = _NUM_RE.sub(lambda m: _number(rng, m), sentence)
            sentence = sentence.replace("腾讯", rng.choice(names))
            sentence = sentence.replace("第二季度", rng.choice(_PERIODS))
            lines.append(sentence)
        (folder / f"part-{f // per_file:04d}.md").write_text("\n".join(lines), encoding="utf-8")


def measure(kb: KnowledgeBase, rounds: int, cold: bool) -> tuple[float, float]:
    """(p50, p99) answer latency in microseconds over the question list.

    ``cold``: the knowledge base's caches are emptied before every question (a question never
    asked before); otherwise every question has been asked before (the cached common case).
    """
    kb.warm()
    for q in QUESTIONS:
        kb.answer(q)  # asked before (ignored when cold: the caches are emptied anyway)
    times = []
    for _ in range(rounds):
        for q in QUESTIONS:
            if cold:
                kb.clear_caches()
            t = time.perf_counter()
            kb.answer(q)
            times.append((time.perf_counter() - t) * 1e6)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="report,10k,100k")
    parser.add_argument("--rounds", type=int, default=0, help="question rounds (default: by size)")
    args = parser.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    first = build_knowledge(DEFAULT_DIR)
    print(f"first build in this process (loads jieba's dictionary): {first.build_seconds:.2f} s")
    del first
    print(
        f"{'corpus':>8} {'passages':>9} {'build s':>8} {'cold p50 µs':>12} {'cold p99 µs':>12}"
        f" {'warm p50 µs':>12} {'warm p99 µs':>12} {'RSS MB':>7}"
    )
    for size in args.sizes.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            if size == "report":
                folder = DEFAULT_DIR
            else:
                folder = Path(tmp)
                generate(folder, int(size.rstrip("k")) * 1000)
            kb = build_knowledge(folder)
            rounds = args.rounds or (50 if size == "report" else 10)
            cold = measure(kb, rounds, cold=True)
            warm = measure(kb, rounds, cold=False)
            print(
                f"{size:>8} {kb.stats['passages']:>9} {kb.build_seconds:>8.2f} "
                f"{cold[0]:>12.0f} {cold[1]:>12.0f} {warm[0]:>12.1f} {warm[1]:>12.1f}"
                f" {rss_mb():>7.0f}"
            )
            del kb
    return 0


if __name__ == "__main__":
    sys.exit(main())
