"""Tiny hand-made instances for the optimiser's unit tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from kernel.time_of_day import TimeOfDay
from scheduler.displaced import DisplacedBooking
from scheduler.problem import Candidate, Problem, Request, SlotCapacity, Weights
from scheduler.solution import Assignment, Solution

SUNDAY = date(2026, 12, 6)
MONDAY = SUNDAY + timedelta(days=1)
SERVICE = "passport-renewal"
NINE = 9 * 60
TWO_PM = 14 * 60


def slot(
    key: str,
    office: str = "giza",
    start: int = NINE,
    capacity: int = 1,
    booked: int = 0,
    day: date = SUNDAY,
    service: str = SERVICE,
    reserved: int = 0,
) -> SlotCapacity:
    return SlotCapacity(key, office, service, day, start, capacity, booked, reserved=reserved)


def request(
    request_id: str,
    offices: Sequence[tuple[str, float]] = (("giza", 5.0),),
    first: date = SUNDAY,
    last: date | None = None,
    time_of_day: TimeOfDay | None = None,
    service: str = SERVICE,
    eligible: bool = True,
) -> Request:
    return Request(
        request_id,
        service,
        tuple(Candidate(o, km) for o, km in offices),
        first,
        last or first,
        time_of_day,
        eligible,
    )


def booking(
    booking_id: str,
    slot_key: str = "giza-9",
    office: str = "giza",
    day: date = SUNDAY,
    start: int = NINE,
    nearby: Sequence[tuple[str, float]] = (),
    days_after: int = 1,
) -> DisplacedBooking:
    """A booking displaced from `slot_key`, free to move up to `days_after` days later."""
    return DisplacedBooking(
        id=booking_id,
        service=SERVICE,
        office_id=office,
        slot_key=slot_key,
        day=day,
        start_minute=start,
        first_day=day,
        last_day=day + timedelta(days=days_after),
        nearby=tuple(Candidate(o, km) for o, km in nearby),
    )


def problem(
    requests: Sequence[Request], slots: Sequence[SlotCapacity], weights: Weights | None = None
) -> Problem:
    return Problem(requests, slots, weights or Weights())


def solution(assignments: Sequence[tuple[str, str]], unassigned: dict[str, str] | None = None) -> Solution:
    """A hand-written answer, for the verifier (costs are irrelevant there)."""
    return Solution(
        assignments=[Assignment(r, s) for r, s in assignments],
        unassigned=unassigned or {},
        objective=0.0,
        crowding_cost=0.0,
        preference_cost=0.0,
    )


def placed(result: Solution) -> dict[str, str]:
    """request id → slot key."""
    return {a.request_id: a.slot_key for a in result.assignments}
