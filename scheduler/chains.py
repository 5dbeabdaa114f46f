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
of its first visit). Chains go in arrival order, as identical requests do in the flow.

The peak comes before cost, for chains as for everyone: `scheduler.assign` first finds the lowest
peak of the whole demand, each chain's visits counted as free seats in the flow network (a
relaxation: wherever the chains go, their seats are one of its placements), and a chain then
takes only options that keep each of its halls at or under that cap. A chain with no such option
is still placed (placing the most requests comes first), where its busiest hall ends up least
full, and counted (`SolveStats.chains_above_cap`). Then one improvement pass (`improve`) takes
each chain out again, now that the single requests are in, and puts it back at its cheapest
option under the cap when that is cheaper (or it was above the cap), so a chain sent to a hall
that the flow later filled moves on; every move lowers the objective or the peak. How good the
whole answer is stays *measured*, not assumed: `scheduler.bounds` bounds every seat, chains'
included, and the gap is reported as before.

What the greedy gives up: a chain placed early may take the only option of a later one (the later
one is then `no_capacity`), and a single request may find a seat taken by a chain — chains, being
decided first, are never refused for a single request's sake; a chain under the cap may also take
room a single request needed under it, and the single requests' cap then rises (`peak_cap` above
`SolveStats.demand_cap`). All of it is reported, never hidden.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

import numpy as np

from kernel.days import days_between
from kernel.time_of_day import TIME_BANDS
from scheduler.costs import band_steps, preference_cost
from scheduler.grouping import normalise
from scheduler.peak import EPSILON
from scheduler.problem import Request, SlotCapacity, Weights
from scheduler.solution import NO_CAPACITY, NO_ELIGIBLE_SLOT, NOT_ELIGIBLE, Assignment

OfficeDay = tuple[str, date]
#: A chain's option: its cost, the office-day and the start index of each visit.
Option = tuple[float, OfficeDay, list[int]]


@dataclass(frozen=True)
class Fitting:
    """A chain's options with room (`ChainPlanner.fitting`): office-days x starts."""

    where: list[OfficeDay]
    ok: np.ndarray
    visits: list[np.ndarray]
    crowding: np.ndarray


class _Grid:
    """Every office-day as rows of arrays over one axis of start times: each service's room and
    whether it is offered, the start index of the slot that follows, and each hall's load,
    capacity and the crowding (2L+1)/C its next visitor adds. One request's options are then
    looked at together, a few array operations over (its office-days x starts)."""

    def __init__(self, slots: Sequence[SlotCapacity]) -> None:
        self.starts = sorted({s.start_minute for s in slots})
        self.at = {start: i for i, start in enumerate(self.starts)}
        self.days = {where: d for d, where in enumerate(sorted({(s.office_id, s.day) for s in slots}))}
        self.services = {service: r for r, service in enumerate(sorted({s.service for s in slots}))}
        shape = (len(self.days), len(self.services), len(self.starts))
        self.room = np.zeros(shape, dtype=np.int64)
        self.offered = np.zeros(shape, dtype=bool)
        self.next = np.full(shape, -1, dtype=np.int64)
        self.load = np.zeros(shape[::2], dtype=np.int64)
        self.capacity = np.zeros(shape[::2], dtype=np.int64)
        self.free: dict[str, int] = {}
        self.slots: dict[tuple[int, int, int], list[SlotCapacity]] = defaultdict(list)
        self.place_of: dict[str, tuple[int, int, int]] = {}
        cells, following = [], []
        for s in slots:
            cell = (self.days[(s.office_id, s.day)], self.services[s.service], self.at[s.start_minute])
            self.free[s.key] = s.free
            self.slots[cell].append(s)
            self.place_of[s.key] = cell
            cells.append(cell)
            following.append(self.at.get(s.next_start, -1))
        if cells:
            d, r, i = np.asarray(cells, dtype=np.int64).T
            np.add.at(self.room, (d, r, i), [s.free for s in slots])
            np.add.at(self.load, (d, i), [s.booked for s in slots])
            np.add.at(self.capacity, (d, i), [s.capacity for s in slots])
            self.offered[d, r, i] = True
            self.next[d[::-1], r[::-1], i[::-1]] = np.asarray(following, dtype=np.int64)[::-1]  # first wins
        self.marginal = (2 * self.load + 1) / np.maximum(self.capacity, 1)
        self.steps = {
            band: np.asarray([band_steps(band, t) for t in self.starts], dtype=np.float64)
            for band in (None, *TIME_BANDS)
        }

    def fits(
        self, days: np.ndarray, services: tuple[str, ...], with_room: bool
    ) -> tuple[np.ndarray, list[np.ndarray]] | None:
        """Per office-day and start: whether the chain can begin there (its services following
        each other on the grid and, `with_room`, each with a free place), and each visit's start."""
        rows = [self.services.get(s) for s in services]
        if any(r is None for r in rows):
            return None
        at_day = days[:, None]
        here = np.broadcast_to(np.arange(len(self.starts)), (len(days), len(self.starts)))
        ok = self._usable(at_day, rows[0], here, with_room)
        visits = [here]
        for before, after in pairwise(rows):
            following = self.next[at_day, before, here]
            ok &= following >= 0
            here = np.where(following >= 0, following, 0)
            ok &= self._usable(at_day, after, here, with_room)
            visits.append(here)
        return ok, visits

    def _usable(self, day: np.ndarray, row: int | None, start: np.ndarray, with_room: bool) -> np.ndarray:
        if with_room:
            return np.asarray(self.room[day, row, start] > 0)
        return np.asarray(self.offered[day, row, start])

    def hold(self, key: str, count: int) -> None:
        """Take (`count` 1) or give back (-1) one place in slot `key`."""
        d, r, i = self.place_of[key]
        self.free[key] -= count
        self.room[d, r, i] -= count
        self.load[d, i] += count
        self.marginal[d, i] = (2 * self.load[d, i] + 1) / max(int(self.capacity[d, i]), 1)

    def take(self, day: int, services: tuple[str, ...], starts: Sequence[int]) -> list[str]:
        """Take one place per visit; the slot keys taken, first visit first."""
        keys = []
        for service, i in zip(services, starts, strict=True):
            slot = next(s for s in self.slots[(day, self.services[service], i)] if self.free[s.key] > 0)
            self.hold(slot.key, 1)
            keys.append(slot.key)
        return keys


class ChainPlanner:
    """Places chains one at a time on its own copy of the slots' room; seats others take are
    told to it with `hold`."""

    def __init__(self, slots: Sequence[SlotCapacity], weights: Weights) -> None:
        self._weights = weights
        self._grid = _Grid(slots)

    def _options(self, request: Request) -> tuple[list[OfficeDay], np.ndarray]:
        """The office-days the request may use, nearest office first, earliest day first, and
        each one's trip cost (distance, days later)."""
        found: list[OfficeDay] = []
        trips: list[float] = []
        for cand in sorted(normalise(request.offices), key=lambda c: (c.distance_km, c.office_id)):
            for day in days_between(request.first_day, request.last_day):
                if (cand.office_id, day) in self._grid.days:
                    found.append((cand.office_id, day))
                    later = (day - request.first_day).days
                    trips.append(preference_cost(cand.distance_km, later, 0, self._weights))
        return found, np.asarray(trips, dtype=np.float64)

    def _fits(
        self, request: Request, with_room: bool
    ) -> tuple[list[OfficeDay], np.ndarray, list[np.ndarray]] | None:
        where, trips = self._options(request)
        if not where:
            return None
        days = np.asarray([self._grid.days[w] for w in where], dtype=np.int64)
        fits = self._grid.fits(days, request.services, with_room)
        if fits is None or not fits[0].any():
            return None
        return where, trips, [fits[0], *fits[1]]

    def cheapest(self, request: Request, cap: float | None = None) -> Option | None:
        """The request's cheapest option with room: its trip's cost plus the crowding each visit
        adds to its hall plus the band mismatch of its first visit. With `cap`, only options
        that keep each of its halls at or under that utilisation count."""
        found = self._priced(request)
        if found is None:
            return None
        where, ok, visits, cost, busiest = found
        if cap is not None:
            ok = ok & (busiest <= cap + EPSILON)
            if not ok.any():
                return None
        return self._option(where, visits, np.where(ok, cost, np.inf))

    def least_busy(self, request: Request) -> Option | None:
        """When no option keeps the halls under a cap: the option whose busiest hall ends up
        least full, the cheapest of those."""
        found = self._priced(request)
        if found is None:
            return None
        where, ok, visits, cost, busiest = found
        lowest = float(np.min(np.where(ok, busiest, np.inf)))
        return self._option(where, visits, np.where(ok & (busiest <= lowest + EPSILON), cost, np.inf))

    def _priced(
        self, request: Request
    ) -> tuple[list[OfficeDay], np.ndarray, list[np.ndarray], np.ndarray, np.ndarray] | None:
        """Per office-day and start: whether the chain fits with room, each visit's start, the
        option's cost, and the utilisation of its busiest hall once it is in."""
        found = self._fits(request, with_room=True)
        if found is None:
            return None
        where, trips, (ok, *visits) = found
        grid = self._grid
        days = np.asarray([grid.days[w] for w in where], dtype=np.int64)[:, None]
        crowding = sum(grid.marginal[days, v] for v in visits)
        cost = trips[:, None] + self._weights.crowding * crowding
        cost = cost + self._weights.time_of_day_mismatch * grid.steps[request.time_of_day][None, :]
        busiest = np.max(
            [(grid.load[days, v] + 1) / np.maximum(grid.capacity[days, v], 1) for v in visits], axis=0
        )
        return where, ok, visits, cost, busiest

    def fitting(self, request: Request) -> Fitting | None:
        """Every option the chain has with room, for a caller that prices options its own way
        (a rebalance, `scheduler.rebalance_chains`): the office-days (rows), whether the chain
        can begin at each start (columns, `start_minutes`), each visit's start index, and the
        crowding its visits add to their halls (sum of (2L+1)/C), as `cheapest` counts it."""
        found = self._fits(request, with_room=True)
        if found is None:
            return None
        where, _, (ok, *visits) = found
        days = np.asarray([self._grid.days[w] for w in where], dtype=np.int64)[:, None]
        crowding = sum((self._grid.marginal[days, v] for v in visits), np.zeros(ok.shape))
        return Fitting(where, ok, visits, crowding)

    @property
    def start_minutes(self) -> np.ndarray:
        """The start (minutes) of each column of a `Fitting`."""
        return np.asarray(self._grid.starts, dtype=np.int64)

    @staticmethod
    def _option(where: list[OfficeDay], visits: list[np.ndarray], cost: np.ndarray) -> Option:
        best = int(np.argmin(cost))
        row, first = divmod(best, cost.shape[1])
        return float(cost[row, first]), where[row], [int(v[row, first]) for v in visits]

    def best(self, fitting: Fitting, cost: np.ndarray) -> Option | None:
        """The option of `fitting` where `cost` (one per office-day and start) is lowest, among
        those that fit; None when none does."""
        priced = np.where(fitting.ok, cost, np.inf)
        if not np.isfinite(priced).any():
            return None
        return self._option(fitting.where, fitting.visits, priced)

    def exists(self, request: Request) -> bool:
        """Whether the chain's services follow each other anywhere it may go, room or not."""
        return self._fits(request, with_room=False) is not None

    def _take(self, request: Request, where: OfficeDay, starts: Sequence[int]) -> Assignment:
        keys = self._grid.take(self._grid.days[where], request.services, starts)
        return Assignment(request.id, keys[0], tuple(keys[1:]))

    def place(self, option: Option, request: Request) -> Assignment:
        """Take the places of `option` (from `cheapest` or `least_busy`) for the chain."""
        _, where, starts = option
        return self._take(request, where, starts)

    def above(self, assignment: Assignment, cap: float) -> bool:
        """Whether one of the halls the (placed) chain sits in is fuller than `cap`."""
        grid = self._grid
        return any(
            grid.load[d, i] > (cap + EPSILON) * grid.capacity[d, i]
            for d, _, i in (grid.place_of[key] for key in assignment.slot_keys)
        )

    def earliest(self, request: Request) -> Assignment | None:
        """First come, first served (`scheduler.greedy`): the nearest office, then the earliest
        day and start where the whole chain has room."""
        found = self._fits(request, with_room=True)
        if found is None:
            return None
        where, _, (ok, *visits) = found
        row, first = divmod(int(np.argmax(ok)), ok.shape[1])  # options are in that order
        return self._take(request, where[row], [int(v[row, first]) for v in visits])

    def hold(self, slot_keys: Iterable[str], count: int = 1) -> None:
        """Take (or, `count` -1, give back) a place in each of these slots, whoever holds it."""
        for key in slot_keys:
            self._grid.hold(key, count)

    def cost_of(self, request: Request, assignment: Assignment) -> float:
        """What the chain adds where it is, as `cheapest` prices an option (it being out)."""
        grid = self._grid
        crowding = 0.0
        for key in assignment.slot_keys:
            d, _, i = grid.place_of[key]
            crowding += float((2 * (grid.load[d, i] - 1) + 1) / grid.capacity[d, i])
        first = grid.slots[grid.place_of[assignment.slot_key]][0]
        trip = preference_cost(
            request.distance_to(first.office_id) or 0.0,
            (first.day - request.first_day).days,
            band_steps(request.time_of_day, first.start_minute),
            self._weights,
        )
        return trip + self._weights.crowding * crowding


@dataclass
class ChainPlacement:
    """What the chains got: their assignments, the chains left out with a reason, the seats
    they hold per slot (to count as booked when the flow places the rest), and the chains that
    had no option under the cap and were put where the busiest hall stays least full."""

    assignments: list[Assignment] = field(default_factory=list)
    unassigned: dict[str, str] = field(default_factory=dict)
    seats: Counter[str] = field(default_factory=Counter)
    above_cap: list[str] = field(default_factory=list)


def place_chains(
    requests: Sequence[Request], slots: Sequence[SlotCapacity], weights: Weights, cap: float | None = None
) -> ChainPlacement:
    """Place every chain in `requests` (others are ignored) in arrival order, each at its
    cheapest option given direct bookings and the chains before it; with `cap`, its cheapest
    option that keeps each of its halls at or under the cap, and only when there is none (a
    chain is never refused for the peak's sake) the option whose busiest hall ends up least
    full, listed in `above_cap`."""
    planner = ChainPlanner(slots, weights)
    result = ChainPlacement()
    for request in requests:
        if not request.is_chain:
            continue
        if not request.eligible:
            result.unassigned[request.id] = NOT_ELIGIBLE
            continue
        option = planner.cheapest(request, cap)
        if option is None and cap is not None:
            option = planner.least_busy(request)
            if option is not None:
                result.above_cap.append(request.id)
        if option is None:
            result.unassigned[request.id] = NO_CAPACITY if planner.exists(request) else NO_ELIGIBLE_SLOT
            continue
        assignment = planner.place(option, request)
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
    cap: float,
) -> list[Assignment]:
    """Move each placed chain, once, to its cheapest option that keeps its halls at or under
    `cap`, now that the single requests are in too: when that is cheaper than where it is, or
    when it is above the cap where it is (the peak comes before cost). A move never raises a
    hall above the cap, and a cheaper move lowers the objective by exactly the difference
    priced, as everyone else stays where they are."""
    planner = ChainPlanner(slots, weights)
    for a in (*chains, *singles):
        planner.hold(a.slot_keys)
    moved: list[Assignment] = []
    for a in chains:
        request = requests[a.request_id]
        before = planner.cost_of(request, a)
        over = planner.above(a, cap)
        planner.hold(a.slot_keys, -1)
        option = planner.cheapest(request, cap)
        if option is not None and (over or option[0] < before - 1e-9):
            moved.append(planner.place(option, request))
        else:
            planner.hold(a.slot_keys)
            moved.append(a)
    return moved
