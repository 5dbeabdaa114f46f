"""What an office's past says about its next day: how people behave (no-shows, punctuality,
priority), how long each service takes, and how many walk-ins come when.

Made from the tickets and bookings of a window of past days (``estimate_from_history``;
``history_window`` says which days; ``foresight.day_plan`` reads them through the ``History``
port). Thin history leans on priors with one rule (``foresight.fits``: a prior is worth
``PRIOR_WEIGHT`` observations): the catalogue's durations with a coefficient of variation of 0.5
for service times, ``Behaviour()``'s defaults for behaviour. ``Basis`` says how much history the
figures rest on.

What counts as what:
- A *person* is a ticket that was not transferred (a transfer closes the old ticket and opens a
  new one for the same person, which carries their arrival, kind and priority on).
- An *open day* is a day with at least one ticket. Days without any (weekends, holidays,
  closures, the days before the archive began) are not days on which nobody came: they are left
  out of the walk-in means instead of counting as zeros.
- Hours are hours after that weekday's opening time (the office's hours now); a ticket queued
  before opening counts in the first hour, one after closing in the last.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from booking.calendar import to_instant
from booking.offices import Office
from booking.services import SERVICES
from foresight.fits import FittedTime, fit_service_time, robust, shrunk
from foresight.history import PastBooking, PastTicket
from foresight.office_day import DEFAULT_CV, Behaviour, ServiceTime

DEFAULT_WEEKS = 8
"""The window of history read before a day: the eight weeks before it."""

PUNCTUALITY_MARGIN_MINUTES = 60.0
"""Punctuality is measured on slots starting at least this long after opening: for earlier ones
an early arrival is cut short by the doors (nobody queues before opening), which would make
people look more punctual than they are."""

_SETTLED = ("no_show", "served", "checked_in")
_MINUTE = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class Basis:
    """How much history the estimates rest on, in the window ``first``–``last``.

    ``days`` open days seen (``first_seen``–``last_seen``), ``people`` tickets (transfers not
    counted twice), ``served`` service times used, ``settled_bookings`` bookings whose outcome
    (kept or not) is known, ``punctuality`` appointment arrivals measured against their slot.
    """

    first: date
    last: date
    days: int = 0
    people: int = 0
    served: int = 0
    settled_bookings: int = 0
    punctuality: int = 0
    first_seen: date | None = None
    last_seen: date | None = None

    @property
    def has_history(self) -> bool:
        return self.days > 0

    @property
    def weeks(self) -> int:
        """Whole weeks spanned by the days seen (a part week counts)."""
        if self.first_seen is None or self.last_seen is None:
            return 0
        return math.ceil(((self.last_seen - self.first_seen).days + 1) / 7)

    def describe(self) -> str:
        """One line for people: where the figures come from."""
        if not self.has_history:
            return "no history: catalogue priors"
        weeks = "1 week" if self.weeks == 1 else f"{self.weeks} weeks"
        days = "1 open day" if self.days == 1 else f"{self.days} open days"
        return f"from {weeks} of history ({days}, {self.people} tickets)"


@dataclass(frozen=True, slots=True)
class WalkIns:
    """Walk-ins as seen: ``per_weekday[weekday][service][h]`` is the mean number who came for
    ``service`` in the h-th hour after opening over the ``days[weekday]`` open days of that
    weekday seen (0 Monday … 6 Sunday); ``profile[h]`` the share of all walk-ins seen that came
    in the h-th hour (empty without any)."""

    per_weekday: Mapping[int, Mapping[str, tuple[float, ...]]]
    days: Mapping[int, int]
    profile: tuple[float, ...]

    def on(self, weekday: int) -> dict[str, tuple[float, ...]] | None:
        """The mean walk-ins per service and hour of ``weekday``; None when none of it was seen."""
        if not self.days.get(weekday):
            return None
        return dict(self.per_weekday.get(weekday, {}))

    def any_day(self) -> dict[str, tuple[float, ...]] | None:
        """The mean over every open day seen, whatever its weekday; None without any."""
        total = sum(self.days.values())
        if not total:
            return None
        sums: dict[str, list[float]] = defaultdict(list)
        for weekday, services in self.per_weekday.items():
            for service, means in services.items():
                hourly = sums[service]
                hourly.extend([0.0] * (len(means) - len(hourly)))
                for h, mean in enumerate(means):
                    hourly[h] += mean * self.days[weekday]
        return {service: tuple(v / total for v in hourly) for service, hourly in sums.items()}


@dataclass(frozen=True, slots=True)
class OfficeEstimates:
    """Everything estimated for an office from its history, and what it rests on."""

    behaviour: Behaviour
    service_times: Mapping[str, FittedTime]
    walk_ins: WalkIns
    basis: Basis

    def times(self) -> dict[str, ServiceTime]:
        """The service times to simulate with, by service."""
        return {service: fitted.time for service, fitted in self.service_times.items()}


def history_window(day: date, weeks: int = DEFAULT_WEEKS, today: date | None = None) -> tuple[date, date]:
    """The ``weeks`` weeks before ``day``, ending the day before ``day`` (or before ``today``
    when earlier: a day still running, or yet to come, is not history)."""
    if weeks < 1:
        raise ValueError("at least one week of history")
    last = min(day, today or day) - timedelta(days=1)
    return day - timedelta(weeks=weeks), last


def _opening(office: Office, day: date) -> tuple[datetime, int] | None:
    """The opening instant of ``day`` and its number of hours (the last may be part of one)."""
    hours = office.hours.on(day.weekday())
    if hours is None:
        return None
    opens, closes = to_instant(day, hours[0], office.timezone), to_instant(day, hours[1], office.timezone)
    return opens, max(1, math.ceil((closes - opens) / _MINUTE / 60 - 1e-9))


def _hour(ticket: PastTicket, opens: datetime, hours: int) -> int:
    return min(max(0, int((ticket.queued_at - opens) / _MINUTE // 60)), hours - 1)


def _walk_ins(office: Office, people: Sequence[PastTicket]) -> WalkIns:
    by_day: dict[date, list[PastTicket]] = defaultdict(list)
    for person in people:
        by_day[person.day].append(person)
    days: Counter[int] = Counter()
    counts: dict[int, dict[str, list[float]]] = defaultdict(dict)
    profile: list[float] = []
    for day, tickets in sorted(by_day.items()):
        opening = _opening(office, day)
        if opening is None:  # open that day by the archive, but not by the hours known now
            continue
        opens, hours = opening
        weekday = day.weekday()
        days[weekday] += 1
        for ticket in tickets:
            if ticket.kind != "walk_in":
                continue
            h = _hour(ticket, opens, hours)
            hourly = counts[weekday].setdefault(ticket.service, [])
            hourly.extend([0.0] * (hours - len(hourly)))
            hourly[h] += 1
            profile.extend([0.0] * (h + 1 - len(profile)))
            profile[h] += 1
    per_weekday = {
        weekday: {service: tuple(c / days[weekday] for c in hourly) for service, hourly in services.items()}
        for weekday, services in counts.items()
    }
    total = sum(profile)
    return WalkIns(per_weekday, dict(days), tuple(p / total for p in profile) if total else ())


def _behaviour(
    office: Office, people: Sequence[PastTicket], bookings: Sequence[PastBooking]
) -> tuple[Behaviour, int, int]:
    prior = Behaviour()
    settled = [b for b in bookings if b.status in _SETTLED]
    missed = sum(1 for b in settled if b.status == "no_show")
    no_show = shrunk(prior.no_show_share, missed / len(settled) if settled else 0.0, len(settled))
    openings = {day: _opening(office, day) for day in {p.day for p in people}}
    offsets = []
    for person in people:
        opening = openings[person.day]
        if person.kind != "appointment" or person.slot_start is None or opening is None:
            continue
        if (person.slot_start - opening[0]) / _MINUTE >= PUNCTUALITY_MARGIN_MINUTES:
            offsets.append((person.queued_at - person.slot_start) / _MINUTE)
    arrival = robust(offsets)
    early = shrunk(prior.early_minutes, -arrival.centre, arrival.size)
    variance = shrunk(prior.punctuality_sd_minutes**2, arrival.spread**2, arrival.size)
    prioritised = sum(1 for p in people if p.priority != "none")
    priority = shrunk(prior.priority_share, prioritised / len(people) if people else 0.0, len(people))
    return Behaviour(no_show, early, math.sqrt(variance), priority), len(settled), arrival.size


def _service_times(office: Office, people: Sequence[PastTicket]) -> dict[str, FittedTime]:
    minutes: dict[str, list[float]] = defaultdict(list)
    for person in people:
        if person.status == "done" and person.service_seconds is not None:
            minutes[person.service].append(person.service_seconds / 60)
    fitted = {}
    for service in sorted(set(office.services) | set(minutes)):
        known = SERVICES.get(service)
        prior = ServiceTime(float(known.duration_minutes), DEFAULT_CV) if known else None
        fit = fit_service_time(minutes.get(service, []), prior)
        if fit is not None:
            fitted[service] = fit
    return fitted


def estimate_from_history(
    office: Office, tickets: Sequence[PastTicket], bookings: Sequence[PastBooking], first: date, last: date
) -> OfficeEstimates:
    """The office's estimates from its tickets and bookings of the days ``first``–``last``
    (others are ignored). Service times cover the office's services and any seen in history."""
    people = [t for t in tickets if first <= t.day <= last and t.status != "transferred"]
    past = [b for b in bookings if first <= b.day <= last]
    behaviour, settled, punctual = _behaviour(office, people, past)
    times = _service_times(office, people)
    walk_ins = _walk_ins(office, people)
    seen = sorted({p.day for p in people})
    basis = Basis(
        first, last, len(seen), len(people), sum(f.samples for f in times.values()), settled, punctual,
        seen[0] if seen else None, seen[-1] if seen else None,
    )  # fmt: skip
    return OfficeEstimates(behaviour, times, walk_ins, basis)


def mean_per_day(walk_ins: Mapping[str, Sequence[float]]) -> float:
    """The walk-ins a day of these hourly means expects, all services together."""
    return float(sum(sum(hourly) for hourly in walk_ins.values()))
