"""The lean Redis connection of the message path, against a real server and a mute one."""

from __future__ import annotations

import asyncio
import secrets
import socket
from typing import Any

import pytest

from bot.state.resp import FastRedis, ReplyError, encode


def test_encode_is_resp() -> None:
    assert encode(("SET", "k", "值", 5)) == (
        b"*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\n\xe5\x80\xbc\r\n$1\r\n5\r\n")


async def test_commands_pipeline_in_order_against_real_redis(redis_url: str) -> None:
    fast = FastRedis(redis_url, 1.0)
    try:
        key = "caibao:test:resp"
        results = await asyncio.gather(*(fast.execute("INCR", key) for _ in range(50)))
        assert sorted(results) == results and len(set(results)) == 50
        assert await fast.execute("SET", key + ":s", "中文") == "OK"
        assert await fast.execute("GET", key + ":s") == "中文"
        assert await fast.execute("GET", key + ":missing") is None
        assert await fast.execute("EVAL", "return {1, ARGV[1]}", 0, "x") == [1, "x"]
        with pytest.raises(ReplyError):
            await fast.execute("NOSUCHCOMMAND")
        assert await fast.execute("PING") == "PONG"  # still in step after an error reply
        await fast.execute("DEL", key, key + ":s")
    finally:
        fast.close()


async def test_a_mute_server_times_out_and_a_closed_port_refuses() -> None:
    async def mute(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1 << 16)
        await asyncio.sleep(5)

    server = await asyncio.start_server(mute, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    fast = FastRedis(f"redis://127.0.0.1:{port}/0", 0.2)
    try:
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(fast.execute("PING"), 2)
    finally:
        fast.close()
        server.close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    refused = FastRedis(f"redis://127.0.0.1:{closed_port}", 0.2)
    with pytest.raises(OSError):
        await refused.execute("PING")


def test_the_connection_works_on_uvloop(redis_url: str) -> None:
    """`serve` runs on uvloop where it is installed. Its transports are not asyncio's
    classes: an isinstance() assert in connection_made once left every command unsent
    and every message hanging there."""
    import uvloop

    async def run() -> list[Any]:
        fast = FastRedis(redis_url, 1.0)
        try:
            key = f"caibao:uv:{secrets.token_hex(4)}"
            got = await asyncio.gather(*(fast.execute("INCR", key) for _ in range(5)))
            await fast.execute("DEL", key)
            return list(got)
        finally:
            fast.close()

    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        assert runner.run(asyncio.wait_for(run(), 5)) == [1, 2, 3, 4, 5]
