"""Small office days for the simulation's tests: hand-made people and counters."""

from __future__ import annotations

from datetime import UTC, datetime

from foresight.office_day import CounterPlan
from foresight.visitors import Visitor
from queue_display.ticket import Priority

OPENS = datetime(2025, 3, 4, 6, 0, tzinfo=UTC)  # 08:00 in Cairo


def counter(
    id_: str, *services: str, shifts: tuple[tuple[float, float], ...] = ((0.0, 120.0),)
) -> CounterPlan:
    return CounterPlan(id_, frozenset(services or ("a",)), shifts)


def walk_in(
    arrives: float, minutes: float, service: str = "a", priority: Priority = Priority.NONE
) -> Visitor:
    return Visitor(arrives, service, None, priority, minutes)


def booked(
    arrives: float, slot: float, minutes: float, service: str = "a", priority: Priority = Priority.NONE
) -> Visitor:
    return Visitor(arrives, service, slot, priority, minutes)
