"""Keyed rate limits that hold across server processes: a bot behind one address, one mobile
number or one booking code gets a fixed share, however many connections and workers it spreads
over.

Each limit is one or more windows in the ``limits`` library's notation (``20/hour``,
``10/minute;30/hour;100/day``), counted with its *moving window* strategy: a log of the last N
hits per key, refused when the N-th newest is younger than the window. With ``MAWID_REDIS_URL``
the log is a Redis list and a hit is one Lua script (``acquire_moving_window.lua``: read the N-th
entry, push, trim, expire) run atomically by Redis, so two processes can never both take the last
place; without Redis the log is in this process's memory. Several windows on one limit give a
growing back-off: ten failed sign-ins wait a minute, thirty wait an hour.

A refused hit raises :class:`RateLimited`, answered ``429`` problem+json ``rate_limited`` with
``Retry-After`` (seconds until the oldest hit leaves the window). When Redis is down a limit lets
the request through (a rate limit must never turn a booking into an error) and the log gets one
line per outage (``api.outages``).

Keys are hashed before they are stored, so Redis holds no phone numbers or addresses in clear.
"""

from __future__ import annotations

import hashlib
import inspect
import math
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import structlog
from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage, RedisClusterStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from litestar import Request, Response
from redis import exceptions as redis_errors

from api.client_address import client_address
from api.messages import MESSAGES, WAIT_WORDS
from api.outages import Outages
from api.problems import problem
from api.redis_connection import CLUSTER_SCHEMES, SOCKET_TIMEOUT_SECONDS
from booking.codes import normalise_booking_code
from kernel.errors import NotFound
from kernel.messages import plural_category

if TYPE_CHECKING:
    from api.settings import Settings

log = structlog.get_logger("mawid.rate_limits")
T = TypeVar("T")

BOOKINGS_PER_ADDRESS = "bookings_per_address"
BOOKINGS_PER_MOBILE = "bookings_per_mobile"
LOOKUPS_PER_CODE = "lookups_per_code"
LOOKUPS_PER_ADDRESS = "lookups_per_address"
IDENTITY_FAILURES_PER_CODE = "identity_failures_per_code"
LOGINS_PER_ADDRESS = "logins_per_address"
KIOSK_CHECKINS = "kiosk_checkins"
FEEDBACK_PER_ADDRESS = "feedback_per_address"
RECOVERIES_PER_IDENTITY = "recoveries_per_identity"
RECOVERIES_PER_MOBILE = "recoveries_per_mobile"
GUIDE_QUESTIONS_PER_ADDRESS = "guide_questions_per_address"

DEFAULTS: dict[str, str] = {
    BOOKINGS_PER_ADDRESS: "20/hour",
    BOOKINGS_PER_MOBILE: "6/day",
    LOOKUPS_PER_CODE: "30/hour",
    LOOKUPS_PER_ADDRESS: "300/hour",
    IDENTITY_FAILURES_PER_CODE: "5/15minutes",
    LOGINS_PER_ADDRESS: "10/minute;30/hour;100/day",
    KIOSK_CHECKINS: "30/minute;600/hour",
    FEEDBACK_PER_ADDRESS: "30/hour",
    RECOVERIES_PER_IDENTITY: "3/hour;6/day",
    RECOVERIES_PER_MOBILE: "3/hour;6/day",
    GUIDE_QUESTIONS_PER_ADDRESS: "60/minute;600/hour",
}
"""Each limit's windows, overridden by ``MAWID_LIMIT_<NAME>`` (upper case; ``off`` disables one).
Bookings and flexible requests share the address and mobile limits; ``identity_failures`` counts
look-ups of a code that found no booking for the identity number given, then locks the code;
``logins_per_address`` counts wrong passwords; ``kiosk_checkins`` counts a kiosk account's
check-in and reprint attempts; ``feedback_per_address`` counts answers to feedback links;
``recoveries_per_identity`` and ``recoveries_per_mobile`` count asks for a lost code to be texted
again (the look-up address limit counts them too); ``guide_questions_per_address`` counts questions
to the question box and "did this help?" answers (a whole office's network shares an address)."""

OFF = ("off", "0", "none")


def room(value: str = "off") -> dict[str, str]:
    """Every limit set to ``value``: for benchmarks and tests that measure something else from
    one address (``Settings(rate_limits=room(...))``), never for a server people use."""
    return dict.fromkeys(DEFAULTS, value)


def room_env(value: str = "off") -> dict[str, str]:
    """:func:`room` as ``MAWID_LIMIT_<NAME>`` variables, for server processes."""
    return {f"MAWID_LIMIT_{name.upper()}": value for name in DEFAULTS}


# What was limited (``api.messages``: ``limit.*``); then when to try again.
_WHAT = {
    BOOKINGS_PER_ADDRESS: "limit.bookings_per_address",
    BOOKINGS_PER_MOBILE: "limit.bookings_per_mobile",
    LOOKUPS_PER_CODE: "limit.lookups_per_code",
    LOOKUPS_PER_ADDRESS: "limit.lookups_per_address",
    IDENTITY_FAILURES_PER_CODE: "limit.identity_failures_per_code",
    LOGINS_PER_ADDRESS: "limit.logins_per_address",
    KIOSK_CHECKINS: "limit.kiosk_checkins",
    FEEDBACK_PER_ADDRESS: "limit.feedback_per_address",
    RECOVERIES_PER_IDENTITY: "limit.recoveries_per_identity",
    RECOVERIES_PER_MOBILE: "limit.recoveries_per_mobile",
    GUIDE_QUESTIONS_PER_ADDRESS: "limit.guide_questions_per_address",
}

STORAGE_DOWN_SECONDS = 5.0
"""After Redis fails, limits are not asked of it for this long: a Redis that hangs would
otherwise add its two-second timeout to every request while it is down."""


class RateLimited(Exception):
    """A limit is exhausted for this key: answered ``429 rate_limited`` with ``Retry-After``."""

    def __init__(self, name: str, retry_after: int) -> None:
        super().__init__(f"{name} exhausted; retry after {retry_after} s")
        self.name = name
        self.retry_after = retry_after

    def response(self) -> Response[Any]:
        what_en, what_ar = MESSAGES.texts(_WHAT.get(self.name, "limit.other"))
        detail, detail_ar = MESSAGES.texts(
            "rate_limited",
            what_en=what_en,
            what_ar=what_ar,
            wait_en=wait_en(self.retry_after),
            wait_ar=wait_ar(self.retry_after),
        )
        response = problem(
            429,
            "rate_limited",
            detail,
            detail_ar,
            limit=self.name,
            retry_after=self.retry_after,
        )
        response.headers["Retry-After"] = str(self.retry_after)
        return response


def rate_limited(_: Request[Any, Any, Any], error: RateLimited) -> Response[Any]:
    """The exception handler ``create_app`` registers for :class:`RateLimited`."""
    return error.response()


def wait_en(seconds: int) -> str:
    return _wait(seconds, "en")


def wait_ar(seconds: int) -> str:
    """The wait in Arabic, with the counted noun in the form its number takes."""
    return _wait(seconds, "ar")


def _wait(seconds: int, language: str) -> str:
    """Seconds up to two minutes, then minutes up to two hours, then hours (rounded up), the
    words in the plural form CLDR gives the number (``api.messages.WAIT_WORDS``)."""
    if seconds < 120:
        unit, count = "second", seconds
    elif seconds < 2 * 3600:
        unit, count = "minute", math.ceil(seconds / 60)
    else:
        unit, count = "hour", math.ceil(seconds / 3600)
    forms = WAIT_WORDS[unit][language]
    return forms.get(plural_category(count, language), forms["other"]).format(n=count)


def parse_limits(env: Mapping[str, str]) -> dict[str, str]:
    """The ``MAWID_LIMIT_<NAME>`` overrides in ``env``, checked. Raises ``ValueError`` naming the
    variable whose value is not a limit."""
    chosen = {}
    for name in DEFAULTS:
        variable = f"MAWID_LIMIT_{name.upper()}"
        value = env.get(variable, "").strip()
        if not value:
            continue
        try:
            windows(value)
        except ValueError:
            raise ValueError(
                f"{variable} must be windows like 20/hour or 10/minute;30/hour, or off; got {value!r}"
            ) from None
        chosen[name] = value
    return chosen


def windows(value: str) -> tuple[RateLimitItem, ...]:
    """``20/hour`` or ``10/minute;30/hour`` as limit items; ``off`` as none."""
    if value.strip().lower() in OFF:
        return ()
    items = tuple(parse_many(value))
    if not items or any(item.amount < 1 for item in items):
        raise ValueError(value)
    return items


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    windows: tuple[RateLimitItem, ...]


class RateLimits:
    """The named limits of one server process, counted in Redis or in memory (the ``limits`` a
    handler is given, ``api.providers``).

    ``check`` counts a hit and raises when refused; ``hit`` counts one and says whether it was
    allowed; ``ensure_open`` refuses a key whose limit is exhausted without counting (a locked
    code); ``reset`` forgets a key.
    """

    def __init__(
        self,
        rules: Mapping[str, str],
        storage: Storage,
        *,
        wall_clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._rules = {name: _Rule(name, windows(value)) for name, value in rules.items()}
        self._storage = storage
        self._limiter = MovingWindowRateLimiter(storage)
        self._wall_clock = wall_clock
        self._monotonic = monotonic
        self._outages = Outages(monotonic)
        self._down_until = 0.0

    @classmethod
    def from_settings(cls, settings: Settings) -> RateLimits:
        rules = {**DEFAULTS, **settings.rate_limits}
        if not settings.redis_url:
            return cls(rules, MemoryStorage())
        return cls(rules, redis_storage(settings.redis_url, f"{settings.redis_prefix}:limits"))

    @property
    def shared(self) -> bool:
        """Whether the counts are shared with other processes (Redis) or this process's own."""
        return not isinstance(self._storage, MemoryStorage)

    def windows_of(self, name: str) -> tuple[RateLimitItem, ...]:
        return self._rules[name].windows

    async def check(self, name: str, key: str) -> None:
        """Count a hit on ``name`` for ``key``; raise :class:`RateLimited` if it is refused."""
        refused = await self._hit(name, key)
        if refused is not None:
            raise RateLimited(name, refused)

    async def hit(self, name: str, key: str) -> bool:
        """Count a hit; True when it was within the limit."""
        return await self._hit(name, key) is None

    async def ensure_open(self, name: str, key: str) -> None:
        """Raise :class:`RateLimited` when ``key`` has used up ``name``, counting nothing."""
        rule = self._rules[name]
        if not rule.windows or self._storage_down():
            return
        ident = _ident(name, key)
        try:
            for item in rule.windows:
                if not await self._limiter.test(item, ident):
                    raise RateLimited(name, await self._retry_after(item, ident))
        except RateLimited:
            raise
        except _STORAGE_DOWN as error:
            self._failed(error)

    async def reset(self, name: str, key: str) -> None:
        ident = _ident(name, key)
        try:
            for item in self._rules[name].windows:
                await self._limiter.clear(item, ident)
        except _STORAGE_DOWN as error:
            self._failed(error)

    async def close(self) -> None:
        if isinstance(self._storage, RedisStorage):
            client = getattr(self._storage.bridge, "storage", None)  # the redis-py client it made
            if client is not None:
                await client.aclose()

    async def _hit(self, name: str, key: str) -> int | None:
        """None when allowed, else the seconds until the longest refusing window frees."""
        rule = self._rules[name]
        if not rule.windows or self._storage_down():
            return None
        ident = _ident(name, key)
        try:
            wait = None
            for item in rule.windows:
                # Once one window refuses, the others are only read: a refused attempt is not
                # counted, so hammering a closed door does not keep it closed for longer.
                allowed = await (self._limiter.hit if wait is None else self._limiter.test)(item, ident)
                if not allowed:
                    wait = max(wait or 0, await self._retry_after(item, ident))
            return wait
        except _STORAGE_DOWN as error:
            self._failed(error)
            return None

    async def _retry_after(self, item: RateLimitItem, ident: str) -> int:
        stats = await self._limiter.get_window_stats(item, ident)
        return max(1, math.ceil(stats.reset_time - self._wall_clock()))

    def _storage_down(self) -> bool:
        return self._monotonic() < self._down_until

    def _failed(self, error: BaseException) -> None:
        """Redis did not answer: let the request through, say so once per outage."""
        self._down_until = self._monotonic() + STORAGE_DOWN_SECONDS
        self._outages.refused("rate_limits", error)


_STORAGE_DOWN = (redis_errors.RedisError, StorageError, OSError)

# What the routes call -------------------------------------------------------------------------

NO_MATCH = ("booking_not_found", "request_not_found")
"""The answers to a look-up whose code and identity number do not match: a failed identity check
(an unknown code answers the same, so it counts the same and locks the same)."""


async def booking_allowed(limits: RateLimits, request: Request[Any, Any, Any], mobile: str) -> None:
    """A booking or flexible request from this client address and for this mobile number may be
    tried; raise :class:`RateLimited` otherwise. Counts the attempt."""
    await limits.check(BOOKINGS_PER_ADDRESS, client_address(request))
    await limits.check(BOOKINGS_PER_MOBILE, mobile)


async def guarded_lookup(
    limits: RateLimits,
    request: Request[Any, Any, Any],
    code: str,
    lookup: Awaitable[T],
    kind: str = "booking",
) -> T:
    """``await lookup`` (a find, cancel or reschedule by code and identity number) within the
    look-up limits: refused at once while the code is locked, counted per address and per code,
    and a failed identity check counted toward the code's lock. A locked code answers the same
    whether or not it exists: nothing about the code is read before the refusal."""
    # A booking code typed another way (lower case, a dash, O for 0) finds the same booking, so
    # it is the same code to the limits: otherwise each spelling bought more guesses.
    canonical = normalise_booking_code(code) if kind == "booking" else None
    key = f"{kind}:{canonical or code.strip().upper()[:64]}"
    try:
        await limits.ensure_open(IDENTITY_FAILURES_PER_CODE, key)
        await limits.check(LOOKUPS_PER_ADDRESS, client_address(request))
        await limits.check(LOOKUPS_PER_CODE, key)
    except BaseException:
        if inspect.iscoroutine(lookup):
            lookup.close()  # never started
        raise
    try:
        return await lookup
    except NotFound as error:
        if error.code in NO_MATCH:
            await limits.hit(IDENTITY_FAILURES_PER_CODE, key)
        raise


async def recovery_allowed(
    limits: RateLimits, request: Request[Any, Any, Any], identity_digest: str, mobile: str
) -> None:
    """A lost code may be asked for from this address, for this identity (by its keyed digest,
    never the number) and to this mobile; counted."""
    await limits.check(LOOKUPS_PER_ADDRESS, client_address(request))
    await limits.check(RECOVERIES_PER_IDENTITY, identity_digest)
    await limits.check(RECOVERIES_PER_MOBILE, mobile)


async def login_allowed(limits: RateLimits, request: Request[Any, Any, Any]) -> None:
    """Refuse a sign-in from an address with too many recent failures (nothing is counted)."""
    await limits.ensure_open(LOGINS_PER_ADDRESS, client_address(request))


async def login_failed(limits: RateLimits, request: Request[Any, Any, Any]) -> None:
    """Count a wrong password against the client's address."""
    await limits.hit(LOGINS_PER_ADDRESS, client_address(request))


async def feedback_allowed(limits: RateLimits, request: Request[Any, Any, Any]) -> None:
    """An answer to a feedback link from this client address may be tried (counted)."""
    await limits.check(FEEDBACK_PER_ADDRESS, client_address(request))


async def guide_question_allowed(limits: RateLimits, request: Request[Any, Any, Any]) -> None:
    """A question to the question box (or a "did this help?") from this address (counted)."""
    await limits.check(GUIDE_QUESTIONS_PER_ADDRESS, client_address(request))


async def kiosk_check_in_allowed(limits: RateLimits, kiosk_account: str) -> None:
    """A kiosk account's check-in and reprint attempts are limited: a stranger at a kiosk cannot
    walk through booking codes or ticket numbers."""
    await limits.check(KIOSK_CHECKINS, kiosk_account)


def _ident(name: str, key: str) -> str:
    digest = hashlib.blake2b(key.encode(), digest_size=12, person=b"mawid-limits").hexdigest()
    return f"{name}/{digest}"


def redis_storage(url: str, prefix: str) -> RedisStorage:
    """The ``limits`` Redis storage for ``MAWID_REDIS_URL`` (one Redis, or a Redis Cluster for
    ``redis+cluster://``), through redis-py with the same short timeouts as the queue's client."""
    options: dict[str, Any] = {
        "socket_timeout": SOCKET_TIMEOUT_SECONDS,
        "socket_connect_timeout": SOCKET_TIMEOUT_SECONDS,
    }
    scheme, _, rest = url.partition("://")
    scheme = scheme.lower()
    if scheme in CLUSTER_SCHEMES:
        if CLUSTER_SCHEMES[scheme] == "rediss":
            options["ssl"] = True
        return RedisClusterStorage(
            f"async+redis+cluster://{rest}", implementation="redispy", key_prefix=prefix, **options
        )
    if scheme == "unix":
        return RedisStorage(
            f"async+redis+unix://{rest}", implementation="redispy", key_prefix=prefix, **options
        )
    return RedisStorage(f"async+{url}", implementation="redispy", key_prefix=prefix, **options)
