"""After placing the most requests, the optimiser keeps every hall under the lowest peak that
allows it, and only then weighs cost."""

from __future__ import annotations

import pytest

from scheduler.assign import assign
from scheduler.problem import Weights
from tests.unit.scheduler.factories import placed, problem, request, slot

# Crowding does not count and travel does: left alone, everyone would pick the nearest office.
TRAVEL_ONLY = Weights(crowding=0.0, per_km=1.0)


def both_offices() -> list:
    return [
        request("r1", offices=[("near", 1.0), ("far", 30.0)]),
        request("r2", offices=[("near", 1.0), ("far", 30.0)]),
    ]


def test_the_peak_cap_spreads_requests_even_when_travel_costs_more() -> None:
    result = assign(
        problem(
            both_offices(),
            [slot("near", office="near", capacity=2), slot("far", office="far", capacity=2)],
            TRAVEL_ONLY,
        )
    )

    assert sorted(placed(result).values()) == ["far", "near"]
    assert result.stats.peak_cap == pytest.approx(0.5)


def test_without_the_peak_cap_the_cheapest_assignment_wins() -> None:
    weights = Weights(crowding=0.0, per_km=1.0, lowest_peak_first=False)

    result = assign(
        problem(
            both_offices(),
            [slot("near", office="near", capacity=2), slot("far", office="far", capacity=2)],
            weights,
        )
    )

    assert sorted(placed(result).values()) == ["near", "near"]
    assert result.stats.peak_cap is None


def test_the_peak_cap_never_costs_a_placement() -> None:
    requests = [request("r1", offices=[("near", 1.0)]), request("r2", offices=[("near", 1.0)])]

    result = assign(
        problem(
            requests,
            [slot("near", office="near", capacity=2), slot("far", office="far", capacity=2)],
            TRAVEL_ONLY,
        )
    )

    assert len(result.assignments) == 2
    assert result.stats.peak_cap == pytest.approx(1.0)


def test_the_peak_cap_is_never_below_the_peak_bookings_already_cause() -> None:
    # A hall elsewhere is already 75% full with direct bookings: spreading these two requests
    # thinner than that would lower no peak, so they both take the near office.
    slots = [
        slot("busy", office="elsewhere", capacity=4, booked=3),
        slot("near", office="near", capacity=4),
        slot("far", office="far", capacity=4),
    ]

    result = assign(problem(both_offices(), slots, TRAVEL_ONLY))

    assert result.stats.peak_cap == pytest.approx(0.75)
    assert sorted(placed(result).values()) == ["near", "near"]
