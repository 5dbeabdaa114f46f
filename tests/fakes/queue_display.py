"""Fakes of ``queue_display.ports``: the hall that records and announces, the ticket and counter
archives, the stranded check-ins and the screens, in memory. The live queue itself needs no fake:
``MemoryQueueStore`` is its in-memory adapter, held to the same contract suite as Redis's
(``tests/integration/queue_store``). The archives' fakes are held to their SQL adapters' contract
(``tests/integration/test_port_contracts.py``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from typing import Any

from booking.rules import BookingStatus
from queue_display.archive.rows import ticket_from_row
from queue_display.events import Event
from queue_display.onsite import Publish
from queue_display.ports import (
    CounterHistory,
    Hall,
    IssuedTickets,
    StrandedBookings,
    StrandedCheckIn,
    TicketHistory,
)
from queue_display.store.base import NumberSource
from queue_display.ticket import Ticket
from tests.fakes.booking import FakeBookings


@dataclass(frozen=True, slots=True)
class Recorded:
    office_id: str
    tickets: tuple[Ticket, ...]
    events: tuple[Event, ...]
    action: str
    staff: str | None


@dataclass
class FakeHall:
    """``queue_display.ports.Hall``: every change recorded, in order (archive and screens); and
    ``IssuedTickets``: the recorded tickets found again by number, as the archive finds them."""

    changes: list[Recorded] = field(default_factory=list)

    async def record(
        self,
        office_id: str,
        tickets: Iterable[Ticket],
        events: Sequence[Event],
        action: str,
        staff: str | None,
    ) -> None:
        self.changes.append(Recorded(office_id, tuple(tickets), tuple(events), action, staff))

    async def numbered(self, office_id: str, day: date, number: str, timezone: tzinfo) -> list[Ticket]:
        latest = {t.id: t for change in self.changes for t in change.tickets}
        found = [t for t in latest.values() if (t.office_id, t.day, t.number) == (office_id, day, number)]
        return sorted(found, key=lambda t: t.issued_at)


@dataclass
class FakeTicketArchive:
    """``queue_display.ports.TicketHistory`` as the SQL keeps it: one row per ticket, written
    only forward (a row of lower ``progress`` never replaces a higher one), and every step, in
    order. ``steps`` is the audit trail (``TicketArchive.steps`` reads it per ticket)."""

    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    steps: list[dict[str, Any]] = field(default_factory=list)

    async def record(self, tickets: Sequence[Mapping[str, Any]], steps: Sequence[Mapping[str, Any]]) -> None:
        for row in tickets:
            kept = self.rows.get(row["id"])
            if kept is None or kept["progress"] < row["progress"]:
                self.rows[row["id"]] = dict(row)
        self.steps.extend(dict(step) for step in steps)

    async def of_day(self, office_id: str, day: date) -> list[dict[str, Any]]:
        found = [dict(r) for r in self.rows.values() if (r["office_id"], r["day"]) == (office_id, day)]
        return sorted(found, key=lambda row: (row["sequence"], row["issued_at"]))

    async def numbered(self, office_id: str, day: date, number: str, timezone: tzinfo) -> list[Ticket]:
        found = [
            ticket_from_row(r, timezone)
            for r in self.rows.values()
            if (r["office_id"], r["day"], r["number"]) == (office_id, day, number)
        ]
        return sorted(found, key=lambda t: t.issued_at)

    async def parked_before(self, cutoff: datetime) -> list[tuple[str, str]]:
        return [
            (r["office_id"], r["id"])
            for r in self.rows.values()
            if r["status"] == "parked" and r["parked_at"] < cutoff
        ]

    def steps_of(self, ticket_id: str) -> list[dict[str, Any]]:
        return [step for step in self.steps if step["ticket_id"] == ticket_id]

    def has_ticket(self, booking_code: str, day: date) -> bool:
        """Whether a ticket of this booking and day is archived (what a stranded check-in lacks)."""
        return any((r["booking_code"], r["day"]) == (booking_code, day) for r in self.rows.values())


@dataclass
class FakeCounterArchive:
    """``queue_display.ports.CounterHistory``: every open, pause and close, oldest first."""

    rows: list[dict[str, Any]] = field(default_factory=list)

    async def record(self, row: Mapping[str, Any]) -> None:
        self.rows.append(dict(row))

    async def last_states(self, office_id: str) -> list[dict[str, Any]]:
        newest = {row["counter"]: row for row in self.history(office_id)}
        return [dict(newest[label]) for label in sorted(newest)]

    def history(self, office_id: str) -> list[dict[str, Any]]:
        return [row for row in self.rows if row["office_id"] == office_id]


@dataclass
class FakeStrandedCheckIns:
    """``queue_display.ports.StrandedBookings`` over the fake bookings and ticket archive: as in
    SQL, finding and releasing each look at the archive themselves."""

    bookings: FakeBookings
    archive: FakeTicketArchive

    async def find(self, office_id: str, day: date) -> list[StrandedCheckIn]:
        return [
            StrandedCheckIn(row.id, row.code, row.day)
            for row in sorted(self.bookings.rows.values(), key=lambda row: row.id)
            if (row.office_id, row.day) == (office_id, day)
            and row.status is BookingStatus.CHECKED_IN
            and not self.archive.has_ticket(row.code, row.day)
        ]

    async def release(self, stranded: StrandedCheckIn, now: datetime) -> bool:
        row = self.bookings.rows.get(stranded.booking_id)
        if (
            row is None
            or row.status is not BookingStatus.CHECKED_IN
            or self.archive.has_ticket(stranded.code, stranded.day)
        ):
            return False
        self.bookings.rows[row.id] = replace(row, status=BookingStatus.CONFIRMED, updated_at=now)
        return True


@dataclass
class FakeTicketNumbers:
    """The database's ticket numbers (``queue_display.archive.ticket_numbers``): one count per
    office and day, which outlives any live queue store."""

    last: dict[tuple[str, date], int] = field(default_factory=dict)

    async def next(self, office_id: str, day: date) -> int:
        self.last[office_id, day] = self.last.get((office_id, day), 0) + 1
        return self.last[office_id, day]


@dataclass
class FakeScreens:
    """``queue_display.onsite.Publish``: what each office's screens were sent, in order."""

    sent: list[tuple[str, tuple[Event, ...]]] = field(default_factory=list)

    def __call__(self, office_id: str, events: Sequence[Event]) -> None:
        self.sent.append((office_id, tuple(events)))

    def events(self) -> list[Event]:
        return [event for _, events in self.sent for event in events]


def _conforms(
    hall: FakeHall,
    tickets: FakeTicketArchive,
    counters: FakeCounterArchive,
    stranded: FakeStrandedCheckIns,
    numbers: FakeTicketNumbers,
    screens: FakeScreens,
) -> None:
    """Type-checked (``mypy tests/fakes``) only: each fake is its port."""
    _: tuple[Hall, IssuedTickets, TicketHistory, CounterHistory, StrandedBookings, NumberSource, Publish] = (
        hall,
        hall,
        tickets,
        counters,
        stranded,
        numbers.next,
        screens,
    )
