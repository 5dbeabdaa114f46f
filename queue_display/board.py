"""The display board's snapshot: what a screen shows right after it connects.

    {"type": "snapshot", "seq", "office_id",   (a ``queue_display.events.Snapshot``)
     "serving": [{number, counter, service, status, called_at}],   (oldest call first)
     "recent":  [{number, counter, service, called_at}],           (newest call first)
     "waiting": {service: count}, "estimates": {service: minutes | None},
     "unserved": {service: count}, "open_services": [service],
     "parked": [number]}                                           (asked back to the kiosk)

``unserved`` and ``open_services`` are ``queue_display.coverage``'s: who waits for a service no
open counter serves, and the services some open counter serves.

``seq`` is the last event already reflected in the snapshot, read in the same atomic step, so
the screen applies exactly the events after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import msgspec

from queue_display import coverage
from queue_display.counter import CounterState
from queue_display.events import RecentCall, ServingEntry, Snapshot
from queue_display.ticket import Ticket

RECENT = 10
"""Calls kept for the "last calls" column."""


def recent_entry(ticket: Ticket) -> dict[str, Any]:
    return {
        "number": ticket.number,
        "counter": ticket.counter,
        "service": ticket.service,
        "called_at": ticket.called_at.isoformat() if ticket.called_at else None,
    }


def snapshot(
    office_id: str,
    seq: int,
    at_counters: Iterable[Ticket],
    recent: Sequence[Mapping[str, Any]],
    waiting: Mapping[str, int],
    estimates: Mapping[str, int | None],
    counters: Sequence[CounterState] = (),
    parked: Sequence[str] = (),
) -> Snapshot:
    serving = sorted(at_counters, key=lambda t: (t.called_at or t.issued_at, t.counter or ""))
    return Snapshot(
        seq=seq,
        office_id=office_id,
        serving=[ServingEntry(**recent_entry(t), status=t.status.value) for t in serving],
        recent=[msgspec.convert(entry, RecentCall) for entry in recent[:RECENT]],
        waiting=dict(waiting),
        estimates=dict(estimates),
        unserved=coverage.unserved(waiting, counters),
        open_services=sorted(coverage.open_services(counters)),
        parked=sorted(parked),
    )
