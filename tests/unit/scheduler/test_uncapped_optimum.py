"""The uncapped optimum is the exact optimum, checked against solvers that share nothing with
the optimiser: a linear programme in HiGHS (scipy) over request → slot variables with the convex
crowding written as rising unit steps per hall, and brute force on tiny instances. The answer
under the peak cap never costs less, and the report says what the cap costs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import linprog
from scipy.sparse import lil_array

from scheduler.costs import Hall, hall_crowding, hall_of, hall_totals, placement_cost
from scheduler.optimum import optimise, uncapped_optimum
from scheduler.problem import Candidate, Problem, Request, SlotCapacity, Weights
from tests.unit.scheduler.factories import SUNDAY, problem, request, slot
from tests.unit.scheduler.test_chains import chain, grid
from tests.unit.scheduler.test_optimiser_properties import (
    DAYS,
    PROPERTY_SETTINGS,
    SERVICES,
    STARTS,
    brute_force,
    problems,
    rounding_slack,
    weights,
)


@st.composite
def crowded(draw: st.DrawFn) -> Problem:
    """Instances where most requests compete for the same few halls (the shared strategy draws
    services, offices and days so freely that most of its requests fit nowhere)."""
    offices, days = ("a", "b"), DAYS[:2]
    slots = [
        SlotCapacity(
            f"s{i}",
            draw(st.sampled_from(offices)),
            draw(st.sampled_from(SERVICES[:1] * 3 + SERVICES[1:])),
            draw(st.sampled_from(days)),
            draw(st.sampled_from(STARTS)),
            draw(st.integers(1, 3)),
            draw(st.integers(0, 2)),
        )
        for i in range(draw(st.integers(1, 10)))
    ]
    found = []
    for i in range(draw(st.integers(1, 14))):
        accepted = draw(st.lists(st.sampled_from(offices), min_size=1, max_size=2, unique=True))
        first = draw(st.integers(0, 1))
        found.append(
            Request(
                f"r{i}",
                draw(st.sampled_from(SERVICES[:1] * 3 + SERVICES[1:])),
                tuple(Candidate(o, draw(st.integers(0, 60)) / 2) for o in accepted),
                days[first],
                days[draw(st.integers(first, 1))],
                draw(st.sampled_from([None, "morning", "midday", "afternoon"])),
            )
        )
    return Problem(found, slots, draw(weights))


def linear_programme(p: Problem) -> tuple[int, float]:
    """(most requests placeable, least objective among those), by two LPs in HiGHS.

    Variables: x[r, s] in [0, 1] for each request and slot it may use (eligible, its service,
    an office it accepts, in its window, free room), then u[h, j] in [0, 1] for the j-th free
    place of hall h, costing crowding * (2(B_h + j) - 1) / C_h. Rows: each request at most once,
    each slot at most its free room, each hall's u's add up to what its slots receive. The
    constraint matrix is a network's, so the LP optimum is the integer one; since each hall's
    step costs rise, the cheapest u's are its first ones, and Σ u·step + B²/C is load²/C.
    """
    w = p.weights
    pairs = [
        (i, s)
        for i, r in enumerate(p.requests)
        for s in p.slots
        if r.eligible
        and s.service == r.service
        and r.distance_to(s.office_id) is not None
        and r.first_day <= s.day <= r.last_day
        and s.free > 0
    ]
    totals = hall_totals(p.slots)
    room: dict[Hall, int] = defaultdict(int)
    for s in p.slots:
        room[hall_of(s)] += s.free
    halls = [h for h, n in room.items() if n > 0]
    units = [(h, j) for h in halls for j in range(1, room[h] + 1)]
    fixed = sum(hall_crowding(booked, capacity) for booked, capacity in totals.values())
    if not pairs:
        return 0, w.crowding * fixed
    n = len(pairs) + len(units)
    rows_ub: list[dict[int, float]] = []
    bounds_ub: list[float] = []
    for i in range(len(p.requests)):
        rows_ub.append({k: 1.0 for k, (r, _) in enumerate(pairs) if r == i})
        bounds_ub.append(1.0)
    for s in p.slots:
        rows_ub.append({k: 1.0 for k, (_, t) in enumerate(pairs) if t.key == s.key})
        bounds_ub.append(float(s.free))
    rows_eq: list[dict[int, float]] = []
    for h in halls:
        row = {k: 1.0 for k, (_, t) in enumerate(pairs) if hall_of(t) == h}
        row.update({len(pairs) + k: -1.0 for k, (g, _) in enumerate(units) if g == h})
        rows_eq.append(row)

    def matrix(rows: list[dict[int, float]]) -> lil_array:
        m = lil_array((len(rows), n))
        for i, row in enumerate(rows):
            for k, v in row.items():
                m[i, k] = v
        return m

    a_ub, a_eq = matrix(rows_ub), matrix(rows_eq)
    placed = np.zeros(n)
    placed[: len(pairs)] = 1.0
    most = linprog(-placed, A_ub=a_ub, b_ub=bounds_ub, A_eq=a_eq, b_eq=np.zeros(len(halls)), bounds=(0, 1))
    assert most.status == 0
    count = round(-most.fun)
    cost = np.zeros(n)
    cost[: len(pairs)] = [placement_cost(p.requests[i], s, w) for i, s in pairs]
    for k, (h, j) in enumerate(units):
        booked, capacity = totals[h]
        cost[len(pairs) + k] = w.crowding * (2 * (booked + j) - 1) / capacity
    best = linprog(
        cost,
        A_ub=a_ub,
        b_ub=bounds_ub,
        A_eq=np.vstack([a_eq.toarray(), placed]),
        b_eq=[*np.zeros(len(halls)), count],
        bounds=(0, 1),
        method="highs",
    )
    assert best.status == 0
    return count, float(best.fun) + w.crowding * fixed


@PROPERTY_SETTINGS
@given(problems(max_requests=12, max_slots=10) | crowded())
def test_the_uncapped_optimum_equals_an_independent_linear_programme(p: Problem) -> None:
    placed, optimum = linear_programme(p)

    uncapped = uncapped_optimum(p)

    assert uncapped.exact
    assert uncapped.solution.placed == placed
    assert uncapped.objective == pytest.approx(optimum, abs=rounding_slack(p))


@PROPERTY_SETTINGS
@given(problems(max_requests=4, max_slots=5))
def test_the_uncapped_optimum_equals_brute_force(p: Problem) -> None:
    without_cap = Problem(p.requests, p.slots, replace(p.weights, lowest_peak_first=False))
    placed, optimum = brute_force(without_cap)

    uncapped = uncapped_optimum(p)

    assert uncapped.solution.placed == placed
    assert uncapped.objective == pytest.approx(optimum, abs=rounding_slack(p))


@PROPERTY_SETTINGS
@given(problems() | crowded())
def test_the_capped_answer_never_costs_less_and_reports_the_price_of_the_cap(p: Problem) -> None:
    result = optimise(p)

    assert result.uncapped_objective is not None and result.uncapped_exact
    assert result.objective >= result.uncapped_objective - rounding_slack(p)
    assert result.cap_price is not None or result.uncapped_objective <= 0
    if result.cap_price is not None:
        assert result.cap_price >= 0
    # Exact, so the uncapped optimum is the lower bound and no relaxation is reported.
    assert result.lower_bound is not None and result.lower_bound <= result.objective + 1e-9
    assert result.lower_bound == pytest.approx(result.uncapped_objective, abs=rounding_slack(p))
    assert result.crowding_lower_bound is None


def test_the_cap_has_a_price_when_it_moves_someone_further() -> None:
    # Two requests, both near giza: uncapped, both go there (one hall at 2/2); the cap of 50 %
    # sends one to cairo, 40 km away, which costs more than the crowding it saves.
    p = problem(
        [request(r, offices=[("giza", 0.0), ("cairo", 40.0)]) for r in ("r1", "r2")],
        [slot("g", office="giza", capacity=2), slot("c", office="cairo", capacity=2)],
        Weights(crowding=1.0, per_km=1.0),
    )

    result = optimise(p)

    assert result.stats.peak_cap == pytest.approx(0.5)
    assert result.uncapped_objective == pytest.approx(4 / 2)  # 2²/2, no travel
    assert result.objective == pytest.approx(1 / 2 + 1 / 2 + 40.0)
    assert result.cap_price == pytest.approx(result.objective / 2.0 - 1)
    assert result.gap == pytest.approx(1 - 2.0 / result.objective)


def test_without_the_cap_one_solve_is_its_own_optimum() -> None:
    p = problem([request("r1")], [slot("s", capacity=2)], Weights(lowest_peak_first=False))

    result = optimise(p)

    assert result.uncapped_exact and result.cap_price == 0.0
    assert result.uncapped_objective == result.objective


def test_with_chains_the_uncapped_answer_is_not_called_exact_and_the_bound_stays() -> None:
    single = Request("s", "passport-renewal", (Candidate("giza", 5.0),), SUNDAY, SUNDAY)
    p = Problem([chain("c"), single], grid(capacity=2))

    result = optimise(p)

    assert result.uncapped_objective is not None and not result.uncapped_exact
    assert result.crowding_lower_bound is not None  # the relaxation bounds what is not exact
    assert result.lower_bound is not None and result.lower_bound <= result.objective + 1e-9
