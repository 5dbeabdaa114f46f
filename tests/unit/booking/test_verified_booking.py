"""Booking with a verified mobile on fakes: the seat is held, a six-digit code texted, and only
that code makes the booking; wrong codes, resends and the hold's time are limited, and every
hold that ends frees its seat once, with the availability caches told."""

from __future__ import annotations

import re
from collections.abc import Awaitable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import pytest

from booking.demo import DEMO_OFFICES
from booking.identity import Identity, IdentityType
from booking.notices import verification_notice
from booking.offices import Office
from booking.rules import BookingStatus
from booking.verification import HeldBooking, VerificationPolicy, resend
from booking.verified_booking import VerifiedBooking
from kernel.errors import Conflict, DomainError, InvalidInput, NotFound
from tests.fakes.holds import FakeHolds
from tests.unit.booking.conftest import CITIZEN, OFFICE, OTHER, SERVICE, World

KEY = b"unit-test-verification-key"
POLICY = VerificationPolicy()  # ten minutes, five wrong codes, three sends thirty seconds apart
CHANGED = (OFFICE.id, SERVICE)


def places(changed: list[tuple[str, str, date | None]]) -> list[tuple[str, str]]:
    """What changed without the day (a seat freed by the store is told for every day)."""
    return [(office_id, service) for office_id, service, _ in changed]


GIZA = next(office for office in DEMO_OFFICES if office.id == "giza-passports")


@dataclass
class Verifying:
    world: World
    holds: FakeHolds
    verified: VerifiedBooking

    async def hold(
        self, start: datetime, identity: Identity = CITIZEN, office: Office = OFFICE
    ) -> tuple[HeldBooking, str]:
        """A seat held for ``identity`` at ``office``, and the code texted for it."""
        sent = len(self.holds.outbox)
        held = await self.verified.start(self.world.command(start, identity, office_id=office.id))
        [code] = self.codes_since(sent)
        return held, code

    def codes_since(self, sent: int) -> list[str]:
        """The codes texted after the first ``sent`` messages."""
        return [_code(message.message) for message in self.holds.outbox[sent:]]

    async def left(self, start: datetime, office: Office = OFFICE) -> int:
        """The seats of the slot at ``start`` at ``office`` shown as free."""
        day = start.date()
        [shown] = await self.world.appointments.availability(office.id, SERVICE, day, day)
        return next(left for slot, left in shown.slots if slot.start == start)


def _code(text: str) -> str:
    found = re.search(r"\d{6}", text)
    assert found is not None, text
    return found.group(0)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


@pytest.fixture
def verifying(world: World) -> Verifying:
    holds = FakeHolds(world.bookings)
    return Verifying(world, holds, VerifiedBooking(world.appointments, holds, KEY, POLICY))


async def refusal(work: Awaitable[object]) -> DomainError:
    with pytest.raises(DomainError) as refused:
        await work
    return refused.value


async def test_a_held_seat_is_booked_only_with_the_code_texted_for_it(verifying: Verifying):
    world = verifying.world
    _, slots = await world.open_day()
    start, capacity = slots[0].start, slots[0].capacity
    held, code = await verifying.hold(start)
    [texted] = verifying.holds.outbox
    assert (texted.kind, texted.phone, texted.booking_code) == ("verification", "01012345678", None)
    assert world.bookings.rows == {} and await verifying.left(start) == capacity - 1
    assert places(world.changed) == [CHANGED]
    _, theirs = await verifying.hold(start, OTHER)
    if theirs == code:  # one draw in a million
        pytest.skip("the two holds were texted the same code")

    mistaken = await refusal(verifying.verified.confirm(held.hold.hold_id, theirs))
    assert (type(mistaken), mistaken.code, mistaken.facts) == (
        InvalidInput,
        "wrong_verification_code",
        {"tries_left": 4},
    )
    booking = await verifying.verified.confirm(held.hold.hold_id, code)
    assert (booking.status, booking.starts_at, booking.applicant.identity_last4) == (
        BookingStatus.CONFIRMED,
        start,
        CITIZEN.last4,
    )
    assert [day for _, _, day in world.changed] == [booking.day] * 3  # the hold's day, each time
    assert await verifying.left(start) == capacity - 2  # the held seat became the booking's, no more
    assert places(world.changed) == [CHANGED] * 3
    again = await refusal(verifying.verified.confirm(held.hold.hold_id, code))
    assert (type(again), again.code) == (NotFound, "hold_not_found")


async def test_each_wrong_code_says_the_tries_left_and_the_last_frees_the_seat(verifying: Verifying):
    world = verifying.world
    _, slots = await world.open_day()
    start, capacity = slots[0].start, slots[0].capacity
    held, code = await verifying.hold(start)
    world.changed.clear()
    for tries_left in (4, 3, 2, 1):
        refused = await refusal(verifying.verified.confirm(held.hold.hold_id, wrong(code)))
        assert (refused.code, refused.facts) == ("wrong_verification_code", {"tries_left": tries_left})
        assert "٠١٢٣٤"[tries_left] in refused.detail_ar and str(tries_left) in refused.detail_en
    assert places(world.changed) == [] and await verifying.left(start) == capacity - 1  # still held

    last = await refusal(verifying.verified.confirm(held.hold.hold_id, wrong(code)))
    assert (last.code, last.facts) == ("wrong_verification_code", {"tries_left": 0})
    assert places(world.changed) == [CHANGED] and await verifying.left(start) == capacity
    late = await refusal(verifying.verified.confirm(held.hold.hold_id, code))
    assert late.code == "hold_not_found" and world.bookings.rows == {}


async def test_a_code_is_sent_again_only_after_the_wait_up_to_the_limit_and_only_the_newest_works(
    verifying: Verifying,
):
    world = verifying.world
    _, slots = await world.open_day()
    held, first = await verifying.hold(slots[0].start)
    soon = await refusal(verifying.verified.resend(held.hold.hold_id))
    assert (type(soon), soon.code, len(verifying.holds.outbox)) == (Conflict, "resend_too_soon", 1)
    for sends in range(2, POLICY.max_sends + 1):
        world.clock.advance(POLICY.resend_after + timedelta(seconds=1))
        again = await verifying.verified.resend(held.hold.hold_id)
        assert (again.hold.sends, again.hold.last_sent_at) == (sends, world.clock.now())
        assert again.hold.expires_at == held.hold.expires_at  # a resend does not lengthen the hold
    world.clock.advance(POLICY.resend_after + timedelta(seconds=1))
    limit = await refusal(verifying.verified.resend(held.hold.hold_id))
    assert (type(limit), limit.code) == (Conflict, "resend_limit")

    codes = verifying.codes_since(0)
    assert len(codes) == POLICY.max_sends and codes[0] == first
    if first != codes[-1]:
        stale = await refusal(verifying.verified.confirm(held.hold.hold_id, first))
        assert stale.code == "wrong_verification_code"
    indic = codes[-1].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))  # read as the same digits
    assert (await verifying.verified.confirm(held.hold.hold_id, indic)).status is BookingStatus.CONFIRMED


async def test_held_seats_fill_a_slot_until_their_time_is_up(verifying: Verifying):
    world = verifying.world
    _, slots = await world.open_day()
    start, capacity = slots[0].start, slots[0].capacity
    held = [await verifying.hold(start, _citizen(n)) for n in range(capacity)]
    full = await refusal(verifying.verified.start(world.command(start, OTHER)))
    assert (full.code, len(verifying.holds.outbox)) == ("slot_full", capacity)  # nothing held or texted
    assert await verifying.left(start) == 0

    world.clock.advance(POLICY.ttl)
    world.changed.clear()
    await verifying.hold(start, OTHER)  # starting a hold sweeps the expired ones first
    assert set(places(world.changed)) == {CHANGED} and await verifying.left(start) == capacity - 1
    (first, code), *_ = held
    late = await refusal(verifying.verified.confirm(first.hold.hold_id, code))
    assert late.code == "hold_not_found"


async def test_a_sweep_expires_the_holds_whose_time_is_up_each_once(verifying: Verifying):
    world = verifying.world
    _, slots = await world.open_day()
    start, capacity = slots[0].start, slots[0].capacity
    await verifying.hold(start)
    world.clock.advance(timedelta(minutes=2))
    await verifying.hold(start, OTHER)
    world.clock.advance(POLICY.ttl - timedelta(minutes=2, seconds=1))
    world.changed.clear()
    assert await verifying.verified.sweep() == 0 and places(world.changed) == []
    world.clock.advance(timedelta(seconds=1))
    assert await verifying.verified.sweep() == 1
    assert places(world.changed) == [CHANGED] and await verifying.left(start) == capacity - 1
    assert await verifying.verified.sweep() == 0  # each seat freed once
    world.clock.advance(timedelta(minutes=2))
    assert await verifying.verified.sweep() == 1 and await verifying.left(start) == capacity
    assert places(world.changed) == [CHANGED] * 2


async def test_confirming_after_the_time_is_up_finds_no_hold_and_frees_the_seat(verifying: Verifying):
    world = verifying.world
    _, slots = await world.open_day()
    start, capacity = slots[0].start, slots[0].capacity
    held, code = await verifying.hold(start)
    world.changed.clear()
    world.clock.advance(POLICY.ttl)
    late = await refusal(verifying.verified.confirm(held.hold.hold_id, code))
    assert late.code == "hold_not_found" and world.bookings.rows == {}
    assert places(world.changed) == [CHANGED] and await verifying.left(start) == capacity


async def test_a_booking_refused_at_confirm_drops_the_hold_and_frees_its_seat(verifying: Verifying):
    world = verifying.world
    _, slots = await world.open_day()
    start, capacity = slots[0].start, slots[0].capacity
    held, code = await verifying.hold(start)
    direct = await world.appointments.book(world.command(slots[1].start))  # the same service, meanwhile
    world.changed.clear()
    refused = await refusal(verifying.verified.confirm(held.hold.hold_id, code))
    assert (type(refused), refused.code) == (Conflict, "duplicate_booking")
    assert places(world.changed) == [CHANGED] and await verifying.left(start) == capacity
    assert list(world.bookings.rows.values()) == [direct]
    again = await refusal(verifying.verified.confirm(held.hold.hold_id, code))
    assert again.code == "hold_not_found"


async def test_a_new_hold_of_the_same_person_and_service_replaces_the_last(verifying: Verifying):
    world = verifying.world
    _, here = await world.open_day()
    _, there = await world.open_day(office=GIZA)
    first, old_code = await verifying.hold(here[0].start)
    world.changed.clear()
    second, new_code = await verifying.hold(there[0].start, office=GIZA)
    assert sorted(places(world.changed)) == sorted([CHANGED, (GIZA.id, SERVICE)])
    assert await verifying.left(here[0].start) == here[0].capacity  # the first seat freed
    assert await verifying.left(there[0].start, GIZA) == there[0].capacity - 1
    replaced = await refusal(verifying.verified.confirm(first.hold.hold_id, old_code))
    assert replaced.code == "hold_not_found"
    booking = await verifying.verified.confirm(second.hold.hold_id, new_code)
    assert (booking.office_id, booking.starts_at) == (GIZA.id, there[0].start)


async def test_a_person_who_may_not_book_is_refused_before_a_seat_is_held_or_a_code_sent(
    verifying: Verifying,
):
    world = verifying.world
    _, slots = await world.open_day()
    await world.appointments.book(world.command(slots[1].start))
    world.changed.clear()
    refused = await refusal(verifying.verified.start(world.command(slots[0].start)))
    assert refused.code == "duplicate_booking"
    assert verifying.holds.outbox == [] and verifying.holds.rows == {} and places(world.changed) == []
    assert await verifying.left(slots[0].start) == slots[0].capacity


async def test_a_wrong_code_typed_while_another_was_being_counted_is_counted_too(verifying: Verifying):
    world = verifying.world
    _, slots = await world.open_day()
    held, code = await verifying.hold(slots[0].start)

    async def another_wrong_code(holds: FakeHolds, read: HeldBooking) -> None:
        assert await holds.record(read.hold, replace(read.hold, wrong=read.hold.wrong + 1))

    verifying.holds.meanwhile.append(another_wrong_code)
    refused = await refusal(verifying.verified.confirm(held.hold.hold_id, wrong(code)))
    assert (refused.code, refused.facts) == ("wrong_verification_code", {"tries_left": 3})


async def test_two_resends_at_once_text_one_code(verifying: Verifying):
    world = verifying.world
    _, slots = await world.open_day()
    held, _ = await verifying.hold(slots[0].start)
    world.clock.advance(POLICY.resend_after)

    async def another_resend(holds: FakeHolds, read: HeldBooking) -> None:
        now = world.clock.now()
        after = resend(read.hold, KEY, "123456", now, POLICY)
        assert await holds.resent(read.hold, after, verification_notice("123456", "ar"), read.booking, now)

    verifying.holds.meanwhile.append(another_resend)
    soon = await refusal(verifying.verified.resend(held.hold.hold_id))
    assert soon.code == "resend_too_soon" and len(verifying.holds.outbox) == 2


def _citizen(n: int) -> Identity:
    return Identity(IdentityType.NATIONAL_ID, f"2900101011{n:04d}", "EGY")
