"""Displaced chains — one trip, several services — moved whole before the flow rehouses the rest.

A chain displaced by a capacity cut (any of its visits in a slot that lost room) keeps all its
seats or moves all of them: one office, one day, each later visit in the slot that follows the
one before. The rebalance flow cannot say so (a unit of flow is one seat), so chains are decided
first, as the optimiser decides chain requests first (`scheduler.chains`), with the same option
search (`ChainPlanner.fitting`) and the rebalance's own prices: `rebalance.move_cost` of the
first visit (staying is free, then the booked office, the same day, the nearest hour, the
nearest office) plus the crowding each visit adds to its hall. Chains go in the order given
(the bookings' order by start); the flow then places the single bookings on the room they leave.

What the greedy gives up, as for chain requests: a chain placed first may take a seat a single
booking needed (that booking is then moved further, or listed `no_capacity`). Every seat a
chain takes had room, so capacity holds; the verifier checks it all again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from scheduler.chains import ChainPlanner, Fitting
from scheduler.displaced import DisplacedBooking, Placement, RebalanceWeights
from scheduler.problem import Candidate, Request, SlotCapacity, Weights
from scheduler.solution import NO_CAPACITY, NO_ELIGIBLE_SLOT


@dataclass
class ChainMoves:
    """Where the displaced chains go, those nothing could take (with the reason), and the seats
    they take per slot (booked, for the flow that places the single bookings after them)."""

    placements: list[Placement] = field(default_factory=list)
    unplaced: dict[str, str] = field(default_factory=dict)
    seats: Counter[str] = field(default_factory=Counter)


def as_request(booking: DisplacedBooking) -> Request:
    """The chain as a request `ChainPlanner` can search: its services in order, the offices it
    may go to (its own at 0 km) and its days."""
    offices = tuple(Candidate(o, km) for o, km in booking.allowed_offices().items())
    return Request(
        booking.id,
        booking.service,
        offices,
        booking.first_day,
        booking.last_day,
        later_services=booking.later_services,
    )


def move_costs(
    booking: DisplacedBooking, fitting: Fitting, starts: np.ndarray, weights: RebalanceWeights
) -> np.ndarray:
    """`rebalance.move_cost` of the chain's first visit for every option of `fitting` (office-day
    x start), vectorised: 0 where it stays, else a move plus days, hours and the other office."""
    distances = booking.allowed_offices()
    elsewhere = {o: weights.other_office + weights.per_km * km for o, km in distances.items()}
    elsewhere[booking.office_id] = 0.0
    per_row = np.asarray(
        [
            weights.move + weights.per_day * abs((day - booking.day).days) + elsewhere[office]
            for office, day in fitting.where
        ],
        dtype=np.float64,
    )
    hours = np.abs(starts - booking.start_minute) / 60
    cost = per_row[:, None] + weights.per_hour * hours[None, :]
    home = [r for r, where in enumerate(fitting.where) if where == (booking.office_id, booking.day)]
    cost[np.ix_(home, starts == booking.start_minute)] = 0.0
    return cost


def move_chains(
    displaced: Sequence[DisplacedBooking], slots: Sequence[SlotCapacity], weights: RebalanceWeights
) -> ChainMoves:
    """Place every chain of `displaced` (single bookings are left to the flow) at its cheapest
    option with room, in the order given; a chain with none is listed `no_capacity` (its
    services follow each other somewhere it may go, or its own slots are still known, closed or
    full) or `no_eligible_slot`."""
    planner = ChainPlanner(slots, Weights())
    known = {s.key for s in slots}
    result = ChainMoves()
    for booking in displaced:
        if not booking.is_chain:
            continue
        request = as_request(booking)
        fitting = planner.fitting(request)
        option = None
        if fitting is not None:
            cost = move_costs(booking, fitting, planner.start_minutes, weights)
            option = planner.best(fitting, cost + weights.crowding * fitting.crowding)
        if option is None:
            # Its own slots count as a place without room, as a single booking's do.
            somewhere = planner.exists(request) or all(k in known for k in booking.slot_keys)
            result.unplaced[booking.id] = NO_CAPACITY if somewhere else NO_ELIGIBLE_SLOT
            continue
        taken = planner.place(option, request)
        moved = Placement(booking.id, booking.slot_key, taken.slot_key, taken.later_slot_keys)
        result.placements.append(moved)
        result.seats.update(taken.slot_keys)
    return result
