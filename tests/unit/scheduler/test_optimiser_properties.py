"""Properties on random small instances: every answer verifies, the bound holds, the optimiser
matches brute force and is never worse than first come, first served.

"Better" is lexicographic, as the optimiser's priorities are: more requests placed first, then
(with `lowest_peak_first`) a lower peak, then a lower objective."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler.assign import assign
from scheduler.bounds import lower_bound
from scheduler.costs import evaluate, hall_of, hall_totals, placement_cost
from scheduler.displaced import DisplacedBooking
from scheduler.greedy import first_come_first_served
from scheduler.metrics import measure
from scheduler.problem import Candidate, Problem, Request, SlotCapacity, Weights
from scheduler.rebalance import rebalance
from scheduler.verify import verify, verify_rebalance
from tests.unit.scheduler.factories import SUNDAY

OFFICES = ("a", "b", "c")
SERVICES = ("passport-renewal", "civil-certificate")
STARTS = (8 * 60, 10 * 60 + 30, 12 * 60, 14 * 60)  # morning, morning, midday, afternoon
DAYS = tuple(SUNDAY + timedelta(days=n) for n in range(3))
PROPERTY_SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def rounding_slack(problem: Problem) -> float:
    """Flow costs are rounded: each placed request's path may be off by 5 × 0.5 / cost_scale."""
    return 2 * len(problem.requests) * 5 * 0.5 / problem.weights.cost_scale + 1e-9


@st.composite
def slots(draw: st.DrawFn, max_slots: int) -> list[SlotCapacity]:
    count = draw(st.integers(1, max_slots))
    return [
        SlotCapacity(
            f"s{i}",
            draw(st.sampled_from(OFFICES)),
            draw(st.sampled_from(SERVICES)),
            draw(st.sampled_from(DAYS)),
            draw(st.sampled_from(STARTS)),
            draw(st.integers(0, 3)),
            draw(st.integers(0, 3)),
        )
        for i in range(count)
    ]


@st.composite
def requests(draw: st.DrawFn, max_requests: int) -> list[Request]:
    found = []
    for i in range(draw(st.integers(0, max_requests))):
        offices = draw(st.lists(st.sampled_from(OFFICES), min_size=1, max_size=3, unique=True))
        first = draw(st.integers(0, len(DAYS) - 1))
        last = draw(st.integers(first, len(DAYS) - 1))
        found.append(
            Request(
                f"r{i}",
                draw(st.sampled_from(SERVICES)),
                tuple(Candidate(o, draw(st.integers(0, 60)) / 2) for o in offices),
                DAYS[first],
                DAYS[last],
                draw(st.sampled_from([None, "morning", "midday", "afternoon"])),
                draw(st.booleans() | st.just(True)),
            )
        )
    return found


weights = st.builds(
    Weights,
    crowding=st.sampled_from([0.0, 1.0, 20.0]),
    per_km=st.sampled_from([0.0, 0.1, 2.0]),
    per_day_later=st.sampled_from([0.0, 1.0, 5.0]),
    time_of_day_mismatch=st.sampled_from([0.0, 2.0]),
    lowest_peak_first=st.booleans(),
)


@st.composite
def problems(draw: st.DrawFn, max_requests: int = 10, max_slots: int = 8) -> Problem:
    return Problem(draw(requests(max_requests)), draw(slots(max_slots)), draw(weights))


def used_peak(problem: Problem, placements: list[tuple[str, str]]) -> float:
    """Highest utilisation among the halls that receive anyone (0 if none)."""
    totals = hall_totals(problem.slots)
    slot_by_key = {s.key: s for s in problem.slots}
    added = Counter(hall_of(slot_by_key[k]) for _, k in placements)
    return max(((totals[h][0] + n) / totals[h][1] for h, n in added.items()), default=0.0)


def booked_peak(problem: Problem) -> float:
    return max((b / c for b, c in hall_totals(problem.slots).values() if c > 0), default=0.0)


def brute_force(problem: Problem) -> tuple[int, float]:
    """(most requests placeable, least objective among those) by trying every assignment, with
    the halls capped at the lowest achievable peak when the weights ask for it."""
    slot_by_key = {s.key: s for s in problem.slots}
    request_by_id = {r.id: r for r in problem.requests}
    options = []
    for r in problem.requests:
        fits = [
            s.key
            for s in problem.slots
            if r.eligible
            and s.service == r.service
            and r.distance_to(s.office_id) is not None
            and r.first_day <= s.day <= r.last_day
            and s.free > 0
        ]
        options.append([None, *fits])
    feasible = []
    for choice in itertools.product(*options):
        taken = Counter(k for k in choice if k is not None)
        if any(slot_by_key[k].booked + n > slot_by_key[k].capacity for k, n in taken.items()):
            continue
        feasible.append([(r.id, k) for r, k in zip(problem.requests, choice, strict=True) if k is not None])
    most = max(len(p) for p in feasible)
    best = [p for p in feasible if len(p) == most]
    if problem.weights.lowest_peak_first:
        cap = max(booked_peak(problem), min(used_peak(problem, p) for p in best))
        best = [p for p in best if used_peak(problem, p) <= cap + 1e-9]
    return most, min(evaluate(request_by_id, slot_by_key, p, problem.weights).objective for p in best)


@PROPERTY_SETTINGS
@given(problems())
def test_every_optimiser_answer_verifies(problem: Problem) -> None:
    assert verify(problem, assign(problem)) == []


@PROPERTY_SETTINGS
@given(problems())
def test_the_cost_is_never_below_the_lower_bound(problem: Problem) -> None:
    result = assign(problem)

    assert result.crowding_lower_bound is not None and result.lower_bound is not None
    assert result.crowding_cost >= result.crowding_lower_bound - 1e-9
    assert result.objective >= result.lower_bound - 1e-9


@PROPERTY_SETTINGS
@given(problems())
def test_the_optimiser_is_never_worse_than_greedy(problem: Problem) -> None:
    ours, greedy = assign(problem), first_come_first_served(problem)

    assert verify(problem, greedy, maximum=False) == []
    assert ours.placed >= greedy.placed
    if ours.placed > greedy.placed:
        return  # more placed is better, whatever the cost
    greedy_placements = [(a.request_id, a.slot_key) for a in greedy.assignments]
    if problem.weights.lowest_peak_first:
        assert measure(problem, ours).peak_utilisation <= measure(problem, greedy).peak_utilisation + 1e-9
        cap = ours.stats.peak_cap if ours.stats.peak_cap is not None else float("inf")  # no room
        if used_peak(problem, greedy_placements) > cap + 1e-9:
            return  # greedy broke the cap: a lower peak is better, whatever the cost
    assert ours.objective <= greedy.objective + rounding_slack(problem)


@PROPERTY_SETTINGS
@given(problems(max_requests=4, max_slots=5))
def test_the_optimiser_matches_brute_force_and_the_bound_stays_below_the_true_optimum(
    problem: Problem,
) -> None:
    placed, optimum = brute_force(problem)

    result = assign(problem)

    assert result.placed == placed
    assert abs(result.objective - optimum) <= rounding_slack(problem)
    assert lower_bound(problem, result.assignments).objective <= optimum + 1e-9


@PROPERTY_SETTINGS
@given(problems())
def test_placement_costs_in_the_solution_add_up_to_its_preference_cost(problem: Problem) -> None:
    result = assign(problem)
    requests = {r.id: r for r in problem.requests}
    slot_by_key = {s.key: s for s in problem.slots}

    total = sum(
        placement_cost(requests[a.request_id], slot_by_key[a.slot_key], problem.weights)
        for a in result.assignments
    )

    assert abs(total - result.preference_cost) < 1e-6


@st.composite
def displacements(draw: st.DrawFn) -> tuple[list[DisplacedBooking], list[SlotCapacity]]:
    capacity = draw(slots(8))
    bookings = []
    for i in range(draw(st.integers(0, 8))):
        origin = draw(st.sampled_from(capacity))
        nearby = draw(st.lists(st.sampled_from(OFFICES), max_size=2, unique=True))
        bookings.append(
            DisplacedBooking(
                id=f"b{i}",
                service=origin.service,
                office_id=origin.office_id,
                slot_key=origin.key,
                day=origin.day,
                start_minute=origin.start_minute,
                first_day=origin.day,
                last_day=origin.day + timedelta(days=draw(st.integers(0, 2))),
                nearby=tuple(Candidate(o, 10.0) for o in nearby if o != origin.office_id),
            )
        )
    return bookings, capacity


@PROPERTY_SETTINGS
@given(displacements())
def test_every_rebalance_plan_verifies_and_accounts_for_every_booking(
    case: tuple[list[DisplacedBooking], list[SlotCapacity]],
) -> None:
    displaced, capacity = case

    plan = rebalance(displaced, capacity)

    assert verify_rebalance(displaced, capacity, plan) == []
    assert len(plan.placements) + len(plan.unplaced) == len(displaced)
