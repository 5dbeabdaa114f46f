"""One simulated day on hand-made people: the call policy's order, the counters' hours, closing
time, and multi-counter first-come-first-served against the Kiefer–Wolfowitz recursion."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from foresight.office_day import CounterPlan
from foresight.scenarios import FIRST_COME_FIRST_SERVED
from foresight.simulation import DayRun, simulate_day
from foresight.visitors import Visitor
from queue_display.policy import CallPolicy
from queue_display.ticket import Priority
from tests.unit.foresight.factories import OPENS, booked, counter, walk_in

POLICY = CallPolicy()


def run(
    visitors: list[Visitor],
    counters: tuple[CounterPlan, ...] = (counter("1"),),
    policy: CallPolicy = POLICY,
    closes: float = 120.0,
) -> DayRun:
    return simulate_day(counters, tuple(visitors), policy, OPENS, closes, check_policy=True)


def test_an_appointment_whose_slot_has_come_goes_before_an_earlier_walk_in() -> None:
    people = [walk_in(0, 40), walk_in(5, 10), booked(20, 30, 10)]
    day = run(people)
    assert list(day.called) == [0, 50, 40]  # at 40 the appointment (due 30, credit 30) beats 5
    fcfs = run(people, policy=FIRST_COME_FIRST_SERVED)
    assert list(fcfs.called) == [0, 40, 50]


def test_an_early_arrival_is_not_called_before_its_slot_even_by_an_idle_counter() -> None:
    day = run([booked(10, 30, 5)])
    assert day.called[0] == pytest.approx(30, abs=1e-6)
    assert day.due[0] == 30


def test_a_priority_class_goes_before_its_kind_who_came_up_to_15_minutes_earlier() -> None:
    people = [walk_in(0, 30), walk_in(2, 5), walk_in(16, 5, priority=Priority.ELDERLY), walk_in(18, 5)]
    day = run(people)
    assert list(day.call_order) == [0, 2, 1, 3]  # elderly: 16 − 15 = 1 < 2


def test_a_counter_opening_as_a_slot_starts_calls_that_slots_appointment_first() -> None:
    """At 30 the counter opens and the slot starts in the same instant: the appointment is due
    (the policy's word) though the simulation's own event for it comes a hair later."""
    desks = (counter("1", shifts=((30.0, 120.0),)),)
    day = run([booked(10, 30, 5), walk_in(20, 5)], desks)  # check_policy would raise otherwise
    assert list(day.call_order) == [0, 1]
    assert day.called[0] == 30


def test_a_counter_woken_for_one_ticket_that_calls_another_leaves_nobody_waiting_by_a_free_counter() -> None:
    """Both slots start at 30: counter 0 is woken for the b ticket, counter 1 for the a ticket;
    counter 0 calls the a ticket (elderly, a better key), so counter 2 must be woken for b."""
    desks = (
        counter("0", "a", "b", shifts=((0.0, 60.0),)),
        counter("1", "a", shifts=((0.0, 31.0),)),
        counter("2", "a", "b", shifts=((0.0, 60.0),)),
    )
    people = [booked(29.1, 30, 1, "b"), booked(29.6, 30, 1, "a", Priority.ELDERLY)]
    day = run(people, desks, closes=60.0)
    assert day.called == pytest.approx([30, 30], abs=1e-6)
    assert list(day.counter) == [2, 0]


def test_a_counter_calls_only_its_services_and_only_in_its_hours() -> None:
    counters = (counter("1", "a", shifts=((0.0, 30.0), (60.0, 120.0))), counter("2", "b"))
    day = run([walk_in(35, 5, "a"), walk_in(35, 5, "b")], counters)
    assert list(day.called) == [60, 35]
    assert list(day.counter) == [0, 1]


def test_the_counters_open_at_closing_empty_the_hall_and_nobody_else_is_called() -> None:
    counters = (
        counter("1", "a", shifts=((0.0, 60.0),)),
        counter("2", "b", shifts=((0.0, 60.0), (90.0, 120.0))),
    )
    people = [walk_in(50, 30, "a"), walk_in(55, 1, "a"), walk_in(100, 30, "b"), walk_in(110, 5, "b")]
    day = run(people, counters, closes=120.0)
    assert math.isnan(day.called[1])  # counter 1 closed at 60 while busy: never called
    assert day.counter[1] == -1
    assert list(day.called[[0, 2, 3]]) == [50, 100, 130]  # counter 2 works on past closing
    assert day.finished[3] == 135


def kiefer_wolfowitz(arrivals: list[float], minutes: list[float], counters: int) -> list[float]:
    """When each is called in a first-come-first-served hall of identical counters: by the
    earliest free counter, at once if one is free."""
    free = [0.0] * counters
    called = []
    for arrives, takes in zip(arrivals, minutes, strict=True):
        k = min(range(counters), key=free.__getitem__)
        called.append(max(arrives, free[k]))
        free[k] = called[-1] + takes
    return called


@given(
    gaps=st.lists(st.integers(1, 20_000), min_size=1, max_size=60),
    minutes=st.lists(st.floats(min_value=0.01, max_value=30.0), min_size=60, max_size=60),
    counters=st.integers(1, 4),
)
def test_first_come_first_served_calls_people_when_the_recursion_says(
    gaps: list[int], minutes: list[float], counters: int
) -> None:
    arrivals = list(np.cumsum(gaps) / 1000.0)  # whole milliseconds, strictly increasing
    people = [walk_in(a, m) for a, m in zip(arrivals, minutes, strict=False)]
    desks = tuple(counter(str(k + 1), shifts=((0.0, 2000.0),)) for k in range(counters))
    day = run(people, desks, policy=FIRST_COME_FIRST_SERVED, closes=2000.0)
    expected = kiefer_wolfowitz(arrivals, minutes[: len(arrivals)], counters)
    assert day.called == pytest.approx(expected, abs=1e-6)
    assert not any(math.isnan(c) for c in day.called)
