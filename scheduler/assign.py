"""Assign flexible requests to slots: maximum placements first, then least crowding + preference.

The model (DESIGN.md §5) is a min-cost flow. Drawing one arc per request and slot would mean
tens of millions of arcs nationally, so the network is layered along the parts of the cost:

    request group ─km─▶ office window ─days later─▶ office day ─band mismatch─▶ band ─▶ hall ─▶ sink
    (supply n)          (office, service,           (office, service,           (office,  (office,
                         first, last, pref)          day, pref)                  service,  day,
                                                                                 day,      start)
                                                                                 band)

Identical requests form one group node with supply n. Each part of the preference cost depends
on exactly the keys of the node the arc enters, so a path's cost is the request's preference
cost, exactly. A band → hall arc is one service slot: its capacity is that slot's free room, so
the per-service capacity is a hard limit. Crowding lives on the hall → sink arcs: every free
unit of a hall is a unit arc of marginal cost (2L - 1)/C for the L-th visitor (counting
existing bookings), and since these rise the cheapest are taken first, making the crowding
Σ load²/capacity per hall exact. After solving, flows are walked back from slots to groups and
from groups to individual requests (`scheduler.decompose`).

Speed (a national batch is 100,000 requests and 870,000 arcs): the layers are built with numpy
over slots and groups coded as small integers (`scheduler.slot_table`), and the regions the
network falls into are solved side by side in two processes (`scheduler.parallel_regions`).

Priorities, in order: place the most requests (max flow first), keep every hall under the
lowest peak that allows it (`scheduler.peak`, unless `Weights.lowest_peak_first` is off), then
least cost.
"""

from __future__ import annotations

import functools
import gc
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import ParamSpec, TypeVar

import numpy as np

from scheduler.bounds import lower_bound, relative_gap
from scheduler.chains import ChainPlacement, improve, place_chains
from scheduler.costs import hall_of, hall_totals, hall_units, peak_utilisation, price_solution
from scheduler.decompose import expand, hand_out_arrays, pour_arrays
from scheduler.grouping import RequestGroup, group_requests
from scheduler.network import FlowNetwork
from scheduler.parallel_regions import available_workers
from scheduler.peak import EPSILON, lowest_peak
from scheduler.problem import Problem, Request, SlotCapacity
from scheduler.slot_table import BANDS, NO_PREFERENCE, GroupTable, SlotTable
from scheduler.solution import (
    NO_CAPACITY,
    NO_ELIGIBLE_SLOT,
    NOT_ELIGIBLE,
    Assignment,
    ProgressCallback,
    Solution,
    SolveStats,
    no_progress,
)

GROUP_TO_WINDOW = "group→window"
WINDOW_TO_DAY = "window→day"
DAY_TO_BAND = "day→band"
BAND_TO_HALL = "band→hall"
HALL_TO_SINK = "hall→sink"


P = ParamSpec("P")
R = TypeVar("R")


class SolverError(RuntimeError):
    """OR-Tools did not return an optimal flow (a bug or an overflow, never bad input)."""


def _without_cyclic_gc(method: Callable[P, R]) -> Callable[P, R]:
    """Run `method` with Python's cycle collector paused (reference counting still frees).

    A national problem keeps millions of objects alive (requests, candidates, slots), and every
    full collection the build and the hand-out trigger walks all of them: about a CPU second of
    a 100,000-request `assign()` went there, for a handful of cycles."""

    @functools.wraps(method)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return method(*args, **kwargs)
        gc.disable()
        try:
            return method(*args, **kwargs)
        finally:
            gc.enable()

    return paused


class AssignmentSolver:
    """Builds the layered network for one `Problem` as arrays (`_build`) and solves it."""

    @_without_cyclic_gc
    def __init__(
        self, problem: Problem, progress: ProgressCallback = no_progress, workers: int | None = None
    ) -> None:
        """`workers`: processes the regions of the min-cost flow may be solved in, side by side
        (`scheduler.parallel_regions`); by default as many as there are cores, at most two."""
        started = time.perf_counter()
        self._workers = available_workers() if workers is None else workers
        self._problem = problem
        self._weights = problem.weights
        self._progress = progress
        self._chains = ChainPlacement()
        self._singles = [r for r in problem.requests if not r.is_chain]
        chains = [r for r in problem.requests if r.is_chain]
        # Under the lowest peak, chains wait for the peak search (`solve`), which sees them as
        # seats in the network; otherwise they are placed first and count as booked.
        self._seats = _seats_of(chains) if chains and self._weights.lowest_peak_first else []
        self._slots = problem.slots
        if chains and not self._seats:
            progress(0.0, "placing chains")
            self._chains = place_chains(chains, problem.slots, problem.weights)
            self._slots = _with_seats(problem.slots, self._chains.seats)
        self._chain_seconds = time.perf_counter() - started
        self._net = FlowNetwork()
        self._unassigned: dict[str, str] = {}
        progress(0.0, "grouping requests")
        self._unassigned.update({r.id: NOT_ELIGIBLE for r in self._singles if not r.eligible})
        self._groups = group_requests(self._singles)
        seat_groups = group_requests(self._seats) if self._seats else []
        self._table = SlotTable(self._slots)  # chains placed first count as booked
        self._sink = self._net.node("sink")
        progress(0.1, "building network")
        self._build([*self._groups, *seat_groups])
        self._build_seconds = time.perf_counter() - started

    def _build(self, groups: list[RequestGroup]) -> None:
        """Every layer of the network, each a few array operations (`scheduler.slot_table`).

        Only what some group reaches is built: a window (office, service, first, last, time of
        day) for each acceptable office with a day of room in the window, a day node (office,
        service, day, time of day) for each such day, a band node (office, service, day, band)
        for each band of that day with room, a hall for each slot with room in such a band."""
        table, weights, scale = self._table, self._weights, self._weights.cost_scale
        g = self._group_table = GroupTable.of(groups, table)
        singles = len(self._groups)
        # Each (group, office) option × the days of its window that have slots at all.
        option_group = g.option_group
        known = (g.option_office >= 0) & (g.service[option_group] >= 0)
        low = np.maximum(g.first[option_group] - table.first_ordinal, 0)
        high = np.minimum(g.last[option_group] - table.first_ordinal, table.days - 1)
        option, rank = expand(np.where(known, np.maximum(high - low + 1, 0), 0))
        day = low[option] + rank
        pool = table.pool_of(g.option_office[option], g.service[option_group[option]], day)
        room = table.pool_has_room[pool]
        usable = np.zeros(len(option_group), dtype=bool)
        usable[option[room]] = True
        placeable = np.zeros(len(g.size), dtype=bool)
        placeable[option_group[usable]] = True
        exists = np.zeros(len(g.size), dtype=bool)
        exists[option_group[option[table.pool_exists[pool]]]] = True
        for i in np.flatnonzero(~placeable[:singles]).tolist():
            reason = NO_CAPACITY if exists[i] else NO_ELIGIBLE_SLOT
            self._unassigned.update(dict.fromkeys(groups[i].request_ids, reason))

        self._group_node = np.full(len(g.size), -1, dtype=np.int64)
        self._group_node[placeable] = self._net.add_nodes(int(placeable.sum()))
        self._net.set_supplies(self._group_node[placeable], g.size[placeable])
        self._seat_nodes = self._group_node[singles:][placeable[singles:]]
        # The single requests' groups that get a node, for handing out places after the solve.
        self._placeable = np.flatnonzero(placeable[:singles])
        self._group_sizes = g.size[self._placeable]
        self._supply = int(self._group_sizes.sum())
        self._members = [r for i in self._placeable.tolist() for r in self._groups[i].request_ids]
        total = max(1, len(self._singles) + len(self._seats))

        # group → window: a window is an office and a group's (service, first, last, time of day).
        _, alike = np.unique(
            np.stack([g.service, g.first, g.last, g.preference], axis=1), axis=0, return_inverse=True
        )
        alike = alike.reshape(-1)
        used = np.flatnonzero(usable)
        used_group = option_group[used]
        window_key = g.option_office[used] * (int(alike.max(initial=0)) + 1) + alike[used_group]
        window_keys, first_use, window_of = np.unique(window_key, return_index=True, return_inverse=True)
        windows = self._net.add_nodes(len(window_keys))
        self._net.layer(GROUP_TO_WINDOW).extend(
            self._group_node[used_group],
            windows[window_of.reshape(-1)],
            g.size[used_group],
            np.rint(weights.per_km * g.option_km[used] * scale),
        )

        # window → day, from the days with room of one option that opens each window.
        window_of_option = np.full(len(option_group), -1, dtype=np.int64)
        window_of_option[used[first_use]] = np.arange(len(window_keys))
        rows = room & (window_of_option[option] >= 0)
        row_group = option_group[option[rows]]
        day_keys, day_of = np.unique(
            pool[rows] * (NO_PREFERENCE + 1) + g.preference[row_group], return_inverse=True
        )
        days = self._net.add_nodes(len(day_keys))
        days_later = day[rows] + table.first_ordinal - g.first[row_group]
        self._net.layer(WINDOW_TO_DAY).extend(
            windows[window_of_option[option[rows]]],
            days[day_of.reshape(-1)],
            np.full(len(days_later), total),
            np.rint(weights.per_day_later * days_later * scale),
        )

        # day → band, for each band of the day's pool with room.
        day_pool, day_preference = np.divmod(day_keys, NO_PREFERENCE + 1)
        which = np.repeat(np.arange(len(day_keys)), BANDS)
        band = np.tile(np.arange(BANDS), len(day_keys))
        open_band = table.band_has_room[day_pool[which] * BANDS + band]
        which, band = which[open_band], band[open_band]
        preference = day_preference[which]
        steps = np.where(preference == NO_PREFERENCE, 0, np.abs(preference - band))
        band_keys, band_of = np.unique(day_pool[which] * BANDS + band, return_inverse=True)
        bands = self._net.add_nodes(len(band_keys))
        self._net.layer(DAY_TO_BAND).extend(
            days[which],
            bands[band_of.reshape(-1)],
            np.full(len(which), total),
            np.rint(weights.time_of_day_mismatch * steps * scale),
        )

        # band → hall: one arc per slot with room in a band that is reached, its room as capacity.
        slot_band = table.pool * BANDS + table.band
        at = np.minimum(np.searchsorted(band_keys, slot_band), max(0, len(band_keys) - 1))
        reached = np.zeros(len(slot_band), dtype=bool)
        if len(band_keys):
            reached = (table.free > 0) & (band_keys[at] == slot_band)
        self._slot_of_arc = np.flatnonzero(reached)
        self._halls, hall_of_arc = np.unique(table.hall[self._slot_of_arc], return_inverse=True)
        hall_of_arc = hall_of_arc.reshape(-1)
        halls = self._net.add_nodes(len(self._halls))
        free = table.free[self._slot_of_arc]
        self._net.layer(BAND_TO_HALL).extend(
            bands[at[self._slot_of_arc]], halls[hall_of_arc], free, np.zeros(len(free))
        )
        self._add_crowding_arcs(halls, np.bincount(hall_of_arc, weights=free, minlength=len(halls)))

    def _add_crowding_arcs(self, halls: np.ndarray, room: np.ndarray) -> None:
        """Unit arcs of rising marginal crowding from each reachable hall to the sink."""
        booked = self._table.hall_booked[self._halls]
        capacity = self._table.hall_capacity[self._halls]
        unit_hall, load_after, marginal = hall_units(room.astype(np.int64), booked, capacity)
        self._unit_hall = unit_hall
        self._unit_rank = load_after - booked[unit_hall] - 1  # 0 for each hall's first free place
        self._unit_utilisation = load_after / capacity[unit_hall]
        self._unit_open = np.ones(len(unit_hall), dtype=bool)
        points = self._weights.crowding * marginal
        self._net.layer(HALL_TO_SINK).extend(
            halls[unit_hall],
            np.full(len(unit_hall), self._sink),
            np.ones(len(unit_hall)),
            np.rint(points * self._weights.cost_scale),
        )

    @_without_cyclic_gc
    def solve(self, bound: bool = True) -> Solution:
        """Solve, turn flows back into assignments, price them and (unless ``bound`` is False:
        a solve whose figures only serve as a yardstick, ``scheduler.optimum``) bound them."""
        started = time.perf_counter()
        peak_cap = self._limit_peak(self._direct_peak()) if self._weights.lowest_peak_first else None
        peak_seconds = time.perf_counter() - started
        demand_cap = peak_cap
        if self._seats:
            peak_cap, seconds = self._place_chains_under(peak_cap)
            peak_seconds += seconds
        self._net.set_supply(self._sink, -self._supply)
        self._progress(0.5, "solving")
        started = time.perf_counter()
        status = self._net.solve(self._sink, self._workers)
        solve_seconds = time.perf_counter() - started
        if status != "OPTIMAL":
            raise SolverError(f"min-cost flow ended with status {status}")
        self._progress(0.75, "extracting assignments")
        started = time.perf_counter()
        assignments = self._extract()
        extract_seconds = time.perf_counter() - started
        chains_started = time.perf_counter()
        if self._chains.assignments:
            self._progress(0.8, "improving chains")
            chains = improve(
                {r.id: r for r in self._problem.requests if r.is_chain},
                self._problem.slots,
                self._chains.assignments,
                assignments,
                self._weights,
                # Without a cap, the busiest hall so far, which a move so never raises.
                peak_cap
                if peak_cap is not None
                else peak_utilisation(self._problem.slots, [*self._chains.assignments, *assignments]),
            )
            assignments = [*chains, *assignments]
        self._unassigned.update(self._chains.unassigned)
        chain_seconds = self._chain_seconds + time.perf_counter() - chains_started
        self._progress(0.85, "bounding")
        solution = self._price(assignments)
        if bound:
            table = self._table if self._slots is self._problem.slots else None
            found = lower_bound(self._problem, assignments, table, self._groups)
            solution = replace(
                solution,
                lower_bound=found.objective,
                crowding_lower_bound=found.crowding,
                gap=relative_gap(solution.objective, found.objective),
            )
        self._progress(1.0, "done")
        return replace(
            solution,
            stats=SolveStats(
                groups=len(self._groups),
                nodes=self._net.num_nodes,
                arcs=self._net.num_arcs,
                build_seconds=self._build_seconds,
                peak_seconds=peak_seconds,
                solve_seconds=solve_seconds,
                extract_seconds=extract_seconds,
                status=status,
                peak_cap=peak_cap,
                demand_cap=demand_cap,
                chains=len(self._chains.assignments) + len(self._chains.unassigned),
                chain_seconds=chain_seconds,
                chains_above_cap=_above(self._problem.slots, assignments, peak_cap),
            ),
        )

    def _direct_peak(self) -> float:
        """The peak direct bookings alone cause: no cap below it would lower the measured peak."""
        if self._slots is self._problem.slots:
            return self._table.direct_peak()
        return SlotTable(self._problem.slots).direct_peak()

    def _limit_peak(self, floor: float) -> float | None:
        """Cap every hall at the lowest peak, at least `floor`, that still places the most
        requests (see `scheduler.peak`); returns the cap. Units a chain took stay closed."""
        if not len(self._unit_utilisation):
            return None
        self._progress(0.4, "finding the lowest peak")
        open_units = self._unit_open
        self._net.set_capacities(HALL_TO_SINK, open_units)
        cap = lowest_peak(self._net, self._sink, HALL_TO_SINK, self._unit_utilisation, floor)
        self._net.set_capacities(HALL_TO_SINK, open_units & (self._unit_utilisation <= cap + EPSILON))
        return cap

    def _place_chains_under(self, cap: float | None) -> tuple[float | None, float]:
        """Place the chains under `cap`, the lowest peak of the whole demand with each chain's
        visits as free seats (a relaxation: any placement of the chains is one of those seats),
        then take their seats out of the network and find the single requests' own lowest peak,
        never below `cap`: the chains may have taken room the singles needed under it. Returns
        the cap for the singles and the seconds of that second search."""
        started = time.perf_counter()
        self._progress(0.45, "placing chains")
        chains = [r for r in self._problem.requests if r.is_chain]
        self._chains = place_chains(chains, self._problem.slots, self._weights, cap)
        self._take_seats(self._chains.seats)
        self._chain_seconds += time.perf_counter() - started
        started = time.perf_counter()
        if cap is not None:
            cap = self._limit_peak(cap)
        return cap, time.perf_counter() - started

    def _take_seats(self, seats: Mapping[str, int]) -> None:
        """The chains' seats leave the network: their slots' room shrinks, their halls' cheapest
        units close (the chains' visitors are that hall's first ones), and the chains' seat
        groups supply nothing any more."""
        taken = np.zeros(len(self._table.slots), dtype=np.int64)
        for key, count in seats.items():
            taken[self._table.index(key)] += count
        layer = self._net.layers[BAND_TO_HALL]
        layer.capacities = layer.capacities - taken[self._slot_of_arc]
        per_hall = np.bincount(self._table.hall, weights=taken, minlength=len(self._table.hall_capacity))
        self._unit_open = self._unit_open & (self._unit_rank >= per_hall[self._halls][self._unit_hall])
        self._net.set_supplies(self._seat_nodes, np.zeros(len(self._seat_nodes), dtype=np.int64))

    def _price(self, assignments: list[Assignment]) -> Solution:
        """`price_solution`, from the flow's arrays when it placed every assignment (no chains)
        on the problem's own slots; the same sums, added up in another order."""
        if self._chains.assignments or self._slots is not self._problem.slots:
            return price_solution(self._problem, assignments, self._unassigned)
        table, g, weights = self._table, self._group_table, self._weights
        local, rows, count = self._placed
        group = self._placeable[local]
        load = table.hall_booked + np.bincount(
            table.hall[rows], weights=count, minlength=len(table.hall_booked)
        )
        open_halls = table.hall_capacity > 0
        crowding = float((load[open_halls] ** 2 / table.hall_capacity[open_halls]).sum())
        # Each placement's distance: its group's (nearest) candidate at the slot's office.
        offices = len(table.offices)
        option_key = g.option_group * offices + g.option_office
        order = np.argsort(option_key)
        at = order[np.searchsorted(option_key[order], group * offices + table.office[rows])]
        if (g.option_office[at] != table.office[rows]).any():
            raise SolverError("a request was placed at an office it did not accept")
        steps = np.where(
            g.preference[group] == NO_PREFERENCE, 0, np.abs(g.preference[group] - table.band[rows])
        )
        each = (
            weights.per_km * g.option_km[at]
            + weights.per_day_later * (table.day[rows] + table.first_ordinal - g.first[group])
            + weights.time_of_day_mismatch * steps
        )
        preference = float((each * count).sum())
        return Solution(
            assignments=assignments,
            unassigned=self._unassigned,
            objective=weights.crowding * crowding + preference,
            crowding_cost=crowding,
            preference_cost=preference,
        )

    def _extract(self) -> list[Assignment]:
        """Walk the flows back from slots to groups (`scheduler.decompose.pour_arrays`), then
        give each group's places to its earliest requests."""
        net = self._net
        groups = net.layers[GROUP_TO_WINDOW]
        flows = net.flows(GROUP_TO_WINDOW)
        used = np.flatnonzero(flows)
        node_group = np.full(net.num_nodes, -1, dtype=np.int64)
        node_group[self._group_node[self._placeable]] = np.arange(len(self._placeable))
        group = node_group[groups.tails[used]]
        if (group < 0).any():
            raise SolverError("flow left a chain's seat group after its chains were placed")
        node, count = groups.heads[used], flows[used]
        for name in (WINDOW_TO_DAY, DAY_TO_BAND, BAND_TO_HALL):
            layer = net.layers[name]
            group, arc, count = pour_arrays(group, node, count, layer.tails, net.flows(name))
            node = layer.heads[arc]
        slot_rows = self._slot_of_arc[arc]
        self._placed = (group, slot_rows, count)
        places, left_over = hand_out_arrays(self._members, self._group_sizes, group, count, slot_rows)
        self._unassigned.update(dict.fromkeys(left_over, NO_CAPACITY))
        slots = self._table.slots
        return [Assignment(request_id, slots[row].key) for request_id, row in places]


def _seats_of(chains: Sequence[Request]) -> list[Request]:
    """Each visit of each chain as a request for one seat of its service, free of the others."""
    return [
        replace(r, id=f"{r.id}#{position}", service=service, time_of_day=None, later_services=())
        for r in chains
        if r.eligible
        for position, service in enumerate(r.services)
    ]


def _with_seats(slots: Sequence[SlotCapacity], seats: Mapping[str, int]) -> list[SlotCapacity]:
    """The slots, chains' seats counting as booked."""
    return [replace(s, booked=s.booked + seats[s.key]) if s.key in seats else s for s in slots]


def _above(slots: Sequence[SlotCapacity], assignments: Sequence[Assignment], cap: float | None) -> int:
    """How many chains sit in a hall fuller than `cap`: only a chain that fitted nowhere under
    it can have put one there (single requests never pass the cap, nor do chains' moves)."""
    chains = [a for a in assignments if a.later_slot_keys]
    if cap is None or not chains:
        return 0
    by_key = {s.key: s for s in slots}
    placed = Counter(hall_of(by_key[k]) for a in assignments for k in a.slot_keys)
    totals = hall_totals(slots)
    over = {h for h, n in placed.items() if totals[h][0] + n > (cap + EPSILON) * totals[h][1]}
    return sum(1 for a in chains if any(hall_of(by_key[k]) in over for k in a.slot_keys))


def assign(problem: Problem, progress: ProgressCallback = no_progress) -> Solution:
    """Place as many requests as possible, then minimise crowding + preference cost.

    Every request ends up either in `Solution.assignments` or in `Solution.unassigned` with a
    reason code. Verify the result with `scheduler.verify.check` before writing it anywhere.
    """
    return AssignmentSolver(problem, progress).solve()
