#!/usr/bin/env python3
"""Split each per-report QA file into a dev part (tests/qa/real/<name>.jsonl) and an aside part
(tests/qa/real/aside/<name>.jsonl) holding about one third of its dialogues, chosen at random
with a fixed seed.

The aside files are only ever scored, never tuned on.

The split is idempotent: the script reads the dialogues of both parts, orders them by id, and
draws the aside set again from the same seed, so running it twice moves nothing.

    python3 tests/qa/real/split.py            # split the per-report files
    python3 tests/qa/real/split.py --check    # only report what would change
"""

import json
import random
import sys
from pathlib import Path

SEED = 20261130
FRACTION = 1 / 3
FILES = [
    "zhangjiajie-2016.jsonl",
    "cmbc-2021.jsonl",
    "icbc-2023q1.jsonl",
    "alco-fy2025.jsonl",
    "anxin-2012.jsonl",
    "cib-2022.jsonl",
    "crsanjiu-2025q3.jsonl",
    "crsanjiu-2023q1.jsonl",
    "jinhua-2022annual.jsonl",
    "jinhua-2023summary.jsonl",
    "crsanjiu-2024summary.jsonl",
    "jinhua-2023q3.jsonl",
    "jinhua-2024h1.jsonl",
    "jinhua-2022annual-more.jsonl",
    "crsanjiu-2023q3.jsonl",
    "anxin-2011annual.jsonl",
    "crsanjiu-2025q1.jsonl",
    "jinhua-2023h1.jsonl",
    "anxin-2010annual.jsonl",
]
HERE = Path(__file__).resolve().parent
ASIDE = HERE / "aside"


def read(path):
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def write(path, dialogues):
    text = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in dialogues)
    path.write_text(text, encoding="utf-8")


def turns(dialogues):
    return sum(len(d["turns"]) for d in dialogues)


def main(check=False):
    ASIDE.mkdir(exist_ok=True)
    changed = False
    for name in FILES:
        dev_path, aside_path = HERE / name, ASIDE / name
        dialogues = sorted(read(dev_path) + read(aside_path), key=lambda d: d["id"])
        ids = [d["id"] for d in dialogues]
        if len(set(ids)) != len(ids):
            sys.exit(f"{name}: duplicate dialogue ids")
        rng = random.Random(f"{SEED}:{name}")
        k = round(len(dialogues) * FRACTION)
        aside_ids = set(rng.sample(ids, k))
        dev = [d for d in dialogues if d["id"] not in aside_ids]
        aside = [d for d in dialogues if d["id"] in aside_ids]
        before = ({d["id"] for d in read(dev_path)}, {d["id"] for d in read(aside_path)})
        after = ({d["id"] for d in dev}, aside_ids)
        print(f"{name}: {len(dev)} dev dialogues ({turns(dev)} turns), "
              f"{len(aside)} aside ({turns(aside)} turns)")
        if before != after:
            changed = True
            if not check:
                write(dev_path, dev)
                write(aside_path, aside)
    if check and changed:
        sys.exit("the split is not up to date")


if __name__ == "__main__":
    main(check="--check" in sys.argv[1:])
