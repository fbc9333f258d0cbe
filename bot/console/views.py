"""The console's pages: server-rendered (Jinja2, autoescaped), no JavaScript, in Chinese.

Every page but the login needs the signed session cookie; every POST needs the session's
CSRF token; every action goes to the audit log as actor ``console``. Responses carry a strict
Content-Security-Policy, ``X-Frame-Options: DENY`` and ``Cache-Control: no-store``.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import logging
import re
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp_jinja2
import jinja2
from aiohttp import BodyPartReader, web

from bot import keys
from bot.console import auth
from bot.console.reports import check_summary, document_reports, document_sections
from bot.console.versions import UploadRefused, Versions, check_content, safe_name
from bot.dispatch.middleware import fit_reply
from bot.dispatch.session import Session
from bot.errors import StoreUnavailable
from bot.ops.admin import describe
from bot.ops.http import guarded
from bot.state.store import user_hash
from handlers.qa import answer_and_reply
from knowledge import Context, KnowledgeError, Library, build_library

log = logging.getLogger("caibao.console")

ACTOR = "console"
HERE = Path(__file__).resolve().parent
MAX_FILES = 10
QUESTION_CHARS = 300
NAV = [("kb", "知识库"), ("upload", "上传"), ("test", "命中测试"), ("unanswered", "未回答"),
       ("stats", "统计"), ("instances", "实例")]
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
CONSOLE_KEY: web.AppKey[Console] = web.AppKey("console")

# The logged-in session of the request being handled (each request runs in its own task).
CURRENT: contextvars.ContextVar[auth.ConsoleSession | None] = contextvars.ContextVar(
    "console_session", default=None)

Page = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Console:
    """What the console's handlers share: the signing key, versions, a lock for file work,
    and an in-process count of wrong tokens for when Redis is unavailable."""

    def __init__(self, app: web.Application) -> None:
        settings = app[keys.SETTINGS]
        assert settings.admin_token is not None
        self.key = auth.derive_key(settings.admin_token.reveal())
        self.versions = Versions(settings.knowledge_dir, settings.data_dir)
        self.lock = asyncio.Lock()
        self.fallback_attempts: dict[str, tuple[float, int]] = {}
        self.draft: Library | None = None  # the draft as last built here (for its pages)


# -- plumbing ---------------------------------------------------------------------------------
def _headers(resp: web.StreamResponse) -> web.StreamResponse:
    for name, value in SECURITY_HEADERS.items():
        resp.headers[name] = value
    return resp


def redirect(location: str) -> web.HTTPSeeOther:
    resp = web.HTTPSeeOther(location)
    _headers(resp)
    return resp


def _secure(request: web.Request) -> bool:
    if request.secure:
        return True
    settings = request.app[keys.SETTINGS]
    return settings.trust_proxy and \
        request.headers.get("X-Forwarded-Proto", "").strip().lower() == "https"


def client_address(request: web.Request) -> str:
    settings = request.app[keys.SETTINGS]
    forwarded = request.headers.get("X-Forwarded-For", "")
    if settings.trust_proxy and forwarded:
        # The address the (trusted) proxy saw: the last one it appended.
        return forwarded.rsplit(",", 1)[-1].strip()[:64]
    return request.remote or "unknown"


async def _audit(request: web.Request, action: str, result: str) -> None:
    await request.app[keys.ADMIN].audit(ACTOR, action, result)


def render(request: web.Request, template: str, context: dict[str, Any],
           status: int = 200) -> web.Response:
    session = CURRENT.get()
    console = request.app[CONSOLE_KEY]
    base = {"nav": NAV, "csrf": auth.csrf_token(console.key, session) if session else "",
            "logged_in": session is not None}
    resp = aiohttp_jinja2.render_template(template, request, {**base, **context}, status=status)
    _headers(resp)
    return resp


def page(handler: Page) -> Page:
    """A console page: needs a valid session cookie (else the login page, or 403 for a
    POST) and, for a POST, the session's CSRF token in its form."""
    return _page(handler, checks_own_csrf=False)


def upload_route(handler: Page) -> Page:
    """The upload: a session as for any page; its handler checks the CSRF token itself, as
    the first field of the multipart body, before any file is read."""
    return _page(handler, checks_own_csrf=True)


def _page(handler: Page, checks_own_csrf: bool) -> Page:
    @functools.wraps(handler)
    async def checked(request: web.Request) -> web.StreamResponse:
        console = request.app[CONSOLE_KEY]
        session = auth.read_cookie(console.key, request.cookies.get(auth.COOKIE))
        if session is not None:
            try:
                if await request.app[keys.STORE].console_session_ended(session.sid):
                    session = None
            except StoreUnavailable:
                pass  # a logged-out cookie stays refused once Redis is back
        if session is None:
            if request.method == "GET":
                raise redirect("/console/login")
            return _headers(web.Response(status=403, text="未登录或会话已过期"))
        if request.method == "POST" and not checks_own_csrf:
            form = await request.post()
            given = form.get("csrf")
            if not auth.csrf_ok(console.key, session, given if isinstance(given, str) else None):
                await _audit(request, "csrf", f"refused {request.path}")
                return _headers(web.Response(status=403, text="CSRF 校验失败，请刷新页面重试"))
        # Kept-alive requests share a task: the session is set for this handler call only.
        token = CURRENT.set(session)
        try:
            return await handler(request)
        except Busy:
            await _audit(request, "busy", f"refused {request.path}")
            raise redirect("/console/upload?msg=busy") from None
        finally:
            CURRENT.reset(token)

    return checked


def _session(request: web.Request) -> auth.ConsoleSession:
    session = CURRENT.get()
    assert session is not None  # set by @page
    return session


# -- login ------------------------------------------------------------------------------------
def login_page(request: web.Request, error: str, status: int = 200) -> web.Response:
    """The login form, with a CSRF token of its own: tied to a short-lived pre-login cookie
    (there is no session yet), so even the login POST carries one."""
    console = request.app[CONSOLE_KEY]
    pre = secrets.token_hex(16)
    resp = render(request, "login.html", {"error": error,
                                          "login_csrf": auth.login_csrf(console.key, pre)},
                  status=status)
    resp.set_cookie(auth.PRE_COOKIE, pre, max_age=auth.PRE_SECONDS, path="/console/login",
                    httponly=True, samesite="Strict", secure=_secure(request))
    return resp


async def login_form(request: web.Request) -> web.StreamResponse:
    return login_page(request, "")


async def _too_many(request: web.Request, who: str) -> bool:
    console = request.app[CONSOLE_KEY]
    try:
        return await request.app[keys.STORE].attempts("console-login", who) >= auth.LOGIN_LIMIT
    except StoreUnavailable:
        start, count = console.fallback_attempts.get(who, (0.0, 0))
        return time.time() - start < auth.LOGIN_WINDOW and count >= auth.LOGIN_LIMIT


async def _count_wrong(request: web.Request, who: str) -> None:
    console = request.app[CONSOLE_KEY]
    try:
        await request.app[keys.STORE].count_attempt("console-login", who, auth.LOGIN_WINDOW)
    except StoreUnavailable:
        now = time.time()
        start, count = console.fallback_attempts.get(who, (now, 0))
        if now - start >= auth.LOGIN_WINDOW:
            start, count = now, 0
        if len(console.fallback_attempts) > 10_000:
            console.fallback_attempts.clear()
        console.fallback_attempts[who] = (start, count + 1)


async def login(request: web.Request) -> web.StreamResponse:
    settings = request.app[keys.SETTINGS]
    assert settings.admin_token is not None
    who = user_hash(client_address(request))
    if await _too_many(request, who):
        await _audit(request, "login", f"rate-limited {who}")
        return login_page(request, "错误次数过多，请一分钟后再试。", 429)
    form = await request.post()
    console = request.app[CONSOLE_KEY]
    csrf = form.get("csrf")
    if not auth.login_csrf_ok(console.key, request.cookies.get(auth.PRE_COOKIE),
                              csrf if isinstance(csrf, str) else None):
        await _audit(request, "csrf", "refused /console/login")
        return login_page(request, "页面已过期，请重新输入。", 403)
    given = form.get("token")
    if not isinstance(given, str) or not auth.token_ok(settings.admin_token.reveal(), given):
        await _count_wrong(request, who)
        await _audit(request, "login", f"failed {who}")
        return login_page(request, "口令不正确。", 401)
    cookie, session = auth.new_cookie(console.key)
    await _audit(request, "login", f"ok {who} session {session.sid[:8]}")
    resp = redirect("/console/kb")
    resp.set_cookie(auth.COOKIE, cookie, max_age=auth.SESSION_SECONDS, path="/console",
                    httponly=True, samesite="Strict", secure=_secure(request))
    resp.del_cookie(auth.PRE_COOKIE, path="/console/login")
    raise resp


@page
async def logout(request: web.Request) -> web.StreamResponse:
    session = _session(request)
    try:
        await request.app[keys.STORE].end_console_session(session.sid, session.remaining)
    except StoreUnavailable:
        log.warning("console logout: Redis unavailable, the cookie is only deleted")
    await _audit(request, "logout", f"session {session.sid[:8]}")
    resp = redirect("/console/login")
    resp.del_cookie(auth.COOKIE, path="/console")
    raise resp


async def index(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/console/kb")


# -- 知识库 -------------------------------------------------------------------------------------
def _when(at: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(at)) if at else "-"


@page
async def kb_page(request: web.Request) -> web.StreamResponse:
    holder = request.app[keys.KNOWLEDGE]
    kb = holder.current
    await _audit(request, "kb", f"view {kb.version}")
    return render(request, "kb.html", {
        "active": "kb", "version": kb.version, "built": _when(holder.loaded_at),
        "seconds": round(kb.build_seconds, 2), "stats": kb.stats,
        "documents": document_reports(kb, request.app[keys.SETTINGS].knowledge_dir),
        "warnings": kb.warnings,
    })


@page
async def document_page(request: web.Request) -> web.StreamResponse:
    """What the bot read from one document, of the serving version or (``draft=1``) of the
    draft, so an upload can be read before it is published."""
    draft = request.query.get("draft") == "1"
    kb = await _draft_library(request) if draft else request.app[keys.KNOWLEDGE].current
    name = request.query.get("name", "")
    sections = document_sections(kb, name) if kb is not None else None
    await _audit(request, "document", f"view {'draft ' if draft else ''}{name[:80]}")
    if kb is None or sections is None:
        return render(request, "error.html", {"active": "upload" if draft else "kb",
                                              "message": "没有这个文档。"}, status=404)
    report = next(d for d in document_reports(kb) if d.name == name)
    return render(request, "document.html", {
        "active": "upload" if draft else "kb", "doc": report, "sections": sections,
        "version": kb.version, "draft": draft})


async def _draft_library(request: web.Request) -> Library | None:
    """The draft's build: kept from its upload on this instance, else built again here."""
    console = request.app[CONSOLE_KEY]
    async with console.lock:
        if console.draft is None and await _run(console.versions.meta, "draft") is not None:
            with contextlib.suppress(KnowledgeError):
                console.draft = await _run(build_library, console.versions.draft)
        return console.draft


# -- 上传 ---------------------------------------------------------------------------------------
LOCK_SECONDS = 600


class Busy(Exception):
    """Another console (on any instance) is changing the knowledge files."""


@contextlib.asynccontextmanager
async def exclusive(request: web.Request) -> AsyncIterator[None]:
    """One change of drafts or knowledge files at a time: on this instance (an asyncio lock)
    and across instances (a lock in Redis; without Redis, this instance's lock only)."""
    console = request.app[CONSOLE_KEY]
    store = request.app[keys.STORE]
    async with console.lock:
        token = secrets.token_hex(8)
        try:
            held = await store.try_lock("console-files", token, LOCK_SECONDS)
        except StoreUnavailable:
            held = None
        if held is False:
            raise Busy()
        try:
            yield
        finally:
            if held:
                with contextlib.suppress(StoreUnavailable):
                    await store.unlock("console-files", token)



def _build_check(folder: Path) -> tuple[dict[str, object], Library | None]:
    """Build a folder as the bot would (in a worker thread) and describe the result."""
    try:
        lib = build_library(folder)
    except KnowledgeError as exc:
        return check_summary(None, folder, describe(exc)), None
    return check_summary(lib, folder), lib


async def _run(func: Callable[..., Any], *args: Any) -> Any:
    return await asyncio.get_running_loop().run_in_executor(None, func, *args)


@page
async def upload_page(request: web.Request) -> web.StreamResponse:
    console = request.app[CONSOLE_KEY]
    versions = console.versions
    draft, previous = await _run(versions.meta, "draft"), await _run(versions.meta, "previous")
    settings = request.app[keys.SETTINGS]
    return render(request, "upload.html", {
        "active": "upload", "draft": draft, "previous": previous,
        "serving": request.app[keys.KNOWLEDGE].current.version,
        "limit_mb": round(settings.upload_max_bytes / (1024 * 1024), 2),
        "message": _message(request), "refused": [],
    })


async def _read_upload(request: web.Request, limit: int) -> list[tuple[str, bytes]] | str:
    """The files of a multipart upload, each within ``limit`` bytes, after the CSRF field;
    or the reason it is refused."""
    console = request.app[CONSOLE_KEY]
    reader = await request.multipart()
    first = await reader.next()
    if first is None or getattr(first, "name", None) != "csrf":
        return "csrf"
    if not isinstance(first, BodyPartReader):
        return "csrf"
    given = (await first.read(decode=True)).decode("utf-8", "replace")
    if not auth.csrf_ok(console.key, _session(request), given):
        return "csrf"
    files: list[tuple[str, bytes]] = []
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader) or part.name != "files" or not part.filename:
            continue
        if len(files) >= MAX_FILES:
            return f"一次最多上传 {MAX_FILES} 个文件"
        data = bytearray()
        while chunk := await part.read_chunk(256 * 1024):
            data.extend(chunk)
            if len(data) > limit:
                return f"{part.filename[:80]}：超过 {round(limit / (1024 * 1024), 2)} MB"
        files.append((part.filename, bytes(data)))
    return files


async def upload(request: web.Request) -> web.StreamResponse:
    """POST: multipart with the CSRF token first (checked before any file is read)."""
    console = request.app[CONSOLE_KEY]
    settings = request.app[keys.SETTINGS]
    read = await _read_upload(request, settings.upload_max_bytes)
    if read == "csrf":
        await _audit(request, "csrf", "refused /console/upload")
        return _headers(web.Response(status=403, text="CSRF 校验失败，请刷新页面重试"))
    if isinstance(read, str):
        await _audit(request, "upload", f"refused: {read}")
        return await _upload_result(request, [read], status=413)
    refused: list[str] = []
    accepted: list[tuple[str, bytes]] = []
    for raw_name, data in read:
        try:
            name = safe_name(raw_name)
            check_content(name, data)
        except UploadRefused as exc:
            refused.append(f"{raw_name[:80]}：{exc}")
            continue
        accepted.append((name, data))
    if not accepted:
        await _audit(request, "upload", f"refused {len(refused)} files")
        return await _upload_result(request, refused or ["没有选择文件"], status=400)
    async with exclusive(request):
        versions = console.versions

        def store_and_check() -> tuple[dict[str, object], Library | None]:
            for name, data in accepted:
                versions.add(name, data)
            check, lib = _build_check(versions.draft)
            meta = versions.meta("draft") or {}
            meta.update(check=check, checked=int(time.time()))
            versions.save_meta("draft", meta)
            return check, lib

        check, console.draft = await _run(store_and_check)
    names = ", ".join(n for n, _ in accepted)
    await _audit(request, "upload", f"draft {names[:200]}; "
                 f"{'errors' if check['errors'] else 'ok'}")
    return await _upload_result(request, refused)


async def _upload_result(request: web.Request, refused: list[str],
                         status: int = 200) -> web.StreamResponse:
    console = request.app[CONSOLE_KEY]
    settings = request.app[keys.SETTINGS]
    draft = await _run(console.versions.meta, "draft")
    previous = await _run(console.versions.meta, "previous")
    return render(request, "upload.html", {
        "active": "upload", "draft": draft, "previous": previous,
        "serving": request.app[keys.KNOWLEDGE].current.version,
        "limit_mb": round(settings.upload_max_bytes / (1024 * 1024), 2), "message": "",
        "refused": refused}, status=status)


@page
async def publish(request: web.Request) -> web.StreamResponse:
    return await _switch(request, "draft", "publish")


@page
async def rollback(request: web.Request) -> web.StreamResponse:
    return await _switch(request, "previous", "rollback")


async def _switch(request: web.Request, source: str, action: str) -> web.StreamResponse:
    """发布 / 回滚: put the files in KNOWLEDGE_DIR, then the same reload as /reload (every
    instance follows). A reload that fails puts the served files back."""
    console = request.app[CONSOLE_KEY]
    admin = request.app[keys.ADMIN]
    async with exclusive(request):
        meta = await _run(console.versions.meta, source)
        if meta is None:
            return _redirect_upload("none")
        if source == "draft" and meta.get("check", {}).get("errors"):
            return _redirect_upload("errors")
        served = request.app[keys.KNOWLEDGE].current.version
        try:
            await _run(console.versions.publish, source, served)
        except OSError as exc:
            log.error("console %s: cannot write the knowledge folder: %s", action, exc)
            await _audit(request, action, f"failed: {exc.strerror or exc}")
            return await _upload_result(request, [
                f"无法写入知识库文件夹（{exc.strerror or exc}）：KNOWLEDGE_DIR 需要可写"], 500)
        console.draft = None
        result = await admin.reload(ACTOR)
        if not result.ok:
            await _run(console.versions.publish, "previous", served)
            await admin.reload(ACTOR)
    await _audit(request, action, f"{'ok' if result.ok else 'failed'} {served} -> "
                 f"{result.version}")
    if not result.ok:
        return await _upload_result(request, [f"发布失败，已恢复原版本：{result.error}"], 422)
    return _redirect_upload("published" if action == "publish" else "rolled-back",
                            result.version)


@page
async def discard(request: web.Request) -> web.StreamResponse:
    console = request.app[CONSOLE_KEY]
    async with exclusive(request):
        await _run(console.versions.discard)
        console.draft = None
    await _audit(request, "discard", "draft discarded")
    return _redirect_upload("discarded")


# What the upload page says after an action: a code in the query, never free text (a link
# could otherwise make the console show anyone's words).
MESSAGES = {"published": "已发布：版本 {v}", "rolled-back": "已回滚：版本 {v}",
            "discarded": "草稿已放弃", "none": "没有可用的版本", "errors": "草稿有错误，不能发布",
            "busy": "另一个控制台正在上传或发布，请稍后再试"}


def _redirect_upload(code: str, version: str = "") -> web.StreamResponse:
    raise redirect(f"/console/upload?msg={code}&v={quote(version, safe='')}")


def _message(request: web.Request) -> str:
    text = MESSAGES.get(request.query.get("msg", ""), "")
    version = request.query.get("v", "")
    return text.format(v=version if re.fullmatch(r"[0-9a-f]{1,16}", version) else "-")


# -- 命中测试 ---------------------------------------------------------------------------------
@page
async def test_page(request: web.Request) -> web.StreamResponse:
    question = request.query.get("q", "")[:QUESTION_CHARS]
    state = await _console_state(request)
    return render(request, "test.html", {"active": "test", "question": question,
                                         "history": state.get("history", []), "result": None})


async def _console_state(request: web.Request) -> dict[str, Any]:
    try:
        return await request.app[keys.STORE].console_state(_session(request).sid) or {}
    except StoreUnavailable:
        return {}


@page
async def test_ask(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    raw = form.get("q")
    question = raw.strip()[:QUESTION_CHARS] if isinstance(raw, str) else ""
    store, session = request.app[keys.STORE], _session(request)
    state = await _console_state(request)
    if form.get("fresh") or not question:
        state = {}
    kb = request.app[keys.KNOWLEDGE].current
    settings = request.app[keys.SETTINGS]
    convo = Session.from_dict(state.get("session"))
    result = None
    if question:
        # The follower's path: the same answer, the same reply, the same cut to WeChat's size.
        answer, reply = answer_and_reply(question, kb, convo, settings)
        reply = fit_reply(reply, convo)
        ctx = Context.from_dict(convo.context)
        result = {
            "question": question, "reply": reply.text, "outcome": reply.outcome,
            "kind": answer.kind, "confidence": round(answer.confidence, 2),
            "company": ctx.company or answer.entity or "", "metric": answer.metric or "",
            "period": answer.period or "",
            "matches": [{"document": p.document, "heading": p.heading, "text": p.text,
                         "score": round(s, 3)} for p, s in answer.matches],
        }
        history = [*state.get("history", []), {"q": question, "outcome": reply.outcome}][-5:]
        state = {"session": convo.bounded(), "history": history}
        await _audit(request, "hit-test", reply.outcome)
    with contextlib.suppress(StoreUnavailable):
        await store.save_console_state(session.sid, state, max(1, session.remaining))
    return render(request, "test.html", {"active": "test", "question": "",
                                         "history": state.get("history", []),
                                         "result": result})


# -- 未回答 / 统计 / 实例 ----------------------------------------------------------------------
@page
async def unanswered_page(request: web.Request) -> web.StreamResponse:
    try:
        rows = await request.app[keys.ADMIN].unanswered(500, ACTOR)
    except StoreUnavailable:
        return render(request, "error.html", {"active": "unanswered",
                                              "message": "Redis 不可用，暂时无法读取。"}, 503)
    grouped: dict[str, dict[str, Any]] = {}
    for row in rows:  # newest first
        q = str(row.get("q", ""))
        entry = grouped.setdefault(q, {"q": q, "count": 0, "last": row.get("at", 0)})
        entry["count"] += 1
    items = [{**e, "when": time.strftime("%m-%d %H:%M", time.localtime(int(e["last"] or 0)))}
             for e in grouped.values()]
    return render(request, "unanswered.html", {"active": "unanswered", "items": items[:100]})


SERIES = [("answered", "已回答", "#3a8f5c"), ("refused", "未回答", "#d08a2e"),
          ("chitchat", "闲聊", "#8a94a6"), ("rate_limited", "限流", "#c0392b")]


def chart(per_day: dict[str, dict[str, int]]) -> dict[str, Any]:
    """An inline SVG stacked bar chart (coordinates computed here, drawn by the template)."""
    days = sorted(per_day)
    top = max([sum(per_day[d].get(k, 0) for k, _, _ in SERIES) for d in days] + [1])
    width, height, pad = 56, 160, 20
    bars: list[dict[str, Any]] = []
    for i, day in enumerate(days):
        y: float = height
        for key, label, colour in SERIES:
            value = per_day[day].get(key, 0)
            h = round(value / top * (height - pad), 1)
            if value:
                y -= h
                bars.append({"x": i * width + 8, "y": round(y, 1), "w": width - 16, "h": h,
                             "fill": colour, "title": f"{day} {label} {value}"})
        bars.append({"x": i * width + width / 2, "label": day[5:], "total":
                     per_day[day].get("questions", 0), "y": round(y - 4, 1), "text": True})
    return {"bars": bars, "width": width * len(days), "height": height + 18, "base": height,
            "series": SERIES}


@page
async def stats_page(request: web.Request) -> web.StreamResponse:
    try:
        data = await request.app[keys.ADMIN].stats(ACTOR)
    except StoreUnavailable:
        return render(request, "error.html", {"active": "stats",
                                              "message": "Redis 不可用，暂时无法读取。"}, 503)
    return render(request, "stats.html", {"active": "stats", "data": data,
                                          "chart": chart(data["per_day"]), "series": SERIES})


@page
async def instances_page(request: web.Request) -> web.StreamResponse:
    status = await request.app[keys.ADMIN].status(ACTOR)
    now = time.time()
    for row in status["instances"]:
        row["uptime"] = _duration(now - int(row.get("started", now)))
    return render(request, "instances.html", {"active": "instances", "status": status,
                                              "uptime": _duration(status["uptime"])})


def _duration(seconds: float) -> str:
    s = int(seconds)
    d, s = divmod(s, 86400)
    h, s = divmod(s, 3600)
    m, s = divmod(s, 60)
    return (f"{d}天" if d else "") + (f"{h}小时" if h or d else "") + f"{m}分{s}秒"


# -- static -----------------------------------------------------------------------------------
STATIC = {"console.css": "text/css"}


async def static(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    if name not in STATIC:
        raise web.HTTPNotFound()
    body = (HERE / "static" / name).read_bytes()
    resp = web.Response(body=body, content_type=STATIC[name])
    _headers(resp)
    resp.headers["Cache-Control"] = "public, max-age=3600"
    return resp


def add_routes(app: web.Application) -> None:
    """The console's routes, only when ADMIN_TOKEN is set (as the HTTP admin API)."""
    if app[keys.SETTINGS].admin_token is None:
        return
    app[CONSOLE_KEY] = Console(app)
    aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(HERE / "templates"),
                         autoescape=True, default_helpers=False)
    routes: list[tuple[str, str, Page]] = [
        ("GET", "/console", index), ("GET", "/console/", index),
        ("GET", "/console/login", login_form), ("POST", "/console/login", login),
        ("POST", "/console/logout", logout),
        ("GET", "/console/kb", kb_page), ("GET", "/console/kb/document", document_page),
        ("GET", "/console/upload", upload_page), ("POST", "/console/upload", upload_route(upload)),
        ("POST", "/console/publish", publish), ("POST", "/console/discard", discard),
        ("POST", "/console/rollback", rollback),
        ("GET", "/console/test", test_page), ("POST", "/console/test", test_ask),
        ("GET", "/console/unanswered", unanswered_page),
        ("GET", "/console/stats", stats_page),
        ("GET", "/console/instances", instances_page),
        ("GET", "/console/static/{name}", static),
    ]
    for method, path, handler in routes:
        app.router.add_route(method, path, guarded(handler))
