"""Reference (2): the minimal aiohttp + wechatpy webhook.

Checks the signature, parses with ``wechatpy.parse_message`` and renders a fixed
``TextReply`` — what a typical small WeChat bot does, with no state and no answer.
Run by ``bench/webhook.py``; alone: ``WECHAT_TOKEN=... python bench/ref_wechatpy.py --port 8082``.
"""

from __future__ import annotations

import argparse
import os

from aiohttp import web
from wechatpy import parse_message
from wechatpy.exceptions import InvalidSignatureException
from wechatpy.replies import TextReply
from wechatpy.utils import check_signature

TOKEN = web.AppKey("token", str)


async def receive(request: web.Request) -> web.Response:
    q = request.query
    try:
        check_signature(request.app[TOKEN], q.get("signature", ""), q.get("timestamp", ""),
                        q.get("nonce", ""))
    except InvalidSignatureException:
        return web.Response(status=403, text="forbidden")
    message = parse_message(await request.text())
    reply = TextReply(message=message, content="fixed reply")
    return web.Response(text=reply.render(), content_type="application/xml")


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    app = web.Application()
    app[TOKEN] = os.environ["WECHAT_TOKEN"]
    app.router.add_post("/wechat", receive)
    app.router.add_get("/healthz", healthz)
    web.run_app(app, host=args.host, port=args.port, access_log=None, print=None)


if __name__ == "__main__":
    main()
