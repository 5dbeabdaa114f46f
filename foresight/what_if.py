"""A manager's "what if": changes to the day's counters in words a manager uses (a counter more
from 10:00 to 12:00, one fewer over lunch, counter 3 closed), turned into one scenario beside the
day as planned and the walk-in-only hall.

A manager speaks in the office's clock times; ``foresight.scenarios`` in hours after opening. The
translation, and every check a manager's request needs before it is worth simulating (hours
within the day's opening, a counter the office has that day, services it offers), is here, so the
HTTP layer only maps ``ChangeRefused.reason`` onto its messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from typing import Any, Literal

from booking.calendar import to_instant, to_local
from foresight.erlang import DEFAULT_TARGET, DEFAULT_WITHIN_MINUTES
from foresight.forecast_report import staffing_json
from foresight.office_day import OfficeDay
from foresight.report import comparison_json
from foresight.scenarios import (
    PLANNED,
    Progress,
    Scenario,
    compare,
    counter_added,
    counter_closed,
    counter_removed,
    planned,
    walk_in_fcfs,
    walk_in_same_times,
)
from foresight.staffing import advise

WHAT_IF = "what_if"
"""The name of the changed day among the scenarios."""

ADD, REMOVE, CLOSE = "add_counter", "remove_counter", "close_counter"
Kind = Literal["add_counter", "remove_counter", "close_counter"]

_MINUTE = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class Change:
    """One change to the day's counters: ``add_counter`` and ``remove_counter`` between two clock
    times (``starts``/``ends``); ``close_counter`` all day. ``counter`` names the counter removed
    or closed (for a removal, None takes the last one open then); ``services`` are the added
    counter's (None: every service of the day)."""

    kind: Kind
    starts: time | None = None
    ends: time | None = None
    counter: str | None = None
    services: tuple[str, ...] | None = None

    def to_json(self) -> dict[str, Any]:
        shown: dict[str, Any] = {"kind": self.kind}
        if self.starts is not None and self.ends is not None:
            shown |= {"from": self.starts.strftime("%H:%M"), "to": self.ends.strftime("%H:%M")}
        if self.counter is not None:
            shown["counter"] = self.counter
        if self.services is not None:
            shown["services"] = list(self.services)
        return shown


Reason = Literal["hours_outside_opening", "unknown_counter", "invalid_counter_services", "invalid_change"]


class ChangeRefused(ValueError):
    """A change that cannot apply to this day; ``reason`` says which rule it breaks."""

    def __init__(self, reason: Reason, message: str) -> None:
        super().__init__(message)
        self.reason: Reason = reason


@dataclass(frozen=True, slots=True)
class Opening:
    """The day's opening and closing as the office's clock shows them."""

    opens: time
    closes: time


def opening(day: OfficeDay, tz: str) -> Opening:
    local = to_local(day.opens, tz)
    closing = to_local(day.opens + day.closes_minute * _MINUTE, tz)
    return Opening(local.time().replace(tzinfo=None), closing.time().replace(tzinfo=None))


def _hour_after_opening(day: OfficeDay, at: time, tz: str) -> float:
    local_day = to_local(day.opens, tz).date()
    instant: datetime = to_instant(local_day, at, tz)
    return (instant - day.opens) / _MINUTE / 60.0


def _hours(day: OfficeDay, change: Change, tz: str) -> tuple[float, float]:
    if change.starts is None or change.ends is None:
        raise ChangeRefused("invalid_change", f"{change.kind} needs 'from' and 'to'")
    start, end = _hour_after_opening(day, change.starts, tz), _hour_after_opening(day, change.ends, tz)
    if not (0.0 <= start < end <= day.closes_minute / 60.0):
        raise ChangeRefused(
            "hours_outside_opening", "the hours must lie within the day's opening, 'from' first"
        )
    return start, end


def _known_counter(day: OfficeDay, counter: str | None) -> str:
    if counter is None or counter not in {c.id for c in day.counters}:
        raise ChangeRefused("unknown_counter", f"the office has no counter {counter} in service that day")
    return counter


def _scenario(day: OfficeDay, change: Change, tz: str, extra: int) -> Scenario:
    if change.kind == CLOSE:
        return counter_closed(day, _known_counter(day, change.counter))
    start, end = _hours(day, change, tz)
    if change.kind == ADD:
        services = change.services
        if services is not None and (not services or not set(services) <= set(day.services)):
            raise ChangeRefused("invalid_counter_services", "the added counter serves services of the day")
        scenario = counter_added(day, start, end, services)
        # Each added counter needs its own id: the figures are kept per counter.
        *kept, added = scenario.counters
        return replace(scenario, counters=(*kept, replace(added, id=f"extra-{extra}")))
    counter = None if change.counter is None else _known_counter(day, change.counter)
    try:
        return counter_removed(day, start, end, counter)
    except ValueError as nobody:  # no counter open during those hours
        raise ChangeRefused("unknown_counter", str(nobody)) from None


def what_if(day: OfficeDay, changes: Sequence[Change], tz: str) -> Scenario:
    """The day with every change made, one after the other, as the scenario ``what_if``; raises
    ``ChangeRefused`` on the first change that cannot apply."""
    counters = day.counters
    for n, change in enumerate(changes, start=1):
        counters = _scenario(replace(day, counters=counters), change, tz, n).counters
    return Scenario(WHAT_IF, counters)


def simulated_day(
    day: OfficeDay,
    changes: Sequence[Change],
    tz: str,
    replications: int,
    seed: int = 0,
    progress: Progress | None = None,
    service_level: tuple[float, float] = (DEFAULT_TARGET, DEFAULT_WITHIN_MINUTES),
) -> dict[str, Any]:
    """The day as planned beside the walk-in-only halls (and the what-if, when there are
    changes), as JSON: ``foresight.report.comparison_json`` and the day's clock (``opens``,
    ``closes``); the staffing advice per service group and hour for ``service_level`` (share,
    minutes) as planned (``staffing``) and with the changes (``what_if_staffing``, else null); and
    with changes ``what_if_mean_wait_change`` (the what-if's mean wait relative to the plan's:
    −0.25 is a quarter shorter)."""
    scenarios = [planned(day), walk_in_fcfs(day), walk_in_same_times(day)]
    changed = what_if(day, changes, tz) if changes else None
    if changed is not None:
        scenarios.append(changed)
    comparison = compare(day, scenarios, replications, seed, progress=progress)
    answer = comparison_json(comparison)
    hours = opening(day, tz)
    answer["opens"], answer["closes"] = hours.opens.strftime("%H:%M"), hours.closes.strftime("%H:%M")
    target, within = service_level
    local_opening = to_local(day.opens, tz)
    answer["staffing"] = staffing_json(advise(day, target, within), local_opening)
    answer["what_if_staffing"] = None
    if changed is not None:
        advice = advise(replace(day, counters=changed.counters), target, within)
        answer["what_if_staffing"] = staffing_json(advice, local_opening)
    answer["what_if_mean_wait_change"] = None
    if changes:
        before = answer["scenarios"][PLANNED]["mean_wait_minutes"]
        after = answer["scenarios"][WHAT_IF]["mean_wait_minutes"]
        if before and after is not None:
            answer["what_if_mean_wait_change"] = round(after / before - 1, 4)
    return answer
