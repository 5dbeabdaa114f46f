"""A lost ticket printed again at the kiosk: by the booking code it checked in with (the day's
ticket of that booking, all day), or by its printed number within ``REPRINT_WINDOW`` of taking
it (a citizen who dropped it on the way to a seat), at the kiosk's own office only.

Anyone standing at a kiosk can type a code or a number, so a reprint says no more than the
ticket did: its number, service, appointment time, place and wait, never who holds it (no
booking code, no priority class, no name). It is only for a ticket still waiting: one already
called is sent to its counter, one finished to take a new ticket.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from booking.calendar import local_today, zone
from booking.codes import normalise_booking_code
from booking.offer import existing_office
from booking.offices import Office
from booking.ports import Offices
from kernel.clock import Clock
from queue_display import errors
from queue_display.estimate import TicketWait, ticket_wait
from queue_display.kiosk import opening_time
from queue_display.ports import IssuedTickets
from queue_display.store.base import QueueStore
from queue_display.ticket import AT_COUNTER, Ticket, TicketStatus, format_number

REPRINT_WINDOW = timedelta(minutes=10)
"""How long after taking a ticket its number alone reprints it: long enough to notice the loss
on the way to a seat, short enough that a number overheard later prints nothing."""

_NUMBER = re.compile(r"([A-Z])-?0*(\d{1,4})")
_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@dataclass(frozen=True, slots=True)
class Reprint:
    """What a reprinted ticket shows: the ticket, its place now (None for an early appointment,
    whose place is its slot) and its wait as ``estimate.ticket_wait`` tells it."""

    ticket: Ticket
    position: int | None
    wait: TicketWait


def ticket_number(raw: str) -> str | None:
    """``p 17``, ``P-017``, ``P٠١٧`` → ``P-017`` (the printed form); None when it is not one."""
    cleaned = re.sub(r"[\s\u200e\u200f\u2068\u2069]", "", raw.translate(_WESTERN)).upper()
    found = _NUMBER.fullmatch(cleaned)
    if found is None or int(found.group(2)) == 0:
        return None
    return format_number(found.group(1), int(found.group(2)))


class Reprints:
    def __init__(self, offices: Offices, queue: QueueStore, tickets: IssuedTickets, clock: Clock) -> None:
        """``queue`` knows each ticket as it stands now; ``tickets`` finds a day's tickets by
        their printed number (the archive)."""
        self._offices = offices
        self._queue = queue
        self._tickets = tickets
        self._clock = clock

    async def _office(self, office_id: str) -> Office:
        return await existing_office(self._offices, office_id)

    async def by_booking(self, office_id: str, raw_code: str) -> Reprint:
        """The ticket the booking checked in as today at this office."""
        office = await self._office(office_id)
        code = normalise_booking_code(raw_code)
        if code is None:
            raise errors.reprint_no_ticket(raw_code.strip()[:16])
        now = self._clock.now()
        found = await self._queue.checked_in_ticket(office.id, local_today(now, office.timezone), code)
        if found is None:
            raise errors.reprint_no_ticket(code)
        return await self._reprint(office, await self._latest(office.id, found), now)

    async def by_number(self, office_id: str, raw_number: str) -> Reprint:
        """The ticket printed with this number at this office in the last ``REPRINT_WINDOW``."""
        office = await self._office(office_id)
        number = ticket_number(raw_number)
        if number is None:
            raise errors.invalid_ticket_number()
        now = self._clock.now()
        today = local_today(now, office.timezone)
        numbered = await self._tickets.numbered(office.id, today, number, zone(office.timezone))
        minutes = REPRINT_WINDOW // timedelta(minutes=1)
        if not numbered or numbered[0].issued_at < now - REPRINT_WINDOW:
            raise errors.reprint_not_found(number, minutes)
        return await self._reprint(office, await self._latest(office.id, numbered[0]), now)

    async def _latest(self, office_id: str, printed: Ticket) -> Ticket:
        """The ticket as it stands now, followed through its transfers and a chain's services
        (each keeps the number)."""
        ticket = await self._queue.get_ticket(office_id, printed.id)
        while ticket.transferred_to:
            ticket = await self._queue.get_ticket(office_id, ticket.transferred_to)
        return ticket

    async def _reprint(self, office: Office, ticket: Ticket, now: datetime) -> Reprint:
        if ticket.status in AT_COUNTER:
            raise errors.ticket_already_called(ticket.number, ticket.counter or "")
        if ticket.status is not TicketStatus.WAITING:
            raise errors.ticket_finished(ticket.number)
        position = await self._queue.position(office.id, ticket.id, now)
        ahead = max(0, (position or 1) - 1)
        wait = ticket_wait(
            ahead=ahead,
            queue_minutes=await self._queue.wait_of(office.id, ticket.service, ahead),
            now=now,
            slot_start=ticket.slot_start,
            opens_at=opening_time(office, now),
        )
        return Reprint(ticket, position, wait)
