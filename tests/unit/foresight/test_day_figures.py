"""A day's figures on a hand-made day, and confidence intervals as Student's t gives them."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from foresight.measures import day_figures, estimate, estimates, queue_length
from foresight.simulation import DayRun, simulate_day
from queue_display.policy import CallPolicy
from tests.unit.foresight.factories import OPENS, booked, counter, walk_in


def hand_made_day() -> DayRun:
    # One counter open 0–60 then 90–120 (closing): three walk-ins of 20 minutes at 0, 5, 10
    # and an appointment for 30 that comes at 25 and takes 10.
    people = (walk_in(0, 20), walk_in(5, 20), walk_in(10, 20), booked(25, 30, 10))
    desks = (counter("1", shifts=((0.0, 60.0), (90.0, 120.0))),)
    return simulate_day(desks, people, CallPolicy(), OPENS, 120.0, check_policy=True)


def test_the_figures_of_a_day_worked_by_hand() -> None:
    run = hand_made_day()
    # Calls: 0 at 0; at 20 walk-in 1 (due 5, score 5) beats the appointment (not due); at 40 the
    # appointment (due 30, score 0) beats walk-in 2 (score 10); at 50 walk-in 2; busy till 70.
    assert list(run.called) == [0, 20, 50, 40]
    figures = day_figures(run)
    waits = [0, 15, 40, 10]  # from due: the appointment from its slot at 30
    assert figures["wait.mean"] == pytest.approx(np.mean(waits))
    assert figures["wait.max"] == 40
    assert figures["wait.p50"] == pytest.approx(np.percentile(waits, 50))
    assert figures["wait_from_arrival.mean"] == pytest.approx(np.mean([0, 15, 40, 15]))
    assert figures["kind.appointment.mean"] == 10
    assert figures["kind.walk_in.mean"] == pytest.approx(55 / 3)
    assert figures["service.a.people"] == 4
    # Busy 0–60 within the first shift (the last service runs 50–70, 10 of it past the shift).
    assert figures["utilisation"] == pytest.approx(60 / 90)
    assert figures["counter.1"] == pytest.approx(60 / 90)
    assert figures["waiting_at_closing"] == 0
    assert figures["never_called"] == 0
    assert figures["queue.0"] == 0  # the first is called the instant she comes
    assert figures["queue.15"] == 2
    assert figures["queue.30"] == 2
    assert figures["queue.45"] == 1


def test_the_queue_length_counts_those_not_yet_called() -> None:
    run = hand_made_day()
    assert list(queue_length(run, np.array([4.9, 5.0, 19.9, 20.0, 40.0]))) == [0, 1, 2, 1, 1]


def test_people_left_when_the_counters_go_are_waiting_at_closing_and_never_called() -> None:
    people = (walk_in(0, 50), walk_in(10, 5), walk_in(20, 5))
    run = simulate_day((counter("1", shifts=((0.0, 30.0),)),), people, CallPolicy(), OPENS, 60.0)
    figures = day_figures(run)
    assert figures["never_called"] == 2
    assert figures["waiting_at_closing"] == 2
    assert figures["served"] == 1
    assert figures["overtime_minutes"] == 0  # done at 50, before closing at 60


def test_warm_up_arrivals_do_not_count_towards_the_waits() -> None:
    run = hand_made_day()
    figures = day_figures(run, warmup_minutes=8.0)
    assert figures["wait.people"] == 2
    assert figures["wait.mean"] == pytest.approx(25)


def test_the_confidence_interval_is_students() -> None:
    values = [3.0, 5.0, 4.5, 6.0, 2.5]
    low, high = stats.t.interval(0.95, len(values) - 1, loc=np.mean(values), scale=stats.sem(values))
    got = estimate(values)
    assert got.mean == pytest.approx(np.mean(values))
    assert got.ci95 == pytest.approx((high - low) / 2)
    assert got.replications == 5


def test_figures_missing_from_a_replication_are_left_out_not_taken_for_zero() -> None:
    got = estimates([{"x": 1.0, "y": 2.0}, {"x": 3.0}, {"x": math.nan, "y": 4.0}])
    assert got["x"].mean == 2.0 and got["x"].replications == 2
    assert got["y"].mean == 3.0
    single = estimate([7.0])
    assert single.mean == 7.0 and math.isnan(single.ci95)
    assert estimate([]).replications == 0
