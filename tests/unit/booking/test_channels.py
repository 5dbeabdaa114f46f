"""Channels: the seats a slot keeps for clerks, seniors' hours, and the walk-in-only pick-up lane
(pure rules, then the use cases on the fakes)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from booking.capacity import day_slots
from booking.channels import (
    Channel,
    in_seniors_hours,
    may_book_in_seniors_hours,
    online_may_take,
    online_seats_left,
    parse_band,
    reserved_seats,
)
from booking.identity import Identity, IdentityType
from booking.offices import Counter
from booking.rules import check_eligibility
from booking.services import COLLECTION, SERVICES
from kernel.errors import Conflict, InvalidInput
from tests.unit.booking.conftest import CITIZEN, OFFICE, SERVICE, World

SENIOR = Identity(IdentityType.NATIONAL_ID, "25001010112345", "EGY", date(1950, 1, 1))


@given(st.lists(st.integers(0, 12), max_size=30), st.sampled_from([0.0, 0.1, 0.2, 1 / 3, 0.5, 0.9]))
def test_a_day_keeps_its_share_of_seats_spread_and_never_more_than_a_slot_has(capacities, share):
    kept = reserved_seats(capacities, share)
    assert all(0 <= k <= c for k, c in zip(kept, capacities, strict=True))
    assert sum(kept) == int(sum(capacities) * min(share, 0.5) + 1e-9)


def test_small_slots_still_keep_seats_across_the_day_where_rounding_each_would_keep_none():
    assert reserved_seats([3] * 10, 0.2) == [0, 1, 0, 1, 1, 0, 1, 0, 1, 1]


@given(st.integers(1, 10), st.integers(0, 10), st.lists(st.booleans(), max_size=30))
def test_online_bookings_never_take_a_seat_kept_for_clerks_whatever_the_order(capacity, reserved, turns):
    reserved = min(reserved, capacity)
    online = assisted = 0
    for clerk in turns:  # True: a clerk books now; False: someone online
        if clerk and online + assisted < capacity:
            assisted += 1
        elif not clerk and online_may_take(capacity, online + assisted, reserved, assisted):
            assert online_seats_left(capacity, online + assisted, reserved, assisted) > 0
            online += 1
    assert online + assisted <= capacity
    assert online <= capacity - max(reserved, assisted)


def test_seniors_hours_admit_the_sixty_or_over_and_clerks_only():
    band = parse_band("08:00-09:00")
    assert band == (time(8), time(9)) and parse_band("") is None
    assert in_seniors_hours(band, time(8, 30)) and not in_seniors_hours(band, time(9))
    assert may_book_in_seniors_hours(Channel.ONLINE, senior=True)
    assert may_book_in_seniors_hours(Channel.PHONE, senior=False)
    assert not may_book_in_seniors_hours(Channel.ONLINE, senior=False)
    with pytest.raises(ValueError):
        parse_band("09:00-08:00")


def test_the_pick_up_lane_has_no_slots_and_takes_no_time_from_a_counter_it_shares():
    day = date(2026, 3, 3)
    assert day_slots(OFFICE, COLLECTION, day) == []
    shared = replace(
        OFFICE,
        counters=tuple(
            replace(c, services=c.services | {COLLECTION}) if SERVICE in c.services else c
            for c in OFFICE.counters
        ),
    )
    assert [s.capacity for s in day_slots(shared, SERVICE, day)] == [
        s.capacity for s in day_slots(OFFICE, SERVICE, day)
    ]
    with pytest.raises(InvalidInput) as refused:
        check_eligibility(SERVICES[COLLECTION], CITIZEN)
    assert refused.value.code == "walk_in_only"


def _with_channels(world: World, share: float = 0.5, seniors: bool = False):
    office = replace(
        OFFICE,
        assisted_share=share,
        seniors_hours=(time(8), time(9)) if seniors else None,
        counters=(Counter(1, "1", frozenset({SERVICE})),),
    )
    world.offices.by_id[office.id] = office
    return office


async def test_online_bookings_leave_the_kept_seats_and_a_clerk_takes_them(world: World):
    office = _with_channels(world, share=0.5)
    day, _ = await world.open_day(office=office)
    slot = next(s for s in await world.offices.day_slots(office, SERVICE, day) if s.reserved)
    [online] = await world.appointments.availability(office.id, SERVICE, day, day)
    [desk] = await world.appointments.availability(office.id, SERVICE, day, day, Channel.DESK)
    assert dict(online.slots)[slot] == slot.capacity - slot.reserved
    assert dict(desk.slots)[slot] == slot.capacity
    people = (Identity(IdentityType.NATIONAL_ID, f"2900101011{n:04d}", "EGY") for n in range(20))
    for _ in range(slot.capacity - slot.reserved):
        await world.appointments.book(world.command(slot.start, next(people)))
    with pytest.raises(Conflict) as refused:
        await world.appointments.book(world.command(slot.start, next(people)))
    assert refused.value.code == "slot_full"
    booked = await world.appointments.book(world.command(slot.start, next(people), channel=Channel.PHONE))
    assert booked.channel == "phone"
    cancelled_clerks_seat = await world.appointments.cancel(booked.code, booked_number(booked, world))
    assert cancelled_clerks_seat.channel == "phone"
    with pytest.raises(Conflict):  # the clerk's cancelled seat is kept for clerks again
        await world.appointments.book(world.command(slot.start, next(people)))


def booked_number(booking, world: World) -> str:
    n = next(n for n in range(20) if f"{n:04d}" == booking.applicant.identity_last4)
    return f"2900101011{n:04d}"


async def test_seniors_hours_refuse_a_younger_applicant_online_but_not_a_senior_or_a_clerk(world: World):
    office = _with_channels(world, share=0.0, seniors=True)
    day, _ = await world.open_day(office=office)
    first, second = (await world.offices.day_slots(office, SERVICE, day))[:2]  # 08:00, 08:30
    with pytest.raises(Conflict) as refused:
        await world.appointments.book(world.command(first.start))
    assert refused.value.code == "seniors_hours" and "٠٨:٠٠" in refused.value.detail_ar
    assert (await world.appointments.book(world.command(first.start, SENIOR))).senior_on_visit
    by_clerk = await world.appointments.book(world.command(second.start, channel=Channel.DESK))
    assert by_clerk.channel == "desk"
