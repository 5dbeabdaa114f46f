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

Priorities, in order: place the most requests (max flow first), keep every hall under the
lowest peak that allows it (`scheduler.peak`, unless `Weights.lowest_peak_first` is off), then
least cost.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

import numpy as np

from kernel.time_of_day import TimeOfDay, time_band
from scheduler.bounds import lower_bound, relative_gap
from scheduler.chains import ChainPlacement, improve, place_chains
from scheduler.costs import (
    Hall,
    band_steps,
    hall_of,
    hall_totals,
    hall_units,
    peak_utilisation,
    price_solution,
)
from scheduler.decompose import hand_out, pour
from scheduler.grouping import RequestGroup, group_requests
from scheduler.network import FlowNetwork
from scheduler.peak import EPSILON, lowest_peak
from scheduler.problem import Pool, Problem, Request, SlotCapacity, pool_of
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


class SolverError(RuntimeError):
    """OR-Tools did not return an optimal flow (a bug or an overflow, never bad input)."""


class AssignmentSolver:
    """Builds the layered network for one `Problem` in small `_add_*` steps and solves it."""

    def __init__(self, problem: Problem, progress: ProgressCallback = no_progress) -> None:
        started = time.perf_counter()
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
        self._slot_of_arc: list[str] = []  # band → hall arc index → slot key
        self._hall_room: dict[Hall, int] = defaultdict(int)  # free places reachable per hall
        self._unit_utilisation = np.zeros(0)  # per hall → sink arc: its hall's load / capacity
        self._unit_open = np.zeros(0, dtype=bool)  # per hall → sink arc: not taken by a chain
        self._group_nodes: dict[int, RequestGroup] = {}
        self._seat_nodes: list[int] = []  # chains' visits as seats, for the peak search only
        self._hall_first_unit: dict[Hall, int] = {}  # where each hall's unit arcs start
        progress(0.0, "grouping requests")
        self._unassigned.update({r.id: NOT_ELIGIBLE for r in self._singles if not r.eligible})
        self._groups = group_requests(self._singles)
        self._index_slots()
        self._sink = self._net.node("sink")
        progress(0.1, "building network")
        self._add_request_groups(self._groups, self._group_nodes)
        if self._seats:
            seat_groups: dict[int, RequestGroup] = {}
            self._add_request_groups(group_requests(self._seats), seat_groups, seats=True)
            self._seat_nodes = list(seat_groups)
        self._add_crowding_arcs()
        self._build_seconds = time.perf_counter() - started

    def _scaled(self, points: float) -> int:
        return round(points * self._weights.cost_scale)

    def _index_slots(self) -> None:
        """Which pools exist at all, which have room, and the slots with room per band."""
        self._pools_any: set[Pool] = set()
        self._bands: dict[Pool, dict[TimeOfDay, list[SlotCapacity]]] = defaultdict(lambda: defaultdict(list))
        for s in self._slots:
            pool = pool_of(s)
            self._pools_any.add(pool)
            if s.free > 0:
                self._bands[pool][time_band(s.start_minute)].append(s)
        self._days: dict[tuple[str, str], list[date]] = defaultdict(list)
        for office_id, service, day in sorted(self._bands):
            self._days[(office_id, service)].append(day)
        self._halls = hall_totals(self._slots)  # chains placed first count as booked

    def _add_request_groups(
        self, groups: list[RequestGroup], nodes: dict[int, RequestGroup], seats: bool = False
    ) -> None:
        """A node per group of identical requests (`seats`: of chains' visits, whose group
        nodes are keyed apart and which are never reported unassigned) and its windows."""
        layer = self._net.layer(GROUP_TO_WINDOW)
        for count, group in enumerate(groups):
            service, offices, first, last, pref = group.key
            size = len(group.request_ids)
            node: int | None = None
            for cand in offices:
                days = [d for d in self._days.get((cand.office_id, service), ()) if first <= d <= last]
                if not days:
                    continue
                if node is None:
                    node = self._net.node(("seats" if seats else "group", count))
                    self._net.set_supply(node, size)
                    nodes[node] = group
                window = self._add_window(cand.office_id, service, first, last, pref, days)
                layer.add(node, window, size, self._scaled(self._weights.per_km * cand.distance_km))
            if node is None and not seats:
                self._mark_unplaceable(group)
            if count % 5000 == 0:
                self._progress(0.1 + 0.3 * count / len(groups), "building network")

    def _mark_unplaceable(self, group: RequestGroup) -> None:
        service, offices, first, last, _ = group.key
        exists = any(
            (c.office_id, service, date.fromordinal(d)) in self._pools_any
            for c in offices
            for d in range(first.toordinal(), last.toordinal() + 1)
        )
        for request_id in group.request_ids:
            self._unassigned[request_id] = NO_CAPACITY if exists else NO_ELIGIBLE_SLOT

    def _add_window(
        self,
        office: str,
        service: str,
        first: date,
        last: date,
        pref: TimeOfDay | None,
        days: list[date],
    ) -> int:
        key = ("window", office, service, first, last, pref)
        if self._net.has_node(key):
            return self._net.node(key)
        window = self._net.node(key)
        layer = self._net.layer(WINDOW_TO_DAY)
        for day in days:
            cost = self._scaled(self._weights.per_day_later * (day - first).days)
            layer.add(window, self._add_day(office, service, day, pref), self._total_supply, cost)
        return window

    def _add_day(self, office: str, service: str, day: date, pref: TimeOfDay | None) -> int:
        key = ("day", office, service, day, pref)
        if self._net.has_node(key):
            return self._net.node(key)
        node = self._net.node(key)
        layer = self._net.layer(DAY_TO_BAND)
        for band, slots in self._bands[(office, service, day)].items():
            steps = band_steps(pref, slots[0].start_minute)
            cost = self._scaled(self._weights.time_of_day_mismatch * steps)
            layer.add(node, self._add_band(office, service, day, band, slots), self._total_supply, cost)
        return node

    def _add_band(
        self, office: str, service: str, day: date, band: TimeOfDay, slots: list[SlotCapacity]
    ) -> int:
        key = ("band", office, service, day, band)
        if self._net.has_node(key):
            return self._net.node(key)
        node = self._net.node(key)
        layer = self._net.layer(BAND_TO_HALL)
        for slot in slots:
            hall = hall_of(slot)
            layer.add(node, self._net.node(("hall", *hall)), slot.free, 0)
            self._slot_of_arc.append(slot.key)
            self._hall_room[hall] += slot.free
        return node

    @property
    def _total_supply(self) -> int:
        return max(1, len(self._singles) + len(self._seats))

    def _add_crowding_arcs(self) -> None:
        """Unit arcs of rising marginal crowding from each reachable hall to the sink."""
        if not self._hall_room:
            return
        halls = list(self._hall_room)
        room = np.fromiter(self._hall_room.values(), dtype=np.int64, count=len(halls))
        booked = np.asarray([self._halls[h][0] for h in halls], dtype=np.int64)
        capacity = np.asarray([self._halls[h][1] for h in halls], dtype=np.int64)
        nodes = np.asarray([self._net.node(("hall", *h)) for h in halls], dtype=np.int64)
        unit_hall, load_after, marginal = hall_units(room, booked, capacity)
        self._hall_first_unit = dict(zip(halls, (np.cumsum(room) - room).tolist(), strict=True))
        self._unit_utilisation = load_after / capacity[unit_hall]
        self._unit_open = np.ones(len(unit_hall), dtype=bool)
        points = self._weights.crowding * marginal
        layer = self._net.layer(HALL_TO_SINK)
        layer.tails.extend(nodes[unit_hall].tolist())
        layer.heads.extend([self._sink] * len(unit_hall))
        layer.capacities.extend([1] * len(unit_hall))
        layer.costs.extend(np.rint(points * self._weights.cost_scale).astype(np.int64).tolist())

    def solve(self) -> Solution:
        """Solve, turn flows back into assignments, price them and bound them."""
        started = time.perf_counter()
        peak_cap = self._limit_peak(self._direct_peak()) if self._weights.lowest_peak_first else None
        peak_seconds = time.perf_counter() - started
        demand_cap = peak_cap
        if self._seats:
            peak_cap, seconds = self._place_chains_under(peak_cap)
            peak_seconds += seconds
        supply = sum(len(g.request_ids) for g in self._group_nodes.values())
        self._net.set_supply(self._sink, -supply)
        self._progress(0.5, "solving")
        started = time.perf_counter()
        status = self._net.solve(self._sink)
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
        solution = price_solution(self._problem, assignments, self._unassigned)
        bound = lower_bound(self._problem, assignments)
        self._progress(1.0, "done")
        return replace(
            solution,
            lower_bound=bound.objective,
            crowding_lower_bound=bound.crowding,
            gap=relative_gap(solution.objective, bound.objective),
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
        return max((b / c for b, c in hall_totals(self._problem.slots).values() if c > 0), default=0.0)

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
        if BAND_TO_HALL in self._net.layers:
            layer = self._net.layers[BAND_TO_HALL]
            room = zip(layer.capacities, self._slot_of_arc, strict=True)
            layer.capacities = [c - seats.get(k, 0) for c, k in room]
        slots = {s.key: s for s in self._problem.slots}
        open_units = self._unit_open.copy()
        for hall, taken in Counter(hall_of(slots[k]) for k, n in seats.items() for _ in range(n)).items():
            first = self._hall_first_unit[hall]
            open_units[first : first + taken] = False
        self._unit_open = open_units
        for node in self._seat_nodes:
            self._net.set_supply(node, 0)

    def _extract(self) -> list[Assignment]:
        window_in = self._net.arc_flows(GROUP_TO_WINDOW, by_head=True)
        day_in = pour(window_in, self._net.arc_flows(WINDOW_TO_DAY, by_head=False))
        band_in = pour(day_in, self._net.arc_flows(DAY_TO_BAND, by_head=False))
        slot_in = pour(band_in, self._slot_flows())
        members = {node: group.request_ids for node, group in self._group_nodes.items()}
        assignments, left_over = hand_out(members, slot_in)
        self._unassigned.update(dict.fromkeys(left_over, NO_CAPACITY))
        return assignments

    def _slot_flows(self) -> dict[int, list[tuple[str, int]]]:
        """Band node → [(slot key, places taken)] from the band → hall arcs."""
        found: dict[int, list[tuple[str, int]]] = defaultdict(list)
        if BAND_TO_HALL in self._net.layers:
            for i, band, _, flow in zip(*self._net.used_arcs(BAND_TO_HALL), strict=True):
                found[band].append((self._slot_of_arc[i], flow))
        return found


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
