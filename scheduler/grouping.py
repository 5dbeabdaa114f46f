"""Identical requests become one group, so the network has one node with supply n for them.

Requests are identical when they ask for the same service at the same offices (same distances),
in the same window and time of day: every option costs them the same, so the flow only needs
to know how many there are. Within a group, earlier requests are placed first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from kernel.time_of_day import TimeOfDay
from scheduler.problem import Candidate, Request

_office_id = attrgetter("office_id")

GroupKey = tuple[str, tuple[Candidate, ...], date, date, TimeOfDay | None]


@dataclass
class RequestGroup:
    """(service, offices, first day, last day, time of day) and its requests in arrival order."""

    key: GroupKey
    request_ids: list[str] = field(default_factory=list)


def normalise(offices: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """One candidate per office (the nearest), sorted, so equal lists group together."""
    ids = [c.office_id for c in offices]
    if len(set(ids)) == len(ids):  # the usual case: each office once, only the order to fix
        return tuple(sorted(offices, key=_office_id))
    nearest: dict[str, float] = {}
    for c in offices:
        nearest[c.office_id] = min(c.distance_km, nearest.get(c.office_id, c.distance_km))
    return tuple(Candidate(o, d) for o, d in sorted(nearest.items()))


def group_requests(requests: Sequence[Request]) -> list[RequestGroup]:
    """Group the eligible requests, keeping arrival order inside each group."""
    groups: dict[GroupKey, RequestGroup] = {}
    for r in requests:
        if not r.eligible:
            continue
        key = (r.service, normalise(r.offices), r.first_day, r.last_day, r.time_of_day)
        group = groups.get(key)
        if group is None:
            group = groups[key] = RequestGroup(key)
        group.request_ids.append(r.id)
    return list(groups.values())
