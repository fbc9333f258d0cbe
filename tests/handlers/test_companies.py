"""Several companies over the webhook: the ask-back and the company survive in the follower's
session in Redis, and the welcome names every company (issue 14)."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.protocol.simulator import WeChatPeer
from tests.conftest import MakeClient, sender

FIXTURES = Path(__file__).parent.parent / "knowledge" / "fixtures"


async def test_ask_back_then_a_name_over_the_webhook(make_client: MakeClient, peer: WeChatPeer,
                                                     tmp_path: Path) -> None:
    for name in ("byd", "bank"):
        for doc in (FIXTURES / name).glob("*.md"):
            shutil.copy(doc, tmp_path / doc.name)
    send = sender(await make_client(knowledge_dir=tmp_path), peer)

    async def ask(text: str, user: str = "o_multi") -> str:
        sent = await send(peer.text(user, text))
        assert sent.status == 200
        return sent.text

    asked = await ask("2023年营收多少")
    assert "您想问哪家公司" in asked and "比亚迪" in asked and "瀚海银行" in asked
    assert "2876.4" in await ask("瀚海银行")
    assert "3.2%" in await ask("同比呢")
    assert "6023.15" in await ask("比亚迪营收呢")
    welcome = await ask("你好", user="o_new")
    assert "比亚迪" in welcome and "瀚海银行" in welcome and "没有找到" not in welcome
