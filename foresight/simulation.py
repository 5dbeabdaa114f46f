"""One office day, simulated event by event with SimPy, the hall run by its real call policy.

Every visitor gets a real ``queue_display.ticket.Ticket`` at arrival (``new_ticket``) and is
called with the real ``ticket.call``; which ticket a free counter calls is the call policy's
decision (``queue_display.policy.CallPolicy``): a ticket joins its service's line when the policy
says it is due (``due_at``), and the lines are kept in the policy's order (``key``), exactly as
the Redis store keeps them in sorted sets scored by the policy. A counter calls the smallest key
among the heads of its services' lines, which is ``CallPolicy.next_ticket``'s choice without
scanning the whole hall at every call. ``check_policy=True`` asks ``next_ticket`` itself at
every call and fails loudly on any difference (the tests run that way).

Counters call only during their shifts; a counter open at closing time goes on until nobody it
can serve is left (the doors close, the hall empties); whoever is left when no counter for their
service remains open is never called.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Generator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import simpy

from foresight.office_day import CounterPlan
from foresight.visitors import Visitor
from queue_display.policy import CallPolicy
from queue_display.ticket import Ticket, TicketKind, call, new_ticket

_MINUTE = timedelta(minutes=1)
_HAIR = 1e-9
"""60 nanoseconds, in minutes."""


class PolicyMismatch(AssertionError):
    """The simulated hall called another ticket than the call policy would have."""


class _CountingEnvironment(simpy.Environment):
    """A SimPy environment that counts the events it schedules (for events per second)."""

    def __init__(self) -> None:
        super().__init__()
        self.scheduled = 0

    def schedule(self, event: simpy.Event, priority: Any = 1, delay: Any = 0) -> None:
        self.scheduled += 1
        super().schedule(event, priority, delay)


@dataclass(frozen=True, slots=True)
class DayRun:
    """What happened to each visitor (arrays indexed like ``visitors``, minutes after opening;
    NaN and -1 for whoever was never called) and to each counter."""

    visitors: tuple[Visitor, ...]
    counters: tuple[CounterPlan, ...]
    closes_minute: float
    due: np.ndarray
    called: np.ndarray
    finished: np.ndarray
    counter: np.ndarray
    call_order: tuple[int, ...]
    """The visitors in the order they were called."""
    events: int


class _Hall:
    def __init__(
        self,
        counters: tuple[CounterPlan, ...],
        visitors: tuple[Visitor, ...],
        policy: CallPolicy,
        opens: datetime,
        closes: float,
        check_policy: bool,
    ) -> None:
        self.env = _CountingEnvironment()
        self.counters, self.visitors, self.policy = counters, visitors, policy
        self.opens, self.closes, self.check_policy = opens, closes, check_policy
        size = len(visitors)
        self.tickets: list[Ticket | None] = [None] * size
        self.due = np.full(size, math.nan)
        self.called = np.full(size, math.nan)
        self.finished = np.full(size, math.nan)
        self.counter = np.full(size, -1, dtype=np.int64)
        self.lines: dict[str, list[tuple[tuple[int, str], int]]] = {}
        self.waiting: dict[int, Ticket] = {}  # every ticket not yet called (check_policy only)
        self.idle: list[tuple[int, simpy.Event]] = []
        self.call_order: list[int] = []
        self.held: list[tuple[float, int]] = []  # (due, visitor): early appointments, by due time

    def instant(self, minute: float) -> datetime:
        return self.opens + timedelta(minutes=minute)

    def run(self) -> DayRun:
        self.env.process(self._arrivals())
        for k in range(len(self.counters)):
            self.env.process(self._desk(k))
        self.env.run()
        return DayRun(
            self.visitors, self.counters, self.closes, self.due, self.called, self.finished,
            self.counter, tuple(self.call_order), self.env.scheduled,
        )  # fmt: skip

    def _arrivals(self) -> Generator[simpy.Event, Any, None]:
        env, day = self.env, self.opens.date()
        for i, person in enumerate(self.visitors):
            if person.arrives > env.now:
                yield env.timeout(person.arrives - env.now)
            appointment = person.slot_minute is not None
            ticket = new_ticket(
                ticket_id=str(i),
                office_id="simulated",
                day=day,
                sequence=i + 1,
                prefix="S",
                service=person.service,
                kind=TicketKind.APPOINTMENT if appointment else TicketKind.WALK_IN,
                priority=person.priority,
                now=self.instant(person.arrives),
                slot_start=self.instant(person.slot_minute) if person.slot_minute is not None else None,
            )
            self.tickets[i] = ticket
            if self.check_policy:
                self.waiting[i] = ticket
            due = self._minute_of(self.policy.due_at(ticket), ticket, person)
            self.due[i] = due
            if self.policy.is_due(ticket, ticket.queued_at):
                self._join(i)
            else:  # an early appointment: its ticket waits, uncalled, for its slot
                heapq.heappush(self.held, (due, i))
                self._admit_at(due)

    def _minute_of(self, instant: datetime, ticket: Ticket, person: Visitor) -> float:
        """The policy's instant back on the simulation's clock, exactly when it is the arrival or
        the slot (a round trip through microseconds would move it by a rounding error)."""
        if instant == ticket.queued_at:
            return person.arrives
        if instant == ticket.slot_start and person.slot_minute is not None:
            return person.slot_minute
        return (instant - self.opens) / _MINUTE

    def _admit_at(self, due: float) -> None:
        # A hair after ``due``, so that the instant the clock shows is past it at the policy's
        # millisecond (the float sum now + delay may fall a few nanoseconds short).
        self.env.timeout(due - self.env.now + _HAIR).callbacks.append(lambda _: self._admit())

    def _admit(self) -> None:
        """Every held ticket the policy says is due now joins its line."""
        now = self.instant(self.env.now)
        held = self.held
        while held and self.policy.is_due(self._ticket(held[0][1]), now):
            self._join(heapq.heappop(held)[1])

    def _ticket(self, i: int) -> Ticket:
        ticket = self.tickets[i]
        assert ticket is not None
        return ticket

    def _join(self, i: int) -> None:
        ticket = self._ticket(i)
        heapq.heappush(self.lines.setdefault(ticket.service, []), (self.policy.key(ticket), i))
        self._wake(ticket.service)

    def _wake(self, service: str) -> None:
        """Wake the counter idle the longest among those that serve ``service``."""
        for n, (k, event) in enumerate(self.idle):
            if service in self.counters[k].services:
                del self.idle[n]
                event.succeed()
                return

    def _take(self, k: int) -> int | None:
        """The visitor counter ``k`` calls now, by the policy's order, or None."""
        self._admit()  # a slot starting this very instant counts, whichever event the clock ran first
        plan = self.counters[k]
        best: tuple[tuple[int, str], int] | None = None
        line_of_best: list[tuple[tuple[int, str], int]] = []
        for service in plan.services:
            line = self.lines.get(service)
            if line and (best is None or line[0] < best):
                best, line_of_best = line[0], line
        chosen = heapq.heappop(line_of_best)[1] if best is not None else None
        if self.check_policy:
            self._check(plan, chosen)
        if chosen is not None:
            self._hand_on(k)
        return chosen

    def _check(self, plan: CounterPlan, chosen: int | None) -> None:
        """Ask the policy itself, over every uncalled ticket, and call the ticket for real (the
        state machine refuses a second call). Only when checking: it costs a third of the run."""
        now = self.instant(self.env.now)
        expected = self.policy.next_ticket(self.waiting.values(), plan.services, now)
        got = self.waiting.pop(chosen) if chosen is not None else None
        if (expected and expected.id) != (got and got.id):
            raise PolicyMismatch(
                f"at minute {self.env.now:.3f} counter {plan.id} called "
                f"{got and got.number}, the policy says {expected and expected.number}"
            )
        if chosen is not None and got is not None:
            self.tickets[chosen] = call(got, plan.id, now)

    def _desk(self, k: int) -> Generator[simpy.Event, Any, None]:
        env = self.env
        for start, end in self.counters[k].shifts:
            if env.now < start:
                yield env.timeout(start - env.now)
            empties_the_hall = end >= self.closes
            shift_over = env.timeout(max(0.0, end - env.now))  # a long service may outlast a shift
            while True:
                past_end = env.now >= end
                if past_end and not empties_the_hall:
                    break
                chosen = self._take(k)
                if chosen is None:
                    if past_end:  # after closing, and nobody left for this counter
                        break
                    woken = env.event()
                    self.idle.append((k, woken))
                    yield woken | shift_over
                    if not woken.triggered:
                        self.idle.remove((k, woken))
                    continue
                # The clock reached the arrival by a float sum that may fall an ulp short of it.
                self.called[chosen], self.counter[chosen] = max(env.now, self.due[chosen]), k
                self.call_order.append(chosen)
                yield env.timeout(self.visitors[chosen].service_minutes)
                self.finished[chosen] = env.now
            self._hand_on(k)

    def _hand_on(self, k: int) -> None:
        """A counter may have been woken for a ticket it did not call (it called a better one of
        another service, or its hours ended): whoever is left in its lines wakes another."""
        for service in self.counters[k].services:
            if self.lines.get(service):
                self._wake(service)


def simulate_day(
    counters: tuple[CounterPlan, ...],
    visitors: tuple[Visitor, ...],
    policy: CallPolicy,
    opens: datetime,
    closes_minute: float,
    check_policy: bool = False,
) -> DayRun:
    """Run one day: ``visitors`` (in order of arrival) through ``counters`` under ``policy``."""
    return _Hall(counters, visitors, policy, opens, closes_minute, check_policy).run()
