"""What a queue store needs to take up an office's day again after it lost its live state (a
restart of the embedded memory store, a flushed Redis): the day's tickets and the counters'
last states, as the database archived them.

Everything else the live queue holds is derived from those tickets here, once, for both
backends: the day's last ticket number (new numbers continue it, none is reused), which booking
checked in as which ticket, which ticket stands at which counter, the last calls the screens list
and the recent service times behind the estimated waits.

``seq_floor`` is where the office's display seq starts when the store has no log for it: above
any seq a screen may still hold from before the loss, so a screen that comes back asking for
``after=`` an old seq is too far behind for the new log and gets a fresh snapshot, never
another process's events under numbers it thinks it has seen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from queue_display.board import RECENT, recent_entry
from queue_display.counter import CounterState
from queue_display.estimate import SAMPLES
from queue_display.ticket import AT_COUNTER, Ticket, TicketStatus


@dataclass(frozen=True, slots=True)
class Restoration:
    office_id: str
    tickets: Sequence[Ticket]
    counters: Sequence[CounterState] = ()
    seq_floor: int = 0

    def __post_init__(self) -> None:
        strangers = {t.id for t in self.tickets if t.office_id != self.office_id}
        if strangers:
            raise ValueError(f"tickets of another office: {sorted(strangers)}")

    def last_sequences(self) -> dict[date, int]:
        """The highest ticket sequence of each day."""
        last: dict[date, int] = {}
        for ticket in self.tickets:
            last[ticket.day] = max(last.get(ticket.day, 0), ticket.sequence)
        return last

    def check_ins(self) -> dict[tuple[date, str], str]:
        """(day, booking code) → the ticket the booking checked in as. A transfer's successor
        carries the same code; the first ticket (lowest sequence, earliest issue) is the one."""
        found: dict[tuple[date, str], str] = {}
        for ticket in sorted(self.tickets, key=lambda t: (t.sequence, t.issued_at)):
            if ticket.booking_code is not None:
                found.setdefault((ticket.day, ticket.booking_code), ticket.id)
        return found

    def waiting(self) -> list[Ticket]:
        return [t for t in self.tickets if t.status is TicketStatus.WAITING]

    def at_counters(self) -> dict[tuple[date, str], Ticket]:
        """(day, counter) → the ticket called or served there; the latest call wins should the
        archive ever hold two."""
        held: dict[tuple[date, str], Ticket] = {}
        for ticket in sorted(self.tickets, key=_called_order):
            if ticket.status in AT_COUNTER and ticket.counter is not None:
                held[ticket.day, ticket.counter] = ticket
        return held

    def recent(self) -> dict[date, list[dict[str, Any]]]:
        """The last calls of each day, newest first, as the board lists them."""
        by_day: dict[date, list[Ticket]] = defaultdict(list)
        for ticket in self.tickets:
            if ticket.called_at is not None:
                by_day[ticket.day].append(ticket)
        return {
            day: [recent_entry(t) for t in sorted(called, key=_called_order, reverse=True)[:RECENT]]
            for day, called in by_day.items()
        }

    def samples(self) -> dict[str, list[float]]:
        """The last service times (seconds) of each service, oldest first."""
        done = sorted(
            (t for t in self.tickets if t.status is TicketStatus.DONE),
            key=lambda t: (t.finished_at or t.issued_at, t.sequence),
        )
        out: dict[str, list[float]] = defaultdict(list)
        for ticket in done:
            if ticket.service_seconds is not None:
                out[ticket.service].append(ticket.service_seconds)
        return {service: seconds[-SAMPLES:] for service, seconds in out.items()}

    def services(self) -> dict[date, set[str]]:
        """The services queued on each day: the board counts their waiting tickets, zero too."""
        out: dict[date, set[str]] = defaultdict(set)
        for ticket in self.tickets:
            out[ticket.day].add(ticket.service)
        return dict(out)


def _called_order(ticket: Ticket) -> tuple[Any, ...]:
    return (ticket.called_at or ticket.issued_at, ticket.sequence)
