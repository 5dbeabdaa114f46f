"""A chain (one trip, several services) displaced by a capacity cut moves whole or not at all."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler.closure import BookedVisit, close_office_day, cut_capacity
from scheduler.displaced import Placement, RebalancePlan
from scheduler.problem import SlotCapacity
from scheduler.rebalance import rebalance
from scheduler.solution import NO_CAPACITY
from scheduler.verify import verify_rebalance
from tests.unit.scheduler.factories import SUNDAY

CERT, PASS = "criminal-record-certificate", "passport-renewal"
NINE = 9 * 60
LOCATIONS = {"giza": (30.0, 31.2), "dokki": (30.04, 31.21), "far": (31.2, 29.9)}


def key(office: str, service: str, minute: int, day: date = SUNDAY) -> str:
    return f"{office}|{service}|{day.isoformat()}|{minute}"


def grid(
    office: str = "giza",
    services: Sequence[str] = (CERT, PASS),
    minutes: Sequence[int] = (NINE, NINE + 15, NINE + 30, NINE + 45),
    capacity: int = 1,
    day: date = SUNDAY,
    booked: dict[str, int] | None = None,
) -> list[SlotCapacity]:
    booked = booked or {}
    return [
        SlotCapacity(
            key(office, s, m, day), office, s, day, m, capacity, booked.get(key(office, s, m, day), 0)
        )
        for s in services
        for m in minutes
    ]


def chain_at(booking_id: str, minute: int, office: str = "giza") -> list[BookedVisit]:
    """A certificate then a passport renewal, back to back from `minute`."""
    return [(booking_id, key(office, CERT, minute)), (booking_id, key(office, PASS, minute + 15))]


def whole(plan: RebalancePlan) -> dict[str, tuple[str, ...]]:
    return {p.booking_id: p.to_slot_keys for p in plan.placements}


def test_a_chain_whose_second_service_loses_its_counter_moves_whole_to_the_next_pair_of_slots() -> None:
    slots = grid(booked={key("giza", CERT, NINE): 1, key("giza", PASS, NINE + 15): 1})
    displaced, after = cut_capacity(slots, chain_at("c1", NINE), {key("giza", PASS, NINE + 15): 0}, LOCATIONS)

    assert [d.services for d in displaced] == [(CERT, PASS)]
    plan = rebalance(displaced, after)

    assert verify_rebalance(displaced, after, plan) == []
    assert whole(plan) == {"c1": (key("giza", CERT, NINE + 15), key("giza", PASS, NINE + 30))}
    assert plan.stats.moved_same_office_same_day == 1


def test_a_chain_keeps_its_seats_when_only_a_single_booking_had_to_leave() -> None:
    # The passport slot at 9:15 drops from 2 places to 1: the chain is displaced with the
    # single booking there, and staying costs nothing, so the chain keeps its seats (it is placed
    # first) and the single booking moves.
    cut_slot = key("giza", PASS, NINE + 15)
    slots = grid(capacity=2, booked={key("giza", CERT, NINE): 1, cut_slot: 2})
    bookings = [*chain_at("c1", NINE), ("s1", cut_slot)]
    displaced, after = cut_capacity(slots, bookings, {cut_slot: 1}, LOCATIONS)

    plan = rebalance(displaced, after)

    assert verify_rebalance(displaced, after, plan) == []
    assert whole(plan)["c1"] == (key("giza", CERT, NINE), cut_slot)
    assert [p.booking_id for p in plan.moves] == ["s1"]


def test_a_chain_goes_to_a_nearby_office_offering_both_services_when_its_own_day_is_shut() -> None:
    slots = [
        *grid(booked={key("giza", CERT, NINE): 1, key("giza", PASS, NINE + 15): 1}),
        *grid("dokki"),
        *grid("far"),  # too far (radius)
        *[s for s in grid("dokki-passports-only", services=(PASS,))],
    ]
    locations = {**LOCATIONS, "dokki-passports-only": (30.01, 31.2)}
    displaced, after = close_office_day(slots, chain_at("c1", NINE), "giza", SUNDAY, locations, days_after=0)

    assert {c.office_id for c in displaced[0].nearby} == {"dokki"}
    plan = rebalance(displaced, after)

    assert verify_rebalance(displaced, after, plan) == []
    assert whole(plan)["c1"] == (key("dokki", CERT, NINE), key("dokki", PASS, NINE + 15))
    assert plan.stats.moved_other_office == 1


def test_a_chain_nothing_can_take_is_listed_not_split() -> None:
    slots = grid(
        minutes=(NINE, NINE + 15), booked={key("giza", CERT, NINE): 1, key("giza", PASS, NINE + 15): 1}
    )
    displaced, after = cut_capacity(slots, chain_at("c1", NINE), {key("giza", PASS, NINE + 15): 0}, LOCATIONS)

    plan = rebalance(displaced, after)

    assert plan.unplaced == {"c1": NO_CAPACITY}
    assert not plan.placements
    assert verify_rebalance(displaced, after, plan) == []


def test_the_verifier_refuses_a_chain_moved_in_part_or_apart() -> None:
    slots = grid(booked={key("giza", CERT, NINE): 1, key("giza", PASS, NINE + 15): 1})
    displaced, after = cut_capacity(slots, chain_at("c1", NINE), {key("giza", PASS, NINE + 15): 0}, LOCATIONS)

    def codes(*placements: Placement) -> set[str]:
        return {v.code for v in verify_rebalance(displaced, after, RebalancePlan(placements, {}, 0.0))}

    first = key("giza", CERT, NINE)
    assert "chain_split" in codes(Placement("c1", first, key("giza", CERT, NINE + 15)))
    assert "chain_not_consecutive" in codes(
        Placement("c1", first, key("giza", CERT, NINE + 15), (key("giza", PASS, NINE + 45),))
    )
    assert "chain_split" in codes(Placement("c1", first, first, (key("giza", PASS, NINE + 30),)))
    assert "over_capacity" in codes(Placement("c1", first, first, (key("giza", PASS, NINE + 15),)))


# Invariants on random offices, bookings and cuts.

SERVICES = (CERT, PASS, "civil-certificate")
MINUTES = tuple(NINE + 15 * i for i in range(6))


@st.composite
def cuts(draw: st.DrawFn) -> tuple[list[SlotCapacity], list[BookedVisit], dict[str, int]]:
    """Two offices over two days with random room, bookings that fit it (singles and chains of
    two or three services), and a cut of some of the first office's slots."""
    offices = ("giza", "dokki")
    days = (SUNDAY, SUNDAY + timedelta(days=1))
    capacity = {
        key(o, s, m, d): draw(st.integers(0, 2))
        for o in offices
        for d in days
        for s in SERVICES
        for m in MINUTES
    }
    taken: Counter[str] = Counter()
    bookings: list[BookedVisit] = []
    for n in range(draw(st.integers(0, 12))):
        office, day = draw(st.sampled_from(offices)), draw(st.sampled_from(days))
        size = draw(st.integers(1, 3))
        services = draw(st.permutations(SERVICES))[:size]
        start = draw(st.sampled_from(MINUTES[: len(MINUTES) - size + 1]))
        keys = [key(office, s, start + 15 * i, day) for i, s in enumerate(services)]
        if all(taken[k] < capacity[k] for k in keys):
            taken.update(keys)
            bookings += [(f"b{n}", k) for k in keys]
    slots = [
        SlotCapacity(key(o, s, m, d), o, s, d, m, capacity[key(o, s, m, d)], taken[key(o, s, m, d)])
        for o in offices
        for d in days
        for s in SERVICES
        for m in MINUTES
    ]
    giza = sorted(k for k in capacity if k.startswith("giza"))
    cut_keys = draw(st.lists(st.sampled_from(giza), max_size=8, unique=True))
    return slots, bookings, {k: draw(st.integers(0, capacity[k])) for k in cut_keys}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cuts())
def test_after_a_rebalance_no_chain_is_split_no_slot_overfull_and_every_affected_booking_accounted_for(
    case: tuple[list[SlotCapacity], list[BookedVisit], dict[str, int]],
) -> None:
    slots, bookings, cut = case
    displaced, after = cut_capacity(slots, bookings, cut, LOCATIONS)
    plan = rebalance(displaced, after)

    assert verify_rebalance(displaced, after, plan) == []
    held: dict[str, list[str]] = {}
    for booking_id, slot_key in bookings:
        held.setdefault(booking_id, []).append(slot_key)
    affected = {
        b for b, keys in held.items() if any(k in cut and cut[k] < after_booked(slots, k) for k in keys)
    }
    assert {d.id for d in displaced} == affected
    # Every affected booking is placed whole or listed unplaced, never both.
    placed = {p.booking_id: p for p in plan.placements}
    assert set(placed) | set(plan.unplaced) == affected
    assert not set(placed) & set(plan.unplaced)
    for booking_id, p in placed.items():
        assert len(p.to_slot_keys) == len(held[booking_id])
    # Counted from scratch: what stays where it was plus what the plan puts there fits the cut.
    seats = Counter(k for b, keys in held.items() if b not in affected for k in keys)
    seats.update(k for p in plan.placements for k in p.to_slot_keys)
    room = {s.key: cut.get(s.key, s.capacity) for s in slots}
    assert all(seats[k] <= room[k] for k in seats)


def after_booked(slots: list[SlotCapacity], slot_key: str) -> int:
    return next(s.booked for s in slots if s.key == slot_key)
