"""The queue store: one interface for where tickets live, with a memory and a Redis backend.

Each operation is atomic in its backend (a lock in memory, one Lua script in Redis) and hands
back what changed: the tickets as they now stand, for the integrator to persist (wait and service
times, booking status), and the display events it logged, already numbered with the office's
``seq``, for the integrator to publish. Nothing here writes SQL or publishes anything.

The backends supply only raw state and the atomic steps; the decisions (state machine, call
order, events, snapshot, estimates) are the pure modules', so both backends behave the same.
"""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from queue_display import board, estimate, ticket
from queue_display.counter import CounterState, CounterStatus
from queue_display.events import HISTORY, Event
from queue_display.policy import CallPolicy
from queue_display.restoration import Restoration
from queue_display.ticket import Priority, Ticket, TicketKind

OFFICE_TIMEZONE = ZoneInfo("Africa/Cairo")

Step = Callable[[Ticket], tuple[Ticket, Ticket | None]]
"""A state-machine step: the ticket → (the ticket after, a transfer's new ticket or None)."""


@dataclass(frozen=True, slots=True)
class Change:
    """What one operation did. ``ticket`` is the ticket as it now stands; for a transfer it is
    the new waiting ticket and ``transferred`` the old one."""

    ticket: Ticket
    events: tuple[Event, ...]
    transferred: Ticket | None = None


@dataclass(frozen=True, slots=True)
class Issued:
    """A new ticket, with what the kiosk prints: place in line and estimated wait."""

    ticket: Ticket
    events: tuple[Event, ...]
    position: int
    estimated_wait_minutes: int | None


@dataclass(frozen=True, slots=True)
class CounterChange:
    counter: CounterState
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class BoardState:
    """The raw state behind a snapshot, read atomically by a backend."""

    seq: int
    at_counters: Sequence[Ticket]
    recent: Sequence[Mapping[str, Any]]
    waiting: Mapping[str, int]
    samples: Mapping[str, Sequence[float]]
    counters: Sequence[CounterState]


class QueueStore(ABC):
    """Tickets, counters and the display log of every office.

    ``now`` is always passed in (the clock is injected) and must be timezone-aware; the store
    keeps instants in the office time zone and files tickets under the office's local day.
    """

    def __init__(
        self,
        *,
        policy: CallPolicy | None = None,
        timezone: tzinfo = OFFICE_TIMEZONE,
        service_minutes: Mapping[str, float] | None = None,
        history: int = HISTORY,
    ) -> None:
        self.policy = policy or CallPolicy()
        self.timezone = timezone
        self.service_minutes = dict(service_minutes or {})
        self.history = history

    # -- tickets -----------------------------------------------------------------------------

    async def issue_walk_in(
        self,
        office_id: str,
        service: str,
        prefix: str,
        now: datetime,
        priority: Priority = Priority.NONE,
    ) -> Issued:
        """Print a walk-in ticket numbered ``prefix``-sequence of the office's day."""
        return await self._issue_new(
            office_id, service, prefix, now, priority, TicketKind.WALK_IN, None, None
        )

    async def check_in(
        self,
        office_id: str,
        booking_code: str,
        service: str,
        prefix: str,
        slot_start: datetime,
        now: datetime,
        priority: Priority = Priority.NONE,
    ) -> Issued:
        """Turn a booking into an appointment ticket; a second check-in the same day is refused
        (``already_checked_in``). Checking that the booking is for this office and day is the
        caller's, who has the database."""
        return await self._issue_new(
            office_id,
            service,
            prefix,
            now,
            priority,
            TicketKind.APPOINTMENT,
            booking_code,
            slot_start,
        )

    @abstractmethod
    async def call_next(
        self, office_id: str, counter_id: str, services: Collection[str], now: datetime
    ) -> Change | None:
        """Call the next ticket by the call policy for an open, idle counter, or None.

        Refused with ``counter_not_open`` or ``counter_busy`` (the counter still holds a called
        or serving ticket). Two counters calling at once never get the same ticket."""

    async def recall(self, office_id: str, ticket_id: str, now: datetime) -> Change:
        """Announce again; the 4th recall makes the ticket a no-show instead."""
        return await self._step(office_id, ticket_id, now, _alone(ticket.recall))

    async def start(self, office_id: str, ticket_id: str, now: datetime) -> Change:
        return await self._step(office_id, ticket_id, now, _alone(ticket.start))

    async def complete(self, office_id: str, ticket_id: str, now: datetime) -> Change:
        return await self._step(office_id, ticket_id, now, _alone(ticket.complete))

    async def no_show(self, office_id: str, ticket_id: str, now: datetime) -> Change:
        return await self._step(office_id, ticket_id, now, _alone(ticket.no_show))

    async def transfer(self, office_id: str, ticket_id: str, service: str, now: datetime) -> Change:
        """End this ticket and queue a new one for ``service`` in the same place (same number)."""
        new_id = uuid.uuid4().hex
        return await self._step(
            office_id, ticket_id, now, lambda t, at: ticket.transfer(t, service, new_id, at)
        )

    @abstractmethod
    async def get_ticket(self, office_id: str, ticket_id: str) -> Ticket:
        """The ticket, or ``ticket_not_found``."""

    @abstractmethod
    async def counter_ticket(self, office_id: str, counter_id: str, now: datetime) -> Ticket | None:
        """The ticket called to or served at the counter today, if any."""

    @abstractmethod
    async def checked_in_ticket(self, office_id: str, day: date, booking_code: str) -> Ticket | None:
        """The ticket the booking checked in as on ``day``, if it did."""

    # -- after a loss ------------------------------------------------------------------------

    @abstractmethod
    async def restore(self, restoration: Restoration) -> int:
        """Take up an office's archived day again; returns how many tickets were taken in.

        Idempotent and never a step back: a ticket the store still holds is kept as it is (the
        store is ahead of the archive, which is written after the change), as are the counters,
        last calls and service times it still has; the day's numbering only rises. Logs no
        event: it runs before serving, and a screen connected elsewhere meanwhile is repaired
        by its feed's tick. So on Redis, which outlives the processes, it is a no-op unless
        Redis lost the office's keys."""

    # -- counters ----------------------------------------------------------------------------

    @abstractmethod
    async def set_counter(
        self, office_id: str, counter_id: str, status: CounterStatus, services: Collection[str]
    ) -> CounterChange:
        """Open, pause or close a counter, and say which services it serves."""

    @abstractmethod
    async def counters(self, office_id: str) -> list[CounterState]: ...

    # -- the hall's view ---------------------------------------------------------------------

    async def waiting_counts(self, office_id: str, now: datetime) -> dict[str, int]:
        """Waiting tickets per service today, early appointments included."""
        state = await self._board_state(office_id, self.day_of(now))
        return dict(state.waiting)

    async def board(self, office_id: str, now: datetime) -> dict[str, Any]:
        """The display snapshot (see ``board.snapshot``), consistent with its ``seq``."""
        state = await self._board_state(office_id, self.day_of(now))
        waits = estimate.estimates(state.waiting, state.samples, state.counters, self.service_minutes)
        return board.snapshot(office_id, state.seq, state.at_counters, state.recent, state.waiting, waits)

    @abstractmethod
    async def events_after(self, office_id: str, seq: int) -> list[Event] | None:
        """The events after ``seq`` in order, or None when the history no longer reaches back."""

    @abstractmethod
    async def last_seq(self, office_id: str) -> int:
        """The office's last event seq: a cheap check that a screen has missed nothing."""

    async def close(self) -> None:
        """Release connections; the memory store has none."""
        return None

    # -- for the backends --------------------------------------------------------------------

    def day_of(self, now: datetime) -> date:
        return self.local(now).date()

    def local(self, now: datetime) -> datetime:
        if now.tzinfo is None:
            raise ValueError("queue instants must be timezone-aware")
        return now.astimezone(self.timezone)

    async def _issue_new(
        self,
        office_id: str,
        service: str,
        prefix: str,
        now: datetime,
        priority: Priority,
        kind: TicketKind,
        booking_code: str | None,
        slot_start: datetime | None,
    ) -> Issued:
        now = self.local(now)
        draft = ticket.new_ticket(
            ticket_id=uuid.uuid4().hex,
            office_id=office_id,
            day=now.date(),
            sequence=0,
            prefix=prefix,
            service=service,
            kind=kind,
            priority=priority,
            now=now,
            booking_code=booking_code,
            slot_start=self.local(slot_start) if slot_start is not None else None,
        )
        issued, events, position = await self._issue(draft, prefix, now)
        samples, counters = await self._estimate_inputs(office_id)
        wait = estimate.wait_for(service, position - 1, samples, counters, self.service_minutes)
        return Issued(issued, tuple(events), position, wait)

    async def _step(
        self,
        office_id: str,
        ticket_id: str,
        now: datetime,
        action: Callable[[Ticket, datetime], tuple[Ticket, Ticket | None]],
    ) -> Change:
        at = self.local(now)
        return await self._apply(office_id, ticket_id, lambda t: action(t, at))

    @staticmethod
    def numbered(draft: Ticket, prefix: str, sequence: int) -> Ticket:
        return replace(draft, sequence=sequence, number=ticket.format_number(prefix, sequence))

    @abstractmethod
    async def _issue(self, draft: Ticket, prefix: str, now: datetime) -> tuple[Ticket, list[Event], int]:
        """Number and queue ``draft`` atomically; return it, its events and its position."""

    @abstractmethod
    async def _estimate_inputs(
        self, office_id: str
    ) -> tuple[Mapping[str, Sequence[float]], list[CounterState]]:
        """Recent service times (seconds) per service, and the counters."""

    @abstractmethod
    async def _apply(self, office_id: str, ticket_id: str, step: Step) -> Change:
        """Apply a state-machine step to the stored ticket atomically."""

    @abstractmethod
    async def _board_state(self, office_id: str, day: date) -> BoardState: ...


def _alone(
    action: Callable[[Ticket, datetime], Ticket],
) -> Callable[[Ticket, datetime], tuple[Ticket, Ticket | None]]:
    """A step that makes no successor ticket (all but transfer)."""
    return lambda t, at: (action(t, at), None)
