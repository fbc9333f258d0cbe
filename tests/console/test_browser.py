"""The console in a real browser: headless Chromium (Debian's) through Playwright, against
the bot on a real TCP port, with followers asking over the signed webhook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp

from knowledge import DEFAULT_DIR
from tests.console.conftest import Server

SCRIPT = "<script>alert(1)</script>"
REVENUE = "腾讯二季度营收多少？"


def changed_report(folder: Path) -> Path:
    """The shipped results report with the revenue 1148.83 changed to 1234.56."""
    src = DEFAULT_DIR / "tencent-2020q2-results.md"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / src.name
    target.write_text(src.read_text(encoding="utf-8").replace("1148.83", "1234.56"),
                      encoding="utf-8")
    return target


async def shot(page: Any, folder: Path, name: str) -> None:
    await page.screenshot(path=str(folder / f"console-{name}.png"), full_page=True)


async def test_console_end_to_end(server: Server, browser: Any, shots: Path,
                                  tmp_path: Path) -> None:
    dialogs: list[str] = []
    page = await browser.new_page()
    page.on("dialog", lambda d: dialogs.append(d.message))

    # A follower's question the bot cannot answer, with markup in it.
    refused = await server.ask(SCRIPT)
    assert "没有找到" in refused or "抱歉" in refused, refused
    assert "1148.83" in await server.ask(REVENUE)

    # Log in.
    await page.goto(server.url + "/console/")
    assert page.url.endswith("/console/login")
    await shot(page, shots, "login")
    await page.fill("#token", server.settings.admin_token.reveal())  # type: ignore[union-attr]
    await page.click("button[type=submit]")
    await page.wait_for_url("**/console/kb")

    # 知识库: the serving version's documents; a document's passages.
    body = await page.inner_text("main")
    assert "tencent-2020q2-results.md" in body and "Markdown" in body
    await shot(page, shots, "kb")
    await page.click("text=tencent-2020q2-results.md")
    await page.wait_for_url("**/console/kb/document?name=*")
    assert "1148.83" in await page.inner_text("main")
    await shot(page, shots, "document")

    # 上传: the changed report becomes a draft with its check; nothing is served from it yet.
    report = changed_report(tmp_path / "upload")
    await page.click("nav >> text=上传")
    await page.wait_for_url("**/console/upload")
    await page.set_input_files("#files", str(report))
    await page.click("text=上传并检查")
    await page.wait_for_selector("#draft")
    draft = await page.inner_text("#draft")
    assert "tencent-2020q2-results.md" in draft and "腾讯控股" in draft, draft
    assert "错误" not in draft
    await shot(page, shots, "upload")
    await page.click("#draft >> text=tencent-2020q2-results.md")  # what the bot read of it
    assert "1234.56" in await page.inner_text("main")
    await page.click("text=← 上传")
    assert "1148.83" in await server.ask(REVENUE, "o_other")  # the draft is not served
    assert "1148.83" in (server.settings.knowledge_dir
                         / "tencent-2020q2-results.md").read_text(encoding="utf-8")

    # 发布: every instance reloads; a follower gets the new figure over the webhook.
    await page.click("button:text('发布')")
    await page.wait_for_url("**/console/upload?msg=*")
    assert "已发布" in await page.inner_text(".notice")
    assert "1234.56" in await server.ask(REVENUE, "o_third")

    # 命中测试: the reply as a follower gets it, its passages, and a follow-up.
    await page.click("nav >> text=命中测试")
    await page.fill("#q", REVENUE)
    await page.click("button:text('测试')")
    result = await page.inner_text("#result")
    assert "1234.56" in result and "tencent-2020q2-results.md" in result, result
    assert await page.locator("table.matches tbody tr").count() >= 1
    await page.fill("#q", "那净利润呢")
    await page.click("button:text('测试')")
    follow = await page.inner_text("#result")
    assert "331.07" in follow, follow
    await shot(page, shots, "test")

    # 未回答: the follower's markup shows as text (no script ran), and goes to 命中测试.
    await page.click("nav >> text=未回答")
    cell = page.locator("td.question", has_text="alert(1)")
    assert await cell.first.inner_text() == SCRIPT
    await shot(page, shots, "unanswered")
    await page.locator("tr", has_text="alert(1)").locator("text=命中测试").click()
    await page.wait_for_url(lambda url: "/console/test?q=" in url)
    assert await page.input_value("#q") == SCRIPT

    # 统计 and 实例.
    await page.click("nav >> text=统计")
    stats = await page.inner_text("main")
    assert "近 7 天" in stats and await page.locator("svg.chart rect").count() >= 1
    await shot(page, shots, "stats")
    await page.click("nav >> text=实例")
    status = await page.inner_text("main")
    assert "正常" in status and server.settings.instance_id in status
    await shot(page, shots, "instances")
    await page.set_viewport_size({"width": 390, "height": 844})  # a phone
    await page.click("nav >> text=知识库")
    await shot(page, shots, "phone")
    await page.set_viewport_size({"width": 1100, "height": 800})

    # 回滚: the previous version serves again.
    await page.click("nav >> text=上传")
    await page.click("button:text('回滚')")
    await page.wait_for_url("**/console/upload?msg=*")
    assert "已回滚" in await page.inner_text(".notice")
    assert "1148.83" in await server.ask(REVENUE, "o_fourth")

    # A POST without the CSRF token is refused, even with the session cookie.
    cookies = {c["name"]: c["value"] for c in await browser.cookies()}
    async with aiohttp.ClientSession(cookies=cookies) as http:
        async with http.post(server.url + "/console/rollback", data={}) as resp:
            assert resp.status == 403
        async with http.post(server.url + "/console/rollback",
                             data={"csrf": "0" * 64}) as resp:
            assert resp.status == 403

    # Logout: back to the login page, and the old cookie no longer opens a page.
    await page.click("button:text('退出')")
    await page.wait_for_url("**/console/login")
    await page.goto(server.url + "/console/kb")
    assert page.url.endswith("/console/login")
    async with aiohttp.ClientSession(cookies=cookies) as http, \
            http.get(server.url + "/console/kb", allow_redirects=False) as resp:
        assert resp.status == 303 and resp.headers["Location"] == "/console/login"
    assert dialogs == []


async def test_wrong_tokens_are_rate_limited(server: Server, browser: Any) -> None:
    page = await browser.new_page()
    await page.goto(server.url + "/console/login")
    for _ in range(5):
        await page.fill("#token", "wrong-token-0123456789")
        await page.click("button[type=submit]")
        assert "口令不正确" in await page.inner_text(".error")
    # Even the right token waits out the minute now.
    await page.fill("#token", server.settings.admin_token.reveal())  # type: ignore[union-attr]
    response_status = []
    page.on("response", lambda r: response_status.append(r.status))
    await page.click("button[type=submit]")
    assert "错误次数过多" in await page.inner_text(".error")
    assert 429 in response_status
