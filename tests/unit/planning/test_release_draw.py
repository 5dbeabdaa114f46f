"""A new day's opening draw on fakes: claimed once, drawn in the order the seed gives, each entry
in its chosen slot or the nearest free time, the rest told why (``draw_full``,
``no_eligible_slot``)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from booking.booking_requests import BookingRequest, RequestStatus
from booking.calendar import Closure
from planning.lottery import draw_order
from planning.release_draw import STALE_CLAIM, ReleaseDraws
from tests.unit.planning.conftest import HOME, NEW_DAY, OPENING, SERVICE, World, citizen


async def enter(world: World, how_many: int, slot: int = 0) -> list[BookingRequest]:
    """``how_many`` citizens enter the new day's draw, each for its ``slot``-th slot."""
    world.clock.instant = OPENING
    start = (await world.slots(NEW_DAY))[slot].start
    return [await world.entries.enter(world.command(start, citizen(n))) for n in range(how_many)]


def draw_closed(world: World) -> None:
    world.clock.instant = world.appointments.release.draw_closes(NEW_DAY) + timedelta(seconds=1)


def start_of(world: World, entry: BookingRequest) -> datetime | None:
    """Where the entry was booked; None when it was not."""
    row = world.requests.rows[entry.id]
    if row.booking_id is None:
        return None
    return world.bookings.rows[row.booking_id].starts_at


async def test_a_draw_is_due_once_it_closes_and_no_longer_once_decided(world: World):
    await enter(world, 1)
    assert await world.draws.due(world.clock.now()) == []
    draw_closed(world)
    assert await world.draws.due(world.clock.now()) == [NEW_DAY]
    await world.draws.decide(NEW_DAY)
    assert await world.draws.due(world.clock.now()) == []


async def test_entries_take_their_slot_in_the_order_drawn_from_the_seed_then_the_nearest_free_time(
    world: World,
):
    entries = await enter(world, 5)  # five for the 09:00 slot, which has two places
    draw_closed(world)
    result = await world.draws.decide(NEW_DAY)
    assert result is not None and (result.entries, result.placed, result.unplaced) == (5, 5, 0)
    order = draw_order([e.id for e in entries], result.seed)
    nine, half_past, ten = (s.start for s in await world.slots(NEW_DAY))
    by_id = {e.id: e for e in entries}
    assert [start_of(world, by_id[key]) for key in order] == [nine, nine, half_past, half_past, ten]
    assert all(world.requests.rows[e.id].status is RequestStatus.ASSIGNED for e in entries)
    assert [m.kind for m in world.outbox] == ["request_assigned"] * 5


async def test_a_full_day_leaves_the_last_drawn_unassigned_as_draw_full_and_tells_them(world: World):
    entries = await enter(world, 7, slot=2)  # seven for a day of six places
    draw_closed(world)
    result = await world.draws.decide(NEW_DAY)
    assert result is not None and (result.placed, result.unplaced, result.left_pending) == (6, 1, 0)
    last = draw_order([e.id for e in entries], result.seed)[-1]
    refused = world.requests.rows[last]
    assert (refused.status, refused.reason, refused.booking_id) == (
        RequestStatus.UNASSIGNED,
        "draw_full",
        None,
    )
    [told] = [m for m in world.outbox if m.kind == "request_unassigned"]
    assert told.request_id == last


async def test_entries_for_a_day_the_office_closed_since_are_unassigned_as_no_eligible_slot(world: World):
    entries = await enter(world, 2)
    world.close(Closure(HOME.id, NEW_DAY, reason_en="works", reason_ar="أعمال"))
    draw_closed(world)
    result = await world.draws.decide(NEW_DAY)
    assert result is not None and (result.placed, result.unplaced) == (0, 2)
    assert {world.requests.rows[e.id].reason for e in entries} == {"no_eligible_slot"}
    assert world.bookings.rows == {}


async def test_only_one_of_two_processes_draws_a_day(world: World):
    entries = await enter(world, 3)
    draw_closed(world)
    other = ReleaseDraws(
        world.appointments,
        offices=world.offices,
        clock=world.clock,
        entries=world.requests,
        claims=world.claims,
        assignments=world.assignments,
    )
    results = await asyncio.gather(world.draws.decide(NEW_DAY), other.decide(NEW_DAY))
    decided = [r for r in results if r is not None]
    assert len(decided) == 1 and decided[0].placed == 3
    assert len(world.bookings.rows) == len(entries)


async def test_a_claim_another_process_holds_is_left_alone_until_it_goes_stale(world: World):
    await enter(world, 2)
    draw_closed(world)
    now = world.clock.now()
    assert await world.claims.claim(NEW_DAY, "first-seed", now, STALE_CLAIM) == "first-seed"
    assert await world.draws.decide(NEW_DAY) is None  # its process is drawing it
    world.clock.advance(STALE_CLAIM + timedelta(seconds=1))  # ... or died half-way
    result = await world.draws.decide(NEW_DAY)
    assert result is not None and result.seed == "first-seed" and result.placed == 2


async def test_the_decided_draw_is_heard_of_and_the_slots_it_filled_are_reported_changed(world: World):
    await enter(world, 2)
    draw_closed(world)
    result = await world.draws.decide(NEW_DAY)
    assert world.drawn == [result]
    assert (HOME.id, SERVICE) in world.changed
    assert world.claims.days[NEW_DAY].finished_at == world.clock.now()
    assert (world.claims.days[NEW_DAY].entries, world.claims.days[NEW_DAY].placed) == (2, 2)
