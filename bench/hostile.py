"""Hostile questions: the worst one found, and what six of them in flight do to a follower.

Not a test: it prints figures (issue 11's). Two parts:

``worst``   generates questions of up to WeChat's size in families an attacker would try —
            invented characters, digits, every synonym at once, traditional characters, emoji,
            typo bait, markup, mixtures — answers each once on a fresh cache (CPU time of the
            answering thread) and prints the slowest of each family and overall.
``inflight`` starts the bot (``python -m bot serve``, embedded Redis) on 127.0.0.1 and, for
            several rounds, sends six of the worst family's questions from six followers at
            once plus one ordinary question from a seventh, over real HTTP with real
            signatures; prints the ordinary follower's and the hostile followers' latencies.

Usage: python bench/hostile.py [--samples N] [--rounds N] [--part worst|inflight|all]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import ROOT, TOKEN, Processes, free_port, openids, wait_ready
from bot.protocol.simulator import WeChatPeer
from knowledge import DEFAULT_DIR, KnowledgeBase, build_knowledge
from knowledge.cleaning import MAX_QUESTION

WECHAT_TEXT_LIMIT = 2048  # characters a bench question may have (the bot reads MAX_QUESTION)
ORDINARY = "腾讯二季度营收多少？"


def families(kb: KnowledgeBase) -> dict[str, Callable[[random.Random], str]]:
    """Question generators; each draws a fresh question (so no cache answers it)."""
    lex = kb.lexicon
    synonyms = sorted(lex.groups)
    vocabulary = sorted(w for w in kb.index.idf if len(w) >= 2 and not w.startswith("~"))
    periods = ["2019年", "2020年", "二季度", "上半年", "去年", "同比", "环比", "第一季度"]

    def rare(r: random.Random, n: int) -> str:
        return "".join(chr(r.randint(0x4E00, 0x9FA5)) for _ in range(n))

    traditional = "騰訊營收淨利潤同比增長網絡遊戲廣告雲業務"
    numerals = "零一二三四五六七八九十百千万亿点年月"
    heavy = "一大明方中下时日光年"  # the characters with the most HMM states

    def names(r: random.Random) -> str:  # many short unknown runs between known words
        return "的".join(rare(r, r.randint(2, 8)) for _ in range(60))

    return {
        "rare": lambda r: rare(r, WECHAT_TEXT_LIMIT),
        "rare-short-runs": names,
        "hmm-heavy": lambda r: "，".join("".join(r.choices(heavy, k=8)) for _ in range(40)),
        "rare-extension-b": lambda r: "".join(chr(r.randint(0x20000, 0x2A6DF)) for _ in range(600)),
        "digits": lambda r: "".join(r.choice("0123456789.,%亿万元年月") for _ in range(2000)),
        "synonyms": lambda r: "".join(r.sample(synonyms, min(len(synonyms), 300))),
        "vocabulary": lambda r: "".join(r.choices(vocabulary, k=300)),
        "periods+metrics": lambda r: "".join(
            r.choice(periods) + r.choice(synonyms) for _ in range(100)),
        "superlative": lambda r: "哪项业务" + "".join(r.choices(synonyms, k=60)) + "最高增长最快",
        "traditional": lambda r: "".join(r.choices(traditional, k=2000)),
        "emoji": lambda r: "".join(chr(r.randint(0x1F300, 0x1F6FF)) for _ in range(2000)),
        "typo-bait": lambda r: rare(r, 40) + "营收" + rare(r, 38),
        "markup": lambda r: "<a href='x'>" * 100 + rare(r, 200) + "</a>" * 100,
        "chinese-numerals": lambda r: "".join(r.choices(numerals, k=2000)),
        "mixed": lambda r: "".join(
            r.choice([rare(r, 5), r.choice(synonyms), str(r.randint(0, 10**9)), "😀", "abc "])
            for _ in range(300)),
    }


def worst(samples: int, seed: int) -> tuple[str, str, float]:
    kb = build_knowledge(DEFAULT_DIR)
    kb.answer(ORDINARY)
    rng = random.Random(seed)
    overall = ("", "", 0.0)
    print(f"== worst question: {samples} per family, one answer each on a fresh cache "
          f"(the bot reads the first {MAX_QUESTION} characters)")
    print(f"{'family':<18} {'median ms':>9} {'max ms':>8}  question (start)")
    for name, make in families(kb).items():
        times = []
        slowest = ("", 0.0)
        for _ in range(samples):
            question = make(rng)
            kb.clear_caches()
            started = time.thread_time()
            kb.answer(question)
            took = time.thread_time() - started
            times.append(took)
            if took > slowest[1]:
                slowest = (question, took)
        print(f"{name:<18} {statistics.median(times) * 1000:9.1f} {slowest[1] * 1000:8.1f}  "
              f"{slowest[0][:24]!r}")
        if slowest[1] > overall[2]:
            overall = (name, slowest[0], slowest[1])
    print(f"worst overall: {overall[0]}, {overall[2] * 1000:.1f} ms CPU "
          f"({len(overall[1])} characters sent)")
    return overall


async def inflight(rounds: int, family: str, seed: int) -> None:
    import aiohttp

    kb = build_knowledge(DEFAULT_DIR)
    make = families(kb)[family]
    rng = random.Random(seed)
    peer = WeChatPeer(TOKEN)
    users = openids(7, seed)
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="caibao-hostile-") as tmp, Processes(Path(tmp)) as p:
        env = {"WECHAT_TOKEN": TOKEN, "DATA_DIR": str(Path(tmp) / "data"), "LOG_LEVEL": "WARNING",
               "RATE_LIMIT": "100000"}
        env.pop("REDIS_URL", None)
        bot_env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"} | env
        proc = p.start("bot", [sys.executable, "-m", "bot", "serve", "--port", str(port)],
                       env=bot_env, cwd=ROOT)
        wait_ready(port, [proc])
        url = f"http://127.0.0.1:{port}/wechat"
        ordinary_ms: list[float] = []
        hostile_ms: list[float] = []
        async with aiohttp.ClientSession() as session:

            async def post(openid: str, text: str) -> float:
                req = peer.text(openid, text)
                started = time.perf_counter()
                async with session.post(url, params=req.query, data=req.body) as resp:
                    body = await resp.text()
                    if resp.status != 200 or "<Content>" not in body:
                        raise RuntimeError(f"bad reply {resp.status}: {body[:200]}")
                return (time.perf_counter() - started) * 1000

            await post(users[6], ORDINARY)  # warm
            for _ in range(rounds):
                hostile = [asyncio.ensure_future(post(users[i], make(rng))) for i in range(6)]
                await asyncio.sleep(0)  # the hostile requests leave first
                ordinary_ms.append(await post(users[6], ORDINARY + "？" * rng.randint(0, 3)))
                hostile_ms.extend(await asyncio.gather(*hostile))
    print(f"== six '{family}' questions in flight with one ordinary question, {rounds} rounds, "
          "real HTTP on 127.0.0.1, one bot process, embedded Redis")
    print(f"ordinary follower: median {statistics.median(ordinary_ms):.1f} ms, "
          f"max {max(ordinary_ms):.1f} ms (target ≤ 500 ms)")
    print(f"hostile followers: median {statistics.median(hostile_ms):.1f} ms, "
          f"max {max(hostile_ms):.1f} ms (target ≤ 1000 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--part", choices=("worst", "inflight", "all"), default="all")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    family = "rare"
    if args.part in ("worst", "all"):
        family = worst(args.samples, args.seed)[0]
    if args.part in ("inflight", "all"):
        asyncio.run(inflight(args.rounds, family, args.seed))


if __name__ == "__main__":
    main()
