"""Operator commands in WeChat, for the OpenIDs in ``ADMIN_OPENIDS`` only.

Anyone else typing ``/reload`` falls through to the question handler like any other text,
so nothing hints that the commands exist.
"""

from __future__ import annotations

import re

from bot.dispatch.router import Data, Reply, Router
from bot.errors import StoreUnavailable
from bot.ops.admin import AdminService
from bot.ops.settings import Settings
from bot.protocol.wechat import Message
from bot.state.store import user_hash
from handlers import texts

router = Router("admin")

COMMANDS = {
    "/reload": "reload", "重新加载": "reload",
    "/status": "status", "状态": "status",
    "/stats": "stats", "统计": "stats",
    "/unanswered": "unanswered", "未回答": "unanswered",
    "/help": "help",
}
UNANSWERED_DEFAULT, UNANSWERED_MAX = 10, 50


def parse_command(text: str) -> tuple[str, str] | None:
    word, _, rest = text.strip().partition(" ")
    name = COMMANDS.get(word.lower())
    return (name, rest.strip()) if name else None


def admin_command(message: Message, data: Data) -> bool:
    """An admin's command, from a body whose integrity is guaranteed: it came in the AES
    envelope (whose signature covers it) and its signed query was not used before (checked
    in Redis by the dedup step: without Redis that cannot be known, so no command runs)."""
    settings: Settings = data["settings"]
    return (message.type == "text" and message.sender in settings.admin_openids
            and bool(data.get("sealed")) and data.get("begin") is not None
            and parse_command(message.content) is not None)


@router(admin_command)
async def handle_admin(message: Message, admin: AdminService) -> Reply:
    parsed = parse_command(message.content)
    assert parsed is not None  # guaranteed by the filter
    name, arg = parsed
    actor = user_hash(message.sender)
    try:
        if name == "reload":
            text = await _reload(admin, actor)
        elif name == "status":
            text = await _status(admin, actor)
        elif name == "stats":
            text = await _stats(admin, actor)
        elif name == "unanswered":
            text = await _unanswered(admin, actor, arg)
        else:
            text = texts.ADMIN_HELP
    except StoreUnavailable:
        text = texts.ADMIN_REDIS_DOWN
    return Reply(text, outcome="admin")


async def _reload(admin: AdminService, actor: str) -> str:
    result = await admin.reload(actor)
    if not result.ok:
        return texts.ADMIN_RELOAD_FAILED.format(error=result.error, version=result.version)
    text = texts.ADMIN_RELOAD_OK.format(**result.as_dict())
    if result.warnings:
        text += "\n" + texts.ADMIN_RELOAD_WARNINGS.format(
            warnings="\n".join(f"· {w}" for w in result.warnings))
    return text


async def _status(admin: AdminService, actor: str) -> str:
    s = await admin.status(actor)
    rows = "\n".join(texts.ADMIN_INSTANCE_ROW.format(**i) for i in s["instances"])
    return texts.ADMIN_STATUS.format(
        version=s["version"], documents=s["documents"], passages=s["passages"],
        instance=s["instance"], uptime=texts.duration(s["uptime"]),
        redis=texts.REDIS_STATES[s["redis"]], count=len(s["instances"]),
        rows=rows or texts.ADMIN_NONE)


async def _stats(admin: AdminService, actor: str) -> str:
    s = await admin.stats(actor)
    fields = ("questions", "answered", "refused", "rate_limited")
    values = {f"t_{f}": s["today"].get(f, 0) for f in fields}
    values.update({f"w_{f}": s["total"].get(f, 0) for f in fields})
    top = "\n".join(f"{i}. {q}（{n}次）" for i, (q, n) in enumerate(s["top"], 1))
    return texts.ADMIN_STATS.format(days=s["days"], top=top or texts.ADMIN_NONE, **values)


async def _unanswered(admin: AdminService, actor: str, arg: str) -> str:
    n = int(arg) if re.fullmatch(r"[0-9]{1,4}", arg) else UNANSWERED_DEFAULT
    rows = await admin.unanswered(max(1, min(n, UNANSWERED_MAX)), actor)
    if not rows:
        return texts.ADMIN_UNANSWERED_NONE
    lines = [texts.ADMIN_UNANSWERED_HEAD.format(n=len(rows))]
    lines.extend(f"{i}. {r['q']}" for i, r in enumerate(rows, 1))
    return "\n".join(lines)
