"""First come, first served: the earliest free slot at the nearest office, in arrival order."""

from __future__ import annotations

from scheduler.greedy import first_come_first_served
from scheduler.solution import NO_CAPACITY, NO_ELIGIBLE_SLOT, NOT_ELIGIBLE
from scheduler.verify import verify
from tests.unit.scheduler.factories import MONDAY, NINE, SUNDAY, TWO_PM, placed, problem, request, slot


def test_takes_the_earliest_free_slot_at_the_nearest_office() -> None:
    r = request("r1", offices=[("far", 20.0), ("near", 2.0)], time_of_day="afternoon")
    slots = [
        slot("near-2pm", office="near", start=TWO_PM),
        slot("near-9", office="near", start=NINE),
        slot("far-9", office="far", start=NINE),
    ]

    assert placed(first_come_first_served(problem([r], slots))) == {"r1": "near-9"}


def test_stays_at_the_nearest_office_on_a_later_day_before_trying_another_office() -> None:
    r = request("r1", offices=[("near", 2.0), ("far", 20.0)], first=SUNDAY, last=MONDAY)
    slots = [
        slot("near-sun", office="near", booked=1),
        slot("near-mon", office="near", day=MONDAY),
        slot("far-sun", office="far"),
    ]

    assert placed(first_come_first_served(problem([r], slots))) == {"r1": "near-mon"}


def test_moves_to_the_next_office_when_the_nearest_is_full() -> None:
    r = request("r1", offices=[("near", 2.0), ("far", 20.0)])
    slots = [slot("near-9", office="near", booked=1), slot("far-9", office="far")]

    assert placed(first_come_first_served(problem([r], slots))) == {"r1": "far-9"}


def test_the_first_to_ask_gets_the_last_place() -> None:
    result = first_come_first_served(problem([request("first"), request("second")], [slot("s")]))

    assert placed(result) == {"first": "s"}
    assert result.unassigned == {"second": NO_CAPACITY}


def test_gives_the_same_reasons_as_the_optimiser() -> None:
    requests = [request("bad", eligible=False), request("nowhere", first=MONDAY), request("ok")]

    result = first_come_first_served(problem(requests, [slot("s")]))

    assert result.unassigned == {"bad": NOT_ELIGIBLE, "nowhere": NO_ELIGIBLE_SLOT}


def test_its_answers_verify_and_are_priced_like_the_optimisers() -> None:
    p = problem([request(f"r{i}") for i in range(3)], [slot("s", capacity=4, booked=1)])

    result = first_come_first_served(p)

    assert verify(p, result) == []
    assert result.crowding_cost == (1 + 3) ** 2 / 4
