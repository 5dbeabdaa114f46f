"""Identical requests become one group, so the network has one node with supply n for them.

Requests are identical when they ask for the same service at the same offices (same distances),
in the same window and time of day: every option costs them the same, so the flow only needs
to know how many there are. Within a group, earlier requests are placed first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from kernel.time_of_day import TimeOfDay
from scheduler.problem import Candidate, Request

GroupKey = tuple[str, tuple[Candidate, ...], date, date, TimeOfDay | None]


@dataclass
class RequestGroup:
    """(service, offices, first day, last day, time of day) and its requests in arrival order."""

    key: GroupKey
    request_ids: list[str] = field(default_factory=list)


def normalise(offices: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """One candidate per office (the nearest), sorted, so equal lists group together."""
    nearest: dict[str, float] = {}
    for c in offices:
        nearest[c.office_id] = min(c.distance_km, nearest.get(c.office_id, c.distance_km))
    return tuple(Candidate(o, d) for o, d in sorted(nearest.items()))


def group_requests(requests: Sequence[Request]) -> list[RequestGroup]:
    """Group the eligible requests, keeping arrival order inside each group."""
    groups: dict[GroupKey, RequestGroup] = {}
    normalised: dict[tuple[Candidate, ...], tuple[Candidate, ...]] = {}
    for r in requests:
        if not r.eligible:
            continue
        offices = normalised.get(r.offices)
        if offices is None:
            offices = normalised[r.offices] = normalise(r.offices)
        key = (r.service, offices, r.first_day, r.last_day, r.time_of_day)
        groups.setdefault(key, RequestGroup(key)).request_ids.append(r.id)
    return list(groups.values())
