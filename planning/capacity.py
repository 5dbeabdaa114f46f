"""The offices' room as the optimiser sees it: each slot of the grid (counters, closures, walk-in
share; `booking.capacity`) with what bookings already hold (the slot rows).

Every service of an office is included on each day looked at, not only the services asked for:
crowding is felt per hall, by everyone there at that time, so the direct bookings of other
services count in the cost (`scheduler.costs.hall_of`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from booking.calendar import to_local
from booking.capacity import Slot
from booking.offices import Office
from booking.ports import Offices
from planning.ports import Loads, SlotLoads
from scheduler.problem import SlotCapacity


def slot_key(office_id: str, service: str, start: datetime) -> str:
    """A slot's key in the optimiser's problem, e.g. ``giza-passports/passport-new/2026-12-07T07:00Z``."""
    return f"{office_id}/{service}/{start:%Y-%m-%dT%H:%MZ}"


@dataclass(frozen=True, slots=True)
class BookableSlot:
    """A slot of the grid, and the local day it falls on: what a booking in it is written with."""

    office: Office
    slot: Slot
    day: date


@dataclass
class CapacityMap:
    """The optimiser's slots and, by key, the grid slot each stands for."""

    slots: list[SlotCapacity] = field(default_factory=list)
    bookable: dict[str, BookableSlot] = field(default_factory=dict)


async def read_loads(
    loads: SlotLoads, office_ids: Collection[str], days: Collection[date], now: datetime | None = None
) -> Loads:
    """The slot rows of these offices over the span of ``days``; given ``now``, seats resting
    after a release (``slot_holds``) count as booked, as the booking itself will count them."""
    if not office_ids or not days:
        return {}
    return await loads.between(sorted(office_ids), min(days), max(days), now)


async def capacity_map(
    directory: Offices,
    slot_loads: SlotLoads,
    office_days: Mapping[str, Collection[date]],
    earliest: datetime,
    latest: datetime,
    now: datetime | None = None,
) -> CapacityMap:
    """Every bookable slot of the offices on their days, starting between ``earliest`` and
    ``latest`` (the booking window), with its capacity and load.

    Capacity is the lower of the grid's and the slot row's: the row is what the database will
    hold a booking to, so promising more than it would only produce refusals at write time. The
    seats a slot still keeps for assisted bookings (the row's, or the grid's before its first
    booking) are its ``reserved``: flexible requests are online and leave them free.
    """
    offices = {o.id: o for o in await directory.offices()}
    wanted = {office_id: days for office_id, days in office_days.items() if office_id in offices}
    all_days = {d for days in wanted.values() for d in days}
    loads = await read_loads(slot_loads, wanted.keys(), all_days, now)
    kept = await slot_loads.kept_between(sorted(wanted), min(all_days), max(all_days)) if all_days else {}
    found = CapacityMap()
    for office_id, days in sorted(wanted.items()):
        office = offices[office_id]
        for day in sorted(days):
            for service in office.services:
                for slot in await directory.day_slots(office, service, day):
                    if not earliest <= slot.start <= latest:
                        continue
                    row = (office_id, service, slot.start)
                    row_capacity, booked = loads.get(row, (slot.capacity, 0))
                    reserved = kept.get(row, 0) if row in loads else slot.reserved
                    key = slot_key(office_id, service, slot.start)
                    local = to_local(slot.start, office.timezone)
                    found.slots.append(
                        SlotCapacity(
                            key,
                            office_id,
                            service,
                            day,
                            local.hour * 60 + local.minute,
                            min(slot.capacity, row_capacity),
                            booked,
                            # the grid's slots follow each other without gaps (chains need it)
                            int((slot.end - slot.start).total_seconds()) // 60,
                            reserved,
                        )
                    )
                    found.bookable[key] = BookableSlot(office, slot, day)
    return found
