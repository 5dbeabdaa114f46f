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
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from kernel.days import TIMEZONE
from queue_display import board, errors, estimate, ticket
from queue_display.counter import CounterState, CounterStatus
from queue_display.events import HISTORY, Event, Snapshot
from queue_display.no_show import ANY_TIME, NoShowRule
from queue_display.policy import CallPolicy
from queue_display.restoration import Restoration
from queue_display.ticket import NextVisit, Priority, Ticket, TicketKind, TicketStatus

OFFICE_TIMEZONE = ZoneInfo(TIMEZONE)

Step = Callable[[Ticket], tuple[Ticket, Ticket | None]]
"""A state-machine step: the ticket → (the ticket after, a transfer's new ticket or None)."""

TakeUp = Callable[[str], Awaitable[Restoration]]
"""Reads an office's day from the archive, for a store that lost it (see ``QueueStore.attach``)."""

NumberSource = Callable[[str, date], Awaitable[int]]
"""Hands out an office's next ticket sequence of a day, never the same twice (the database)."""

T = TypeVar("T")


class OfficeStateLost(Exception):
    """The store holds no live state for the office: it never had any, or lost it (Redis
    restarted empty, a new process on the memory store). A backend raises it from the same
    atomic step that would have changed the office, so nothing was changed; the store then
    takes the day up again and runs the operation once more."""

    def __init__(self, office_id: str) -> None:
        super().__init__(f"the live queue holds nothing of {office_id}")
        self.office_id = office_id


@dataclass(frozen=True, slots=True)
class Change:
    """What one operation did. ``ticket`` is the ticket as it now stands; for a transfer it is
    the new waiting ticket and ``transferred`` the old one; for a chain's step completed with
    services to come it is the ``done`` ticket and ``moved_on`` its successor, waiting in the next
    service's line under the same number."""

    ticket: Ticket
    events: tuple[Event, ...]
    transferred: Ticket | None = None
    moved_on: Ticket | None = None

    @classmethod
    def of_step(cls, new: Ticket, successor: Ticket | None, events: tuple[Event, ...]) -> Change:
        """The change of a state-machine step (``Step``): which of its two tickets is which."""
        if successor is None:
            return cls(new, events)
        if new.status is TicketStatus.TRANSFERRED:
            return cls(successor, events, transferred=new)
        return cls(new, events, moved_on=successor)

    @property
    def tickets(self) -> list[Ticket]:
        """Every ticket the step changed or made, in the order they follow one another."""
        return [t for t in (self.transferred, self.ticket, self.moved_on) if t is not None]


@dataclass(frozen=True, slots=True)
class Issued:
    """A new ticket, with what the kiosk prints: place in line and estimated wait.

    From the store, ``estimated_wait_minutes`` is the queue's figure (``estimate.wait_for``) and
    ``wait`` is None; the kiosk then tells the whole wait (``estimate.ticket_wait``: an early
    appointment's time, or why there is no figure) and sets both."""

    ticket: Ticket
    events: tuple[Event, ...]
    position: int
    estimated_wait_minutes: int | None
    wait: estimate.TicketWait | None = None


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
    parked: Sequence[str] = ()
    """Numbers of the day's parked tickets: the board asks their holders back to the kiosk."""


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
        self._take_up: TakeUp | None = None
        self._numbers: NumberSource | None = None

    def attach(self, take_up: TakeUp, numbers: NumberSource) -> None:
        """Connect the store to the archive it stands in front of: where an office's day is read
        again after a loss, and where ticket numbers come from. Unattached (store tests, tools),
        a lost office starts empty and the store numbers tickets itself."""
        self._take_up = take_up
        self._numbers = numbers

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
        next_visits: Sequence[NextVisit] = (),
        headcount: int = 1,
    ) -> Issued:
        """Turn a booking into an appointment ticket; a second check-in the same day is refused
        (``already_checked_in``). Checking that the booking is for this office and day is the
        caller's, who has the database. A chain's ticket lists its ``next_visits``: completing it
        queues it for the next one (``complete``)."""
        return await self._issue_new(
            office_id,
            service,
            prefix,
            now,
            priority,
            TicketKind.APPOINTMENT,
            booking_code,
            slot_start,
            tuple(NextVisit(v.service, self.local(v.slot_start)) for v in next_visits),
            headcount,
        )

    async def call_next(
        self, office_id: str, counter_id: str, services: Collection[str], now: datetime
    ) -> Change | None:
        """Call the next ticket by the call policy for an open, idle counter, or None.

        Refused with ``counter_not_open`` or ``counter_busy`` (the counter still holds a called
        or serving ticket). Two counters calling at once never get the same ticket."""
        return await self._live(office_id, lambda: self._call_next(office_id, counter_id, services, now))

    async def recall(
        self, office_id: str, ticket_id: str, now: datetime, rule: NoShowRule = ANY_TIME
    ) -> Change:
        """Announce again; the 4th recall makes the ticket a no-show instead, when ``rule``
        allows one (else ``no_show_too_early``, and nothing changes)."""

        def recall_within(current: Ticket, at: datetime) -> Ticket:
            if current.recalls >= ticket.MAX_RECALLS:
                rule.check(current, at)
            return ticket.recall(current, at)

        return await self._step(office_id, ticket_id, now, _alone(recall_within))

    async def start(self, office_id: str, ticket_id: str, now: datetime) -> Change:
        return await self._step(office_id, ticket_id, now, _alone(ticket.start))

    async def complete(self, office_id: str, ticket_id: str, now: datetime) -> Change:
        """Service done. A chain's ticket with services to come goes on, in the same step, to
        the next service's line under the same number (``Change.moved_on``,
        ``ticket.complete_step``): it is never in two lines at once, nor in none."""
        new_id = uuid.uuid4().hex
        return await self._step(office_id, ticket_id, now, lambda t, at: ticket.complete_step(t, new_id, at))

    async def no_show(
        self, office_id: str, ticket_id: str, now: datetime, rule: NoShowRule = ANY_TIME
    ) -> Change:
        """The citizen did not come; refused (``no_show_too_early``) while ``rule`` says it is
        too early, checked on the very ticket the step changes."""

        def no_show_within(current: Ticket, at: datetime) -> Ticket:
            rule.check(current, at)
            return ticket.no_show(current, at)

        return await self._step(office_id, ticket_id, now, _alone(no_show_within))

    async def transfer(self, office_id: str, ticket_id: str, service: str, now: datetime) -> Change:
        """End this ticket and queue a new one for ``service`` in the same place (same number)."""
        new_id = uuid.uuid4().hex
        return await self._step(
            office_id, ticket_id, now, lambda t, at: ticket.transfer(t, service, new_id, at)
        )

    async def park(self, office_id: str, ticket_id: str, now: datetime) -> Change:
        """Set a called ticket aside (its holder was not there); the counter is free again."""
        return await self._step(office_id, ticket_id, now, _alone(ticket.park))

    async def back_in_line(
        self, office_id: str, ticket_id: str, now: datetime, check: Callable[[Ticket, datetime], None]
    ) -> Change:
        """The parked ticket waits again, where the call policy puts a returning ticket;
        ``check`` may refuse (too late), on the very ticket the step changes."""

        def back(current: Ticket, at: datetime) -> Ticket:
            check(current, at)
            return ticket.back_in_line(current, at)

        return await self._step(office_id, ticket_id, now, _alone(back))

    async def lapse_park(self, office_id: str, ticket_id: str, now: datetime) -> Change:
        """A parked ticket whose holder stayed away past the limit becomes a no-show; refused
        (``ticket_not_parked``) when it is no longer parked (back in line meanwhile)."""

        def lapse(current: Ticket, at: datetime) -> Ticket:
            if current.status is not TicketStatus.PARKED:
                raise errors.ticket_not_parked(current.number, current.status.value)
            return ticket.no_show(current, at)

        return await self._step(office_id, ticket_id, now, _alone(lapse))

    async def get_ticket(self, office_id: str, ticket_id: str) -> Ticket:
        """The ticket, or ``ticket_not_found``."""
        return await self._live(office_id, lambda: self._get_ticket(office_id, ticket_id))

    async def counter_ticket(self, office_id: str, counter_id: str, now: datetime) -> Ticket | None:
        """The ticket called to or served at the counter today, if any."""
        return await self._live(office_id, lambda: self._counter_ticket(office_id, counter_id, now))

    async def checked_in_ticket(self, office_id: str, day: date, booking_code: str) -> Ticket | None:
        """The ticket the booking checked in as on ``day``, if it did."""
        return await self._live(office_id, lambda: self._checked_in_ticket(office_id, day, booking_code))

    async def position(self, office_id: str, ticket_id: str, now: datetime) -> int | None:
        """A waiting ticket's place now, counted as at its issue: 1 + the due waiting tickets of
        its service that would be called before it. None for a ticket no longer waiting;
        ``ticket_not_found`` for one the office does not hold. (A reprinted ticket's count.)"""
        at = self.local(now)
        return await self._live(office_id, lambda: self._position(office_id, ticket_id, at))

    async def wait_of(self, office_id: str, service: str, ahead: int) -> int | None:
        """The queue's figure for a ticket of ``service`` with ``ahead`` tickets before it, from
        the counters open now (``estimate.wait_for``; None with none open for the service)."""
        samples, counters = await self._live(office_id, lambda: self._estimate_inputs(office_id))
        return estimate.wait_for(service, ahead, samples, counters, self.service_minutes)

    # -- after a loss ------------------------------------------------------------------------

    @abstractmethod
    async def restore(self, restoration: Restoration) -> int:
        """Take up an office's archived day again; returns how many tickets were taken in.

        Only an office the store holds nothing of is restored; one it still holds (the store is
        ahead of the archive, which is written after each change) is left exactly as it is, so a
        late or stale account never sets it back, and restoring twice is restoring once. Marks
        the office live. Logs no event: a screen is repaired by its feed (the new log starts
        above ``seq_floor``, so it gets a snapshot)."""

    async def _live(self, office_id: str, operation: Callable[[], Awaitable[T]]) -> T:
        """Run a backend operation; if the store lost the office, take the day up and run it
        once more. Still lost (another process is slow to restore it): ``OfficeStateLost``."""
        try:
            return await operation()
        except OfficeStateLost:
            await self._recover(office_id)
        return await operation()

    async def _recover(self, office_id: str) -> None:
        async with self._restoring(office_id) as ours:
            if ours and await self._is_lost(office_id):
                take_up = self._take_up
                restoration = await take_up(office_id) if take_up else Restoration(office_id, [])
                await self.restore(restoration)

    @abstractmethod
    def _restoring(self, office_id: str) -> AbstractAsyncContextManager[bool]:
        """Hold the office's restore lock: True for the one process (and task) that may restore
        it now; False once another has restored it meanwhile."""

    @abstractmethod
    async def _is_lost(self, office_id: str) -> bool: ...

    # -- counters ----------------------------------------------------------------------------

    async def set_counter(
        self, office_id: str, counter_id: str, status: CounterStatus, services: Collection[str]
    ) -> CounterChange:
        """Open, pause or close a counter, and say which services it serves."""
        state = CounterState(counter_id, CounterStatus(status), frozenset(services))
        return await self._live(office_id, lambda: self._set_counter(office_id, state))

    async def counters(self, office_id: str) -> list[CounterState]:
        return await self._live(office_id, lambda: self._counters(office_id))

    # -- the hall's view ---------------------------------------------------------------------

    async def waiting_counts(self, office_id: str, now: datetime) -> dict[str, int]:
        """Waiting tickets per service today, early appointments included."""
        day = self.day_of(now)
        state = await self._live(office_id, lambda: self._board_state(office_id, day))
        return dict(state.waiting)

    async def board(self, office_id: str, now: datetime) -> Snapshot:
        """The display snapshot (see ``board.snapshot``), consistent with its ``seq``."""
        day = self.day_of(now)
        state = await self._live(office_id, lambda: self._board_state(office_id, day))
        waits = estimate.estimates(state.waiting, state.samples, state.counters, self.service_minutes)
        return board.snapshot(
            office_id,
            state.seq,
            state.at_counters,
            state.recent,
            state.waiting,
            waits,
            state.counters,
            parked=state.parked,
        )

    async def events_after(self, office_id: str, seq: int) -> list[Event] | None:
        """The events after ``seq`` in order, or None when the history no longer reaches back."""
        return await self._live(office_id, lambda: self._events_after(office_id, seq))

    async def last_seq(self, office_id: str) -> int:
        """The office's last event seq: a cheap check that a screen has missed nothing."""
        return await self._live(office_id, lambda: self._last_seq(office_id))

    async def ping(self) -> None:
        """Raise if the store cannot be reached (readiness); the memory store always can."""
        return None

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
        next_visits: tuple[NextVisit, ...] = (),
        headcount: int = 1,
    ) -> Issued:
        now = self.local(now)
        numbers = self._numbers or self._next_sequence
        sequence = await numbers(office_id, now.date())
        draft = ticket.new_ticket(
            ticket_id=uuid.uuid4().hex,
            office_id=office_id,
            day=now.date(),
            sequence=sequence,
            prefix=prefix,
            service=service,
            kind=kind,
            priority=priority,
            now=now,
            booking_code=booking_code,
            slot_start=self.local(slot_start) if slot_start is not None else None,
            next_visits=next_visits,
            headcount=headcount,
        )
        issued, events, position = await self._live(office_id, lambda: self._issue(draft, now))
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
        return await self._live(office_id, lambda: self._apply(office_id, ticket_id, lambda t: action(t, at)))

    # -- what each backend supplies: raw state and atomic steps, each raising
    # -- ``OfficeStateLost`` when the store holds nothing of the office ------------------------

    @abstractmethod
    async def _next_sequence(self, office_id: str, day: date) -> int:
        """The store's own numbering, for a store not attached to the database."""

    @abstractmethod
    async def _issue(self, draft: Ticket, now: datetime) -> tuple[Ticket, list[Event], int]:
        """Queue the numbered ``draft`` atomically; return it, its events and its position."""

    @abstractmethod
    async def _call_next(
        self, office_id: str, counter_id: str, services: Collection[str], now: datetime
    ) -> Change | None: ...

    @abstractmethod
    async def _get_ticket(self, office_id: str, ticket_id: str) -> Ticket: ...

    @abstractmethod
    async def _counter_ticket(self, office_id: str, counter_id: str, now: datetime) -> Ticket | None: ...

    @abstractmethod
    async def _checked_in_ticket(self, office_id: str, day: date, booking_code: str) -> Ticket | None: ...

    @abstractmethod
    async def _position(self, office_id: str, ticket_id: str, now: datetime) -> int | None: ...

    @abstractmethod
    async def _set_counter(self, office_id: str, state: CounterState) -> CounterChange: ...

    @abstractmethod
    async def _counters(self, office_id: str) -> list[CounterState]: ...

    @abstractmethod
    async def _events_after(self, office_id: str, seq: int) -> list[Event] | None: ...

    @abstractmethod
    async def _last_seq(self, office_id: str) -> int: ...

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
    """A step that makes no successor ticket (all but transfer and complete)."""
    return lambda t, at: (action(t, at), None)
