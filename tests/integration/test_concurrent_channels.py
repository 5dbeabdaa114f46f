"""Online bookings racing a clerk's for slots that keep seats for clerks, through the real store as
two server processes would (two ``Database`` objects on one database: on PostgreSQL real
concurrent transactions; on SQLite two writers on one file). The database alone must keep the
reserved seats from online applicants, however the race falls, and never overbook."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from booking.bookings import NewBooking
from booking.capacity import day_slots
from booking.codes import new_booking_code
from booking.demo import DEMO_OFFICES
from booking.store.bookings import BookingStore
from booking.store.tables import BookingRow, SlotLoadRow
from kernel.database import Database
from kernel.errors import Conflict
from tests.conftest import fresh_database
from tests.integration.test_port_contracts import DAY, NOW, applicant

OFFICE = next(office for office in DEMO_OFFICES if office.id == "giza-passports")
SERVICE = "passport-new"
CAPACITY, RESERVED = 5, 2  # each slot: two of its five seats kept for clerks


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path):
    with fresh_database(request, request.param, tmp_path) as url:
        yield url


def _attempts(seed: int) -> list[NewBooking]:
    """Thirty online applicants and one clerk's booking per slot, for the first three slots, shuffled."""
    slots = day_slots(OFFICE, SERVICE, DAY)[:3]
    attempts = []
    for n in range(93):
        slot = slots[n % 3]
        attempts.append(
            NewBooking(
                code=new_booking_code(),
                applicant=applicant(2000 + n, "Mona Ahmed Hassan", f"+2011{n:08d}", "en"),
                senior_on_visit=False,
                service=SERVICE,
                office_id=OFFICE.id,
                starts_at=slot.start,
                ends_at=slot.end,
                day=DAY,
                slot_capacity=CAPACITY,
                slot_reserved=RESERVED,
                channel="desk" if n >= 90 else "online",
            )
        )
    random.Random(seed).shuffle(attempts)
    return attempts


async def _try(store: BookingStore, new: NewBooking) -> str:
    try:
        await store.create(new, NOW)
    except Conflict as refusal:
        return refusal.code
    return "booked"


async def test_online_bookings_racing_a_clerks_never_take_the_seats_kept_for_clerks(database_url: str):
    servers = [Database(database_url), Database(database_url)]
    try:
        stores = [BookingStore(database) for database in servers]
        attempts = _attempts(seed=15)
        outcomes = await asyncio.gather(*(_try(stores[n % 2], new) for n, new in enumerate(attempts)))
        assert set(outcomes) <= {"booked", "slot_full"}, Counter(outcomes)

        def read(conn):
            loads = conn.execute(
                select(SlotLoadRow.starts_at, SlotLoadRow.booked, SlotLoadRow.assisted_booked)
            ).all()
            made = conn.execute(select(BookingRow.starts_at, BookingRow.channel)).all()
            return loads, Counter((row.starts_at, row.channel) for row in made)

        loads, made = await servers[0].read(read)
        # Every clerk got a seat; online took exactly the seats not kept (capacity - reserved): the
        # second kept seat of each slot stays free for the next clerk, however the race fell.
        by_channel = Counter(
            new.channel for new, out in zip(attempts, outcomes, strict=True) if out == "booked"
        )
        assert by_channel == {"online": 3 * (CAPACITY - RESERVED), "desk": 3}
        assert len(loads) == 3
        for row in loads:
            assert (row.booked, row.assisted_booked) == (CAPACITY - RESERVED + 1, 1)
            assert (made[(row.starts_at, "online")], made[(row.starts_at, "desk")]) == (
                CAPACITY - RESERVED,
                1,
            )
    finally:
        for database in servers:
            await database.dispose()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # the rule is the same SQL on both
async def test_without_kept_seats_online_fills_the_slot(database_url: str):
    """The race above can fail: with nothing kept, the same online applicants take every seat."""
    database = Database(database_url)
    try:
        store = BookingStore(database)
        online = [replace(new, slot_reserved=0) for new in _attempts(seed=15) if new.channel == "online"]
        outcomes = await asyncio.gather(*(_try(store, new) for new in online))
        assert outcomes.count("booked") == 3 * CAPACITY
    finally:
        await database.dispose()
