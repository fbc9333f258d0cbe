"""The lean Redis connection of the message path, against a real server and a mute one."""

from __future__ import annotations

import asyncio
import socket

import pytest

from bot.resp import FastRedis, ReplyError, encode


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
