"""A future office day made of the forecast: the bookings and walk-ins ``foresight.forecast``
expects, spread over the day by the hours people came at in the past, as the ``OfficeDay`` the
staffing advice and the simulation read.

Expected people are fractions; bookings become whole appointments at the slots of each hour (the
fractions carried on, so the day's total is the forecast's, rounded), walk-ins stay Poisson rates.
With no hourly profile in the history yet, people are spread evenly over the day.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from booking.calendar import Closure, to_instant, to_local
from booking.capacity import slot_times
from booking.offices import Office
from foresight.demand import BOOKINGS, WALK_INS
from foresight.erlang import DEFAULT_TARGET, DEFAULT_WITHIN_MINUTES
from foresight.forecast import Forecast
from foresight.office_day import Behaviour, OfficeDay, ServiceTime
from foresight.offices import Appointment, OfficeClosed, catalogue_times, office_day
from foresight.staffing import Staffing, advise


def _hour_shares(profile: Mapping[int, float], hours: Sequence[int]) -> dict[int, float]:
    """The profile on the day's hours, summing to 1 (evenly when it says nothing of them)."""
    known = {h: profile.get(h, 0.0) for h in hours}
    total = sum(known.values())
    return {h: share / total for h, share in known.items()} if total else dict.fromkeys(hours, 1 / len(hours))


def forecast_office_day(
    office: Office,
    day: date,
    forecast: Forecast,
    closures: Sequence[Closure] = (),
    service_times: Mapping[str, ServiceTime] | None = None,
    behaviour: Behaviour | None = None,
) -> OfficeDay:
    """The expected ``day`` of ``office``; ``OfficeClosed`` when it is closed, ``ValueError`` when
    the forecast does not reach it."""
    expected = next((d for d in forecast.days if d.day == day), None)
    if expected is None:
        raise ValueError(f"the forecast does not cover {day.isoformat()}")
    if expected.closed:
        raise OfficeClosed(f"{office.id} is closed on {day.isoformat()}: {expected.closed}")
    times = dict(service_times or catalogue_times(office))  # a service no longer offered is dropped
    slots = slot_times(office, day)
    hours = sorted({start.hour for start, _ in slots})
    booked = _hour_shares(forecast.hourly.get(BOOKINGS, {}), hours)
    walking = _hour_shares(forecast.hourly.get(WALK_INS, {}), hours)
    appointments: list[Appointment] = []
    for service, people in sorted(expected.bookings.items()):
        if service not in times:
            continue
        carried = 0.0
        for hour in hours:
            starts = [start for start, _ in slots if start.hour == hour]
            for start in starts:
                before = round(carried)
                carried += people * booked[hour] / len(starts)
                instant = to_instant(day, start, office.timezone)
                appointments.extend(Appointment(service, instant) for _ in range(round(carried) - before))
    plain = office_day(office, day, appointments, {}, tuple(closures), times, behaviour)
    local_opening = to_local(plain.opens, office.timezone)
    # A rate per hour after opening: the hour's people over the minutes it is open (the last
    # hour may be cut short by closing).
    lengths = [min(60.0, plain.closes_minute - 60.0 * h) for h in range(math.ceil(plain.closes_minute / 60))]
    walk_ins = {
        service: tuple(
            people * walking.get(local_opening.hour + h, 0.0) * 60 / n for h, n in enumerate(lengths)
        )
        for service, people in sorted(expected.walk_ins.items())
        if service in times
    }
    return replace(plain, walk_ins_per_hour=walk_ins)


def forecast_staffing(
    office: Office,
    day: date,
    forecast: Forecast,
    closures: Sequence[Closure] = (),
    target: float = DEFAULT_TARGET,
    within: float = DEFAULT_WITHIN_MINUTES,
    service_times: Mapping[str, ServiceTime] | None = None,
    behaviour: Behaviour | None = None,
) -> tuple[OfficeDay, Staffing]:
    """The staffing advice for a future day from the forecast, with the day it was made on (for
    ``staffing.check``)."""
    expected = forecast_office_day(office, day, forecast, closures, service_times, behaviour)
    return expected, advise(expected, target, within)
