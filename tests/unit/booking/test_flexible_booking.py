"""Flexible requests on fakes: submitting, finding and cancelling one."""

from __future__ import annotations

from datetime import timedelta

import pytest

from booking.booking_requests import RequestStatus
from booking.codes import normalise_booking_code
from booking.flexible_booking import RequestCommand
from booking.identity import Identity
from booking.request_offices import Reach
from kernel.errors import Conflict, InvalidInput, NotFound, Refusal
from tests.unit.booking.conftest import CITIZEN, OFFICE, OTHER, SERVICE, World


def request(world: World, identity: Identity = CITIZEN, **changes: object) -> RequestCommand:
    today = world.clock.now().date()
    values: dict[str, object] = {
        "service": SERVICE,
        "identity": identity,
        "full_name": "Mona Ahmed Hassan",
        "phone": "01012345678",
        "reach": Reach("offices", office_ids=(OFFICE.id,)),
        "first_day": today + timedelta(days=3),
        "last_day": today + timedelta(days=10),
    }
    values.update(changes)
    return RequestCommand(**values)  # type: ignore[arg-type]


async def test_a_submitted_request_is_pending_for_the_offices_named(world: World):
    kept = await world.flexible.submit(request(world, time_of_day=" Morning "))
    assert kept.status is RequestStatus.PENDING
    assert [office.office_id for office in kept.offices] == [OFFICE.id]
    assert (kept.time_of_day, kept.applicant.identity_last4) == ("morning", CITIZEN.last4)


async def test_a_second_pending_request_for_the_service_is_refused(world: World):
    await world.flexible.submit(request(world))
    with pytest.raises(Conflict) as refused:
        await world.flexible.submit(request(world))
    assert refused.value.code == "duplicate_request"
    assert (await world.flexible.submit(request(world, OTHER))).status is RequestStatus.PENDING


async def test_a_request_for_a_service_already_booked_is_refused(world: World):
    _, slots = await world.open_day()
    await world.appointments.book(world.command(slots[0].start))
    with pytest.raises(Conflict) as refused:
        await world.flexible.submit(request(world))
    assert refused.value.code == "duplicate_booking"


async def test_an_identity_in_bad_standing_is_refused_before_anything_is_kept(world: World):
    digest = world.hasher.digest(CITIZEN)
    world.bookings.refuse_standing[digest] = Refusal(Conflict, "no_show_ban", "Banned.", "محظور.")
    with pytest.raises(Conflict) as refused:
        await world.flexible.submit(request(world))
    assert refused.value.code == "no_show_ban"
    assert world.requests.rows == {}


async def test_days_outside_the_window_or_an_unknown_band_are_refused(world: World):
    today = world.clock.now().date()
    for wrong in (
        {"first_day": today - timedelta(days=1)},
        {"last_day": today + timedelta(days=400)},
        {"time_of_day": "midnight"},
        {"service": "no-such-service"},
    ):
        with pytest.raises(InvalidInput):
            await world.flexible.submit(request(world, **wrong))
    assert world.requests.rows == {}


async def test_a_request_is_found_only_with_its_identity_number(world: World):
    kept = await world.flexible.submit(request(world))
    assert await world.flexible.find(kept.id, CITIZEN.number) == (kept, None)
    for request_id, number in ((kept.id, OTHER.number), ("no-such-id", CITIZEN.number), (kept.id, None)):
        with pytest.raises(NotFound) as refused:
            await world.flexible.find(request_id, number)
        assert refused.value.code == "request_not_found"


async def test_cancelling_a_request_withdraws_it_once(world: World):
    kept = await world.flexible.submit(request(world))
    assert (await world.flexible.cancel(kept.id, CITIZEN.number)).status is RequestStatus.CANCELLED
    with pytest.raises(Conflict) as refused:
        await world.flexible.cancel(kept.id, CITIZEN.number)
    assert refused.value.code == "request_not_changeable"
    assert (await world.flexible.submit(request(world))).status is RequestStatus.PENDING


async def test_a_request_is_found_by_its_code_as_typed_or_by_its_old_id(world: World):
    kept = await world.flexible.submit(request(world))
    assert normalise_booking_code(kept.code) == kept.code
    typed = f" {kept.code[:4].lower()}-{kept.code[4:].lower()} ".replace("0", "o").replace("1", "l")
    for reference in (kept.code, typed, kept.id, kept.id.upper(), " ".join([kept.id[:16], kept.id[16:]])):
        assert await world.flexible.find(reference, CITIZEN.number) == (kept, None), reference
    for wrong in (kept.code[:7], kept.id[:31], "!" * 8, ""):
        with pytest.raises(NotFound):
            await world.flexible.find(wrong, CITIZEN.number)
    with pytest.raises(NotFound):
        await world.flexible.find(kept.code, OTHER.number)
    assert (await world.flexible.cancel(kept.code, CITIZEN.number)).status is RequestStatus.CANCELLED
