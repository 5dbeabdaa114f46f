"""Turn a manager's capacity change into a rebalance input.

A counter closing for some hours lowers the capacity of some slots; an office shutting for a day
sets all its slots that day to zero. Either way, the bookings in slots that no longer have room
for all of them become `DisplacedBooking`s (all of them: the rebalance decides who may stay,
since staying costs nothing), and the slots are restated with `booked` counting only the
bookings that are not being placed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from kernel.geo import haversine_km
from scheduler.displaced import DisplacedBooking
from scheduler.problem import Candidate, SlotCapacity

#: (booking id, slot key) of one visit of a confirmed booking: a chain (one trip, several
#: services) is listed once per visit, in the order served, under its one booking id.
BookedVisit = tuple[str, str]


def _visits_by_booking(bookings: Sequence[BookedVisit]) -> dict[str, list[str]]:
    """Each booking's slot keys, first visit first, bookings in the order first seen."""
    visits: dict[str, list[str]] = {}
    for booking_id, slot_key in bookings:
        visits.setdefault(booking_id, []).append(slot_key)
    return visits


def cut_capacity(
    slots: Sequence[SlotCapacity],
    bookings: Sequence[BookedVisit],
    new_capacity: Mapping[str, int],
    locations: Mapping[str, tuple[float, float]],
    radius_km: float = 60.0,
    days_after: int = 2,
    nearest: int = 5,
) -> tuple[list[DisplacedBooking], list[SlotCapacity]]:
    """Bookings displaced by `new_capacity` (slot key → capacity) and the slots afterwards.

    `slots[i].booked` counts every current booking, including those listed in `bookings`
    (which need only cover the slots being cut, and every visit of a chain with one there). A
    booking is displaced when any of its visits is in a cut slot, a chain with all its seats. It
    may move to the `nearest` offices offering its service (a chain's: all of them) within
    `radius_km` of its office (`locations`: office id → lat, lon), from its day to
    `days_after` days later.
    """
    by_key = {s.key: s for s in slots}
    cut = {key for key, capacity in new_capacity.items() if key in by_key and by_key[key].booked > capacity}
    offering: dict[str, set[str]] = defaultdict(set)
    for s in slots:
        offering[s.service].add(s.office_id)
    displaced = []
    alternatives: dict[tuple[str, tuple[str, ...]], tuple[Candidate, ...]] = {}
    for booking_id, keys in _visits_by_booking(bookings).items():
        if not any(key in cut for key in keys):
            continue
        unknown = [key for key in keys if key not in by_key]
        if unknown:
            raise ValueError(f"booking {booking_id}: no slot {', '.join(unknown)}")
        first, *later = (by_key[key] for key in keys)
        services = (first.service, *(s.service for s in later))
        if (first.office_id, services) not in alternatives:
            everywhere = set.intersection(*(offering[service] for service in services))
            found = _nearby(first.office_id, everywhere, locations, radius_km)
            alternatives[(first.office_id, services)] = found[:nearest]
        displaced.append(
            DisplacedBooking(
                id=booking_id,
                service=first.service,
                office_id=first.office_id,
                slot_key=first.key,
                day=first.day,
                start_minute=first.start_minute,
                first_day=first.day,
                last_day=first.day + timedelta(days=days_after),
                nearby=alternatives[(first.office_id, services)],
                later_services=services[1:],
                later_slot_keys=tuple(s.key for s in later),
            )
        )
    leaving = Counter(key for d in displaced for key in d.slot_keys)
    after = [
        replace(
            s,
            capacity=new_capacity.get(s.key, s.capacity),
            booked=s.booked - leaving.get(s.key, 0),
        )
        if s.key in new_capacity or s.key in leaving
        else s
        for s in slots
    ]
    return displaced, after


def close_office_day(
    slots: Sequence[SlotCapacity],
    bookings: Sequence[BookedVisit],
    office_id: str,
    day: date,
    locations: Mapping[str, tuple[float, float]],
    radius_km: float = 60.0,
    days_after: int = 2,
    nearest: int = 5,
) -> tuple[list[DisplacedBooking], list[SlotCapacity]]:
    """`cut_capacity` for an office shut for a whole day: every slot that day goes to zero."""
    closed = {s.key: 0 for s in slots if s.office_id == office_id and s.day == day}
    return cut_capacity(slots, bookings, closed, locations, radius_km, days_after, nearest)


def _nearby(
    office_id: str,
    offering: set[str],
    locations: Mapping[str, tuple[float, float]],
    radius_km: float,
) -> tuple[Candidate, ...]:
    """Other offices offering the service within `radius_km`, nearest first."""
    if office_id not in locations:
        return ()
    lat, lon = locations[office_id]
    found = []
    for other in offering - {office_id}:
        if other in locations:
            km = haversine_km(lat, lon, *locations[other])
            if km <= radius_km:
                found.append(Candidate(other, round(km, 1)))
    return tuple(sorted(found, key=lambda c: (c.distance_km, c.office_id)))
