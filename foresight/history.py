"""What an office's past looks like to foresight: its archived tickets and its bookings' outcomes,
read through one port (``History``) so that the estimates, the forecast and the staffing advice
stay pure. The SQL adapter is ``foresight.store.history``; tests use ``tests/fakes/foresight.py``.

Only what the estimates need crosses the port: no identity, no name, no mobile, no booking code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class PastTicket:
    """One archived ticket as it last stood (``queue_display.archive``'s ``tickets`` row).

    ``kind`` is ``appointment`` or ``walk_in``; ``status`` one of the ticket's statuses
    (``done``, ``no_show``, ``transferred`` ... ``waiting`` for a day cut short). Instants are
    timezone-aware; ``wait_seconds`` runs from arrival to call, ``service_seconds`` from start to
    completion, both None when the step never happened.
    """

    office_id: str
    day: date
    service: str
    kind: str
    priority: str
    status: str
    queued_at: datetime
    slot_start: datetime | None
    called_at: datetime | None
    wait_seconds: float | None
    service_seconds: float | None


@dataclass(frozen=True, slots=True)
class PastBooking:
    """One booking of a past day and how it ended: ``served``, ``no_show``, ``checked_in``
    (came, outcome not recorded), ``cancelled`` or ``confirmed`` (never settled)."""

    office_id: str
    day: date
    service: str
    starts_at: datetime
    status: str


class History(Protocol):
    """An office's past, oldest first, days ``first`` to ``last`` inclusive."""

    async def tickets(self, office_id: str, first: date, last: date) -> list[PastTicket]: ...

    async def bookings(self, office_id: str, first: date, last: date) -> list[PastBooking]: ...
