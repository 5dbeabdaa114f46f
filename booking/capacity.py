"""The slot grid of an office day and how many appointments each slot can take per service.

A counter that can serve k of the office's services splits its time evenly between them, so two
services sharing a counter never promise the same minutes twice. From each slot's counter time we
keep ``walk_in_share`` for people without a booking; what remains, divided by the service's
duration, is the slot's share of appointments for that service:

    share(s, slot) = Σ_{c serves s, c open in slot} (slot_minutes / k_c) · (1 − walk_in_share) / duration(s)

A share is usually fractional (a 30-minute service on a counter shared by two services earns 0.375
appointments per 30-minute slot). Rounding each slot down would lose it all; instead the day's
shares are accumulated and each slot gets the whole appointments its share completes:

    capacity(slot_i) = ⌊ share_1 + … + share_i ⌋ − ⌊ share_1 + … + share_(i−1) ⌋

so a day offers ⌊ Σ shares ⌋ appointments, never more than its counters can serve.

A walk-in-only service (collecting a finished document, ``booking.services``) has no slots: it is
served from the walk-in share of its counters' time and does not divide a counter's bookable time.
Each slot also says how many of its seats are kept for assisted bookings (``booking.channels``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from fractions import Fraction

from booking.calendar import Closure, is_open, to_instant
from booking.channels import reserved_seats
from booking.offices import Office
from booking.services import SERVICES, WALK_IN_ONLY


@dataclass(frozen=True, slots=True)
class Slot:
    office_id: str
    service: str
    start: datetime  # UTC
    end: datetime  # UTC
    capacity: int
    reserved: int = 0
    """Seats kept for assisted bookings (``booking.channels``): online bookings leave them free."""


def slot_times(office: Office, day: date) -> list[tuple[time, time]]:
    """Local (start, end) of every whole slot between opening and closing time."""
    hours = office.hours.on(day.weekday())
    if hours is None:
        return []
    opens, closes = (datetime.combine(day, t) for t in hours)
    step = timedelta(minutes=office.slot_minutes)
    times = []
    start = opens
    while start + step <= closes:
        times.append((start.time(), (start + step).time()))
        start += step
    return times


def slot_share(
    office: Office, service: str, day: date, start: time, end: time, closures: tuple[Closure, ...]
) -> Fraction:
    """How many appointments of ``service`` the counters open in this slot can take, as a fraction."""
    duration = SERVICES[service].duration_minutes
    minutes = Fraction(0)
    for counter in office.counters:
        if not counter.active or service not in counter.services:
            continue
        if any(c.day == day and c.covers(counter.id, start, end) for c in closures):
            continue
        shared_by = len(counter.services & set(office.services) - WALK_IN_ONLY) or 1
        minutes += Fraction(office.slot_minutes, shared_by)
    kept_for_walk_ins = Fraction(office.walk_in_share).limit_denominator(100)
    return minutes * (1 - kept_for_walk_ins) / duration


def day_slots(office: Office, service: str, day: date, closures: tuple[Closure, ...] = ()) -> list[Slot]:
    """Every bookable slot of ``service`` at ``office`` on ``day``; empty when it is closed."""
    if not office.offers(service) or SERVICES[service].walk_in_only or not is_open(office, day, closures):
        return []
    todays = tuple(c for c in closures if c.day == day)
    times = slot_times(office, day)
    if not times:
        return []
    # Without a closure today every slot has the same counters, so the same share.
    same_for_all = None if todays else slot_share(office, service, day, *times[0], ())
    slots = []
    total = Fraction(0)
    for start, end in times:
        share = (
            same_for_all if same_for_all is not None else slot_share(office, service, day, start, end, todays)
        )
        capacity = int(total + share) - int(total)
        total += share
        if capacity > 0:
            slots.append(
                Slot(
                    office.id,
                    service,
                    to_instant(day, start, office.timezone),
                    to_instant(day, end, office.timezone),
                    capacity,
                )
            )
    if office.assisted_share > 0:
        kept = reserved_seats([slot.capacity for slot in slots], office.assisted_share)
        slots = [replace(slot, reserved=n) if n else slot for slot, n in zip(slots, kept, strict=True)]
    return slots
