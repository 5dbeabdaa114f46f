"""Fakes of ``queue_display.ports``: the hall that records and announces, in memory. The live
queue itself needs no fake: ``MemoryQueueStore`` is its in-memory adapter, held to the same
contract suite as Redis's (``tests/integration/queue_store``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, tzinfo

from queue_display.events import Event
from queue_display.ports import Hall, IssuedTickets
from queue_display.ticket import Ticket


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


def _conforms(hall: FakeHall) -> None:
    """Type-checked (``mypy tests/fakes``) only: the fake is its port."""
    _: Hall = hall
    __: IssuedTickets = hall
