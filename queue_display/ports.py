"""What the hall's use cases need from the outside world, as ``Protocol``s, beside booking's
(``booking.ports.Offices``) and the live queue's own (``queue_display.store.base.QueueStore``, in
memory or Redis, one contract suite for both).

``Kiosk``, ``Reprints``, ``OnSite``, ``CounterDesk`` and the recovery (``queue_display.recovery``)
are typed against these, so they run on the app's adapters or on the in-memory fakes of the unit
tests (``tests/fakes/booking.py``, ``tests/fakes/queue_display.py``). Each port lists only the
methods a use case calls; its adapter is named beside it. The archives deal in rows, plain mappings
of column values (``queue_display.archive.rows`` turns tickets and counters into them and back).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any, Protocol

from booking.bookings import Booking
from booking.rules import BookingStatus
from messaging.outbox import OutboxMessage
from queue_display.events import Event
from queue_display.heads_up import HeadsUp, Text
from queue_display.ticket import Ticket


class HallBookings(Protocol):
    """The bookings as the hall sees them: found by code, moved along their life (checked in,
    served, no-show) by a conditional update. SQL: ``booking.store.bookings.BookingStore``."""

    async def by_code(self, code: str) -> Booking | None: ...

    async def set_status(
        self, booking_id: int, from_: BookingStatus, to: BookingStatus, now: datetime
    ) -> bool:
        """Move the booking from ``from_`` to ``to``; False when it was not in ``from_``."""
        ...


class Hall(Protocol):
    """Where a change the queue made is remembered and announced: the ticket archive, the
    bookings' outcomes and the screens. Adapter: ``queue_display.onsite.OnSite``."""

    async def record(
        self,
        office_id: str,
        tickets: Iterable[Ticket],
        events: Sequence[Event],
        action: str,
        staff: str | None,
    ) -> None: ...


class TicketHistory(Protocol):
    """The ticket archive: each ticket as it last stood, and every step it took. A row only
    moves forward in the ticket's life (its ``progress``): a step archived late never writes an
    older state over a newer one. SQL: ``queue_display.archive.tickets.TicketArchive``."""

    async def record(self, tickets: Sequence[Mapping[str, Any]], steps: Sequence[Mapping[str, Any]]) -> None:
        """Write the tickets as they now stand and their steps, together."""
        ...

    async def of_day(self, office_id: str, day: date) -> list[dict[str, Any]]:
        """Every ticket of an office's day, in issue order."""
        ...


class CounterHistory(Protocol):
    """Counters opened, paused and closed, with who did it and when.
    SQL: ``queue_display.archive.counter_steps.CounterArchive``."""

    async def record(self, row: Mapping[str, Any]) -> None: ...

    async def last_states(self, office_id: str) -> list[dict[str, Any]]:
        """Each counter's newest step, by counter label: how the floor last had it."""
        ...


@dataclass(frozen=True, slots=True)
class StrandedCheckIn:
    """A booking checked in with no archived ticket (a crash inside the kiosk's check-in)."""

    booking_id: int
    code: str
    day: date


class StrandedBookings(Protocol):
    """The bookings a crash left checked in without a ticket, and giving them back their
    check-in; both look at the ticket archive themselves, so a ticket archived meanwhile keeps
    its booking checked in. SQL: ``queue_display.archive.stranded_check_ins.StrandedCheckIns``."""

    async def find(self, office_id: str, day: date) -> list[StrandedCheckIn]:
        """The office's bookings of ``day`` that are checked in but have no archived ticket."""
        ...

    async def release(self, stranded: StrandedCheckIn, now: datetime) -> bool:
        """Back to ``confirmed``; False when it is no longer stranded (a ticket was archived, or
        its status moved on)."""


class IssuedTickets(Protocol):
    """The day's tickets found again by the number printed on them, for a lost ticket's reprint.
    SQL: ``queue_display.archive.tickets.TicketArchive``."""

    async def numbered(self, office_id: str, day: date, number: str, timezone: tzinfo) -> Sequence[Ticket]:
        """The tickets of ``office_id``'s ``day`` carrying ``number``, in issue order (the one
        printed first, then those its transfers made)."""
        ...


class TicketOffices(Protocol):
    """Which office a ticket belongs to, from its id alone (a ticket's live page names no office).
    SQL: ``queue_display.archive.tickets.TicketArchive``."""

    async def office_of(self, ticket_id: str) -> str | None: ...


class HeadsUpKeeping(Protocol):
    """The heads-ups and the texts they sent; a text is marked sent in the transaction that
    posts it (``send``), so it goes once. SQL: ``queue_display.archive.heads_ups.HeadsUpStore``."""

    async def ask(
        self,
        *,
        ticket_id: str,
        office_id: str,
        day: date,
        phone: str,
        lang: str,
        ahead: int,
        channel: str,
        now: datetime,
    ) -> None: ...

    async def open_of(self, office_id: str, day: date) -> list[HeadsUp]: ...

    async def send(
        self, heads_up_id: int, text: Text, message: OutboxMessage, close: bool, now: datetime
    ) -> bool: ...

    async def close(self, heads_up_id: int, now: datetime) -> None: ...


class QueueWatcher(Protocol):
    """Told after every change of an office's queue (``OnSite.record``), in the process that made
    it; must never raise. Adapter: ``queue_display.heads_ups.HeadsUps``."""

    async def queue_moved(self, office_id: str, tickets: Sequence[Ticket], action: str = "") -> int: ...


class ParkedTickets(Protocol):
    """The parked tickets found in the archive, for the sweep that lapses them.
    SQL: ``queue_display.archive.tickets.TicketArchive``."""

    async def parked_before(self, cutoff: datetime) -> list[tuple[str, str]]:
        """``(office_id, ticket_id)`` of every ticket parked before ``cutoff`` and still parked."""
        ...
