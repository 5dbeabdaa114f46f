"""The optimiser on instances small enough to know the answer by hand."""

from __future__ import annotations

import gc

import pytest

from scheduler.assign import assign
from scheduler.problem import Weights
from scheduler.solution import NO_CAPACITY, NO_ELIGIBLE_SLOT, NOT_ELIGIBLE
from scheduler.verify import verify
from tests.unit.scheduler.factories import (
    MONDAY,
    NINE,
    SUNDAY,
    TWO_PM,
    placed,
    problem,
    request,
    slot,
)

# Crowding alone decides (no peak cap either), so these tests see the crowding cost at work.
NO_PREFERENCES = Weights(per_km=0, per_day_later=0, time_of_day_mismatch=0, lowest_peak_first=False)


def test_a_single_request_takes_the_only_slot() -> None:
    result = assign(problem([request("r1")], [slot("s1")]))

    assert placed(result) == {"r1": "s1"}
    assert result.unassigned == {}


def test_crowding_cost_is_load_squared_over_capacity_of_each_hall() -> None:
    # Three requests, one hall of capacity 3 already holding one booking: (1 + 3)² / 3.
    requests = [request(f"r{i}") for i in range(3)]
    result = assign(problem(requests, [slot("s1", capacity=4, booked=1)], NO_PREFERENCES))

    assert result.crowding_cost == pytest.approx(16 / 4)
    assert result.objective == pytest.approx(NO_PREFERENCES.crowding * 16 / 4)


def test_requests_spread_evenly_over_equal_halls() -> None:
    requests = [request(f"r{i}") for i in range(4)]
    slots = [slot("nine", start=NINE, capacity=4), slot("two", start=TWO_PM, capacity=4)]

    result = assign(problem(requests, slots, NO_PREFERENCES))

    assert sorted(placed(result).values()) == ["nine", "nine", "two", "two"]
    assert result.crowding_cost == pytest.approx(2 * 2**2 / 4)


def test_existing_bookings_count_towards_crowding() -> None:
    slots = [slot("busy", start=NINE, capacity=2, booked=1), slot("empty", start=TWO_PM, capacity=2)]

    result = assign(problem([request("r1")], slots, NO_PREFERENCES))

    assert placed(result) == {"r1": "empty"}


def test_services_sharing_a_hall_crowd_each_other() -> None:
    # The 9:00 hall is half full of another service's visitors; 14:00 is empty.
    slots = [
        slot("nine", start=NINE, capacity=2),
        slot("nine-other", start=NINE, capacity=2, booked=2, service="civil-certificate"),
        slot("two", start=TWO_PM, capacity=2),
    ]

    result = assign(problem([request("r1")], slots, NO_PREFERENCES))

    assert placed(result) == {"r1": "two"}


def test_nearer_office_wins_when_crowding_is_equal() -> None:
    r = request("r1", offices=[("far", 40.0), ("near", 3.0)])
    slots = [slot("far-9", office="far"), slot("near-9", office="near")]

    assert placed(assign(problem([r], slots))) == {"r1": "near-9"}


def test_earlier_day_wins_when_crowding_is_equal() -> None:
    r = request("r1", first=SUNDAY, last=MONDAY)
    slots = [slot("mon", day=MONDAY), slot("sun", day=SUNDAY)]

    assert placed(assign(problem([r], slots))) == {"r1": "sun"}


def test_preferred_time_of_day_wins_when_crowding_is_equal() -> None:
    r = request("r1", time_of_day="afternoon")
    slots = [slot("nine", start=NINE), slot("two", start=TWO_PM)]

    assert placed(assign(problem([r], slots))) == {"r1": "two"}


def test_preference_cost_adds_distance_days_and_bands() -> None:
    weights = Weights(per_km=0.5, per_day_later=3.0, time_of_day_mismatch=7.0)
    r = request("r1", offices=[("giza", 10.0)], first=SUNDAY, last=MONDAY, time_of_day="morning")

    result = assign(problem([r], [slot("mon-2pm", day=MONDAY, start=TWO_PM)], weights))

    # 10 km, one day later, two bands away (morning → afternoon).
    assert result.preference_cost == pytest.approx(0.5 * 10 + 3.0 * 1 + 7.0 * 2)


def test_as_many_requests_as_possible_are_placed_before_cost_is_minimised() -> None:
    # r1 prefers the near office by far, but only by going far can r2 be placed too.
    r1 = request("r1", offices=[("near", 1.0), ("far", 300.0)])
    r2 = request("r2", offices=[("near", 1.0)])
    slots = [slot("near-9", office="near"), slot("far-9", office="far")]

    result = assign(problem([r1, r2], slots))

    assert placed(result) == {"r1": "far-9", "r2": "near-9"}


def test_identical_requests_are_grouped_and_the_earliest_win_when_room_runs_out() -> None:
    requests = [request(f"r{i}") for i in range(5)]

    result = assign(problem(requests, [slot("s1", capacity=3)]))

    assert result.stats.groups == 1
    assert set(placed(result)) == {"r0", "r1", "r2"}
    assert result.unassigned == {"r3": NO_CAPACITY, "r4": NO_CAPACITY}


def test_a_full_slot_is_never_used() -> None:
    result = assign(problem([request("r1")], [slot("full", capacity=2, booked=2)]))

    assert result.unassigned == {"r1": NO_CAPACITY}


def test_a_slot_with_room_is_used() -> None:
    result = assign(problem([request("r1")], [slot("room", capacity=2, booked=1)]))

    assert placed(result) == {"r1": "room"}


def test_a_service_slot_is_a_hard_limit_even_when_its_hall_has_room() -> None:
    slots = [
        slot("renewal", capacity=2, booked=1),
        slot("civil", capacity=4, service="civil-certificate"),
    ]

    requests = [request(f"r{i}") for i in range(3)] + [request("c", service="civil-certificate")]

    result = assign(problem(requests, slots))

    assert sorted(placed(result).values()) == ["civil", "renewal"]


def test_a_slot_outside_the_window_is_never_used() -> None:
    result = assign(problem([request("r1", first=SUNDAY)], [slot("mon", day=MONDAY)]))

    assert result.unassigned == {"r1": NO_ELIGIBLE_SLOT}


def test_a_slot_inside_the_window_is_used() -> None:
    result = assign(problem([request("r1", first=SUNDAY, last=MONDAY)], [slot("mon", day=MONDAY)]))

    assert placed(result) == {"r1": "mon"}


def test_an_office_the_citizen_did_not_accept_is_never_used() -> None:
    result = assign(problem([request("r1", offices=[("giza", 1.0)])], [slot("s", office="cairo")]))

    assert result.unassigned == {"r1": NO_ELIGIBLE_SLOT}


def test_an_office_the_citizen_accepted_is_used() -> None:
    r = request("r1", offices=[("giza", 1.0), ("cairo", 9.0)])

    assert placed(assign(problem([r], [slot("s", office="cairo")]))) == {"r1": "s"}


def test_a_slot_of_another_service_is_never_used() -> None:
    result = assign(problem([request("r1")], [slot("s", service="civil-certificate")]))

    assert result.unassigned == {"r1": NO_ELIGIBLE_SLOT}


def test_a_slot_of_the_requested_service_is_used() -> None:
    result = assign(
        problem([request("r1", service="civil-certificate")], [slot("s", service="civil-certificate")])
    )

    assert placed(result) == {"r1": "s"}


def test_an_ineligible_request_is_never_placed() -> None:
    result = assign(problem([request("r1", eligible=False)], [slot("s")]))

    assert result.unassigned == {"r1": NOT_ELIGIBLE}


def test_an_eligible_request_is_placed() -> None:
    assert placed(assign(problem([request("r1", eligible=True)], [slot("s")]))) == {"r1": "s"}


def test_every_request_is_accounted_for_and_the_result_verifies() -> None:
    requests = [
        request("ok"),
        request("late", first=MONDAY),
        request("bad", eligible=False),
        request("crowded"),
    ]
    p = problem(requests, [slot("s", capacity=1)])

    result = assign(p)

    assert set(placed(result)) | set(result.unassigned) == {r.id for r in requests}
    assert verify(p, result) == []


def test_progress_is_reported_from_start_to_done() -> None:
    seen: list[tuple[float, str]] = []

    assign(problem([request("r1")], [slot("s")]), lambda fraction, phase: seen.append((fraction, phase)))

    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions)
    assert seen[0][0] == 0.0
    assert seen[-1] == (1.0, "done")


def test_an_empty_batch_solves_to_an_empty_solution() -> None:
    result = assign(problem([], [slot("s")]))

    assert result.assignments == []
    assert result.unassigned == {}


def test_flexible_requests_leave_the_seats_kept_for_assisted_bookings() -> None:
    # Online requests: of each slot's three seats one is kept for clerks, so four of six place.
    p = problem(
        [request(f"r{n}", offices=[("giza", 1.0), ("cairo", 9.0)]) for n in range(6)],
        [slot("giza", capacity=3, reserved=1), slot("cairo", office="cairo", capacity=3, reserved=1)],
    )

    result = assign(p)

    assert verify(p, result) == []
    assert sorted(placed(result).values()) == ["cairo", "cairo", "giza", "giza"]
    assert set(result.unassigned.values()) == {NO_CAPACITY}


def test_assign_leaves_the_cycle_collector_as_it_found_it() -> None:
    # It pauses the collector while it works (a national problem's live objects made every full
    # collection slow); the caller's setting comes back, whatever it was.
    instance = problem([request("r1")], [slot("s1")])

    assign(instance)
    assert gc.isenabled()

    gc.disable()
    try:
        assign(instance)
        assert not gc.isenabled()
    finally:
        gc.enable()
