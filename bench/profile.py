"""Profile the bot under load: where does a webhook request's CPU go?

    .venv/bin/python bench/profile.py [--aes] [--duration 10] [--connections 50]

Starts a private Redis and one ``python -m bot serve`` on 127.0.0.1, loads it with wrk
(distinct MsgIds, thousands of users, the questions in ``bench/questions.txt``) and samples
it with py-spy (``pip install py-spy``). Prints the share of samples per area — each sample
goes to the innermost frame of a known area, so a regex called by jieba counts as
tokenization — the inclusive share of the main steps, and the top functions by own time.
The raw stacks go to ``bench/results/`` (open them with speedscope or flamegraph.pl).
"""

from __future__ import annotations

import argparse
import base64
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import harness
from harness import ROOT, TOKEN, Processes

from bot.protocol.simulator import WeChatPeer

# py-spy names a frame "function (path:line)", the path relative to its sys.path entry.
# (area, pattern on the path); the first match from the leaf upward wins.
AREAS = (
    ("tokenization (jieba, pypinyin)", re.compile(r"^(jieba|pypinyin)/|^knowledge/tokenizer")),
    ("knowledge: retrieval + answer", re.compile(r"^knowledge/")),
    ("AES (wechatpy crypto, cryptography)", re.compile(r"^wechatpy/crypto|^cryptography/")),
    ("XML parse (wechatpy, xmltodict, expat)",
     re.compile(r"^xmltodict|expat|^wechatpy/(messages|parser|events|fields)")),
    ("reply render (wechatpy replies)", re.compile(r"^wechatpy/")),
    ("Redis client (redis-py)", re.compile(r"^redis/")),
    ("logging", re.compile(r"^logging/")),
    ("metrics (prometheus_client)", re.compile(r"^prometheus_client/")),
    ("handlers/", re.compile(r"^handlers/")),
    ("bot/ (webhook, middleware, store, router)", re.compile(r"^bot/")),
    ("aiohttp (HTTP server)", re.compile(r"^(aiohttp|multidict|yarl)/")),
    ("asyncio event loop", re.compile(r"^asyncio/|^selectors")),
)
# Inclusive shares: a sample counts if any frame of its stack matches (function, path).
STEPS = (
    ("webhook view (bot.protocol.webhook.receive)", re.compile(r"^receive bot/webhook")),
    ("  dispatcher (middleware + handlers)", re.compile(r"^Dispatcher\.feed bot/router")),
    ("    answering (knowledge/)", re.compile(r" knowledge/")),
    ("      tokenization (jieba, pypinyin)", re.compile(r" (jieba|pypinyin)/")),
    ("    store.begin/finish/wait_lock (client side)",
     re.compile(r"^Store\.(begin|finish|wait_lock) bot/store")),
    ("    session (de)serialisation", re.compile(r" bot/session|^_loads bot/store")),
    ("    logging", re.compile(r" logging/")),
    ("    metrics", re.compile(r" prometheus_client/")),
    ("  parse (bot.protocol.wechat.parse)", re.compile(r"^parse bot/wechat")),
    ("  render (bot.protocol.wechat.render_text)", re.compile(r"^render_text bot/wechat")),
    ("  AES (Cipher.decrypt/encrypt)", re.compile(r"^Cipher\.(de|en)crypt bot/wechat")),
    ("  signature (verify_signature)", re.compile(r"^verify_signature bot/wechat")),
)
_FRAME = re.compile(r"^(.*) \((.*?)(?::\d+)?\)$")


def split_frame(frame: str) -> tuple[str, str]:
    found = _FRAME.match(frame)
    return (found.group(1), found.group(2)) if found else (frame, "")


def parse_raw(path: Path) -> list[tuple[list[str], int]]:
    stacks = []
    for line in path.read_text(errors="replace").splitlines():
        frames, _, count = line.rpartition(" ")
        if frames and count.isdigit():
            stacks.append((frames.split(";"), int(count)))
    return stacks


def report(stacks: list[tuple[list[str], int]], top: int) -> str:
    # Only the event loop's thread serves requests; the executor's idle worker is noise.
    main = [(f, c) for f, c in stacks if f and "_run_module_as_main" in f[0]]
    other = sum(c for _, c in stacks) - sum(c for _, c in main)
    total = sum(c for _, c in main) or 1
    areas: Counter[str] = Counter()
    steps: Counter[str] = Counter()
    own: Counter[str] = Counter()
    for frames, count in main:
        parsed = [split_frame(f) for f in frames]
        for _, path in reversed(parsed):
            area = next((name for name, rx in AREAS if rx.search(path)), None)
            if area:
                areas[area] += count
                break
        else:
            areas["other (interpreter, stdlib)"] += count
        keys = [f"{name} {path}" for name, path in parsed]
        for name, rx in STEPS:
            if any(rx.search(k) for k in keys):
                steps[name] += count
        name, path = parsed[-1]
        own[f"{name} ({path})"] += count
    out = [f"{total} samples of the serving thread ({other} of other threads left out; "
           "idle time excluded)", "", "Own time by area (innermost known frame):"]
    out += [f"  {c / total:6.1%}  {name}" for name, c in areas.most_common()]
    out += ["", "Inclusive time of the main steps:"]
    out += [f"  {steps[name] / total:6.1%}  {name}" for name, _ in STEPS]
    outside = total - steps[STEPS[0][0]]
    out.append(f"  {outside / total:6.1%}  outside the view (HTTP parsing, writing, event loop)")
    out += ["", f"Top {top} functions by own time:"]
    out += [f"  {c / total:6.1%}  {name}" for name, c in own.most_common(top)]
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aes", action="store_true", help="safe mode (AES)")
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--rate", type=int, default=250, help="py-spy samples per second")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--raw", type=Path, help="only summarise an existing raw profile")
    args = parser.parse_args()
    if args.raw:
        print(report(parse_raw(args.raw), args.top))
        return 0
    pyspy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(pyspy).exists():
        raise SystemExit("py-spy not found: pip install py-spy")
    if not 1 <= args.duration <= 60:
        parser.error("--duration must be 1..60 s")
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(exist_ok=True)
    raw = out_dir / f"profile-{'aes' if args.aes else 'plain'}-{time.strftime('%Y%m%d-%H%M%S')}.txt"
    users, asks = harness.openids(5000), harness.questions()
    with tempfile.TemporaryDirectory(prefix="caibao-profile-") as tmp, \
            Processes(Path(tmp)) as procs:
        work = Path(tmp)
        redis_url, _ = harness.start_redis(procs, work)
        key, appid, port = secrets.token_bytes(32), "wxprofile", harness.free_port()
        env = {"WECHAT_TOKEN": TOKEN, "WECHAT_APPID": appid, "REDIS_URL": redis_url,
               "RATE_LIMIT": "1000000", "LOG_LEVEL": "WARNING", "DATA_DIR": str(work / "data"),
               "PYTHONPATH": str(ROOT)}
        if args.aes:
            env["WECHAT_AES_KEY"] = base64.b64encode(key).decode()[:-1]
        server = procs.start("bot", [sys.executable, "-m", "bot", "serve", "--port", str(port)],
                             env, cwd=work)
        harness.wait_ready(port, [server])
        peer = WeChatPeer(TOKEN, aes_key=key if args.aes else None, appid=appid)
        reqs = work / "requests.txt"
        harness.write_requests(reqs, peer, int(args.duration * 9000) + 3000, users, asks,
                               args.aes, seed=3)
        harness.run_wrk(port, reqs, 2, args.connections)  # warm-up
        spy = subprocess.Popen([pyspy, "record", "--pid", str(server.pid), "--format", "raw",
                                "--rate", str(args.rate), "--duration", str(round(args.duration)),
                                "--output", str(raw)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            result = harness.run_wrk(port, reqs, args.duration, args.connections)
            spy.wait(args.duration + 30)
        finally:
            if spy.poll() is None:
                spy.kill()
                spy.wait()
    print(f"load: {result['rps']:.0f} rps, p50 {result['p50_us'] / 1000:.1f} ms, "
          f"p99 {result['p99_us'] / 1000:.1f} ms while sampled at {args.rate} Hz")
    print(report(parse_raw(raw), args.top))
    print(f"\nraw stacks: {raw.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
