"""Estimated wait per service, from recent service times and the counters open now.

For a service s with ``n`` tickets ahead::

    wait(s) = ⌈ n × S̄(s) / C(s) ⌉ minutes

    S̄(s) = mean of the last ``SAMPLES`` service times of s (start → complete), in minutes;
           the service's nominal duration while there are none yet today
    C(s) = Σ over open counters that serve s of 1 / k, where k is how many services that
           counter serves: a counter shared by k services gives each about 1/k of its time,
           the same assumption the booking capacity makes

With no open counter for s the wait is unknown (None), which the screen shows as "—" rather
than a number that would be a lie. The estimate ignores the time left for the citizens at the
counters now: it is a figure for the hall, not a promise.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from statistics import fmean

from queue_display.counter import CounterState, CounterStatus

SAMPLES = 20
"""How many recent service times count: enough to smooth one slow citizen, recent enough to
follow the morning rush."""

DEFAULT_SERVICE_MINUTES = 10.0


def mean_service_minutes(samples_seconds: Sequence[float], nominal_minutes: float) -> float:
    recent = samples_seconds[-SAMPLES:]
    return fmean(recent) / 60 if recent else nominal_minutes


def counter_share(service: str, counters: Iterable[CounterState]) -> float:
    return sum(
        1 / len(c.services) for c in counters if c.status is CounterStatus.OPEN and service in c.services
    )


def wait_minutes(ahead: int, mean_minutes: float, share: float) -> int | None:
    if share <= 0:
        return None
    return math.ceil(ahead * mean_minutes / share)


def estimates(
    waiting: Mapping[str, int],
    samples_seconds: Mapping[str, Sequence[float]],
    counters: Sequence[CounterState],
    nominal_minutes: Mapping[str, float],
) -> dict[str, int | None]:
    """The wait of a citizen joining each service's queue now."""
    return {
        service: wait_for(service, ahead, samples_seconds, counters, nominal_minutes)
        for service, ahead in waiting.items()
    }


def wait_for(
    service: str,
    ahead: int,
    samples_seconds: Mapping[str, Sequence[float]],
    counters: Sequence[CounterState],
    nominal_minutes: Mapping[str, float],
) -> int | None:
    mean = mean_service_minutes(
        samples_seconds.get(service, ()), nominal_minutes.get(service, DEFAULT_SERVICE_MINUTES)
    )
    return wait_minutes(ahead, mean, counter_share(service, counters))
