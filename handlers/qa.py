"""Questions (text, or voice with WeChat's recognition) answered from the knowledge base."""

from __future__ import annotations

from bot.dispatch.router import Reply, Router, has_text, of_type
from bot.dispatch.session import Session
from bot.ops.settings import Settings
from bot.protocol.wechat import Message
from handlers.welcome import welcome_text
from knowledge import Answer, Context, Library

router = Router("qa")


def answer_question(question: str, kb: Library, session: Session,
                    settings: Settings) -> Reply:
    return answer_and_reply(question, kb, session, settings)[1]


def answer_and_reply(question: str, kb: Library, session: Session,
                     settings: Settings) -> tuple[Answer, Reply]:
    """The knowledge's answer and the reply made of it (the console's hit test shows both)."""
    context = Context.from_dict(session.context) if session.context else None
    answer = kb.answer(question, context)
    session.context = answer.context.to_dict()
    session.remember(question)
    if answer.intent in ("greeting", "help"):
        # One welcome, whatever the wording: the one a new follower gets.
        return answer, Reply(welcome_text(kb, settings), outcome="chitchat")
    if answer.refused:
        outcome = "refused"
    elif answer.kind in ("chitchat", "clarify"):
        outcome = "chitchat"
    else:
        outcome = "answered"
    return answer, Reply(answer.text, outcome=outcome)


@router(of_type("text", "voice"), has_text)
async def handle_question(message: Message, kb: Library, session: Session,
                          settings: Settings) -> Reply:
    return answer_question(message.content, kb, session, settings)
