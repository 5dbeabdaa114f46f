"""The figures every assignment is reported with, computed one way for any solution.

Utilisation is (booked + placed) / capacity, taken per hall: an office at one start time, over
all its services (see `scheduler.costs.hall_of`), since that is where crowding is felt and a
single 1-place service slot being full says little. *Peak* is the highest hall utilisation and
*peak hour* the highest per office hour, *mean* is total load over total capacity, and the
spread is the standard deviation of hall utilisation. Every visit of a chain is a visitor in its
hall; `placed` counts requests (a chain once) and the mean distance is per trip.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from scheduler.costs import hall_of, hall_totals
from scheduler.problem import Problem
from scheduler.solution import Solution


@dataclass(frozen=True, slots=True)
class Metrics:
    """Quality of one solution; see the module docstring for the definitions."""

    requests: int
    placed: int
    placed_share: float
    peak_utilisation: float
    peak_hour_utilisation: float
    mean_utilisation: float
    utilisation_std: float
    mean_distance_km: float
    crowding_cost: float
    preference_cost: float
    objective: float


def _spread(values: list[float]) -> float:
    if not values:
        return 0.0
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def measure(problem: Problem, solution: Solution) -> Metrics:
    """Metrics of `solution` for `problem` (halls without capacity are left out)."""
    slots = {s.key: s for s in problem.slots}
    placed = Counter(hall_of(slots[key]) for a in solution.assignments for key in a.slot_keys)
    hours: dict[tuple[str, date, int], list[int]] = defaultdict(lambda: [0, 0])
    utilisations: list[float] = []
    for hall, (booked, capacity) in hall_totals(problem.slots).items():
        if capacity <= 0:
            continue
        load = booked + placed.get(hall, 0)
        utilisations.append(load / capacity)
        hour = hours[(hall[0], hall[1], hall[2] // 60)]
        hour[0] += load
        hour[1] += capacity
    total_load = sum(load for load, _ in hours.values())
    total_capacity = sum(capacity for _, capacity in hours.values())
    requests = {r.id: r for r in problem.requests}
    distances = [
        requests[a.request_id].distance_to(slots[a.slot_key].office_id) or 0.0 for a in solution.assignments
    ]
    n_requests = len(problem.requests)
    return Metrics(
        requests=n_requests,
        placed=len(solution.assignments),
        placed_share=len(solution.assignments) / n_requests if n_requests else 1.0,
        peak_utilisation=max(utilisations, default=0.0),
        peak_hour_utilisation=max((load / cap for load, cap in hours.values()), default=0.0),
        mean_utilisation=total_load / total_capacity if total_capacity else 0.0,
        utilisation_std=_spread(utilisations),
        mean_distance_km=sum(distances) / len(distances) if distances else 0.0,
        crowding_cost=solution.crowding_cost,
        preference_cost=solution.preference_cost,
        objective=solution.objective,
    )
