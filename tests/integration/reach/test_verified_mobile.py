"""Verified mobiles (``MAWID_PHONE_VERIFICATION=on``), on SQLite and PostgreSQL: a booking is held
and a code texted to the mobile; the code makes the booking. A held seat counts against the
slot's capacity; wrong codes, resends and the hold's time are limited, and a hold that ends frees
its seat. The code is texted, never kept in clear."""

from __future__ import annotations

import asyncio
import dataclasses
import re
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from api.app import create_app
from api.settings import Settings
from booking.store.holds import HoldStore
from booking.store.tables import BookingHoldRow, BookingRow, SlotLoadRow
from kernel.clock import FixedClock
from kernel.database import Database
from messaging.store.tables import OutboxRow
from tests.integration.helpers import GIZA, booking_body, national_id, slots

DAY = "2026-12-06"


@pytest.fixture
async def client(settings: Settings, clock: FixedClock) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    verifying = dataclasses.replace(settings, phone_verification=True)
    async with AsyncTestClient(create_app(verifying, clock)) as client:
        yield client


async def rows(database_url: str, query: Any) -> list[Any]:
    database = Database(database_url)
    try:
        return await database.read(lambda conn: conn.execute(query).all())
    finally:
        await database.dispose()


async def codes_texted(database_url: str, phone: str) -> list[str]:
    """The verification codes texted to ``phone``, oldest first."""
    texts = await rows(
        database_url,
        select(OutboxRow.text)
        .where(OutboxRow.kind == "verification", OutboxRow.phone == phone)
        .order_by(OutboxRow.id),
    )
    return [re.search(r"\d{6}", row.text).group(0) for row in texts]  # type: ignore[union-attr]


async def hold(client: Any, start: str, phone: str, **extra: Any) -> dict[str, Any]:
    held = await client.post(
        "/api/v1/bookings", json=booking_body(start, national_id(), phone=phone, **extra)
    )
    assert held.status_code == 202, held.text
    return held.json()  # type: ignore[no-any-return]


async def remaining(client: Any, start: str) -> int:
    return next(slot["remaining"] for slot in await slots(client, GIZA, day=DAY) if slot["start"] == start)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


async def test_a_booking_waits_for_the_code_texted_to_the_mobile(client, database_url):
    start = (await slots(client, GIZA, day=DAY))[0]["start"]
    held = await hold(client, start, "01011110001", lang="en")
    assert held["status"] == "awaiting_verification" and held["kind"] == "booking"
    assert held["phone_last4"] == "0001" and held["expires_at"] and held["resend_at"]
    assert await rows(database_url, select(BookingRow.id)) == []

    [code] = await codes_texted(database_url, "+201011110001")
    made = await client.post(f"/api/v1/booking-holds/{held['hold_id']}/confirm", json={"code": code})
    assert made.status_code == 201, made.text
    booking = made.json()
    assert booking["status"] == "confirmed" and booking["start"] == start
    kinds = await rows(database_url, select(OutboxRow.kind).where(OutboxRow.booking_code == booking["code"]))
    assert [row.kind for row in kinds] == ["booked"]  # the confirmation, in the same transaction
    again = await client.post(f"/api/v1/booking-holds/{held['hold_id']}/confirm", json={"code": code})
    assert again.status_code == 404 and again.json()["code"] == "hold_not_found"

    # The code went out by SMS and is kept nowhere in clear.
    [stored] = await rows(database_url, select(*BookingHoldRow.__table__.c))
    assert code not in " ".join(str(value) for value in stored)
    assert stored.status == "confirmed"


async def test_held_seats_count_so_a_slot_is_never_overbooked(client, database_url):
    slot = (await slots(client, GIZA, day=DAY))[1]
    for n in range(slot["remaining"]):
        await hold(client, slot["start"], f"010222200{n:02d}")
    assert (await slots(client, GIZA, day=DAY))[1]["remaining"] == 0
    refused = await client.post("/api/v1/bookings", json=booking_body(slot["start"], phone="01022229999"))
    assert refused.status_code == 409 and refused.json()["code"] == "slot_full"
    assert await codes_texted(database_url, "+201022229999") == []  # nothing held, nothing texted


async def test_a_new_hold_replaces_the_persons_last_and_refusals_come_at_once(client, database_url):
    start = (await slots(client, GIZA, day=DAY))[0]["start"]
    number = national_id()
    body = booking_body(start, number, phone="01033330001")
    first = await client.post("/api/v1/bookings", json=body)
    second = await client.post("/api/v1/bookings", json=body)
    assert first.status_code == second.status_code == 202
    old_code, new_code = await codes_texted(database_url, "+201033330001")
    replaced = await client.post(
        f"/api/v1/booking-holds/{first.json()['hold_id']}/confirm", json={"code": old_code}
    )
    assert replaced.status_code == 404  # the first hold was dropped, its seat freed
    made = await client.post(
        f"/api/v1/booking-holds/{second.json()['hold_id']}/confirm", json={"code": new_code}
    )
    assert made.status_code == 201, made.text
    duplicate = await client.post("/api/v1/bookings", json=body)  # refused before any code is sent
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "duplicate_booking"
    assert len(await codes_texted(database_url, "+201033330001")) == 2


async def test_expiry_frees_the_seat(client, clock, database_url):
    slot = (await slots(client, GIZA, day=DAY))[2]
    held = [await hold(client, slot["start"], f"010444400{n:02d}") for n in range(slot["remaining"])]
    assert await remaining(client, slot["start"]) == 0
    clock.advance(timedelta(minutes=10, seconds=1))
    late = await hold(client, slot["start"], "01044449999")  # its start sweeps the expired ones
    [code] = await codes_texted(database_url, "+201044440000")
    gone = await client.post(f"/api/v1/booking-holds/{held[0]['hold_id']}/confirm", json={"code": code})
    assert gone.status_code == 404 and gone.json()["code"] == "hold_not_found"
    assert await remaining(client, slot["start"]) == slot["remaining"] - 1
    statuses = await rows(database_url, select(BookingHoldRow.status).order_by(BookingHoldRow.created_at))
    assert sorted(row.status for row in statuses).count("expired") == slot["remaining"]
    assert late["status"] == "awaiting_verification"


async def test_five_wrong_codes_drop_the_hold_and_free_the_seat(client, database_url):
    slot = (await slots(client, GIZA, day=DAY))[3]
    held = await hold(client, slot["start"], "01055550001")
    [code] = await codes_texted(database_url, "+201055550001")
    url = f"/api/v1/booking-holds/{held['hold_id']}/confirm"
    assert (await slots(client, GIZA, day=DAY))[3]["remaining"] == slot["remaining"] - 1
    for tries_left in (4, 3, 2, 1, 0):
        refused = await client.post(url, json={"code": wrong(code)})
        assert refused.status_code == 422, refused.text
        assert refused.json()["code"] == "wrong_verification_code"
        assert refused.json()["tries_left"] == tries_left and refused.json()["detail_ar"]
    late = await client.post(url, json={"code": code})
    assert late.status_code == 404 and late.json()["code"] == "hold_not_found"
    assert (await slots(client, GIZA, day=DAY))[3]["remaining"] == slot["remaining"]
    malformed = await client.post(url, json={"code": "12ab"})
    assert malformed.status_code == 422 and malformed.json()["code"] == "invalid_verification_code"


async def test_resends_are_limited_and_only_the_newest_code_works(client, clock, database_url):
    start = (await slots(client, GIZA, day=DAY))[4]["start"]
    held = await hold(client, start, "01066660001", lang="en")
    url = f"/api/v1/booking-holds/{held['hold_id']}"
    soon = await client.post(f"{url}/resend", json={})
    assert soon.status_code == 409 and soon.json()["code"] == "resend_too_soon"
    for _ in range(2):
        clock.advance(timedelta(seconds=31))
        again = await client.post(f"{url}/resend", json={})
        assert again.status_code == 202, again.text
        assert again.json()["resend_at"] > held["resend_at"]
    clock.advance(timedelta(seconds=31))
    limit = await client.post(f"{url}/resend", json={})
    assert limit.status_code == 409 and limit.json()["code"] == "resend_limit"

    first, _, newest = await codes_texted(database_url, "+201066660001")
    if first != newest:
        stale = await client.post(f"{url}/confirm", json={"code": first})
        assert stale.status_code == 422 and stale.json()["code"] == "wrong_verification_code"
    # Arabic-Indic digits are read as the same code.
    indic = newest.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    made = await client.post(f"{url}/confirm", json={"code": indic})
    assert made.status_code == 201, made.text


async def test_the_arabic_code_sms_fits_two_segments(client, database_url):
    start = (await slots(client, GIZA, day=DAY))[5]["start"]
    await hold(client, start, "01077770001")
    [text] = await rows(
        database_url, select(OutboxRow.text, OutboxRow.lang).where(OutboxRow.phone == "+201077770001")
    )
    assert text.lang == "ar" and len(text.text.encode("utf-16-le")) // 2 <= 134


async def test_a_rush_of_holds_takes_exactly_the_slots_seats(client):
    slot = (await slots(client, GIZA, day=DAY))[6]
    bodies = [booking_body(slot["start"], phone=f"010888800{n:02d}") for n in range(12)]
    answers = await asyncio.gather(*(client.post("/api/v1/bookings", json=body) for body in bodies))
    outcomes = sorted((answer.status_code, answer.json().get("code", "")) for answer in answers)
    assert outcomes.count((202, "")) == slot["remaining"]
    assert outcomes.count((409, "slot_full")) == len(bodies) - slot["remaining"]


async def test_a_seat_is_released_once_however_many_sweep_at_once(client, clock, database_url):
    slot = (await slots(client, GIZA, day=DAY))[7]
    booked = await client.post("/api/v1/bookings", json=booking_body(slot["start"], phone="01099990000"))
    [code] = await codes_texted(database_url, "+201099990000")
    made = await client.post(f"/api/v1/booking-holds/{booked.json()['hold_id']}/confirm", json={"code": code})
    assert made.status_code == 201
    await hold(client, slot["start"], "01099990001")
    clock.advance(timedelta(minutes=11))
    database = Database(database_url)
    try:
        store = HoldStore(database)
        freed = await asyncio.gather(*(store.sweep(clock.now()) for _ in range(6)))
        assert sum(len(each) for each in freed) == 1
        [load] = await database.read(
            lambda conn: conn.execute(
                select(SlotLoadRow.booked).where(
                    SlotLoadRow.starts_at == datetime.fromisoformat(slot["start"])
                )
            ).all()
        )
    finally:
        await database.dispose()
    assert load.booked == 1  # the confirmed booking's seat, and only it


async def test_a_hold_whose_booking_is_refused_at_confirm_frees_its_seat(client, database_url):
    number, phone = national_id(), "01012120000"
    first = (await slots(client, GIZA, service="civil-certificate", day=DAY))[0]
    waiting = await client.post(
        "/api/v1/bookings",
        json=booking_body(first["start"], number, service="civil-certificate", phone=phone),
    )
    assert waiting.status_code == 202
    for service in ("passport-new", "passport-renewal", "passport-replacement"):  # three others, confirmed
        start = (await slots(client, GIZA, service=service, day=DAY))[8]["start"]
        held = await client.post(
            "/api/v1/bookings", json=booking_body(start, number, service=service, phone=phone)
        )
        code = (await codes_texted(database_url, "+2" + phone))[-1]
        made = await client.post(
            f"/api/v1/booking-holds/{held.json()['hold_id']}/confirm", json={"code": code}
        )
        assert made.status_code == 201, made.text
    code = (await codes_texted(database_url, "+2" + phone))[0]
    url = f"/api/v1/booking-holds/{waiting.json()['hold_id']}/confirm"
    refused = await client.post(url, json={"code": code})
    assert refused.status_code == 409 and refused.json()["code"] == "booking_limit"
    assert (await slots(client, GIZA, service="civil-certificate", day=DAY))[0]["remaining"] == first[
        "remaining"
    ]
    assert (await client.post(url, json={"code": code})).status_code == 404


async def test_a_party_is_held_whole_and_booked_whole_by_its_code(client, database_url):
    """Several people, one appointment: the hold takes every person's seat at once, and the code
    makes the booking with everyone on it (their identities as digests and last four only)."""
    start = (await slots(client, GIZA, day=DAY))[0]["start"]
    before = {slot["start"]: slot["remaining"] for slot in await slots(client, GIZA, day=DAY)}
    numbers = [national_id() for _ in range(3)]
    body = booking_body(start, phone="01044440001")
    del body["identity"], body["full_name"]
    body["people"] = [
        {"identity": {"type": "national_id", "number": n}, "full_name": "عمر محمود السيد"} for n in numbers
    ]
    held = await client.post("/api/v1/bookings", json=body)
    assert held.status_code == 202, held.text
    during = {slot["start"]: slot["remaining"] for slot in await slots(client, GIZA, day=DAY)}
    assert sum(before.values()) - sum(during.values()) == 3  # every person's seat is held
    [stored] = await rows(database_url, select(BookingHoldRow.booking))
    assert not any(number in stored.booking for number in numbers)
    [code] = await codes_texted(database_url, "+201044440001")
    made = await client.post(f"/api/v1/booking-holds/{held.json()['hold_id']}/confirm", json={"code": code})
    assert made.status_code == 201, made.text
    assert made.json()["headcount"] == 3
    after = {slot["start"]: slot["remaining"] for slot in await slots(client, GIZA, day=DAY)}
    assert after == during  # the held seats became the booking's, none taken twice
