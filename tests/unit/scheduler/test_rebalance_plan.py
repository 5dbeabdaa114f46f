"""Rebalancing keeps whom it can, moves the rest as little as possible, and drops no one."""

from __future__ import annotations

from dataclasses import replace

from scheduler.closure import close_office_day, cut_capacity
from scheduler.displaced import Placement, RebalancePlan
from scheduler.rebalance import rebalance
from scheduler.solution import NO_CAPACITY, NO_ELIGIBLE_SLOT
from scheduler.verify import verify_rebalance
from tests.unit.scheduler.factories import MONDAY, SUNDAY, TWO_PM, booking, slot

TEN = 10 * 60


def destinations(plan: RebalancePlan) -> dict[str, str]:
    return {p.booking_id: p.to_slot_key for p in plan.placements}


def test_bookings_keep_their_slot_while_it_has_room() -> None:
    # A counter closed: the 9:00 slot drops from 3 places to 2 for its 3 bookings.
    displaced = [booking("b1"), booking("b2"), booking("b3")]
    slots = [slot("giza-9", capacity=2), slot("giza-10", start=TEN, capacity=2)]

    plan = rebalance(displaced, slots)

    assert len(plan.moves) == 1
    assert sorted(destinations(plan).values()) == ["giza-10", "giza-9", "giza-9"]
    assert plan.cost == 1000 + 5  # one move, one hour later; staying is free


def test_the_booked_office_is_tried_before_a_nearby_office() -> None:
    b = booking("b1", nearby=[("cairo", 5.0)])
    slots = [slot("giza-9", capacity=0), slot("cairo-9", office="cairo"), slot("giza-2pm", start=TWO_PM)]

    assert destinations(rebalance([b], slots)) == {"b1": "giza-2pm"}


def test_the_same_day_is_preferred_to_another_day_at_the_booked_office() -> None:
    b = booking("b1", days_after=1)
    slots = [slot("giza-9", capacity=0), slot("giza-mon-9", day=MONDAY), slot("giza-2pm", start=TWO_PM)]

    assert destinations(rebalance([b], slots)) == {"b1": "giza-2pm"}


def test_a_nearby_office_takes_the_booking_when_the_booked_office_is_full() -> None:
    b = booking("b1", nearby=[("far", 40.0), ("near", 5.0)], days_after=0)
    slots = [slot("giza-9", capacity=0), slot("far-9", office="far"), slot("near-9", office="near")]

    plan = rebalance([b], slots)

    assert destinations(plan) == {"b1": "near-9"}
    assert plan.stats.moved_other_office == 1
    assert plan.stats.travel_km == 5.0


def test_bookings_that_cannot_be_placed_are_listed_with_a_reason() -> None:
    displaced = [booking("b1"), booking("b2"), booking("other", slot_key="x", office="nowhere")]
    slots = [slot("giza-9", capacity=0), slot("giza-10", start=TEN, capacity=1)]

    plan = rebalance(displaced, slots)

    assert len(plan.placements) == 1
    assert set(plan.unplaced.values()) == {NO_CAPACITY, NO_ELIGIBLE_SLOT}
    assert plan.unplaced["other"] == NO_ELIGIBLE_SLOT
    assert plan.stats.unplaced == 2
    assert verify_rebalance(displaced, slots, plan) == []


def test_a_plan_verifies_against_the_capacity_after_the_change() -> None:
    displaced = [booking(f"b{i}", nearby=[("cairo", 9.0)]) for i in range(4)]
    slots = [
        slot("giza-9", capacity=1),
        slot("giza-10", start=TEN, capacity=1, booked=1),
        slot("cairo-9", office="cairo", capacity=3),
    ]

    plan = rebalance(displaced, slots)

    assert verify_rebalance(displaced, slots, plan) == []
    assert not plan.unplaced
    assert plan.stats.stayed == 1


def test_the_verifier_rejects_a_plan_that_overfills_a_slot() -> None:
    displaced = [booking("b1"), booking("b2")]
    slots = [slot("giza-9", capacity=1)]
    plan = RebalancePlan([Placement("b1", "giza-9", "giza-9"), Placement("b2", "giza-9", "giza-9")], {}, 0.0)

    assert [v.code for v in verify_rebalance(displaced, slots, plan)] == ["over_capacity"]


def test_the_verifier_rejects_a_move_to_an_office_not_nearby() -> None:
    displaced = [booking("b1", nearby=[("cairo", 9.0)])]
    slots = [slot("giza-9", capacity=0), slot("alex-9", office="alex")]
    plan = RebalancePlan([Placement("b1", "giza-9", "alex-9")], {}, 0.0)

    assert [v.code for v in verify_rebalance(displaced, slots, plan)] == ["wrong_office"]


def test_the_verifier_rejects_a_booking_dropped_silently() -> None:
    displaced = [booking("b1")]
    plan = RebalancePlan([], {}, 0.0)

    assert [v.code for v in verify_rebalance(displaced, [slot("giza-9")], plan)] == ["missing", "not_maximum"]


def test_the_verifier_rejects_a_reason_that_is_not_true() -> None:
    # b1 may stay at giza-9 (room left) or move; calling it no_capacity or no_eligible_slot lies.
    displaced = [booking("b1")]
    slots = [slot("giza-9")]

    for reason in (NO_CAPACITY, NO_ELIGIBLE_SLOT):
        plan = RebalancePlan([], {"b1": reason}, 0.0)
        assert sorted(v.code for v in verify_rebalance(displaced, slots, plan)) == [
            "not_maximum",
            "reason_untrue",
        ]


def test_the_verifier_accepts_true_reasons_for_bookings_left_unplaced() -> None:
    displaced = [booking("b1"), booking("b2"), booking("b3", day=MONDAY, slot_key="giza-mon-9", days_after=0)]
    slots = [slot("giza-9")]  # one place on Sunday; nothing of the service on Monday
    plan = RebalancePlan(
        [Placement("b1", "giza-9", "giza-9")], {"b2": NO_CAPACITY, "b3": NO_ELIGIBLE_SLOT}, 0.0
    )

    assert verify_rebalance(displaced, slots, plan) == []


def test_closing_an_office_day_displaces_its_bookings_and_zeroes_its_capacity() -> None:
    slots = [
        slot("giza-9", capacity=2, booked=2),
        slot("giza-mon-9", day=MONDAY, capacity=2, booked=1),
        slot("cairo-9", office="cairo", capacity=2),
        slot("alex-9", office="alex", capacity=2),
    ]
    locations = {"giza": (30.0131, 31.2089), "cairo": (30.0444, 31.2357), "alex": (31.2001, 29.9187)}
    bookings = [("b1", "giza-9"), ("b2", "giza-9"), ("b3", "giza-mon-9")]

    displaced, after = close_office_day(slots, bookings, "giza", SUNDAY, locations, radius_km=60)

    assert [d.id for d in displaced] == ["b1", "b2"]
    assert [c.office_id for c in displaced[0].nearby] == ["cairo"]  # Alexandria is too far
    by_key = {s.key: s for s in after}
    assert (by_key["giza-9"].capacity, by_key["giza-9"].booked) == (0, 0)
    assert by_key["giza-mon-9"].booked == 1
    plan = rebalance(displaced, after)
    assert verify_rebalance(displaced, after, plan) == []
    assert not plan.unplaced


def test_a_capacity_cut_that_still_fits_everyone_displaces_no_one() -> None:
    slots = [slot("giza-9", capacity=4, booked=2)]

    displaced, after = cut_capacity(slots, [("b1", "giza-9"), ("b2", "giza-9")], {"giza-9": 2}, {})

    assert displaced == []
    assert after[0].capacity == 2


def test_a_counter_closing_for_an_hour_moves_only_the_bookings_that_no_longer_fit() -> None:
    slots = [slot("giza-9", capacity=3, booked=3), slot("giza-10", start=10 * 60, capacity=3, booked=1)]
    bookings = [("b1", "giza-9"), ("b2", "giza-9"), ("b3", "giza-9")]

    displaced, after = cut_capacity(slots, bookings, {"giza-9": 1}, {})
    plan = rebalance(displaced, after)

    assert len(displaced) == 3
    assert plan.stats.stayed == 1
    assert plan.stats.moved_same_office_same_day == 2
    assert verify_rebalance(displaced, after, plan) == []


def test_only_the_nearest_offices_are_offered() -> None:
    slots = [slot("giza-9", capacity=1, booked=1), slot("cairo-9", office="cairo")]
    locations = {"giza": (30.0131, 31.2089), "cairo": (30.0444, 31.2357)}

    displaced, _ = close_office_day(slots, [("b1", "giza-9")], "giza", SUNDAY, locations, nearest=0)

    assert displaced[0].nearby == ()


def test_a_bookings_own_slot_still_known_makes_no_capacity_true_as_the_rebalance_counts_it() -> None:
    # Its window (Monday) has nothing of its service; its own Sunday slot is still there, full.
    moved = replace(booking("b1"), first_day=MONDAY, last_day=MONDAY)
    plan = RebalancePlan([], {"b1": NO_CAPACITY}, 0.0)

    assert verify_rebalance([moved], [slot("giza-9", capacity=0)], plan) == []
    assert [v.code for v in verify_rebalance([moved], [slot("other", start=TWO_PM)], plan)] == [
        "reason_untrue"
    ]
