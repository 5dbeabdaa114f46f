"""A booking world on the in-memory fakes (``tests/fakes/booking.py``): no database, no HTTP."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from booking.appointments import Appointments, BookCommand
from booking.capacity import Slot
from booking.demo import DEMO_OFFICES
from booking.draw_entries import DrawEntries
from booking.flexible_booking import FlexibleBooking
from booking.identity import Identity, IdentityHasher, IdentityType
from booking.offices import Office
from booking.release import ReleasePolicy
from kernel.clock import FixedClock
from tests.fakes.booking import FakeBookings, FakeOffices, FakeRequests

OFFICE = DEMO_OFFICES[0]
SERVICE = "passport-renewal"
CITIZEN = Identity(IdentityType.NATIONAL_ID, "29001010112345", "EGY")
OTHER = Identity(IdentityType.NATIONAL_ID, "29505050154321", "EGY")


@dataclass
class World:
    clock: FixedClock
    bookings: FakeBookings
    offices: FakeOffices
    requests: FakeRequests
    hasher: IdentityHasher
    release: ReleasePolicy
    appointments: Appointments
    flexible: FlexibleBooking
    draws: DrawEntries
    changed: list[tuple[str, str, date | None]]

    async def open_day(self, after: int = 2, office: Office = OFFICE) -> tuple[date, list[Slot]]:
        """The first day at least ``after`` days ahead with slots of SERVICE at ``office``."""
        day = self.clock.now().date() + timedelta(days=after)
        while not (slots := await self.offices.day_slots(office, SERVICE, day)):
            day += timedelta(days=1)
        return day, slots

    def command(self, start: datetime, identity: Identity = CITIZEN, **changes: object) -> BookCommand:
        values: dict[str, object] = {
            "service": SERVICE,
            "office_id": OFFICE.id,
            "start": start,
            "identity": identity,
            "full_name": "Mona Ahmed Hassan",
            "phone": "01012345678",
        }
        values.update(changes)
        return BookCommand(**values)  # type: ignore[arg-type]


@pytest.fixture
def world() -> World:
    return a_world()


def a_world() -> World:
    """A fresh world on a Monday morning in Cairo (the fixture ``world``, for other packages)."""
    clock = FixedClock(datetime(2026, 3, 2, 6, 0, tzinfo=UTC))
    bookings, offices = FakeBookings(), FakeOffices.of(*DEMO_OFFICES)
    requests = FakeRequests(bookings)
    changed: list[tuple[str, str, date | None]] = []
    hasher, release = IdentityHasher.from_secret("unit-test-identity-key"), ReleasePolicy()
    appointments = Appointments(
        offices,
        bookings,
        clock,
        hasher,
        on_change=lambda office, service, day=None: changed.append((office, service, day)),
        release=release,
    )
    ports = (offices, bookings, requests, clock, hasher, release)
    return World(
        clock,
        bookings,
        offices,
        requests,
        hasher,
        release,
        appointments,
        FlexibleBooking(*ports),
        DrawEntries(*ports),
        changed,
    )
