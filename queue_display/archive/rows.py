"""Tickets and counter steps as the database archives them, and back: the archive keeps plain
rows of column values, the queue keeps ``Ticket`` and ``CounterState``; these functions are the
only place that knows both shapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo
from typing import Any

from queue_display.counter import CounterState
from queue_display.ticket import (
    AT_COUNTER,
    FINAL,
    NextVisit,
    Priority,
    Ticket,
    TicketKind,
    TicketStatus,
)


def progress(ticket: Ticket) -> int:
    """How far along its life a ticket is; every step raises it, so the archive can refuse to
    write an older state over a newer one. A parked ticket back in line starts a second round
    (``ROUND``) above anything of its first: waiting again is further along than parked."""
    if ticket.status in FINAL:
        rank = 3
    elif ticket.status in (TicketStatus.SERVING, TicketStatus.PARKED):
        rank = 2
    else:
        rank = 1 if ticket.status in AT_COUNTER else 0
    second_round = ROUND if ticket.returned_at is not None else 0
    return second_round + rank * 10 + ticket.recalls


ROUND = 40
"""Above the first round's highest progress (a final ticket recalled three times: 33)."""


def archive_row(ticket: Ticket, now: datetime) -> dict[str, Any]:
    """The ticket as a row of the ``tickets`` table."""
    return {
        "id": ticket.id,
        "office_id": ticket.office_id,
        "day": ticket.day,
        "sequence": ticket.sequence,
        "number": ticket.number,
        "service": ticket.service,
        "kind": ticket.kind.value,
        "priority": ticket.priority.value,
        "status": ticket.status.value,
        "booking_code": ticket.booking_code,
        "counter": ticket.counter,
        "recalls": ticket.recalls,
        "queued_at": ticket.queued_at,
        "issued_at": ticket.issued_at,
        "slot_start": ticket.slot_start,
        "called_at": ticket.called_at,
        "started_at": ticket.started_at,
        "finished_at": ticket.finished_at,
        "wait_seconds": ticket.wait_seconds,
        "service_seconds": ticket.service_seconds,
        "transferred_from": ticket.transferred_from,
        "transferred_to": ticket.transferred_to,
        "next_visits": [[v.service, v.slot_start.isoformat()] for v in ticket.next_visits] or None,
        "visits_served": ticket.visits_served,
        "headcount": ticket.headcount,
        "parked_at": ticket.parked_at,
        "returned_at": ticket.returned_at,
        "progress": progress(ticket),
        "updated_at": now,
    }


def ticket_from_row(row: Mapping[str, Any], timezone: tzinfo) -> Ticket:
    """The ticket an archived row describes, its instants in the office's time zone (as the
    live store keeps them): the inverse of ``archive_row``."""

    def local(name: str) -> datetime | None:
        instant: datetime | None = row[name]
        return instant.astimezone(timezone) if instant is not None else None

    queued_at, issued_at = local("queued_at"), local("issued_at")
    assert queued_at is not None and issued_at is not None  # NOT NULL columns
    return Ticket(
        id=row["id"],
        office_id=row["office_id"],
        day=row["day"],
        sequence=row["sequence"],
        number=row["number"],
        service=row["service"],
        kind=TicketKind(row["kind"]),
        priority=Priority(row["priority"]),
        status=TicketStatus(row["status"]),
        queued_at=queued_at,
        issued_at=issued_at,
        booking_code=row["booking_code"],
        slot_start=local("slot_start"),
        counter=row["counter"],
        recalls=row["recalls"],
        called_at=local("called_at"),
        started_at=local("started_at"),
        finished_at=local("finished_at"),
        transferred_from=row["transferred_from"],
        transferred_to=row["transferred_to"],
        next_visits=tuple(
            NextVisit(service, datetime.fromisoformat(start).astimezone(timezone))
            for service, start in row.get("next_visits") or ()
        ),
        visits_served=row.get("visits_served") or 0,
        headcount=row.get("headcount") or 1,
        parked_at=local("parked_at") if "parked_at" in row else None,
        returned_at=local("returned_at") if "returned_at" in row else None,
    )


def counter_row(office_id: str, state: CounterState, staff: str | None, now: datetime) -> dict[str, Any]:
    """A counter's open, pause or close as a row of the ``counter_steps`` table."""
    return {
        "office_id": office_id,
        "counter": state.counter_id,
        "status": state.status.value,
        "services": sorted(state.services),
        "staff": staff,
        "at": now,
    }


def counter_from_row(row: Mapping[str, Any]) -> CounterState:
    return CounterState.from_dict(
        {"counter": row["counter"], "status": row["status"], "services": row["services"]}
    )


def step_row(ticket: Ticket, action: str, staff: str | None, now: datetime) -> dict[str, Any]:
    return {
        "ticket_id": ticket.id,
        "office_id": ticket.office_id,
        "day": ticket.day,
        "action": action,
        "status": ticket.status.value,
        "counter": ticket.counter,
        "staff": staff,
        "at": now,
    }
