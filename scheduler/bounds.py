"""A proven lower bound on the objective, so every result can say how far from ideal it can be.

Where everything is solved exactly (no chains) `scheduler.optimum` reports the uncapped optimum
instead, which is the tightest bound there is; this relaxation was 1-23 % (crowding) and 5-20 %
(objective) below it on generated instances. It stays for chains, which an option search places,
and for `scheduler.assign.assign` alone.

The argument, for the crowding part. Crowding is counted per hall (office, day, start; see
`scheduler.costs.hall_of`). A request may use every slot of an (office, service, day) *pool*
or none, because eligibility depends on office, service and date only (time of day is a
preference, not a rule). Join two office-days when some request may use both; the halls of
joined office-days, with their requests, form a *component*. Flow never crosses components, so
a placement that places the maximum number of requests places the maximum in each component
too; call it F_K. The optimiser places the maximum, so any competing placement with as many
requests puts exactly F_K into component K.

Within component K let hall h hold B_h booked places out of C_h and receive x_h requests, with
Σ x_h = F_K and 0 <= x_h <= free places of h that K's requests may use. Its crowding
(B_h + x_h)²/C_h equals B_h²/C_h plus the marginal costs (2(B_h + j) - 1)/C_h of its units
j = 1..x_h; these rise with j, so whatever x is, the chosen units are a prefix per hall, and
their sum is at least the sum of the F_K cheapest units of the whole component. This *integer
water-filling* drops only "which request may use which slot inside the component", so it is a
valid bound; it is at least as tight as the convexity (Cauchy-Schwarz) bound
Σ l²/C >= (Σ l)²/(Σ C) = (B_K + F_K)²/C_K, which is the same relaxation with fractional loads and
without the floor x_h >= 0 for halls already above the common level.

For the preference part: each request placed in K pays at least its cheapest option (office,
day, band with room), so K's preference cost is at least the sum of its F_K smallest such minima.
The two parts bound different terms of the same objective, so their weighted sum bounds it. The
bound ignores how crowding and preference pull against each other, so a gap of a few per cent
is normal even for the optimum.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from kernel.time_of_day import TIME_BANDS, TimeOfDay, time_band
from scheduler.costs import Hall, hall_crowding, hall_of, hall_totals, hall_units, preference_cost
from scheduler.problem import Candidate, Pool, Problem, Weights, pool_of
from scheduler.solution import Assignment

OfficeDay = tuple[str, date]


@dataclass(frozen=True, slots=True)
class Bound:
    """Lower bounds on the crowding cost, the preference cost and the weighted objective."""

    crowding: float
    preference: float
    objective: float


def relative_gap(value: float, bound: float) -> float:
    """(value - bound) / value: the share of the cost the bound cannot rule out as waste."""
    if value <= 0:
        return 0.0
    return max(0.0, (value - bound) / value)


class _Components:
    """Union-find over office-days."""

    def __init__(self) -> None:
        self._parent: dict[OfficeDay, OfficeDay] = {}

    def find(self, item: OfficeDay) -> OfficeDay:
        root = self._parent.setdefault(item, item)
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[item] != root:
            self._parent[item], item = root, self._parent[item]
        return root

    def union(self, a: OfficeDay, b: OfficeDay) -> None:
        self._parent[self.find(a)] = self.find(b)


def _reachable_pools(
    service: str,
    offices: tuple[Candidate, ...],
    first: date,
    last: date,
    days_by_office: dict[tuple[str, str], list[date]],
) -> list[tuple[Pool, float]]:
    """Pools with room a request may use, each with the distance to its office."""
    found: list[tuple[Pool, float]] = []
    for cand in offices:
        for day in days_by_office.get((cand.office_id, service), ()):
            if first <= day <= last:
                found.append(((cand.office_id, service, day), cand.distance_km))
    return found


def lower_bound(problem: Problem, assignments: Sequence[Assignment]) -> Bound:
    """Bound the objective of any placement that places as many requests as `assignments` does
    in every component; for a maximum placement (the optimiser's) that is every maximum
    placement, so the bound is a bound on the optimum.

    Chains (`Request.later_services`) are relaxed: each visit counts as a seat of a request of
    its own service (the later ones paying no preference, as a chain pays its trip once), free
    of the others, and components count seats. Dropping "same office, same day, back to back"
    only widens the choice, so the bound still holds for any placement with as many seats per
    component; it does not claim the chains-first optimiser places the most requests."""
    options = _Options(_bands_with_room(problem))
    components = _Components()
    cheapest_by_request = options.join_and_price(problem, components)
    placed = _placed_per_component(problem, assignments, components)
    crowding = _crowding_bound(problem, components, options.reachable_pools, placed)
    preference = _preference_bound(components, cheapest_by_request, placed)
    return Bound(crowding, preference, problem.weights.crowding * crowding + preference)


def _bands_with_room(problem: Problem) -> dict[Pool, set[int]]:
    """Per pool, the time bands (as indexes into ``TIME_BANDS``) that still have a free place."""
    bands_with_room: dict[Pool, set[int]] = defaultdict(set)
    for slot in problem.slots:
        if slot.free > 0:
            pool = pool_of(slot)
            bands_with_room[pool].add(TIME_BANDS.index(time_band(slot.start_minute)))
    return bands_with_room


class _Options:
    """What requests may use: each office and service's days with room, how far each pool's
    nearest band with room is from each preferred band, and (once ``join_and_price`` has run)
    the pools some request reaches."""

    def __init__(self, bands_with_room: dict[Pool, set[int]]) -> None:
        self.days_by_office: dict[tuple[str, str], list[date]] = defaultdict(list)
        for office_id, service, day in bands_with_room:
            self.days_by_office[(office_id, service)].append(day)
        # Bands away from each preferred band (index 0..2) to the nearest band with room, per pool.
        self.steps: dict[Pool, tuple[int, ...]] = {
            pool: tuple(min(abs(b - p) for b in bands) for p in range(len(TIME_BANDS)))
            for pool, bands in bands_with_room.items()
        }
        self.reachable_pools: set[Pool] = set()

    def join_and_price(self, problem: Problem, components: _Components) -> list[tuple[OfficeDay, float, int]]:
        """Join the office-days each request may use into ``components`` (noting the pools any
        request reaches), and price each request's cheapest option: (its component's anchor,
        that price, how many requests are alike)."""
        joined: set[tuple[str, tuple[Candidate, ...], date, date]] = set()
        # Identical requests have identical options: price each distinct request once.
        # A chain counts as one seat per visit, each a request of its own service; only the
        # first pays the trip's preference cost (`scheduler.costs.evaluate`), the others 0.
        alike = Counter(
            (service, r.offices, r.first_day, r.last_day, r.time_of_day, position == 0)
            for r in problem.requests
            if r.eligible
            for position, service in enumerate(r.services)
        )
        cheapest_by_request: list[tuple[OfficeDay, float, int]] = []
        for (service, offices, first, last, tod, pays), count in alike.items():
            reachable = _reachable_pools(service, offices, first, last, self.days_by_office)
            if not reachable:
                continue
            anchor = reachable[0][0][0], reachable[0][0][2]
            if (service, offices, first, last) not in joined:  # time of day changes only the price
                joined.add((service, offices, first, last))
                self._join(components, anchor, reachable)
            cheapest = self._cheapest(reachable, first, tod, problem.weights) if pays else 0.0
            cheapest_by_request.append((anchor, cheapest, count))
        return cheapest_by_request

    def _join(self, components: _Components, anchor: OfficeDay, reachable: list[tuple[Pool, float]]) -> None:
        for pool, _ in reachable:
            self.reachable_pools.add(pool)
            components.union(anchor, (pool[0], pool[2]))

    def _cheapest(
        self, reachable: list[tuple[Pool, float]], first: date, tod: TimeOfDay | None, weights: Weights
    ) -> float:
        """The lowest preference cost (distance, days later, band mismatch) among ``reachable``."""
        preferred = TIME_BANDS.index(tod) if tod else None
        return min(
            preference_cost(
                distance,
                (pool[2] - first).days,
                0 if preferred is None else self.steps[pool][preferred],
                weights,
            )
            for pool, distance in reachable
        )


def _placed_per_component(
    problem: Problem, assignments: Sequence[Assignment], components: _Components
) -> Counter[OfficeDay]:
    """F_K: how many requests ``assignments`` places in each component (by its root)."""
    slots_by_key = {s.key: s for s in problem.slots}
    placed: Counter[OfficeDay] = Counter()
    for a in assignments:
        for key in a.slot_keys:
            slot = slots_by_key[key]
            placed[components.find((slot.office_id, slot.day))] += 1
    return placed


def _crowding_bound(
    problem: Problem,
    components: _Components,
    reachable_pools: set[Pool],
    placed: Counter[OfficeDay],
) -> float:
    """Σ B²/C over all halls plus, per component, its F_K cheapest marginal units."""
    totals = hall_totals(problem.slots)
    fixed = sum(hall_crowding(booked, capacity) for booked, capacity in totals.values())
    room: Counter[Hall] = Counter()
    for s in problem.slots:
        if s.free > 0 and pool_of(s) in reachable_pools:
            room[hall_of(s)] += s.free
    roots = {root: i for i, root in enumerate(placed)}
    halls = [h for h in room if components.find((h[0], h[1])) in roots]
    if not halls:
        return fixed
    free = np.asarray([room[h] for h in halls], dtype=np.int64)
    booked = np.asarray([totals[h][0] for h in halls], dtype=np.int64)
    capacity = np.asarray([totals[h][1] for h in halls], dtype=np.float64)
    comp = np.asarray([roots[components.find((h[0], h[1]))] for h in halls], dtype=np.int64)
    unit_hall, _, cost = hall_units(free, booked, capacity)
    quota = np.asarray([placed[root] for root in roots], dtype=np.int64)
    return fixed + _sum_cheapest_per_group(comp[unit_hall], cost, quota)


def _preference_bound(
    components: _Components,
    cheapest_by_request: list[tuple[OfficeDay, float, int]],
    placed: Counter[OfficeDay],
) -> float:
    """Per component, the sum of the F_K smallest per-request cheapest options."""
    by_component: dict[OfficeDay, list[tuple[float, int]]] = defaultdict(list)
    for anchor, cheapest, count in cheapest_by_request:
        by_component[components.find(anchor)].append((cheapest, count))
    total = 0.0
    for root, quota in placed.items():
        for cheapest, count in sorted(by_component.get(root, [])):
            take = min(count, quota)
            total += take * cheapest
            quota -= take
            if quota == 0:
                break
    return total


def _sum_cheapest_per_group(group: np.ndarray, cost: np.ndarray, quota: np.ndarray) -> float:
    """Σ over groups g of the quota[g] smallest costs among the items of group g."""
    order = np.lexsort((cost, group))
    sorted_group = group[order]
    first = np.searchsorted(sorted_group, np.arange(len(quota)))
    rank = np.arange(len(order)) - first[sorted_group]
    return float(cost[order][rank < quota[sorted_group]].sum())
