"""Redis state: retry claims and cached replies, sessions, per-user locks, rate limits, stats.

The message path costs two Redis calls: :meth:`Store.begin` (one Lua script: claim the
message, count it against the rate limit, take the user's lock and load the session) and
:meth:`Store.finish` (one Lua script: cache the reply, save the session, release the lock,
record statistics). Only ``begin`` is waited for; ``finish`` is sent and the reply goes to
WeChat at once — one round trip per message. Its failures are counted like any call's, and
:meth:`Store.settle` waits for every sent call (before statistics are read, and at
shutdown). On one server both go through :mod:`bot.state.resp`, a lean pipelined connection:
calls made in the same event-loop turn share one write and one round trip, in order, so a
user's next message on this instance always sees the last one's session. Behind Sentinel or
on a Cluster they go through redis-py's asyncio client, which follows failovers and slot
moves; on a Cluster the replay check is a call of its own before ``begin`` (its key is per
signed query, in another slot than the follower's), and ``finish`` is split into the
follower's script and one single-key script per statistic.

This class is the one gateway to Redis: every key comes from :mod:`bot.state.keys` and
every call — the message path, statistics, audit, heartbeats, the knowledge version —
goes through :meth:`Store.call` or the script path, which treat *any* failure the same
way: a refused connection, a timeout or any error reply (``OOM``, ``LOADING``,
``READONLY``, ``MISCONF``, ``NOAUTH``, ``CLUSTERDOWN``, ``TRYAGAIN``, ``MASTERDOWN`` …) is
counted, logged once, and raised as :class:`StoreUnavailable`, so the follower gets a
stateless answer. The store then stays "open" (fails fast) for ``cooldown`` seconds, so a
dead Redis costs nothing per message and a returning one is picked up by itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import orjson
import redis.asyncio as aioredis
from redis.asyncio.cluster import ClusterNode, RedisCluster
from redis.asyncio.retry import Retry
from redis.asyncio.sentinel import Sentinel
from redis.backoff import NoBackoff
from redis.exceptions import NoScriptError, RedisClusterException, RedisError

from bot.errors import StoreUnavailable
from bot.state.keys import RedisKeys
from bot.state.resp import FastRedis, ReplyError
from bot.state.url import RedisTarget, parse_redis_url

log = logging.getLogger("caibao.store")
T = TypeVar("T")

# redis-py refuses a call outright (MaxConnectionsError) when its pool is exhausted, and
# every posted finish holds a connection until answered: at 64, 50 busy HTTP connections
# already ran out and the bot fell back to answering without state.
MAX_CONNECTIONS = 512

# Whatever Redis (or the way to it) can fail with: all mean "unavailable" to the bot.
FAILURES = (RedisError, RedisClusterException, ReplyError, OSError, TimeoutError)

PENDING = "\x00pending"
CLAIM_TTL = 30           # a claim outlives WeChat's three tries (~15 s) while a handler runs
REPLY_TTL = 300          # a cached reply answers retries for five minutes
UNANSWERED_KEEP = 500
TOP_KEEP = 1000          # a day's top-question set keeps its 1,000 most asked questions
STATS_TTL = 40 * 86400

# KEYS: replay   ARGV: body digest, replay ttl   (on a Cluster, before _BEGIN)
_REPLAY = """
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2])
    and redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 2
end
return 1
"""
# KEYS: claim, rate, session, lock, replay
# ARGV: claim ttl, rate ttl, lock token, lock ms, pending, body digest ('' for none), replay ttl
_BEGIN = """
-- A query seen for the first time costs one command (the usual case); a seen one is
-- compared with the body it came with (a WeChat retry carries the same body).
if ARGV[6] ~= '' and not redis.call('SET', KEYS[5], ARGV[6], 'NX', 'EX', ARGV[7])
    and redis.call('GET', KEYS[5]) ~= ARGV[6] then
  return {2}
end
if not redis.call('SET', KEYS[1], ARGV[5], 'NX', 'EX', ARGV[1]) then
  return {0, redis.call('GET', KEYS[1])}
end
local n = redis.call('INCR', KEYS[2])
if n == 1 then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
local locked = redis.call('SET', KEYS[4], ARGV[3], 'NX', 'PX', ARGV[4]) and 1 or 0
return {1, n, locked, redis.call('GET', KEYS[3])}
"""
# KEYS: lock, session   ARGV: token, lock ms
_LOCK = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1, redis.call('GET', KEYS[2])}
end
return {0}
"""
# KEYS: claim, session, lock, stats, top, unanswered
# ARGV: reply, reply ttl, session op (set/del/keep), session json, session ttl, lock token,
#       outcome, question, stats ttl, unanswered entry, unanswered kept, top questions kept
_FINISH = """
if ARGV[1] ~= '' then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end
if ARGV[3] == 'set' then redis.call('SET', KEYS[2], ARGV[4], 'EX', ARGV[5])
elseif ARGV[3] == 'del' then redis.call('DEL', KEYS[2]) end
if ARGV[6] ~= '' and redis.call('GET', KEYS[3]) == ARGV[6] then redis.call('DEL', KEYS[3]) end
if ARGV[7] ~= '' then
  -- A day's keys get their expiry when created: the first count, the first of a question.
  if redis.call('HINCRBY', KEYS[4], 'questions', 1) == 1 then
    redis.call('EXPIRE', KEYS[4], ARGV[9])
  end
  redis.call('HINCRBY', KEYS[4], ARGV[7], 1)
  if ARGV[8] ~= '' then
    if tonumber(redis.call('ZINCRBY', KEYS[5], 1, ARGV[8])) == 1 then
      redis.call('EXPIRE', KEYS[5], ARGV[9])
      -- Only a new member can grow the set: keep the most asked (ties: the first in order).
      if redis.call('ZCARD', KEYS[5]) > tonumber(ARGV[12]) then
        redis.call('ZREMRANGEBYRANK', KEYS[5], 0, -tonumber(ARGV[12]) - 1)
      end
    end
  end
  if ARGV[10] ~= '' then
    redis.call('LPUSH', KEYS[6], ARGV[10])
    redis.call('LTRIM', KEYS[6], 0, tonumber(ARGV[11]) - 1)
  end
end
return 1
"""
# On a Cluster, _FINISH in parts that each touch one slot: the follower's keys, then each
# statistic on its own (same effects, same order as the single-server script).
# KEYS: claim, session, lock   ARGV: reply, reply ttl, session op, session json, session
# ttl, lock token
_FINISH_FOLLOWER = """
if ARGV[1] ~= '' then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end
if ARGV[3] == 'set' then redis.call('SET', KEYS[2], ARGV[4], 'EX', ARGV[5])
elseif ARGV[3] == 'del' then redis.call('DEL', KEYS[2]) end
if ARGV[6] ~= '' and redis.call('GET', KEYS[3]) == ARGV[6] then redis.call('DEL', KEYS[3]) end
return 1
"""
# KEYS: stats   ARGV: outcome, stats ttl
_COUNT = """
if redis.call('HINCRBY', KEYS[1], 'questions', 1) == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
return 1
"""
# KEYS: top   ARGV: question, stats ttl, top questions kept
_TOP = """
if tonumber(redis.call('ZINCRBY', KEYS[1], 1, ARGV[1])) == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
  if redis.call('ZCARD', KEYS[1]) > tonumber(ARGV[3]) then
    redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -tonumber(ARGV[3]) - 1)
  end
end
return 1
"""
# KEYS: unanswered   ARGV: entry, kept
_UNANSWERED = """
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
return 1
"""

# KEYS: lock   ARGV: token — release only a lock this holder still owns
_UNLOCK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""

_SHA = {script: hashlib.sha1(script.encode()).hexdigest()
        for script in (_REPLAY, _BEGIN, _LOCK, _FINISH, _FINISH_FOLLOWER, _COUNT, _TOP,
                       _UNANSWERED, _UNLOCK)}


def user_hash(openid: str) -> str:
    """A short, stable, non-reversible tag for an OpenID (for logs and statistics)."""
    return hashlib.sha256(openid.encode()).hexdigest()[:12]


def today(now: float | None = None) -> str:
    """The local date; a day starts on a whole minute in every time zone."""
    return _day_of_minute(int((time.time() if now is None else now) // 60))


@functools.lru_cache(maxsize=4)
def _day_of_minute(minute: int) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(minute * 60))


@dataclass
class Begin:
    """What :meth:`Store.begin` learned about one incoming message."""

    claimed: bool                  # False: a retry of a message already claimed
    replayed: bool = False         # its signed query was used before with another body
    cached: str | None = None      # the reply of that earlier try, if finished
    rate_count: int = 0            # messages from this user in the current minute
    locked: bool = False           # the user's lock is held by this message
    session: dict[str, Any] | None = None
    lock_token: str = ""


@dataclass
class Finish:
    """What handling one message wants written, sent in one call by :meth:`Store.finish`."""

    session: dict[str, Any] | None = None   # new session to save ({} deletes it)
    outcome: str = ""                        # a question's outcome for statistics, or ""
    question: str = ""


def make_client(target: RedisTarget, timeout: float) -> aioredis.Redis | RedisCluster:
    """redis-py's asyncio client for ``target``: one server, Sentinel's master, a Cluster."""
    common: dict[str, Any] = {
        "socket_timeout": timeout,
        "socket_connect_timeout": timeout,
        "decode_responses": True,
        "username": target.username,
        "password": target.password,
        # One immediate retry heals connections broken by a restart or failover; more would
        # only stretch the time a dead Redis costs before the breaker opens.
        "retry": Retry(NoBackoff(), 1),
    }
    if target.kind == "cluster":
        return RedisCluster(startup_nodes=[ClusterNode(h, p) for h, p in target.hosts],
                            max_connections=MAX_CONNECTIONS, **common)
    if target.kind == "sentinel":
        # redis-py's default retry (three, with backoff up to seconds) would make a dead
        # sentinel cost ~20 s per call: one try each, the next sentinel is the retry.
        sentinel_opts: dict[str, Any] = {"socket_timeout": timeout,
                                         "socket_connect_timeout": timeout,
                                         "retry": Retry(NoBackoff(), 0)}
        if target.options.get("sentinel_password"):
            sentinel_opts["password"] = target.options["sentinel_password"]
        sentinel = Sentinel(list(target.hosts), sentinel_kwargs=sentinel_opts)  # type: ignore[no-untyped-call, unused-ignore]
        master: aioredis.Redis = sentinel.master_for(target.master, db=target.db,
                                                     max_connections=MAX_CONNECTIONS, **common)
        return master
    if target.path:
        return aioredis.Redis(unix_socket_path=target.path, db=target.db,
                              max_connections=MAX_CONNECTIONS, **common)
    host, port = target.hosts[0]
    tls: dict[str, Any] = {}
    if target.tls:
        opts = target.options
        tls = {"ssl": True, "ssl_cert_reqs": opts.get("ssl_cert_reqs", "required"),
               "ssl_ca_certs": opts.get("ssl_ca_certs"),
               "ssl_certfile": opts.get("ssl_certfile"),
               "ssl_keyfile": opts.get("ssl_keyfile"),
               "ssl_check_hostname": opts.get(
                   "ssl_check_hostname",
                   "true" if opts.get("ssl_cert_reqs", "required") == "required" else "false",
               ) == "true"}
    return aioredis.Redis(host=host, port=port, db=target.db, max_connections=MAX_CONNECTIONS,
                          **common, **tls)


class Store:
    def __init__(self, client: aioredis.Redis | RedisCluster, fast: FastRedis | None,
                 prefix: str, cooldown: float = 1.0, session_ttl: int = 1800,
                 cluster: bool = False) -> None:
        self.client = client
        self.fast = fast          # the hot path's own connection (one server only)
        self.keys = RedisKeys(prefix)
        self.cluster = cluster    # every script touches one slot; replay checked apart
        self.session_ttl = session_ttl
        self.cooldown = cooldown
        self.errors = 0
        self._open_until = 0.0
        self._down = False      # since the last failure, no call has succeeded
        self.on_error: Callable[[], None] | None = None
        self._posted_calls = 0  # sent without waiting, not yet answered
        self._tasks: set[asyncio.Task[Any]] = set()
        # No call may take longer than this, whatever redis-py tries inside it (asking
        # several sentinels, refreshing a cluster's slots, reconnecting once).
        self.budget = 1.0

    @classmethod
    def from_url(cls, url: str, prefix: str, timeout: float, session_ttl: int = 1800,
                 fast_path: bool = True) -> Store:
        """A store for ``REDIS_URL``. ``fast_path=False`` sends the message path through
        redis-py on one server too (for measuring the difference)."""
        target = parse_redis_url(url)
        fast = FastRedis(target, timeout) if target.kind == "server" and fast_path else None
        store = cls(make_client(target, timeout), fast, prefix, session_ttl=session_ttl,
                    cluster=target.kind == "cluster")
        store.budget = max(1.0, 3 * timeout)
        return store

    async def close(self) -> None:
        await self.settle()
        if self.fast is not None:
            self.fast.close()
        await self.client.aclose()

    # -- failure handling ---------------------------------------------------------------
    @property
    def available(self) -> bool:
        return time.monotonic() >= self._open_until

    async def call(self, make: Callable[[], Awaitable[T]]) -> T:
        """Run one Redis operation, or raise :class:`StoreUnavailable` fast and quietly."""
        if not self.available:
            self._count()
            raise StoreUnavailable("redis recently failed")
        try:
            async with asyncio.timeout(self.budget):
                result = await make()
        except FAILURES as exc:
            self._failed(exc)
            raise StoreUnavailable(str(exc)) from None
        if self._down:
            self._recovered()
        return result

    def _count(self) -> None:
        """One failed or skipped call."""
        self.errors += 1
        if self.on_error is not None:
            self.on_error()

    def _failed(self, exc: BaseException) -> None:
        self._count()
        if not self._down:  # once per outage, however many tries fail until it ends
            self._down = True
            log.warning("redis unavailable (%s: %.120s); answering without state",
                        type(exc).__name__, str(exc).splitlines()[0] if str(exc) else "")
        self._open_until = time.monotonic() + self.cooldown

    def _recovered(self) -> None:
        self._down = False
        log.warning("redis available again")

    async def ping(self) -> bool:
        try:
            return bool(await self.call(self.client.ping))
        except StoreUnavailable:
            return False

    # -- the message path ---------------------------------------------------------------
    async def _eval(self, script: str, keys: list[str], args: list[Any]) -> Any:
        # What call() does, inlined: this runs for every message.
        if not self.available:
            self._count()
            raise StoreUnavailable("redis recently failed")
        try:
            if self.fast is None:
                async with asyncio.timeout(self.budget):
                    try:
                        result = await self.client.evalsha(_SHA[script], len(keys), *keys,
                                                           *args)
                    except NoScriptError:
                        result = await self.client.eval(script, len(keys), *keys, *args)
            else:
                command = ("EVALSHA", _SHA[script], len(keys), *keys, *args)
                sent = self.fast.send_nowait(*command)
                try:
                    result = await (sent if sent is not None else self.fast.execute(*command))
                except ReplyError as exc:
                    if not str(exc).startswith("NOSCRIPT"):
                        raise
                    # First use on this server (or after a restart): send the script itself.
                    result = await self.fast.execute("EVAL", script, len(keys), *keys, *args)
        except FAILURES as exc:
            self._failed(exc)
            raise StoreUnavailable(str(exc)) from None
        if self._down:
            self._recovered()
        return result

    def _post(self, script: str, keys: list[str], args: list[Any], full: bool = False) -> None:
        """Send a script call without waiting for its reply; see :meth:`settle`."""
        if not self.available:
            self._count()
            return
        if self.fast is not None:
            head = ("EVAL", script) if full else ("EVALSHA", _SHA[script])
            if self.fast.post((*head, len(keys), *keys, *args),
                              functools.partial(self._answered, script, keys, args, full)):
                self._posted_calls += 1
                return
        # redis-py, or no live connection yet: the awaited path, in a task.
        task = asyncio.ensure_future(self._eval(script, keys, args))
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _answered(self, script: str, keys: list[str], args: list[Any], full: bool,
                  reply: Any, exc: BaseException | None) -> None:
        self._posted_calls -= 1
        if exc is None:
            return
        if isinstance(exc, ReplyError) and not full and str(exc).startswith("NOSCRIPT"):
            self._post(script, keys, args, full=True)  # the server forgot the script
            return
        self._failed(exc)  # any error reply (OOM, READONLY, …) as a lost connection

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled():
            task.exception()  # StoreUnavailable, already counted and logged by _eval

    async def settle(self) -> None:
        """Wait until every call sent without waiting has been answered or has failed —
        never long: the connection's watchdog fails a command unanswered after its timeout.
        Replies come in order, so a PING answered means every call before it was."""
        for _ in range(10):  # a NOSCRIPT resend may need a second PING; never loop forever
            if self._tasks:
                await asyncio.wait(list(self._tasks))
            if not self._posted_calls or self.fast is None:
                return
            with contextlib.suppress(*FAILURES):
                await self.fast.execute("PING")

    async def begin(self, openid: str, dedup: str, lock_ms: int = 3000,
                    replay: tuple[str, str, int] | None = None) -> Begin:
        """Check the signed query, claim the message, count it, take the user's lock, load
        the session: one call (two on a Cluster, where the replay key lives in another
        slot). ``replay`` is (signature, body digest, seconds to remember)."""
        k = self.keys
        if replay is not None and self.cluster:
            if await self._eval(_REPLAY, [k.replay(replay[0])], [replay[1], replay[2]]) == 2:
                return Begin(claimed=False, replayed=True)
            replay = None
        token = f"{time.time_ns()}"
        claim = k.claim(openid, dedup)
        keys = [
            claim,
            k.rate(openid, int(time.time() // 60)),
            k.session(openid),
            k.lock(openid),
            k.replay(replay[0]) if replay else claim,
        ]
        args = [CLAIM_TTL, 120, token, lock_ms, PENDING, *(replay[1:] if replay else ("", 0))]
        res = await self._eval(_BEGIN, keys, args)
        if res[0] == 2:
            return Begin(claimed=False, replayed=True)
        if not res[0]:
            cached = res[1]
            return Begin(claimed=False, cached=None if cached == PENDING else cached)
        return Begin(
            claimed=True,
            rate_count=int(res[1]),
            locked=bool(res[2]),
            session=_loads(res[3]),
            lock_token=token,
        )

    async def wait_lock(self, openid: str, token: str, deadline: float,
                        lock_ms: int = 3000) -> tuple[bool, dict[str, Any] | None]:
        """Wait for the user's lock (messages of one user apply in order)."""
        keys = [self.keys.lock(openid), self.keys.session(openid)]
        while True:
            res = await self._eval(_LOCK, keys, [token, lock_ms])
            if res[0]:
                return True, _loads(res[1])
            if time.monotonic() >= deadline:
                # Proceed rather than miss WeChat's window; the session is read as it is now.
                raw = await self.call(lambda: self.client.get(keys[1]))
                return False, _loads(raw)
            await asyncio.sleep(0.01)

    async def wait_reply(self, openid: str, dedup: str, deadline: float) -> str | None:
        """A retry arrived while the first try still runs: wait for its reply."""
        key = self.keys.claim(openid, dedup)
        while time.monotonic() < deadline:
            value = await self.call(lambda: self.client.get(key))
            if value is not None and value != PENDING:
                return str(value)
            await asyncio.sleep(0.02)
        return None

    def finish(self, openid: str, dedup: str, reply: str | bytes | None, begin: Begin,
               finish: Finish) -> None:
        """Cache the reply, save the session, release the lock, count the question: one
        call (on a Cluster one per slot), sent without waiting (see :meth:`settle`)."""
        day = today()
        if finish.session is None:
            op, session = "keep", b""
        elif finish.session:
            op, session = "set", orjson.dumps(finish.session)
        else:
            op, session = "del", b""
        question = finish.question.strip()[:200] if finish.outcome else ""
        if finish.outcome == "rate_limited":
            question = ""
        entry = ""
        if question and finish.outcome == "refused":
            entry = json.dumps({"q": question, "at": int(time.time()), "user": user_hash(openid)},
                               ensure_ascii=False)
        k = self.keys
        follower_keys = [k.claim(openid, dedup), k.session(openid), k.lock(openid)]
        follower_args = [reply or "", REPLY_TTL, op, session, self.session_ttl,
                         begin.lock_token if begin.locked else ""]
        if not self.cluster:
            self._post(_FINISH, [*follower_keys, k.stats(day), k.top(day), k.unanswered],
                       [*follower_args, finish.outcome, question, STATS_TTL, entry,
                        UNANSWERED_KEEP, TOP_KEEP])
            return
        self._post(_FINISH_FOLLOWER, follower_keys, follower_args)
        if finish.outcome:
            self._post(_COUNT, [k.stats(day)], [finish.outcome, STATS_TTL])
            if question:
                self._post(_TOP, [k.top(day)], [question, STATS_TTL, TOP_KEEP])
            if entry:
                self._post(_UNANSWERED, [k.unanswered], [entry, UNANSWERED_KEEP])

    async def release(self, openid: str, dedup: str) -> None:
        """Drop a claim whose handling failed, so a retry may try again."""
        await self.call(lambda: self.client.delete(self.keys.claim(openid, dedup)))

    # -- sessions and statistics ---------------------------------------------------------
    async def clear_session(self, openid: str) -> None:
        await self.call(lambda: self.client.delete(self.keys.session(openid)))

    async def stats(self, days: int = 7, top: int = 10) -> dict[str, Any]:
        await self.settle()
        now = time.time()
        names = [today(now - i * 86400) for i in range(days)]

        async def run() -> list[Any]:
            # Not a transaction: on a Cluster the keys live on several nodes.
            pipe = self.client.pipeline(transaction=False)
            for day in names:
                pipe.hgetall(self.keys.stats(day))
            pipe.zrevrange(self.keys.top(names[0]), 0, top - 1, withscores=True)
            for day in names:
                pipe.zrange(self.keys.top(day), 0, -1, withscores=True)
            return list(await pipe.execute())

        res = await self.call(run)
        per_day = {day: {k: int(v) for k, v in res[i].items()} for i, day in enumerate(names)}
        week: dict[str, int] = {}
        for counts in per_day.values():
            for k, v in counts.items():
                week[k] = week.get(k, 0) + v
        week_top: dict[str, float] = {}
        for rows in res[days + 1:]:
            for q, score in rows:
                week_top[q] = week_top.get(q, 0) + score
        ranked = sorted(week_top.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        return {
            "today": per_day[names[0]],
            "days": days,
            "total": week,
            "per_day": per_day,
            "top_today": [[q, int(s)] for q, s in res[days]],
            "top": [[q, int(s)] for q, s in ranked],
        }

    async def unanswered(self, n: int = 10) -> list[dict[str, Any]]:
        await self.settle()
        rows = await self.call(lambda: self.client.lrange(self.keys.unanswered, 0, n - 1))
        return [json.loads(r) for r in rows]

    # -- operators and instances (bot.ops.admin, bot.ops.cluster) -------------------------------
    async def audit(self, line: str, keep: int) -> None:
        async def run() -> None:
            pipe = self.client.pipeline(transaction=False)  # one key: one slot
            pipe.lpush(self.keys.audit, line)
            pipe.ltrim(self.keys.audit, 0, keep - 1)
            await pipe.execute()
        await self.call(run)

    async def set_version(self, record: str) -> None:
        await self.call(lambda: self.client.set(self.keys.kb_version, record))

    async def version(self) -> str | None:
        raw = await self.call(lambda: self.client.get(self.keys.kb_version))
        return None if raw is None else str(raw)

    async def heartbeat(self, instance_id: str, record: str) -> None:
        # One hash for all instances (no SCAN, which a Cluster spreads over its nodes); a
        # record names when it was seen, and readers drop the stale ones.
        await self.call(lambda: self.client.hset(self.keys.instances, instance_id, record))

    async def instances(self, stale_after: float) -> list[dict[str, Any]]:
        rows = await self.call(lambda: self.client.hgetall(self.keys.instances))
        live, stale = [], []
        now = time.time()
        for instance_id, raw in rows.items():
            try:
                record = json.loads(raw)
                seen = float(record.get("seen", 0))
            except (ValueError, TypeError, AttributeError):
                record, seen = None, 0.0
            if record is None or now - seen > stale_after:
                stale.append(instance_id)
            else:
                live.append(record)
        if stale:
            await self.call(lambda: self.client.hdel(self.keys.instances, *stale))
        return live

    async def forget_instance(self, instance_id: str) -> None:
        await self.call(lambda: self.client.hdel(self.keys.instances, instance_id))


    # -- the operator console ------------------------------------------------------------
    async def count_attempt(self, kind: str, who: str, window: int) -> int:
        """Count one attempt of ``kind`` by ``who`` (e.g. a wrong console token from an IP)
        in a fixed window of ``window`` seconds; returns the count so far."""
        key = self.keys.attempts(kind, who)

        async def run() -> int:
            pipe = self.client.pipeline(transaction=False)
            pipe.set(key, 0, ex=window, nx=True)  # the window starts with the first attempt
            pipe.incr(key)
            _, count = await pipe.execute()
            return int(count)
        return await self.call(run)

    async def attempts(self, kind: str, who: str) -> int:
        raw = await self.call(lambda: self.client.get(self.keys.attempts(kind, who)))
        return int(raw) if raw else 0

    async def try_lock(self, name: str, token: str, ttl: int) -> bool:
        """An operation lock shared by every instance (e.g. the console's file changes),
        held for at most ``ttl`` seconds."""
        key = self.keys.oplock(name)
        return bool(await self.call(lambda: self.client.set(key, token, nx=True, ex=ttl)))

    async def unlock(self, name: str, token: str) -> None:
        key = self.keys.oplock(name)
        await self.call(lambda: self.client.eval(_UNLOCK, 1, key, token))

    async def console_state(self, sid: str) -> dict[str, Any] | None:
        """A console session's own state (its hit-test conversation), never a follower's."""
        return _loads(await self.call(lambda: self.client.get(self.keys.console(sid))))

    async def save_console_state(self, sid: str, state: dict[str, Any], ttl: int) -> None:
        raw = orjson.dumps(state)
        await self.call(lambda: self.client.set(self.keys.console(sid), raw, ex=ttl))

    async def end_console_session(self, sid: str, ttl: int) -> None:
        """Logout: forget the session's state and refuse its cookie until it would expire."""
        async def run() -> None:
            pipe = self.client.pipeline(transaction=False)
            pipe.delete(self.keys.console(sid))
            pipe.set(self.keys.console_ended(sid), "1", ex=max(1, ttl))
            await pipe.execute()
        await self.call(run)

    async def console_session_ended(self, sid: str) -> bool:
        return bool(await self.call(
            lambda: self.client.exists(self.keys.console_ended(sid))))


def _loads(raw: Any) -> dict[str, Any] | None:
    if not raw:
        return None
    try:
        value = orjson.loads(raw)
    except ValueError:  # orjson.JSONDecodeError is one
        return None
    return value if isinstance(value, dict) else None
