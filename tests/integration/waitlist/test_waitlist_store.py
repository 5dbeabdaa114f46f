"""The waitlist's store, on the database itself: two processes answering one offer at once (one
accepting just before it runs out by its clock, one sweeping it just after by its own) change it
once, and whatever citizens and sweeps do, a seat is never both held for an offer and sold, and a
slot never holds more than its capacity (a property, on SQLite)."""

from __future__ import annotations

import asyncio
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from booking.appointments import Appointments, BookCommand
from booking.churn import ChurnRules
from booking.identity import IdentityHasher, parse_identity
from booking.request_offices import Reach
from booking.store.bookings import BookingStore
from booking.store.offices import OfficeDirectory, OfficeStore
from booking.store.tables import BookingRow, SlotHoldRow, SlotLoadRow, WaitlistOfferRow
from booking.store.waitlist import WaitlistStore
from booking.waitlisting import WaitCommand, Waitlisting
from kernel.clock import FixedClock
from kernel.database import Database
from kernel.errors import DomainError
from tests.conftest import WORKING_MORNING
from tests.integration.helpers import GIZA, national_id

DAY = WORKING_MORNING.date() + timedelta(days=1)
RULES = ChurnRules(0, 0, 0, 0, 90, 0, 0, (0.0, 0.0), 30.0)
HASHER = IdentityHasher.from_secret("a test identity key that is long enough to use")


@dataclass
class Process:
    """One server process's view: its own connections and its own clock."""

    database: Database
    clock: FixedClock
    appointments: Appointments
    waitlist: Waitlisting

    @classmethod
    def on(cls, url: str, now: datetime = WORKING_MORNING) -> Process:
        database, clock = Database(url), FixedClock(now)
        directory = OfficeDirectory(OfficeStore(database), clock)
        appointments = Appointments(directory, BookingStore(database, RULES), clock, HASHER)
        return cls(
            database, clock, appointments, Waitlisting(appointments, WaitlistStore(database, RULES), "", None)
        )

    async def book(self, start: datetime, number: str) -> str:
        command = BookCommand(
            "passport-new",
            GIZA,
            start,
            parse_identity("national_id", number, None, DAY),
            "منى أحمد علي",
            "+201012345678",
        )
        return (await self.appointments.book(command)).code

    async def join(self, number: str) -> str:
        command = WaitCommand(
            "passport-new",
            parse_identity("national_id", number, None, DAY),
            "سلمى محمود",
            "+201011112222",
            Reach("offices", office_ids=(GIZA,)),
            DAY,
            DAY,
        )
        entry = await self.waitlist.join(command)
        self.clock.advance(timedelta(seconds=1))
        return entry.entry_id

    async def rows(self, query: Any) -> list[Any]:
        return await self.database.read(lambda conn: list(conn.execute(query).all()))


async def first_slot(process: Process) -> tuple[datetime, int]:
    office = await process.appointments.offices.office(GIZA)
    assert office is not None
    slot = (await process.appointments.offices.day_slots(office, "passport-new", DAY))[2]
    return slot.start, slot.capacity


async def seats(process: Process, start: datetime) -> tuple[int, int, int, int]:
    """(capacity, booked, seats held for live offers, live offers) of the slot."""
    now = process.clock.now()
    [(capacity, booked)] = await process.rows(
        select(SlotLoadRow.capacity, SlotLoadRow.booked).where(SlotLoadRow.starts_at == start)
    )
    [(held,)] = await process.rows(
        select(func.count()).where(SlotHoldRow.starts_at == start, SlotHoldRow.until > now)
    )
    [(live,)] = await process.rows(
        select(func.count()).where(WaitlistOfferRow.starts_at == start, WaitlistOfferRow.status == "offered")
    )
    return capacity, booked, held, live


async def test_an_offer_accepted_and_swept_at_once_is_decided_once(database_url: str) -> None:
    one, two = Process.on(database_url), Process.on(database_url)
    try:
        start, capacity = await first_slot(one)
        booked = [
            (await one.book(start, number), number) for number in (national_id() for _ in range(capacity))
        ]
        outcomes = []
        for code, number in booked[:3]:
            person = national_id()
            await one.join(person)
            await one.appointments.cancel(code, number)
            [(offer_id, expires_at)] = await one.rows(
                select(WaitlistOfferRow.offer_id, WaitlistOfferRow.expires_at).where(
                    WaitlistOfferRow.status == "offered"
                )
            )
            one.clock.instant = expires_at - timedelta(seconds=1)  # still open by this process's clock
            two.clock.instant = expires_at + timedelta(seconds=1)  # run out by the other's
            accepted, swept = await asyncio.gather(
                one.waitlist.accept(offer_id, person), two.waitlist.tick(), return_exceptions=True
            )
            [(status,)] = await one.rows(
                select(WaitlistOfferRow.status).where(WaitlistOfferRow.offer_id == offer_id)
            )
            mine = await one.rows(select(BookingRow.code).where(BookingRow.status == "confirmed"))
            if status == "accepted":
                assert not isinstance(accepted, BaseException) and swept == (0, 0)
                assert accepted.code in {row.code for row in mine}
            else:
                assert status == "expired" and isinstance(accepted, DomainError) and swept[0] == 1  # type: ignore[index]
            outcomes.append(status)
            cap, taken, held, live = await seats(one, start)
            assert taken + held <= cap and live == 0 and held == 0
            one.clock.instant = two.clock.instant = WORKING_MORNING + timedelta(minutes=len(outcomes) * 40)
        assert set(outcomes) <= {"accepted", "expired"}
    finally:
        await one.database.dispose()
        await two.database.dispose()


OPERATIONS = st.lists(
    st.sampled_from(["cancel", "join", "accept", "decline", "lapse", "book"]), min_size=4, max_size=14
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS, picks=st.lists(st.integers(0, 50), min_size=14, max_size=14))
def test_a_seat_is_never_both_offered_and_sold(
    operations: list[str], picks: list[int], sqlite_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / f"property-{abs(hash((tuple(operations), tuple(picks))))}.sqlite3"
    shutil.copy(sqlite_template, path)
    asyncio.run(_play(f"sqlite:///{path}", operations, picks))
    path.unlink()


async def _play(url: str, operations: list[str], picks: list[int]) -> None:
    process = Process.on(url)
    try:
        start, capacity = await first_slot(process)
        held: list[tuple[str, str]] = []
        for _ in range(capacity):
            number = national_id()
            held.append((await process.book(start, number), number))
        waiting: list[str] = []
        for operation, pick in zip(operations, picks, strict=False):
            live = await process.rows(
                select(WaitlistOfferRow.offer_id).where(WaitlistOfferRow.status == "offered")
            )
            try:
                if operation == "cancel" and held:
                    code, number = held.pop(pick % len(held))
                    await process.appointments.cancel(code, number)
                elif operation == "join":
                    number = national_id()
                    await process.join(number)
                    waiting.append(number)
                elif operation in ("accept", "decline") and live:
                    offer_id = live[pick % len(live)].offer_id
                    _, entry = await process.waitlist.offer(offer_id)
                    number = next(n for n in waiting if entry.applicant.identified_by(n, HASHER))
                    if operation == "accept":
                        booking = await process.waitlist.accept(offer_id, number)
                        held.append((booking.code, number))
                    else:
                        await process.waitlist.decline(offer_id, number)
                elif operation == "lapse":
                    process.clock.advance(timedelta(minutes=31))
                elif operation == "book":
                    number = national_id()
                    held.append((await process.book(start, number), number))
            except DomainError:
                pass  # a full slot, a duplicate: refused, as it should be when it is
            await process.waitlist.tick()
            cap, booked, on_hold, offers = await seats(process, start)
            assert booked + on_hold <= cap, (operation, booked, on_hold, cap)
            assert on_hold == offers  # each live offer holds exactly its seat (the cool-off is off)
            [(sold_and_offered,)] = await process.rows(
                select(func.count())
                .select_from(SlotHoldRow)
                .join(WaitlistOfferRow, WaitlistOfferRow.offer_id == SlotHoldRow.offer_id)
                .where(WaitlistOfferRow.status != "offered", SlotHoldRow.until > process.clock.now())
            )
            assert sold_and_offered == 0  # an answered offer holds nothing any more
    finally:
        await process.database.dispose()
