"""Fakes of ``booking.ports``: bookings, offices and requests in memory."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any

from booking.applicant import Applicant
from booking.booking_requests import BookingRequest, NewBookingRequest, RequestStatus
from booking.bookings import Booking, Move, NewBooking
from booking.calendar import Closure
from booking.capacity import Slot, day_slots
from booking.codes import new_booking_code
from booking.offices import Office
from booking.ports import Bookings, Offices, Requests
from booking.rules import MAX_ACTIVE_BOOKINGS, BookingStatus
from booking.store.booking_requests import DUPLICATE_REQUEST
from booking.store.bookings import DUPLICATE, LIMIT, SLOT_FULL
from kernel.errors import Refusal


@dataclass
class FakeBookings:
    """``booking.ports.Bookings``: a slot holds at most its capacity of active bookings; an
    identity holds one active booking per service and at most ``MAX_ACTIVE_BOOKINGS`` in all;
    a cancelled seat is free again at once (no cool-off, no churn caps). ``refuse_standing``
    makes ``check_standing`` refuse an identity's digest, as a no-show ban would."""

    rows: dict[int, Booking] = field(default_factory=dict)
    capacities: dict[int, int] = field(default_factory=dict)  # booking id -> its slot's capacity
    refuse_standing: dict[str, Refusal] = field(default_factory=dict)

    def _taken(self, office_id: str, service: str, start: datetime, but: int | None = None) -> int:
        return sum(
            1
            for row in self.rows.values()
            if row.active
            and row.id != but
            and (row.office_id, row.service, row.starts_at) == (office_id, service, start)
        )

    def active_of(self, identity_hash: str) -> list[Booking]:
        return [
            row for row in self.rows.values() if row.active and row.applicant.identity_hash == identity_hash
        ]

    async def create(self, new: NewBooking, now: datetime) -> Booking:
        await self.check_standing(new.applicant, now)
        held = self.active_of(new.applicant.identity_hash)
        if any(row.service == new.service for row in held):
            raise DUPLICATE()
        if len(held) >= MAX_ACTIVE_BOOKINGS:
            raise LIMIT()
        if self._taken(new.office_id, new.service, new.starts_at) >= new.slot_capacity:
            raise SLOT_FULL()
        code = new.code
        while any(row.code == code for row in self.rows.values()):
            code = new_booking_code()
        values = _fields(new)
        del values["slot_capacity"]
        values["code"] = code
        booking = Booking(
            id=len(self.rows) + 1, **values, status=BookingStatus.CONFIRMED, created_at=now, updated_at=now
        )
        self.rows[booking.id] = booking
        self.capacities[booking.id] = new.slot_capacity
        return booking

    async def by_code(self, code: str) -> Booking | None:
        return next((row for row in self.rows.values() if row.code == code), None)

    async def by_id(self, booking_id: int) -> Booking | None:
        return self.rows.get(booking_id)

    async def cancel(self, booking: Booking, now: datetime) -> Booking | None:
        row = self.rows.get(booking.id)
        if row is None or row.status is not BookingStatus.CONFIRMED:
            return None
        cancelled = replace(row, status=BookingStatus.CANCELLED, updated_at=now)
        self.rows[row.id] = cancelled
        return cancelled

    async def reschedule(self, booking: Booking, move: Move, now: datetime) -> Booking:
        row = self.rows[booking.id]
        if self._taken(move.office_id, row.service, move.starts_at, but=row.id) >= move.capacity:
            raise SLOT_FULL()
        senior = row.senior_on_visit if move.senior_on_visit is None else move.senior_on_visit
        moved = replace(
            row,
            office_id=move.office_id,
            starts_at=move.starts_at,
            ends_at=move.ends_at,
            day=move.day,
            senior_on_visit=senior,
            moved_at=now,
            updated_at=now,
        )
        self.rows[row.id] = moved
        self.capacities[row.id] = move.capacity
        return moved

    async def check_standing(self, applicant: Applicant, now: datetime) -> None:
        refusal = self.refuse_standing.get(applicant.identity_hash)
        if refusal is not None:
            raise refusal()

    async def loads(
        self, office_id: str, service: str, first_day: date, last_day: date, now: datetime
    ) -> dict[datetime, tuple[int, int]]:
        loads: dict[datetime, tuple[int, int]] = {}
        for row in self.rows.values():
            if (
                row.active
                and (row.office_id, row.service) == (office_id, service)
                and first_day <= row.day <= last_day
            ):
                capacity, taken = loads.get(row.starts_at, (self.capacities[row.id], 0))
                loads[row.starts_at] = (capacity, taken + 1)
        return loads


@dataclass
class FakeOffices:
    """``booking.ports.Offices``: fixed offices and closures; grids from ``booking.capacity``."""

    by_id: dict[str, Office]
    closed: dict[str, tuple[Closure, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, *offices: Office) -> FakeOffices:
        return cls({office.id: office for office in offices})

    async def offices(self) -> list[Office]:
        return list(self.by_id.values())

    async def office(self, office_id: str) -> Office | None:
        return self.by_id.get(office_id)

    async def closures(self, office_id: str) -> tuple[Closure, ...]:
        return self.closed.get(office_id, ())

    async def day_slots(self, office: Office, service: str, day: date) -> list[Slot]:
        return day_slots(office, service, day, self.closed.get(office.id, ()))


@dataclass
class FakeRequests:
    """``booking.ports.Requests``: one pending request per identity and service, and none for a
    service the identity already holds an active booking of (in ``bookings``)."""

    bookings: FakeBookings
    rows: dict[str, BookingRequest] = field(default_factory=dict)

    async def create(self, new: NewBookingRequest, now: datetime) -> BookingRequest:
        digest = new.applicant.identity_hash
        if any(row.service == new.service for row in self.bookings.active_of(digest)):
            raise DUPLICATE()
        if any(
            row.status is RequestStatus.PENDING
            and (row.applicant.identity_hash, row.service) == (digest, new.service)
            for row in self.rows.values()
        ):
            raise DUPLICATE_REQUEST()
        request = BookingRequest(
            **_fields(new),
            status=RequestStatus.PENDING,
            reason=None,
            booking_id=None,
            job_id=None,
            created_at=now,
            updated_at=now,
        )
        self.rows[request.id] = request
        return request

    async def by_id(self, request_id: str) -> BookingRequest | None:
        return self.rows.get(request_id)

    async def cancel(self, request_id: str, now: datetime) -> BookingRequest | None:
        row = self.rows.get(request_id)
        if row is None or row.status is not RequestStatus.PENDING:
            return None
        self.rows[request_id] = cancelled = replace(row, status=RequestStatus.CANCELLED, updated_at=now)
        return cancelled


def _fields(record: NewBooking | NewBookingRequest) -> dict[str, Any]:
    """A new record's fields, its applicant as read back from a store: without retired digests."""
    values = {f.name: getattr(record, f.name) for f in fields(record)}
    values["applicant"] = replace(record.applicant, retired_hashes=())
    return values


def _conforms(bookings: FakeBookings, offices: FakeOffices, requests: FakeRequests) -> None:
    """Type-checked (``mypy tests/fakes``) only: each fake is its port."""
    _: tuple[Bookings, Offices, Requests] = (bookings, offices, requests)
