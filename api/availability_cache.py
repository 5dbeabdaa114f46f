"""A one-second cache of encoded answers computed once for concurrent askers (the office chooser's
figures, ``api.office_today``; availability itself is kept as day blocks, ``api.availability_blocks``).

Hundreds of citizens refresh the same office's calendar each second; the answer changes only when
someone books. Within this process a booking, cancellation or reschedule drops the office's and
service's entries at once (an answer for a chain of services is an entry of each of them, so
a change to any drops it); a booking taken through another process shows up within ``ttl``
seconds. The number shown is advice: the booking itself is decided atomically by the database.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable

from prometheus_client import Counter

from api.metrics import AVAILABILITY_CACHE

MAX_ENTRIES = 20_000

Services = str | tuple[str, ...]
"""A service, or the services of a chain an answer depends on."""


class AvailabilityCache:
    def __init__(self, ttl_seconds: float = 1.0, lookups: Counter = AVAILABILITY_CACHE) -> None:
        """``lookups`` counts hits, misses and shared computations (labelled ``result``)."""
        self._ttl = ttl_seconds
        self._lookups = lookups
        self._entries: dict[tuple[str, Services, Hashable], tuple[float, bytes]] = {}
        self._computing: dict[tuple[str, Services, Hashable], asyncio.Future[bytes]] = {}

    async def get_or_compute(
        self, office_id: str, service: Services, key: Hashable, compute: Callable[[], Awaitable[bytes]]
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

    def get(self, office_id: str, service: Services, key: Hashable) -> bytes | None:
        entry = self._entries.get((office_id, service, key))
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def put(self, office_id: str, service: Services, key: Hashable, body: bytes) -> None:
        if len(self._entries) >= MAX_ENTRIES:
            self._entries.clear()  # bounded memory; a cold second costs little
        self._entries[(office_id, service, key)] = (time.monotonic() + self._ttl, body)

    def invalidate(self, office_id: str, service: str) -> None:
        """Drop the office's answers that depend on ``service``, alone or in a chain."""
        for entry in [k for k in self._entries if k[0] == office_id and _depends(k[1], service)]:
            del self._entries[entry]


def _depends(services: Services, service: str) -> bool:
    return services == service if isinstance(services, str) else service in services
