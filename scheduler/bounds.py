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

Computed with numpy over the slots' codes (`scheduler.slot_table`): components are the connected
components of office-days and the request kinds that reach them (`scheduler.regions`), and the
"F_K cheapest" sums are one sort each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scheduler.costs import hall_units
from scheduler.decompose import expand
from scheduler.grouping import RequestGroup, group_requests
from scheduler.problem import Problem, Request, Weights
from scheduler.regions import label_regions
from scheduler.slot_table import BANDS, NO_PREFERENCE, GroupTable, SlotTable
from scheduler.solution import Assignment


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


def lower_bound(
    problem: Problem,
    assignments: Sequence[Assignment],
    table: SlotTable | None = None,
    singles: Sequence[RequestGroup] | None = None,
) -> Bound:
    """Bound the objective of any placement that places as many requests as `assignments` does
    in every component; for a maximum placement (the optimiser's) that is every maximum
    placement, so the bound is a bound on the optimum. `table` (`problem.slots` coded) and
    `singles` (`group_requests` of the requests that are not chains) save the work when the
    caller has them already.

    Chains (`Request.later_services`) are relaxed: each visit counts as a seat of a request of
    its own service (the later ones paying no preference, as a chain pays its trip once), free
    of the others, and components count seats. Dropping "same office, same day, back to back"
    only widens the choice, so the bound still holds for any placement with as many seats per
    component; it does not claim the chains-first optimiser places the most requests."""
    table = SlotTable(problem.slots) if table is None else table
    kinds, pays = _request_kinds(problem.requests, singles)
    g = GroupTable.of(kinds, table)
    weights = problem.weights
    # Each (kind, office) option × the days of its window with room: the pools a kind reaches.
    option_kind = g.option_group
    known = (g.option_office >= 0) & (g.service[option_kind] >= 0)
    low = np.maximum(g.first[option_kind] - table.first_ordinal, 0)
    high = np.minimum(g.last[option_kind] - table.first_ordinal, table.days - 1)
    option, rank = expand(np.where(known, np.maximum(high - low + 1, 0), 0))
    day = low[option] + rank
    office = g.option_office[option]
    pool = table.pool_of(office, g.service[option_kind[option]], day)
    room = table.pool_has_room[pool]
    option, day, office, pool = option[room], day[room], office[room], pool[room]
    kind = option_kind[option]

    # Components: office-days joined through the kinds that reach them.
    office_days = len(table.offices) * table.days
    office_day = office * table.days + day
    label = label_regions(office_day, office_days + kind, office_days + len(kinds), -1)
    component_of_kind = np.full(len(kinds), -1, dtype=np.int64)
    component_of_kind[kind] = label[office_days + kind]

    # F_K: the places `assignments` takes in each component.
    rows = np.fromiter((table.index(k) for a in assignments for k in a.slot_keys), np.int64)
    placed = np.bincount(label[table.office_day[rows]], minlength=office_days + len(kinds)).astype(np.int64)

    crowding = _crowding_bound(table, np.unique(pool), label, placed)
    preference = _preference_bound(
        g, pays, kind, option, pool, day, component_of_kind, placed, table, weights
    )
    return Bound(crowding, preference, weights.crowding * crowding + preference)


def _request_kinds(
    requests: Sequence[Request], singles: Sequence[RequestGroup] | None
) -> tuple[list[RequestGroup], np.ndarray]:
    """Identical seats grouped: every visit of every eligible request as a request for its own
    service, and whether it pays the trip's preference cost (only a chain's first visit does)."""
    chains = [r for r in requests if r.eligible and r.is_chain]
    if singles is None:
        singles = group_requests([r for r in requests if not r.is_chain])
    visits = [
        (Request(r.id, service, r.offices, r.first_day, r.last_day, r.time_of_day), position == 0)
        for r in chains
        for position, service in enumerate(r.services)
    ]
    paying = [*singles, *group_requests([v for v, pays in visits if pays])]
    free = group_requests([v for v, pays in visits if not pays])
    flags = np.concatenate([np.ones(len(paying), dtype=bool), np.zeros(len(free), dtype=bool)])
    return [*paying, *free], flags


def _crowding_bound(table: SlotTable, reached: np.ndarray, label: np.ndarray, placed: np.ndarray) -> float:
    """Σ B²/C over all halls plus, per component, its F_K cheapest marginal units."""
    open_halls = table.hall_capacity > 0
    booked, capacity = table.hall_booked[open_halls], table.hall_capacity[open_halls]
    fixed = float((booked * booked / capacity).sum())
    with_room = (table.free > 0) & np.isin(table.pool, reached)
    room = np.bincount(
        table.hall[with_room], weights=table.free[with_room], minlength=len(table.hall_capacity)
    )
    component = label[table.hall_office_day]
    reachable = np.flatnonzero((room > 0) & (placed[component] > 0))
    if not len(reachable):
        return fixed
    unit_hall, _, cost = hall_units(
        room[reachable].astype(np.int64),
        table.hall_booked[reachable],
        table.hall_capacity[reachable].astype(np.float64),
    )
    return fixed + _sum_cheapest_per_group(component[reachable][unit_hall], cost, placed)


def _preference_bound(
    g: GroupTable,
    pays: np.ndarray,
    kind: np.ndarray,
    option: np.ndarray,
    pool: np.ndarray,
    day: np.ndarray,
    component_of_kind: np.ndarray,
    placed: np.ndarray,
    table: SlotTable,
    weights: Weights,
) -> float:
    """Per component, the sum of the F_K smallest per-request cheapest options."""
    # Bands from each preferred band to the nearest band with room, per pool reached.
    pools, pool_at = np.unique(pool, return_inverse=True)
    has_room = table.band_has_room.reshape(-1, BANDS)[pools]
    distance = np.abs(np.arange(BANDS)[:, None] - np.arange(BANDS)[None, :])  # [preferred, band]
    nearest = np.where(has_room[:, None, :], distance[None, :, :], BANDS).min(axis=2)
    preferred = g.preference[kind]
    steps = nearest[pool_at.reshape(-1), np.minimum(preferred, BANDS - 1)]
    steps = np.where(preferred == NO_PREFERENCE, 0, steps)
    cost = (
        weights.per_km * g.option_km[option]
        + weights.per_day_later * (day + table.first_ordinal - g.first[kind])
        + weights.time_of_day_mismatch * steps
    )
    cheapest = np.full(len(g.size), np.inf)
    np.minimum.at(cheapest, kind, cost)
    cheapest = np.where(pays, cheapest, 0.0)
    reached = np.flatnonzero(component_of_kind >= 0)
    return _sum_cheapest_per_group(component_of_kind[reached], cheapest[reached], placed, g.size[reached])


def _sum_cheapest_per_group(
    group: np.ndarray, cost: np.ndarray, quota: np.ndarray, count: np.ndarray | None = None
) -> float:
    """Σ over groups g of the quota[g] smallest costs among the items of group g, an item
    standing for `count` equal costs (1 each by default)."""
    count = np.ones(len(group), dtype=np.int64) if count is None else count
    order = np.lexsort((cost, group))
    group, cost, count = group[order], cost[order], count[order]
    taken_before = np.cumsum(count) - count
    first = np.searchsorted(group, group)  # first item of each item's group
    before = taken_before - taken_before[first]
    take = np.clip(quota[group] - before, 0, count)
    return float((take * cost).sum())
