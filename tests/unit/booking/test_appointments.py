"""Appointments on fakes: availability, booking, look-up, cancelling and rescheduling."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from booking.appointments import Appointments
from booking.calendar import Closure
from booking.identity import Identity, IdentityType
from booking.rules import BookingStatus
from kernel.errors import Conflict, InvalidInput, NotFound
from tests.unit.booking.conftest import CITIZEN, OFFICE, OTHER, SERVICE, World


async def test_booking_a_free_slot_confirms_it_and_drops_the_cached_availability(world: World):
    _, slots = await world.open_day()
    booking = await world.appointments.book(world.command(slots[0].start))
    assert booking.status is BookingStatus.CONFIRMED
    assert (booking.office_id, booking.service, booking.starts_at) == (OFFICE.id, SERVICE, slots[0].start)
    applicant = booking.applicant
    assert applicant.identity_last4 == CITIZEN.last4 and CITIZEN.number not in applicant.identity_hash
    assert world.changed == [(OFFICE.id, SERVICE, booking.day)]  # that day's availability, no other


async def test_availability_counts_down_each_booking_of_a_slot(world: World):
    day, slots = await world.open_day()
    before = {
        slot.start: left
        for slot, left in (await world.appointments.availability(OFFICE.id, SERVICE, day, day))[0].slots
    }
    await world.appointments.book(world.command(slots[0].start))
    after = {
        slot.start: left
        for slot, left in (await world.appointments.availability(OFFICE.id, SERVICE, day, day))[0].slots
    }
    assert after[slots[0].start] == before[slots[0].start] - 1
    assert {start: left for start, left in after.items() if start != slots[0].start} == {
        start: left for start, left in before.items() if start != slots[0].start
    }


async def test_a_full_slot_is_refused_and_shown_with_nothing_left(world: World):
    day, slots = await world.open_day()
    slot = slots[0]
    for n in range(slot.capacity):
        await world.appointments.book(world.command(slot.start, _citizen(n)))
    with pytest.raises(Conflict) as refused:
        await world.appointments.book(world.command(slot.start, _citizen(slot.capacity)))
    assert refused.value.code == "slot_full"
    [shown] = await world.appointments.availability(OFFICE.id, SERVICE, day, day)
    assert dict(shown.slots)[slot] == 0


def _citizen(n: int) -> Identity:
    return Identity(IdentityType.NATIONAL_ID, f"2900101011{n:04d}", "EGY")


async def test_one_identity_holds_one_active_booking_per_service(world: World):
    _, slots = await world.open_day()
    await world.appointments.book(world.command(slots[0].start))
    with pytest.raises(Conflict) as refused:
        await world.appointments.book(world.command(slots[1].start))
    assert refused.value.code == "duplicate_booking"


async def test_an_unknown_service_or_office_is_refused_before_anything_is_booked(world: World):
    _, slots = await world.open_day()
    with pytest.raises(InvalidInput):
        await world.appointments.book(world.command(slots[0].start, service="no-such-service"))
    with pytest.raises(NotFound):
        await world.appointments.book(world.command(slots[0].start, office_id="nowhere"))
    assert world.bookings.rows == {}


async def test_a_time_the_office_does_not_offer_is_refused(world: World):
    _, slots = await world.open_day()
    with pytest.raises(InvalidInput) as refused:
        await world.appointments.book(world.command(slots[0].start + timedelta(minutes=1)))
    assert refused.value.code == "slot_not_offered"


async def test_a_booking_is_found_only_with_its_code_and_the_same_identity_number(world: World):
    _, slots = await world.open_day()
    booking = await world.appointments.book(world.command(slots[0].start))
    assert await world.appointments.find(booking.code.lower(), CITIZEN.number) == booking
    for code, number in ((booking.code, OTHER.number), ("ZZZZ-ZZZZ", CITIZEN.number), (booking.code, None)):
        with pytest.raises(NotFound) as refused:
            await world.appointments.find(code, number)
        assert refused.value.code == "booking_not_found"


async def test_cancelling_frees_the_seat_and_cannot_be_done_twice(world: World):
    day, slots = await world.open_day()
    booking = await world.appointments.book(world.command(slots[0].start))
    cancelled = await world.appointments.cancel(booking.code, CITIZEN.number)
    assert cancelled.status is BookingStatus.CANCELLED
    [shown] = await world.appointments.availability(OFFICE.id, SERVICE, day, day)
    assert dict(shown.slots)[slots[0]] == slots[0].capacity
    with pytest.raises(Conflict) as refused:
        await world.appointments.cancel(booking.code, CITIZEN.number)
    assert refused.value.code == "booking_not_changeable"
    assert (await world.appointments.book(world.command(slots[1].start))).status is BookingStatus.CONFIRMED


async def test_rescheduling_moves_the_booking_and_its_seat(world: World):
    day, slots = await world.open_day()
    booking = await world.appointments.book(world.command(slots[0].start))
    moved = await world.appointments.reschedule(booking.code, CITIZEN.number, slots[1].start)
    assert (moved.id, moved.code, moved.starts_at) == (booking.id, booking.code, slots[1].start)
    [shown] = await world.appointments.availability(OFFICE.id, SERVICE, day, day)
    left = dict(shown.slots)
    assert (left[slots[0]], left[slots[1]]) == (slots[0].capacity, slots[1].capacity - 1)


async def test_rescheduling_to_the_same_slot_changes_nothing(world: World):
    _, slots = await world.open_day()
    booking = await world.appointments.book(world.command(slots[0].start))
    world.changed.clear()
    assert await world.appointments.reschedule(booking.code, CITIZEN.number, slots[0].start) == booking
    assert world.changed == []


async def test_a_cancelled_booking_cannot_be_rescheduled(world: World):
    _, slots = await world.open_day()
    booking = await world.appointments.book(world.command(slots[0].start))
    await world.appointments.cancel(booking.code, CITIZEN.number)
    with pytest.raises(Conflict) as refused:
        await world.appointments.reschedule(booking.code, CITIZEN.number, slots[1].start)
    assert refused.value.code == "booking_not_changeable"


async def test_availability_refuses_a_range_backwards_or_too_long(world: World):
    day, _ = await world.open_day()
    with pytest.raises(InvalidInput):
        await world.appointments.availability(OFFICE.id, SERVICE, day, day - timedelta(days=1))
    with pytest.raises(InvalidInput):
        await world.appointments.availability(OFFICE.id, SERVICE, day, day + timedelta(days=62))


async def test_the_first_free_day_is_the_nearest_with_a_time_to_book_and_skips_a_closed_one(world: World):
    first = await world.appointments.first_free_day(OFFICE.id, SERVICE)
    assert first is not None
    days = await world.appointments.availability(OFFICE.id, SERVICE, None, None)
    assert first == next(day.day for day in days if day.free)
    world.offices.closed[OFFICE.id] = (Closure(OFFICE.id, first),)
    after = await world.appointments.first_free_day(OFFICE.id, SERVICE)
    assert after is not None and after > first


async def test_no_free_day_when_every_open_day_is_closed(world: World):
    today = world.clock.now().date()
    last = world.release.last_open_day(world.clock.now())
    days = [today + timedelta(days=n) for n in range((last - today).days + 1)]
    world.offices.closed[OFFICE.id] = tuple(Closure(OFFICE.id, day) for day in days)
    assert await world.appointments.first_free_day(OFFICE.id, SERVICE) is None


async def test_a_new_booking_frees_no_seat_but_a_cancel_and_a_move_do(world: World):
    """The waitlist hears only of changes that may free a seat: a rush of new bookings does not
    wake its work at every one, while the availability caches hear of all."""
    _, slots = await world.open_day()
    changed: list[tuple[str, str, date | None]] = []
    freed: list[tuple[str, str]] = []
    appointments = Appointments(
        world.offices,
        world.bookings,
        world.clock,
        world.hasher,
        on_change=lambda office, service, day=None: changed.append((office, service, day)),
        on_freed=lambda office, service: freed.append((office, service)),
    )
    booking = await appointments.book(world.command(slots[0].start))
    assert changed == [(OFFICE.id, SERVICE, booking.day)] and freed == []
    await appointments.reschedule(booking.code, CITIZEN.number, slots[1].start)
    assert freed == [(OFFICE.id, SERVICE)] * 2  # the seat left and the seat taken
    await appointments.cancel(booking.code, CITIZEN.number)
    assert freed == [(OFFICE.id, SERVICE)] * 3
    appointments.changed(OFFICE.id, SERVICE)  # a change made elsewhere (a declined offer)
    assert freed == [(OFFICE.id, SERVICE)] * 4
    assert len(changed) == 5
