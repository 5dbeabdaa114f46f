"""Hypothesis draws small office days (services, counters with broken hours, bookings,
walk-ins, priorities, service times, a walk-in profile) and runs them as planned and as both
walk-in FCFS halls, with the call policy itself asked at every call (``check_policy``). What must
hold whatever the day."""

from __future__ import annotations

import itertools
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from foresight.measures import day_figures
from foresight.office_day import Behaviour, Booked, CounterPlan, OfficeDay, ServiceTime
from foresight.scenarios import planned, run_scenario, walk_in_fcfs, walk_in_same_times
from foresight.simulation import DayRun
from foresight.visitors import draw_visitors
from tests.unit.foresight.factories import OPENS

SERVICES = ("a", "b", "c")
EPSILON = 1e-6  # minutes; the simulation admits an early appointment 60 ns after its slot starts


@st.composite
def counters(draw: st.DrawFn, closes: float) -> CounterPlan:
    services = draw(st.sets(st.sampled_from(SERVICES), min_size=1))
    # On the quarter hour, so that counters open and close as slots start (30, 60, ...).
    quarters = st.integers(0, int(closes) // 15).map(lambda n: n * 15)
    cuts = sorted(draw(st.sets(quarters, max_size=4)) | {0, int(closes)})
    pieces = list(itertools.pairwise(cuts))
    shifts = tuple((float(a), float(b)) for a, b in pieces if draw(st.booleans()))
    return CounterPlan(str(draw(st.integers(1, 99))), frozenset(services), shifts)


@st.composite
def office_days(draw: st.DrawFn) -> OfficeDay:
    closes = float(draw(st.integers(30, 240)))
    desks = draw(st.lists(counters(closes), min_size=1, max_size=4))
    desks = [CounterPlan(str(n), d.services, d.shifts) for n, d in enumerate(desks)]
    slot = st.integers(0, int(closes) // 30 - 1).map(lambda n: n * 30.0) if closes >= 30 else st.just(0.0)
    bookings = draw(st.lists(st.builds(Booked, st.sampled_from(SERVICES), slot, st.booleans()), max_size=30))
    hours = math.ceil(closes / 60)
    rates = draw(
        st.dictionaries(st.sampled_from(SERVICES), st.lists(st.floats(0, 12), min_size=hours, max_size=hours))
    )
    times = {
        s: ServiceTime(draw(st.floats(1, 25)), draw(st.floats(0, 1.5)), draw(st.booleans())) for s in SERVICES
    }
    behaviour = Behaviour(
        no_show_share=draw(st.floats(0, 0.5)),
        early_minutes=draw(st.floats(-10, 30)),
        punctuality_sd_minutes=draw(st.floats(0, 20)),
        priority_share=draw(st.floats(0, 0.5)),
    )
    profile = draw(st.lists(st.floats(0, 5), max_size=hours + 1))  # empty or all zero: the default
    return OfficeDay(
        OPENS,
        closes,
        tuple(desks),
        times,
        tuple(bookings),
        {s: tuple(r) for s, r in rates.items()},
        behaviour,
        tuple(profile),
    )


def available(run: DayRun, k: int) -> list[tuple[float, float]]:
    """When counter k could have called someone: in its hours (past closing if it is open then),
    and not serving."""
    plan = run.counters[k]
    hours = [(a, math.inf if b >= run.closes_minute else b) for a, b in plan.shifts]
    busy = sorted((c, f) for c, f, n in zip(run.called, run.finished, run.counter, strict=True) if n == k)
    free = []
    for a, b in hours:
        start = a
        for c, f in busy:
            if f <= start or c >= b:
                continue
            if c > start:
                free.append((start, c))
            start = max(start, f)
        if start < b:
            free.append((start, b))
    return free


def check_day(run: DayRun, fcfs: bool) -> None:
    people = run.visitors
    served = ~np.isnan(run.called)
    assert len(run.call_order) == len(set(run.call_order)) == served.sum()  # nobody called twice
    for i, person in enumerate(people):
        assert run.due[i] >= person.arrives
        if person.slot_minute is not None:
            assert run.due[i] >= person.slot_minute  # never called before the slot
        if not served[i]:
            continue
        assert run.called[i] >= run.due[i]  # waits ≥ 0
        plan = run.counters[run.counter[i]]
        assert person.service in plan.services
        called = run.called[i]
        assert any(a <= called < b or (b >= run.closes_minute <= called) for a, b in plan.shifts)
        assert run.finished[i] == called + person.service_minutes or math.isclose(
            run.finished[i], called + person.service_minutes
        )
    free = {k: available(run, k) for k in range(len(run.counters))}
    for i, person in enumerate(people):
        end = run.called[i] if served[i] else math.inf
        # Work conservation: while someone due waits, every counter that serves them is busy or closed.
        for k, plan in enumerate(run.counters):
            if person.service in plan.services:
                wait = (run.due[i] + EPSILON, end - EPSILON)
                assert not any(max(a, wait[0]) < min(b, wait[1]) for a, b in free[k]), (i, k)
    if fcfs:  # the same service: called in order of arrival
        for service in SERVICES:
            mine = [run.called[i] for i, p in enumerate(people) if p.service == service and served[i]]
            assert mine == sorted(mine)


@settings(max_examples=60, deadline=None)
@given(day=office_days(), seed=st.integers(0, 2**32 - 1))
def test_a_simulated_day_keeps_the_halls_promises(day: OfficeDay, seed: int) -> None:
    people = draw_visitors(day, np.random.default_rng(seed))
    for scenario in (planned(day), walk_in_fcfs(day), walk_in_same_times(day)):
        run = run_scenario(day, scenario, people, check=True)
        check_day(run, fcfs=scenario.walk_ins_only)
        figures = day_figures(run)
        arrived = len(people)
        assert figures["served"] + figures["never_called"] == arrived
        called_by_closing = int((run.called < day.closes_minute).sum())
        assert called_by_closing + figures["waiting_at_closing"] == arrived
        assert figures["wait.max"] >= 0 or figures["served"] == 0
        if figures["served"]:
            assert figures["wait.p50"] <= figures["wait.p90"] <= figures["wait.max"]
        assert 0 <= figures["utilisation"] <= 1 + 1e-9 or math.isnan(figures["utilisation"])


@settings(max_examples=30, deadline=None)
@given(day=office_days(), seed=st.integers(0, 2**32 - 1))
def test_whoever_a_counter_open_at_closing_can_serve_is_served(day: OfficeDay, seed: int) -> None:
    people = draw_visitors(day, np.random.default_rng(seed))
    run = run_scenario(day, planned(day), people)
    open_at_closing = {
        s for c in day.counters if c.shifts and c.shifts[-1][1] >= day.closes_minute for s in c.services
    }
    for i, person in enumerate(people):
        if person.service in open_at_closing:
            assert not math.isnan(run.called[i])
