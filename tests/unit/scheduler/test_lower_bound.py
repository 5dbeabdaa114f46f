"""The lower bound is valid and as tight as the argument in `scheduler.bounds` promises."""

from __future__ import annotations

import pytest

from scheduler.assign import assign
from scheduler.bounds import lower_bound, relative_gap
from scheduler.problem import Weights
from tests.unit.scheduler.factories import NINE, TWO_PM, problem, request, slot

NO_PREFERENCES = Weights(per_km=0, per_day_later=0, time_of_day_mismatch=0)


def test_bound_meets_the_optimum_when_preferences_do_not_pull_against_crowding() -> None:
    p = problem(
        [request(f"r{i}") for i in range(4)],
        [slot("nine", start=NINE, capacity=4), slot("two", start=TWO_PM, capacity=4)],
        NO_PREFERENCES,
    )

    result = assign(p)

    assert result.crowding_lower_bound == pytest.approx(result.crowding_cost)
    assert result.gap == pytest.approx(0.0)


def test_bound_keeps_a_hall_that_is_already_full_above_the_common_level() -> None:
    # Convexity alone would spread 4 booked + 2 new over 8 places: 6²/8 = 4.5. But the full hall
    # cannot shed its bookings: 4²/4 + 2²/4 = 5 is both the optimum and the bound.
    p = problem(
        [request("r1"), request("r2")],
        [slot("full", start=NINE, capacity=4, booked=4), slot("empty", start=TWO_PM, capacity=4)],
        NO_PREFERENCES,
    )

    bound = lower_bound(p, assign(p).assignments)

    assert bound.crowding == pytest.approx(5.0)


def test_bound_treats_offices_no_request_shares_as_separate() -> None:
    # Two requests can only use giza, one only cairo. Pooled, the three would take the three
    # cheapest places of both offices (1.5); apart, giza must hold two: 2²/2 + 1²/4.
    p = problem(
        [
            request("r1", offices=[("giza", 1.0)]),
            request("r2", offices=[("giza", 1.0)]),
            request("r3", offices=[("cairo", 1.0)]),
        ],
        [slot("giza", office="giza", capacity=2), slot("cairo", office="cairo", capacity=4)],
        NO_PREFERENCES,
    )

    bound = lower_bound(p, assign(p).assignments)

    assert bound.crowding == pytest.approx(2**2 / 2 + 1**2 / 4)


def test_bound_includes_bookings_in_halls_nobody_can_reach() -> None:
    p = problem([], [slot("closed-to-batch", capacity=3, booked=3)])

    assert lower_bound(p, []).crowding == pytest.approx(3.0)


def test_preference_bound_charges_each_placed_request_its_cheapest_option() -> None:
    weights = Weights(crowding=0.0, per_km=1.0)
    p = problem(
        [request("r1", offices=[("a", 2.0), ("b", 7.0)]), request("r2", offices=[("b", 3.0)])],
        [slot("a", office="a"), slot("b", office="b")],
        weights,
    )

    bound = lower_bound(p, assign(p).assignments)

    assert bound.preference == pytest.approx(2.0 + 3.0)


def test_preference_bound_charges_the_nearest_band_with_room() -> None:
    weights = Weights(crowding=0.0, per_km=0.0, time_of_day_mismatch=3.0)
    p = problem([request("r1", time_of_day="morning")], [slot("two", start=TWO_PM)], weights)

    assert lower_bound(p, assign(p).assignments).preference == pytest.approx(2 * 3.0)


def test_bound_never_exceeds_the_cost_of_the_optimum() -> None:
    p = problem(
        [
            request("r1", offices=[("a", 1.0), ("b", 30.0)], time_of_day="afternoon"),
            request("r2", offices=[("a", 2.0)]),
            request("r3", offices=[("b", 4.0)], time_of_day="morning"),
        ],
        [slot("a9", office="a", capacity=2, booked=1), slot("b2", office="b", start=TWO_PM, capacity=2)],
    )

    result = assign(p)

    assert result.lower_bound is not None
    assert result.lower_bound <= result.objective + 1e-9


def test_relative_gap_is_the_share_the_bound_cannot_rule_out() -> None:
    assert relative_gap(10.0, 8.0) == pytest.approx(0.2)
    assert relative_gap(0.0, 0.0) == 0.0
    assert relative_gap(10.0, 10.5) == 0.0
