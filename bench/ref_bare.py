"""Reference (1): a bare aiohttp app answering every POST with a fixed XML reply.

The ceiling for one Python process on this machine: the HTTP server and nothing else.
Run by ``bench/webhook.py``; alone: ``python bench/ref_bare.py --port 8081``.
"""

from __future__ import annotations

import argparse

from aiohttp import web

REPLY = ("<xml><ToUserName><![CDATA[o_user]]></ToUserName>"
         "<FromUserName><![CDATA[gh_bench]]></FromUserName><CreateTime>0</CreateTime>"
         "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[fixed reply]]></Content></xml>")


async def reply(request: web.Request) -> web.Response:
    await request.read()
    return web.Response(text=REPLY, content_type="application/xml")


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--reuse-port", action="store_true", help="share the port (SO_REUSEPORT)")
    args = parser.parse_args()
    app = web.Application()
    app.router.add_post("/wechat", reply)
    app.router.add_get("/healthz", healthz)
    web.run_app(app, host=args.host, port=args.port, access_log=None, print=None,
                reuse_port=args.reuse_port or None)


if __name__ == "__main__":
    main()
