"""The offices' cache (``booking.store.offices.OfficeDirectory``): a rush of requests finding it
stale waits for one reload, not one each, and a reload begun before an invalidation serves nobody."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import cast

from booking.calendar import Closure
from booking.demo import DEMO_OFFICES
from booking.offices import Office
from booking.store.offices import OfficeDirectory, OfficeStore
from kernel.clock import FixedClock

OFFICE = DEMO_OFFICES[0]


class SlowStore:
    """``all_offices`` and ``closures_from`` as the store answers them, each read taking a while."""

    def __init__(self) -> None:
        self.reads = 0
        self.offices: list[Office] = [OFFICE]
        self.gate: asyncio.Event | None = None

    async def all_offices(self) -> list[Office]:
        self.reads += 1
        answer = list(self.offices)  # what the database held when the read began
        if self.gate is not None:
            await self.gate.wait()
        await asyncio.sleep(0.01)
        return answer

    async def closures_from(self, since: date) -> list[Closure]:
        return []


def directory(store: SlowStore) -> OfficeDirectory:
    clock = FixedClock(datetime(2026, 12, 6, 7, tzinfo=UTC))
    return OfficeDirectory(cast(OfficeStore, store), clock)


async def test_requests_finding_the_cache_stale_wait_for_one_reload() -> None:
    store = SlowStore()
    offices = directory(store)
    found = await asyncio.gather(*(offices.office(OFFICE.id) for _ in range(50)))
    assert found == [OFFICE] * 50
    assert store.reads == 1
    await offices.office(OFFICE.id)  # fresh: no read
    assert store.reads == 1
    offices.invalidate()
    await asyncio.gather(*(offices.offices() for _ in range(10)))
    assert store.reads == 2


async def test_a_reload_begun_before_an_invalidation_serves_nobody() -> None:
    store = SlowStore()
    offices = directory(store)
    store.gate = asyncio.Event()
    early = asyncio.create_task(offices.office(OFFICE.id))
    await asyncio.sleep(0.01)  # its read has begun, with the office as it was
    store.offices = [replace(OFFICE, name_en="Moved")]  # changed here, then the cache dropped
    offices.invalidate()
    store.gate.set()
    assert await early == replace(OFFICE, name_en="Moved")  # the early caller reads again
    assert await offices.office(OFFICE.id) == replace(OFFICE, name_en="Moved")
    assert store.reads == 2
