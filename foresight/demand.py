"""An office's past demand as the forecast reads it: people per service and working day, booked
and walking in, and the hour of the day they come at.

A *working day* is a weekday the office has opening hours for (Sunday to Thursday for the
government week). The series run over working days only, so one week is one season of
``len(working weekdays)`` points. A working day the office did not open (a public holiday, a
closure) or on which nobody at all came (an unrecorded closure: the Islamic holidays' dates are
estimates until the moon is sighted) is *missing*, never a zero: a zero would teach the model that
people stop coming on Tuesdays now and then.

Counts: a booking is demand unless it was cancelled (a no-show still took a slot); a walk-in is a
``walk_in`` ticket that was not transferred (a transfer's successor ticket keeps the person, under
the service they ended at).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from booking.calendar import Closure, is_open, to_local
from booking.offices import Office
from foresight.history import PastBooking, PastTicket

BOOKINGS = "bookings"
WALK_INS = "walk_ins"
KINDS = (BOOKINGS, WALK_INS)


def working_weekdays(office: Office) -> tuple[int, ...]:
    """The weekdays (``date.weekday()``) the office has opening hours for, Monday first."""
    return tuple(wd for wd in range(7) if office.hours.on(wd) is not None)


def working_days(office: Office, first: date, last: date) -> list[date]:
    """The office's working days from ``first`` to ``last`` inclusive, holidays included."""
    weekdays = set(working_weekdays(office))
    return [
        first + timedelta(n)
        for n in range((last - first).days + 1)
        if (first + timedelta(n)).weekday() in weekdays
    ]


@dataclass(frozen=True, slots=True)
class DemandHistory:
    """People per (kind, service) on each working day ``days[i]``; None where the office was
    closed or nobody came (missing, see the module's docstring)."""

    office_id: str
    days: tuple[date, ...]
    series: dict[tuple[str, str], tuple[float | None, ...]]
    hourly: dict[str, dict[int, float]]
    """Per kind, the share of its people coming in each local clock hour (the slot's hour for a
    booking, the arrival's for a walk-in); the shares of a kind add up to 1."""

    @property
    def season(self) -> int:
        """Working days per week: the length of the weekly season."""
        return len({d.weekday() for d in self.days}) if self.days else 0

    @property
    def services(self) -> tuple[str, ...]:
        return tuple(sorted({service for _, service in self.series}))


def _shares(counts: Counter[int]) -> dict[int, float]:
    total = sum(counts.values())
    return {hour: counts[hour] / total for hour in sorted(counts)} if total else {}


def demand_history(
    office: Office,
    tickets: Iterable[PastTicket],
    bookings: Iterable[PastBooking],
    first: date,
    last: date,
    closures: Sequence[Closure] = (),
) -> DemandHistory:
    """The office's daily demand from ``first`` to ``last``, trimmed to start at its first day
    with anyone at all (the days before the office used Mawid are not days without people)."""
    counts: dict[tuple[str, str], Counter[date]] = defaultdict(Counter)
    hours: dict[str, Counter[int]] = {kind: Counter() for kind in KINDS}
    services = set(office.services)
    for booking in bookings:
        if booking.status != "cancelled":
            counts[BOOKINGS, booking.service][booking.day] += 1
            hours[BOOKINGS][to_local(booking.starts_at, office.timezone).hour] += 1
            services.add(booking.service)
    for ticket in tickets:
        if ticket.kind == "walk_in" and ticket.status != "transferred":
            counts[WALK_INS, ticket.service][ticket.day] += 1
            hours[WALK_INS][to_local(ticket.queued_at, office.timezone).hour] += 1
            services.add(ticket.service)
    busy = {d for per_day in counts.values() for d, n in per_day.items() if n}
    days = [d for d in working_days(office, first, last) if busy and d >= min(busy)]
    closed = tuple(closures)
    seen = [d in busy and is_open(office, d, closed) for d in days]
    series = {
        (kind, service): tuple(
            float(counts[kind, service][d]) if open_ else None for d, open_ in zip(days, seen, strict=True)
        )
        for kind in KINDS
        for service in sorted(services)
    }
    return DemandHistory(office.id, tuple(days), series, {kind: _shares(c) for kind, c in hours.items()})
