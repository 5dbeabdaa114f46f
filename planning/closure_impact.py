"""What a closure would do before it is made: how many bookings it would push out of their slot.

The manager's dashboard asks before closing ("3 bookings that day no longer fit: close?"), and
the API refuses a closure that moves bookings without a reason, since each citizen is told why
their booking moved. The figure is the one the closure's own answer gives afterwards (``overbooked``)
less what was already over before it: the bookings *this* closure displaces.

Capacity is the grid's (``booking.capacity.day_slots``) with the office's closures of that day and
the new one; bookings are the slot rows' (``SlotLoads``). Nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from booking.calendar import Closure
from booking.capacity import day_slots
from booking.offices import Office
from booking.ports import Offices
from planning.ports import Loads, SlotLoads


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


def closure_impact(
    office: Office, closures: Iterable[Closure], closure: Closure, loads: Loads
) -> ClosureImpact:
    """The impact of adding ``closure`` to the office's ``closures`` given the slot rows ``loads``
    of its day ((office, service, start) → (capacity, booked))."""
    day = closure.day
    todays = tuple(c for c in closures if c.day == day and c.office_id == office.id)
    capacity_after: dict[tuple[str, datetime], int] = {}
    for service in office.services:
        for slot in day_slots(office, service, day, (*todays, closure)):
            capacity_after[(service, slot.start)] = slot.capacity
    booked = overbooked = over_before = 0
    for (office_id, service, start), (capacity, taken) in loads.items():
        if office_id != office.id:
            continue
        booked += taken
        over_before += max(0, taken - capacity)
        overbooked += max(0, taken - capacity_after.get((service, start), 0))
    return ClosureImpact(booked, overbooked, max(0, overbooked - over_before))


async def impact_of(
    offices: Offices, slot_loads: SlotLoads, office: Office, closure: Closure
) -> ClosureImpact:
    """``closure_impact`` on the office's closures and slot rows as they stand now."""
    loads = await slot_loads.between([office.id], closure.day, closure.day)
    return closure_impact(office, await offices.closures(office.id), closure, loads)
