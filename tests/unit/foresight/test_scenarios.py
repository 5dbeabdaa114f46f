"""Scenarios change the counters or the policy, never the people; replications are reproducible."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from foresight.measures import estimate
from foresight.office_day import Booked, OfficeDay, ServiceTime
from foresight.scenarios import (
    FIRST_COME_FIRST_SERVED,
    PLANNED,
    WALK_IN_FCFS,
    WALK_IN_SAME_TIMES,
    Comparison,
    compare,
    counter_added,
    counter_closed,
    counter_removed,
    planned,
    run_scenario,
    walk_in_fcfs,
    walk_in_same_times,
)
from foresight.visitors import draw_visitors
from tests.unit.foresight.factories import OPENS, counter


def small_day(**changes: Any) -> OfficeDay:
    day = OfficeDay(
        opens=OPENS,
        closes_minute=240.0,
        counters=(counter("1", "a", shifts=((0.0, 240.0),)), counter("2", "a", "b", shifts=((0.0, 240.0),))),
        service_times={"a": ServiceTime(10.0), "b": ServiceTime(15.0, cv=0.3)},
        bookings=(*tuple(Booked("a", 30.0 * n) for n in range(7)), Booked("b", 60.0, senior=True)),
        walk_ins_per_hour={"a": (4.0, 3.0, 3.0, 2.0), "b": (2.0, 2.0, 1.0, 1.0)},
    )
    return replace(day, **changes)


def test_a_counter_more_at_some_hours_serves_every_service_then_only() -> None:
    scenario = counter_added(small_day(), 1, 3)
    extra = scenario.counters[-1]
    assert extra.shifts == ((60.0, 180.0),)
    assert extra.services == frozenset({"a", "b"})
    assert scenario.counters[:-1] == small_day().counters


def test_a_counter_fewer_loses_just_those_hours() -> None:
    scenario = counter_removed(small_day(), 1, 2)
    assert [c.shifts for c in scenario.counters] == [((0.0, 240.0),), ((0.0, 60.0), (120.0, 240.0))]
    chosen = counter_removed(small_day(), 0.5, 1, counter_id="1")
    assert chosen.counters[0].shifts == ((0.0, 30.0), (60.0, 240.0))


def test_a_closed_counter_has_no_hours_and_an_unknown_one_is_refused() -> None:
    assert counter_closed(small_day(), "2").counters[1].shifts == ()
    with pytest.raises(ValueError):
        counter_closed(small_day(), "9")
    with pytest.raises(ValueError):
        counter_added(small_day(), 5, 6)  # after closing


# This test was the walk-in FCFS hall's until the walk-in hall's appointment holders arrived as
# walk-ins do (issue 13's finding): the same-times hall is now its own scenario.
def test_the_same_times_hall_has_the_same_people_at_the_same_instants_without_bookings() -> None:
    day = small_day()
    people = draw_visitors(day, np.random.default_rng(3))
    scenario = walk_in_same_times(day)
    assert (scenario.name, scenario.policy) == (WALK_IN_SAME_TIMES, FIRST_COME_FIRST_SERVED)
    run = run_scenario(day, scenario, people, check=True)
    assert [v.arrives for v in run.visitors] == [v.arrives for v in people]
    assert [v.service_minutes for v in run.visitors] == [v.service_minutes for v in people]
    assert not any(v.has_appointment for v in run.visitors)
    assert np.array_equal(run.due, [v.arrives for v in people])  # nobody waits for a slot


def test_the_walk_in_hall_has_the_same_people_with_appointment_holders_arriving_as_walk_ins() -> None:
    day = small_day()
    people = draw_visitors(day, np.random.default_rng(3))
    scenario = walk_in_fcfs(day)
    assert (scenario.name, scenario.policy) == (WALK_IN_FCFS, FIRST_COME_FIRST_SERVED)
    run = run_scenario(day, scenario, people, check=True)
    as_walk_in = sorted(
        (v.arrives if v.walk_in_arrives is None else v.walk_in_arrives, v.service, v.service_minutes)
        for v in people
    )
    assert sorted((v.arrives, v.service, v.service_minutes) for v in run.visitors) == as_walk_in
    assert [v.arrives for v in run.visitors] == sorted(v.arrives for v in run.visitors)
    assert not any(v.has_appointment for v in run.visitors)
    walk_ins = [v for v in people if not v.has_appointment]
    assert all(v.walk_in_arrives is None for v in walk_ins)  # walk-ins keep their own arrival
    assert all(v.walk_in_arrives is not None for v in people if v.has_appointment)


def test_replications_are_reproducible_and_the_first_ones_do_not_depend_on_how_many() -> None:
    day = small_day()
    three = compare(day, [planned(day)], 3, seed=5)
    again = compare(day, [planned(day)], 3, seed=5)
    assert three == again
    one = compare(day, [planned(day)], 1, seed=5)
    assert one != compare(day, [planned(day)], 1, seed=6)
    first = draw_visitors(day, np.random.default_rng(np.random.SeedSequence(5).spawn(3)[0]))
    assert one.scenarios[PLANNED]["served"].mean == len(first)


def test_every_scenario_sees_the_same_people() -> None:
    day = small_day()
    scenarios = [planned(day), walk_in_fcfs(day), walk_in_same_times(day), counter_closed(day, "1")]
    result = compare(day, scenarios, 4, seed=1)
    served = {
        name: figures["served"].mean + figures["never_called"].mean
        for name, figures in result.scenarios.items()
    }
    assert len(set(served.values())) == 1


def test_a_counter_fewer_all_day_makes_a_busy_hall_wait_longer() -> None:
    day = small_day(walk_ins_per_hour={"a": (6.0,) * 4, "b": (2.0,) * 4})
    result = compare(day, [planned(day), counter_closed(day, "1")], 20, seed=2)
    wait = {name: figures["wait.mean"] for name, figures in result.scenarios.items()}
    assert (
        wait["counter_1_closed"].mean - wait["counter_1_closed"].ci95
        > wait[PLANNED].mean + wait[PLANNED].ci95
    )


def test_the_mean_wait_reduction_compares_planned_with_the_walk_in_hall() -> None:
    def waits(planned_wait: float, walk_in_wait: float) -> Comparison:
        return Comparison(
            2,
            {
                PLANNED: {"wait.mean": estimate([planned_wait, planned_wait])},
                WALK_IN_FCFS: {"wait.mean": estimate([walk_in_wait, walk_in_wait])},
            },
            0,
        )

    assert waits(2.0, 10.0).mean_wait_reduction == pytest.approx(0.8)
    assert waits(12.0, 10.0).mean_wait_reduction == pytest.approx(-0.2)
    assert waits(0.0, 0.0).mean_wait_reduction is None
    day = small_day()
    assert compare(day, [planned(day)], 1).mean_wait_reduction is None


def test_scenarios_need_distinct_names_and_a_replication() -> None:
    day = small_day()
    with pytest.raises(ValueError):
        compare(day, [planned(day), planned(day)], 1)
    with pytest.raises(ValueError):
        compare(day, [planned(day)], 0)
