"""A made-up past with a known shape, for the forecast's tests and its backtest figures: every
service's people are a level times a weekday factor (busy Sundays after the weekend, quiet
Thursdays), Poisson around it, nobody on weekends and public holidays; walk-ins come mostly in
the morning, bookings on the hour.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import numpy as np

from booking.calendar import is_open, to_instant
from booking.offices import Counter, Office, OpeningHours
from foresight.history import PastBooking, PastTicket

WEEKDAY_FACTOR = {6: 1.3, 0: 1.1, 1: 1.0, 2: 0.9, 3: 0.7}
"""Sunday to Thursday (``date.weekday()``): the weekly pattern the forecast must find."""
WALK_IN_HOURS = {8: 0.3, 9: 0.25, 10: 0.2, 11: 0.1, 12: 0.08, 13: 0.05, 14: 0.02}
BOOKED_HOURS = (8, 9, 10, 11, 12, 13, 14)

OFFICE = Office(
    id="synthetic",
    name_en="Synthetic office",
    name_ar="مكتب تجريبي",
    address_en="1 Test Street",
    address_ar="١ شارع الاختبار",
    governorate="cairo",
    lat=30.0,
    lon=31.2,
    services=("passport-new", "passport-renewal"),
    hours=OpeningHours.government_week("08:00", "15:00"),
    counters=(
        Counter(1, "1", frozenset({"passport-new", "passport-renewal"})),
        Counter(2, "2", frozenset({"passport-new", "passport-renewal"})),
        Counter(3, "3", frozenset({"passport-renewal"})),
    ),
)
LEVELS = {("bookings", "passport-new"): 60.0, ("walk_ins", "passport-new"): 30.0,
          ("bookings", "passport-renewal"): 40.0, ("walk_ins", "passport-renewal"): 12.0}  # fmt: skip


def expected(kind: str, service: str, day: date) -> float:
    """The true mean number of people of that kind and service on an open ``day``."""
    return LEVELS[kind, service] * WEEKDAY_FACTOR[day.weekday()]


def _at(day: date, hour: int, minute: float) -> datetime:
    return to_instant(day, time(hour), OFFICE.timezone) + timedelta(minutes=minute)


def _walk_in(office: Office, day: date, service: str, minute: float) -> PastTicket:
    queued = _at(day, 0, minute)
    called = queued + timedelta(minutes=5)
    return PastTicket(office.id, day, service, "walk_in", "none", "done", queued, None, called, 300.0, 600.0)


def synthetic_past(
    first: date, last: date, seed: int = 0, noise: bool = True, office: Office = OFFICE
) -> tuple[list[PastTicket], list[PastBooking]]:
    """Tickets and bookings of every open day from ``first`` to ``last``; ``noise`` False puts
    exactly the (rounded) expected number of people on each day."""
    rng = np.random.default_rng(seed)
    tickets: list[PastTicket] = []
    bookings: list[PastBooking] = []
    hours, shares = list(WALK_IN_HOURS), list(WALK_IN_HOURS.values())
    day = first
    while day <= last:
        if is_open(office, day):
            for kind, service in LEVELS:
                mean = expected(kind, service, day)
                people = int(rng.poisson(mean)) if noise else round(mean)
                if kind == "walk_ins":
                    arrivals = rng.choice(hours, size=people, p=shares) * 60 + rng.uniform(0, 60, people)
                    tickets.extend(_walk_in(office, day, service, float(minute)) for minute in arrivals)
                    continue
                for n in range(people):
                    start = _at(day, BOOKED_HOURS[n % len(BOOKED_HOURS)], 0)
                    status = "cancelled" if n % 17 == 16 else "served"
                    bookings.append(PastBooking(office.id, day, service, start, status))
                    if status == "cancelled":  # a cancelled booking is not demand: one more
                        bookings.append(PastBooking(office.id, day, service, start, "no_show"))
        day += timedelta(1)
    return tickets, bookings
