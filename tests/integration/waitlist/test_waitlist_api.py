"""The waitlist over HTTP on SQLite and PostgreSQL, read where the citizen reads it (the demo inbox):
a freed seat is offered by SMS to the first person waiting and held for them; not accepted in time
it passes to the next; accepted, it is their booking; nobody left, it goes back on open sale."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from typing import Any

from litestar.testing import AsyncTestClient
from sqlalchemy import select

from api.app import create_app
from api.settings import Settings
from booking.store.tables import WaitlistEntryRow
from kernel.clock import FixedClock
from kernel.database import Database
from messaging.store.tables import OutboxRow
from tests.integration.helpers import GIZA, booking_body, national_id, slots
from tests.integration.waitlist.conftest import Client, Inbox, waitlist_body

DAY = "2026-12-07"


async def fill(client: Client, slot: dict[str, Any]) -> list[tuple[str, str]]:
    """Book every seat left in ``slot``: (code, identity number) of each booking."""
    made = []
    for _ in range(slot["remaining"]):
        number = national_id()
        response = await client.post("/api/v1/bookings", json=booking_body(slot["start"], number))
        assert response.status_code == 201, response.text
        made.append((response.json()["code"], number))
    return made


async def remaining(client: Client, start: str) -> int:
    return next(s["remaining"] for s in await slots(client, GIZA, day=DAY) if s["start"] == start)


async def join(client: Client, clock: FixedClock, number: str, phone: str, **extra: Any) -> dict[str, Any]:
    """Join the waitlist, a second before the next person does (the line is in order of joining)."""
    response = await client.post("/api/v1/waitlist", json=waitlist_body(number, phone, DAY, **extra))
    assert response.status_code == 202, response.text
    clock.advance(timedelta(seconds=1))
    return response.json()  # type: ignore[no-any-return]


def offer_id(text: str) -> str:
    found = re.search(r"/waitlist/offers/([0-9a-f]{32})", text)
    assert found, text
    return found.group(1)


async def cancel(client: Client, code: str, number: str) -> None:
    response = await client.delete(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})
    assert response.status_code == 200, response.text


async def test_a_freed_seat_goes_to_the_waitlist_in_turn_then_back_on_sale(
    demo: Client, inbox: Inbox, clock: FixedClock
) -> None:
    slot = (await slots(demo, GIZA, day=DAY))[3]
    booked = await fill(demo, slot)
    first, second = national_id(), national_id()
    await join(demo, clock, first, "01011112221")
    entry = await join(demo, clock, second, "01011112222")
    assert entry["status"] == "waiting" and entry["offices"] == [GIZA] and entry["phone_last4"] == "2222"

    await cancel(demo, *booked[0])
    assert await remaining(demo, slot["start"]) == 0  # held for the first person waiting, not on sale
    await inbox.run()
    texts = await inbox.texts("01011112221")
    assert len(texts) == 2 and any("You are on the Mawid waitlist" in text for text in texts)
    first_offer = offer_id(await inbox.find("01011112221", "held for you until"))
    shown = (await demo.get(f"/api/v1/waitlist/offers/{first_offer}")).json()
    assert shown["status"] == "offered" and shown["start"] == slot["start"]
    assert shown["expires_at"] == "2026-12-06T08:30:02+02:00"  # 30 minutes from the cancel
    assert len(await inbox.texts("01011112222")) == 1  # joined; nothing offered yet

    # Someone else's identity number cannot take it; the first person lets it run out.
    stolen = await demo.post(
        f"/api/v1/waitlist/offers/{first_offer}/accept", headers={"X-Identity-Number": second}
    )
    assert stolen.status_code == 404 and stolen.json()["code"] == "offer_not_found"
    clock.advance(timedelta(minutes=31))
    await inbox.run()
    await inbox.find("01011112221", "not accepted in time")
    late = await demo.post(
        f"/api/v1/waitlist/offers/{first_offer}/accept", headers={"X-Identity-Number": first}
    )
    assert late.status_code == 404
    second_offer = offer_id(await inbox.find("01011112222", "held for you until"))
    assert await remaining(demo, slot["start"]) == 0  # now held for the second

    accepted = await demo.post(
        f"/api/v1/waitlist/offers/{second_offer}/accept", headers={"X-Identity-Number": second}
    )
    assert accepted.status_code == 201, accepted.text
    booking = accepted.json()
    assert booking["status"] == "confirmed" and booking["start"] == slot["start"]
    await inbox.find("01011112222", booking["code"])  # the booking's confirmation
    followed = await demo.get(f"/api/v1/waitlist/{entry['entry_id']}", headers={"X-Identity-Number": second})
    assert followed.json()["status"] == "booked"
    assert [o["status"] for o in followed.json()["offers"]] == ["accepted"]

    # Nobody is left waiting: the next seat freed goes straight back on sale.
    await cancel(demo, *booked[1])
    assert await remaining(demo, slot["start"]) == 1


async def test_declining_keeps_the_place_and_passes_the_seat_on(
    demo: Client, inbox: Inbox, clock: FixedClock
) -> None:
    slot = (await slots(demo, GIZA, day=DAY))[5]
    booked = await fill(demo, slot)
    first, second = national_id(), national_id()
    mine = await join(demo, clock, first, "01022223331")
    await join(demo, clock, second, "01022223332")
    await cancel(demo, *booked[0])
    await inbox.run()
    declined = await demo.post(
        f"/api/v1/waitlist/offers/{offer_id(await inbox.find('01022223331', 'held for you'))}/decline",
        headers={"X-Identity-Number": first},
    )
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    await inbox.run()
    await inbox.find("01022223332", "held for you")
    status = await demo.get(f"/api/v1/waitlist/{mine['entry_id']}", headers={"X-Identity-Number": first})
    assert status.json()["status"] == "waiting"  # still in line for the next seat

    left = await demo.delete(f"/api/v1/waitlist/{mine['entry_id']}", headers={"X-Identity-Number": first})
    assert left.status_code == 200 and left.json()["status"] == "left"
    again = await demo.delete(f"/api/v1/waitlist/{mine['entry_id']}", headers={"X-Identity-Number": first})
    assert again.status_code == 409 and again.json()["code"] == "waitlist_not_changeable"


async def test_joining_is_checked_like_a_request(demo: Client, clock: FixedClock) -> None:
    number = national_id()
    await join(demo, clock, number, "01033334441")
    twice = await demo.post("/api/v1/waitlist", json=waitlist_body(number, "01033334441", DAY))
    assert twice.status_code == 409 and twice.json()["code"] == "duplicate_waitlist"
    foreigner = waitlist_body("A1234567", "01033334442", DAY)
    foreigner["identity"] = {"type": "passport", "number": "A1234567", "nationality": "SDN"}
    refused = await demo.post("/api/v1/waitlist", json=foreigner)
    assert refused.status_code == 422 and refused.json()["code"] == "identity_not_eligible"
    past = await demo.post("/api/v1/waitlist", json=waitlist_body(national_id(), "01033334443", "2026-12-01"))
    assert past.status_code == 422 and past.json()["code"] == "outside_booking_window"
    wrong = await demo.get("/api/v1/waitlist/" + "0" * 32, headers={"X-Identity-Number": number})
    assert wrong.status_code == 404 and wrong.json()["code"] == "waitlist_not_found"


async def test_with_verified_mobiles_an_entry_waits_in_line_only_once_the_code_is_typed(
    waitlist_settings: Settings, clock: FixedClock, database: Database
) -> None:
    verifying = replace(waitlist_settings, phone_verification=True)
    async with AsyncTestClient(create_app(verifying, clock)) as client:
        number = national_id()
        held = await join(client, clock, number, "01044445551")
        assert held["status"] == "awaiting_verification" and held["code_expires_at"]
        texts = await database.read(
            lambda conn: conn.execute(select(OutboxRow.text).where(OutboxRow.phone == "+201044445551")).all()
        )
        [code] = [re.search(r"\d{6}", row.text).group(0) for row in texts]  # type: ignore[union-attr]
        confirm = f"/api/v1/waitlist/{held['entry_id']}/confirm"
        wrong = await client.post(confirm, json={"code": f"{(int(code) + 1) % 1_000_000:06d}"})
        assert wrong.status_code == 422 and wrong.json()["code"] == "wrong_verification_code"
        done = await client.post(confirm, json={"code": code})
        assert done.status_code == 200 and done.json()["status"] == "waiting"
        again = await client.post(confirm, json={"code": code})
        assert again.status_code == 404 and again.json()["code"] == "waitlist_not_found"
        stored = await database.read(lambda conn: conn.execute(select(WaitlistEntryRow)).all())
        assert code not in " ".join(str(value) for row in stored for value in row)
