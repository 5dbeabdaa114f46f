"""The kiosk at the door: a booking becomes an appointment ticket, anyone else gets a walk-in.

Check-in rules: only at the booking's office, only on its day, only once; a booking of several
services checks in as one ticket that goes from service to service. The database decides
"once" (a conditional confirmed → checked_in update), because the live store forgets across
days and restarts while the booking does not. Early arrivals are welcome: their ticket waits,
uncalled, until its slot starts (the call policy's ``due``), and the kiosk says so in the wait
(``estimate.ticket_wait``: the slot's time, not a count of people who will be gone by then).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from booking.calendar import is_open, local_today, to_instant, zone
from booking.codes import normalise_booking_code
from booking.offer import existing_office, office_and_service
from booking.offices import Office
from booking.ports import Offices
from booking.rules import BookingStatus
from booking.services import SERVICES
from kernel.clock import Clock
from queue_display import errors
from queue_display.estimate import ticket_wait
from queue_display.ports import Hall, HallBookings
from queue_display.store.base import Issued, QueueStore
from queue_display.ticket import NextVisit, Priority


class Kiosk:
    def __init__(
        self, offices: Offices, bookings: HallBookings, queue: QueueStore, hall: Hall, clock: Clock
    ) -> None:
        """``queue`` issues the tickets; ``hall`` archives and announces each change."""
        self._offices = offices
        self._bookings = bookings
        self._queue = queue
        self._hall = hall
        self._clock = clock

    async def _office(self, office_id: str) -> Office:
        return await existing_office(self._offices, office_id)

    async def check_in(
        self, office_id: str, raw_code: str, priority: Priority = Priority.NONE, staff: str | None = None
    ) -> Issued:
        """Turn today's booking into an appointment ticket.

        Elderly priority comes from the booking's ``senior_on_visit`` (60 or over on its day,
        decided when it was made or moved; no birth date is kept); a priority the kiosk chose
        (disability, pregnancy) wins over it.
        """
        office = await self._office(office_id)
        code = normalise_booking_code(raw_code)
        if code is None:
            raise errors.booking_not_found(raw_code.strip()[:16])
        bookings = self._bookings
        booking = await bookings.by_code(code)
        if booking is None:
            raise errors.booking_not_found(code)
        if booking.office_id != office.id:
            raise errors.wrong_office(code)  # never which office: the code may be a stranger's
        now = self._clock.now()
        today = local_today(now, office.timezone)
        if booking.day != today:
            raise errors.wrong_day(code)  # nor which day
        if booking.status is BookingStatus.CANCELLED:
            raise errors.booking_cancelled(code)
        if not await bookings.set_status(booking.id, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, now):
            raise errors.already_checked_in(code)
        if priority is Priority.NONE and booking.senior_on_visit:
            priority = Priority.ELDERLY
        service = SERVICES[booking.service]
        # One ticket for the whole chain: its number is the first service's, and it goes on to
        # the later visits at their slots (``ticket.complete_step``).
        later = tuple(NextVisit(visit.service, visit.starts_at) for visit in booking.later_visits)
        try:
            issued = await self._queue.check_in(
                office.id,
                code,
                service.code,
                service.ticket_prefix,
                booking.starts_at,
                now,
                priority,
                later,
                booking.headcount,  # a party is one ticket, served back to back at one counter
            )
        except Exception:
            # The ticket was not made: give the booking back its state so the citizen can retry.
            await bookings.set_status(booking.id, BookingStatus.CHECKED_IN, BookingStatus.CONFIRMED, now)
            raise
        await self._hall.record(office.id, [issued.ticket], issued.events, "check_in", staff)
        return told_its_wait(issued, office, now)

    async def walk_in(
        self, office_id: str, service_code: str, priority: Priority = Priority.NONE, staff: str | None = None
    ) -> Issued:
        """A ticket for someone without a booking, for a service the office offers today."""
        office, service = await office_and_service(self._offices, office_id, service_code)
        now = self._clock.now()
        closures = await self._offices.closures(office.id)
        if not is_open(office, local_today(now, office.timezone), closures):
            raise errors.office_closed(office.name_en, office.name_ar)
        issued = await self._queue.issue_walk_in(
            office.id, service.code, service.ticket_prefix, now, priority
        )
        await self._hall.record(office.id, [issued.ticket], issued.events, "walk_in", staff)
        return told_its_wait(issued, office, now)


def opening_time(office: Office, now: datetime) -> datetime | None:
    """When the office opens on ``now``'s day, or None on a day it does not open."""
    today = local_today(now, office.timezone)
    hours = office.hours.on(today.weekday())
    return to_instant(today, hours[0], office.timezone).astimezone(zone(office.timezone)) if hours else None


def told_its_wait(issued: Issued, office: Office, now: datetime) -> Issued:
    """The new ticket with its whole wait (``estimate.ticket_wait``) for the print."""
    wait = ticket_wait(
        ahead=issued.position - 1,
        queue_minutes=issued.estimated_wait_minutes,
        now=now,
        slot_start=issued.ticket.slot_start,
        opens_at=opening_time(office, now),
    )
    return replace(issued, estimated_wait_minutes=wait.minutes, wait=wait)
