"""Transport-free dispatch: routers of handlers, middleware around them, dependencies by name.

A handler is an async function whose parameter names say what it needs — ``message``,
``session``, ``kb``, ``settings``, ``store`` … — and it receives exactly those from the
dispatch data (aiogram's ``workflow_data``). Routers register handlers with filters; the
dispatcher tries routers in the order given and the first matching handler wins, so the
order of the whole bot is visible in one place (:func:`handlers.build_routers`).
Middleware wraps every dispatch (outermost first) for cross-cutting work.
"""

from __future__ import annotations

import functools
import inspect
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.protocol.wechat import Message

Data = dict[str, Any]
Filter = Callable[[Message, Data], bool]


@dataclass(frozen=True, slots=True)
class Reply:
    """What the bot answers. ``outcome`` feeds statistics and metrics."""

    text: str
    outcome: str = "answered"  # answered, refused, chitchat, event, media, admin, rate_limited, …
    # CreateTime of the rendered reply, fixed when the reply is made so retries match.
    created: int = field(default_factory=lambda: int(time.time()))


HandlerResult = Reply | None
HandlerFunc = Callable[..., Awaitable[HandlerResult]]
Next = Callable[[Message, Data], Awaitable[HandlerResult]]
Middleware = Callable[[Next, Message, Data], Awaitable[HandlerResult]]


@dataclass(frozen=True, slots=True)
class Route:
    filters: tuple[Filter, ...]
    func: Callable[..., Awaitable[HandlerResult]]
    params: tuple[str, ...]
    # Message types the route can match at all (from its type filters), None for any:
    # lets the dispatcher skip most routes without calling a filter.
    types: frozenset[str] | None = None

    def matches(self, message: Message, data: Data) -> bool:
        # A loop, not all(genexpr) (twice as slow here): this runs for every route tried.
        for f in self.filters:  # noqa: SIM110
            if not f(message, data):
                return False
        return True

    async def __call__(self, data: Data) -> HandlerResult:
        return await self.func(**{name: data[name] for name in self.params})


class Router:
    """A named group of handlers; the first route whose filters all pass handles the message."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.routes: list[Route] = []

    def __call__(self, *filters: Filter) -> Callable[[HandlerFunc], HandlerFunc]:
        def register(func: HandlerFunc) -> HandlerFunc:
            params = tuple(inspect.signature(func).parameters)
            types: frozenset[str] | None = None
            for f in filters:
                if isinstance(f, TypeFilter):
                    types = f.types if types is None else types & f.types
            self.routes.append(Route(filters, func, params, types))
            return func

        return register

    def find(self, message: Message, data: Data) -> Route | None:
        kind = message.type
        for route in self.routes:
            if route.types is not None and kind not in route.types:
                continue
            if route.matches(message, data):
                return route
        return None


class Dispatcher:
    """Feeds a :class:`Message` through middleware to the first matching handler."""

    def __init__(self, routers: Sequence[Router], middlewares: Sequence[Middleware] = (),
                 **deps: Any) -> None:
        self.routers = list(routers)
        self.middlewares = list(middlewares)
        self.deps = deps
        self._chain: Next = self._handle
        for mw in reversed(self.middlewares):
            # partial, not a wrapping coroutine: one frame less per layer on every resume
            self._chain = functools.partial(mw, self._chain)

    async def feed(self, message: Message, **extra: Any) -> HandlerResult:
        data: Data = {**self.deps, **extra, "message": message}
        data["data"] = data
        return await self._chain(message, data)

    async def _handle(self, message: Message, data: Data) -> HandlerResult:
        for router in self.routers:
            route = router.find(message, data)
            if route is not None:
                data["handler"] = f"{router.name}.{route.func.__name__}"
                return await route(data)
        return None


# -- filters -----------------------------------------------------------------------------------

class TypeFilter:
    """Matches messages of some types (and, for events, some event names)."""

    def __init__(self, types: frozenset[str], events: frozenset[str] | None = None) -> None:
        self.types, self.events = types, events

    def __call__(self, message: Message, data: Data) -> bool:
        if message.type not in self.types:
            return False
        return self.events is None or message.event in self.events


def of_type(*types: str) -> TypeFilter:
    return TypeFilter(frozenset(types))


def event(*names: str) -> TypeFilter:
    return TypeFilter(frozenset({"event"}), frozenset(n.lower() for n in names))


def has_text(message: Message, data: Data) -> bool:
    return bool(message.content.strip())


def command_text(message: Message, data: Data) -> str:
    """The text trimmed of spaces and end punctuation, case-folded; computed once a message."""
    text: str | None = data.get("command_text")
    if text is None:
        text = data["command_text"] = message.content.strip().strip("。.!！?？").casefold()
    return text


def text_in(*words: str) -> Filter:
    """The whole (trimmed, case-folded) text is one of ``words``."""
    wanted = frozenset(w.casefold() for w in words)
    return lambda message, data: command_text(message, data) in wanted
