"""Hand-made office histories whose true parameters are known: the past tickets and bookings
an office would have had if people behaved exactly as told."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import numpy as np

from booking.calendar import to_instant
from booking.offices import Counter, Office, OpeningHours
from foresight.history import PastBooking, PastTicket
from foresight.office_day import ServiceTime

RENEWAL, CERTIFICATE = "passport-renewal", "criminal-record-certificate"  # 15 and 10 minutes
OFFICE = Office(
    "past-office", "Past", "ماضي", "Street", "شارع", "cairo", 30.0, 31.0, (RENEWAL, CERTIFICATE),
    OpeningHours.government_week("08:00", "12:00"),
    (Counter(1, "1", frozenset({RENEWAL, CERTIFICATE})), Counter(2, "2", frozenset({RENEWAL}))),
)  # fmt: skip
SUNDAY = date(2026, 11, 1)  # a working Sunday; the week runs Sunday to Thursday


def at(day: date, hh_mm: str) -> datetime:
    return to_instant(day, time.fromisoformat(hh_mm), OFFICE.timezone)


def ticket(
    day: date,
    queued: datetime,
    service: str = RENEWAL,
    kind: str = "walk_in",
    status: str = "done",
    service_minutes: float | None = 12.0,
    slot_start: datetime | None = None,
    priority: str = "none",
) -> PastTicket:
    seconds = None if service_minutes is None else service_minutes * 60
    return PastTicket(
        OFFICE.id, day, service, kind, priority, status, queued, slot_start, None, None, seconds
    )


def booking(day: date, starts: datetime, status: str, service: str = RENEWAL) -> PastBooking:
    return PastBooking(OFFICE.id, day, service, starts, status)


@dataclass(frozen=True)
class Truth:
    """How people behaved, every open day of the history alike."""

    no_show_share: float = 0.1
    early_minutes: float = 10.0
    punctuality_sd_minutes: float = 10.0
    priority_share: float = 0.05
    service_times: Mapping[str, ServiceTime] = field(
        default_factory=lambda: {RENEWAL: ServiceTime(15.0), CERTIFICATE: ServiceTime(10.0)}
    )
    bookings_per_day: int = 40
    walk_ins_per_hour: Mapping[str, tuple[float, ...]] = field(
        default_factory=lambda: {RENEWAL: (6.0, 3.0, 2.0, 1.0), CERTIFICATE: (2.0, 1.0, 1.0, 0.0)}
    )


def open_days(first: date, count: int) -> list[date]:
    """The first ``count`` Sunday–Thursday days from ``first``."""
    days: list[date] = []
    day = first
    while len(days) < count:
        if day.weekday() not in (4, 5):
            days.append(day)
        day += timedelta(days=1)
    return days


def history(truth: Truth, days: list[date], seed: int = 0) -> tuple[list[PastTicket], list[PastBooking]]:
    """The tickets and bookings of ``days`` drawn from ``truth``. Slots start an hour or more
    after opening, where nobody's early arrival is cut short by the doors."""
    rng = np.random.default_rng(seed)
    tickets: list[PastTicket] = []
    bookings: list[PastBooking] = []
    services = sorted(truth.service_times)
    for day in days:
        opens = at(day, "08:00")
        for n in range(truth.bookings_per_day):
            service = services[n % len(services)]
            slot = opens + timedelta(minutes=60 + 30 * int(rng.integers(0, 5)))
            if rng.random() < truth.no_show_share:
                bookings.append(booking(day, slot, "no_show", service))
                continue
            bookings.append(booking(day, slot, "served", service))
            offset = rng.normal(-truth.early_minutes, truth.punctuality_sd_minutes)
            minutes = float(truth.service_times[service].draw(rng, 1)[0])
            priority = "elderly" if rng.random() < truth.priority_share else "none"
            queued = slot + timedelta(minutes=offset)
            tickets.append(ticket(day, queued, service, "appointment", "done", minutes, slot, priority))
        for service, rates in truth.walk_ins_per_hour.items():
            for hour, rate in enumerate(rates):
                for minute in rng.uniform(0, 60, rng.poisson(rate)):
                    queued = opens + timedelta(minutes=60 * hour + float(minute))
                    minutes = float(truth.service_times[service].draw(rng, 1)[0])
                    priority = "elderly" if rng.random() < truth.priority_share else "none"
                    tickets.append(ticket(day, queued, service, "walk_in", "done", minutes, None, priority))
    return tickets, bookings
