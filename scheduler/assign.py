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
from collections import defaultdict
from collections.abc import Mapping
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
from scheduler.problem import Pool, Problem, SlotCapacity, pool_of
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
        self._flow = problem  # what the network places: every request, or those not in a chain
        if any(r.is_chain for r in problem.requests):
            progress(0.0, "placing chains")
            self._chains = place_chains(problem.requests, problem.slots, problem.weights)
            self._flow = _without_chains(problem, self._chains.seats)
        self._chain_seconds = time.perf_counter() - started
        self._net = FlowNetwork()
        self._unassigned: dict[str, str] = {}
        self._slot_of_arc: list[str] = []  # band → hall arc index → slot key
        self._hall_room: dict[Hall, int] = defaultdict(int)  # free places reachable per hall
        self._unit_utilisation = np.zeros(0)  # per hall → sink arc: its hall's load / capacity
        self._group_nodes: dict[int, RequestGroup] = {}
        progress(0.0, "grouping requests")
        self._unassigned.update({r.id: NOT_ELIGIBLE for r in self._flow.requests if not r.eligible})
        self._groups = group_requests(self._flow.requests)
        self._index_slots()
        self._sink = self._net.node("sink")
        progress(0.1, "building network")
        self._add_request_groups()
        self._add_crowding_arcs()
        self._build_seconds = time.perf_counter() - started

    def _scaled(self, points: float) -> int:
        return round(points * self._weights.cost_scale)

    def _index_slots(self) -> None:
        """Which pools exist at all, which have room, and the slots with room per band."""
        self._pools_any: set[Pool] = set()
        self._bands: dict[Pool, dict[TimeOfDay, list[SlotCapacity]]] = defaultdict(lambda: defaultdict(list))
        for s in self._flow.slots:
            pool = pool_of(s)
            self._pools_any.add(pool)
            if s.free > 0:
                self._bands[pool][time_band(s.start_minute)].append(s)
        self._days: dict[tuple[str, str], list[date]] = defaultdict(list)
        for office_id, service, day in sorted(self._bands):
            self._days[(office_id, service)].append(day)
        self._halls = hall_totals(self._flow.slots)  # chains' seats count as booked

    def _add_request_groups(self) -> None:
        layer = self._net.layer(GROUP_TO_WINDOW)
        for count, group in enumerate(self._groups):
            service, offices, first, last, pref = group.key
            size = len(group.request_ids)
            node: int | None = None
            for cand in offices:
                days = [d for d in self._days.get((cand.office_id, service), ()) if first <= d <= last]
                if not days:
                    continue
                if node is None:
                    node = self._net.node(("group", count))
                    self._net.set_supply(node, size)
                    self._group_nodes[node] = group
                window = self._add_window(cand.office_id, service, first, last, pref, days)
                layer.add(node, window, size, self._scaled(self._weights.per_km * cand.distance_km))
            if node is None:
                self._mark_unplaceable(group)
            if count % 5000 == 0:
                self._progress(0.1 + 0.3 * count / len(self._groups), "building network")

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
        return max(1, len(self._flow.requests))

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
        self._unit_utilisation = load_after / capacity[unit_hall]
        points = self._weights.crowding * marginal
        layer = self._net.layer(HALL_TO_SINK)
        layer.tails.extend(nodes[unit_hall].tolist())
        layer.heads.extend([self._sink] * len(unit_hall))
        layer.capacities.extend([1] * len(unit_hall))
        layer.costs.extend(np.rint(points * self._weights.cost_scale).astype(np.int64).tolist())

    def solve(self) -> Solution:
        """Solve, turn flows back into assignments, price them and bound them."""
        supply = sum(len(g.request_ids) for g in self._group_nodes.values())
        self._net.set_supply(self._sink, -supply)
        started = time.perf_counter()
        peak_cap = self._limit_peak() if self._weights.lowest_peak_first else None
        peak_seconds = time.perf_counter() - started
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
                peak_utilisation(self._problem.slots, [*self._chains.assignments, *assignments]),
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
                chains=len(self._chains.assignments) + len(self._chains.unassigned),
                chain_seconds=chain_seconds,
            ),
        )

    def _limit_peak(self) -> float | None:
        """Cap every hall at the lowest peak that still places the most requests (see
        `scheduler.peak`); returns the cap."""
        if not len(self._unit_utilisation):
            return None
        self._progress(0.4, "finding the lowest peak")
        # The floor is the peak direct bookings alone cause: a hall a chain made busier just
        # takes no single request above the cap (its units there stay closed).
        floor = max((b / c for b, c in hall_totals(self._problem.slots).values() if c > 0), default=0.0)
        cap = lowest_peak(self._net, self._sink, HALL_TO_SINK, self._unit_utilisation, floor)
        self._net.set_capacities(HALL_TO_SINK, self._unit_utilisation <= cap + EPSILON)
        return cap

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


def _without_chains(problem: Problem, seats: Mapping[str, int]) -> Problem:
    """The single requests, on slots whose chains' seats count as booked."""
    return Problem(
        [r for r in problem.requests if not r.is_chain],
        [replace(s, booked=s.booked + seats[s.key]) if s.key in seats else s for s in problem.slots],
        problem.weights,
    )


def assign(problem: Problem, progress: ProgressCallback = no_progress) -> Solution:
    """Place as many requests as possible, then minimise crowding + preference cost.

    Every request ends up either in `Solution.assignments` or in `Solution.unassigned` with a
    reason code. Verify the result with `scheduler.verify.check` before writing it anywhere.
    """
    return AssignmentSolver(problem, progress).solve()
