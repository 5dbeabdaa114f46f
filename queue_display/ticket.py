"""A ticket's life on site, from the kiosk to the counter, as a state machine that refuses
every step the hall cannot take.

    waiting → called → serving → done
                 ↘ no_show (after the citizen did not come, or after the 3rd recall)
    waiting | called | serving → transferred (a new waiting ticket carries the citizen on)
    called → parked → waiting (back at the kiosk in time: ``back_in_line``) | no_show (too late)

A parked ticket is one whose holder was not there when called: instead of a no-show the counter
sets it aside, frees itself, and the citizen may check in again at the kiosk within a limit. The
ticket then waits again, once: a ticket that was parked before is not parked a second time (a
second miss is a no-show), which keeps the second chance from becoming a way to hold a place.

A booking of several services (a chain, ``booking.bookings.Visit``) checks in as one ticket that
lists the services still to come (``next_visits``). Completing it at a counter makes it ``done``
for that service and queues its successor for the next service (``complete_step``): same number,
in line as an appointment at that visit's slot, so the hall sees one citizen on one slip going from
counter to counter. A no-show at any step ends the chain (see ``no_show``).

Each action is a pure function from a ticket to the next ticket; the store decides where the
tickets live and makes the step atomic, this module decides which steps exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from queue_display import errors

MAX_RECALLS = 3
"""A called ticket may be announced again three times; asking a fourth time makes it a no-show."""


class TicketKind(StrEnum):
    APPOINTMENT = "appointment"
    WALK_IN = "walk_in"


class Priority(StrEnum):
    NONE = "none"
    ELDERLY = "elderly"
    DISABILITY = "disability"
    PREGNANCY = "pregnancy"


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    TRANSFERRED = "transferred"
    PARKED = "parked"


@dataclass(frozen=True, slots=True)
class NextVisit:
    """A service a chained ticket still goes on to, at its booked slot's start."""

    service: str
    slot_start: datetime


S = TicketStatus
ACTIONS: Mapping[str, tuple[frozenset[TicketStatus], TicketStatus]] = {
    "call": (frozenset({S.WAITING}), S.CALLED),
    "recall": (frozenset({S.CALLED}), S.CALLED),
    "start": (frozenset({S.CALLED}), S.SERVING),
    "complete": (frozenset({S.SERVING}), S.DONE),
    "no_show": (frozenset({S.CALLED, S.PARKED}), S.NO_SHOW),
    "transfer": (frozenset({S.WAITING, S.CALLED, S.SERVING}), S.TRANSFERRED),
    "park": (frozenset({S.CALLED}), S.PARKED),
    "back_in_line": (frozenset({S.PARKED}), S.WAITING),
}
"""Every action: the statuses it may start from and the status it leads to. Nothing else moves."""

FINAL = frozenset({S.DONE, S.NO_SHOW, S.TRANSFERRED})
AT_COUNTER = frozenset({S.CALLED, S.SERVING})


@dataclass(frozen=True, slots=True)
class Ticket:
    """One citizen's place in one office's queue on one day.

    ``queued_at`` is the instant that sets the place in the queue: the arrival, kept when the
    ticket is transferred to another service, whereas ``issued_at`` is when this very ticket
    was printed or created.
    """

    id: str
    office_id: str
    day: date
    sequence: int
    number: str
    service: str
    kind: TicketKind
    priority: Priority
    status: TicketStatus
    queued_at: datetime
    issued_at: datetime
    booking_code: str | None = None
    slot_start: datetime | None = None
    counter: str | None = None
    recalls: int = 0
    called_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    transferred_from: str | None = None
    """The ticket this one carries on from, with the same number: a transfer's, or the chain's
    previous service (then ``done``)."""
    transferred_to: str | None = None
    """The ticket that carries this one on: set when it was transferred, or completed with
    services still to come (``moved_on``)."""
    next_visits: tuple[NextVisit, ...] = ()
    """The chain's services after this one, in the order served (empty for a single service)."""
    visits_served: int = 0
    """How many of the chain's services this citizen was served before this ticket's."""
    headcount: int = 1
    """How many people the ticket is for: a booking for several people (``booking.groups``) is
    one ticket, served back to back at one counter."""
    parked_at: datetime | None = None
    """When the counter parked the ticket (its holder was not there when called)."""
    returned_at: datetime | None = None
    """When the parked ticket's holder checked in again at the kiosk: it waits again from then,
    with the place the call policy gives a returning ticket (``CallPolicy.due_at``)."""

    @property
    def moved_on(self) -> bool:
        """Done here, and gone on to the chain's next service under the same number."""
        return self.status is TicketStatus.DONE and self.transferred_to is not None

    @property
    def is_waiting(self) -> bool:
        return self.status is TicketStatus.WAITING

    @property
    def wait_seconds(self) -> float | None:
        """Time from joining the queue to being called: the figure citizens complain about."""
        if self.called_at is None:
            return None
        return (self.called_at - self.queued_at).total_seconds()

    @property
    def service_seconds(self) -> float | None:
        """Time at the counter; feeds the estimated waits."""
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


def format_number(prefix: str, sequence: int) -> str:
    """``P`` and 17 → ``P-017``: what the paper slip and the screen show."""
    return f"{prefix}-{sequence:03d}"


def new_ticket(
    *,
    ticket_id: str,
    office_id: str,
    day: date,
    sequence: int,
    prefix: str,
    service: str,
    kind: TicketKind,
    priority: Priority,
    now: datetime,
    booking_code: str | None = None,
    slot_start: datetime | None = None,
    next_visits: tuple[NextVisit, ...] = (),
    headcount: int = 1,
) -> Ticket:
    """A waiting ticket as the kiosk prints it; a chain's lists its later services."""
    _require_aware(now)
    if kind is TicketKind.APPOINTMENT and slot_start is None:
        raise ValueError("an appointment ticket needs its slot start")
    if slot_start is not None:
        _require_aware(slot_start)
    if next_visits and kind is not TicketKind.APPOINTMENT:
        raise ValueError("only a booking's ticket goes on to other services")
    chain = [service, *(visit.service for visit in next_visits)]
    if len(set(chain)) != len(chain):
        raise ValueError("a chain visits each service once")
    for visit in next_visits:
        _require_aware(visit.slot_start)
    return Ticket(
        id=ticket_id,
        office_id=office_id,
        day=day,
        sequence=sequence,
        number=format_number(prefix, sequence),
        service=service,
        kind=kind,
        priority=priority,
        status=TicketStatus.WAITING,
        queued_at=now,
        issued_at=now,
        booking_code=booking_code,
        slot_start=slot_start,
        next_visits=tuple(next_visits),
        headcount=max(1, headcount),
    )


def call(ticket: Ticket, counter: str, now: datetime) -> Ticket:
    _check(ticket, "call")
    return replace(ticket, status=S.CALLED, counter=counter, called_at=now)


def recall(ticket: Ticket, now: datetime) -> Ticket:
    """Announce the ticket again; it stays at its counter with its place and first call time.

    Past ``MAX_RECALLS`` the citizen is taken not to be here and the ticket becomes a no-show,
    so the counter is not held by someone who left.
    """
    _check(ticket, "recall")
    if ticket.recalls >= MAX_RECALLS:
        return no_show(ticket, now)
    return replace(ticket, recalls=ticket.recalls + 1)


def start(ticket: Ticket, now: datetime) -> Ticket:
    _check(ticket, "start")
    return replace(ticket, status=S.SERVING, started_at=now)


def complete(ticket: Ticket, now: datetime) -> Ticket:
    _check(ticket, "complete")
    return replace(ticket, status=S.DONE, finished_at=now)


def complete_step(ticket: Ticket, new_id: str, now: datetime) -> tuple[Ticket, Ticket | None]:
    """Complete the service at the counter: ``(done, None)``, or for a chain with services still
    to come ``(done, successor)``.

    The successor keeps the number, kind, priority and booking, and joins the next service's line
    as if its holder checked in now for that visit: ``queued_at`` now, ``slot_start`` the visit's,
    so the call policy makes it due at its slot, or at once when the chain runs late, with the
    appointment's credit either way. Its wait counts from now, not from the morning's arrival:
    the time at the first counter is not waiting.
    """
    done = complete(ticket, now)
    if not ticket.next_visits:
        return done, None
    following, *later = ticket.next_visits
    successor = _back_in_line(
        ticket,
        new_id,
        now,
        service=following.service,
        slot_start=following.slot_start,
        next_visits=tuple(later),
        visits_served=ticket.visits_served + 1,
        queued_at=now,
    )
    return replace(done, transferred_to=new_id), successor


def _back_in_line(ticket: Ticket, new_id: str, now: datetime, **changes: Any) -> Ticket:
    """``ticket`` as a new ticket ``new_id`` waiting in a line again (a chain's next service, a
    transfer): the same number, kind, priority and booking, issued now, never yet called, linked
    back to the ticket it comes from; ``changes`` say what else differs."""
    return replace(
        ticket,
        id=new_id,
        status=S.WAITING,
        issued_at=now,
        counter=None,
        recalls=0,
        called_at=None,
        started_at=None,
        finished_at=None,
        transferred_from=ticket.id,
        transferred_to=None,
        **changes,
    )


def no_show(ticket: Ticket, now: datetime) -> Ticket:
    """The citizen did not come to the counter. A chain's later services are dropped with it:
    whoever does not answer three calls has left the hall (or gave up waiting), and sending the
    ticket on would hold the next counter through the same calls for nobody. Who comes back
    takes a new ticket. (``booking_status`` still counts the services they were served.)"""
    _check(ticket, "no_show")
    return replace(ticket, status=S.NO_SHOW, finished_at=now)


def park(ticket: Ticket, now: datetime) -> Ticket:
    """Set a called ticket aside: its holder was not there. The counter is free again (the
    ticket keeps the counter's name only to say where it was called); refused for a ticket that
    was parked once already (``park_again``): a second miss is a no-show."""
    _check(ticket, "park")
    if ticket.returned_at is not None:
        raise errors.park_again(ticket.number)
    return replace(ticket, status=S.PARKED, parked_at=now)


def back_in_line(ticket: Ticket, now: datetime) -> Ticket:
    """The parked ticket's holder is back at the kiosk in time: the ticket waits again, never
    called in this round (recalls and call time cleared), and ``returned_at`` tells the call
    policy where it stands. Whether it is still in time is the caller's (``Parking``)."""
    _check(ticket, "back_in_line")
    return replace(ticket, status=S.WAITING, counter=None, recalls=0, called_at=None, returned_at=now)


def transfer(ticket: Ticket, service: str, new_id: str, now: datetime) -> tuple[Ticket, Ticket]:
    """Send the citizen on to another service without sending them to the back of the hall.

    The new ticket keeps the number on the citizen's slip, the arrival time, kind, priority and
    slot, so the call policy gives it the place it would have had from the start, and a chain's
    services still to come.
    Returns ``(old, new)``: the old ticket is ``transferred``, the new one ``waiting``.
    """
    _check(ticket, "transfer")
    if service == ticket.service:
        raise errors.transfer_to_same_service(service)
    old = replace(ticket, status=S.TRANSFERRED, finished_at=now, transferred_to=new_id)
    new = _back_in_line(
        ticket,
        new_id,
        now,
        service=service,
        # A chain's later visit of that very service is what the transfer brings forward.
        next_visits=tuple(v for v in ticket.next_visits if v.service != service),
    )
    return old, new


def booking_status(ticket: Ticket) -> str | None:
    """The booking status this ticket implies, for the integrator to persist.

    A transferred ticket implies nothing: its successor carries the booking on; a chain's step
    done with services to come leaves it checked in. A no-show after some of the chain's services
    were served is ``served``: the citizen came, and a no-show would count towards a ban.
    """
    if ticket.booking_code is None or ticket.status is S.TRANSFERRED:
        return None
    if ticket.moved_on:
        return "checked_in"
    if ticket.status is S.NO_SHOW and ticket.visits_served:
        return "served"
    return {S.DONE: "served", S.NO_SHOW: "no_show"}.get(ticket.status, "checked_in")


def _check(ticket: Ticket, action: str) -> None:
    allowed_from, _ = ACTIONS[action]
    if ticket.status not in allowed_from:
        raise errors.illegal_transition(ticket.number, ticket.status.value, action)


def _require_aware(instant: datetime) -> None:
    if instant.tzinfo is None:
        raise ValueError("queue instants must be timezone-aware")


_INSTANTS = (
    "queued_at",
    "issued_at",
    "slot_start",
    "called_at",
    "started_at",
    "finished_at",
    "parked_at",
    "returned_at",
)


def to_dict(ticket: Ticket) -> dict[str, Any]:
    """A JSON-ready dict (ISO 8601 instants with offset); the shape both stores keep."""
    data: dict[str, Any] = {f.name: getattr(ticket, f.name) for f in fields(Ticket)}
    data["day"] = ticket.day.isoformat()
    for name in _INSTANTS:
        data[name] = data[name].isoformat() if data[name] is not None else None
    data["kind"], data["priority"] = ticket.kind.value, ticket.priority.value
    data["status"] = ticket.status.value
    data["next_visits"] = [[v.service, v.slot_start.isoformat()] for v in ticket.next_visits]
    return data


def from_dict(data: Mapping[str, Any]) -> Ticket:
    values: dict[str, Any] = {f.name: data.get(f.name) for f in fields(Ticket)}
    values["day"] = date.fromisoformat(data["day"])
    for name in _INSTANTS:
        values[name] = datetime.fromisoformat(data[name]) if data.get(name) else None
    values["kind"], values["priority"] = TicketKind(data["kind"]), Priority(data["priority"])
    values["status"] = TicketStatus(data["status"])
    values["sequence"], values["recalls"] = int(data["sequence"]), int(data["recalls"])
    # Redis's cjson writes an empty list back as {}: both are "no visits to come".
    values["next_visits"] = tuple(
        NextVisit(service, datetime.fromisoformat(start)) for service, start in data.get("next_visits") or ()
    )
    values["visits_served"] = int(data.get("visits_served") or 0)
    values["headcount"] = int(data.get("headcount") or 1)  # none in tickets kept before parties
    return Ticket(**values)
