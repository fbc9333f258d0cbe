"""Conversation commands typed as text: "更多" (continue), "重新开始" (reset). Greetings and
help, however worded, are the knowledge's small talk (handlers.qa answers them with the
welcome)."""

from __future__ import annotations

from bot.dispatch.router import Reply, Router, of_type, text_in
from bot.dispatch.session import Session
from handlers import texts
from knowledge import Context, Library

router = Router("commands")
_text = of_type("text", "voice")


@router(_text, text_in(*texts.RESET_WORDS))
async def handle_reset(session: Session) -> Reply:
    session.clear()
    return Reply(texts.RESET, outcome="chitchat")


@router(_text, text_in(*texts.MORE_WORDS))
async def handle_more(session: Session, kb: Library) -> Reply:
    if session.continuation:
        # The conversation middleware cuts this again and keeps what still does not fit.
        return Reply(session.continuation, outcome="answered")
    if session.context:
        answer = kb.more(Context.from_dict(session.context))
        if answer is not None:
            session.context = answer.context.to_dict()
            return Reply(answer.text, outcome="answered")
    return Reply(texts.NO_MORE, outcome="chitchat")
