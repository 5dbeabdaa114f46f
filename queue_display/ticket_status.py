"""Where a ticket stands now, for its holder following it from home (``/t/{ticket_id}``): its
number, status, place in line, estimated wait and the counter it is called to.

The page's address names the ticket the kiosk printed; a transfer or a chain's next service
carries the citizen on under the same number as another ticket, so the standing follows
``transferred_to`` to the ticket that stands for them now. It tells no more than the printed
ticket and the hall's screen do: no booking code, no priority class, nothing of who holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from booking.offer import existing_office
from booking.ports import Offices
from kernel.clock import Clock
from queue_display import errors
from queue_display.estimate import TicketWait, ticket_wait
from queue_display.kiosk import opening_time
from queue_display.ports import TicketOffices
from queue_display.store.base import QueueStore
from queue_display.ticket import Ticket, TicketStatus

MAX_HOPS = 16
"""Transfers and chain steps followed at most: a ticket's successors are few; a loop is a bug."""


@dataclass(frozen=True, slots=True)
class TicketStanding:
    """A ticket as its live page shows it. ``position`` and ``wait`` only while it waits (an
    early appointment's position is None: its turn is its slot, ``wait.turn_at``)."""

    ticket: Ticket
    position: int | None
    wait: TicketWait | None

    @property
    def estimated_wait_minutes(self) -> int | None:
        return self.wait.minutes if self.wait is not None else None


class TicketStatuses:
    def __init__(self, offices: Offices, queue: QueueStore, tickets: TicketOffices, clock: Clock) -> None:
        self._offices = offices
        self._queue = queue
        self._tickets = tickets
        self._clock = clock

    async def standing(self, ticket_id: str) -> TicketStanding:
        """The ticket (followed through its transfers) as it stands now; ``ticket_not_found``
        for a ticket no office holds."""
        office_id = await self._tickets.office_of(ticket_id)
        if office_id is None:
            raise errors.ticket_not_found(ticket_id)
        office = await existing_office(self._offices, office_id)
        ticket = await self.current(office.id, ticket_id)
        now = self._clock.now()
        if ticket.status is not TicketStatus.WAITING:
            return TicketStanding(ticket, None, None)
        position = await self._queue.position(office.id, ticket.id, now)
        ahead = max(0, (position or 1) - 1)
        wait = ticket_wait(
            ahead=ahead,
            queue_minutes=await self._queue.wait_of(office.id, ticket.service, ahead),
            now=now,
            slot_start=ticket.slot_start,
            opens_at=opening_time(office, now),
        )
        return TicketStanding(ticket, position, wait)

    async def current(self, office_id: str, ticket_id: str) -> Ticket:
        return await current_ticket(self._queue, office_id, ticket_id)


async def current_ticket(queue: QueueStore, office_id: str, ticket_id: str) -> Ticket:
    """The ticket that carries ``ticket_id``'s holder now (the same one, or its successor)."""
    ticket = await queue.get_ticket(office_id, ticket_id)
    for _ in range(MAX_HOPS):
        if ticket.transferred_to is None:
            break
        ticket = await queue.get_ticket(office_id, ticket.transferred_to)
    return ticket
