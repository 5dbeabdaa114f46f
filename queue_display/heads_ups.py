"""The heads-up texts at work: kept when a citizen asks (``ask``), and looked at wherever the
queue moves (``queue_moved``, called by ``OnSite.record`` after every call, transfer, no-show,
park, return and issue, in whichever process made the change).

Each open heads-up of the office's day is compared with its ticket as it stands now
(``heads_up.due``); a text due is posted through the outbox together with the mark that it was
sent, so two processes looking at once send it once. Looking never fails the change that
prompted it: whatever goes wrong is logged (never the mobile) and the next move looks again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import structlog

from booking.calendar import local_today
from booking.identity import normalise_phone
from booking.offer import existing_office
from booking.offices import Office
from booking.ports import Offices
from kernel.clock import Clock
from messaging.outbox import OutboxMessage
from queue_display import errors
from queue_display.heads_up import DEFAULT_AHEAD, MAX_AHEAD, HeadsUp, Text, due, message
from queue_display.ports import HeadsUpKeeping
from queue_display.store.base import QueueStore
from queue_display.ticket import Ticket, TicketStatus
from queue_display.ticket_status import current_ticket

log = structlog.get_logger("mawid.heads_up")

KIND = "heads_up"
"""The outbox kind of a heads-up text."""

QUIET_ACTIONS = frozenset({"start", "recall"})
"""Steps after which no place in line nor any call changed: nothing to look at."""


@dataclass(frozen=True, slots=True)
class Asked:
    """A heads-up kept: for the answer, the mobile's last four digits only."""

    ticket: Ticket
    phone_last4: str
    ahead: int


class HeadsUps:
    def __init__(
        self,
        queue: QueueStore,
        store: HeadsUpKeeping,
        offices: Offices,
        clock: Clock,
        default_ahead: int = DEFAULT_AHEAD,
    ) -> None:
        self._queue = queue
        self._store = store
        self._offices = offices
        self._clock = clock
        self.default_ahead = default_ahead

    async def ask(
        self,
        office_id: str,
        ticket_id: str,
        raw_phone: str,
        ahead: int | None,
        lang: str,
        channel: str,
    ) -> Asked:
        """Keep a heads-up for the ticket (still waiting) and look at it at once: a place already
        within ``ahead`` is texted now. ``invalid_phone``, ``invalid_heads_up_ahead``,
        ``heads_up_too_late`` (the ticket is no longer waiting)."""
        phone = normalise_phone(raw_phone)
        ahead = self.default_ahead if ahead is None else ahead
        if not 1 <= ahead <= MAX_AHEAD:
            raise errors.invalid_heads_up_ahead(MAX_AHEAD)
        office = await existing_office(self._offices, office_id)
        ticket = await current_ticket(self._queue, office.id, ticket_id)
        if ticket.status not in (TicketStatus.WAITING, TicketStatus.PARKED):
            raise errors.heads_up_too_late(ticket.number)
        now = self._clock.now()
        await self._store.ask(
            ticket_id=ticket_id,
            office_id=office.id,
            day=ticket.day,
            phone=phone,
            lang="en" if lang == "en" else "ar",
            ahead=ahead,
            channel=channel,
            now=now,
        )
        await self.queue_moved(office.id, (ticket,))
        return Asked(ticket, phone[-4:], ahead)

    async def queue_moved(self, office_id: str, tickets: Sequence[Ticket], action: str = "") -> int:
        """Send what the office's heads-ups need now; how many texts went. Never raises."""
        if action in QUIET_ACTIONS:
            return 0
        try:
            return await self._look(office_id)
        except Exception as error:
            log.warning("heads_up_look_failed", office_id=office_id, error=type(error).__name__)
            return 0

    async def _look(self, office_id: str) -> int:
        office = await existing_office(self._offices, office_id)
        now = self._clock.now()
        sent = 0
        for heads_up in await self._store.open_of(office.id, local_today(now, office.timezone)):
            sent += await self._look_at(office, heads_up)
        return sent

    async def _look_at(self, office: Office, heads_up: HeadsUp) -> int:
        now = self._clock.now()
        try:
            ticket = await current_ticket(self._queue, office.id, heads_up.ticket_id)
        except errors.NotFound:
            await self._store.close(heads_up.id, now)
            return 0
        position = None
        if ticket.status is TicketStatus.WAITING:
            position = await self._queue.position(office.id, ticket.id, now)
        needed = due(heads_up, ticket, position, self._queue.policy.is_due(ticket, self._queue.local(now)))
        if needed.text is None:
            if needed.close:
                await self._store.close(heads_up.id, now)
            return 0
        name = office.name_en if heads_up.lang == "en" else office.name_ar
        text = OutboxMessage(
            kind=KIND,
            phone=heads_up.phone,
            lang=heads_up.lang,
            message=message(needed.text, ticket, name, position, heads_up.lang),
            office_id=office.id,
            payload={"ticket_id": heads_up.ticket_id, "text": needed.text.value},
        )
        # "Called" ends the heads-up; "near" ends it too when the call was texted already.
        close = needed.close or (needed.text is Text.NEAR and heads_up.called_sent)
        return int(await self._store.send(heads_up.id, needed.text, text, close, now))
