"""Use cases of a citizen's appointment: see availability, book, look up, cancel, reschedule.

Each takes plain values, checks the pure rules, and leaves the atomic part to the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from booking.applicant import Applicant
from booking.bookings import Booking, Move, NewBooking
from booking.calendar import is_open, local_today, public_holiday, to_local
from booking.capacity import Slot
from booking.codes import new_booking_code, normalise_booking_code
from booking.identity import Identity, IdentityHasher, IdentityType, senior_on_visit
from booking.messages import MESSAGES
from booking.offer import offered_slot, office_and_service
from booking.offices import Office
from booking.ports import Bookings, Offices
from booking.provenance import UNKNOWN, Provenance
from booking.release import ReleasePolicy
from booking.rules import MIN_LEAD, check_eligibility
from booking.services import Service
from kernel.clock import Clock
from kernel.days import days_between
from kernel.errors import Conflict, InvalidInput, NotFound

MAX_RANGE_DAYS = 62
FREE_DAY_PAGE = 14
"""Days read at a time when looking for the nearest free day: most offices have one in the first."""

NO_SUCH_BOOKING = MESSAGES.refusal(NotFound, "booking_not_found")


@dataclass(frozen=True, slots=True)
class DayAvailability:
    day: date
    open: bool
    holiday: str | None
    slots: list[tuple[Slot, int]]  # (slot, remaining)
    draw_until: datetime | None = None
    """While the day's opening draw is collecting entries: when it is decided."""

    @property
    def free(self) -> bool:
        """A time can be booked on it now: open, a seat left, and no draw deciding it by lot."""
        return self.open and self.draw_until is None and any(left > 0 for _, left in self.slots)


@dataclass(frozen=True, slots=True)
class BookCommand:
    service: str
    office_id: str
    start: datetime
    identity: Identity
    full_name: str
    phone: str  # already normalised
    email: str | None = None
    lang: str = "ar"
    origin: Provenance = UNKNOWN  # where it came from, as digests (booking.provenance)

    def applicant(self, hasher: IdentityHasher) -> Applicant:
        """Who the booking is for (``booking.applicant``); refuses a bad name or e-mail."""
        return Applicant.of(
            self.identity,
            hasher,
            full_name=self.full_name,
            phone=self.phone,
            email=self.email,
            lang=self.lang,
        )


class Appointments:
    def __init__(
        self,
        offices: Offices,
        store: Bookings,
        clock: Clock,
        hasher: IdentityHasher,
        on_change: Callable[[str, str], None] | None = None,
        release: ReleasePolicy | None = None,
    ) -> None:
        """``on_change(office_id, service)`` hears of every booking, cancellation or move, so
        that caches of availability can drop what went stale. ``release`` says when days open
        and whether their first minutes go to a draw (``booking.release``)."""
        self._on_change = on_change or (lambda office_id, service: None)
        self.release = release or ReleasePolicy()
        self.offices = offices
        self.store = store
        self.clock = clock
        self.hasher = hasher

    async def office_and_service(self, office_id: str, service_code: str) -> tuple[Office, Service]:
        """The office and the service, when the office offers it (``booking.offer``)."""
        return await office_and_service(self.offices, office_id, service_code)

    async def availability(
        self, office_id: str, service_code: str, first: date | None, last: date | None
    ) -> list[DayAvailability]:
        office, service = await self.office_and_service(office_id, service_code)
        now = self.clock.now()
        first = first or local_today(now, office.timezone)
        last = last or first + timedelta(days=13)
        if last < first or (last - first).days >= MAX_RANGE_DAYS:
            raise MESSAGES.error(InvalidInput, "invalid_date_range.availability", max_days=MAX_RANGE_DAYS)
        closures = await self.offices.closures(office.id)
        loads = await self.store.loads(office.id, service.code, first, last, now)
        earliest, release = now + MIN_LEAD, self.release
        days = []
        for day in days_between(first, last):
            slots = [
                (slot, _remaining(slot, loads))
                for slot in await self.offices.day_slots(office, service.code, day)
                if earliest <= slot.start and release.is_open(slot.start, now)
            ]
            draw_until = release.draw_closes(day) if release.in_draw(day, now) else None
            open_ = is_open(office, day, closures)
            days.append(DayAvailability(day, open_, public_holiday(day), slots, draw_until))
        return days

    async def first_free_day(self, office_id: str, service_code: str) -> date | None:
        """The nearest day on which a time for the service can be booked now (``free``), up to the
        last day open for booking; None when there is none."""
        office, _ = await self.office_and_service(office_id, service_code)
        now = self.clock.now()
        first, last = local_today(now, office.timezone), self.release.last_open_day(now)
        while first <= last:
            page_last = min(first + timedelta(days=FREE_DAY_PAGE - 1), last)
            days = await self.availability(office.id, service_code, first, page_last)
            free = next((day.day for day in days if day.free), None)
            if free is not None:
                return free
            first = page_last + timedelta(days=1)
        return None

    def changed(self, office_id: str, service: str) -> None:
        """Tell the caches that bookings of ``service`` at ``office_id`` changed elsewhere."""
        self._on_change(office_id, service)

    def in_draw(self, office: Office, start: datetime) -> bool:
        """Whether an attempt to book ``start`` now goes into its day's opening draw."""
        return self.release.in_draw(to_local(start, office.timezone).date(), self.clock.now())

    async def slot(
        self, office: Office, service: str, start: datetime, *, entering_draw: bool = False
    ) -> Slot:
        """The slot of ``service`` at ``office`` starting at ``start``, if it may be booked now.
        While the day's opening draw runs, only an entry into the draw may name it."""
        return await offered_slot(
            self.offices, self.release, office, service, start, self.clock.now(), entering_draw=entering_draw
        )

    async def book(self, command: BookCommand) -> Booking:
        new = await self.prepare(command)
        booking = await self.store.create(new, self.clock.now())
        self._on_change(booking.office_id, booking.service)
        return booking

    async def prepare(self, command: BookCommand) -> NewBooking:
        """The booking ``command`` asks for, checked against every pure rule (the office offers
        the service, the identity may have it, the slot may be booked now), not yet stored."""
        office, service = await self.office_and_service(command.office_id, command.service)
        check_eligibility(service, command.identity)
        applicant = command.applicant(self.hasher)
        slot = await self.slot(office, service.code, command.start)
        day = to_local(slot.start, office.timezone).date()
        return NewBooking(
            code=new_booking_code(),
            applicant=applicant,
            senior_on_visit=command.identity.senior_on(day),
            service=service.code,
            office_id=office.id,
            starts_at=slot.start,
            ends_at=slot.end,
            day=day,
            slot_capacity=slot.capacity,
            origin_address=command.origin.address,
            origin_device=command.origin.device,
        )

    async def find(self, raw_code: str, identity_number: str | None) -> Booking:
        """The booking with this code, if the identity number matches; otherwise the same
        ``booking_not_found`` whether or not the code exists."""
        code = normalise_booking_code(raw_code)
        if code is None or not identity_number:
            raise NO_SUCH_BOOKING()
        booking = await self.store.by_code(code)
        if booking is None or not booking.applicant.identified_by(identity_number, self.hasher):
            raise NO_SUCH_BOOKING()
        return booking

    async def cancel(self, raw_code: str, identity_number: str | None) -> Booking:
        booking = await self.find(raw_code, identity_number)
        cancelled = await self.store.cancel(booking, self.clock.now())
        if cancelled is None:
            raise _not_changeable(booking)
        self._on_change(booking.office_id, booking.service)
        return cancelled

    async def reschedule(
        self, raw_code: str, identity_number: str | None, start: datetime, office_id: str | None = None
    ) -> Booking:
        booking = await self.find(raw_code, identity_number)
        if booking.status != "confirmed":
            raise _not_changeable(booking)
        office, service = await self.office_and_service(office_id or booking.office_id, booking.service)
        slot = await self.slot(office, service.code, start)
        if slot.start == booking.starts_at and office.id == booking.office_id:
            return booking
        day = to_local(slot.start, office.timezone).date()
        senior = senior_on_visit(IdentityType(booking.applicant.identity_type), identity_number or "", day)
        move = Move(office.id, slot.start, slot.end, day, slot.capacity, senior)
        moved = await self.store.reschedule(booking, move, self.clock.now())
        self._on_change(booking.office_id, booking.service)
        self._on_change(moved.office_id, moved.service)
        return moved


def _remaining(slot: Slot, loads: dict[datetime, tuple[int, int]]) -> int:
    capacity, booked = loads.get(slot.start, (slot.capacity, 0))
    return max(0, capacity - booked)


def _not_changeable(booking: Booking) -> Conflict:
    return MESSAGES.error(Conflict, f"booking_not_changeable.{booking.status}")
