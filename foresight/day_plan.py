"""The use case behind ``mawid simulate --office --day`` (and the managers' simulations): the
``OfficeDay`` of an office and day, built from what is known of it, and a note of where each
input came from.

- counters and their hours: the office now, its closures taken out;
- bookings: the day's bookings not cancelled; for a day ahead (after ``today``), topped up per
  service to what the demand forecast expects (``foresight.forecast``): a manager simulating next
  Sunday on Wednesday should not see a half-empty hall because half of Sunday is not booked yet.
  The expected extra bookings go to the slots by the hours bookings came at in the past;
- behaviour, service times, walk-ins and when walk-ins come: estimated from the ``weeks`` weeks
  before the day (``foresight.estimates``). Walk-ins are that weekday's means, or every open day's
  when that weekday was not seen; with no history at all, the counter time the office keeps for
  walk-ins (``offices.walk_in_capacity``) times ``walk_in_load``, catalogue times and
  ``Behaviour()`` — today's priors.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from booking.calendar import Closure
from booking.offices import Office
from foresight.demand import demand_history
from foresight.estimates import (
    DEFAULT_WEEKS,
    Basis,
    OfficeEstimates,
    estimate_from_history,
    history_window,
    mean_per_day,
)
from foresight.forecast import HISTORY_WEEKS, forecast_demand
from foresight.forecast_day import forecast_office_day
from foresight.history import History, PastBooking, PastTicket
from foresight.office_day import Behaviour, OfficeDay
from foresight.offices import Appointment, office_day, walk_in_capacity

DEFAULT_WALK_IN_LOAD = 0.8
"""Without history: walk-ins expected as this share of the counter time kept for them."""


class OfficeCalendar(Protocol):
    """The offices as they stand now and their closures (``booking.ports.Offices`` is one)."""

    async def office(self, office_id: str) -> Office | None: ...

    async def closures(self, office_id: str) -> tuple[Closure, ...]: ...


class DayBookings(Protocol):
    """The bookings of an office-day (``booking.store.bookings.BookingStore`` is one)."""

    async def visits_on(self, office_id: str, day: date) -> list[tuple[str, datetime, bool]]:
        """Every booking of the office-day not cancelled, as (service, starts_at, senior_on_visit)."""
        ...


class UnknownOffice(LookupError):
    """There is no office by that id."""


class WalkInSource(StrEnum):
    WEEKDAY = "history_weekday"
    """The means of that weekday's open days in the window."""
    ANY_DAY = "history_any_day"
    """The means of every open day in the window (that weekday was not seen)."""
    CAPACITY = "capacity"
    """No history: the counter time kept for walk-ins times the walk-in load."""


@dataclass(frozen=True, slots=True)
class DayInputs:
    """Where a simulated day's inputs came from, for the people reading its figures."""

    basis: Basis
    bookings: int
    behaviour: Behaviour
    expected_bookings: int
    """Bookings the forecast still expects on a day ahead, simulated beside those made."""
    walk_ins: WalkInSource
    walk_ins_per_day: float
    walk_in_profile: tuple[float, ...]
    estimates: OfficeEstimates

    def as_json(self) -> dict[str, Any]:
        basis, behaviour = self.basis, self.behaviour
        return {
            "description": basis.describe(),
            "history": {
                "first": basis.first.isoformat(),
                "last": basis.last.isoformat(),
                "weeks": basis.weeks,
                "days": basis.days,
                "tickets": basis.people,
                "service_times": basis.served,
                "settled_bookings": basis.settled_bookings,
                "punctuality": basis.punctuality,
            },
            "bookings": self.bookings,
            "expected_bookings": self.expected_bookings,
            "no_show_share": round(behaviour.no_show_share, 4),
            "early_minutes": round(behaviour.early_minutes, 2),
            "punctuality_sd_minutes": round(behaviour.punctuality_sd_minutes, 2),
            "priority_share": round(behaviour.priority_share, 4),
            "walk_ins": {
                "source": self.walk_ins.value,
                "per_day": round(self.walk_ins_per_day, 2),
                "profile": [round(share, 4) for share in self.walk_in_profile],
            },
            "service_times": {
                service: {
                    "mean_minutes": round(fitted.time.mean_minutes, 2),
                    "cv": round(fitted.time.cv, 3),
                    "samples": fitted.samples,
                }
                for service, fitted in self.estimates.service_times.items()
            },
        }


@dataclass(frozen=True, slots=True)
class DayPlan:
    """An office day ready to simulate, and where its inputs came from."""

    day: OfficeDay
    inputs: DayInputs


def _walk_ins(
    office: Office, day: date, closures: tuple[Closure, ...], found: OfficeEstimates, walk_in_load: float
) -> tuple[Mapping[str, tuple[float, ...]], WalkInSource]:
    offered = set(office.services)  # a service no longer offered has no counter to go to
    for seen, source in (
        (found.walk_ins.on(day.weekday()), WalkInSource.WEEKDAY),
        (found.walk_ins.any_day(), WalkInSource.ANY_DAY),
    ):
        if seen is not None:
            return {s: rates for s, rates in seen.items() if s in offered}, source
    capacity = walk_in_capacity(office, day, closures)
    return {
        s: tuple(r * walk_in_load for r in hourly) for s, hourly in capacity.items()
    }, WalkInSource.CAPACITY


def _expected_bookings(
    past: _Past, office: Office, day: date, today: date, closures: tuple[Closure, ...], planned: OfficeDay
) -> OfficeDay:
    """The bookings the forecast expects on ``day`` beyond those already in ``planned``, as an
    office day of their own (same opening, so their slot minutes add up)."""
    first, last = today - timedelta(weeks=HISTORY_WEEKS), today - timedelta(days=1)
    demand = demand_history(
        office, past.tickets_in(first, last), past.bookings_in(first, last), first, last, closures
    )
    forecast = forecast_demand(demand, office, today + timedelta(days=1), (day - today).days, closures)
    expected = next((d for d in forecast.days if d.day == day), None)
    if expected is None or expected.closed:
        return replace(planned, bookings=())
    made: dict[str, int] = {}
    for booked in planned.bookings:
        made[booked.service] = made.get(booked.service, 0) + 1
    missing = {s: n - made.get(s, 0) for s, n in expected.bookings.items() if n - made.get(s, 0) >= 0.5}
    if not missing:
        return replace(planned, bookings=())
    only_missing = replace(forecast, days=(replace(expected, bookings=missing, walk_ins={}),))
    return forecast_office_day(office, day, only_missing, closures, planned.service_times, planned.behaviour)


@dataclass(frozen=True, slots=True)
class _Past:
    """The office's tickets and bookings read once for both the estimates and the forecast."""

    tickets: list[PastTicket]
    bookings: list[PastBooking]

    def tickets_in(self, first: date, last: date) -> list[PastTicket]:
        return [t for t in self.tickets if first <= t.day <= last]

    def bookings_in(self, first: date, last: date) -> list[PastBooking]:
        return [b for b in self.bookings if first <= b.day <= last]


def _assemble(
    office: Office,
    day: date,
    today: date | None,
    closures: tuple[Closure, ...],
    visits: list[tuple[str, datetime, bool]],
    past: _Past,
    window: tuple[date, date],
    walk_in_load: float,
) -> DayPlan:
    """The day from what was read: the estimates, the office day, and on a day ahead the
    bookings the forecast still expects. Pure arithmetic (model fits included), run in a thread
    so a manager's simulation does not hold up the event loop for the second it takes."""
    first, last = window
    found = estimate_from_history(
        office, past.tickets_in(first, last), past.bookings_in(first, last), first, last
    )
    walk_ins, source = _walk_ins(office, day, closures, found, walk_in_load)
    simulated = office_day(
        office,
        day,
        [Appointment(service, starts_at, senior) for service, starts_at, senior in visits],
        walk_ins,
        closures,
        service_times=found.times(),
        behaviour=found.behaviour,
        walk_in_profile=found.walk_ins.profile,
    )
    expected = 0
    if today is not None and day > today and found.basis.days:
        extra = _expected_bookings(past, office, day, today, closures, simulated).bookings
        expected = len(extra)
        ordered = sorted((*simulated.bookings, *extra), key=lambda b: (b.slot_minute, b.service))
        simulated = replace(simulated, bookings=tuple(ordered))
    inputs = DayInputs(
        found.basis, len(visits), found.behaviour, expected, source, mean_per_day(walk_ins),
        simulated.walk_in_shares(), found,
    )  # fmt: skip
    return DayPlan(simulated, inputs)


async def plan_day(
    office_id: str,
    day: date,
    offices: OfficeCalendar,
    bookings: DayBookings,
    history: History,
    weeks: int = DEFAULT_WEEKS,
    today: date | None = None,
    walk_in_load: float = DEFAULT_WALK_IN_LOAD,
) -> DayPlan:
    """The office day of ``office_id`` on ``day``, from the ``weeks`` weeks of history before it
    (never past ``today``). Raises ``UnknownOffice``, or ``foresight.offices.OfficeClosed`` when
    the office receives nobody that day.

    The past is read once, over the estimates' window and, on a day ahead, the forecast's
    (``HISTORY_WEEKS`` up to yesterday), which holds it."""
    office = await offices.office(office_id)
    if office is None:
        raise UnknownOffice(f"there is no office {office_id}")
    closures = await offices.closures(office_id)
    visits = await bookings.visits_on(office_id, day)
    first, last = history_window(day, weeks, today)
    read_first, read_last = first, last
    if today is not None and day > today:
        read_first = min(first, today - timedelta(weeks=HISTORY_WEEKS))
        read_last = max(last, today - timedelta(days=1))
    past = _Past([], [])
    if read_first <= read_last:
        past = _Past(
            await history.tickets(office.id, read_first, read_last),
            await history.bookings(office.id, read_first, read_last),
        )
    return await asyncio.to_thread(
        _assemble, office, day, today, closures, visits, past, (first, last), walk_in_load
    )
