"""Admin commands through the webhook and the HTTP admin API."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot import keys
from bot.protocol.simulator import WeChatPeer, new_msg_id
from tests.conftest import MakeClient, Send, change_revenue, sender

ADMIN = "o_admin"  # ADMIN_OPENIDS in the settings fixture
BEARER = {"Authorization": "Bearer admin-token-for-tests-0123456789"}



@pytest.fixture
async def admin_client(make_client: MakeClient, kdir: Path) -> TestClient[Any, Any]:
    return await make_client(knowledge_dir=kdir)


@pytest.fixture
def admin_send(admin_client: TestClient[Any, Any], peer: WeChatPeer) -> Send:
    return sender(admin_client, peer)



async def say(send: Send, peer: WeChatPeer, text: str, openid: str = ADMIN) -> str:
    sent = await send(peer.text(openid, text, aes=True))
    assert sent.status == 200
    return sent.text


async def test_admin_commands_answer_admins_only(admin_send: Send, peer: WeChatPeer) -> None:
    status = await say(admin_send, peer, "/status")
    assert "知识库版本" in status and "在线实例 1 个" in status and "Redis：正常" in status
    assert "/reload" in await say(admin_send, peer, "/help")
    assert "知识库版本" in await say(admin_send, peer, "状态")
    for command in ("/status", "/reload", "/stats", "/unanswered", "/help", "重新加载"):
        reply = await say(admin_send, peer, command, openid="o_stranger")
        assert "知识库" not in reply and "/reload" not in reply and "管理" not in reply, reply


async def test_reload_serves_the_changed_report(admin_send: Send, peer: WeChatPeer,
                                                kdir: Path) -> None:
    assert "1148.83" in await say(admin_send, peer, "腾讯二季度营收多少？", "o_user")
    before = await say(admin_send, peer, "/status")
    change_revenue(kdir, "1234.56")
    assert "1148.83" in await say(admin_send, peer, "腾讯二季度营收多少？", "o_user2")
    reply = await say(admin_send, peer, "/reload")
    assert "已重新加载" in reply and "份文档" in reply and "段" in reply
    new_version = reply.split("版本 ")[1].split("（")[0]
    assert new_version not in before
    assert "1234.56" in await say(admin_send, peer, "腾讯二季度营收多少？", "o_user3")


async def test_failed_reload_keeps_the_old_version_and_names_the_line(
        admin_send: Send, peer: WeChatPeer, kdir: Path) -> None:
    change_revenue(kdir, "1234.56")
    (kdir / "synonyms.txt").write_text("营收 = 营业收入\n这一行没有等号\n", encoding="utf-8")
    reply = await say(admin_send, peer, "/reload")
    assert "重新加载失败" in reply and "synonyms.txt" in reply and "第2行" in reply
    assert str(kdir) not in reply  # no machine paths in replies
    assert "1148.83" in await say(admin_send, peer, "腾讯二季度营收多少？", "o_user")
    for doc in kdir.glob("*.md"):
        doc.unlink()
    reply = await say(admin_send, peer, "/reload")
    assert "重新加载失败" in reply
    assert "1148.83" in await say(admin_send, peer, "腾讯二季度营收多少？", "o_user4")


async def test_a_retried_reload_reloads_once(admin_client: TestClient[Any, Any],
                                             admin_send: Send, peer: WeChatPeer,
                                             kdir: Path) -> None:
    change_revenue(kdir, "1234.56")
    msg_id = new_msg_id()
    sent = await asyncio.gather(*(admin_send(peer.text(ADMIN, "/reload", msg_id=msg_id, aes=True))
                                  for _ in range(3)))
    assert len({s.text for s in sent}) == 1 and "已重新加载" in sent[0].text
    metrics = admin_client.app[keys.METRICS].render().decode()
    assert 'caibao_knowledge_reloads_total{result="ok"} 1.0' in metrics
    store = admin_client.app[keys.STORE]
    audit = await store.client.lrange(store.keys.audit, 0, -1)
    assert sum('"reload"' in a for a in audit) == 1
    assert all(ADMIN not in a for a in audit)  # who is a hash, never the OpenID


async def test_stats_and_unanswered_for_the_operator(admin_send: Send, peer: WeChatPeer) -> None:
    await say(admin_send, peer, "腾讯二季度营收多少？", "o_u1")
    await say(admin_send, peer, "今天上海天气怎么样", "o_u2")
    stats = await say(admin_send, peer, "/stats")
    assert "今日：提问 2，回答 1，未找到 1" in stats
    assert "腾讯二季度营收多少？" in stats
    unanswered = await say(admin_send, peer, "/unanswered 5")
    assert "今天上海天气怎么样" in unanswered
    assert "腾讯二季度营收多少" not in unanswered


async def test_http_admin_api_requires_the_token(admin_client: TestClient[Any, Any],
                                                 kdir: Path) -> None:
    for method, path in [("POST", "/admin/reload"), ("GET", "/admin/status"),
                         ("GET", "/admin/stats"), ("GET", "/admin/unanswered")]:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic x"}):
            resp = await admin_client.request(method, path, headers=headers)
            assert resp.status == 401, (path, headers)
    resp = await admin_client.get("/admin/status", headers=BEARER)
    body = await resp.json()
    assert resp.status == 200 and body["passages"] > 0 and len(body["instances"]) == 1
    change_revenue(kdir, "1234.56")
    resp = await admin_client.post("/admin/reload", headers=BEARER)
    body = await resp.json()
    assert resp.status == 200 and body["ok"] and body["version"] != body["previous"]
    assert (await admin_client.get("/admin/stats", headers=BEARER)).status == 200
    resp = await admin_client.get("/admin/unanswered", params={"n": "3"}, headers=BEARER)
    assert resp.status == 200 and "unanswered" in await resp.json()
    resp = await admin_client.get("/admin/unanswered", params={"n": "x"}, headers=BEARER)
    assert resp.status == 400


async def test_http_admin_api_is_absent_without_a_token(make_client: MakeClient) -> None:
    client = await make_client(admin_token=None)
    assert (await client.get("/admin/status")).status == 404
    assert (await client.post("/admin/reload",
                              headers={"Authorization": "Bearer "})).status in (404, 405)


async def test_questions_during_a_reload_get_a_whole_version(
        admin_client: TestClient[Any, Any], admin_send: Send, peer: WeChatPeer,
        kdir: Path) -> None:
    change_revenue(kdir, "1234.56")

    async def asker(i: int) -> str:
        await asyncio.sleep(0.005 * i)
        return await say(admin_send, peer, "腾讯二季度营收多少？", f"o_during_{i}")

    reload = admin_client.post("/admin/reload", headers=BEARER)
    resp, *answers = await asyncio.gather(reload, *(asker(i) for i in range(30)))
    assert resp.status == 200
    for answer in answers:  # the old figure or the new one, never a half-built knowledge base
        assert ("1148.83" in answer) != ("1234.56" in answer), answer
    assert "1234.56" in await say(admin_send, peer, "腾讯二季度营收多少？", "o_after")


async def test_reload_names_files_left_out_and_parses_once(
        admin_client: TestClient[Any, Any], admin_send: Send, peer: WeChatPeer,
        kdir: Path) -> None:
    from tests.readers.conftest import REAL
    from tests.readers.pdfgen import make_pdf

    for doc in kdir.glob("*.md"):
        doc.unlink()  # the folder now holds a bank's quarterly report instead of Tencent's
    (kdir / "icbc.pdf").write_bytes((REAL / "icbc-p1-2.pdf").read_bytes())
    make_pdf(kdir / "locked.pdf", [lambda p: p.text("机密")], encrypt="pw")
    reply = await say(admin_send, peer, "/reload")
    assert "已重新加载" in reply and "1 份文档" in reply
    assert "未载入" in reply and "locked.pdf: encrypted PDF" in reply
    reply = await say(admin_send, peer, "归属于母公司股东的净利润是多少", "o_user")
    assert "90,164百万元" in reply and "icbc.pdf 第1页" in reply
    cache = admin_client.app[keys.SETTINGS].data_dir / "parse-cache"
    assert len(list(cache.glob("*.json"))) == 2  # the report and the failure, by content
    holder = admin_client.app[keys.KNOWLEDGE]
    kb = await holder.build()
    assert all(r.cached for r in kb.reports if r.format == "pdf")
