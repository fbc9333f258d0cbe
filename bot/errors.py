"""The bot's exceptions, one tree so callers can catch as narrowly as they need::

    BotError
    ├── ConfigError         bad or missing configuration (names the variable)
    ├── RequestError        a webhook request that must be refused
    │   ├── SignatureError  bad, missing or stale signature; a body the mode refuses (403)
    │   │   └── ReplayedQuery  a used signed query carrying another body (403)
    │   ├── RequestTimeout  headers or body not sent in time (408)
    │   ├── PayloadTooLarge body over the limit (413)
    │   └── BadMessage      malformed XML, DOCTYPE/entities, bad AES, missing fields (400)
    └── StoreUnavailable    Redis is down or too slow; callers degrade to stateless answers

Knowledge-base errors live in :mod:`knowledge.errors` (``KnowledgeError``) so the
knowledge library stays free of bot imports.
"""

from __future__ import annotations


class BotError(Exception):
    """Base class of every error the bot raises on purpose."""


class ConfigError(BotError):
    """A configuration value is missing or invalid; the message names the variable."""


class RequestError(BotError):
    """A webhook request that is refused with ``status``; the reason is logged, never sent."""

    status = 400


class SignatureError(RequestError):
    status = 403


class ReplayedQuery(SignatureError):
    """A signed query already seen with another body: WeChat's signature covers the query
    only, so a query seen once (a proxy log, a leaked URL) could otherwise carry any body."""


class RequestTimeout(RequestError):
    status = 408


class PayloadTooLarge(RequestError):
    status = 413


class BadMessage(RequestError):
    status = 400


class StoreUnavailable(BotError):
    """Redis could not be reached in time."""
