"""A real office's day as the simulation sees it: its counters' hours (closures taken out), its
bookings as slots after opening, service times from the catalogue, walk-ins by the hour.

Service times and walk-in rates are priors here (the catalogue's durations, the walk-in share of
counter time); ``foresight.day_plan`` gives ``office_day`` those estimated from the archive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from booking.calendar import Closure, is_open, to_instant
from booking.capacity import day_slots, slot_share, slot_times
from booking.offices import Office
from booking.services import SERVICES
from foresight.office_day import Behaviour, Booked, CounterPlan, OfficeDay, ServiceTime, Shift

_MINUTE = timedelta(minutes=1)


class OfficeClosed(ValueError):
    """The office receives nobody that day (weekend, public holiday or a closure)."""


@dataclass(frozen=True, slots=True)
class Appointment:
    """A booking as the simulation needs it: what, when (an instant) and elderly or not."""

    service: str
    starts_at: datetime
    senior: bool = False


def _hours(office: Office, day: date, closures: tuple[Closure, ...]) -> tuple[time, time]:
    hours = office.hours.on(day.weekday())
    if hours is None or not is_open(office, day, closures):
        raise OfficeClosed(f"{office.id} is closed on {day.isoformat()}")
    return hours


def _minute(day: date, opens: time, at: time) -> float:
    return (datetime.combine(day, at) - datetime.combine(day, opens)) / _MINUTE


def counter_plans(office: Office, day: date, closures: tuple[Closure, ...] = ()) -> tuple[CounterPlan, ...]:
    """Each counter in service, open from opening to closing but for the day's closures."""
    opens, closes = _hours(office, day, closures)
    end = _minute(day, opens, closes)
    plans = []
    for counter in office.counters:
        if not counter.active:
            continue
        shifts: list[Shift] = [(0.0, end)]
        for closure in closures:
            if closure.day != day or closure.counter_id not in (None, counter.id):
                continue
            gone_from = _minute(day, opens, closure.starts) if closure.starts else 0.0
            gone_to = _minute(day, opens, closure.ends) if closure.ends else end
            shifts = [
                part
                for a, b in shifts
                for part in ((a, min(b, gone_from)), (max(a, gone_to), b))
                if part[0] < part[1]
            ]
        services = frozenset(counter.services & set(office.services))
        plans.append(CounterPlan(str(counter.id), services, tuple(shifts)))
    return tuple(plans)


def catalogue_times(office: Office) -> dict[str, ServiceTime]:
    """The catalogue's duration of each service as its mean time at the counter."""
    return {s: ServiceTime(float(SERVICES[s].duration_minutes)) for s in office.services}


def walk_in_capacity(office: Office, day: date, closures: tuple[Closure, ...] = ()) -> dict[str, list[float]]:
    """Walk-ins per service and hour after opening the counter time kept for them can serve:
    the slot grid's rule (``booking.capacity.slot_share``) applied to the walk-in share."""
    opens, _ = _hours(office, day, closures)
    everything = replace(office, walk_in_share=0.0)  # a slot's whole counter time, in people
    rates: dict[str, list[float]] = defaultdict(list)
    for service in office.services:
        for start, end in slot_times(office, day):
            hour = int(_minute(day, opens, start) // 60)
            people = float(slot_share(everything, service, day, start, end, closures)) * office.walk_in_share
            hourly = rates[service]
            hourly.extend([0.0] * (hour + 1 - len(hourly)))
            hourly[hour] += people
    return dict(rates)


def office_day(
    office: Office,
    day: date,
    appointments: Iterable[Appointment],
    walk_ins_per_hour: Mapping[str, Iterable[float]],
    closures: tuple[Closure, ...] = (),
    service_times: Mapping[str, ServiceTime] | None = None,
    behaviour: Behaviour | None = None,
    walk_in_profile: Sequence[float] = (),
) -> OfficeDay:
    """The simulation's day for ``office`` on ``day`` with these bookings and walk-in rates
    (``walk_in_profile``: see ``OfficeDay``)."""
    opens, closes = _hours(office, day, closures)
    opening = to_instant(day, opens, office.timezone)
    bookings = tuple(
        Booked(a.service, (a.starts_at - opening) / _MINUTE, a.senior)
        for a in sorted(appointments, key=lambda a: (a.starts_at, a.service))
    )
    return OfficeDay(
        opens=opening,
        closes_minute=_minute(day, opens, closes),
        counters=counter_plans(office, day, closures),
        service_times=dict(service_times or catalogue_times(office)),
        bookings=bookings,
        walk_ins_per_hour={s: tuple(rates) for s, rates in walk_ins_per_hour.items()},
        behaviour=behaviour or Behaviour(),
        walk_in_profile=tuple(walk_in_profile),
    )


def demo_day(
    office: Office,
    day: date,
    booked_share: float = 0.9,
    walk_in_load: float = 0.9,
    closures: tuple[Closure, ...] = (),
) -> OfficeDay:
    """A plausible busy day: ``booked_share`` of every slot's appointments booked, and walk-ins
    at ``walk_in_load`` of the counter time kept for them."""
    appointments: list[Appointment] = []
    for service in office.services:
        booked = 0.0
        for slot in day_slots(office, service, day, closures):
            # Whole people per slot, with the fractions carried on so the day's total is right.
            before = int(booked)
            booked += slot.capacity * booked_share
            appointments.extend(Appointment(service, slot.start) for _ in range(int(booked) - before))
    rates = {
        service: [rate * walk_in_load for rate in hourly]
        for service, hourly in walk_in_capacity(office, day, closures).items()
    }
    return office_day(office, day, appointments, rates, closures)
