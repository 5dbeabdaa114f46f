"""The optimiser's answer beside the exact optimum without the peak cap, and what the cap costs.

The single requests' problem is a convex separable min-cost flow (`scheduler.assign`), which
OR-Tools solves exactly: with the lowest-peak cap (`Weights.lowest_peak_first`) the answer is the
least cost under the cap, and one more solve without the cap gives the least cost of any
placement of as many requests. That uncapped optimum is the honest yardstick: the answer's
objective over it, minus one, is the *price of the peak cap* (0 when the cap binds nowhere), and
it is a lower bound on the objective of every placement of as many requests, tighter than any
relaxation. The water-filling bound of `scheduler.bounds` was 1–23 % (crowding) and 5–20 %
(objective) below the optimum on generated instances, so a "gap to bound" measured mostly the
bound.

Chains are the part not solved exactly: they are placed by an option search before the flow
(`scheduler.chains`), with or without the cap, so with chains the uncapped answer is a good
placement, not a proven optimum, and the cap's price against it may even come out negative.
There the bound of `scheduler.bounds` (which relaxes each chain into free seats) stays the
lower bound, and `Solution.uncapped_exact` is False so every report says which it is.

Costs enter the flow rounded to 1/`Weights.cost_scale` of a point per arc (four arcs per path),
so "exact" is up to that rounding: the uncapped optimum may exceed the capped answer's objective
by a few thousandths of a point per request, and the cap's price is then shown as 0.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from scheduler.assign import AssignmentSolver
from scheduler.bounds import relative_gap
from scheduler.problem import Problem
from scheduler.solution import ProgressCallback, Solution, no_progress

#: Share of the progress bar the capped solve takes; the uncapped one takes the rest.
CAPPED_SHARE = 0.7


@dataclass(frozen=True, slots=True)
class Uncapped:
    """The least-cost placement of as many requests without the peak cap, and its figures."""

    solution: Solution
    exact: bool  # no chains: the min-cost flow's optimum (up to cost rounding)
    seconds: float

    @property
    def objective(self) -> float:
        return self.solution.objective

    @property
    def crowding(self) -> float:
        return self.solution.crowding_cost


def uncapped_optimum(problem: Problem, progress: ProgressCallback = no_progress) -> Uncapped:
    """Solve `problem` once more without the lowest-peak cap: most requests first, then least
    cost. Exact when there are no chains (see the module docstring)."""
    started = time.perf_counter()
    weights = replace(problem.weights, lowest_peak_first=False)
    # Only its objective, crowding and placement are read (``with_uncapped``): no bound of its own.
    solution = AssignmentSolver(replace(problem, weights=weights), progress).solve(bound=False)
    return Uncapped(solution, _exact(problem), time.perf_counter() - started)


def _exact(problem: Problem) -> bool:
    """Whether the min-cost flow decides the whole placement: no chain to place by search."""
    return not any(r.is_chain and r.eligible for r in problem.requests)


def with_uncapped(solution: Solution, uncapped: Uncapped) -> Solution:
    """`solution` reporting the uncapped optimum and, when that is exact, taking it as the lower
    bound (the water-filling bound then says nothing more, and is dropped); with chains, the
    bound `solution` carries stays, for the part the option search decides."""
    solution = replace(
        solution,
        uncapped_objective=uncapped.objective,
        uncapped_crowding=uncapped.crowding,
        uncapped_exact=uncapped.exact,
        uncapped_seconds=uncapped.seconds,
    )
    if uncapped.exact and uncapped.solution.placed == solution.placed:
        bound = min(uncapped.objective, solution.objective)  # equal up to cost rounding at most
        return replace(
            solution,
            lower_bound=bound,
            crowding_lower_bound=None,
            gap=relative_gap(solution.objective, bound),
        )
    return solution


def optimise(problem: Problem, progress: ProgressCallback = no_progress) -> Solution:
    """`scheduler.assign.assign` (under the lowest-peak cap unless the weights turn it off), then
    the uncapped optimum beside it (`with_uncapped`). Without the cap the answer is its own
    uncapped optimum, and only one solve runs."""
    started = time.perf_counter()
    capped = AssignmentSolver(problem, lambda f, p: progress(CAPPED_SHARE * f, p)).solve()
    if not problem.weights.lowest_peak_first:
        return with_uncapped(capped, Uncapped(capped, _exact(problem), time.perf_counter() - started))
    progress(CAPPED_SHARE, "solving without the peak cap")
    uncapped = uncapped_optimum(
        problem, lambda f, p: progress(CAPPED_SHARE + (1 - CAPPED_SHARE) * f, f"without the cap: {p}")
    )
    return with_uncapped(capped, uncapped)
