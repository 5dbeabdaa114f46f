"""Running late: a called ticket whose holder is not there is parked by the counter (instead of a
no-show), and comes back into the line when the holder checks in again at the kiosk within the
limit (``MAWID_PARK_LIMIT_MINUTES``, 30 by default), by the booking code or the ticket's number.
After the limit it is a no-show (``lapse``, swept every minute, and at a late return).

Where it comes back is the call policy's (``CallPolicy.due_at``/``score``): its old place in the
order, callable only once ``MAWID_PARK_MIN_WAIT_MINUTES`` have passed since it was parked, and
never more than the policy's largest credit ahead of someone arriving at its return. A ticket is
parked once: a second miss is a no-show (``ticket.park``).

Every step goes through the store's atomic step and ``OnSite.record`` like the counter's, so it
is archived (a restart restores a parked ticket as parked), announced (the board lists parked
numbers) and watched (the heads-up texts).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from booking.calendar import local_today, zone
from booking.codes import normalise_booking_code
from booking.offices import Office
from queue_display import errors
from queue_display.kiosk import told_its_wait
from queue_display.onsite import OnSite
from queue_display.ports import IssuedTickets, ParkedTickets
from queue_display.reprint import ticket_number
from queue_display.store.base import Change, Issued
from queue_display.ticket import Ticket, TicketStatus
from queue_display.ticket_status import current_ticket

PARK = "park"
BACK = "back_in_line"
LAPSE = "park_lapsed"
"""The archived steps of parking, coming back, and staying away past the limit."""


@dataclass(frozen=True)
class Parking:
    onsite: OnSite
    tickets: IssuedTickets
    parked: ParkedTickets
    limit: timedelta = timedelta(minutes=30)

    async def park(self, office_id: str, ticket_id: str, staff: str | None = None) -> Change:
        """The counter sets its called ticket aside; it is free to call the next one."""
        office = await self.onsite.office(office_id)
        change = await self.onsite.queue.park(office.id, ticket_id, self.onsite.clock.now())
        await self.onsite.record(office.id, change.tickets, change.events, PARK, staff)
        return change

    async def back_by_booking(self, office_id: str, raw_code: str, staff: str | None = None) -> Issued:
        """The booking's parked ticket back in line (the kiosk's check-in, a second time)."""
        office = await self.onsite.office(office_id)
        code = normalise_booking_code(raw_code)
        today = local_today(self.onsite.clock.now(), office.timezone)
        found = await self.onsite.queue.checked_in_ticket(office.id, today, code) if code else None
        if found is None:
            raise errors.reprint_no_ticket((code or raw_code.strip())[:16])
        return await self._back(office, found.id, staff)

    async def back_by_number(self, office_id: str, raw_number: str, staff: str | None = None) -> Issued:
        """The parked ticket printed with this number today back in line."""
        office = await self.onsite.office(office_id)
        number = ticket_number(raw_number)
        if number is None:
            raise errors.invalid_ticket_number()
        today = local_today(self.onsite.clock.now(), office.timezone)
        numbered = await self.tickets.numbered(office.id, today, number, zone(office.timezone))
        if not numbered:
            raise errors.reprint_no_ticket(number)
        return await self._back(office, numbered[0].id, staff)

    async def _back(self, office: Office, printed_id: str, staff: str | None) -> Issued:
        queue, now = self.onsite.queue, self.onsite.clock.now()
        ticket = await current_ticket(queue, office.id, printed_id)
        if ticket.status is not TicketStatus.PARKED:
            raise errors.ticket_not_parked(ticket.number, ticket.status.value)
        if self.lapsed(ticket, now):
            await self._lapse(office.id, ticket.id, staff)
            raise errors.park_expired(ticket.number, self.minutes)

        def in_time(current: Ticket, at: datetime) -> None:
            if self.lapsed(current, at):
                raise errors.park_expired(current.number, self.minutes)

        change = await queue.back_in_line(office.id, ticket.id, now, in_time)
        await self.onsite.record(office.id, change.tickets, change.events, BACK, staff)
        position = await queue.position(office.id, ticket.id, now) or 1
        wait = await queue.wait_of(office.id, ticket.service, position - 1)
        return told_its_wait(Issued(change.ticket, change.events, position, wait), office, now)

    def lapsed(self, ticket: Ticket, now: datetime) -> bool:
        return ticket.parked_at is not None and now > ticket.parked_at + self.limit

    @property
    def minutes(self) -> int:
        return self.limit // timedelta(minutes=1)

    async def lapse(self) -> int:
        """Every ticket parked longer than the limit becomes a no-show; how many did. Another
        process lapsing or bringing back the same ticket meanwhile wins; this one moves on."""
        now = self.onsite.clock.now()
        lapsed = 0
        for office_id, ticket_id in await self.parked.parked_before(now - self.limit):
            try:
                await self._lapse(office_id, ticket_id, None)
            except (errors.Conflict, errors.NotFound):
                continue  # back in line, or lapsed by another process, meanwhile
            lapsed += 1
        return lapsed

    async def _lapse(self, office_id: str, ticket_id: str, staff: str | None) -> None:
        change = await self.onsite.queue.lapse_park(office_id, ticket_id, self.onsite.clock.now())
        await self.onsite.record(office_id, change.tickets, change.events, LAPSE, staff)
