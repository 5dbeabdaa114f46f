"""An office's past and a day's bookings in memory: foresight's ports for its unit tests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

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


class FakeDayBookings:
    """``foresight.day_plan.DayBookings``: the visits of each (office, day), as given."""

    def __init__(
        self, visits: dict[tuple[str, date], list[tuple[str, datetime, bool]]] | None = None
    ) -> None:
        self.visits = visits or {}

    async def visits_on(self, office_id: str, day: date) -> list[tuple[str, datetime, bool]]:
        return sorted(self.visits.get((office_id, day), []), key=lambda visit: visit[1])
