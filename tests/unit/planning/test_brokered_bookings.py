"""The report of brokered bookings and the purge, on fakes: a manager sees the clusters that touch
their offices with only their offices' bookings (and how many the whole cluster holds), cancels
them with a message to each holder in their language, and what was checked in or moved meanwhile
is skipped; a citizen's move is remembered, so moves in lock-step show."""

from __future__ import annotations

from datetime import timedelta

import pytest

from booking.applicant import Applicant
from booking.bookings import Booking, Move, NewBooking
from booking.brokered import Thresholds
from booking.codes import new_booking_code
from booking.offices import Office
from booking.provenance import Provenance
from booking.rules import BookingStatus
from planning.brokered_bookings import BrokeredBookings
from tests.fakes.planning import FakeBookingTrails
from tests.unit.planning.conftest import FAR, HOME, NEARBY, SERVICE, TOMORROW, World

BOT = "b" * 64  # the digest of one client address
HOUR = timedelta(hours=1)


@pytest.fixture
def brokered(world: World) -> BrokeredBookings:
    return BrokeredBookings(
        FakeBookingTrails(world.bookings), world.plans, world.offices, world.clock, Thresholds()
    )


async def made(
    world: World,
    n: int,
    office: Office = HOME,
    address: str | None = None,
    lang: str = "ar",
    minutes: int = 0,
) -> Booking:
    """Citizen ``n``'s booking at ``office`` tomorrow, made ``minutes`` from now from ``address``
    (else an address of its own); name and mobile their own."""
    slots = await world.slots(TOMORROW, office)
    taken = sum(1 for b in world.bookings.rows.values() if b.office_id == office.id)
    slot = slots[taken // 2]  # two places a slot
    applicant = Applicant(
        f"identity-{n}", "national_id", "EGY", f"{n:04d}", "k1", f"Citizen {n}", f"+2010{n:08d}", None, lang
    )
    new = NewBooking(
        new_booking_code(),
        applicant,
        senior_on_visit=False,
        service=SERVICE,
        office_id=office.id,
        starts_at=slot.start,
        ends_at=slot.end,
        day=TOMORROW,
        slot_capacity=slot.capacity,
        origin_address=address or f"{n:064x}",
    )
    return await world.bookings.create(new, world.clock.now() + timedelta(minutes=minutes))


async def test_a_manager_sees_the_clusters_touching_their_offices_with_their_bookings_only(
    world: World, brokered: BrokeredBookings
):
    now = world.clock.now()
    at_home = [await made(world, n, HOME, BOT, minutes=n) for n in range(3)]
    nearby = [await made(world, n, NEARBY, BOT, minutes=n) for n in range(3, 5)]
    for n in range(10, 13):
        await made(world, n, HOME, minutes=n)  # honest: each from an address of its own
    await world.bookings.cancel(nearby[1], now)  # a rotating broker's: still evidence

    [sighting] = await brokered.report(now, now + HOUR, {HOME.id})
    assert sighting.cluster.reason == "shared_address"
    assert sighting.bookings == tuple(at_home)
    assert (sighting.total, sighting.cancelled) == (4, 1)  # the other office's active one counted
    [everywhere] = await brokered.report(now, now + HOUR, None)
    assert [b.id for b in everywhere.bookings] == [b.id for b in [*at_home, nearby[0]]]
    assert await brokered.report(now, now + HOUR, {FAR.id}) == []
    assert await brokered.report(now + HOUR, now + 2 * HOUR, None) == []  # made before the range


async def test_the_purge_cancels_with_a_message_in_each_holders_language_and_skips_what_changed(
    world: World, brokered: BrokeredBookings
):
    english, arabic, checked_in, moved = [
        await made(world, n, HOME, BOT, lang=lang) for n, lang in enumerate(["en", "ar", "ar", "ar"])
    ]
    now = world.clock.now()
    await world.bookings.set_status(checked_in.id, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, now)
    later = (await world.slots(TOMORROW))[2]
    await world.bookings.reschedule(
        moved, Move(HOME.id, later.start, later.end, TOMORROW, later.capacity), now
    )
    told: list[Booking] = []

    purge = await brokered.cancel([english, arabic, checked_in, moved], on_cancelled=told.append)

    assert (purge.cancelled, purge.skipped, told) == (
        [english, arabic],
        [checked_in, moved],
        [english, arabic],
    )
    statuses = [world.bookings.rows[b.id].status for b in (english, arabic, checked_in, moved)]
    assert statuses == [
        BookingStatus.CANCELLED,
        BookingStatus.CANCELLED,
        BookingStatus.CHECKED_IN,
        BookingStatus.CONFIRMED,
    ]
    assert [(m.kind, m.lang, m.phone, m.booking_code) for m in world.outbox] == [
        ("booking_cancelled_brokered", "en", english.applicant.phone, english.code),
        ("booking_cancelled_brokered", "ar", arabic.applicant.phone, arabic.code),
    ]
    assert HOME.name_en in world.outbox[0].message and HOME.name_ar in world.outbox[1].message


async def test_bookings_are_found_by_code_and_a_citizens_moves_are_remembered_for_lock_step(
    world: World, brokered: BrokeredBookings
):
    booked = [await made(world, n) for n in range(3)]
    found = await brokered.bookings([b.code for b in booked[:2]] + ["NOSUCHCODE"])
    assert sorted(b.id for b in found) == [b.id for b in booked[:2]]

    world.clock.advance(2 * HOUR)
    moved_from = world.clock.now()
    for booking in booked:
        await brokered.note_move(booking, Provenance(address=BOT))
        world.clock.advance(timedelta(seconds=3))
    stored = [world.bookings.rows[b.id] for b in booked]
    assert [(b.moved_at, b.moved_address) for b in stored] == [
        (moved_from + timedelta(seconds=3 * n), BOT) for n in range(3)
    ]
    [sighting] = await brokered.report(moved_from, moved_from + HOUR, None)
    assert sighting.cluster.reason == "lockstep_moves" and sighting.bookings == tuple(stored)
