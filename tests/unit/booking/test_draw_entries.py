"""Entering a day's opening draw on fakes: while the draw collects entries, a booking attempt is
kept as a pending request for that office, day and slot; a direct booking is refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from booking.booking_requests import RequestStatus
from booking.capacity import Slot
from kernel.errors import Conflict
from tests.unit.booking.conftest import CITIZEN, OFFICE, SERVICE, World


async def during_a_draw(world: World) -> tuple[date, Slot]:
    """Set the clock five minutes into the opening of a day with slots; that day and its first slot."""
    release = world.release
    day = world.clock.now().date() + timedelta(days=release.days_ahead)
    while not (slots := await world.offices.day_slots(OFFICE, SERVICE, day)):
        day += timedelta(days=1)
    world.clock.instant = release.opening(day) + timedelta(minutes=5)
    assert release.in_draw(day, world.clock.now())
    return day, slots[0]


async def test_an_attempt_during_the_draw_is_kept_as_an_entry_for_that_slot(world: World):
    day, slot = await during_a_draw(world)
    entry = await world.draws.enter(world.command(slot.start))
    assert entry.status is RequestStatus.PENDING and entry.is_draw_entry
    assert (entry.first_day, entry.last_day, entry.preferred_start) == (day, day, slot.start)
    assert [office.office_id for office in entry.offices] == [OFFICE.id]
    assert world.bookings.rows == {}


async def test_booking_directly_during_the_draw_is_refused_and_availability_says_until_when(world: World):
    day, slot = await during_a_draw(world)
    with pytest.raises(Conflict) as refused:
        await world.appointments.book(world.command(slot.start))
    assert refused.value.code == "release_draw_running"
    [shown] = await world.appointments.availability(OFFICE.id, SERVICE, day, day)
    assert shown.draw_until == world.release.draw_closes(day)


async def test_one_entry_per_identity_and_service(world: World):
    _, slot = await during_a_draw(world)
    await world.draws.enter(world.command(slot.start))
    with pytest.raises(Conflict) as refused:
        await world.draws.enter(world.command(slot.start))
    assert refused.value.code == "duplicate_request"
    assert [row.applicant.identity_last4 for row in world.requests.rows.values()] == [CITIZEN.last4]
