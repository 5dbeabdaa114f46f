"""Pending booking requests in a job's scope, turned into the optimiser's `Problem`.

A job's scope is a set of offices and, optionally, a span of days. A request belongs to the
batch only when *every* office it accepts is in scope: a manager's job must not place a citizen
in another manager's office, and deciding a request with only part of its offices would send
someone to their third choice while their first, outside the scope, still had room. Such
requests wait for a job that covers them all (an administrator's, or the nightly national run).

A span of days narrows the slots, not the requests: a request whose window overlaps it is
considered within the overlap; if it is not placed there but its window reaches beyond the span,
it stays pending rather than being told there was no room.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from booking.booking_requests import BookingRequest
from booking.calendar import local_today, to_local
from booking.identity import Identity, IdentityType
from booking.ports import Offices
from booking.rules import MAX_AHEAD, MIN_LEAD, check_eligibility
from booking.services import SERVICES
from kernel.days import TIMEZONE, days_between
from kernel.errors import InvalidInput
from kernel.time_of_day import TimeOfDay
from planning.capacity import BookableSlot, capacity_map
from planning.ports import SlotLoads
from scheduler.problem import Candidate, Problem, Request, Weights

#: Why a request whose whole window is in the past was not placed.
WINDOW_PASSED = "window_passed"


@dataclass(frozen=True, slots=True)
class JobScope:
    """Which offices (None: all) and which days (None: the whole booking window) a job covers."""

    offices: frozenset[str] | None = None
    first_day: date | None = None
    last_day: date | None = None

    def covers(self, request: BookingRequest) -> bool:
        """Whether every office the request accepts is in scope."""
        return self.offices is None or all(o.office_id in self.offices for o in request.offices)

    def to_json(self) -> dict[str, Any]:
        return {
            "offices": sorted(self.offices) if self.offices is not None else None,
            "from": self.first_day.isoformat() if self.first_day else None,
            "to": self.last_day.isoformat() if self.last_day else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JobScope:
        offices = data.get("offices")
        return cls(
            frozenset(offices) if offices is not None else None,
            date.fromisoformat(data["from"]) if data.get("from") else None,
            date.fromisoformat(data["to"]) if data.get("to") else None,
        )


@dataclass
class Batch:
    """The problem, and what is needed to write its answer back."""

    problem: Problem
    requests: dict[str, BookingRequest]
    bookable: dict[str, BookableSlot]
    expired: list[BookingRequest] = field(default_factory=list)
    open_ended: set[str] = field(default_factory=set)


def _eligible(request: BookingRequest) -> bool:
    """Re-read against today's catalogue: a service's eligibility can change after a request
    (a chain's for each of its services)."""
    applicant = request.applicant
    identity = Identity(IdentityType(applicant.identity_type), "", applicant.identity_nationality)
    for code in request.services:
        service = SERVICES.get(code)
        if service is None:
            return False
        try:
            check_eligibility(service, identity)
        except InvalidInput:
            return False
    return True


async def build_batch(
    pending: Sequence[BookingRequest],
    scope: JobScope,
    directory: Offices,
    slot_loads: SlotLoads,
    now: datetime,
    weights: Weights | None = None,
    latest: date | None = None,
) -> Batch:
    """The `Problem` for the pending requests in ``scope`` (keep them in arrival order), on days
    up to ``latest`` (default: the rolling booking window)."""
    today = local_today(now, TIMEZONE)
    latest = latest or to_local(now + MAX_AHEAD, TIMEZONE).date()
    span_first = max(today, scope.first_day or today)
    span_last = min(latest, scope.last_day or latest)
    offices = {o.id: o for o in await directory.offices()}
    requests: list[Request] = []
    chosen: dict[str, BookingRequest] = {}
    expired: list[BookingRequest] = []
    open_ended: set[str] = set()
    office_days: dict[str, set[date]] = defaultdict(set)
    for r in pending:
        if not scope.covers(r):
            continue
        if r.last_day < today:
            expired.append(r)
            continue
        first, last = max(r.first_day, span_first), min(r.last_day, span_last)
        if first > last:
            continue  # nothing of its window is in this job's days
        if max(r.first_day, today) < first or min(r.last_day, latest) > last:
            open_ended.add(r.id)
        candidates = tuple(
            Candidate(o.office_id, o.distance_km)
            for o in r.offices
            if o.office_id in offices and all(offices[o.office_id].offers(s) for s in r.services)
        )
        for c in candidates:
            office_days[c.office_id].update(days_between(first, last))
        time_of_day: TimeOfDay | None = r.time_of_day  # type: ignore[assignment]  # checked on submit
        requests.append(
            Request(r.id, r.service, candidates, first, last, time_of_day, _eligible(r), r.later_services)
        )
        chosen[r.id] = r
    capacity = await capacity_map(directory, slot_loads, office_days, now + MIN_LEAD, now + MAX_AHEAD, now)
    problem = Problem(requests, capacity.slots, weights or Weights())
    return Batch(problem, chosen, capacity.bookable, expired, open_ended)
