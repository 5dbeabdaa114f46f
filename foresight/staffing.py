"""Staffing advice: per service group and hour of an office day, the counters Erlang C says are
needed to call ``target`` of the people within ``within`` minutes, beside the counters planned.

A *service group* is a set of services the same counters serve: services are joined when one
counter serves both, so every counter belongs to exactly one group and Erlang C sees the group as
one line with identical counters (a counter serving only part of its group is counted as serving
all of it: the advice is then a little optimistic for such halls, which the simulation shows).

Each hour is taken on its own as a stationary M/M/c queue: the people due in it (bookings by their
slot, less the expected no-shows, plus the walk-ins expected), the group's mean service time
weighted by who comes, and the counters open (their open minutes in the hour over its length).
A queue carried over from a busy hour, bookings due all at once at a slot's start and service times
that are not exponential are what the simulation (``check``) adds: it runs the day as planned and
with the advised counters, on the same people, and reports the share really called within the
target per hour beside Erlang's promise.

The flag of an hour: ``short`` when fewer counters are planned than needed, ``idle`` when at least
``idle_margin`` (2) more are planned than needed (two counters could go elsewhere and the target
would still be met), else ``ok``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from foresight.erlang import DEFAULT_TARGET, DEFAULT_WITHIN_MINUTES, counters_needed, service_level
from foresight.measures import Estimate, day_figures, estimate, estimates
from foresight.office_day import CounterPlan, OfficeDay, Shift
from foresight.scenarios import PLANNED, Comparison, Progress, Scenario, planned, run_scenario
from foresight.simulation import DayRun
from foresight.visitors import draw_visitors

SHORT, OK, IDLE = "short", "ok", "idle"
IDLE_MARGIN = 2
ADVISED = "advised"
"""The scenario with the advised counters."""

Group = tuple[str, ...]
"""A service group: its services, sorted."""


def service_groups(day: OfficeDay) -> tuple[Group, ...]:
    """The day's service groups: services joined by the counters serving them, and each service
    no counter serves on its own."""
    parent = {s: s for s in day.services} | {s: s for c in day.counters for s in c.services}

    def root(service: str) -> str:
        while parent[service] != service:
            service = parent[service]
        return service

    for counter in day.counters:
        first, *others = sorted(counter.services) if counter.services else ("",)
        for service in others:
            parent[root(service)] = root(first)
    members: dict[str, list[str]] = defaultdict(list)
    for service in sorted(parent):
        members[root(service)].append(service)
    return tuple(sorted(tuple(group) for group in members.values()))


def _open_minutes(shifts: Iterable[Shift], start: float, end: float) -> float:
    return sum(max(0.0, min(b, end) - max(a, start)) for a, b in shifts)


@dataclass(frozen=True, slots=True)
class HourAdvice:
    """One group's hour: ``hour`` is the hour after opening (0: the first)."""

    group: Group
    hour: int
    people: float
    """People expected to be due in the hour."""
    service_minutes: float
    """The group's mean service time, weighted by who is expected."""
    offered_load: float
    """Erlangs: arrivals per minute × mean service time; the counters kept busy on average."""
    needed: int
    planned: float
    """Counters open, on average over the hour."""
    status: str
    promised: float
    """The share Erlang C says is called within the target with the planned counters."""


@dataclass(frozen=True, slots=True)
class Staffing:
    target: float
    within_minutes: float
    hours: tuple[HourAdvice, ...]

    def advised_counters(self, day: OfficeDay) -> tuple[CounterPlan, ...]:
        """Counters open as advised: per group, as many as needed in each hour, and at least one
        through the day for a group anyone comes for (someone must call whoever is left)."""
        plans: list[CounterPlan] = []
        by_group: dict[Group, list[HourAdvice]] = defaultdict(list)
        for advice in self.hours:
            by_group[advice.group].append(advice)
        for group, hours in by_group.items():
            anyone = any(h.people > 0 for h in hours)
            wanted = [max(h.needed, 1 if anyone else 0) for h in hours]
            for k in range(max(wanted, default=0)):
                shifts: list[Shift] = []
                for h, n in zip(hours, wanted, strict=True):
                    if n > k:
                        start, end = h.hour * 60.0, min(day.closes_minute, (h.hour + 1) * 60.0)
                        if shifts and shifts[-1][1] == start:
                            shifts[-1] = (shifts[-1][0], end)
                        else:
                            shifts.append((start, end))
                plans.append(
                    CounterPlan(f"{ADVISED}-{'+'.join(group)}-{k + 1}", frozenset(group), tuple(shifts))
                )
        return tuple(plans)


def _status(needed: int, planned: float, idle_margin: int) -> str:
    if planned < needed:
        return SHORT
    return IDLE if planned >= needed + idle_margin else OK


def _due_per_hour(day: OfficeDay, hours: int) -> dict[str, np.ndarray]:
    """Expected people due per service and hour after opening."""
    due: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(hours))
    kept = 1.0 - day.behaviour.no_show_share
    for booked in day.bookings:
        due[booked.service][min(int(booked.slot_minute // 60), hours - 1)] += kept
    for service, rates in day.walk_ins_per_hour.items():
        for h, rate in enumerate(rates[:hours]):
            due[service][h] += rate * (min(60.0, day.closes_minute - h * 60.0) / 60.0)
    return due


def advise(
    day: OfficeDay,
    target: float = DEFAULT_TARGET,
    within: float = DEFAULT_WITHIN_MINUTES,
    idle_margin: int = IDLE_MARGIN,
) -> Staffing:
    """The advice for every service group and hour of ``day``."""
    hours = math.ceil(day.closes_minute / 60.0)
    due = _due_per_hour(day, hours)
    advice = []
    for group in service_groups(day):
        counters = [c for c in day.counters if c.services & set(group)]
        for h in range(hours):
            start, end = h * 60.0, min(day.closes_minute, (h + 1) * 60.0)
            people = float(sum(due[s][h] for s in group))
            work = sum(due[s][h] * day.service_times[s].mean_minutes for s in group if due[s][h])
            mean_minutes = work / people if people else 0.0
            arrivals = people / (end - start)
            needed = counters_needed(arrivals, mean_minutes, target, within) if people else 0
            planned_ = sum(_open_minutes(c.shifts, start, end) for c in counters) / (end - start)
            whole = math.floor(planned_ + 1e-9)
            promised = (
                service_level(arrivals, mean_minutes, whole, within)
                if people and whole
                else float(not people)
            )
            advice.append(
                HourAdvice(
                    group, h, people, mean_minutes, arrivals * mean_minutes, needed, planned_,
                    _status(needed, planned_, idle_margin), promised,
                )
            )  # fmt: skip
    return Staffing(target, within, tuple(advice))


@dataclass(frozen=True, slots=True)
class CheckedHour:
    """The share of a group's people due in an hour who were called within the target, over the
    simulated days, as planned and with the advised counters."""

    group: Group
    hour: int
    planned: Estimate
    advised: Estimate


@dataclass(frozen=True, slots=True)
class Check:
    comparison: Comparison
    """The whole day's figures of both scenarios (``planned``, ``advised``)."""
    hours: tuple[CheckedHour, ...]


def called_within(run: DayRun, groups: Iterable[Group], within: float) -> dict[tuple[Group, int], float]:
    """Per (group, hour after opening), the share of the people due in that hour called within
    ``within`` minutes of being due (whoever was never called was not); NaN for nobody."""
    group_of = {s: g for g in groups for s in g}
    hours = math.ceil(run.closes_minute / 60.0)
    counted: Mapping[tuple[Group, int], list[bool]] = defaultdict(list)
    for n, visitor in enumerate(run.visitors):
        hour = min(int(run.due[n] // 60), hours - 1)
        counted[group_of[visitor.service], hour].append(bool(run.called[n] - run.due[n] <= within))
    return {
        (g, h): float(np.mean(counted[g, h])) if counted.get((g, h)) else math.nan
        for g in group_of.values()
        for h in range(hours)
    }


def check(
    day: OfficeDay,
    staffing: Staffing,
    replications: int = 50,
    seed: int = 0,
    progress: Progress | None = None,
) -> Check:
    """Simulate ``day`` as planned and with the advised counters over ``replications`` days drawn
    from it (every scenario on the same people, seeded as ``scenarios.compare`` is)."""
    if replications < 1:
        raise ValueError("at least one replication")
    groups = service_groups(day)
    scenarios = (planned(day), Scenario(ADVISED, staffing.advised_counters(day)))
    figures: dict[str, list[dict[str, float]]] = {s.name: [] for s in scenarios}
    shares: dict[str, list[dict[tuple[Group, int], float]]] = {s.name: [] for s in scenarios}
    events = 0
    for done, child in enumerate(np.random.SeedSequence(seed).spawn(replications), start=1):
        people = draw_visitors(day, np.random.default_rng(child))
        for scenario in scenarios:
            run = run_scenario(day, scenario, people)
            events += run.events
            figures[scenario.name].append(day_figures(run))
            shares[scenario.name].append(called_within(run, groups, staffing.within_minutes))
        if progress is not None:
            progress(done, replications)

    def share(name: str, advice: HourAdvice) -> Estimate:
        return estimate(r.get((advice.group, advice.hour), math.nan) for r in shares[name])

    hours = [CheckedHour(a.group, a.hour, share(PLANNED, a), share(ADVISED, a)) for a in staffing.hours]
    comparison = Comparison(replications, {name: estimates(rows) for name, rows in figures.items()}, events)
    return Check(comparison, tuple(hours))
