"""What a simulated office day is made of: its counters and their hours, the day's bookings,
the walk-ins expected per hour, how long each service takes and how people behave.

Times inside the simulation are minutes after opening (floats); ``opens`` ties them to real
instants, which the hall's tickets and call policy need. How the day's inputs are read from an
office and its calendar is in ``foresight.offices``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

DEFAULT_CV = 0.5
"""Service times vary: a coefficient of variation of 0.5 (a standard deviation half the mean) is
the prior until the archive says otherwise."""


@dataclass(frozen=True, slots=True)
class ServiceTime:
    """How long a service takes at the counter: lognormal with the given mean and coefficient of
    variation, or exponential (the M/M/c validation's assumption)."""

    mean_minutes: float
    cv: float = DEFAULT_CV
    exponential: bool = False

    def __post_init__(self) -> None:
        if self.mean_minutes <= 0 or self.cv < 0:
            raise ValueError("a service time needs a mean > 0 and a coefficient of variation ≥ 0")

    def draw(self, rng: np.random.Generator, size: int) -> np.ndarray:
        if self.exponential:
            return rng.exponential(self.mean_minutes, size)
        if self.cv == 0:
            return np.full(size, self.mean_minutes)
        # A lognormal with mean m and cv: σ² = ln(1 + cv²), μ = ln m − σ²/2.
        sigma2 = math.log1p(self.cv**2)
        return rng.lognormal(math.log(self.mean_minutes) - sigma2 / 2, math.sqrt(sigma2), size)


Shift = tuple[float, float]
"""A counter's open period, [start, end) in minutes after opening."""


@dataclass(frozen=True, slots=True)
class CounterPlan:
    """A counter as planned for the day: the services it serves and when it is open.

    A counter open at closing time serves the people still waiting (the doors close, the hall
    empties); one whose last shift ends earlier calls nobody after it.
    """

    id: str
    services: frozenset[str]
    shifts: tuple[Shift, ...]

    def __post_init__(self) -> None:
        previous_end = -math.inf
        for start, end in self.shifts:
            if not previous_end <= start < end:
                raise ValueError(f"counter {self.id}: shifts must be ordered, disjoint and non-empty")
            previous_end = end

    @property
    def open_minutes(self) -> float:
        return sum(end - start for start, end in self.shifts)


@dataclass(frozen=True, slots=True)
class Booked:
    """One appointment of the day: its service, its slot's start and whether its holder is 60
    or over on the day (elderly priority at the kiosk)."""

    service: str
    slot_minute: float
    senior: bool = False


@dataclass(frozen=True, slots=True)
class Behaviour:
    """How people come. Defaults until they are estimated from the archive: one booking in ten
    is not kept; people with a booking come 10 minutes early on average (as the confirmation
    asks), give or take 10; one person in twenty has a priority class."""

    no_show_share: float = 0.10
    early_minutes: float = 10.0
    punctuality_sd_minutes: float = 10.0
    priority_share: float = 0.05

    def __post_init__(self) -> None:
        if not (0 <= self.no_show_share <= 1 and 0 <= self.priority_share <= 1):
            raise ValueError("shares lie between 0 and 1")
        if self.punctuality_sd_minutes < 0:
            raise ValueError("the punctuality spread is ≥ 0")


@dataclass(frozen=True, slots=True)
class OfficeDay:
    """Everything the simulation needs about one office day.

    ``walk_ins_per_hour[service][h]`` is the expected number of walk-ins for ``service`` in the
    h-th hour after opening (Poisson); the last hour may be cut short by closing.

    ``walk_in_profile`` says when people without a booking come: a weight per hour after opening
    (any scale; hours past closing are ignored). The walk-in-only scenario lets today's
    appointment holders arrive by it (``visitors.draw_visitors``). Empty: the shape of
    ``walk_ins_per_hour``, or evenly over the open time when no walk-ins are expected
    (``walk_in_shares``).
    """

    opens: datetime
    closes_minute: float
    counters: tuple[CounterPlan, ...]
    service_times: Mapping[str, ServiceTime]
    bookings: tuple[Booked, ...] = ()
    walk_ins_per_hour: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    behaviour: Behaviour = field(default_factory=Behaviour)
    walk_in_profile: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        if self.opens.tzinfo is None:
            raise ValueError("the opening instant must be timezone-aware")
        if self.closes_minute <= 0:
            raise ValueError("an office day lasts more than no time")
        wanted = {b.service for b in self.bookings} | set(self.walk_ins_per_hour)
        if missing := wanted - set(self.service_times):
            raise ValueError(f"no service time for {sorted(missing)}")
        for counter in self.counters:
            if counter.shifts and (counter.shifts[0][0] < 0 or counter.shifts[-1][1] > self.closes_minute):
                raise ValueError(f"counter {counter.id} is open outside the office's hours")
        for rates in self.walk_ins_per_hour.values():
            if any(rate < 0 for rate in rates):
                raise ValueError("walk-in rates are ≥ 0")
        if any(not weight >= 0 for weight in self.walk_in_profile):
            raise ValueError("walk-in profile weights are ≥ 0")

    @property
    def services(self) -> tuple[str, ...]:
        return tuple(sorted(self.service_times))

    @property
    def hour_lengths(self) -> tuple[float, ...]:
        """Minutes of each hour after opening that fall before closing (the last may be short)."""
        hours = math.ceil(self.closes_minute / 60)
        return tuple(min(60.0, self.closes_minute - 60.0 * h) for h in range(hours))

    def walk_in_shares(self) -> tuple[float, ...]:
        """The share of walk-ins arriving in each hour after opening (summing to 1): the profile
        given; else the expected walk-ins per hour (the last hour counted for its open minutes
        only); else each hour's share of the open time."""
        lengths = self.hour_lengths
        given = [w for w, _ in zip(self.walk_in_profile, lengths, strict=False)]
        expected = [
            sum(rates[h] * length / 60 for rates in self.walk_ins_per_hour.values() if h < len(rates))
            for h, length in enumerate(lengths)
        ]
        for weights in (given, expected, list(lengths)):
            weights += [0.0] * (len(lengths) - len(weights))
            total = sum(weights)
            if total > 0:
                return tuple(w / total for w in weights)
        raise AssertionError("an office day has open minutes")  # pragma: no cover


PLAIN_SERVICE = "any"
"""The one service of a plain M/M/c hall."""


def plain_hall(
    arrivals_per_hour: float, service_minutes: float, counters: int, hours: float, opens: datetime
) -> OfficeDay:
    """An M/M/c hall: ``counters`` identical counters open ``hours``, Poisson walk-ins, one
    service with exponential times, no bookings, nobody with a priority."""
    if arrivals_per_hour < 0 or counters < 1 or hours <= 0:
        raise ValueError("arrivals ≥ 0, at least one counter and some hours are required")
    closes = hours * 60.0
    every = frozenset({PLAIN_SERVICE})
    return OfficeDay(
        opens=opens,
        closes_minute=closes,
        counters=tuple(CounterPlan(str(n + 1), every, ((0.0, closes),)) for n in range(counters)),
        service_times={PLAIN_SERVICE: ServiceTime(service_minutes, exponential=True)},
        walk_ins_per_hour={PLAIN_SERVICE: (float(arrivals_per_hour),) * math.ceil(hours)},
        behaviour=Behaviour(priority_share=0.0),
    )
