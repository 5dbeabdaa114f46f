"""A hall on the in-memory fakes: the booking side (``tests/fakes/booking.py``), the archives,
the stranded check-ins and the screens (``tests/fakes/queue_display.py``) and the live queue in
memory (``MemoryQueueStore``), wired as ``api.live`` wires the real ones. No database, no HTTP."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time
from functools import partial

import pytest

from booking.appointments import Appointments, BookCommand
from booking.bookings import Booking
from booking.demo import DEMO_OFFICES
from booking.identity import Identity, IdentityHasher, identity_from_national_id
from booking.offices import Counter, Office
from kernel.clock import FixedClock
from queue_display.counter import CounterStatus
from queue_display.counter_desk import CounterDesk
from queue_display.kiosk import Kiosk
from queue_display.onsite import OnSite
from queue_display.recovery import take_up
from queue_display.store import MemoryQueueStore
from queue_display.store.base import Issued
from tests.fakes.booking import FakeBookings, FakeOffices
from tests.fakes.queue_display import (
    FakeCounterArchive,
    FakeScreens,
    FakeStrandedCheckIns,
    FakeTicketArchive,
    FakeTicketNumbers,
)
from tests.unit.queue_display.factories import CAIRO

TODAY = date(2026, 12, 6)  # a Sunday, the offices open 08:00-15:00
MORNING = datetime(2026, 12, 6, 8, 0, tzinfo=CAIRO)
NEW, RENEWAL, CERTIFICATE = "passport-new", "passport-renewal", "civil-certificate"

DESK_1 = Counter(11, "1", frozenset({NEW, CERTIFICATE}))
DESK_2 = Counter(12, "2", frozenset({RENEWAL, "driving-licence-renewal"}))  # the office has no driving
DESK_3 = Counter(13, "3", frozenset({NEW}), active=False)
OFFICE = replace(
    next(o for o in DEMO_OFFICES if o.id == "cairo-abbassia-passports"), counters=(DESK_1, DESK_2, DESK_3)
)
ELSEWHERE = next(o for o in DEMO_OFFICES if o.id == "giza-passports")


def citizen(n: int) -> Identity:
    return identity_from_national_id(f"29001010112{n:03d}", TODAY)


@dataclass
class Floor:
    """One office's hall on fakes. ``restarted`` is the same hall after its live queue lost
    everything (a Redis restarted empty, a new process on the memory store): the archives, the
    bookings and the ticket numbers (the database) outlive it."""

    clock: FixedClock
    offices: FakeOffices
    bookings: FakeBookings
    tickets: FakeTicketArchive
    counters: FakeCounterArchive
    stranded: FakeStrandedCheckIns
    numbers: FakeTicketNumbers
    screens: FakeScreens
    appointments: Appointments
    queue: MemoryQueueStore
    onsite: OnSite
    desk: CounterDesk
    kiosk: Kiosk

    def restarted(self) -> Floor:
        return _floor(
            self.clock,
            self.offices,
            self.bookings,
            self.tickets,
            self.counters,
            self.numbers,
            self.appointments,
        )

    async def book(self, n: int, hour: int = 10, office: Office = OFFICE, day: date = TODAY) -> Booking:
        start = datetime.combine(day, time(hour), tzinfo=CAIRO)
        command = BookCommand(RENEWAL, office.id, start, citizen(n), "Mona Ahmed Hassan", "01012345678")
        return await self.appointments.book(command)

    async def walk_in(self, service: str = NEW) -> Issued:
        return await self.kiosk.walk_in(OFFICE.id, service, staff="kiosk.abbassia")

    async def check_in(self, booking: Booking) -> Issued:
        return await self.kiosk.check_in(booking.office_id, booking.code, staff="kiosk.abbassia")

    async def open(self, counter: Counter = DESK_1) -> None:
        await self.desk.set_status(OFFICE.id, str(counter.id), CounterStatus.OPEN, "agent.abbassia")


def _floor(
    clock: FixedClock,
    offices: FakeOffices,
    bookings: FakeBookings,
    tickets: FakeTicketArchive,
    counters: FakeCounterArchive,
    numbers: FakeTicketNumbers,
    appointments: Appointments,
) -> Floor:
    screens, queue = FakeScreens(), MemoryQueueStore()
    onsite = OnSite(appointments, bookings, queue, tickets, counters, screens)
    queue.attach(partial(take_up, onsite), numbers.next)  # as ``api.live.LiveHall.onsite``
    kiosk = Kiosk(onsite.offices, onsite.bookings, onsite.queue, onsite, onsite.clock)
    stranded = FakeStrandedCheckIns(bookings, tickets)
    return Floor(
        clock,
        offices,
        bookings,
        tickets,
        counters,
        stranded,
        numbers,
        screens,
        appointments,
        queue,
        onsite,
        CounterDesk(onsite),
        kiosk,
    )


def make_floor() -> Floor:
    clock, offices, bookings = FixedClock(MORNING), FakeOffices.of(OFFICE, ELSEWHERE), FakeBookings()
    appointments = Appointments(
        offices, bookings, clock, IdentityHasher.from_secret("unit-test-identity-key")
    )
    return _floor(
        clock, offices, bookings, FakeTicketArchive(), FakeCounterArchive(), FakeTicketNumbers(), appointments
    )


@pytest.fixture
def floor() -> Floor:
    return make_floor()
