"""The people of one simulated day: who comes, when, for what, with which priority, and how long
they will take at the counter.

Drawn once per replication and shared by every scenario of it (common random numbers), so two
scenarios differ by what the office does, never by who happened to come.
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
    ``service_minutes`` is how long this person will take, whoever calls them."""

    arrives: float
    service: str
    slot_minute: float | None
    priority: Priority
    service_minutes: float

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


def draw_visitors(day: OfficeDay, rng: np.random.Generator) -> tuple[Visitor, ...]:
    """One day's people in order of arrival, each with their own service time."""
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
    return tuple(drawn)


def as_walk_ins(people: tuple[Visitor, ...]) -> tuple[Visitor, ...]:
    """The same people arriving when they would have come, with no booking to show."""
    return tuple(replace(p, slot_minute=None) for p in people)
