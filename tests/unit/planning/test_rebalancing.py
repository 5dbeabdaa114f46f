"""Rebalancing after a capacity cut, on fakes: only the bookings over the cut capacity move, to
the same office first, then to a nearby one; what no slot takes is cancelled; each holder is
told; a plan is applied once, and what the world changed since the preview is skipped."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.bookings import Booking
from booking.calendar import Closure
from booking.offices import Office
from booking.rules import BookingStatus
from kernel.days import TIMEZONE
from kernel.errors import Conflict
from planning.plans import StoredPlan
from planning.rebalancing import cause
from tests.unit.planning.conftest import HOME, NEARBY, SERVICE, TOMORROW, World

NINE_TO_HALF_PAST = Closure(
    HOME.id,
    TOMORROW,
    counter_id=1,
    starts=time(9, 0),
    ends=time(9, 30),
    reason_en="a repair",
    reason_ar="إصلاح",
)
WORKING_DAYS = [TOMORROW + timedelta(days=n) for n in range(4)]  # Monday to Thursday


async def cut_nine_oclock(world: World) -> tuple[list[Booking], StoredPlan]:
    """Monday full at home, then its 09:00 slot closed; the bookings there and the plan."""
    booked = await world.fill(TOMORROW)
    nine = (await world.slots(TOMORROW))[0].start
    world.close(NINE_TO_HALF_PAST)
    plan = await world.rebalancing.preview(HOME, TOMORROW, TOMORROW, None, "manager")
    return [b for b in booked if b.starts_at == nine], plan


async def fill_days(world: World, days: list[date], office: Office = HOME, first: int = 0) -> int:
    """Every place of ``office`` on ``days`` booked; the next free citizen number."""
    for day in days:
        first += len(await world.fill(day, office, first))
    return first


async def test_only_the_bookings_over_the_cut_capacity_move_and_first_within_the_office(world: World):
    at_nine, stored = await cut_nine_oclock(world)
    plan = stored.plan
    assert sorted(m.booking_id for m in plan.moves) == sorted(b.id for b in at_nine)
    assert plan.unplaced == [] and plan.stats.displaced == 2
    assert {m.to.office_id for m in plan.moves} == {HOME.id}  # Tuesday has room at home
    assert all(date.fromisoformat(m.to.day) > TOMORROW for m in plan.moves)  # Monday is full
    assert plan.causes[TOMORROW.isoformat()] == ["a repair", "إصلاح"]
    assert world.plans.rows[stored.id]["status"] == "preview"
    assert world.outbox == [] and all(b.starts_at == world.bookings.rows[b.id].starts_at for b in at_nine)


async def test_when_the_office_is_full_for_days_a_booking_goes_to_the_nearby_office_never_the_far_one(
    world: World,
):
    await fill_days(world, WORKING_DAYS)
    world.close(Closure(HOME.id, TOMORROW))
    plan = (await world.rebalancing.preview(HOME, TOMORROW, TOMORROW, None, "manager")).plan
    assert len(plan.moves) == 6 and plan.unplaced == []
    assert {m.to.office_id for m in plan.moves} == {NEARBY.id}
    assert all(m.distance_km > 0 for m in plan.moves)


async def test_applying_moves_each_booking_and_tells_its_holder(world: World):
    at_nine, stored = await cut_nine_oclock(world)
    world.changed.clear()
    applied = await world.rebalancing.apply(stored)
    assert (applied.moved, applied.cancelled, applied.skipped, applied.notifications) == (2, 0, [], 2)
    for move in stored.plan.moves:
        now = world.bookings.rows[move.booking_id]
        assert (now.office_id, now.starts_at.isoformat()) == (move.to.office_id, move.to.start)
    assert [m.kind for m in world.outbox] == ["booking_moved", "booking_moved"]
    assert {m.booking_code for m in world.outbox} == {b.code for b in at_nine}
    assert all("a repair" in m.message or "إصلاح" in m.message for m in world.outbox)
    assert (HOME.id, SERVICE) in world.changed
    assert world.plans.rows[stored.id]["status"] == "applied"
    assert world.plans.rows[stored.id]["result"]["moved"] == 2


async def test_a_plan_is_applied_once(world: World):
    _, stored = await cut_nine_oclock(world)
    await world.rebalancing.apply(stored)
    moved = dict(world.bookings.rows)
    with pytest.raises(Conflict) as refused:
        await world.rebalancing.apply(stored)
    assert refused.value.code == "plan_already_applied"
    assert world.bookings.rows == moved and len(world.outbox) == 2


async def test_a_booking_no_slot_takes_is_unplaced_then_cancelled_and_its_holder_told(world: World):
    booked = await world.fill(TOMORROW)
    world.close(Closure(HOME.id, TOMORROW))
    # No destination allowed, and the rest of the week full at home: nowhere to go.
    await fill_days(world, WORKING_DAYS[1:], first=len(booked))
    stored = await world.rebalancing.preview(HOME, TOMORROW, TOMORROW, frozenset(), "manager")
    assert stored.plan.moves == [] and {u.reason for u in stored.plan.unplaced} == {"no_capacity"}
    applied = await world.rebalancing.apply(stored)
    assert (applied.moved, applied.cancelled, applied.notifications) == (0, 6, 6)
    assert {world.bookings.rows[b.id].status for b in booked} == {BookingStatus.CANCELLED}
    assert [m.kind for m in world.outbox] == ["booking_cancelled"] * 6
    monday = [
        row
        for (office, _, _), row in world.bookings.slots.items()
        if (office, row.day) == (HOME.id, TOMORROW)
    ]
    assert [row.booked for row in monday] == [0, 0, 0]  # their places freed


async def test_a_booking_changed_since_the_preview_is_skipped_and_the_rest_applied(world: World):
    at_nine, stored = await cut_nine_oclock(world)
    await world.bookings.cancel(at_nine[0], world.clock.now())
    applied = await world.rebalancing.apply(stored)
    assert applied.moved == 1
    assert [(s.booking_code, s.reason) for s in applied.skipped] == [(at_nine[0].code, "booking_changed")]
    assert [m.booking_code for m in world.outbox] == [at_nine[1].code]


async def test_a_slot_filled_since_the_preview_is_skipped_as_slot_full_and_the_booking_stays(world: World):
    at_nine, stored = await cut_nine_oclock(world)
    targets = {date.fromisoformat(m.to.day) for m in stored.plan.moves}
    await fill_days(world, sorted(targets), first=100)
    applied = await world.rebalancing.apply(stored)
    assert applied.moved == 0 and {s.reason for s in applied.skipped} == {"slot_full"}
    assert all(world.bookings.rows[b.id].starts_at == b.starts_at for b in at_nine)
    assert world.outbox == []


async def test_bookings_that_have_started_are_not_moved(world: World):
    await world.fill(TOMORROW)
    world.close(NINE_TO_HALF_PAST)
    world.clock.instant = datetime.combine(TOMORROW, time(9, 10), tzinfo=ZoneInfo(TIMEZONE))
    plan = (await world.rebalancing.preview(HOME, TOMORROW, TOMORROW, None, "manager")).plan
    assert plan.moves == [] and plan.unplaced == []


def test_a_reason_written_in_one_language_is_told_in_it_and_the_other_gets_the_standard_words():
    arabic_only = (Closure(HOME.id, TOMORROW, reason_ar="أعمال صيانة"),)
    english, arabic = cause(HOME, arabic_only, TOMORROW)
    assert arabic == "أعمال صيانة"
    assert english == f"{HOME.name_en} is closed that day"
    both = (
        *arabic_only,
        Closure(HOME.id, TOMORROW, counter_id=1, reason_en="a burst pipe", reason_ar="انفجار ماسورة"),
    )
    assert cause(HOME, both, TOMORROW) == ("a burst pipe", "انفجار ماسورة")  # one closure's words, whole
