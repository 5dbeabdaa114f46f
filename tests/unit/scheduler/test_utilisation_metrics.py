"""Metrics are computed one way for any solution, from halls (office and start time)."""

from __future__ import annotations

import pytest

from scheduler.metrics import measure
from scheduler.solution import NO_CAPACITY
from tests.unit.scheduler.factories import NINE, TWO_PM, problem, request, slot, solution


def test_metrics_of_a_small_solution_match_a_hand_count() -> None:
    p = problem(
        [request("r1", offices=[("giza", 4.0)]), request("r2", offices=[("giza", 8.0)])],
        [
            slot("nine", start=NINE, capacity=3, booked=1),
            slot("nine-civil", start=NINE, capacity=1, service="civil-certificate"),
            slot("two", start=TWO_PM, capacity=4),
        ],
    )

    m = measure(p, solution([("r1", "nine")], {"r2": NO_CAPACITY}))

    # Hall 9:00 holds 2 of 4 places, hall 14:00 none of 4.
    assert m.placed == 1
    assert m.placed_share == 0.5
    assert m.peak_utilisation == pytest.approx(0.5)
    assert m.peak_hour_utilisation == pytest.approx(0.5)
    assert m.mean_utilisation == pytest.approx(2 / 8)
    assert m.utilisation_std == pytest.approx(0.25)
    assert m.mean_distance_km == pytest.approx(4.0)


def test_closed_halls_are_left_out_of_utilisation() -> None:
    p = problem([], [slot("closed", capacity=0), slot("open", start=TWO_PM, capacity=2, booked=1)])

    m = measure(p, solution([]))

    assert m.peak_utilisation == pytest.approx(0.5)
    assert m.mean_utilisation == pytest.approx(0.5)
