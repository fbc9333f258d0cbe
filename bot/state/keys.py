"""Every Redis key the bot uses, built here and nowhere else.

On a Redis Cluster a script may only touch keys of one hash slot. A follower's keys — the
retry claim of each message, the per-minute rate counter, the session and the lock — carry
one hash tag, the OpenID in braces (``caibao:wx…:{o_abc}:session``), so the begin and
finish scripts touch one slot whichever follower they serve. Everything else is one key
per call: the replay key (per signed query, not per follower: a replayed query may carry
another follower's body), the daily statistics hash and top-question set, the unanswered
list, the audit list, the instances hash and the knowledge version. Their names are the
ones earlier versions used, so statistics and audit survive an upgrade; sessions, claims
and locks are short-lived and simply start afresh.
"""

from __future__ import annotations


class RedisKeys:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def key(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    # -- one follower: one hash slot --------------------------------------------------------
    def follower(self, openid: str) -> str:
        # "{}" would not be a hash tag (Redis hashes the whole key then): never empty.
        return f"{self.prefix}:{{{openid or '-'}}}"

    def claim(self, openid: str, dedup: str) -> str:
        return f"{self.follower(openid)}:claim:{dedup}"

    def rate(self, openid: str, minute: int) -> str:
        return f"{self.follower(openid)}:rate:{minute}"

    def session(self, openid: str) -> str:
        return f"{self.follower(openid)}:session"

    def lock(self, openid: str) -> str:
        return f"{self.follower(openid)}:lock"

    # -- one key each -----------------------------------------------------------------------
    def replay(self, signature: str) -> str:
        return self.key("replay", signature)

    def stats(self, day: str) -> str:
        return self.key("stats", day)

    def top(self, day: str) -> str:
        return self.key("top", day)

    @property
    def unanswered(self) -> str:
        return self.key("unanswered")

    @property
    def audit(self) -> str:
        return self.key("audit")

    @property
    def instances(self) -> str:
        return self.key("instances")

    @property
    def kb_version(self) -> str:
        return self.key("kb", "version")

    # -- the operator console -----------------------------------------------------------------
    def attempts(self, kind: str, who: str) -> str:
        return self.key("attempts", kind, who)

    def oplock(self, name: str) -> str:
        return self.key("oplock", name)

    def console(self, sid: str) -> str:
        # A console session's state and its logout mark share a slot (one pipeline ends both).
        return self.key(f"{{console:{sid}}}", "state")

    def console_ended(self, sid: str) -> str:
        return self.key(f"{{console:{sid}}}", "ended")
