"""The independent verifier rejects every kind of broken answer and accepts a correct one."""

from __future__ import annotations

import pytest

from scheduler.solution import NO_CAPACITY, NOT_ELIGIBLE
from scheduler.verify import VerificationError, check, verify
from tests.unit.scheduler.factories import MONDAY, SUNDAY, problem, request, slot, solution


def codes(violations: list) -> list[str]:
    return sorted(v.code for v in violations)


def test_a_correct_solution_has_no_violations() -> None:
    p = problem([request("r1"), request("r2")], [slot("s", capacity=2)])

    assert verify(p, solution([("r1", "s"), ("r2", "s")])) == []


def test_over_capacity_is_rejected() -> None:
    p = problem([request("r1"), request("r2")], [slot("s", capacity=2, booked=1)])

    assert codes(verify(p, solution([("r1", "s"), ("r2", "s")]))) == ["over_capacity"]


def test_a_seat_kept_for_assisted_bookings_is_rejected_for_a_flexible_request() -> None:
    p = problem([request("r1"), request("r2")], [slot("s", capacity=3, booked=1, reserved=1)])

    assert verify(p, solution([("r1", "s")], {"r2": NO_CAPACITY})) == []
    assert codes(verify(p, solution([("r1", "s"), ("r2", "s")]))) == ["kept_for_assisted"]


def test_filling_exactly_to_capacity_is_accepted() -> None:
    p = problem([request("r1"), request("r2")], [slot("s", capacity=2, booked=1)])

    assert verify(p, solution([("r1", "s")], {"r2": NO_CAPACITY})) == []


def test_a_slot_already_overbooked_is_not_the_solutions_fault_if_nobody_is_added() -> None:
    p = problem([request("r1")], [slot("over", capacity=1, booked=3), slot("s")])

    assert verify(p, solution([("r1", "s")])) == []


def test_an_assignment_outside_the_window_is_rejected() -> None:
    p = problem([request("r1", first=SUNDAY)], [slot("mon", day=MONDAY)])

    assert codes(verify(p, solution([("r1", "mon")]))) == ["outside_window"]


def test_an_assignment_inside_the_window_is_accepted() -> None:
    p = problem([request("r1", first=SUNDAY, last=MONDAY)], [slot("mon", day=MONDAY)])

    assert verify(p, solution([("r1", "mon")])) == []


def test_an_office_the_citizen_did_not_accept_is_rejected() -> None:
    p = problem([request("r1", offices=[("giza", 1.0)])], [slot("s", office="cairo")])

    assert codes(verify(p, solution([("r1", "s")]))) == ["wrong_office"]


def test_the_wrong_service_is_rejected() -> None:
    p = problem([request("r1")], [slot("s", service="civil-certificate")])

    assert codes(verify(p, solution([("r1", "s")]))) == ["wrong_service"]


def test_an_ineligible_request_that_is_placed_is_rejected() -> None:
    p = problem([request("r1", eligible=False)], [slot("s")])

    assert codes(verify(p, solution([("r1", "s")]))) == ["not_eligible"]


def test_an_ineligible_request_left_out_is_accepted() -> None:
    p = problem([request("r1", eligible=False)], [slot("s")])

    assert verify(p, solution([], {"r1": NOT_ELIGIBLE})) == []


def test_a_request_placed_twice_is_rejected() -> None:
    p = problem([request("r1")], [slot("a"), slot("b", office="giza", start=600)])

    assert "assigned_twice" in codes(verify(p, solution([("r1", "a"), ("r1", "b")])))


def test_an_unknown_slot_or_request_is_rejected() -> None:
    p = problem([request("r1")], [slot("s")])

    found = codes(verify(p, solution([("r1", "nowhere"), ("ghost", "s")])))

    assert "unknown_slot" in found
    assert "unknown_request" in found


def test_a_request_neither_placed_nor_explained_is_rejected() -> None:
    p = problem([request("r1")], [slot("s")])

    assert codes(verify(p, solution([]))) == ["missing", "not_maximum"]


def test_a_request_both_placed_and_unassigned_is_rejected() -> None:
    p = problem([request("r1")], [slot("s")])

    assert codes(verify(p, solution([("r1", "s")], {"r1": NO_CAPACITY}))) == ["assigned_and_unassigned"]


def test_an_unknown_reason_is_rejected() -> None:
    p = problem([request("r1")], [slot("s")])

    assert codes(verify(p, solution([], {"r1": "because"}))) == ["not_maximum", "unknown_reason"]


def test_check_raises_with_every_violation() -> None:
    p = problem([request("r1", first=SUNDAY), request("r2")], [slot("mon", day=MONDAY)])

    with pytest.raises(VerificationError) as raised:
        check(p, solution([("r1", "mon"), ("r2", "mon")]))

    assert codes(raised.value.violations) == ["outside_window", "outside_window", "over_capacity"]


def test_check_passes_a_correct_solution() -> None:
    p = problem([request("r1")], [slot("s")])

    check(p, solution([("r1", "s")]))
