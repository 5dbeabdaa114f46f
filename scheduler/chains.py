"""Chains — one trip, several services — placed as one unit before the flow places the rest.

A chain asks for services s1..sk (k <= 3 in practice) at one office on one day, back to back:
visit j+1 in the slot of s(j+1) that starts where visit j's slot ends (`SlotCapacity.next_start`).
The min-cost flow cannot say "these k places go together": a unit of flow is one seat, and
nothing ties a seat at 9:00 to a seat at 9:15 of another service. So chains are decided first,
here, and the flow then places the single requests on the room they leave, counting the chains'
seats as already booked (`scheduler.assign`).

Why a greedy and not CP-SAT: on a national batch every chain has hundreds of options (offices x
days x starts), so 5,000 chains are over a million booleans tied by a quadratic crowding cost,
minutes of CP-SAT for a minority of requests while the 100,000-request flow takes seconds.
Chains are few and halls mostly far from full, so they rarely compete for the same seat, and
each chain is placed at its cheapest option under *the same objective* as everyone else: the
crowding each of its visits adds to its hall, (2L+1)/C at the load L it finds there (direct
bookings and chains placed before it), plus its trip's preference cost (`costs.placement_cost`
of its first visit). Chains go in arrival order, as identical requests do in the flow. Then one
improvement pass (`improve`) takes each chain out again, now that the single requests are in, and
puts it back wherever it costs least, so a chain sent to a hall that the flow later filled moves
on; every move lowers the objective. How good the whole answer is stays *measured*, not assumed:
`scheduler.bounds` bounds every seat, chains' included, and the gap is reported as before.

What the greedy gives up: a chain placed early may take the only option of a later one (the later
one is then `no_capacity`), and a single request may find a seat taken by a chain — chains, being
decided first, are never refused for a single request's sake. Both are reported, never hidden.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from kernel.days import days_between
from kernel.time_of_day import TimeOfDay
from scheduler.costs import band_steps, preference_cost
from scheduler.grouping import normalise
from scheduler.problem import Request, SlotCapacity, Weights
from scheduler.solution import NO_CAPACITY, NO_ELIGIBLE_SLOT, NOT_ELIGIBLE, Assignment

OfficeDay = tuple[str, date]


class _Day:
    """One office on one day: its start times, each service's room per start, and each hall's
    load and capacity (all services), kept up to date as chains take seats."""

    def __init__(self, slots: Sequence[SlotCapacity]) -> None:
        self.starts = sorted({s.start_minute for s in slots})
        at = {start: i for i, start in enumerate(self.starts)}
        n = len(self.starts)
        self.load = [0] * n
        self.capacity = [0] * n
        self.slots: dict[tuple[str, int], list[SlotCapacity]] = defaultdict(list)
        self.room: dict[str, list[int]] = defaultdict(lambda: [0] * n)
        self.next: dict[str, list[int]] = defaultdict(lambda: [-1] * n)
        for s in sorted(slots, key=lambda s: (s.start_minute, s.key)):
            i = at[s.start_minute]
            self.load[i] += s.booked
            self.capacity[i] += s.capacity
            self.slots[(s.service, i)].append(s)
            self.room[s.service][i] += s.free
            if self.next[s.service][i] < 0:
                self.next[s.service][i] = at.get(s.next_start, -1)
        self.version = 0

    def follow(self, services: tuple[str, ...], first: int, with_room: bool) -> list[int] | None:
        """The start indexes of a chain whose first visit is at index `first`, or None when some
        visit has no slot there (or, `with_room`, no free place)."""
        indexes = [first]
        for before, service in pairwise(services):
            i = self.next[before][indexes[-1]]
            if i < 0 or (service, i) not in self.slots:
                return None
            indexes.append(i)
        if with_room and any(self.room[s][i] <= 0 for s, i in zip(services, indexes, strict=True)):
            return None
        return indexes

    def best(
        self, services: tuple[str, ...], preferred: TimeOfDay | None, weights: Weights
    ) -> tuple[float, list[int]] | None:
        """The cheapest start for the chain here: crowding its visits add + band mismatch."""
        found: tuple[float, list[int]] | None = None
        room = self.room[services[0]]
        for first in range(len(self.starts)):
            if room[first] <= 0:
                continue
            indexes = self.follow(services, first, with_room=True)
            if indexes is None:
                continue
            cost = weights.crowding * sum((2 * self.load[i] + 1) / self.capacity[i] for i in indexes)
            cost += weights.time_of_day_mismatch * band_steps(preferred, self.starts[first])
            if found is None or cost < found[0]:
                found = (cost, indexes)
        return found

    def take(self, services: tuple[str, ...], indexes: Sequence[int], free: dict[str, int]) -> list[str]:
        """Take one place per visit; the slot keys taken, first visit first."""
        chosen = [
            next(s for s in self.slots[(service, i)] if free[s.key] > 0)
            for service, i in zip(services, indexes, strict=True)
        ]
        self.hold(chosen, free, 1)
        return [s.key for s in chosen]

    def hold(self, slots: Iterable[SlotCapacity], free: dict[str, int], count: int) -> None:
        """Take (`count` 1) or give back (-1) one place in each of `slots`."""
        for slot in slots:
            i = self.starts.index(slot.start_minute)
            free[slot.key] -= count
            self.room[slot.service][i] -= count
            self.load[i] += count
        self.version += 1

    def utilisation_after(self, indexes: Iterable[int]) -> float:
        """The busiest of these halls once each has one more visitor."""
        return max((self.load[i] + 1) / self.capacity[i] for i in indexes)


@dataclass
class ChainPlacement:
    """What the chains got: their assignments, the chains left out with a reason, and the seats
    they hold per slot (to count as booked when the flow places the rest)."""

    assignments: list[Assignment] = field(default_factory=list)
    unassigned: dict[str, str] = field(default_factory=dict)
    seats: dict[str, int] = field(default_factory=lambda: defaultdict(int))


class ChainPlanner:
    """Places chains one by one at their cheapest option, on a copy of the slots' room."""

    def __init__(self, slots: Sequence[SlotCapacity], weights: Weights) -> None:
        self._weights = weights
        self._slots = {s.key: s for s in slots}
        self._free = {s.key: s.free for s in slots}
        by_day: dict[OfficeDay, list[SlotCapacity]] = defaultdict(list)
        for s in slots:
            by_day[(s.office_id, s.day)].append(s)
        self._days = {key: _Day(day_slots) for key, day_slots in by_day.items()}
        self._cache: dict[tuple[OfficeDay, tuple[str, ...], TimeOfDay | None], tuple[int, object]] = {}

    def _options(self, request: Request) -> Iterator[tuple[float, OfficeDay]]:
        """Each office-day the request may use, with its trip's distance and day cost."""
        for cand in normalise(request.offices):
            for day in days_between(request.first_day, request.last_day):
                if (cand.office_id, day) in self._days:
                    yield (
                        preference_cost(cand.distance_km, (day - request.first_day).days, 0, self._weights),
                        (cand.office_id, day),
                    )

    def _best_at(self, where: OfficeDay, request: Request) -> tuple[float, list[int]] | None:
        """The day's cheapest start for this chain, remembered until the day changes."""
        day = self._days[where]
        key = (where, request.services, request.time_of_day)
        cached = self._cache.get(key)
        if cached is not None and cached[0] == day.version:
            return cached[1]  # type: ignore[return-value]
        found = day.best(request.services, request.time_of_day, self._weights)
        self._cache[key] = (day.version, found)
        return found

    def cheapest(self, request: Request) -> tuple[float, OfficeDay, list[int]] | None:
        """The request's cheapest option with room: (cost, office-day, start indexes)."""
        found: tuple[float, OfficeDay, list[int]] | None = None
        for trip, where in self._options(request):
            best = self._best_at(where, request)
            if best is not None and (found is None or trip + best[0] < found[0]):
                found = (trip + best[0], where, best[1])
        return found

    def exists(self, request: Request) -> bool:
        """Whether the chain's services follow each other anywhere it may go, room or not."""
        for _, where in self._options(request):
            day = self._days[where]
            if any(day.follow(request.services, i, with_room=False) for i in range(len(day.starts))):
                return True
        return False

    def place(self, request: Request, peak: float | None = None) -> Assignment | None:
        """Put the chain at its cheapest option (with `peak`, only if that keeps each of its halls
        at or under it); its assignment, or None."""
        option = self.cheapest(request)
        if option is None:
            return None
        _, where, indexes = option
        day = self._days[where]
        if peak is not None and day.utilisation_after(indexes) > peak + 1e-9:
            return None
        keys = day.take(request.services, indexes, self._free)
        return Assignment(request.id, keys[0], tuple(keys[1:]))

    def earliest(self, request: Request) -> Assignment | None:
        """First come, first served (`scheduler.greedy`): the nearest office, then the earliest
        day and start where the whole chain has room."""
        for cand in sorted(normalise(request.offices), key=lambda c: (c.distance_km, c.office_id)):
            for day in days_between(request.first_day, request.last_day):
                found = self._days.get((cand.office_id, day))
                if found is None:
                    continue
                for first in range(len(found.starts)):
                    indexes = found.follow(request.services, first, with_room=True)
                    if indexes is not None:
                        keys = found.take(request.services, indexes, self._free)
                        return Assignment(request.id, keys[0], tuple(keys[1:]))
        return None

    def hold(self, slot_keys: Iterable[str], count: int = 1) -> None:
        """Take (or, `count` -1, give back) a place in each of these slots, whoever holds it."""
        for key in slot_keys:
            slot = self._slots[key]
            self._days[(slot.office_id, slot.day)].hold([slot], self._free, count)

    def cost_of(self, request: Request, assignment: Assignment) -> float:
        """What the chain adds where it is, as `cheapest` prices an option (it being out)."""
        slots = [self._slots[k] for k in assignment.slot_keys]
        first = slots[0]
        day = self._days[(first.office_id, first.day)]
        distance = request.distance_to(first.office_id) or 0.0
        crowding = 0.0
        for s in slots:
            i = day.starts.index(s.start_minute)
            crowding += (2 * (day.load[i] - 1) + 1) / day.capacity[i]
        trip = preference_cost(
            distance,
            (first.day - request.first_day).days,
            band_steps(request.time_of_day, first.start_minute),
            self._weights,
        )
        return trip + self._weights.crowding * crowding


def place_chains(
    requests: Sequence[Request], slots: Sequence[SlotCapacity], weights: Weights
) -> ChainPlacement:
    """Place every chain in `requests` (others are ignored) in arrival order, each at its
    cheapest option given direct bookings and the chains before it."""
    planner = ChainPlanner(slots, weights)
    result = ChainPlacement()
    for request in requests:
        if not request.is_chain:
            continue
        if not request.eligible:
            result.unassigned[request.id] = NOT_ELIGIBLE
            continue
        assignment = planner.place(request)
        if assignment is None:
            result.unassigned[request.id] = NO_CAPACITY if planner.exists(request) else NO_ELIGIBLE_SLOT
            continue
        result.assignments.append(assignment)
        for key in assignment.slot_keys:
            result.seats[key] += 1
    return result


def improve(
    requests: Mapping[str, Request],
    slots: Sequence[SlotCapacity],
    chains: Sequence[Assignment],
    singles: Sequence[Assignment],
    weights: Weights,
    peak: float | None,
) -> list[Assignment]:
    """Move each placed chain, once, to its cheapest option now that the single requests are in
    too, when that is cheaper than where it is and keeps its halls at or under `peak` (the
    busiest hall of the answer so far, which the move so never raises). Each move lowers the
    objective by exactly the difference priced, as everyone else stays where they are."""
    planner = ChainPlanner(slots, weights)
    for a in (*chains, *singles):
        planner.hold(a.slot_keys)
    moved: list[Assignment] = []
    for a in chains:
        request = requests[a.request_id]
        before = planner.cost_of(request, a)
        planner.hold(a.slot_keys, -1)
        option = planner.cheapest(request)
        better = planner.place(request, peak) if option is not None and option[0] < before - 1e-9 else None
        if better is None:
            planner.hold(a.slot_keys)
            better = a
        moved.append(better)
    return moved
