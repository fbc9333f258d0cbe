"""The console over plain HTTP: off without ADMIN_TOKEN, headers, cookies, CSRF, uploads that
are refused, file names that cannot leave the draft, and the audit log."""

from __future__ import annotations

import asyncio
import io
import json
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from aiohttp import FormData
from aiohttp.test_utils import TestClient

from bot.console import auth
from bot.console.versions import UploadRefused, check_content, safe_name, sniff
from tests.conftest import MakeClient

TOKEN = "admin-token-for-tests-0123456789"


async def login(client: TestClient[Any, Any], token: str = TOKEN,
                headers: dict[str, str] | None = None) -> Any:
    """The login form's POST, with the CSRF token of the form just fetched."""
    form = await (await client.get("/console/login")).text()
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', form)
    assert csrf is not None
    return await client.post("/console/login", data={"token": token, "csrf": csrf.group(1)},
                             allow_redirects=False, headers=headers)


async def logged_in(make_client: MakeClient, **overrides: Any) -> tuple[TestClient[Any, Any], str]:
    client = await make_client(**overrides)
    resp = await login(client)
    assert resp.status == 303, await resp.text()
    page = await (await client.get("/console/upload")).text()
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert csrf is not None
    return client, csrf.group(1)


def upload_form(csrf: str | None, files: list[tuple[str, bytes]]) -> FormData:
    form = FormData()
    if csrf is not None:
        form.add_field("csrf", csrf)
    for name, data in files:
        form.add_field("files", io.BytesIO(data), filename=name,
                       content_type="application/octet-stream")
    return form


def raw_multipart(csrf: str, filename: str, text: str) -> tuple[bytes, str]:
    """A multipart body with the file name exactly as given (clients may escape it)."""
    b = "caibaoboundary"
    body = (f'--{b}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{csrf}\r\n'
            f'--{b}\r\nContent-Disposition: form-data; name="files"; filename="{filename}"\r\n'
            f'Content-Type: text/markdown\r\n\r\n{text}\r\n--{b}--\r\n')
    return body.encode(), f"multipart/form-data; boundary={b}"


async def test_no_admin_token_no_console(make_client: MakeClient) -> None:
    client = await make_client(admin_token=None)
    for path in ("/console/", "/console/login", "/console/kb", "/console/static/console.css"):
        assert (await client.get(path)).status == 404
    assert (await client.post("/console/login", data={"token": TOKEN})).status == 404


async def test_pages_need_a_session_and_carry_security_headers(make_client: MakeClient) -> None:
    client = await make_client()
    resp = await client.get("/console/stats", allow_redirects=False)
    assert resp.status == 303 and resp.headers["Location"] == "/console/login"
    assert (await client.post("/console/publish", data={})).status == 403
    form = await client.get("/console/login")
    assert "default-src 'self'" in form.headers["Content-Security-Policy"]
    assert form.headers["X-Frame-Options"] == "DENY"
    # The login POST needs its form's CSRF token too.
    resp = await client.post("/console/login", data={"token": TOKEN}, allow_redirects=False)
    assert resp.status == 403 and auth.COOKIE not in resp.cookies
    resp = await login(client)
    cookie = resp.cookies[auth.COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and not cookie["secure"]
    assert int(cookie["max-age"]) == auth.SESSION_SECONDS
    page = await client.get("/console/kb")
    assert page.status == 200 and page.headers["Cache-Control"] == "no-store"


async def test_cookie_is_secure_behind_a_trusted_https_proxy(make_client: MakeClient) -> None:
    for trusted, secure in ((False, False), (True, True)):
        client = await make_client(trust_proxy=trusted)
        resp = await login(client, headers={"X-Forwarded-Proto": "https"})
        assert bool(resp.cookies[auth.COOKIE]["secure"]) is secure


def test_cookie_signature_and_expiry() -> None:
    key = auth.derive_key(TOKEN)
    cookie, session = auth.new_cookie(key)
    assert auth.read_cookie(key, cookie) == session
    sid, expires, sig = cookie.split(".")
    assert auth.read_cookie(key, f"{sid}.{int(expires) + 9999}.{sig}") is None
    assert auth.read_cookie(auth.derive_key(TOKEN + "x"), cookie) is None
    assert auth.read_cookie(key, cookie, now=time.time() + auth.SESSION_SECONDS + 1) is None
    assert not auth.csrf_ok(key, session, None)
    assert auth.csrf_ok(key, session, auth.csrf_token(key, session))
    other = auth.read_cookie(key, auth.new_cookie(key)[0])
    assert other is not None and not auth.csrf_ok(key, other, auth.csrf_token(key, session))
    assert TOKEN not in cookie and key.hex() not in cookie


@pytest.mark.parametrize("raw,stored", [
    ("report.md", "report.md"), ("../../etc/evil.md", "evil.md"),
    ("C:\\Users\\x\\年报.pdf", "年报.pdf"), ("a/b/../c.html", "c.html")])
def test_file_names_are_basenames(raw: str, stored: str) -> None:
    assert safe_name(raw) == stored


@pytest.mark.parametrize("raw", ["..", ".hidden.md", "synonyms.txt", "FAQ.txt", "userdict.txt",
                                 "documents.txt", "README.md", "run.sh", "a\x00.md", "", "x/"])
def test_refused_file_names(raw: str) -> None:
    with pytest.raises(UploadRefused):
        safe_name(raw)


def docx_bytes(with_document: bool = True) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if with_document:
            archive.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def test_types_by_content() -> None:
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff(docx_bytes()) == "docx"
    assert sniff(docx_bytes(False)) is None
    assert sniff(b"\xef\xbb\xbf<!DOCTYPE html><html><body>x") == "html"
    assert sniff("# 报告\n营收".encode()) == "text"
    assert sniff(b"\xff\xfe\x00bin") is None
    check_content("a.pdf", b"%PDF-1.4")
    check_content("a.docx", docx_bytes())
    check_content("a.md", "正文".encode())
    for name, data in (("a.md", b"%PDF-1.4"), ("a.pdf", b"plain"), ("a.html", "正文".encode()),
                       ("a.txt", "正文".encode("gbk")), ("a.docx", docx_bytes(False))):
        with pytest.raises(UploadRefused):
            check_content(name, data)


async def test_uploads_refused_and_kept_in_the_draft(make_client: MakeClient, kdir: Path,
                                                     tmp_path: Path) -> None:
    client, csrf = await logged_in(make_client, knowledge_dir=kdir,
                                   upload_max_bytes=64 * 1024)
    before = {p.name: p.read_bytes() for p in kdir.iterdir()}
    # A multipart POST elsewhere still needs the form's CSRF token.
    resp = await client.post("/console/discard", data=upload_form(None, [("a.md", b"x")]))
    assert resp.status == 403
    # Without the CSRF field first, nothing is read.
    resp = await client.post("/console/upload", data=upload_form(None, [("a.md", b"x")]))
    assert resp.status == 403
    # Wrong content, an operator file, too big: refused with the reason.
    resp = await client.post("/console/upload", data=upload_form(csrf, [
        ("fake.pdf", "不是PDF".encode()), ("synonyms.txt", b"a = b")]))
    text = await resp.text()
    assert resp.status == 400 and "fake.pdf" in text and "运营文件" in text
    resp = await client.post("/console/upload", data=upload_form(
        csrf, [("big.md", b"x" * (65 * 1024))]))
    assert resp.status == 413
    # A name reaching out of the folder lands in the draft as its basename, and only there.
    body, ctype = raw_multipart(csrf, "../../../outside.md", "# 外部\n测试公司营业收入为10亿元。")
    resp = await client.post("/console/upload", data=body, headers={"Content-Type": ctype})
    assert resp.status == 200, await resp.text()
    draft = tmp_path / "data" / "knowledge-versions" / "draft"
    assert (draft / "outside.md").is_file()
    assert not list(tmp_path.rglob("outside.md"))[1:]  # one copy, in the draft
    assert {p.name: p.read_bytes() for p in kdir.iterdir()} == before  # serving untouched
    # A PDF is kept, and the check says it cannot be read yet (no reader on this branch).
    resp = await client.post("/console/upload", data=upload_form(
        csrf, [("report.pdf", b"%PDF-1.4\n%...")]))
    assert "report.pdf" in await resp.text()
    # 放弃 removes the draft.
    resp = await client.post("/console/discard", data={"csrf": csrf})
    assert resp.status == 200 and not draft.exists()


async def test_escaped_and_audited(make_client: MakeClient, redis_url: str,
                                   settings: Any) -> None:
    client, csrf = await logged_in(make_client)
    resp = await client.get("/console/test", params={"q": "<script>alert(1)</script>"})
    page = await resp.text()
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # The upload page's notice is a code, never text from the link.
    page = await (await client.get("/console/upload", params={"msg": "请访问某网站",
                                                              "v": "x<b>"})).text()
    assert "请访问某网站" not in page and "x<b>" not in page
    page = await (await client.get("/console/upload", params={"msg": "published",
                                                              "v": "<b>"})).text()
    assert "已发布：版本 -" in page
    resp = await client.post("/console/test", data={"csrf": csrf, "q": "腾讯二季度营收多少？"})
    assert "1148.83" in await resp.text()
    await client.get("/console/instances")
    import redis as sync_redis
    r = sync_redis.Redis.from_url(redis_url, decode_responses=True)
    entries = [json.loads(x) for x in r.lrange(f"caibao:{settings.wechat_appid}:audit", 0, -1)]
    actions = {e["what"] for e in entries if e["who"] == "console"}
    assert {"login", "hit-test", "status"} <= actions, actions
    text = json.dumps(entries, ensure_ascii=False)
    assert TOKEN not in text


async def test_publish_reaches_every_instance(make_client: MakeClient, kdir: Path,
                                              tmp_path: Path) -> None:
    """发布 on one instance: the other, sharing KNOWLEDGE_DIR and Redis, serves it too."""
    from bot import keys
    from tests.console.test_browser import changed_report

    client, csrf = await logged_in(make_client, knowledge_dir=kdir, instance_id="console-a")
    other = await make_client(knowledge_dir=kdir, instance_id="console-b")
    report = changed_report(tmp_path / "upload")
    resp = await client.post("/console/upload", data=upload_form(
        csrf, [(report.name, report.read_bytes())]))
    assert resp.status == 200 and "1234.56" not in (kdir / report.name).read_text("utf-8")
    resp = await client.post("/console/publish", data={"csrf": csrf})
    assert "已发布" in await resp.text()
    version = client.server.app[keys.KNOWLEDGE].current.version
    holder = other.server.app[keys.KNOWLEDGE]
    for _ in range(150):  # up to 15 s
        if holder.current.version == version:
            break
        await asyncio.sleep(0.1)
    assert holder.current.version == version
    assert "1234.56" in holder.current.answer("腾讯二季度营收多少？").text


async def test_publish_into_a_folder_that_cannot_be_written(
        make_client: MakeClient, kdir: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only KNOWLEDGE_DIR (compose mounts it :ro): 发布 says so and changes nothing."""
    from bot.console.versions import Versions

    client, csrf = await logged_in(make_client, knowledge_dir=kdir)
    resp = await client.post("/console/upload", data=upload_form(
        csrf, [("extra.md", "# 补充\n腾讯控股的员工人数为8万人。".encode())]))
    assert resp.status == 200
    before = {p.name: p.read_bytes() for p in kdir.iterdir()}

    def read_only(self: Versions, src: Path) -> Path:
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(Versions, "stage", read_only)
    resp = await client.post("/console/publish", data={"csrf": csrf})
    assert resp.status == 500 and "KNOWLEDGE_DIR 需要可写" in await resp.text()
    assert {p.name: p.read_bytes() for p in kdir.iterdir()} == before
    versions = tmp_path / "data" / "knowledge-versions"
    assert (versions / "draft" / "extra.md").is_file() and not (versions / "previous").exists()


async def test_one_file_change_at_a_time_across_instances(make_client: MakeClient,
                                                          kdir: Path) -> None:
    from bot import keys

    client, csrf = await logged_in(make_client, knowledge_dir=kdir)
    store = client.server.app[keys.STORE]
    assert await store.try_lock("console-files", "another-instance", 60)  # someone publishing
    resp = await client.post("/console/upload", data=upload_form(
        csrf, [("extra.md", "# 补充\n腾讯控股的员工人数为8万人。".encode())]))
    assert "另一个控制台正在上传或发布" in await resp.text()
    assert not (kdir.parent / "data").exists()
    await store.unlock("console-files", "not-the-owner")  # only the holder releases it
    assert not await store.try_lock("console-files", "third", 60)
    await store.unlock("console-files", "another-instance")
    resp = await client.post("/console/upload", data=upload_form(
        csrf, [("extra.md", "# 补充\n腾讯控股的员工人数为8万人。".encode())]))
    assert resp.status == 200 and "extra.md" in await resp.text()
