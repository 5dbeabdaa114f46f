"""What the hall's use cases need from the outside world, as ``Protocol``s, beside booking's
(``booking.ports.Offices``) and the live queue's own (``queue_display.store.base.QueueStore``, in
memory or Redis, one contract suite for both).

``Kiosk`` and ``Reprints`` are typed against these, so they run on the app's adapters or on the
in-memory fakes of the unit tests (``tests/fakes/booking.py``, ``tests/fakes/queue_display.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, tzinfo
from typing import Protocol

from booking.bookings import Booking
from booking.rules import BookingStatus
from queue_display.events import Event
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


class IssuedTickets(Protocol):
    """The day's tickets found again by the number printed on them, for a lost ticket's reprint.
    SQL: ``queue_display.archive.tickets.TicketArchive``."""

    async def numbered(self, office_id: str, day: date, number: str, timezone: tzinfo) -> Sequence[Ticket]:
        """The tickets of ``office_id``'s ``day`` carrying ``number``, in issue order (the one
        printed first, then those its transfers made)."""
        ...
