"""The embedded default: every office's queue in this process's memory.

Each operation runs under one ``threading.Lock`` and never awaits inside it, so neither another
coroutine nor another thread can interleave with a call-next or a transition. What it forgets on
restart (today's queue) is what the integrator persists from the returned changes, and what the
app gives back to it on starting (``restore``, see ``queue_display.recovery``).
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter, deque
from collections.abc import AsyncIterator, Collection, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from queue_display import errors, events, ticket
from queue_display.board import RECENT, recent_entry
from queue_display.counter import CounterState, CounterStatus
from queue_display.estimate import SAMPLES
from queue_display.events import Event
from queue_display.restoration import Restoration
from queue_display.store.base import BoardState, Change, CounterChange, OfficeStateLost, QueueStore, Step
from queue_display.ticket import Ticket, TicketStatus


@dataclass
class _Office:
    history_size: int
    tickets: dict[str, Ticket] = field(default_factory=dict)
    waiting: dict[str, Ticket] = field(default_factory=dict)
    sequences: dict[date, int] = field(default_factory=dict)
    checkins: dict[tuple[date, str], str] = field(default_factory=dict)
    services: dict[date, set[str]] = field(default_factory=dict)
    at_counter: dict[tuple[date, str], str] = field(default_factory=dict)
    recent: dict[date, deque[dict[str, Any]]] = field(default_factory=dict)
    counters: dict[str, CounterState] = field(default_factory=dict)
    samples: dict[str, deque[float]] = field(default_factory=dict)
    seq: int = 0
    history: deque[Event] = field(init=False)

    def __post_init__(self) -> None:
        self.history = deque(maxlen=self.history_size)

    def waiting_on(self, day: date) -> list[Ticket]:
        return [t for t in self.waiting.values() if t.day == day]

    def counts(self, day: date) -> dict[str, int]:
        counts = Counter(t.service for t in self.waiting_on(day))
        return {service: counts[service] for service in sorted(self.services.get(day, ()))}


class MemoryQueueStore(QueueStore):
    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._offices: dict[str, _Office] = {}
        self._lock = threading.Lock()
        self._restore_locks: dict[str, asyncio.Lock] = {}
        self._numbering: dict[tuple[str, date], int] = {}

    def _office(self, office_id: str) -> _Office:
        """The office's live state; a process that never took its day up holds none."""
        office = self._offices.get(office_id)
        if office is None:
            raise OfficeStateLost(office_id)
        return office

    async def _is_lost(self, office_id: str) -> bool:
        return office_id not in self._offices

    @asynccontextmanager
    async def _restoring(self, office_id: str) -> AsyncIterator[bool]:
        lock = self._restore_locks.setdefault(office_id, asyncio.Lock())
        async with lock:
            yield True

    async def _next_sequence(self, office_id: str, day: date) -> int:
        with self._lock:
            number = self._numbering[office_id, day] = self._numbering.get((office_id, day), 0) + 1
            return number

    async def _issue(self, draft: Ticket, now: datetime) -> tuple[Ticket, list[Event], int]:
        with self._lock:
            office, day = self._office(draft.office_id), draft.day
            if draft.booking_code is not None:
                if (day, draft.booking_code) in office.checkins:
                    raise errors.already_checked_in(draft.booking_code)
                office.checkins[day, draft.booking_code] = draft.id
            if day not in office.sequences:
                _forget_before(office, day - timedelta(days=1))
            office.sequences[day] = max(office.sequences.get(day, 0), draft.sequence)
            issued = draft
            office.tickets[issued.id] = office.waiting[issued.id] = issued
            office.services.setdefault(day, set()).add(issued.service)
            logged = self._log(office, day, [events.queue(issued.office_id)])
            position = self.policy.position(issued, office.waiting_on(day), now)
        return issued, logged, position

    async def _call_next(
        self, office_id: str, counter_id: str, services: Collection[str], now: datetime
    ) -> Change | None:
        now = self.local(now)
        day = now.date()
        with self._lock:
            office = self._office(office_id)
            state = office.counters.get(counter_id)
            if state is None or state.status is not CounterStatus.OPEN:
                raise errors.counter_not_open(counter_id)
            holding = office.at_counter.get((day, counter_id))
            if holding is not None:
                raise errors.counter_busy(counter_id, office.tickets[holding].number)
            chosen = self.policy.next_ticket(office.waiting_on(day), services, now)
            if chosen is None:
                return None
            called = ticket.call(chosen, counter_id, now)
            _write(office, chosen, called, None)
            office.recent.setdefault(day, deque(maxlen=RECENT)).appendleft(recent_entry(called))
            logged = self._log(office, day, events.for_change(chosen, called))
        return Change(called, tuple(logged))

    async def _apply(self, office_id: str, ticket_id: str, step: Step) -> Change:
        with self._lock:
            office = self._office(office_id)
            old = office.tickets.get(ticket_id)
            if old is None:
                raise errors.ticket_not_found(ticket_id)
            new, successor = step(old)
            _write(office, old, new, successor)
            logged = tuple(self._log(office, new.day, events.for_change(old, new, successor)))
        return Change.of_step(new, successor, logged)

    async def _get_ticket(self, office_id: str, ticket_id: str) -> Ticket:
        with self._lock:
            found = self._office(office_id).tickets.get(ticket_id)
        if found is None:
            raise errors.ticket_not_found(ticket_id)
        return found

    async def _counter_ticket(self, office_id: str, counter_id: str, now: datetime) -> Ticket | None:
        with self._lock:
            office = self._office(office_id)
            held = office.at_counter.get((self.day_of(now), counter_id))
            return office.tickets[held] if held is not None else None

    async def _checked_in_ticket(self, office_id: str, day: date, booking_code: str) -> Ticket | None:
        with self._lock:
            office = self._office(office_id)
            found = office.checkins.get((day, booking_code))
            return office.tickets.get(found) if found is not None else None

    async def _position(self, office_id: str, ticket_id: str, now: datetime) -> int | None:
        with self._lock:
            office = self._office(office_id)
            found = office.tickets.get(ticket_id)
            if found is None:
                raise errors.ticket_not_found(ticket_id)
            if found.id not in office.waiting:
                return None
            return self.policy.position(found, office.waiting_on(found.day), now)

    async def restore(self, restoration: Restoration) -> int:
        with self._lock:
            if restoration.office_id in self._offices:
                return 0
            office = self._offices[restoration.office_id] = _Office(self.history)
            taken = _take_up_tickets(office, restoration)
            self._take_up_numbering(office, restoration)
            _take_up_hall(office, restoration)
            office.seq = restoration.seq_floor
        return taken

    def _take_up_numbering(self, office: _Office, restoration: Restoration) -> None:
        """Each day's last ticket number, so the next ticket issued follows it (never below a
        number this process has given already)."""
        for day, last in restoration.last_sequences().items():
            office.sequences[day] = last
            numbering = (restoration.office_id, day)
            self._numbering[numbering] = max(self._numbering.get(numbering, 0), last)

    async def _set_counter(self, office_id: str, state: CounterState) -> CounterChange:
        with self._lock:
            office = self._office(office_id)
            office.counters[state.counter_id] = state
            logged = self._log(office, None, [events.counter_changed(office_id, state)])
        return CounterChange(state, tuple(logged))

    async def _counters(self, office_id: str) -> list[CounterState]:
        with self._lock:
            return sorted(self._office(office_id).counters.values(), key=lambda c: c.counter_id)

    async def _events_after(self, office_id: str, seq: int) -> list[Event] | None:
        with self._lock:
            office = self._office(office_id)
            return events.replay(list(office.history), office.seq, seq)

    async def _last_seq(self, office_id: str) -> int:
        with self._lock:
            return self._office(office_id).seq

    async def _board_state(self, office_id: str, day: date) -> BoardState:
        with self._lock:
            office = self._office(office_id)
            return BoardState(
                seq=office.seq,
                at_counters=[office.tickets[held] for (d, _), held in office.at_counter.items() if d == day],
                recent=list(office.recent.get(day, ())),
                waiting=office.counts(day),
                samples={service: list(s) for service, s in office.samples.items()},
                counters=list(office.counters.values()),
                parked=_parked_numbers(office.tickets.values(), day),
            )

    async def _estimate_inputs(
        self, office_id: str
    ) -> tuple[Mapping[str, Sequence[float]], list[CounterState]]:
        with self._lock:
            office = self._office(office_id)
            samples = {service: list(s) for service, s in office.samples.items()}
            return samples, list(office.counters.values())

    def _log(self, office: _Office, day: date | None, templates: Iterable[Event]) -> list[Event]:
        """Number the events with the office's next seqs; fill the waiting counts of ``day``."""
        logged = []
        for template in templates:
            office.seq += 1
            event = events.numbered(template, office.seq, office.counts(day) if day is not None else None)
            office.history.append(event)
            logged.append(event)
        return logged


def _write(office: _Office, old: Ticket, new: Ticket, successor: Ticket | None) -> None:
    """Store a step and keep the indexes (waiting, who holds which counter, samples) true."""
    office.tickets[new.id] = new
    if new.status is TicketStatus.WAITING:
        office.waiting[new.id] = new  # a parked ticket back in line
    else:
        office.waiting.pop(new.id, None)
    if new.counter is not None:
        where = (new.day, new.counter)
        if new.status in ticket.AT_COUNTER:
            office.at_counter[where] = new.id
        elif office.at_counter.get(where) == new.id:
            del office.at_counter[where]
    if new.status is TicketStatus.DONE and new.service_seconds is not None:
        office.samples.setdefault(new.service, deque(maxlen=SAMPLES)).append(new.service_seconds)
    if successor is not None:
        office.tickets[successor.id] = office.waiting[successor.id] = successor
        office.services.setdefault(successor.day, set()).add(successor.service)


def _parked_numbers(tickets: Iterable[Ticket], day: date) -> list[str]:
    return sorted(t.number for t in tickets if t.day == day and t.status is TicketStatus.PARKED)


def _take_up_tickets(office: _Office, restoration: Restoration) -> int:
    """The tickets, the waiting ones, and who holds which counter; returns how many were taken."""
    taken = list(restoration.tickets)
    taken_ids = {t.id for t in taken}
    for restored in taken:
        office.tickets[restored.id] = restored
        if restored.status is TicketStatus.WAITING:
            office.waiting[restored.id] = restored
    for (day, counter), held in restoration.at_counters().items():
        if held.id in taken_ids:
            office.at_counter.setdefault((day, counter), held.id)
    return len(taken)


def _take_up_hall(office: _Office, restoration: Restoration) -> None:
    """The rest of the hall's day: check-ins, services seen, the board's recent calls, service
    time samples and the counters' states."""
    for key, ticket_id in restoration.check_ins().items():
        office.checkins.setdefault(key, ticket_id)
    for day, services in restoration.services().items():
        office.services.setdefault(day, set()).update(services)
    for day, entries in restoration.recent().items():
        office.recent.setdefault(day, deque(entries, maxlen=RECENT))
    for service, seconds in restoration.samples().items():
        office.samples.setdefault(service, deque(seconds, maxlen=SAMPLES))
    for state in restoration.counters:
        office.counters.setdefault(state.counter_id, state)


def _forget_before(office: _Office, day: date) -> None:
    """Drop days before ``day``: by then the integrator has persisted what matters."""
    office.tickets = {i: t for i, t in office.tickets.items() if t.day >= day}
    office.waiting = {i: t for i, t in office.waiting.items() if t.day >= day}
    office.checkins = {k: v for k, v in office.checkins.items() if k[0] >= day}
    office.at_counter = {k: v for k, v in office.at_counter.items() if k[0] >= day}
    for by_day in (office.sequences, office.services, office.recent):
        for old in [d for d in by_day if d < day]:
            del by_day[old]
