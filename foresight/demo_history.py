"""Past days for the demo offices, made by simulating each of them under a known behaviour.

A fresh demo database has no past, so the estimates, the forecast and the staffing advice would
have nothing to learn from. Rather than drawing waits and service times at random, each past open
day is *run*: its bookings and walk-ins are drawn from the "true" behaviour below, and the day
goes through the package's own simulation (``foresight.offices.office_day``,
``foresight.visitors.draw_visitors``, ``foresight.scenarios.planned`` with the real call policy).
So every ticket's wait follows from the counters, the people ahead of it and the policy, as it
would in the hall, and an estimator run on the history should find the true values again (the
tests check it). Deterministic by seed: one office day is one random stream, whatever else is made.

The true behaviour (``Truth``; ``TRUTH`` its values):

- demand by weekday: Egypt's government week is Sunday to Thursday (the offices' hours say so,
  and ``booking.calendar.is_open`` closes Egyptian public holidays too). Sunday, after the
  weekend, is the busiest day and Thursday, before it, the lightest;
- bookings fill 72–95 % of the slots, by weekday; one in ten is not kept; those who come arrive
  12 minutes early on average (the confirmation asks for 10), give or take 9;
- walk-ins: 90 % of the counter time kept for them, times the weekday's demand, a slow trend
  (+1 % a week) and a day's noise (8 %), arriving in a morning rush (``WALK_IN_HOURLY_SHARES``);
  3 in a hundred are gone when called (no-show after the recalls, 3 minutes of the counter);
- service times lognormal around the catalogue's durations (``booking.services``), cv 0.4;
  one person in twenty has a priority class.

The morning rush's shape is the demo's assumption, not a measurement: in walk-in public offices
people come early to be served the same day (the first hour is the queue formed before opening),
so arrivals fall hour by hour through the day. It is stated over a 7-hour day and stretched or
squeezed to an office's own hours (``walk_in_shares``).
"""

from __future__ import annotations

import uuid
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

import numpy as np

from booking.calendar import is_open, zone
from booking.capacity import day_slots
from booking.offices import Office
from booking.services import SERVICES
from foresight.demo_applicants import DemoApplicant, demo_applicant
from foresight.history import PastBooking, PastTicket
from foresight.office_day import Behaviour, ServiceTime
from foresight.offices import Appointment, OfficeClosed, office_day, walk_in_capacity
from foresight.scenarios import planned, run_scenario
from foresight.simulation import DayRun
from foresight.visitors import Visitor, draw_visitors
from queue_display import ticket as hall
from queue_display.ticket import Priority, Ticket, TicketKind, TicketStatus

SUNDAY, MONDAY, TUESDAY, WEDNESDAY, THURSDAY = 6, 0, 1, 2, 3
"""``date.weekday()`` of the government working week."""

WALK_IN_HOURLY_SHARES = (0.30, 0.22, 0.15, 0.12, 0.10, 0.07, 0.04)
"""Share of a day's walk-ins in each hour of a 7-hour day (the demo's assumption, above)."""

GONE_MINUTES = 3.0
"""Counter time a walk-in who has left costs: the call, two recalls, then the no-show
(``MAWID_COUNTER_NO_SHOW_RECALLS`` 2 and ``MAWID_COUNTER_NO_SHOW_MINUTES`` 3)."""

_MINUTE = timedelta(minutes=1)
_TICKET_IDS = uuid.UUID("0b5e7a1c-5d2f-4c1e-9a57-6d656d6f6461")


@dataclass(frozen=True, slots=True)
class Truth:
    """The behaviour the demo history is drawn from; estimators should recover it."""

    no_show_share: float = 0.10
    early_minutes: float = 12.0
    punctuality_sd_minutes: float = 9.0
    priority_share: float = 0.05
    service_cv: float = 0.4
    walk_in_load: float = 0.9
    walk_in_hourly_shares: tuple[float, ...] = WALK_IN_HOURLY_SHARES
    walk_in_gone_share: float = 0.03
    trend_per_week: float = 0.01
    day_noise: float = 0.08
    demand_by_weekday: Mapping[int, float] = field(
        default_factory=lambda: {SUNDAY: 1.20, MONDAY: 1.05, TUESDAY: 1.00, WEDNESDAY: 0.95, THURSDAY: 0.80}
    )
    booked_share_by_weekday: Mapping[int, float] = field(
        default_factory=lambda: {SUNDAY: 0.95, MONDAY: 0.88, TUESDAY: 0.84, WEDNESDAY: 0.80, THURSDAY: 0.72}
    )
    english_share: float = 0.15

    @property
    def behaviour(self) -> Behaviour:
        return Behaviour(
            self.no_show_share, self.early_minutes, self.punctuality_sd_minutes, self.priority_share
        )


TRUTH = Truth()


@dataclass(frozen=True, slots=True)
class DemoBooking:
    applicant: DemoApplicant
    service: str
    starts_at: datetime
    ends_at: datetime
    status: str
    """``served`` (its ticket was done) or ``no_show`` (never came)."""
    senior: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class DemoDay:
    """One past day of one office: its tickets as they last stood, and its bookings."""

    office_id: str
    day: date
    tickets: tuple[Ticket, ...]
    bookings: tuple[DemoBooking, ...]


def walk_in_shares(hours: float, shares: tuple[float, ...] = WALK_IN_HOURLY_SHARES) -> tuple[float, ...]:
    """The day's walk-ins by hour after opening for an office open ``hours``: the shape's
    cumulative curve, read at each hour's share of the day (the last hour may be cut short)."""
    points = np.concatenate(([0.0], np.cumsum(shares) / sum(shares)))
    where = np.linspace(0.0, 1.0, len(points))
    edges = np.minimum(np.arange(int(np.ceil(hours)) + 1) / hours, 1.0)
    return tuple(float(share) for share in np.diff(np.interp(edges, where, points)))


def _rng(seed: int, office: Office, day: date) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(office.id.encode()), day.toordinal()])


def _appointments(
    office: Office, office_number: int, day: date, rng: np.random.Generator, truth: Truth
) -> list[tuple[Appointment, datetime, DemoApplicant, datetime]]:
    """Each slot's bookings, ``booked_share`` of its capacity on average: (appointment, slot end,
    applicant, when it was booked)."""
    share = truth.booked_share_by_weekday[day.weekday()]
    made: list[tuple[Appointment, datetime, DemoApplicant, datetime]] = []
    for service in office.services:
        for slot in day_slots(office, service, day):
            for _ in range(int(rng.binomial(slot.capacity, share))):
                english = bool(rng.random() < truth.english_share)
                applicant = demo_applicant(office_number, day, len(made), english)
                booked_at = slot.start - timedelta(seconds=round(float(rng.uniform(1, 30)) * 86400))
                made.append((Appointment(service, slot.start), slot.end, applicant, booked_at))
    return made


def _walk_in_rates(
    office: Office, day: date, today: date, rng: np.random.Generator, truth: Truth
) -> dict[str, list[float]]:
    """Each service's walk-ins by hour: the day's total (the counter time kept for walk-ins, at
    the day's demand) spread over the hours by the morning rush's shape."""
    hours = office.hours.on(day.weekday())
    assert hours is not None  # an open day
    opens, closes = (datetime.combine(day, t) for t in hours)
    shares = walk_in_shares((closes - opens) / timedelta(hours=1), truth.walk_in_hourly_shares)
    weeks_back = (today - day).days / 7
    demand = (
        truth.walk_in_load
        * truth.demand_by_weekday[day.weekday()]
        * (1 + truth.trend_per_week) ** -weeks_back
        * float(rng.lognormal(0.0, truth.day_noise))
    )
    rates = {}
    for service, capacity in walk_in_capacity(office, day).items():
        rates[service] = [sum(capacity) * demand * share for share in shares]
    return rates


def _gone(
    people: tuple[Visitor, ...], rng: np.random.Generator, truth: Truth
) -> tuple[tuple[Visitor, ...], set[int]]:
    """Mark the walk-ins who have left when called: their counter time is the no-show's."""
    leaves = rng.random(len(people)) < truth.walk_in_gone_share
    gone = {i for i, p in enumerate(people) if leaves[i] and not p.has_appointment}
    return tuple(
        replace(p, service_minutes=GONE_MINUTES) if i in gone else p for i, p in enumerate(people)
    ), gone


def _ticket(
    office: Office, run: DayRun, i: int, gone: bool, code: str | None, opens: datetime, day: date
) -> Ticket:
    """Visitor ``i``'s ticket taken through the hall's own steps, as it last stood."""
    person = run.visitors[i]
    at = lambda minute: opens + minute * _MINUTE  # noqa: E731
    ticket = hall.new_ticket(
        ticket_id=uuid.uuid5(_TICKET_IDS, f"{office.id}/{day.isoformat()}/{i + 1}").hex,
        office_id=office.id,
        day=day,
        sequence=i + 1,
        prefix=SERVICES[person.service].ticket_prefix,
        service=person.service,
        kind=TicketKind.APPOINTMENT if person.has_appointment else TicketKind.WALK_IN,
        priority=person.priority,
        now=at(person.arrives),
        booking_code=code,
        slot_start=at(person.slot_minute) if person.slot_minute is not None else None,
    )
    if np.isnan(run.called[i]):
        return ticket  # still waiting when the day ended (no counter left for the service)
    # Where the hall's steps lead (call, then start and complete, or two recalls and the no-show),
    # in one step: a third of the generation's time went on the steps' copies.
    called, finished = at(float(run.called[i])), at(float(run.finished[i]))
    counter = run.counters[int(run.counter[i])].id
    if gone:
        return replace(
            ticket,
            status=TicketStatus.NO_SHOW,
            counter=counter,
            recalls=2,
            called_at=called,
            finished_at=finished,
        )
    return replace(
        ticket,
        status=TicketStatus.DONE,
        counter=counter,
        called_at=called,
        started_at=called,
        finished_at=finished,
    )


def demo_office_day(
    office: Office, office_number: int, day: date, today: date, seed: int = 0, truth: Truth = TRUTH
) -> DemoDay:
    """``office``'s ``day`` as it went under ``truth``; ``OfficeClosed`` when it was closed.
    ``office_number`` (0–63) keeps its booking codes apart from other offices'."""
    rng = _rng(seed, office, day)
    made = _appointments(office, office_number, day, rng, truth)
    times = {s: ServiceTime(float(SERVICES[s].duration_minutes), truth.service_cv) for s in office.services}
    plan = office_day(
        office, day, [a for a, *_ in made], _walk_in_rates(office, day, today, rng, truth),
        service_times=times, behaviour=truth.behaviour,
    )  # fmt: skip
    people, gone = _gone(draw_visitors(plan, rng), rng, truth)
    run = run_scenario(plan, planned(plan), people)
    opens = plan.opens.astimezone(zone(office.timezone))
    closes = opens + plan.closes_minute * _MINUTE

    # Bookings of one service and slot are alike: the holders who came take them in turn.
    unclaimed: dict[tuple[str, float], list[int]] = {}
    for n, (appointment, *_) in enumerate(made):
        unclaimed.setdefault(
            (appointment.service, (appointment.starts_at - plan.opens) / _MINUTE), []
        ).append(n)
    tickets, ticket_of = [], {}
    for i, person in enumerate(run.visitors):
        code = None
        if person.slot_minute is not None:
            n = unclaimed[(person.service, person.slot_minute)].pop(0)
            code = made[n][2].code
        tickets.append(_ticket(office, run, i, i in gone, code, opens, day))
        if code is not None:
            ticket_of[code] = tickets[-1]

    bookings = []
    for appointment, ends_at, applicant, booked_at in made:
        came = ticket_of.get(applicant.code)
        served = came is not None and came.status is TicketStatus.DONE
        bookings.append(
            DemoBooking(
                applicant=applicant,
                service=appointment.service,
                starts_at=appointment.starts_at,
                ends_at=ends_at,
                status="served" if served else "no_show",
                senior=came is not None and came.priority is Priority.ELDERLY,
                created_at=booked_at,
                updated_at=came.finished_at if served and came and came.finished_at else closes,
            )
        )
    return DemoDay(office.id, day, tuple(tickets), tuple(bookings))


def open_days(office: Office, today: date, weeks: int) -> list[date]:
    """The days of the ``weeks`` weeks before ``today`` on which ``office`` was open."""
    first = today - timedelta(weeks=weeks)
    days = (first + timedelta(days=n) for n in range((today - first).days))
    return [d for d in days if is_open(office, d)]


def demo_history(
    office: Office, office_number: int, today: date, weeks: int, seed: int = 0, truth: Truth = TRUTH
) -> list[DemoDay]:
    """The office's past ``weeks`` weeks before ``today``, oldest first, closed days left out."""
    days = []
    for day in open_days(office, today, weeks):
        try:
            days.append(demo_office_day(office, office_number, day, today, seed, truth))
        except OfficeClosed:
            continue
    return days


def past_tickets(days: list[DemoDay]) -> list[PastTicket]:
    """The tickets as the ``History`` port reads them back."""
    return [
        PastTicket(
            t.office_id,
            t.day,
            t.service,
            t.kind.value,
            t.priority.value,
            t.status.value,
            t.queued_at,
            t.slot_start,
            t.called_at,
            t.wait_seconds,
            t.service_seconds,
        )
        for d in days
        for t in d.tickets
    ]


def past_bookings(days: list[DemoDay]) -> list[PastBooking]:
    """The bookings as the ``History`` port reads them back."""
    return [
        PastBooking(d.office_id, d.day, b.service, b.starts_at, b.status) for d in days for b in d.bookings
    ]
