"""What the hall's screens learn, as a log of events numbered per office.

Every event gets the office's next ``seq`` in the same atomic step as the change it reports, so
a screen that sees seq jump from 41 to 43 knows it missed one and asks for a replay. Each event
is a ``msgspec.Struct`` of a tagged union on ``type`` (the JSON a screen reads is the struct's
fields in order, the tag first; a member that is ``UNSET`` is left out)::

    {"type": "called",   "office_id", "ticket_id", "number", "counter", "service", "called_at",
                         "announce": {"ar", "en"}, "seq"}
    {"type": "recalled", ...the same..., "recalls", "seq"}
    {"type": "cleared",  "office_id", "ticket_id", "number", "counter", "status", "seq"}
                         (the ticket left its counter: done, no_show, transferred or parked;
                         or a parked ticket came back, ``waiting``, or lapsed, ``no_show``)
    {"type": "queue",    "office_id", "seq", "waiting": {service: count},
                         "estimates"?, "unserved"?, "open_services"?}
    {"type": "counter",  "office_id", "counter", "status", "services", "seq",
                         "estimates"?, "unserved"?, "open_services"?}

The builders here return events without ``seq`` (and ``queue`` without ``waiting``): the store
fills both inside its lock or Lua script, where the numbers are true. ``estimates``, ``unserved``
and ``open_services`` (the board's, see ``queue_display.board``) ride only on the live copies of
``queue`` and ``counter`` (``queue_display.onsite``), never on the log.

Besides the office's events a screen gets a ``snapshot`` (``queue_display.board``), a ``ping``
(``queue_display.feed``) and, when refused, an ``error``; the display channel also carries a
``resync`` notice. All of them are ``Message``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, TypeAlias

import msgspec
from msgspec import UNSET, UnsetType

from queue_display.counter import CounterState
from queue_display.messages import MESSAGES
from queue_display.ticket import AT_COUNTER, FINAL, Ticket, TicketStatus

HISTORY = 500
"""Events kept per office for replay: a screen that was away longer gets a fresh snapshot."""

ANNOUNCE_EN, ANNOUNCE_AR = MESSAGES.entries["announce"]
"""Spoken by the screen, Arabic first. The Redis store fills these same templates in Lua."""


class Announce(msgspec.Struct):
    ar: str
    en: str


class Called(msgspec.Struct, tag_field="type", tag="called"):
    """A ticket is called to a counter: show it and say ``announce``."""

    type: ClassVar[str] = "called"

    office_id: str
    ticket_id: str
    number: str
    counter: str
    service: str
    called_at: str | None
    announce: Announce
    seq: int | UnsetType = UNSET


class Recalled(msgspec.Struct, tag_field="type", tag="recalled"):
    """The same ticket called again (``recalls`` times so far)."""

    type: ClassVar[str] = "recalled"

    office_id: str
    ticket_id: str
    number: str
    counter: str
    service: str
    called_at: str | None
    announce: Announce
    recalls: int
    seq: int | UnsetType = UNSET


class Cleared(msgspec.Struct, tag_field="type", tag="cleared"):
    """The ticket left its counter (``status``: done, no_show or transferred)."""

    type: ClassVar[str] = "cleared"

    office_id: str
    ticket_id: str
    number: str
    counter: str | None
    status: str
    seq: int | UnsetType = UNSET


class QueueChanged(msgspec.Struct, tag_field="type", tag="queue"):
    """The waiting counts changed."""

    type: ClassVar[str] = "queue"

    office_id: str
    seq: int | UnsetType = UNSET
    waiting: dict[str, int] | UnsetType = UNSET
    estimates: dict[str, int | None] | UnsetType = UNSET
    unserved: dict[str, int] | UnsetType = UNSET
    open_services: list[str] | UnsetType = UNSET


class CounterChanged(msgspec.Struct, tag_field="type", tag="counter"):
    """A counter opened, paused or closed, or serves other services."""

    type: ClassVar[str] = "counter"

    office_id: str
    counter: str
    status: str
    services: list[str]
    seq: int | UnsetType = UNSET
    estimates: dict[str, int | None] | UnsetType = UNSET
    unserved: dict[str, int] | UnsetType = UNSET
    open_services: list[str] | UnsetType = UNSET


Event: TypeAlias = Called | Recalled | Cleared | QueueChanged | CounterChanged
"""An office's event: numbered by ``seq`` once the store has logged it."""


class ServingEntry(msgspec.Struct):
    number: str
    counter: str | None
    service: str
    called_at: str | None
    status: str


class RecentCall(msgspec.Struct):
    number: str
    counter: str | None
    service: str
    called_at: str | None


class Snapshot(msgspec.Struct, tag_field="type", tag="snapshot"):
    """The whole board at ``seq`` (see ``queue_display.board``)."""

    type: ClassVar[str] = "snapshot"

    seq: int
    office_id: str
    serving: list[ServingEntry]
    recent: list[RecentCall]
    waiting: dict[str, int]
    estimates: dict[str, int | None]
    unserved: dict[str, int]
    """People waiting for a service no open counter serves (``queue_display.coverage``)."""
    open_services: list[str]
    """The services some open counter serves now."""
    parked: list[str] = msgspec.field(default_factory=list)
    """Numbers of parked tickets: their holders were not there when called and are asked to come
    back to the kiosk (``cleared`` events with status ``parked`` add one; any other ``cleared`` of
    that number takes it off)."""


class Ping(msgspec.Struct, tag_field="type", tag="ping"):
    """Not an event of the office (no ``seq``): ``last_seq`` lets a screen check itself."""

    type: ClassVar[str] = "ping"

    at: str
    last_seq: int


class Refused(msgspec.Struct, tag_field="type", tag="error"):
    """Why the socket is about to close (unknown office, foreign page, too many screens)."""

    type: ClassVar[str] = "error"

    code: str
    detail: str
    detail_ar: str


class Resync(msgspec.Struct, tag_field="type", tag="resync"):
    """On the display channel only: the pub/sub was broken and is back; check for a gap."""

    type: ClassVar[str] = "resync"


Message: TypeAlias = Event | Snapshot | Ping | Refused
"""Anything a screen is sent."""

Notice: TypeAlias = Event | Resync
"""Anything the display channel carries."""


def announce(number: str, counter: str) -> Announce:
    return Announce(
        ar=ANNOUNCE_AR.replace("{number}", number).replace("{counter}", counter),
        en=ANNOUNCE_EN.replace("{number}", number).replace("{counter}", counter),
    )


def called(ticket: Ticket) -> Called:
    counter = ticket.counter or ""
    return Called(
        office_id=ticket.office_id,
        ticket_id=ticket.id,
        number=ticket.number,
        counter=counter,
        service=ticket.service,
        called_at=ticket.called_at.isoformat() if ticket.called_at else None,
        announce=announce(ticket.number, counter),
    )


def recalled(ticket: Ticket) -> Recalled:
    first = called(ticket)
    return Recalled(
        office_id=first.office_id,
        ticket_id=first.ticket_id,
        number=first.number,
        counter=first.counter,
        service=first.service,
        called_at=first.called_at,
        announce=first.announce,
        recalls=ticket.recalls,
    )


def cleared(ticket: Ticket) -> Cleared:
    return Cleared(
        office_id=ticket.office_id,
        ticket_id=ticket.id,
        number=ticket.number,
        counter=ticket.counter,
        status=ticket.status.value,
    )


def queue(office_id: str) -> QueueChanged:
    return QueueChanged(office_id=office_id)


def counter_changed(office_id: str, state: CounterState) -> CounterChanged:
    return CounterChanged(
        office_id=office_id,
        counter=state.counter_id,
        status=state.status.value,
        services=sorted(state.services),
    )


def numbered(event: Event, seq: int, waiting: dict[str, int] | None = None) -> Event:
    """The event as the log keeps it: with its ``seq`` and, for ``queue``, the waiting counts."""
    if isinstance(event, QueueChanged) and waiting is not None:
        return msgspec.structs.replace(event, seq=seq, waiting=waiting)
    return msgspec.structs.replace(event, seq=seq)


def seq_of(event: Event) -> int:
    """The event's seq; a logged event always has one."""
    if isinstance(event.seq, UnsetType):
        raise ValueError(f"a {type(event).__name__} event that was never logged has no seq")
    return event.seq


def for_change(old: Ticket, new: Ticket, successor: Ticket | None = None) -> list[Event]:
    """The events a step from ``old`` to ``new`` (and a transfer's ``successor``) must send."""
    out: list[Event] = []
    if old.status is TicketStatus.WAITING and new.status is TicketStatus.CALLED:
        out.append(called(new))
    elif new.status is TicketStatus.CALLED and new.recalls > old.recalls:
        out.append(recalled(new))
    if old.status in AT_COUNTER and (new.status in FINAL or new.status is TicketStatus.PARKED):
        out.append(cleared(new))
    if old.status is TicketStatus.PARKED:  # back in line, or lapsed: off the board's parked list
        out.append(cleared(new))
    if old.status is TicketStatus.WAITING or new.status is TicketStatus.WAITING or successor is not None:
        out.append(queue(new.office_id))
    return out


def replay(history: Sequence[Event], last_seq: int, after: int) -> list[Event] | None:
    """The events a screen missed since ``after``, or None when it needs a fresh snapshot.

    None when the history no longer reaches back to ``after + 1``, or when ``after`` is ahead of
    the office's last seq (the log was reset under the screen).
    """
    if after > last_seq:
        return None
    oldest = seq_of(history[0]) if history else last_seq + 1
    if after + 1 < oldest:
        return None
    return [event for event in history if seq_of(event) > after]


_DECODER = msgspec.json.Decoder(Event)
_NOTICE_DECODER = msgspec.json.Decoder(Notice)


def decode(raw: bytes | str) -> Event:
    """A logged event from its JSON (the Redis log, written by Lua around Python's text)."""
    return _DECODER.decode(raw)


def decode_notice(raw: bytes | str) -> Event | Resync:
    """What the display channel carried: an event or a ``resync``."""
    return _NOTICE_DECODER.decode(raw)


def encode(message: Message | Resync) -> bytes:
    return msgspec.json.encode(message)
