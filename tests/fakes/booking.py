"""Fakes of ``booking.ports``: bookings, offices and requests, in memory (the seats held for a
code: ``tests/fakes/holds.py``; the reminders' and lost codes' ledgers: ``tests/fakes/notice_ledgers.py``)."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any

from booking.applicant import Applicant
from booking.booking_requests import BookingRequest, NewBookingRequest, RequestStatus
from booking.bookings import Booking, CompanionSeat, Move, NewBooking, NewVisit
from booking.calendar import Closure
from booking.capacity import Slot, day_slots
from booking.channels import Channel, online_may_take
from booking.codes import new_booking_code
from booking.messages import MESSAGES
from booking.offices import Office
from booking.ports import Bookings, Offices, Requests
from booking.rules import MAX_ACTIVE_BOOKINGS, BookingStatus
from booking.store.booking_requests import DUPLICATE_REQUEST
from booking.store.bookings import CHAIN_MOVES_WHOLE, DUPLICATE, LIMIT, LIMIT_OF_SERVICES, SLOT_FULL
from kernel.errors import Conflict, Refusal
from queue_display.ports import HallBookings

SlotKey = tuple[str, str, datetime]
"""(office_id, service, starts_at): a slot, as ``slot_loads`` keys its row."""


@dataclass
class SlotRow:
    """A slot's row, made by its first booking (with the capacity that booking saw) and restated
    when the office's room changes (``restate``), as ``slot_loads`` is."""

    day: date
    capacity: int
    booked: int = 0
    reserved: int = 0
    assisted_booked: int = 0


@dataclass
class FakeBookings:
    """``booking.ports.Bookings`` as the SQL keeps it: a slot's row holds at most its capacity
    of active bookings; an identity holds one active booking per service (whatever chain holds
    it) and at most ``MAX_ACTIVE_BOOKINGS`` services in all; refusals come in the SQL's order
    (duplicate, limit, standing, slot); a chain takes every visit's seat or none, and moves and
    frees them all. A freed seat is free again at once (no cool-off) and no churn is counted.
    ``refuse_standing`` makes ``check_standing`` refuse an identity's digest, as a no-show ban
    would. Also the hall's ``set_status`` (``queue_display.ports.HallBookings``)."""

    rows: dict[int, Booking] = field(default_factory=dict)
    slots: dict[SlotKey, SlotRow] = field(default_factory=dict)
    refuse_standing: dict[str, Refusal] = field(default_factory=dict)
    party_seats: dict[int, tuple[CompanionSeat, ...]] = field(default_factory=dict)
    """A party's companions' seats, by booking id (``booking.groups``)."""

    def active_of(self, identity_hash: str) -> list[Booking]:
        return [
            row for row in self.rows.values() if row.active and row.applicant.identity_hash == identity_hash
        ]

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Undo every change made inside when it raises, as a rolled-back savepoint does."""
        rows, slots = dict(self.rows), {key: replace(row) for key, row in self.slots.items()}
        try:
            yield
        except BaseException:
            self.rows.clear()
            self.rows.update(rows)
            self.slots.clear()
            self.slots.update(slots)
            raise

    def _take(self, key: SlotKey, day: date, seat: NewVisit, channel: str) -> None:
        """The slot's first booking makes its row; a later one fits only under its capacity, and
        an online one only beyond the seats still kept for clerks (``booking.channels``)."""
        assisted = Channel(channel).assisted
        row = self.slots.get(key)
        if row is None:
            row = self.slots[key] = SlotRow(day, seat.slot_capacity, reserved=seat.slot_reserved)
        if assisted and row.booked >= row.capacity:
            raise SLOT_FULL()
        if not assisted and not online_may_take(row.capacity, row.booked, row.reserved, row.assisted_booked):
            raise SLOT_FULL()
        row.booked += 1
        row.assisted_booked += 1 if assisted else 0

    def _release(self, key: SlotKey, channel: str) -> None:
        row = self.slots.get(key)
        if row is not None and row.booked > 0:
            row.booked -= 1
            if Channel(channel).assisted and row.assisted_booked > 0:
                row.assisted_booked -= 1

    def take_seats(
        self, office_id: str, day: date, seats: tuple[NewVisit, ...], channel: str = Channel.ONLINE.value
    ) -> None:
        """Every seat of a chain, or none (``slot_full``)."""
        with self.savepoint():
            for seat in seats:
                self._take((office_id, seat.service, seat.starts_at), day, seat, channel)

    def release_seats(self, office_id: str, booking: Booking | NewBooking) -> None:
        for visit in booking.visits if isinstance(booking, Booking) else booking.seats:
            self._release((office_id, visit.service, visit.starts_at), booking.channel)
        companions = self.party_seats.pop(booking.id, ()) if isinstance(booking, Booking) else ()
        for taken in companions:
            self._release((office_id, taken.seat.service, taken.seat.starts_at), booking.channel)

    async def create(self, new: NewBooking, now: datetime) -> Booking:
        held = self.active_of(new.applicant.identity_hash)
        if any(service in row.services for row in held for service in new.services):
            raise DUPLICATE()
        if sum(len(row.visits) for row in held) + len(new.seats) > MAX_ACTIVE_BOOKINGS:
            chained = len(new.seats) > 1 or any(row.later_visits for row in held)
            raise (LIMIT_OF_SERVICES if chained else LIMIT)()
        await self.check_standing(new.applicant, now)
        self.take_seats(
            new.office_id, new.day, (*new.seats, *(t.seat for t in new.companion_seats)), new.channel
        )
        code = new.code
        while any(row.code == code for row in self.rows.values()):
            code = new_booking_code()
        values = _fields(new)
        del values["slot_capacity"], values["companion_seats"], values["slot_reserved"]
        values["code"] = code
        values["later_visits"] = tuple(seat.visit for seat in new.later_visits)
        booking = Booking(
            id=len(self.rows) + 1, **values, status=BookingStatus.CONFIRMED, created_at=now, updated_at=now
        )
        self.rows[booking.id] = booking
        self.party_seats[booking.id] = new.companion_seats
        return booking

    async def remove_companion(self, booking: Booking, person: int, now: datetime) -> Booking | None:
        row = self.rows.get(booking.id)
        if row is None or row.status is not BookingStatus.CONFIRMED:
            return None
        if not any(c.person == person and c.active for c in row.companions):
            return None
        seats = self.party_seats.get(row.id, ())
        for taken in seats:
            if taken.person == person:
                self._release((row.office_id, taken.seat.service, taken.seat.starts_at))
        self.party_seats[row.id] = tuple(t for t in seats if t.person != person)
        people = tuple(replace(c, active=False) if c.person == person else c for c in row.companions)
        self.rows[row.id] = replace(row, companions=people, updated_at=now)
        return self.rows[row.id]

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
        self.release_seats(row.office_id, row)
        return cancelled

    def cancel_for_office(self, booking: Booking, now: datetime, why: tuple[str, str] | None = None) -> bool:
        """``booking.store.bookings.cancel_for_office``: cancelled only if still confirmed
        where ``booking`` says."""
        row = self.rows.get(booking.id)
        if not _still_where(row, booking):
            return False
        assert row is not None
        self.rows[row.id] = replace(
            row, status=BookingStatus.CANCELLED, updated_at=now, **_office_change(why, now)
        )
        self.release_seats(row.office_id, row)
        return True

    async def reschedule(self, booking: Booking, move: Move, now: datetime) -> Booking:
        row = self.rows.get(booking.id)
        if not _still_where(row, booking):
            raise MESSAGES.error(Conflict, "booking_changed")
        assert row is not None
        first = NewVisit(row.service, move.starts_at, move.ends_at, move.capacity, move.reserved)
        seats = (first, *move.later_visits)
        if tuple(seat.service for seat in seats) != row.services:
            raise CHAIN_MOVES_WHOLE()
        self.take_seats(
            move.office_id, move.day, (*seats, *(t.seat for t in move.companion_seats)), row.channel
        )
        self.release_seats(row.office_id, row)
        self.party_seats[row.id] = move.companion_seats
        senior = row.senior_on_visit if move.senior_on_visit is None else move.senior_on_visit
        moved = replace(
            row,
            office_id=move.office_id,
            starts_at=move.starts_at,
            ends_at=move.ends_at,
            day=move.day,
            senior_on_visit=senior,
            updated_at=now,
            later_visits=tuple(seat.visit for seat in move.later_visits),
            **_office_change(move.office_change, now),
        )
        self.rows[row.id] = moved
        return moved

    async def check_standing(self, applicant: Applicant, now: datetime) -> None:
        refusal = self.refuse_standing.get(applicant.identity_hash)
        if refusal is not None:
            raise refusal()

    async def set_status(
        self, booking_id: int, from_: BookingStatus, to: BookingStatus, now: datetime
    ) -> bool:
        """Along the booking's life, only from ``from_`` (check-in, served, no-show)."""
        row = self.rows.get(booking_id)
        if row is None or row.status is not from_:
            return False
        self.rows[booking_id] = replace(row, status=to, updated_at=now)
        return True

    async def loads(
        self,
        office_id: str,
        service: str,
        first_day: date,
        last_day: date,
        now: datetime,
        *,
        assisted: bool = False,
    ) -> dict[datetime, tuple[int, int]]:
        return {
            start: (
                row.capacity,
                row.booked + (0 if assisted else max(0, row.reserved - row.assisted_booked)),
            )
            for (office, of_service, start), row in self.slots.items()
            if (office, of_service) == (office_id, service) and first_day <= row.day <= last_day
        }

    def restate(
        self,
        office: Office,
        closures: tuple[Closure, ...],
        first_day: date = date.min,
        last_day: date = date.max,
    ) -> None:
        """Each slot row of ``office`` (on ``first_day..last_day``) to the capacity its grid now
        gives (0 when the slot is gone), as ``booking.store.slot_loads.restate_capacity`` does."""
        for (office_id, service, start), row in self.slots.items():
            if office_id == office.id and first_day <= row.day <= last_day:
                todays = tuple(c for c in closures if c.day == row.day)
                grid = {
                    s.start: (s.capacity, s.reserved) for s in day_slots(office, service, row.day, todays)
                }
                row.capacity, row.reserved = grid.get(start, (0, 0))


def _still_where(row: Booking | None, booking: Booking) -> bool:
    """Whether ``row`` is still confirmed at the office and start ``booking`` was read with."""
    return (
        row is not None
        and row.status is BookingStatus.CONFIRMED
        and (row.office_id, row.starts_at) == (booking.office_id, booking.starts_at)
    )


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
    """``booking.ports.Requests``: one pending request per identity and service (any service of a
    chain), and none for a service the identity already holds an active booking of (in
    ``bookings``). Also what planning
    reads of them (``planning.ports.PendingRequests``), as ``RequestStore`` is both."""

    bookings: FakeBookings
    rows: dict[str, BookingRequest] = field(default_factory=dict)

    async def create(self, new: NewBookingRequest, now: datetime) -> BookingRequest:
        digest = new.applicant.identity_hash
        if any(set(new.services) & set(row.services) for row in self.bookings.active_of(digest)):
            raise DUPLICATE()
        if any(
            row.status is RequestStatus.PENDING
            and row.applicant.identity_hash == digest
            and set(new.services) & set(row.services)
            for row in self.rows.values()
        ):
            raise DUPLICATE_REQUEST()
        while any(row.code == new.code for row in self.rows.values()):
            new = replace(new, code=new_booking_code())  # as the store does on a code collision
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

    async def by_code(self, code: str) -> BookingRequest | None:
        return next((row for row in self.rows.values() if row.code == code), None)

    async def cancel(self, request_id: str, now: datetime) -> BookingRequest | None:
        row = self.rows.get(request_id)
        if row is None or row.status is not RequestStatus.PENDING:
            return None
        self.rows[request_id] = cancelled = replace(row, status=RequestStatus.CANCELLED, updated_at=now)
        return cancelled

    def _waiting(self, draw: bool) -> list[BookingRequest]:
        return [
            row
            for row in self.rows.values()
            if row.status is RequestStatus.PENDING and (row.preferred_start is not None) == draw
        ]

    async def pending(self, services: Collection[str] | None = None) -> list[BookingRequest]:
        found = [row for row in self._waiting(draw=False) if services is None or row.service in services]
        return sorted(found, key=lambda row: (row.created_at, row.id))

    async def draw_days(self) -> list[date]:
        return sorted({row.first_day for row in self._waiting(draw=True)})

    async def draw_entries(self, day: date) -> list[BookingRequest]:
        return sorted((row for row in self._waiting(draw=True) if row.first_day == day), key=lambda r: r.id)


def _fields(record: NewBooking | NewBookingRequest) -> dict[str, Any]:
    """A new record's fields, its applicant as read back from a store: without retired digests."""
    values = {f.name: getattr(record, f.name) for f in fields(record)}
    values["applicant"] = replace(record.applicant, retired_hashes=())
    return values


def _conforms(bookings: FakeBookings, offices: FakeOffices, requests: FakeRequests) -> None:
    """Type-checked (``mypy tests/fakes``) only: each fake is its port."""
    _: tuple[Bookings, HallBookings, Offices, Requests] = (bookings, bookings, offices, requests)


def _office_change(why: tuple[str, str] | None, now: datetime) -> dict[str, Any]:
    """As ``booking.store.bookings``: when and why the office changed the booking."""
    if why is None:
        return {}
    return {"office_changed_at": now, "office_change_en": why[0], "office_change_ar": why[1]}
