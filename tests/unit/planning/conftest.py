"""A planning world on the in-memory fakes (``tests/fakes``): no database, no HTTP, no child
process. Its offices are small, so a day fills with a handful of bookings: one counter for
passport renewals (15 minutes), no walk-in share, 09:00-10:30 Sunday to Thursday, so three
slots of two places a day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.appointments import Appointments, BookCommand
from booking.bookings import Booking
from booking.calendar import Closure
from booking.capacity import Slot
from booking.draw_entries import DrawEntries
from booking.flexible_booking import FlexibleBooking, RequestCommand
from booking.identity import Identity, IdentityHasher, IdentityType
from booking.offices import Counter, Office, OpeningHours
from booking.request_offices import Reach
from kernel.clock import FixedClock
from kernel.days import TIMEZONE
from messaging.outbox import OutboxMessage
from planning.jobs import OptimiserJobs
from planning.optimise import Optimiser
from planning.rebalancing import Rebalancing
from planning.release_draw import DrawResult, ReleaseDraws
from tests.fakes.booking import FakeBookings, FakeOffices, FakeRequests
from tests.fakes.planning import (
    FakeAssignments,
    FakeDrawClaims,
    FakeJobs,
    FakePlans,
    FakeSlotLoads,
    InlineSolver,
)

SERVICE = "passport-renewal"


def small_office(office_id: str, lat: float, lon: float = 31.25) -> Office:
    return Office(
        office_id,
        f"{office_id} office",
        f"مكتب {office_id}",
        "1 Example Street",
        "١ شارع المثال",
        "cairo",
        lat,
        lon,
        (SERVICE,),
        OpeningHours.government_week("09:00", "10:30"),
        (Counter(1, "1", frozenset({SERVICE})),),
        walk_in_share=0.0,
    )


HOME = small_office("home", 30.05)
NEARBY = small_office("nearby", 30.10)  # about 6 km north
FAR = small_office("far", 31.20)  # about 130 km: beyond a rebalance's reach
# Sunday 6 December 2026, half a minute after 09:00 in Cairo: the day 60 days ahead has just
# opened and its draw collects entries for ten minutes.
OPENING = datetime(2026, 12, 6, 9, 0, 30, tzinfo=ZoneInfo(TIMEZONE))
NEW_DAY = date(2027, 2, 4)  # 60 days on: a Thursday
TOMORROW = date(2026, 12, 7)  # a Monday


def citizen(n: int) -> Identity:
    return Identity(IdentityType.NATIONAL_ID, f"2900101011{n:04d}", "EGY")


@dataclass
class World:
    clock: FixedClock
    bookings: FakeBookings
    offices: FakeOffices
    requests: FakeRequests
    loads: FakeSlotLoads
    assignments: FakeAssignments
    claims: FakeDrawClaims
    plans: FakePlans
    jobs: FakeJobs
    solver: InlineSolver
    appointments: Appointments
    flexible: FlexibleBooking
    entries: DrawEntries
    draws: ReleaseDraws
    rebalancing: Rebalancing
    optimiser: Optimiser
    optimiser_jobs: OptimiserJobs
    outbox: list[OutboxMessage]
    changed: list[tuple[str, str]] = field(default_factory=list)
    drawn: list[DrawResult] = field(default_factory=list)

    def command(self, start: datetime, identity: Identity, office: Office = HOME) -> BookCommand:
        return BookCommand(SERVICE, office.id, start, identity, "Mona Ahmed Hassan", "01012345678")

    async def slots(self, day: date, office: Office = HOME) -> list[Slot]:
        return await self.offices.day_slots(office, SERVICE, day)

    async def book(self, start: datetime, n: int, office: Office = HOME) -> Booking:
        return await self.appointments.book(self.command(start, citizen(n), office))

    async def fill(self, day: date, office: Office = HOME, first: int = 0) -> list[Booking]:
        """Every place of the office's day booked, by citizens ``first``, ``first`` + 1, ..."""
        booked: list[Booking] = []
        for slot in await self.slots(day, office):
            for _ in range(slot.capacity):
                booked.append(await self.book(slot.start, first + len(booked), office))
        return booked

    def close(self, closure: Closure) -> None:
        """A manager's closure: the grid loses it and the slot rows are restated at once."""
        office = self.offices.by_id[closure.office_id]
        closures = (*self.offices.closed.get(office.id, ()), closure)
        self.offices.closed[office.id] = closures
        self.bookings.restate(office, closures)

    async def ask(self, n: int, first: date, last: date, offices: tuple[Office, ...] = (HOME,)) -> str:
        """A flexible request of citizen ``n`` for any time at ``offices`` on ``first..last``."""
        reach = Reach("offices", office_ids=tuple(o.id for o in offices))
        command = RequestCommand(SERVICE, citizen(n), "Karim Mahmoud", "01012345678", reach, first, last)
        return (await self.flexible.submit(command)).id


def make_world(now: datetime) -> World:
    clock = FixedClock(now)
    bookings = FakeBookings()
    offices = FakeOffices.of(HOME, NEARBY, FAR)
    requests = FakeRequests(bookings)
    loads = FakeSlotLoads(bookings)
    outbox: list[OutboxMessage] = []
    assignments = FakeAssignments(bookings, requests, outbox)
    claims = FakeDrawClaims()
    plans = FakePlans(bookings, outbox)
    jobs = FakeJobs(clock)
    solver = InlineSolver()
    changed: list[tuple[str, str]] = []
    drawn: list[DrawResult] = []

    def heard(office_id: str, service: str, day: date | None = None, /) -> None:
        changed.append((office_id, service))  # the day a booking tells: tests/unit/booking

    async def on_drawn(result: DrawResult) -> None:
        drawn.append(result)

    hasher = IdentityHasher.from_secret("unit-test-identity-key")
    appointments = Appointments(offices, bookings, clock, hasher, on_change=heard)
    ports = (offices, bookings, requests, clock, hasher, appointments.release)
    optimiser = Optimiser(
        requests, assignments, offices, loads, clock, solver, heard, release=appointments.release
    )
    return World(
        clock,
        bookings,
        offices,
        requests,
        loads,
        assignments,
        claims,
        plans,
        jobs,
        solver,
        appointments,
        FlexibleBooking(*ports),
        DrawEntries(*ports),
        ReleaseDraws(
            appointments,
            offices=offices,
            clock=clock,
            entries=requests,
            claims=claims,
            assignments=assignments,
            on_drawn=on_drawn,
        ),
        Rebalancing(plans, bookings, offices, loads, clock, on_change=heard),
        optimiser,
        OptimiserJobs(jobs, optimiser, clock, heartbeat_seconds=0.05),
        outbox,
        changed,
        drawn,
    )


@pytest.fixture
def world() -> World:
    return make_world(OPENING - timedelta(hours=1))  # 08:00:30, before the day's opening
