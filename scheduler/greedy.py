"""The baseline every result is reported beside: first come, first served.

This is what a plain booking site does: each citizen, in the order they asked, takes the earliest
free slot at the nearest office they accept (trying the next office only when the nearest has
nothing left in their window). It places people quickly and fills the first hours of the most
popular offices to the brim, which is exactly the crowding the optimiser exists to avoid.
"""

from __future__ import annotations

from collections import defaultdict

from kernel.days import days_between
from scheduler.chains import ChainPlanner
from scheduler.costs import price_solution
from scheduler.problem import Pool, Problem, Request, SlotCapacity, pool_of
from scheduler.solution import NO_CAPACITY, NO_ELIGIBLE_SLOT, NOT_ELIGIBLE, Assignment, Solution


class _Pools:
    """Slots per (office, service, day) in time order, with a cursor past the full ones."""

    def __init__(self, slots: list[SlotCapacity] | tuple[SlotCapacity, ...]) -> None:
        self.slots: dict[Pool, list[SlotCapacity]] = defaultdict(list)
        for s in sorted(slots, key=lambda s: s.start_minute):
            self.slots[pool_of(s)].append(s)
        self.room = {s.key: s.free for s in slots}
        self.cursor: dict[Pool, int] = defaultdict(int)

    def take_earliest(self, pool: Pool) -> str | None:
        """Key of the earliest slot of `pool` with room, now one place fuller; None if full."""
        slots = self.slots.get(pool, [])
        i = self.cursor[pool]
        while i < len(slots) and self.room[slots[i].key] == 0:
            i += 1
        self.cursor[pool] = i
        if i == len(slots):
            return None
        self.room[slots[i].key] -= 1
        return slots[i].key


def _single(request: Request, pools: _Pools) -> tuple[str | None, bool]:
    """The slot the request takes (None if none has room), and whether any slot was eligible."""
    any_slot = False
    for cand in sorted(request.offices, key=lambda c: (c.distance_km, c.office_id)):
        for day in days_between(request.first_day, request.last_day):
            pool = (cand.office_id, request.service, day)
            any_slot = any_slot or pool in pools.slots
            slot_key = pools.take_earliest(pool)
            if slot_key is not None:
                return slot_key, True
    return None, any_slot


def first_come_first_served(problem: Problem) -> Solution:
    """Place each request in order at its nearest acceptable office, earliest free slot (a
    chain: the earliest start where all its services follow each other with room)."""
    pools = _Pools(list(problem.slots))
    with_chains = any(r.is_chain for r in problem.requests)
    chains = ChainPlanner(problem.slots, problem.weights) if with_chains else None
    assignments: list[Assignment] = []
    unassigned: dict[str, str] = {}
    for request in problem.requests:
        if not request.eligible:
            unassigned[request.id] = NOT_ELIGIBLE
        elif chains is not None and request.is_chain:
            placed = chains.earliest(request)
            if placed is None:
                unassigned[request.id] = NO_CAPACITY if chains.exists(request) else NO_ELIGIBLE_SLOT
            else:
                assignments.append(placed)
                for key in placed.slot_keys:
                    pools.room[key] -= 1
        else:
            slot_key, any_slot = _single(request, pools)
            if slot_key is None:
                unassigned[request.id] = NO_CAPACITY if any_slot else NO_ELIGIBLE_SLOT
                continue
            assignments.append(Assignment(request.id, slot_key))
            if chains is not None:
                chains.hold([slot_key])
    return price_solution(problem, assignments, unassigned)
