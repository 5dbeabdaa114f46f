"""The people of one simulated day: who comes, when, for what, with which priority, and how long
they will take at the counter.

Drawn once per replication and shared by every scenario of it (common random numbers), so two
scenarios differ by what the office does, never by who happened to come. That includes the
walk-in-only hall: each appointment holder also gets the instant they would have come without a
booking (``walk_in_arrives``), drawn from the walk-in arrival profile by hour, so that hall has
the same people, services and service times, arriving as people without bookings do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from foresight.office_day import OfficeDay
from queue_display.ticket import Priority

_MS = 1 / 60_000
"""One millisecond in minutes: arrivals fall on whole milliseconds, the call policy's time scale."""


@dataclass(frozen=True, slots=True)
class Visitor:
    """One person in the hall. ``slot_minute`` is the booked slot's start, None for a walk-in;
    ``service_minutes`` is how long this person will take, whoever calls them;
    ``walk_in_arrives`` when they would have come had there been no bookings (None: at
    ``arrives``, as a walk-in does)."""

    arrives: float
    service: str
    slot_minute: float | None
    priority: Priority
    service_minutes: float
    walk_in_arrives: float | None = None

    @property
    def has_appointment(self) -> bool:
        return self.slot_minute is not None


def _on_the_ms(minutes: np.ndarray) -> np.ndarray:
    return np.round(minutes / _MS) * _MS


def _priorities(day: OfficeDay, rng: np.random.Generator, size: int) -> np.ndarray:
    return rng.random(size) < day.behaviour.priority_share


def _appointment_holders(day: OfficeDay, rng: np.random.Generator) -> list[Visitor]:
    """Those who keep their booking, arriving around their slot (early on average)."""
    behaviour, bookings = day.behaviour, day.bookings
    if not bookings:
        return []
    kept = rng.random(len(bookings)) >= behaviour.no_show_share
    offsets = rng.normal(-behaviour.early_minutes, behaviour.punctuality_sd_minutes, len(bookings))
    slots = np.array([b.slot_minute for b in bookings])
    # Nobody gets in before the doors open; whoever would come after closing does not come.
    arrives = _on_the_ms(np.maximum(slots + offsets, 0.0))
    prioritised = _priorities(day, rng, len(bookings))
    people = []
    for n, booking in enumerate(bookings):
        if kept[n] and arrives[n] < day.closes_minute:
            senior = booking.senior or prioritised[n]
            priority = Priority.ELDERLY if senior else Priority.NONE
            people.append(Visitor(float(arrives[n]), booking.service, booking.slot_minute, priority, 0.0))
    return people


def _walk_ins(day: OfficeDay, rng: np.random.Generator) -> list[Visitor]:
    """A Poisson process per service, its rate constant within each hour after opening."""
    people: list[Visitor] = []
    for service in sorted(day.walk_ins_per_hour):
        for hour, rate in enumerate(day.walk_ins_per_hour[service]):
            start = hour * 60.0
            length = min(60.0, day.closes_minute - start)
            if length <= 0 or rate == 0:
                continue
            count = rng.poisson(rate * length / 60.0)
            times = _on_the_ms(start + rng.uniform(0.0, length, count))
            prioritised = _priorities(day, rng, count)
            people.extend(
                Visitor(float(t), service, None, Priority.ELDERLY if p else Priority.NONE, 0.0)
                for t, p in zip(times, prioritised, strict=True)
                if t < day.closes_minute
            )
    return people


def _walk_in_instants(day: OfficeDay, rng: np.random.Generator, size: int) -> np.ndarray:
    """``size`` arrivals as walk-ins come: an hour after opening by the walk-in profile, then
    evenly within that hour's open minutes (as the walk-ins' Poisson process is)."""
    shares, lengths = np.array(day.walk_in_shares()), np.array(day.hour_lengths)
    hours = rng.choice(len(shares), size, p=shares)
    return _on_the_ms(np.minimum(hours * 60.0 + rng.random(size) * lengths[hours], day.closes_minute - _MS))


def draw_visitors(day: OfficeDay, rng: np.random.Generator) -> tuple[Visitor, ...]:
    """One day's people in order of arrival, each with their own service time and the instant
    they would have come as a walk-in.

    The walk-in instants of appointment holders are drawn last, so adding them left every other
    draw (and every figure of the other scenarios) as it was."""
    people = sorted(_appointment_holders(day, rng) + _walk_ins(day, rng), key=lambda v: v.arrives)
    minutes: dict[str, np.ndarray] = {}
    for service in day.services:
        wanted = sum(1 for v in people if v.service == service)
        minutes[service] = day.service_times[service].draw(rng, wanted)
    taken = dict.fromkeys(minutes, 0)
    drawn = []
    for person in people:
        n = taken[person.service]
        taken[person.service] = n + 1
        drawn.append(replace(person, service_minutes=float(minutes[person.service][n])))
    holders = [n for n, person in enumerate(drawn) if person.has_appointment]
    instants = _walk_in_instants(day, rng, len(holders)) if holders else np.empty(0)
    walk_in_at = dict(zip(holders, instants.tolist(), strict=True))
    return tuple(
        replace(person, walk_in_arrives=walk_in_at[n]) if n in walk_in_at else person
        for n, person in enumerate(drawn)
    )


def as_walk_ins(people: tuple[Visitor, ...]) -> tuple[Visitor, ...]:
    """The same people arriving at the same instants, with no booking to show (the scenario
    ``walk_in_same_times``)."""
    return tuple(replace(p, slot_minute=None) for p in people)


def arriving_as_walk_ins(people: tuple[Visitor, ...]) -> tuple[Visitor, ...]:
    """The same people with no booking, each arriving at their ``walk_in_arrives``: walk-ins as
    they came, appointment holders when people without a booking come (the scenario
    ``walk_in_fcfs``). In order of arrival, as the simulation takes them."""
    unbooked = (
        replace(p, arrives=p.arrives if p.walk_in_arrives is None else p.walk_in_arrives, slot_minute=None)
        for p in people
    )
    return tuple(sorted(unbooked, key=lambda p: p.arrives))
