"""How queue tickets and counters look in JSON: instants in the office's zone with their offset."""

from __future__ import annotations

from typing import Any

from booking.services import SERVICES
from queue_display.counter_desk import CounterView
from queue_display.store.base import Issued
from queue_display.ticket import Ticket


def _instant(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def ticket_view(ticket: Ticket) -> dict[str, Any]:
    service = SERVICES.get(ticket.service)
    return {
        "ticket_id": ticket.id,
        "number": ticket.number,
        "service": ticket.service,
        "service_name_en": service.name_en if service else ticket.service,
        "service_name_ar": service.name_ar if service else ticket.service,
        "kind": ticket.kind.value,
        "priority": ticket.priority.value,
        "status": ticket.status.value,
        "counter": ticket.counter,
        "recalls": ticket.recalls,
        "booking_code": ticket.booking_code,
        "day": ticket.day.isoformat(),
        "queued_at": _instant(ticket.queued_at),
        "slot_start": _instant(ticket.slot_start),
        "called_at": _instant(ticket.called_at),
        "started_at": _instant(ticket.started_at),
        "finished_at": _instant(ticket.finished_at),
        "transferred_from": ticket.transferred_from,
        "transferred_to": ticket.transferred_to,
    }


def issued_view(issued: Issued) -> dict[str, Any]:
    """What the kiosk prints: the contract's fields first, then the whole ticket."""
    ticket = issued.ticket
    return {
        "ticket_id": ticket.id,
        "number": ticket.number,
        "service": ticket.service,
        "kind": ticket.kind.value,
        "position": issued.position,
        "estimated_wait_minutes": issued.estimated_wait_minutes,
        "ticket": ticket_view(ticket),
    }


def counter_view(view: CounterView) -> dict[str, Any]:
    return {
        "counter_id": str(view.counter.id),
        "label": view.counter.label,
        "status": view.state.status.value,
        "services": sorted(view.state.services),
        "active": view.counter.active,
    }
