"""What an optimiser run would do, said before it is done, and kept so that applying it does that.

A preview job solves as a run does and writes nothing; it keeps its decisions (``plan_of``) for
the job that applies it (``read_plan``), and says what they would change in a manager's words:
how many would be placed per office and day (``placed_by_office_day``), and each office's
busiest hour before and after (``busiest_hours``): the hour whose hall would be fullest, over
all its services, as the optimiser's own figures count a hall (``scheduler.metrics``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from planning.decisions import Decision, Placement, Refusal
from scheduler.problem import Problem
from scheduler.solution import Solution


@dataclass(frozen=True, slots=True)
class PlannedPlacement:
    """A request the preview placed: where and when (the slot is looked up afresh on applying)."""

    request_id: str
    office_id: str
    starts_at: datetime


@dataclass(frozen=True, slots=True)
class PlannedRefusal:
    """A request the preview could not place, and why."""

    request_id: str
    reason: str


def plan_of(decisions: Sequence[Decision]) -> dict[str, Any]:
    """The decisions as JSON, compact (a national run keeps thousands): ``placements`` as
    ``[request_id, office_id, start]``, ``refusals`` as ``[request_id, reason]``."""
    return {
        "placements": [
            [d.request.id, d.office_id, d.starts_at.isoformat()]
            for d in decisions
            if isinstance(d, Placement)
        ],
        "refusals": [[d.request.id, d.reason] for d in decisions if isinstance(d, Refusal)],
    }


def read_plan(plan: dict[str, Any]) -> tuple[list[PlannedPlacement], list[PlannedRefusal]]:
    """What ``plan_of`` kept, typed again."""
    placements = [
        PlannedPlacement(str(request_id), str(office_id), datetime.fromisoformat(start))
        for request_id, office_id, start in plan.get("placements", [])
    ]
    refusals = [
        PlannedRefusal(str(request_id), str(reason)) for request_id, reason in plan.get("refusals", [])
    ]
    return placements, refusals


def placed_by_office_day(problem: Problem, solution: Solution) -> list[dict[str, Any]]:
    """``[{office_id, date, placed}]``, by office then day, for each office and day that gets any."""
    slots = {s.key: s for s in problem.slots}
    placed = Counter((slots[a.slot_key].office_id, slots[a.slot_key].day) for a in solution.assignments)
    return [
        {"office_id": office_id, "date": day.isoformat(), "placed": n}
        for (office_id, day), n in sorted(placed.items())
    ]


@dataclass
class _Hour:
    booked: int = 0
    placed: int = 0
    capacity: int = 0


def _busiest(hours: dict[tuple[date, int], _Hour], with_placed: bool) -> dict[str, Any] | None:
    """The fullest hour (the most people at a tie, then the earliest), or None without capacity."""
    best: tuple[float, int] | None = None
    found = None
    for (day, hour), figures in sorted(hours.items()):
        if figures.capacity <= 0:
            continue
        people = figures.booked + (figures.placed if with_placed else 0)
        rank = (people / figures.capacity, people)
        if best is None or rank > best:
            best, found = rank, (day, hour, people, figures.capacity)
    if found is None:
        return None
    day, hour, people, capacity = found
    return {
        "date": day.isoformat(),
        "hour": f"{hour:02d}:00",
        "booked": people,
        "capacity": capacity,
        "utilisation": round(people / capacity, 4),
    }


def busiest_hours(problem: Problem, solution: Solution) -> list[dict[str, Any]]:
    """Per office of the problem, by id: its busiest hour ``before`` the placements (what direct
    bookings hold now) and ``after`` them, each ``{date, hour, booked, capacity, utilisation}``
    (booked: everyone booked in that hour, at every service)."""
    slots = {s.key: s for s in problem.slots}
    offices: dict[str, dict[tuple[date, int], _Hour]] = defaultdict(lambda: defaultdict(_Hour))
    for slot in problem.slots:
        hour = offices[slot.office_id][(slot.day, slot.start_minute // 60)]
        hour.booked += slot.booked
        hour.capacity += slot.capacity
    for a in solution.assignments:
        for key in a.slot_keys:  # each visit of a chain is someone in the hall
            slot = slots[key]
            offices[slot.office_id][(slot.day, slot.start_minute // 60)].placed += 1
    return [
        {"office_id": office_id, "before": _busiest(hours, False), "after": _busiest(hours, True)}
        for office_id, hours in sorted(offices.items())
    ]
