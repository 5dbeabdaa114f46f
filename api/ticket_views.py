"""How queue tickets and counters look in JSON: instants in the office's zone with their offset
(``msgspec.Struct``s whose fields are the keys in the order they are sent)."""

from __future__ import annotations

from datetime import datetime

import msgspec
from msgspec import UNSET, UnsetType

from booking.services import SERVICES
from queue_display.counter_desk import CounterView
from queue_display.estimate import TicketWait
from queue_display.reprint import Reprint
from queue_display.store.base import Change, Issued
from queue_display.ticket import Ticket


def _instant(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


class NextVisitOut(msgspec.Struct):
    """A service a chained ticket goes on to after this one, at its booked slot."""

    service: str
    service_name_en: str
    service_name_ar: str
    slot_start: str


class TicketOut(msgspec.Struct):
    """A ticket: ``kind`` ``appointment`` or ``walk_in``; ``status`` ``waiting``, ``called``,
    ``serving``, ``done``, ``no_show``, ``transferred`` or ``parked``. A booking of several services is one
    ticket going from service to service under one number: ``next_visits`` lists the services
    after this one in order, ``visits_served`` how many it was served before this one."""

    ticket_id: str
    number: str
    service: str
    service_name_en: str
    service_name_ar: str
    kind: str
    priority: str
    status: str
    counter: str | None
    recalls: int
    booking_code: str | None
    day: str
    queued_at: str | None
    slot_start: str | None
    called_at: str | None
    started_at: str | None
    finished_at: str | None
    transferred_from: str | None
    transferred_to: str | None
    next_visits: list[NextVisitOut]
    visits_served: int
    headcount: int = 1
    """How many people the ticket is for: a booking for several people is one ticket, served
    back to back at one counter."""
    parked_at: str | None = None
    """When a counter parked it (its holder was not there when called)."""
    returned_at: str | None = None
    """When its holder checked in again after a park: it is not parked a second time."""


class WaitOut(msgspec.Struct):
    """A ticket's wait as the print says it. ``basis``: ``queue`` (``minutes`` for the ``ahead``
    people called first), ``appointment`` (an early appointment's turn is its slot, ``turn_at``;
    no count), ``before_opening`` (no figure until the office opens at ``opens_at``) or
    ``no_counter`` (no counter serving the service is open: no figure)."""

    basis: str
    minutes: int | None
    ahead: int | None
    turn_at: str | None
    opens_at: str | None


class IssuedOut(msgspec.Struct):
    """What the kiosk prints: the contract's fields first, then the whole ticket and its wait."""

    ticket_id: str
    number: str
    service: str
    kind: str
    position: int
    estimated_wait_minutes: int | None
    ticket: TicketOut
    wait: WaitOut | None
    status_url: str | None = None
    """The ticket's live page, ``/t/{ticket_id}?k=…``: its QR code is on the screen and the print."""


class ReprintOut(msgspec.Struct):
    """A lost ticket printed again: only what its print shows, as it stands now (its place and
    wait); never who holds it (no booking code, no priority class)."""

    number: str
    service: str
    service_name_en: str
    service_name_ar: str
    kind: str
    slot_start: str | None
    queued_at: str | None
    position: int | None
    estimated_wait_minutes: int | None
    wait: WaitOut
    next_visits: list[NextVisitOut]
    """A booking of several services: those after this one, in order (the print lists them)."""
    headcount: int = 1
    """How many people the ticket is for."""


class CounterOut(msgspec.Struct):
    """A counter on the floor: ``status`` ``open``, ``paused`` or ``closed``."""

    counter_id: str
    label: str
    status: str
    services: list[str]
    active: bool


class CounterWithTicketOut(CounterOut):
    ticket: TicketOut | None
    """The ticket called to or served at the counter now."""


class ChangeOut(msgspec.Struct):
    """A ticket after a step at a counter; a transfer also gives the ticket it ended, and a
    chain's step completed with services to come the ticket now waiting for the next one
    (``moved_on``, same number)."""

    ticket: TicketOut
    transferred: TicketOut | UnsetType = UNSET
    moved_on: TicketOut | UnsetType = UNSET


def _names(code: str) -> tuple[str, str]:
    service = SERVICES.get(code)
    return (service.name_en, service.name_ar) if service else (code, code)


def ticket_view(ticket: Ticket) -> TicketOut:
    service = SERVICES.get(ticket.service)
    later = [
        NextVisitOut(v.service, *_names(v.service), slot_start=v.slot_start.isoformat())
        for v in ticket.next_visits
    ]
    return TicketOut(
        ticket_id=ticket.id,
        number=ticket.number,
        service=ticket.service,
        service_name_en=service.name_en if service else ticket.service,
        service_name_ar=service.name_ar if service else ticket.service,
        kind=ticket.kind.value,
        priority=ticket.priority.value,
        status=ticket.status.value,
        counter=ticket.counter,
        recalls=ticket.recalls,
        booking_code=ticket.booking_code,
        day=ticket.day.isoformat(),
        queued_at=_instant(ticket.queued_at),
        slot_start=_instant(ticket.slot_start),
        called_at=_instant(ticket.called_at),
        started_at=_instant(ticket.started_at),
        finished_at=_instant(ticket.finished_at),
        transferred_from=ticket.transferred_from,
        transferred_to=ticket.transferred_to,
        next_visits=later,
        visits_served=ticket.visits_served,
        headcount=ticket.headcount,
        parked_at=_instant(ticket.parked_at),
        returned_at=_instant(ticket.returned_at),
    )


def wait_view(wait: TicketWait) -> WaitOut:
    return WaitOut(
        basis=wait.basis.value,
        minutes=wait.minutes,
        ahead=wait.ahead,
        turn_at=_instant(wait.turn_at),
        opens_at=_instant(wait.opens_at),
    )


def issued_view(issued: Issued) -> IssuedOut:
    """What the kiosk prints: the contract's fields first, then the whole ticket and its wait."""
    ticket = issued.ticket
    return IssuedOut(
        ticket_id=ticket.id,
        number=ticket.number,
        service=ticket.service,
        kind=ticket.kind.value,
        position=issued.position,
        estimated_wait_minutes=issued.estimated_wait_minutes,
        ticket=ticket_view(ticket),
        wait=wait_view(issued.wait) if issued.wait is not None else None,
    )


def reprint_view(reprint: Reprint) -> ReprintOut:
    ticket = ticket_view(reprint.ticket)
    return ReprintOut(
        number=ticket.number,
        service=ticket.service,
        service_name_en=ticket.service_name_en,
        service_name_ar=ticket.service_name_ar,
        kind=ticket.kind,
        slot_start=ticket.slot_start,
        queued_at=ticket.queued_at,
        position=reprint.position,
        estimated_wait_minutes=reprint.wait.minutes,
        wait=wait_view(reprint.wait),
        next_visits=ticket.next_visits,
        headcount=ticket.headcount,
    )


def counter_view(view: CounterView) -> CounterOut:
    return CounterOut(
        counter_id=str(view.counter.id),
        label=view.counter.label,
        status=view.state.status.value,
        services=sorted(view.state.services),
        active=view.counter.active,
    )


def counter_with_ticket_view(view: CounterView, ticket: Ticket | None) -> CounterWithTicketOut:
    return CounterWithTicketOut(
        **msgspec.structs.asdict(counter_view(view)),
        ticket=ticket_view(ticket) if ticket is not None else None,
    )


def change_view(change: Change) -> ChangeOut:
    return ChangeOut(
        ticket=ticket_view(change.ticket),
        transferred=ticket_view(change.transferred) if change.transferred is not None else UNSET,
        moved_on=ticket_view(change.moved_on) if change.moved_on is not None else UNSET,
    )
