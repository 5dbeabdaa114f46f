"""An office's past in memory: the ``History`` port for foresight's unit tests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from foresight.history import PastBooking, PastTicket


class FakeHistory:
    def __init__(self, tickets: Iterable[PastTicket] = (), bookings: Iterable[PastBooking] = ()) -> None:
        self.past_tickets = list(tickets)
        self.past_bookings = list(bookings)

    async def tickets(self, office_id: str, first: date, last: date) -> list[PastTicket]:
        found = [t for t in self.past_tickets if t.office_id == office_id and first <= t.day <= last]
        return sorted(found, key=lambda t: (t.day, t.queued_at))

    async def bookings(self, office_id: str, first: date, last: date) -> list[PastBooking]:
        found = [b for b in self.past_bookings if b.office_id == office_id and first <= b.day <= last]
        return sorted(found, key=lambda b: (b.day, b.starts_at))
