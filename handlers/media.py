"""Messages the bot cannot read (images, video, locations, links, files, silent voice)."""

from __future__ import annotations

from bot.dispatch.router import Reply, Router, of_type
from handlers import texts
from knowledge import Library

router = Router("media")


@router(of_type("voice"))
async def handle_unrecognized_voice() -> Reply:
    return Reply(texts.VOICE_UNRECOGNIZED, outcome="media")


@router(of_type("image", "video", "shortvideo", "location", "link", "file", "miniprogrampage",
                "music", "news"))
async def handle_media(kb: Library) -> Reply:
    examples = kb.examples(1)
    text = texts.MEDIA.format(example=examples[0]) if examples else texts.MEDIA_PLAIN
    return Reply(text, outcome="media")
