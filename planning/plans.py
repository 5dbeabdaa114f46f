"""A rebalance plan as a typed value: what the manager previews, what is stored, what applying
it does. Stored as JSON (``msgspec.to_builtins`` of these structs, keys in field order) and read
back with ``msgspec.convert``, so a plan previewed before these types existed reads the same.

Instants stay the ISO text they were stored as (``2026-12-07T09:00:00+02:00``): applying a
plan compares them with the booking as it now stands, and the manager's view shows them in the
office's zone (``api.planning_views``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import msgspec
from msgspec import UNSET, UnsetType

from planning.messages import MESSAGES


class Place(msgspec.Struct):
    """Where a booking is: its office and its start."""

    office_id: str
    start: str


class Target(msgspec.Struct):
    """The slot a booking moves to, as the plan found it."""

    office_id: str
    start: str
    end: str
    day: str
    capacity: int


class VisitTarget(msgspec.Struct):
    """The slot a chain's later visit moves to: its service, and the slot as the plan found it."""

    service: str
    start: str
    end: str
    capacity: int


class PlanStats(msgspec.Struct):
    """The plan's counts (``scheduler.displaced.RebalanceStats``) and its cost."""

    displaced: int = 0
    stayed: int = 0
    moved_same_office_same_day: int = 0
    moved_same_office_other_day: int = 0
    moved_other_office: int = 0
    unplaced: int = 0
    travel_km: float = 0.0
    solve_seconds: float = 0.0
    cost: float | UnsetType = UNSET


class PlannedMove(msgspec.Struct):
    """A displaced booking and the slot the plan gives it (``distance_km`` 0 in its own office);
    a chain's later visits go to ``later``, the slots that follow at the same office that day."""

    booking_id: int
    booking_code: str
    service: str
    day: str
    origin: Place = msgspec.field(name="from")
    to: Target
    distance_km: float
    later: list[VisitTarget] = msgspec.field(default_factory=list)


class Unplaced(msgspec.Struct):
    """A displaced booking no slot could take, and why (``no_capacity``, ``no_eligible_slot``);
    a chain names its later services too."""

    booking_id: int
    booking_code: str
    service: str
    day: str
    origin: Place = msgspec.field(name="from")
    reason: str
    later_services: list[str] = msgspec.field(default_factory=list)


class RebalancePlan(msgspec.Struct):
    """The moves and the unplaced, and why each day's bookings move (``causes``: day → [English,
    Arabic], completing "… because …" in the citizens' messages)."""

    stats: PlanStats
    moves: list[PlannedMove]
    unplaced: list[Unplaced]
    causes: dict[str, list[str]] = msgspec.field(default_factory=dict)

    def cause_of(self, day: str) -> tuple[str, str]:
        en, ar = self.causes.get(day, MESSAGES.texts("cause.unknown"))
        return str(en), str(ar)


class Skipped(msgspec.Struct):
    """A booking the plan could not move or cancel: the world overtook it (``booking_changed``,
    ``slot_full``, ...)."""

    booking_code: str
    reason: str


class Applied(msgspec.Struct):
    """What applying a plan did; each moved or cancelled booking's holder is told."""

    moved: int
    cancelled: int
    skipped: list[Skipped]
    notifications: int


class StoredPlan(msgspec.Struct):
    """A plan as stored: previewed, then ``applied`` once, with what that did (``result``)."""

    id: str
    office_id: str
    first_day: date
    last_day: date
    created_by: str
    status: str
    plan: RebalancePlan
    result: Applied | None
    created_at: datetime
    applied_at: datetime | None


def stored_plan(row: dict[str, Any]) -> StoredPlan:
    """The typed plan from its database row (the JSON columns as the driver gives them)."""
    return msgspec.convert(row, StoredPlan, from_attributes=True)
