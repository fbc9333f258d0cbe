"""Cost of each step of one message, measured alone, in-process, one at a time (no load).

    .venv/bin/python bench/steps.py [--n 2000]

Complements the py-spy profile (``bench/profile.py``) with clean per-call figures: the
WeChat glue (signature, AES, parse, render), the knowledge answer, the two Redis round
trips of the store, and the whole dispatcher (middleware + handler + Redis).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import harness
from aiohttp import web
from harness import TOKEN, Processes

from bot import keys
from bot.app import create_app
from bot.ops.settings import Secret, Settings
from bot.protocol.simulator import WeChatPeer
from bot.protocol.wechat import Cipher, parse, render_text, verify_signature
from bot.state.store import Finish


def timed(fn: Callable[[int], Any], n: int) -> list[float]:
    out = []
    for i in range(n):
        t = time.perf_counter()
        fn(i)
        out.append(time.perf_counter() - t)
    return out


async def timed_async(fn: Callable[[int], Awaitable[Any]], n: int) -> list[float]:
    out = []
    for i in range(n):
        t = time.perf_counter()
        await fn(i)
        out.append(time.perf_counter() - t)
    return out


def row(name: str, samples: list[float]) -> str:
    q = statistics.quantiles(samples, n=100)
    return (f"  {name:<46} {statistics.mean(samples) * 1e6:>8.1f} {q[49] * 1e6:>8.1f} "
            f"{q[98] * 1e6:>8.1f}")


async def measure(n: int, redis_url: str, work: Path) -> list[str]:
    key = secrets.token_bytes(32)
    appid = "wxsteps" + secrets.token_hex(3)
    import base64

    settings = Settings(wechat_token=Secret(TOKEN),
                        wechat_aes_key=Secret(base64.b64encode(key).decode()[:-1]),
                        wechat_appid=appid, redis_url=redis_url, data_dir=work / "data",
                        rate_limit=10**6, log_level="WARNING")
    peer = WeChatPeer(TOKEN, aes_key=key, appid=appid)
    asks, users = harness.questions(), harness.openids(2000)
    rng = random.Random(5)
    plain = [peer.text(rng.choice(users), rng.choice(asks)) for _ in range(n)]
    safe = [peer.text(rng.choice(users), rng.choice(asks), aes=True) for _ in range(n)]
    messages = [parse(r.body) for r in plain]
    cipher = Cipher(TOKEN, key, appid)

    app: web.Application = create_app(settings)
    runner = web.AppRunner(app)
    await runner.setup()  # Redis and knowledge, as the server starts them
    try:
        kb, store, dispatcher = app[keys.KNOWLEDGE].current, app[keys.STORE], app[keys.DISPATCHER]
        lines = [f"  {'step (µs per call)':<46} {'mean':>8} {'p50':>8} {'p99':>8}"]
        lines.append(row("verify_signature (SHA1, constant-time compare)",
                         timed(lambda i: verify_signature(
                             TOKEN, plain[i].query["signature"], plain[i].query["timestamp"],
                             plain[i].query["nonce"]), n)))
        lines.append(row("parse (DTD check + XML → Message)", timed(lambda i: parse(plain[i].body),
                                                                   n)))
        lines.append(row("Cipher.decrypt (AES, safe mode)", timed(lambda i: cipher.decrypt(
            safe[i].body, safe[i].query["msg_signature"], safe[i].query["timestamp"],
            safe[i].query["nonce"]), n)))
        answers = [kb.answer(m.content, None).text for m in messages]
        lines.append(row("render_text (reply XML)", timed(
            lambda i: render_text(messages[i], answers[i], 1), n)))
        xml = [render_text(messages[i], answers[i], 1) for i in range(n)]
        lines.append(row("Cipher.encrypt (AES reply, safe mode)", timed(
            lambda i: cipher.encrypt(xml[i], "nonce", "1"), n)))
        lines.append(row("knowledge: kb.answer(question) — first time", timed(
            lambda i: kb.answer(asks[i % len(asks)] + "？" * (i // len(asks) + 1), None), n)))
        lines.append(row("knowledge: kb.answer(question) — repeated", timed(
            lambda i: kb.answer(messages[i].content, None), n)))

        async def round_trips(i: int) -> None:
            m = messages[i]
            begin = await store.begin(m.sender, "steps" + m.msg_id)
            done = Finish(session={"context": {}}, outcome="answered", question="q")
            store.finish(m.sender, "steps" + m.msg_id, '{"t": "x"}', begin, done)
        lines.append(row("store.begin + store.finish (1 round trip + 1 sent)",
                         await timed_async(round_trips, n)))
        await store.settle()

        async def feed(i: int) -> None:
            await dispatcher.feed(messages[i], rid="r", deadline=time.monotonic() + 5, kb=kb,
                                  store=store)
        lines.append(row("Dispatcher.feed (middleware + handler + Redis)",
                         await timed_async(feed, n)))
        await store.settle()
        fresh = [peer.text(rng.choice(users), rng.choice(asks)) for _ in range(n)]
        lines.append(await in_flight(fresh, app, 50))
    finally:
        await runner.cleanup()
    return lines


async def in_flight(requests: list[Any], app: web.Application, width: int) -> str:
    """The message path without HTTP — signature, parse, dispatch, render — with ``width``
    messages in flight, as under load: CPU per message of this process (Redis excluded)."""
    dispatcher, kb = app[keys.DISPATCHER], app[keys.KNOWLEDGE].current
    queue = iter(requests)

    async def worker() -> None:
        for req in queue:
            q = req.query
            verify_signature(TOKEN, q["signature"], q["timestamp"], q["nonce"])
            message = parse(req.body)
            reply = await dispatcher.feed(message, rid="r", deadline=time.monotonic() + 5,
                                          kb=kb)
            if reply is not None:
                render_text(message, reply.text, reply.created)

    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(width)))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    await app[keys.STORE].settle()
    return (f"  message path, {width} in flight, no HTTP: {cpu / len(requests) * 1e6:.1f} µs CPU "
            f"per message ({len(requests) / wall:.0f} messages/s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="calls per step (≤ 20000)")
    args = parser.parse_args()
    n = max(100, min(args.n, 20000))
    with tempfile.TemporaryDirectory(prefix="caibao-steps-") as tmp, \
            Processes(Path(tmp)) as procs:
        redis_url, _ = harness.start_redis(procs, Path(tmp))
        lines = asyncio.run(measure(n, redis_url, Path(tmp)))
    print(f"{n} calls per step, one at a time, Redis on a Unix socket")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
