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
counters now: it is a figure for the hall, not a promise. A booking of several services counts
only in the line it stands in now: it joins the next one at that visit's slot, like an appointment
not checked in yet, and no estimate counts those either.

A printed ticket says more than the hall's figure (``ticket_wait``): an appointment that came
early is called from its slot, so it is told its time and no count of the people waiting now
(most of them will have been served by then, and those who come later may go before it); a
ticket with no open counter to count on is told why there is no figure: the office has not
opened yet, or no counter serving the service is open.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
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


class WaitBasis(StrEnum):
    """What a ticket's wait rests on, so the kiosk can say it in words."""

    QUEUE = "queue"
    """The people called before it and the counters open now: ``minutes`` and ``ahead``."""
    APPOINTMENT = "appointment"
    """An early appointment, called from its slot's start (``turn_at``); no count."""
    BEFORE_OPENING = "before_opening"
    """No counter open and the office opens at ``opens_at``: a count, no figure."""
    NO_COUNTER = "no_counter"
    """The office is open but no counter serving the service is: a count, no figure."""


@dataclass(frozen=True, slots=True)
class TicketWait:
    """A ticket's wait as its print says it. ``minutes`` is the API's ``estimated_wait_minutes``
    (None where there is no honest figure); ``ahead`` the people who would be called first, None
    where a count would mislead."""

    basis: WaitBasis
    minutes: int | None
    ahead: int | None
    turn_at: datetime | None = None
    opens_at: datetime | None = None


def ticket_wait(
    *,
    ahead: int,
    queue_minutes: int | None,
    now: datetime,
    slot_start: datetime | None = None,
    opens_at: datetime | None = None,
) -> TicketWait:
    """The wait of a ticket with ``ahead`` due tickets before it in the call order, which the
    open counters clear in ``queue_minutes`` (``wait_for``; None with no open counter).

    ``slot_start`` is an appointment's; ``opens_at`` today's opening time of the office. An
    early appointment is not called before its slot, and from then on it goes before most of
    the hall (the call policy's appointment credit): its turn is its slot's time, unless the
    people already before it would take longer than that to serve.
    """
    if slot_start is not None and slot_start > now:
        until_slot = math.ceil((slot_start - now) / timedelta(minutes=1))
        if queue_minutes is None or queue_minutes <= until_slot:
            return TicketWait(WaitBasis.APPOINTMENT, until_slot, None, turn_at=slot_start)
    if queue_minutes is not None:
        return TicketWait(WaitBasis.QUEUE, queue_minutes, ahead)
    if opens_at is not None and now < opens_at:
        return TicketWait(WaitBasis.BEFORE_OPENING, None, ahead, opens_at=opens_at)
    return TicketWait(WaitBasis.NO_COUNTER, None, ahead)
