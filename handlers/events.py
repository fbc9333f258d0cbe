"""Events: subscribe welcome, unsubscribe clean-up, menu clicks; anything else is acknowledged."""

from __future__ import annotations

from bot.dispatch.router import Reply, Router, event, of_type
from bot.dispatch.session import Session
from bot.ops.settings import Settings
from bot.protocol.wechat import Message
from handlers import texts
from handlers.menu import Menu
from handlers.qa import answer_question
from handlers.welcome import welcome_text
from knowledge import Library

router = Router("events")


@router(event("subscribe", "subscribe_scan"))
async def handle_subscribe(kb: Library, settings: Settings, session: Session) -> Reply:
    session.clear()
    return Reply(welcome_text(kb, settings), outcome="event")


@router(event("unsubscribe"))
async def handle_unsubscribe(session: Session) -> None:
    session.clear()  # the conversation middleware deletes the stored session
    return None


@router(event("click"))
async def handle_click(message: Message, menu: Menu, kb: Library, settings: Settings,
                       session: Session) -> Reply:
    question = menu.question(message.event_key)
    if question is None:
        return Reply(texts.MENU_UNKNOWN, outcome="event")
    if question == Menu.WELCOME:
        return Reply(welcome_text(kb, settings), outcome="event")
    return answer_question(question, kb, session, settings)


@router(of_type("event"))
async def handle_other_event() -> None:
    return None  # view, scan, location reports …: WeChat only needs "success"
