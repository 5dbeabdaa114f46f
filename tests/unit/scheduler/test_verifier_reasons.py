"""The verifier checks that every reason a request was left out is true, and that the optimiser
placed as many single requests as any placement could (a maximum flow of its own).

Each test breaks a correct answer on purpose, the way a bug in turning flows back into people
would: a placed request dropped and labelled `no_capacity`, an eligible one labelled
`not_eligible`, a free slot left while someone waits."""

from __future__ import annotations

import random

from hypothesis import given

from scheduler.assign import assign
from scheduler.greedy import first_come_first_served
from scheduler.problem import Candidate, Problem, Request
from scheduler.solution import NO_CAPACITY, NO_ELIGIBLE_SLOT, NOT_ELIGIBLE, Assignment, Solution
from scheduler.verify import verify
from tests.unit.scheduler.factories import MONDAY, SUNDAY, problem, request, slot, solution
from tests.unit.scheduler.test_chains import EIGHT, PASSPORT, RECORD, chain, grid
from tests.unit.scheduler.test_optimiser_properties import PROPERTY_SETTINGS, problems


def codes(p: Problem, s: Solution, maximum: bool = True) -> list[str]:
    return sorted(v.code for v in verify(p, s, maximum))


# --- each reason must hold ----------------------------------------------------------------------


def test_true_reasons_pass() -> None:
    p = problem(
        [
            request("placed"),
            request("full"),
            request("nowhere", first=MONDAY),
            request("stranger", eligible=False),
        ],
        [slot("s")],
    )

    assert (
        codes(
            p,
            solution(
                [("placed", "s")],
                {"full": NO_CAPACITY, "nowhere": NO_ELIGIBLE_SLOT, "stranger": NOT_ELIGIBLE},
            ),
        )
        == []
    )


def test_a_placed_request_dropped_and_called_no_capacity_is_caught() -> None:
    p = problem([request("r1"), request("r2")], [slot("s", capacity=2)])

    assert codes(p, solution([("r1", "s")], {"r2": NO_CAPACITY})) == ["not_maximum", "reason_untrue"]


def test_an_eligible_request_called_not_eligible_is_caught() -> None:
    p = problem([request("r1"), request("r2")], [slot("s")])

    # r2 has nowhere to go (r1 holds the only place), but it is eligible: the reason is a lie.
    assert codes(p, solution([("r1", "s")], {"r2": NOT_ELIGIBLE})) == ["reason_untrue"]


def test_an_ineligible_request_must_say_so() -> None:
    p = problem([request("r1", eligible=False)], [slot("s", booked=1)])

    assert codes(p, solution([], {"r1": NO_CAPACITY})) == ["reason_untrue"]


def test_a_free_slot_left_while_someone_waits_is_caught() -> None:
    p = problem(
        [request("r1", offices=[("giza", 1.0), ("cairo", 9.0)]), request("r2", offices=[("cairo", 9.0)])],
        [slot("g", office="giza"), slot("c", office="cairo")],
    )

    assert codes(p, solution([("r1", "g")], {"r2": NO_CAPACITY})) == ["not_maximum", "reason_untrue"]


def test_no_eligible_slot_when_a_full_one_exists_is_caught() -> None:
    p = problem([request("r1"), request("r2")], [slot("s")])

    assert codes(p, solution([("r1", "s")], {"r2": NO_ELIGIBLE_SLOT})) == ["reason_untrue"]


def test_no_capacity_where_no_slot_exists_is_caught() -> None:
    p = problem([request("r1", first=MONDAY)], [slot("s")])

    assert codes(p, solution([], {"r1": NO_CAPACITY})) == ["reason_untrue"]


def test_seats_kept_for_assisted_bookings_are_no_room() -> None:
    p = problem([request("r1")], [slot("s", capacity=2, booked=1, reserved=1)])

    assert codes(p, solution([], {"r1": NO_CAPACITY})) == []


def test_a_chain_called_no_capacity_while_a_run_has_room_is_caught() -> None:
    p = Problem([chain("c")], grid())

    assert codes(p, Solution([], {"c": NO_CAPACITY}, 0.0, 0.0, 0.0)) == ["reason_untrue"]


def test_a_chain_blocked_everywhere_is_no_capacity_and_not_no_eligible_slot() -> None:
    # The only run: passport at 8:00, record at 8:15, which direct bookings filled.
    slots = grid(starts=(EIGHT, EIGHT + 15), booked={f"giza/{RECORD}/{SUNDAY}/{EIGHT + 15}": 1})
    p = Problem([chain("c")], slots)

    assert codes(p, Solution([], {"c": NO_CAPACITY}, 0.0, 0.0, 0.0)) == []
    assert codes(p, Solution([], {"c": NO_ELIGIBLE_SLOT}, 0.0, 0.0, 0.0)) == ["reason_untrue"]


def test_a_chain_with_no_run_anywhere_is_no_eligible_slot() -> None:
    # The record slot starts 30 minutes after the passport slot: the services never follow.
    slots = [s for s in grid(starts=(EIGHT, EIGHT + 30)) if (s.service, s.start_minute) != (RECORD, EIGHT)]
    slots = [s for s in slots if (s.service, s.start_minute) != (PASSPORT, EIGHT + 30)]
    p = Problem([chain("c")], slots)

    assert codes(p, Solution([], {"c": NO_ELIGIBLE_SLOT}, 0.0, 0.0, 0.0)) == []
    assert codes(p, Solution([], {"c": NO_CAPACITY}, 0.0, 0.0, 0.0)) == ["reason_untrue"]


# --- placement must be maximum ------------------------------------------------------------------


def test_true_reasons_but_fewer_placed_than_possible_is_caught() -> None:
    # r1 may go to either office, r2 only to giza: giving giza to r1 leaves r2 out for nothing.
    p = problem(
        [request("r1", offices=[("giza", 1.0), ("cairo", 9.0)]), request("r2", offices=[("giza", 1.0)])],
        [slot("g", office="giza"), slot("c", office="cairo")],
    )
    greedy = solution([("r1", "g")], {"r2": NO_CAPACITY})

    assert codes(p, greedy) == ["not_maximum"]
    assert codes(p, greedy, maximum=False) == []  # what first come, first served is checked with
    assert codes(p, solution([("r1", "c"), ("r2", "g")])) == []


def test_first_come_first_served_may_place_fewer_than_the_maximum() -> None:
    p = problem(
        [request("r1", offices=[("giza", 1.0), ("cairo", 9.0)]), request("r2", offices=[("giza", 1.0)])],
        [slot("g", office="giza"), slot("c", office="cairo")],
    )

    assert codes(p, first_come_first_served(p)) == ["not_maximum"]
    assert codes(p, assign(p)) == []


def test_the_maximum_counts_single_requests_on_the_room_chains_leave() -> None:
    single = Request("s", RECORD, (Candidate("giza", 5.0),), SUNDAY, SUNDAY)
    slots = grid(starts=(EIGHT, EIGHT + 15))
    p = Problem([chain("c"), single], slots)
    keys = {(s.service, s.start_minute): s.key for s in slots}
    chain_seat = Assignment("c", keys[(PASSPORT, EIGHT)], (keys[(RECORD, EIGHT + 15)],))

    # The chain took the record slot at 8:15; the one at 8:00 is still free for the single.
    left_out = Solution([chain_seat], {"s": NO_CAPACITY}, 0.0, 0.0, 0.0)
    assert codes(p, left_out) == ["not_maximum", "reason_untrue"]
    placed = Solution([chain_seat, Assignment("s", keys[(RECORD, EIGHT)])], {}, 0.0, 0.0, 0.0)
    assert codes(p, placed) == []


# --- the optimiser's real answers stay clean, and broken copies of them do not ------------------


@PROPERTY_SETTINGS
@given(problems())
def test_an_optimiser_answer_with_a_request_dropped_or_mislabelled_is_caught(p: Problem) -> None:
    result = assign(p)
    assert verify(p, result) == []
    rng = random.Random(len(p.requests))
    if result.assignments:
        dropped = rng.choice(list(result.assignments))
        broken = Solution(
            [a for a in result.assignments if a is not dropped],
            {**result.unassigned, dropped.request_id: NO_CAPACITY},
            0.0,
            0.0,
            0.0,
        )
        assert {"not_maximum", "reason_untrue"} <= set(codes(p, broken))
    eligible_out = [r for r, reason in result.unassigned.items() if reason != NOT_ELIGIBLE]
    if eligible_out:
        lied = {**result.unassigned, rng.choice(eligible_out): NOT_ELIGIBLE}
        broken = Solution(result.assignments, lied, 0.0, 0.0, 0.0)
        assert codes(p, broken) == ["reason_untrue"]
