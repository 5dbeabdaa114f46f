"""Scenarios side by side: the day as planned, a counter more or less at some hours, a counter
closed, and the same people in a walk-in-only first-come-first-served hall.

Each replication draws the day's people once and runs every scenario on them (common random
numbers), so the differences between scenarios are the office's doing, not chance's, and the
headline ``mean_wait_reduction`` (planned against walk-in FCFS) is measured on the same people.

There are two walk-in-only halls. ``walk_in_fcfs`` is the counterfactual the headline compares
with: without bookings, today's appointment holders would have come as people without bookings
come (the walk-in arrival profile by hour: a morning rush, in the archive), not at the instants
their slots spread them over. ``walk_in_same_times`` keeps everyone's arrival instant and only
takes the bookings away: it isolates what the call policy does with the same arrivals (holding
early arrivals until their slot, a slot's appointments falling due together), which costs waiting
rather than saving it; the gain of appointments is in spreading arrivals over the day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from enum import StrEnum

import numpy as np

from foresight.measures import Estimate, day_figures, estimates
from foresight.office_day import CounterPlan, OfficeDay, Shift
from foresight.simulation import DayRun, simulate_day
from foresight.visitors import Visitor, arriving_as_walk_ins, as_walk_ins, draw_visitors
from queue_display.policy import CallPolicy

PLANNED = "planned"
WALK_IN_FCFS = "walk_in_fcfs"
WALK_IN_SAME_TIMES = "walk_in_same_times"

FIRST_COME_FIRST_SERVED = CallPolicy(appointment_credit=timedelta(0), priority_credit=timedelta(0))
"""The same policy with no credit for a booking or a priority class: the order of arrival."""


class Arrivals(StrEnum):
    """Who comes when in a scenario, from the same drawn people."""

    AS_BOOKED = "as_booked"
    """As drawn: appointment holders around their slots, walk-ins as they come."""
    WALK_INS = "walk_ins"
    """Nobody has a booking; appointment holders arrive as walk-ins do (``walk_in_arrives``)."""
    WALK_INS_AT_SAME_TIMES = "walk_ins_at_same_times"
    """Nobody has a booking; everyone arrives at the instant drawn for the planned hall."""


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    counters: tuple[CounterPlan, ...]
    policy: CallPolicy = field(default_factory=CallPolicy)
    arrivals: Arrivals = Arrivals.AS_BOOKED

    @property
    def walk_ins_only(self) -> bool:
        return self.arrivals is not Arrivals.AS_BOOKED

    def people(self, drawn: tuple[Visitor, ...]) -> tuple[Visitor, ...]:
        """The drawn people as this scenario's hall receives them, in order of arrival."""
        if self.arrivals is Arrivals.WALK_INS:
            return arriving_as_walk_ins(drawn)
        if self.arrivals is Arrivals.WALK_INS_AT_SAME_TIMES:
            return as_walk_ins(drawn)
        return drawn


def planned(day: OfficeDay) -> Scenario:
    return Scenario(PLANNED, day.counters)


def walk_in_fcfs(day: OfficeDay) -> Scenario:
    """No appointments: the same people, services and service times, the appointment holders
    arriving as walk-ins do (the day's walk-in profile), everyone called in arrival order."""
    return Scenario(WALK_IN_FCFS, day.counters, FIRST_COME_FIRST_SERVED, Arrivals.WALK_INS)


def walk_in_same_times(day: OfficeDay) -> Scenario:
    """No appointments, and everyone arriving at the instant they came in the planned hall,
    called in arrival order: what the call policy and the slots do with the same arrivals."""
    return Scenario(
        WALK_IN_SAME_TIMES, day.counters, FIRST_COME_FIRST_SERVED, Arrivals.WALK_INS_AT_SAME_TIMES
    )


def _without(shifts: tuple[Shift, ...], start: float, end: float) -> tuple[Shift, ...]:
    kept: list[Shift] = []
    for a, b in shifts:
        kept.extend(part for part in ((a, min(b, start)), (max(a, end), b)) if part[0] < part[1])
    return tuple(kept)


def _hours(day: OfficeDay, from_hour: float, to_hour: float) -> tuple[float, float]:
    start, end = max(0.0, from_hour * 60.0), min(day.closes_minute, to_hour * 60.0)
    if not start < end:
        raise ValueError("the hours of a change must overlap the office's hours")
    return start, end


def counter_added(
    day: OfficeDay, from_hour: float, to_hour: float, services: Iterable[str] | None = None
) -> Scenario:
    """One counter more from ``from_hour`` to ``to_hour`` (hours after opening), serving
    ``services`` (every service of the day by default)."""
    start, end = _hours(day, from_hour, to_hour)
    extra = CounterPlan("extra", frozenset(services or day.services), ((start, end),))
    name = f"counter_added_{from_hour:g}h_{to_hour:g}h"
    return Scenario(name, (*day.counters, extra))


def counter_removed(
    day: OfficeDay, from_hour: float, to_hour: float, counter_id: str | None = None
) -> Scenario:
    """One counter fewer from ``from_hour`` to ``to_hour``: ``counter_id``, or the last counter
    open during those hours."""
    start, end = _hours(day, from_hour, to_hour)
    if counter_id is None:
        open_then = [c for c in day.counters if _without(c.shifts, start, end) != c.shifts]
        if not open_then:
            raise ValueError("no counter is open during those hours")
        counter_id = open_then[-1].id
    name = f"counter_removed_{from_hour:g}h_{to_hour:g}h"
    return Scenario(name, _change(day, counter_id, lambda c: _without(c.shifts, start, end)))


def counter_closed(day: OfficeDay, counter_id: str) -> Scenario:
    """Counter ``counter_id`` closed all day."""
    return Scenario(f"counter_{counter_id}_closed", _change(day, counter_id, lambda c: ()))


def _change(
    day: OfficeDay, counter_id: str, shifts: Callable[[CounterPlan], tuple[Shift, ...]]
) -> tuple[CounterPlan, ...]:
    if counter_id not in {c.id for c in day.counters}:
        raise ValueError(f"the office has no counter {counter_id}")
    return tuple(replace(c, shifts=shifts(c)) if c.id == counter_id else c for c in day.counters)


def run_scenario(
    day: OfficeDay, scenario: Scenario, people: tuple[Visitor, ...], check: bool = False
) -> DayRun:
    return simulate_day(
        scenario.counters, scenario.people(people), scenario.policy, day.opens, day.closes_minute,
        check_policy=check,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Comparison:
    """Each scenario's estimates (``foresight.measures``) over the same replications."""

    replications: int
    scenarios: dict[str, dict[str, Estimate]]
    events: int

    @property
    def mean_wait_reduction(self) -> float | None:
        """1 − mean wait as planned / mean wait in the walk-in FCFS hall (0–1 when the plan
        helps); None without both scenarios or when nobody waits in the walk-in hall."""
        if PLANNED not in self.scenarios or WALK_IN_FCFS not in self.scenarios:
            return None
        walk_in = self.scenarios[WALK_IN_FCFS]["wait.mean"].mean
        if not walk_in > 0:
            return None
        return 1 - self.scenarios[PLANNED]["wait.mean"].mean / walk_in


Progress = Callable[[int, int], None]
"""Told (replications done, replications in all) after each replication."""


def compare(
    day: OfficeDay,
    scenarios: Sequence[Scenario],
    replications: int,
    seed: int = 0,
    warmup_minutes: float = 0.0,
    progress: Progress | None = None,
) -> Comparison:
    """Run every scenario over ``replications`` days drawn from ``day`` (reproducible by
    ``seed``: replication r uses the r-th child of the seed, whatever the number run)."""
    if replications < 1:
        raise ValueError("at least one replication")
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise ValueError("scenario names must differ")
    seeds = np.random.SeedSequence(seed).spawn(replications)
    rows: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    events = 0
    for done, child in enumerate(seeds, start=1):
        people = draw_visitors(day, np.random.default_rng(child))
        for scenario in scenarios:
            run = run_scenario(day, scenario, people)
            events += run.events
            rows[scenario.name].append(day_figures(run, warmup_minutes))
        if progress is not None:
            progress(done, replications)
    return Comparison(replications, {name: estimates(rows[name]) for name in names}, events)
