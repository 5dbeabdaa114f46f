"""What the hall's screens learn, as a log of events numbered per office.

Every event gets the office's next ``seq`` in the same atomic step as the change it reports, so
a screen that sees seq jump from 41 to 43 knows it missed one and asks for a replay. Shapes::

    {"type": "called",   "seq", "office_id", "ticket_id", "number", "counter", "service",
                         "called_at", "announce": {"ar", "en"}}
    {"type": "recalled", ...the same..., "recalls"}
    {"type": "cleared",  "seq", "office_id", "ticket_id", "number", "counter", "status"}
                         (the ticket left its counter: done, no_show or transferred)
    {"type": "queue",    "seq", "office_id", "waiting": {service: count}}
    {"type": "counter",  "seq", "office_id", "counter", "status", "services"}

The builders here return events without ``seq`` (and ``queue`` without ``waiting``): the store
fills both inside its lock or Lua script, where the numbers are true.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from queue_display.counter import CounterState
from queue_display.ticket import AT_COUNTER, FINAL, Ticket, TicketStatus

Event = dict[str, Any]

HISTORY = 500
"""Events kept per office for replay: a screen that was away longer gets a fresh snapshot."""

ANNOUNCE_EN = "Ticket {number}, please go to counter {counter}."
ANNOUNCE_AR = "التذكرة رقم {number}، يرجى التوجه إلى الشباك رقم {counter}."
"""Spoken by the screen, Arabic first. The Redis store fills these same templates in Lua."""


def announce(number: str, counter: str) -> dict[str, str]:
    return {
        "ar": ANNOUNCE_AR.replace("{number}", number).replace("{counter}", counter),
        "en": ANNOUNCE_EN.replace("{number}", number).replace("{counter}", counter),
    }


def called(ticket: Ticket, kind: str = "called") -> Event:
    counter = ticket.counter or ""
    return {
        "type": kind,
        "office_id": ticket.office_id,
        "ticket_id": ticket.id,
        "number": ticket.number,
        "counter": counter,
        "service": ticket.service,
        "called_at": ticket.called_at.isoformat() if ticket.called_at else None,
        "announce": announce(ticket.number, counter),
    }


def recalled(ticket: Ticket) -> Event:
    return called(ticket, "recalled") | {"recalls": ticket.recalls}


def cleared(ticket: Ticket) -> Event:
    return {
        "type": "cleared",
        "office_id": ticket.office_id,
        "ticket_id": ticket.id,
        "number": ticket.number,
        "counter": ticket.counter,
        "status": ticket.status.value,
    }


def queue(office_id: str) -> Event:
    return {"type": "queue", "office_id": office_id}


def counter_changed(office_id: str, state: CounterState) -> Event:
    return {"type": "counter", "office_id": office_id} | state.to_dict()


def for_change(old: Ticket, new: Ticket, successor: Ticket | None = None) -> list[Event]:
    """The events a step from ``old`` to ``new`` (and a transfer's ``successor``) must send."""
    out: list[Event] = []
    if old.status is TicketStatus.WAITING and new.status is TicketStatus.CALLED:
        out.append(called(new))
    elif new.status is TicketStatus.CALLED and new.recalls > old.recalls:
        out.append(recalled(new))
    if old.status in AT_COUNTER and new.status in FINAL:
        out.append(cleared(new))
    if old.status is TicketStatus.WAITING or successor is not None:
        out.append(queue(new.office_id))
    return out


def replay(history: Sequence[Event], last_seq: int, after: int) -> list[Event] | None:
    """The events a screen missed since ``after``, or None when it needs a fresh snapshot.

    None when the history no longer reaches back to ``after + 1``, or when ``after`` is ahead of
    the office's last seq (the log was reset under the screen).
    """
    if after > last_seq:
        return None
    oldest = history[0]["seq"] if history else last_seq + 1
    if after + 1 < oldest:
        return None
    return [event for event in history if event["seq"] > after]
