"""The objective, in one place: crowding of a hall and the preference cost of a placement.

The optimiser, the greedy baseline, the bound and the metrics all price solutions with these
functions, so "objective" means the same thing in every report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from kernel.time_of_day import TIME_BANDS, TimeOfDay, time_band
from scheduler.problem import Problem, Request, SlotCapacity, Weights
from scheduler.solution import Assignment, Solution

#: A hall: everyone an office expects at one start time, whatever the service.
Hall = tuple[str, date, int]  # (office_id, day, start_minute)


def hall_of(slot: SlotCapacity) -> Hall:
    """The hall moment a slot belongs to.

    Crowding is felt in the waiting hall, by everyone who comes at that time, so it is counted
    per (office, day, start) over all services (DESIGN.md §5's "(office, slot)"), while capacity
    is still a limit per service. Counting it per service instead would make a 1-place slot
    look equally "full" at 8:00 and at 14:00 and give the optimiser nothing to spread.
    """
    return (slot.office_id, slot.day, slot.start_minute)


def hall_totals(slots: Iterable[SlotCapacity]) -> dict[Hall, tuple[int, int]]:
    """(booked, capacity) per hall, summed over its services."""
    totals: dict[Hall, tuple[int, int]] = {}
    for s in slots:
        booked, capacity = totals.get(hall_of(s), (0, 0))
        totals[hall_of(s)] = (booked + s.booked, capacity + s.capacity)
    return totals


def peak_utilisation(slots: Iterable[SlotCapacity], assignments: Iterable[Assignment]) -> float:
    """The busiest hall's (booked + placed) / capacity, every seat of a chain counted."""
    slots = list(slots)
    by_key = {s.key: s for s in slots}
    placed = Counter(hall_of(by_key[k]) for a in assignments for k in a.slot_keys)
    return max(
        (
            (booked + placed.get(hall, 0)) / capacity
            for hall, (booked, capacity) in hall_totals(slots).items()
            if capacity > 0
        ),
        default=0.0,
    )


def hall_crowding(load: int, capacity: int) -> float:
    """load²/capacity: convex, so two half-full halls cost less than one full and one empty.

    A hall without capacity (closed) contributes nothing: it takes no visitors, and bookings
    left in it are rebalanced rather than counted as crowding.
    """
    if capacity <= 0:
        return 0.0
    return load * load / capacity


def marginal_crowding(load_after: int, capacity: int) -> float:
    """What the `load_after`-th visitor adds to a hall: ((L)² - (L-1)²)/c = (2L - 1)/c."""
    return (2 * load_after - 1) / capacity


def hall_units(
    room: np.ndarray, booked: np.ndarray, capacity: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every free place of every hall as one unit, vectorised for networks and bounds.

    Given per hall its free places, booked load and capacity, returns per unit: the hall's
    index, the load once the unit is taken (L = booked + 1, booked + 2, ...), and its
    `marginal_crowding` (2L - 1)/C, which rises within each hall.
    """
    unit_hall = np.repeat(np.arange(len(room)), room)
    rank = np.arange(len(unit_hall)) - np.repeat(np.cumsum(room) - room, room) + 1
    load_after = booked[unit_hall] + rank
    return unit_hall, load_after, (2 * load_after - 1) / capacity[unit_hall]


def band_steps(preferred: TimeOfDay | None, start_minute: int) -> int:
    """How many bands away from the citizen's preferred time of day a slot lies (0 if none)."""
    if preferred is None:
        return 0
    return abs(TIME_BANDS.index(preferred) - TIME_BANDS.index(time_band(start_minute)))


def preference_cost(distance_km: float, days_later: int, steps: int, weights: Weights) -> float:
    """Cost of a visit `distance_km` away, `days_later` after the citizen's first acceptable day,
    `steps` bands from the preferred time of day."""
    return (
        weights.per_km * distance_km
        + weights.per_day_later * days_later
        + weights.time_of_day_mismatch * steps
    )


def placement_cost(request: Request, slot: SlotCapacity, weights: Weights) -> float:
    """Preference cost of `request` in `slot` (the slot must be at one of its offices)."""
    distance = request.distance_to(slot.office_id)
    if distance is None:
        raise ValueError(f"office {slot.office_id} is not acceptable to request {request.id}")
    days_later = (slot.day - request.first_day).days
    steps = band_steps(request.time_of_day, slot.start_minute)
    return preference_cost(distance, days_later, steps, weights)


@dataclass(frozen=True, slots=True)
class Costs:
    """The two parts of the objective and their weighted sum."""

    crowding: float
    preference: float
    objective: float


def evaluate(
    requests: Mapping[str, Request],
    slots: Mapping[str, SlotCapacity],
    placements: Iterable[tuple[str, str]],
    weights: Weights,
    later_seats: Iterable[str] = (),
) -> Costs:
    """Price (request_id, slot_key) placements: crowding over every hall, preference per trip.

    `later_seats` are the slot keys of chains' later visits: each is a place in its hall, so it
    counts in the crowding, but a chain is one trip, whose preference cost is its first visit's
    (`placement_cost` of the slot it arrives for: distance, day and time of day once)."""
    placed = list(placements)
    added = Counter(hall_of(slots[slot_key]) for _, slot_key in placed)
    added.update(hall_of(slots[slot_key]) for slot_key in later_seats)
    crowding = sum(
        hall_crowding(booked + added.get(hall, 0), capacity)
        for hall, (booked, capacity) in hall_totals(slots.values()).items()
    )
    preference = sum(placement_cost(requests[r], slots[s], weights) for r, s in placed)
    return Costs(crowding, preference, weights.crowding * crowding + preference)


def price_solution(
    problem: Problem, assignments: Sequence[Assignment], unassigned: Mapping[str, str]
) -> Solution:
    """A `Solution` for `assignments`, priced with the shared objective (no bound)."""
    costs = evaluate(
        {r.id: r for r in problem.requests},
        {s.key: s for s in problem.slots},
        ((a.request_id, a.slot_key) for a in assignments),
        problem.weights,
        (key for a in assignments for key in a.later_slot_keys),
    )
    return Solution(
        assignments=assignments,
        unassigned=unassigned,
        objective=costs.objective,
        crowding_cost=costs.crowding,
        preference_cost=costs.preference,
    )
