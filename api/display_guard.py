"""Who may open a hall display's WebSocket, and how many at once.

A WebSocket is not bound by the browser's same-origin policy: any page on any site can open one to
us from a visitor's browser (and hold it, costing a file descriptor and a subscription). So:

- **Origin.** A browser always sends ``Origin`` with a WebSocket handshake. It must be one of
  ``MAWID_ALLOWED_ORIGINS`` or, when that is empty, the server's own origin: the same host and
  port as the ``Host`` header the browser connected to (the scheme is not compared, because TLS
  usually ends at a proxy in front of us). A handshake with no ``Origin`` at all comes from a
  program, not a page — a hall TV's kiosk browser pointed at the display, a monitoring probe — and
  is let in: refusing it would stop no attacker (a script can send any ``Origin`` it likes) and
  would only break those clients. ``Origin: null`` (a sandboxed frame, a local file) is refused.
- **Sockets per address.** Each client address may hold ``MAWID_DISPLAY_SOCKETS_PER_ADDRESS``
  display sockets at once; a hall's screens behind one NAT are a handful, and a script opening
  hundreds is refused at once instead of holding them. With ``MAWID_REDIS_URL`` the cap holds
  across server processes (``DisplaySockets``, below); without it, in each process.

A refusal accepts the handshake, sends an ``error`` message (``code``, ``detail``, ``detail_ar``)
and closes with a 4xxx code and the code as the reason, like the unknown-office refusal.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import structlog
from redis.asyncio import Redis
from redis.asyncio.cluster import RedisCluster
from redis.exceptions import RedisError

from api.messages import MESSAGES
from api.redis_connection import redis_client

if TYPE_CHECKING:
    from api.settings import Settings

log = structlog.get_logger("mawid.display")

ORIGIN_NOT_ALLOWED_CLOSE = 4403
"""WebSocket close code for a page on an origin that may not open the display."""

TOO_MANY_SOCKETS_CLOSE = 4429
"""WebSocket close code for a client address that already holds its share of display sockets."""

_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


@dataclass(frozen=True)
class Refusal:
    close_code: int
    code: str
    detail: str
    detail_ar: str

    def message(self) -> dict[str, str]:
        return {"code": self.code, "detail": self.detail, "detail_ar": self.detail_ar}


ORIGIN_NOT_ALLOWED = Refusal(
    ORIGIN_NOT_ALLOWED_CLOSE, "origin_not_allowed", *MESSAGES.texts("origin_not_allowed")
)


def too_many_sockets(limit: int) -> Refusal:
    return Refusal(
        TOO_MANY_SOCKETS_CLOSE, "too_many_sockets", *MESSAGES.texts("too_many_sockets", limit=limit)
    )


def _host_port(netloc: str, scheme: str | None) -> tuple[str, int | None] | None:
    """``(host, port)`` of ``netloc``; the port is the scheme's default when absent (None when the
    scheme is unknown, as for a ``Host`` header); None when ``netloc`` is malformed."""
    try:
        parts = urlsplit(f"//{netloc}")
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return parts.hostname.lower(), port if port is not None else _DEFAULT_PORTS.get(scheme or "")


def same_origin(origin: str, host: str | None) -> bool:
    """``origin`` names the host and port the browser connected to (its ``Host`` header)."""
    scheme, _, netloc = origin.strip().lower().partition("://")
    if not host or scheme not in ("http", "https") or not netloc:
        return False
    theirs = _host_port(netloc, scheme)
    ours = _host_port(host, None)
    if theirs is None or ours is None or theirs[0] != ours[0]:
        return False
    # A Host without a port is whatever port the page's scheme implies.
    return ours[1] is None or ours[1] == theirs[1]


def origin_allowed(origin: str | None, host: str | None, allowed: tuple[str, ...]) -> bool:
    """Whether a display handshake with this ``Origin`` (None: no header) may go on."""
    if origin is None:
        return True  # not a browser page: see the module docstring
    if allowed:
        return origin.strip().lower().rstrip("/") in allowed
    return same_origin(origin, host)


LEASE_SECONDS = 60.0
"""How long a socket's place in Redis lasts unless renewed; renewed every third of it while the
socket lives, so the places of a process that died free themselves within a minute."""
REDIS_RETRY_SECONDS = 5.0
"""After Redis fails, each process counts alone for this long before asking Redis again."""

# One script takes a place below the cap, another renews a lease (api/lua/, package data).
_LUA = files("api") / "lua"
_TAKE = (_LUA / "display_socket_take.lua").read_text(encoding="utf-8")
_RENEW = (_LUA / "display_socket_renew.lua").read_text(encoding="utf-8")


class DisplaySockets:
    """Open display sockets per client address, within a cap: across every process through Redis
    when it is configured, else in this process.

    In Redis each open socket is a member of a sorted set per address (the address hashed, so
    Redis holds no addresses), whose score is when its lease ends; the socket renews it while it
    lives and removes it when it closes. A process that dies without closing its sockets leaves
    members that lapse within ``LEASE_SECONDS`` instead of a count that never comes down. When
    Redis does not answer, the socket is counted in the process, as without Redis: a hall screen
    is never turned away because Redis is down.
    """

    def __init__(
        self,
        per_address: int,
        redis: Redis | RedisCluster | None = None,
        prefix: str = "mawid",
        lease_seconds: float = LEASE_SECONDS,
    ) -> None:
        self.per_address = per_address
        self._open: Counter[str] = Counter()
        self._redis = redis
        self._prefix = prefix
        self._lease_ms = int(lease_seconds * 1000)
        self._members = (f"{uuid.uuid4().hex}:{n}" for n in itertools.count())
        self._redis_retry_at = 0.0
        if redis is not None:
            self._take = redis.register_script(_TAKE)
            self._renew = redis.register_script(_RENEW)

    @classmethod
    def from_settings(cls, settings: Settings) -> DisplaySockets:
        redis = redis_client(settings.redis_url) if settings.redis_url else None
        return cls(settings.display_sockets_per_address, redis, settings.redis_prefix)

    @asynccontextmanager
    async def hold(self, address: str) -> AsyncIterator[bool]:
        """A place for one socket of ``address`` for as long as the block runs: True, or False
        (nothing taken) when the address already holds its share."""
        key = self._key(address)
        member = next(self._members)
        shared = await self._take_shared(key, member)
        if shared is None:  # no Redis, or Redis down: count in this process
            if not self.enter(address):
                yield False
                return
            try:
                yield True
            finally:
                self.leave(address)
            return
        if not shared:
            yield False
            return
        renewing = asyncio.create_task(self._keep_renewed(key, member))
        try:
            yield True
        finally:
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing
            await self._release_shared(key, member)

    def enter(self, address: str) -> bool:
        """Count one more socket for ``address`` in this process; False (and nothing counted)
        when at the cap."""
        if self._open[address] >= self.per_address:
            return False
        self._open[address] += 1
        return True

    def leave(self, address: str) -> None:
        self._open[address] -= 1
        if self._open[address] <= 0:
            del self._open[address]

    def open_for(self, address: str) -> int:
        """Sockets of ``address`` counted in this process (not those counted in Redis)."""
        return self._open[address]

    async def close(self) -> None:
        if self._redis is not None:
            await self._redis.aclose()

    def _key(self, address: str) -> str:
        digest = hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
        return f"{self._prefix}:display-sockets:{digest}"

    async def _take_shared(self, key: str, member: str) -> bool | None:
        """Take a place in Redis: True or False, or None when there is no Redis to ask."""
        if self._redis is None or time.monotonic() < self._redis_retry_at:
            return None
        try:
            return bool(await self._take(keys=[key], args=[member, self.per_address, self._lease_ms]))
        except (RedisError, OSError) as error:
            self._redis_failed(error)
            return None

    async def _keep_renewed(self, key: str, member: str) -> None:
        while True:
            await asyncio.sleep(self._lease_ms / 3000)
            try:
                await self._renew(keys=[key], args=[member, self._lease_ms])
            except (RedisError, OSError) as error:  # the place lapses; the socket stays open
                self._redis_failed(error)

    async def _release_shared(self, key: str, member: str) -> None:
        try:
            await self._redis.zrem(key, member)  # type: ignore[union-attr]
        except (RedisError, OSError) as error:  # it lapses by itself
            self._redis_failed(error)

    def _redis_failed(self, error: BaseException) -> None:
        if time.monotonic() >= self._redis_retry_at:
            log.warning("dependency_unavailable", dependency="display_sockets", error=type(error).__name__)
        self._redis_retry_at = time.monotonic() + REDIS_RETRY_SECONDS
