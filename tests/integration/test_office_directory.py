"""The office directory reads every office once however many callers find its rows old at the
same moment, and a change made while it reads is not hidden by that read."""

from __future__ import annotations

import asyncio
from typing import Any

from booking.store.offices import OfficeDirectory, OfficeStore
from kernel.clock import FixedClock
from kernel.database import Database
from tests.integration.helpers import GIZA


class CountingStore(OfficeStore):
    """The real store, counting how often the directory asks it for every office."""

    def __init__(self, database: Database) -> None:
        super().__init__(database)
        self.reads = 0

    async def all_offices(self) -> Any:
        self.reads += 1
        return await super().all_offices()


async def test_a_hundred_callers_at_once_cause_one_read(database_url: str, clock: FixedClock) -> None:
    database = Database(database_url)
    try:
        store = CountingStore(database)
        directory = OfficeDirectory(store, clock, ttl_seconds=5.0)
        offices = await asyncio.gather(*(directory.office(GIZA) for _ in range(100)))
        assert store.reads == 1
        assert all(office is not None and office.id == GIZA for office in offices)
        await asyncio.gather(*(directory.office(GIZA) for _ in range(100)))
        assert store.reads == 1  # still fresh
        directory.invalidate()
        await asyncio.gather(*(directory.closures(GIZA) for _ in range(50)))
        assert store.reads == 2
    finally:
        await database.dispose()


async def test_an_invalidation_during_a_read_makes_callers_read_again(
    database_url: str, clock: FixedClock
) -> None:
    database = Database(database_url)
    try:
        store = CountingStore(database)
        directory = OfficeDirectory(store, clock, ttl_seconds=5.0)
        first = asyncio.create_task(directory.office(GIZA))
        await asyncio.sleep(0)  # the read has begun
        directory.invalidate()  # e.g. a counter closed by this process meanwhile
        assert (await first) is not None
        assert store.reads == 2  # the read begun before the change was not trusted
    finally:
        await database.dispose()
