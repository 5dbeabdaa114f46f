"""One trip, several services (``booking.chains``): the order they are served in, the checks on
what was asked, and the use cases on the fakes (book, see, cancel, move a chain)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from booking.chains import CERTIFICATES, MAX_SERVICES, chain_order, checked_chain
from booking.demo import DEMO_OFFICES
from booking.identity import Identity, IdentityType
from booking.rules import MAX_ACTIVE_BOOKINGS, BookingStatus
from booking.services import CATALOGUE, SERVICES
from kernel.errors import Conflict, InvalidInput
from tests.unit.booking.conftest import OFFICE, World, a_world

CHAIN = ("passport-renewal", "criminal-record-certificate")
ORDERED = ("criminal-record-certificate", "passport-renewal")
CODES = [service.code for service in CATALOGUE]
FOREIGNER = Identity(IdentityType.PASSPORT, "A1234567", "DEU")


def test_certificates_come_first_then_the_catalogues_order():
    assert chain_order(["passport-new", "civil-certificate", "criminal-record-certificate"]) == (
        "criminal-record-certificate",
        "civil-certificate",
        "passport-new",
    )
    assert chain_order(["vehicle-licence-renewal", "driving-licence-renewal"]) == (
        "driving-licence-renewal",
        "vehicle-licence-renewal",
    )


@given(st.lists(st.sampled_from(CODES), min_size=1, max_size=MAX_SERVICES, unique=True), st.randoms())
def test_the_order_does_not_depend_on_how_the_services_were_named(services, random):
    shuffled = list(services)
    random.shuffle(shuffled)
    ordered = chain_order(services)
    assert chain_order(shuffled) == ordered == chain_order(ordered)
    assert sorted(ordered) == sorted(services)
    certificates = [service in CERTIFICATES for service in ordered]
    assert certificates == sorted(certificates, reverse=True)  # no certificate after another service


@pytest.mark.parametrize(
    ("services", "code"),
    [
        ([], "no_service"),
        (
            ["passport-new", "passport-renewal", "civil-certificate", "criminal-record-certificate"],
            "too_many_services",
        ),
        (["passport-new", "passport-new"], "repeated_service"),
        (["passport-new", "teleportation"], "unknown_service"),
    ],
)
def test_a_chain_must_be_one_to_three_distinct_known_services(services, code):
    with pytest.raises(InvalidInput) as refusal:
        checked_chain(services)
    assert refusal.value.code == code
    assert refusal.value.detail_en and refusal.value.detail_ar


async def _first_day(world: World):
    day, _ = await world.open_day()
    return day


async def _chain_slots(world: World, services=CHAIN):
    day = await _first_day(world)
    days = await world.appointments.chain_availability(OFFICE.id, services, day, day)
    return days[0]


async def test_a_chain_is_booked_back_to_back_in_the_order_served_under_one_code(world: World):
    day = await _chain_slots(world)
    first, _ = day.slots[0]
    booking = await world.appointments.book(world.command(first.start, service=CHAIN[0], also=CHAIN[1:]))
    assert booking.services == ORDERED
    assert [v.starts_at for v in booking.visits] == [first.start, first.end]
    assert booking.visits[0].ends_at == booking.visits[1].starts_at
    loads = [await world.bookings.loads(OFFICE.id, s, day.day, day.day, world.clock.now()) for s in ORDERED]
    assert loads[0][first.start][1] == 1 and loads[1][first.end][1] == 1
    assert set(world.changed) == {(OFFICE.id, s, day.day) for s in ORDERED}  # every cache concerned hears


async def test_availability_lists_only_starts_where_every_visit_has_its_following_slot(world: World):
    day = await _chain_slots(world)
    singles = await world.appointments.availability(OFFICE.id, ORDERED[0], day.day, day.day)
    last_single, _ = singles[0].slots[-1]
    starts = [slot.start for slot, _ in day.slots]
    assert last_single.start not in starts  # the day ends before the second visit
    for slot, remaining in day.slots:
        ((later, left),) = day.later[slot.start]
        assert later.service == ORDERED[1] and later.start == slot.end
        assert remaining <= left


async def test_a_chain_whose_later_slot_is_full_is_refused_whole_and_takes_no_seat(world: World):
    day = await _chain_slots(world)
    first, _ = day.slots[0]
    ((second, left),) = day.later[first.start]
    for n in range(left):
        command = world.command(second.start, service=ORDERED[1], identity=_citizen(n))
        await world.appointments.book(command)
    assert (await _chain_slots(world)).slots[0][1] == 0
    with pytest.raises(Conflict) as refusal:
        await world.appointments.book(world.command(first.start, service=CHAIN[0], also=CHAIN[1:]))
    assert refusal.value.code == "slot_full"
    loads = await world.bookings.loads(OFFICE.id, ORDERED[0], day.day, day.day, world.clock.now())
    assert first.start not in loads or loads[first.start][1] == 0


async def test_each_service_of_a_chain_is_checked_for_the_office_and_the_identity(world: World):
    day = await _chain_slots(world)
    start = day.slots[0][0].start
    with pytest.raises(InvalidInput) as not_offered:
        await world.appointments.book(
            world.command(start, service="criminal-record-certificate", also=("work-permit",))
        )
    assert not_offered.value.code == "service_not_offered"
    foreigner = world.command(
        start, service="criminal-record-certificate", also=("passport-new",), identity=FOREIGNER
    )
    with pytest.raises(InvalidInput) as not_eligible:
        await world.appointments.book(foreigner)
    assert not_eligible.value.code == "identity_not_eligible"


async def test_one_active_booking_per_service_holds_across_chains_and_the_limit_counts_services(world: World):
    day = await _chain_slots(world, ("civil-certificate", "passport-new", "passport-renewal"))
    start = day.slots[0][0].start
    later = day.slots[4][0].start
    await world.appointments.book(
        world.command(start, service="criminal-record-certificate", also=("passport-renewal",))
    )
    with pytest.raises(Conflict) as duplicate:
        await world.appointments.book(world.command(later, service="passport-renewal"))
    assert duplicate.value.code == "duplicate_booking"
    chain = world.command(later, service="civil-certificate", also=("passport-new",))
    with pytest.raises(Conflict) as limit:  # two held and two more would make four services
        await world.appointments.book(chain)
    assert limit.value.code == "booking_limit" and "services" in limit.value.detail_en
    assert MAX_ACTIVE_BOOKINGS == 3
    assert (
        await world.appointments.book(world.command(later, service="passport-new"))
    ).status is BookingStatus.CONFIRMED


async def test_cancelling_a_chain_frees_every_seat(world: World):
    day = await _chain_slots(world)
    first, _ = day.slots[0]
    booking = await world.appointments.book(world.command(first.start, service=CHAIN[0], also=CHAIN[1:]))
    await world.appointments.cancel(booking.code, "29001010112345")
    for visit in booking.visits:
        loads = await world.bookings.loads(OFFICE.id, visit.service, day.day, day.day, world.clock.now())
        assert loads[visit.starts_at][1] == 0


async def test_rescheduling_moves_the_whole_chain_to_a_start_where_it_fits(world: World):
    day = await _chain_slots(world)
    (first, _), (other, _) = day.slots[0], day.slots[3]
    booking = await world.appointments.book(world.command(first.start, service=CHAIN[0], also=CHAIN[1:]))
    moved = await world.appointments.reschedule(booking.code, "29001010112345", other.start)
    assert [v.starts_at for v in moved.visits] == [other.start, other.end]
    assert moved.services == booking.services
    for old, new in zip(booking.visits, moved.visits, strict=True):
        loads = await world.bookings.loads(OFFICE.id, old.service, day.day, day.day, world.clock.now())
        assert loads[old.starts_at][1] == 0 and loads[new.starts_at][1] == 1
    last = (await world.appointments.availability(OFFICE.id, ORDERED[0], day.day, day.day))[0].slots[-1][0]
    with pytest.raises(InvalidInput) as no_fit:
        await world.appointments.reschedule(booking.code, "29001010112345", last.start)
    assert no_fit.value.code == "slot_not_offered" and SERVICES[ORDERED[1]].name_en in no_fit.value.detail_en


async def test_a_chain_moves_to_another_office_only_if_it_offers_every_service(world: World):
    day = await _chain_slots(world)
    booking = await world.appointments.book(
        world.command(day.slots[0][0].start, service=CHAIN[0], also=CHAIN[1:])
    )
    traffic = next(
        o
        for o in DEMO_OFFICES
        if "passport-renewal" not in o.services and "criminal-record-certificate" in o.services
    )
    with pytest.raises(InvalidInput) as refusal:
        await world.appointments.reschedule(booking.code, "29001010112345", day.slots[2][0].start, traffic.id)
    assert refusal.value.code == "service_not_offered"


def _citizen(n: int) -> Identity:
    return Identity(IdentityType.NATIONAL_ID, f"2900101011{n:04d}", "EGY")


@given(
    st.lists(st.sampled_from(list(OFFICE.services)), min_size=1, max_size=MAX_SERVICES, unique=True),
    st.data(),
)
async def test_every_start_on_offer_can_be_booked_and_takes_exactly_its_visits_seats(services, data):
    world = a_world()
    day = await _chain_slots(world, tuple(services))
    free = [slot for slot, left in day.slots if left > 0]
    if not free:
        return
    start = data.draw(st.sampled_from(free)).start
    booking = await world.appointments.book(
        world.command(start, service=services[0], also=tuple(services[1:]))
    )
    assert booking.services == chain_order(services)
    assert all(a.ends_at == b.starts_at for a, b in zip(booking.visits, booking.visits[1:], strict=False))
    taken = sum(row.booked for row in world.bookings.slots.values())
    assert taken == len(services)
    after = await _chain_slots(world, tuple(services))
    assert (
        dict((s.start, n) for s, n in after.slots)[start]
        == dict((s.start, n) for s, n in day.slots)[start] - 1
    )
    assert replace(after, slots=[], later={}) == replace(day, slots=[], later={})
    assert world.clock.now() + timedelta(hours=1) <= start
