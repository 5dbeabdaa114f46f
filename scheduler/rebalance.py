"""Rehouse bookings after a capacity cut: fewest moves, booked office first, then nearby offices.

A min-cost flow again, but small (one closed office-day is a few hundred bookings), so bookings
that share a slot, window and nearby offices form one group node with an arc straight to every
slot they may take. Each arc costs the move (see `RebalanceWeights`); each slot drains into its
hall (capacity: the slot's free room) and each hall to the sink through unit arcs of rising
crowding cost, so moved bookings spread out instead of piling into the first free slot.
Max flow first: as many bookings as possible keep a place. Chains (one trip, several services)
move whole and are placed before the flow (`scheduler.rebalance_chains`).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from scheduler.costs import Hall, hall_of, hall_totals, marginal_crowding
from scheduler.decompose import hand_out
from scheduler.displaced import (
    DisplacedBooking,
    Placement,
    RebalancePlan,
    RebalanceStats,
    RebalanceWeights,
)
from scheduler.network import FlowNetwork
from scheduler.problem import Pool, SlotCapacity, pool_of
from scheduler.rebalance_chains import move_chains
from scheduler.solution import NO_CAPACITY, NO_ELIGIBLE_SLOT

BOOKING_TO_SLOT = "booking→slot"
SLOT_TO_HALL = "slot→hall"
HALL_TO_SINK = "hall→sink"


def move_cost(
    booking: DisplacedBooking, slot: SlotCapacity, distance_km: float, weights: RebalanceWeights
) -> float:
    """Points for putting `booking` into `slot` (`distance_km` from its booked office)."""
    if slot.key == booking.slot_key:
        return 0.0
    cost = weights.move + weights.per_day * abs((slot.day - booking.day).days)
    cost += weights.per_hour * abs(slot.start_minute - booking.start_minute) / 60
    if slot.office_id != booking.office_id:
        cost += weights.other_office + weights.per_km * distance_km
    return cost


@dataclass
class _Group:
    sample: DisplacedBooking
    booking_ids: list[str] = field(default_factory=list)


class RebalanceSolver:
    """Builds the rebalance network with small `_add_*` steps and solves it."""

    def __init__(
        self,
        displaced: Sequence[DisplacedBooking],
        slots: Sequence[SlotCapacity],
        weights: RebalanceWeights | None = None,
    ) -> None:
        self._weights = weights or RebalanceWeights()
        self._net = FlowNetwork()
        self._sink = self._net.node("sink")
        self._unplaced: dict[str, str] = {}
        self._slots = {s.key: s for s in slots}
        self._pools: dict[Pool, list[SlotCapacity]] = defaultdict(list)
        for s in slots:
            self._pools[pool_of(s)].append(s)
        self._groups = self._group_bookings(displaced)
        self._add_booking_groups()
        self._add_crowding_arcs()

    def _scaled(self, points: float) -> int:
        return round(points * self._weights.cost_scale)

    @staticmethod
    def _group_bookings(displaced: Sequence[DisplacedBooking]) -> dict[int, _Group]:
        """Bookings with the same slot, window and nearby offices have the same options."""
        groups: dict[tuple[object, ...], _Group] = {}
        for b in displaced:
            nearby = tuple(sorted(b.allowed_offices().items()))
            key = (b.service, b.slot_key, b.office_id, b.day, b.start_minute, b.first_day, b.last_day, nearby)
            groups.setdefault(key, _Group(b)).booking_ids.append(b.id)
        return dict(enumerate(groups.values()))

    def _options(self, booking: DisplacedBooking) -> list[tuple[SlotCapacity, float]]:
        """Every slot `booking` may take with any room left, with its office's distance."""
        found = []
        for office_id, distance in booking.allowed_offices().items():
            for ordinal in range(booking.first_day.toordinal(), booking.last_day.toordinal() + 1):
                pool = self._pools.get((office_id, booking.service, date.fromordinal(ordinal)), [])
                found += [(s, distance) for s in pool]
        return found

    def _add_booking_groups(self) -> None:
        layer = self._net.layer(BOOKING_TO_SLOT)
        self._group_node: dict[int, int] = {}
        self._slot_of_node: dict[int, str] = {}
        for index, group in self._groups.items():
            options = self._options(group.sample)
            with_room = [(s, d) for s, d in options if s.free > 0]
            if not with_room:
                reason = NO_CAPACITY if options else NO_ELIGIBLE_SLOT
                self._unplaced.update(dict.fromkeys(group.booking_ids, reason))
                continue
            node = self._net.node(("group", index))
            self._group_node[index] = node
            self._net.set_supply(node, len(group.booking_ids))
            for slot, distance in with_room:
                cost = self._scaled(move_cost(group.sample, slot, distance, self._weights))
                slot_node = self._net.node(("slot", slot.key))
                self._slot_of_node[slot_node] = slot.key
                layer.add(node, slot_node, len(group.booking_ids), cost)

    def _add_crowding_arcs(self) -> None:
        """Each used slot drains into its hall; each hall into the sink through unit arcs of
        rising marginal crowding, so moved bookings spread over equally good times."""
        to_hall = self._net.layer(SLOT_TO_HALL)
        room: dict[Hall, int] = defaultdict(int)
        for slot in self._slots.values():
            if slot.free == 0 or not self._net.has_node(("slot", slot.key)):
                continue
            hall = hall_of(slot)
            to_hall.add(self._net.node(("slot", slot.key)), self._net.node(("hall", *hall)), slot.free, 0)
            room[hall] += slot.free
        totals = hall_totals(self._slots.values())
        to_sink = self._net.layer(HALL_TO_SINK)
        for hall, free in room.items():
            booked, capacity = totals[hall]
            node = self._net.node(("hall", *hall))
            for load_after in range(booked + 1, booked + free + 1):
                points = self._weights.crowding * marginal_crowding(load_after, capacity)
                to_sink.add(node, self._sink, 1, self._scaled(points))

    def solve(self) -> tuple[list[Placement], dict[str, str]]:
        """Solve; the placements and the bookings left unplaced (with the reason). Raises
        RuntimeError if OR-Tools fails."""
        supply = sum(len(self._groups[i].booking_ids) for i in self._group_node)
        self._net.set_supply(self._sink, -supply)
        status = self._net.solve(self._sink) if supply else "OPTIMAL"
        if status != "OPTIMAL":
            raise RuntimeError(f"rebalance flow ended with status {status}")
        placements = self._extract() if supply else []
        return placements, dict(self._unplaced)

    def _extract(self) -> list[Placement]:
        arrivals: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for _, tail, head, flow in zip(*self._net.used_arcs(BOOKING_TO_SLOT), strict=True):
            arrivals[self._slot_of_node[head]].append((tail, flow))
        members = {node: self._groups[i].booking_ids for i, node in self._group_node.items()}
        moved, left_over = hand_out(members, arrivals)
        self._unplaced.update(dict.fromkeys(left_over, NO_CAPACITY))
        origin = {b: g.sample.slot_key for g in self._groups.values() for b in g.booking_ids}
        return [Placement(a.request_id, origin[a.request_id], a.slot_key) for a in moved]


def _plan(
    displaced: Sequence[DisplacedBooking],
    slots: Sequence[SlotCapacity],
    placements: list[Placement],
    unplaced: dict[str, str],
    weights: RebalanceWeights,
    seconds: float,
) -> RebalancePlan:
    """The plan with its cost (each placement's `move_cost`, a chain's by its first visit) and
    its counts."""
    by_id = {b.id: b for b in displaced}
    by_key = {s.key: s for s in slots}
    cost, travel = 0.0, 0.0
    counts: dict[str, int] = defaultdict(int)
    for p in placements:
        booking, slot = by_id[p.booking_id], by_key[p.to_slot_key]
        distance = booking.allowed_offices()[slot.office_id]
        cost += move_cost(booking, slot, distance, weights)
        if not p.moved:
            counts["stayed"] += 1
        elif slot.office_id != booking.office_id:
            counts["other_office"] += 1
            travel += distance
        elif slot.day == booking.day:
            counts["same_day"] += 1
        else:
            counts["other_day"] += 1
    stats = RebalanceStats(
        displaced=len(by_id),
        stayed=counts["stayed"],
        moved_same_office_same_day=counts["same_day"],
        moved_same_office_other_day=counts["other_day"],
        moved_other_office=counts["other_office"],
        unplaced=len(unplaced),
        travel_km=travel,
        solve_seconds=seconds,
    )
    return RebalancePlan(placements, unplaced, cost, stats)


def rebalance(
    displaced: Sequence[DisplacedBooking],
    slots: Sequence[SlotCapacity],
    weights: RebalanceWeights | None = None,
) -> RebalancePlan:
    """Plan where each displaced booking goes after a capacity change.

    `slots` describe capacity *after* the change, with `booked` counting only bookings that are
    not in `displaced` (those are being placed: a chain's every seat). Chains are placed first,
    whole (`scheduler.rebalance_chains`), then the single bookings by the flow on the room they
    leave. Check the plan with `scheduler.verify.verify_rebalance` before applying it.
    """
    weights = weights or RebalanceWeights()
    started = time.perf_counter()
    chains = move_chains(displaced, slots, weights)
    left = [replace(s, booked=s.booked + chains.seats[s.key]) if s.key in chains.seats else s for s in slots]
    singles = [b for b in displaced if not b.is_chain]
    placed, unplaced = RebalanceSolver(singles, left, weights).solve()
    return _plan(
        displaced,
        slots,
        [*chains.placements, *placed],
        {**chains.unplaced, **unplaced},
        weights,
        time.perf_counter() - started,
    )
