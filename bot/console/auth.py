"""The console's login: a signed session cookie, CSRF tokens tied to it, and a rate limit on
wrong tokens.

The cookie is ``<sid>.<expires>.<signature>``: a random session id, a Unix expiry time and an
HMAC-SHA256 of both under a key derived from ``ADMIN_TOKEN``, so every instance accepts every
instance's cookies and changing the token logs everyone out. A form's CSRF token is an HMAC
of the session id under the same key (another purpose string): it is worthless without the
cookie and the cookie is worthless to a form without it. Logout records the session id as
ended in Redis until the cookie would have expired.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

COOKIE = "caibao_console"
PRE_COOKIE = "caibao_console_login"  # ties the login form's CSRF token to this browser
PRE_SECONDS = 3600
SESSION_SECONDS = 8 * 3600
LOGIN_LIMIT = 5          # wrong tokens per client ...
LOGIN_WINDOW = 60        # ... per this many seconds


def derive_key(admin_token: str) -> bytes:
    """The signing key: never the token itself, so a leaked signature says nothing of it."""
    return hmac.new(admin_token.encode(), b"caibao console session v1", hashlib.sha256).digest()


def _mac(key: bytes, purpose: str, message: str) -> str:
    return hmac.new(key, f"{purpose}\0{message}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ConsoleSession:
    sid: str
    expires: int

    @property
    def remaining(self) -> int:
        return max(0, self.expires - int(time.time()))


def new_cookie(key: bytes, now: float | None = None) -> tuple[str, ConsoleSession]:
    sid = secrets.token_hex(16)
    expires = int(now if now is not None else time.time()) + SESSION_SECONDS
    value = f"{sid}.{expires}"
    return f"{value}.{_mac(key, 'session', value)}", ConsoleSession(sid, expires)


def read_cookie(key: bytes, raw: str | None, now: float | None = None) -> ConsoleSession | None:
    """The session a cookie carries, if its signature is right and it has not expired."""
    if not raw or len(raw) > 200:
        return None
    parts = raw.split(".")
    if len(parts) != 3 or not parts[1].isascii() or not parts[1].isdigit():
        return None
    sid, expires, signature = parts
    if not hmac.compare_digest(signature, _mac(key, "session", f"{sid}.{expires}")):
        return None
    if int(expires) <= (now if now is not None else time.time()):
        return None
    return ConsoleSession(sid, int(expires))


def csrf_token(key: bytes, session: ConsoleSession) -> str:
    return _mac(key, "csrf", session.sid)


def csrf_ok(key: bytes, session: ConsoleSession, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(str(given), csrf_token(key, session))


def token_ok(admin_token: str, given: str) -> bool:
    # Compared as digests: constant time whatever the lengths.
    return hmac.compare_digest(hashlib.sha256(given.encode()).digest(),
                               hashlib.sha256(admin_token.encode()).digest())


def login_csrf(key: bytes, pre: str) -> str:
    return _mac(key, "login", pre)


def login_csrf_ok(key: bytes, pre: str | None, given: str | None) -> bool:
    return bool(pre) and bool(given) and len(str(pre)) <= 64 and hmac.compare_digest(
        str(given), login_csrf(key, str(pre)))
