"""What a closure would do before it is made: how many bookings it would push out of their slot.

The manager's dashboard asks before closing ("3 bookings that day no longer fit: close?"), and
the API refuses a closure that moves bookings without a reason, since each citizen is told why
their booking moved. The figure is the one the closure's own answer gives afterwards (``overbooked``)
less what was already over before it: the bookings *this* closure displaces.

Capacity is the grid's (``booking.capacity.day_slots``) with the office's closures of that day and
the new one; bookings are the slot rows' (``SlotLoads``). Nothing is written.

The slot rows count seats; a chain (one trip, several services) holds one per service but is one
booking, displaced when any of its visits is, and moved whole (``planning.rebalancing``). So the
figures count bookings: ``bookings_over`` counts a chain with a visit in an over-full slot once,
and its leaving frees a seat in each over-full slot it holds (``ChainVisits`` says which seats go
together).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from booking.calendar import Closure
from booking.capacity import day_slots
from booking.offices import Office
from booking.ports import Offices
from planning.ports import ChainVisits, LoadKey, Loads, SlotLoads


@dataclass(frozen=True, slots=True)
class ClosureImpact:
    """``booked``: bookings that day; ``overbooked``: those that would not fit once closed (as the
    closure's answer counts them); ``displaced``: of those, the ones this closure pushes out."""

    booked: int
    overbooked: int
    displaced: int

    @property
    def needs_reason(self) -> bool:
        """Citizens will be moved, and told why: the closure must say why."""
        return self.displaced > 0


def bookings_over(excess: Mapping[LoadKey, int], chains: Iterable[Sequence[LoadKey]] = ()) -> int:
    """How many bookings must leave so that no slot holds more than it may: ``excess`` is each
    slot's seats over its capacity. A chain with a visit where seats are over counts once and
    frees one seat in every over-full slot it holds (chains are moved first, as the rebalance
    does); the seats still over are single bookings (or chains with one visit there). When the
    slots are emptied (an office-day shut) this is exactly the bookings that hold a seat there."""
    left = {key: over for key, over in excess.items() if over > 0}
    count = 0
    for visits in chains:
        hit = [key for key in visits if left.get(key, 0) > 0]
        if hit:
            count += 1
            for key in hit:
                left[key] -= 1
    return count + sum(left.values())


def closure_impact(
    office: Office,
    closures: Iterable[Closure],
    closure: Closure,
    loads: Loads,
    chains: Sequence[Sequence[LoadKey]] = (),
) -> ClosureImpact:
    """The impact of adding ``closure`` to the office's ``closures`` given the slot rows ``loads``
    of its day ((office, service, start) → (capacity, booked)) and the ``chains`` among them
    (each chain's visits' slots), counted in bookings."""
    day = closure.day
    todays = tuple(c for c in closures if c.day == day and c.office_id == office.id)
    capacity_after: dict[tuple[str, datetime], int] = {}
    for service in office.services:
        for slot in day_slots(office, service, day, (*todays, closure)):
            capacity_after[(service, slot.start)] = slot.capacity
    ours = [c for c in chains if all(office_id == office.id for office_id, _, _ in c)]
    seats = 0
    before: dict[LoadKey, int] = {}
    after: dict[LoadKey, int] = {}
    for key, (capacity, taken) in loads.items():
        office_id, service, start = key
        if office_id != office.id:
            continue
        seats += taken
        before[key] = taken - capacity
        after[key] = taken - capacity_after.get((service, start), 0)
    booked = seats - sum(len(c) - 1 for c in ours)
    overbooked = bookings_over(after, ours)
    return ClosureImpact(booked, overbooked, max(0, overbooked - bookings_over(before, ours)))


async def impact_of(
    offices: Offices,
    slot_loads: SlotLoads,
    office: Office,
    closure: Closure,
    chains: ChainVisits | None = None,
) -> ClosureImpact:
    """``closure_impact`` on the office's closures, slot rows and chains as they stand now."""
    loads = await slot_loads.between([office.id], closure.day, closure.day)
    together = await chains.between([office.id], closure.day, closure.day) if chains else []
    return closure_impact(office, await offices.closures(office.id), closure, loads, together)
