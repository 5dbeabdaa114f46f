"""The baselines: first come, first served (the earliest free slot at the nearest office) and
the fair one (the cheapest slot by the objective's preference cost), both in arrival order."""

from __future__ import annotations

from hypothesis import given

from scheduler.costs import placement_cost
from scheduler.greedy import cheapest_first, first_come_first_served
from scheduler.problem import Problem
from scheduler.solution import NO_CAPACITY, NO_ELIGIBLE_SLOT, NOT_ELIGIBLE
from scheduler.verify import verify
from tests.unit.scheduler.factories import MONDAY, NINE, SUNDAY, TWO_PM, placed, problem, request, slot
from tests.unit.scheduler.test_optimiser_properties import PROPERTY_SETTINGS, problems


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


# --- the fair baseline: each request in order at its cheapest slot, ties to the emptiest hall ---


def test_cheapest_slot_honours_the_time_of_day_first_come_first_served_ignores() -> None:
    r = request("r1", offices=[("near", 2.0)], time_of_day="afternoon")
    slots = [slot("near-9", office="near", start=NINE), slot("near-2pm", office="near", start=TWO_PM)]

    assert placed(first_come_first_served(problem([r], slots))) == {"r1": "near-9"}
    assert placed(cheapest_first(problem([r], slots))) == {"r1": "near-2pm"}


def test_cheapest_slot_weighs_distance_days_and_band_with_the_objectives_weights() -> None:
    # A morning person: the near office only has an afternoon slot (2 bands away: 4 points);
    # the far office, 30 km further (3 points), has a morning one. A day later costs 1 point.
    r = request(
        "r1", offices=[("near", 2.0), ("far", 32.0)], first=SUNDAY, last=MONDAY, time_of_day="morning"
    )
    slots = [
        slot("near-2pm", office="near", start=TWO_PM),
        slot("far-9", office="far", start=NINE),
        slot("near-mon-9", office="near", start=NINE, day=MONDAY),
    ]

    assert placed(cheapest_first(problem([r], slots))) == {"r1": "near-mon-9"}
    assert placed(cheapest_first(problem([r], slots[:2]))) == {"r1": "far-9"}


def test_cheapest_slot_breaks_ties_toward_the_emptiest_hall() -> None:
    # Two morning slots at one office, equally good for the citizen; the 9:00 hall is half full.
    slots = [
        slot("nine", start=NINE, capacity=4, booked=2),
        slot("ten", start=NINE + 60, capacity=4, booked=1),
        slot("other-service-at-ten", start=NINE + 60, capacity=4, booked=3, service="civil-certificate"),
    ]
    # With the other service's bookings the 10:00 hall holds 4 of 8, the 9:00 one 2 of 4:
    # equal, and the earliest wins; one booking fewer at 10:00 and it is emptier.
    assert placed(cheapest_first(problem([request("r1")], slots))) == {"r1": "nine"}
    emptier = [*slots[:2], slot("other-service-at-ten", start=NINE + 60, capacity=4, booked=2, service="x")]
    assert placed(cheapest_first(problem([request("r1")], emptier))) == {"r1": "ten"}


def test_cheapest_slot_fills_up_in_arrival_order_and_gives_true_reasons() -> None:
    requests = [request("bad", eligible=False), request("nowhere", first=MONDAY), request("a"), request("b")]

    result = cheapest_first(problem(requests, [slot("s")]))

    assert placed(result) == {"a": "s"}
    assert result.unassigned == {"bad": NOT_ELIGIBLE, "nowhere": NO_ELIGIBLE_SLOT, "b": NO_CAPACITY}


@PROPERTY_SETTINGS
@given(problems())
def test_cheapest_slot_answers_verify_and_each_took_the_cheapest_option_left(p: Problem) -> None:
    result = cheapest_first(p)

    assert verify(p, result, maximum=False) == []
    # Replay: when each request came, nothing with room was cheaper for it than what it took.
    room = {s.key: s.free for s in p.slots}
    slot_of = {a.request_id: a.slot_key for a in result.assignments}
    by_key = {s.key: s for s in p.slots}
    for r in p.requests:
        options = [
            placement_cost(r, s, p.weights)
            for s in p.slots
            if r.eligible
            and s.service == r.service
            and r.distance_to(s.office_id) is not None
            and r.first_day <= s.day <= r.last_day
            and room[s.key] > 0
        ]
        if r.id in slot_of:
            assert placement_cost(r, by_key[slot_of[r.id]], p.weights) <= min(options) + 1e-9
            room[slot_of[r.id]] -= 1
        else:
            assert not options
