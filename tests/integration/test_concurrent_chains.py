"""Chains racing single bookings, and each other, for the same few slots through the real store,
as two server processes would (two ``Database`` objects on one database, each with its own
connections: on PostgreSQL real concurrent transactions; on SQLite two writers on one file). The
database alone must keep every slot within its capacity and every chain whole."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from booking.bookings import NewBooking, NewVisit
from booking.capacity import day_slots
from booking.codes import new_booking_code
from booking.demo import DEMO_OFFICES
from booking.rules import BookingStatus
from booking.store.bookings import BookingStore
from booking.store.tables import BookingRow, BookingVisitRow, SlotLoadRow
from kernel.database import Database
from kernel.errors import Conflict
from tests.conftest import fresh_database
from tests.integration.test_port_contracts import DAY, NOW, applicant

OFFICE = next(office for office in DEMO_OFFICES if office.id == "cairo-abbassia-passports")
FIRST, SECOND = "criminal-record-certificate", "passport-renewal"
CAPACITY = 2  # what every slot row is made with: small, so that most attempts lose


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path):
    with fresh_database(request, request.param, tmp_path) as url:
        yield url


def _attempts(seed: int) -> list[NewBooking]:
    """Singles of either service and chains of both, each for a person of its own, all wanting
    the first three certificate slots and the renewal slots that follow them."""
    rng = random.Random(seed)
    certificates = day_slots(OFFICE, FIRST, DAY)[:3]
    renewals = {slot.start: slot for slot in day_slots(OFFICE, SECOND, DAY)}
    attempts = []
    for n in range(90):
        first = rng.choice(certificates)
        second = renewals[first.end]
        kind = rng.choice(["chain", "chain", "first", "second"])
        slot, service = (second, SECOND) if kind == "second" else (first, FIRST)
        new = NewBooking(
            code=new_booking_code(),
            applicant=applicant(1000 + n, "Mona Ahmed Hassan", f"+2010{n:08d}", "en"),
            senior_on_visit=False,
            service=service,
            office_id=OFFICE.id,
            starts_at=slot.start,
            ends_at=slot.end,
            day=DAY,
            slot_capacity=CAPACITY,
        )
        if kind == "chain":
            new = replace(new, later_visits=(NewVisit(SECOND, second.start, second.end, CAPACITY),))
        attempts.append(new)
    return attempts


async def _try(store: BookingStore, new: NewBooking) -> str:
    try:
        await store.create(new, NOW)
    except Conflict as refusal:
        return refusal.code
    return "booked"


async def test_chains_racing_singles_never_overbook_a_slot_nor_leave_half_a_chain(database_url: str):
    servers = [Database(database_url), Database(database_url)]
    try:
        stores = [BookingStore(database) for database in servers]
        attempts = _attempts(seed=14)
        outcomes = await asyncio.gather(*(_try(stores[n % 2], new) for n, new in enumerate(attempts)))
        assert set(outcomes) <= {"booked", "slot_full"}, Counter(outcomes)
        assert outcomes.count("booked") > 0 and outcomes.count("slot_full") > 0

        def read(conn):
            loads = {
                (row.service, row.starts_at): row.booked
                for row in conn.execute(
                    select(SlotLoadRow.service, SlotLoadRow.starts_at, SlotLoadRow.booked)
                )
            }
            visits = conn.execute(
                select(BookingVisitRow.booking_id, BookingVisitRow.service, BookingVisitRow.starts_at)
                .join(BookingRow, BookingRow.id == BookingVisitRow.booking_id)
                .where(BookingRow.status == BookingStatus.CONFIRMED.value, BookingVisitRow.active)
            ).all()
            return loads, visits

        loads, visits = await servers[0].read(read)
        booked = [new for new, outcome in zip(attempts, outcomes, strict=True) if outcome == "booked"]
        by_booking = Counter(row.booking_id for row in visits)
        # Every booking made holds exactly its visits: no chain half-booked.
        assert sorted(by_booking.values()) == sorted(len(new.seats) for new in booked)
        # Every slot holds what its active visits say, never more than its capacity.
        per_slot = Counter((row.service, row.starts_at) for row in visits)
        assert loads == {key: per_slot.get(key, 0) for key in loads}
        assert all(taken <= CAPACITY for taken in loads.values())
        assert any(taken == CAPACITY for taken in loads.values())  # the race did fill slots
    finally:
        for database in servers:
            await database.dispose()
