"""Parties (several people, one appointment) racing single bookings for the same few slots through
the real store, as two server processes would (two ``Database`` objects on one database: on
PostgreSQL real concurrent transactions, on SQLite two writers on one file); and, whatever mix of
parties, singles, cancellations and removals of one person, no slot ever holds more than its
capacity and every slot's count is exactly the seats its active visits hold."""

from __future__ import annotations

import asyncio
import itertools
import random
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from booking.bookings import Booking, Companion, CompanionSeat, Move, NewBooking, NewVisit
from booking.capacity import day_slots
from booking.codes import new_booking_code
from booking.demo import DEMO_OFFICES
from booking.groups import block_from
from booking.rules import BookingStatus
from booking.store.bookings import BookingStore
from booking.store.tables import BookingRow, BookingVisitRow, SlotLoadRow
from kernel.database import Database
from kernel.errors import Conflict
from tests.conftest import fresh_database
from tests.integration.test_port_contracts import DAY, NOW, applicant

OFFICE = next(office for office in DEMO_OFFICES if office.id == "cairo-abbassia-passports")
SERVICE = "passport-renewal"  # 15 minutes on a 30-minute grid: two turns begin in each slot
CAPACITY = 5  # what every slot row is made with: small, so that most attempts lose
GRID = {slot.start: slot for slot in day_slots(OFFICE, SERVICE, DAY)}
STARTS = sorted(GRID)[:4]
_people = itertools.count(1)


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path):
    with fresh_database(request, request.param, tmp_path) as url:
        yield url


def party(start_index: int, headcount: int, week: int = 0) -> NewBooking:
    """A booking for ``headcount`` people (each a new identity) from the ``start_index``-th slot,
    laid out as ``booking.groups`` lays a block out, ``week`` weeks after ``DAY``."""
    block = block_from(GRID[STARTS[start_index]], GRID, headcount, OFFICE.slot_minutes)
    assert block is not None
    shift = timedelta(weeks=week)
    n = next(_people)
    companions = tuple(
        Companion(k, f"Companion {k}", f"companion-{n}-{k}", "national_id", "EGY", f"{k:04d}", "k1")
        for k in range(1, headcount)
    )
    seats = tuple(
        CompanionSeat(k, NewVisit(SERVICE, seat.start + shift, seat.end + shift, CAPACITY))
        for k, seat in zip(range(1, headcount), block.seats[1:], strict=True)
    )
    return NewBooking(
        code=new_booking_code(),
        applicant=applicant(5000 + n, "Mona Ahmed Hassan", "+201000000000", "en"),
        senior_on_visit=False,
        service=SERVICE,
        office_id=OFFICE.id,
        starts_at=block.start + shift,
        ends_at=block.end + shift,
        day=DAY + shift,
        slot_capacity=CAPACITY,
        companions=companions,
        companion_seats=seats,
    )


async def _try(store: BookingStore, new: NewBooking) -> str:
    try:
        await store.create(new, NOW)
    except Conflict as refusal:
        return refusal.code
    return "booked"


async def _counts(database: Database) -> tuple[dict[object, int], Counter[object], Counter[int]]:
    """Each slot row's ``booked``; the seats the active visits of confirmed bookings hold per slot;
    and those visits per booking."""

    def read(conn):
        loads = {
            row.starts_at: row.booked
            for row in conn.execute(select(SlotLoadRow.starts_at, SlotLoadRow.booked))
        }
        visits = conn.execute(
            select(BookingVisitRow.booking_id, BookingVisitRow.starts_at)
            .join(BookingRow, BookingRow.id == BookingVisitRow.booking_id)
            .where(BookingRow.status == BookingStatus.CONFIRMED.value, BookingVisitRow.active)
        ).all()
        return loads, Counter(row.starts_at for row in visits), Counter(row.booking_id for row in visits)

    return await database.read(read)


async def test_parties_racing_singles_never_overbook_a_slot_nor_book_half_a_party(database_url: str):
    servers = [Database(database_url), Database(database_url)]
    try:
        stores = [BookingStore(database) for database in servers]
        rng = random.Random(15)
        # Fewer singles than seats, so that they race the parties rather than starve them (a
        # single's shorter transaction reaches the slots first).
        sizes = [1] * 10 + [2, 3, 4] * 14
        rng.shuffle(sizes)
        attempts = [party(rng.randrange(3), size) for size in sizes]
        outcomes = await asyncio.gather(*(_try(stores[n % 2], new) for n, new in enumerate(attempts)))
        assert set(outcomes) <= {"booked", "slot_full"}, Counter(outcomes)
        booked = [new for new, outcome in zip(attempts, outcomes, strict=True) if outcome == "booked"]
        assert any(new.companions for new in booked) and outcomes.count("slot_full") > 0
        loads, per_slot, per_booking = await _counts(servers[0])
        # Every booking made holds a seat for each of its people: no party half-booked.
        assert sorted(per_booking.values()) == sorted(1 + len(new.companions) for new in booked)
        assert loads == {start: per_slot.get(start, 0) for start in loads}
        assert all(taken <= CAPACITY for taken in loads.values())
        assert any(taken == CAPACITY for taken in loads.values())  # the race did fill slots
    finally:
        for database in servers:
            await database.dispose()


@pytest.fixture(scope="module")
def sqlite_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    with fresh_database(request, "sqlite", tmp_path_factory.mktemp("groups")) as url:
        database = Database(url)
        yield BookingStore(database), database
        asyncio.run(database.dispose())


_weeks = itertools.count(1)
Step = tuple[str, int, int]
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("book"), st.integers(0, 3), st.integers(1, 4)),
        st.tuples(st.just("cancel"), st.integers(0, 20), st.just(0)),
        st.tuples(st.just("remove"), st.integers(0, 20), st.integers(1, 3)),
    ),
    min_size=1,
    max_size=14,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_no_mix_of_parties_singles_cancels_and_removals_overfills_a_slot(sqlite_store, steps: list[Step]):
    store, database = sqlite_store
    week = next(_weeks)  # each example on a day of its own

    async def run() -> None:
        made: list[Booking] = []
        for kind, n, k in steps:
            if kind == "book":
                try:
                    made.append(await store.create(party(n, k, week), NOW))
                except Conflict as refusal:
                    assert refusal.code == "slot_full"
            elif made and kind == "cancel":
                await store.cancel(made[n % len(made)], NOW)
            elif made:
                booking = made[n % len(made)]
                changed = await store.remove_companion(booking, k, NOW)
                if changed is not None:
                    made[made.index(booking)] = changed
        loads, per_slot, _ = await _counts(database)
        for start, taken in loads.items():
            assert taken == per_slot.get(start, 0) <= CAPACITY

    asyncio.run(run())


def test_a_move_laid_out_for_one_person_is_refused_for_a_party(sqlite_store):
    """A rebalance plans one seat a booking: its move of a party is refused whole, and the party
    keeps every seat it had."""
    store, database = sqlite_store

    async def run() -> None:
        booking = await store.create(party(0, 3, week=400), NOW)
        later = booking.starts_at + timedelta(hours=2)
        move = Move(OFFICE.id, later, later + timedelta(minutes=30), booking.day, CAPACITY)
        with pytest.raises(Conflict) as refused:
            await store.reschedule(booking, move, NOW)
        assert refused.value.code == "party_moves_whole"
        _, _, per_booking = await _counts(database)
        assert per_booking[booking.id] == 3

    asyncio.run(run())
