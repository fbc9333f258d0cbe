"""``python -m bot <command>``: serve, ask, eval, kb check, chat."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    from bot.cli import chat, knowledge, serve

    parser = argparse.ArgumentParser(prog="python -m bot", description="财报助手 caibao")
    sub = parser.add_subparsers(dest="command", required=True)
    serve.register(sub)
    knowledge.register(sub)
    chat.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
