"""An office's load for the dashboard: booked against capacity, hour by hour.

Capacity is what the grid offers now (counters, closures, walk-in share); booked is what the
slot rows hold, including bookings left in a slot a closure took away, so a manager sees at once
where a rebalance is needed (``booked > capacity``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from booking.calendar import is_open, to_local
from booking.offices import Office
from booking.ports import Offices
from kernel.days import days_between
from planning.capacity import read_loads
from planning.ports import SlotLoads


@dataclass
class HourLoad:
    hour: int  # local hour of the day
    capacity: int = 0
    booked: int = 0

    @property
    def utilisation(self) -> float | None:
        return self.booked / self.capacity if self.capacity else None


@dataclass
class DayLoad:
    day: date
    open: bool
    hours: list[HourLoad] = field(default_factory=list)

    @property
    def capacity(self) -> int:
        return sum(h.capacity for h in self.hours)

    @property
    def booked(self) -> int:
        return sum(h.booked for h in self.hours)


async def office_load(
    office: Office, first: date, last: date, directory: Offices, slot_loads: SlotLoads
) -> list[DayLoad]:
    """Per day of ``first..last``, per local hour: capacity over all services, and bookings."""
    days = days_between(first, last)
    loads = await read_loads(slot_loads, [office.id], days)
    closures = await directory.closures(office.id)
    per_hour: dict[date, dict[int, HourLoad]] = defaultdict(dict)
    for day in days:
        for service in office.services:
            for slot in await directory.day_slots(office, service, day):
                hour = to_local(slot.start, office.timezone).hour
                per_hour[day].setdefault(hour, HourLoad(hour)).capacity += slot.capacity
    for (_, _, start), (_, booked) in loads.items():
        local = to_local(start, office.timezone)
        per_hour[local.date()].setdefault(local.hour, HourLoad(local.hour)).booked += booked
    return [
        DayLoad(day, is_open(office, day, closures), sorted(per_hour[day].values(), key=lambda h: h.hour))
        for day in days
    ]
