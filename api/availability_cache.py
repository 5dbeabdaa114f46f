"""A one-second cache of encoded answers computed once for concurrent askers: the office
chooser's figures of an office's day (``api.office_today``). Availability itself is kept as day
blocks (``api.availability_blocks``), dropped at once when a booking changes them.

An entry lives ``ttl`` seconds and is never dropped earlier: a booking shows in the office's day
within that time, in every process. The figures are advice: the booking itself is decided
atomically by the database.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable

from prometheus_client import Counter

MAX_ENTRIES = 20_000


class AvailabilityCache:
    def __init__(self, lookups: Counter, ttl_seconds: float = 1.0) -> None:
        """``lookups`` counts hits, misses and shared computations (labelled ``result``)."""
        self._ttl = ttl_seconds
        self._lookups = lookups
        self._entries: dict[tuple[str, str, Hashable], tuple[float, bytes]] = {}
        self._computing: dict[tuple[str, str, Hashable], asyncio.Future[bytes]] = {}

    async def get_or_compute(
        self, office_id: str, service: str, key: Hashable, compute: Callable[[], Awaitable[bytes]]
    ) -> bytes:
        """The cached answer, or compute it once while concurrent askers wait for the same one."""
        cached = self.get(office_id, service, key)
        if cached is not None:
            self._lookups.labels("hit").inc()
            return cached
        full_key = (office_id, service, key)
        pending = self._computing.get(full_key)
        if pending is not None:
            self._lookups.labels("shared").inc()
            return await asyncio.shield(pending)
        self._lookups.labels("miss").inc()
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._computing[full_key] = future
        try:
            body = await compute()
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # mark retrieved: waiters (if any) re-raise it themselves
            raise
        finally:
            self._computing.pop(full_key, None)
        future.set_result(body)
        self.put(office_id, service, key, body)
        return body

    def get(self, office_id: str, service: str, key: Hashable) -> bytes | None:
        entry = self._entries.get((office_id, service, key))
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def put(self, office_id: str, service: str, key: Hashable, body: bytes) -> None:
        if len(self._entries) >= MAX_ENTRIES:
            self._entries.clear()  # bounded memory; a cold second costs little
        self._entries[(office_id, service, key)] = (time.monotonic() + self._ttl, body)
