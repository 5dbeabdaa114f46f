"""A lost code is texted again, only to the mobile the booking was made with, and the answer is
the same whatever was found (POST /api/v1/bookings/recover)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from kernel.database import Database
from messaging.store.tables import OutboxRow
from tests.integration.helpers import GIZA, booking_body, national_id, slots

DAY = "2026-12-06"


async def code_messages(database_url: str) -> list[Any]:
    database = Database(database_url)
    try:
        return await database.read(
            lambda conn: conn.execute(
                select(OutboxRow.address, OutboxRow.booking_code, OutboxRow.text)
                .where(OutboxRow.kind == "code")
                .order_by(OutboxRow.id)
            ).all()
        )
    finally:
        await database.dispose()


def ask(number: str, phone: str) -> dict[str, Any]:
    return {"identity": {"type": "national_id", "number": number}, "phone": phone}


async def test_the_codes_go_to_the_registered_mobile_and_the_answer_never_says_so(client, database_url):
    free = await slots(client, GIZA, day=DAY)
    number = national_id()
    made = await client.post("/api/v1/bookings", json=booking_body(free[0]["start"], number))
    assert made.status_code == 201, made.text
    code = made.json()["code"]

    found = await client.post("/api/v1/bookings/recover", json=ask(number, "0101 234 5678"))
    wrong_mobile = await client.post("/api/v1/bookings/recover", json=ask(number, "01112345678"))
    nobody = await client.post("/api/v1/bookings/recover", json=ask(national_id(), "01012345678"))

    assert [r.status_code for r in (found, wrong_mobile, nobody)] == [202, 202, 202]
    assert found.json() == wrong_mobile.json() == nobody.json()
    assert found.json()["detail_ar"]
    [sent] = await code_messages(database_url)
    assert (sent.address, sent.booking_code) == ("+201012345678", code)
    assert code in sent.text


async def test_a_cancelled_booking_is_not_recovered(client, database_url):
    start = (await slots(client, GIZA, day=DAY))[1]["start"]
    number = national_id()
    made = await client.post("/api/v1/bookings", json=booking_body(start, number))
    code = made.json()["code"]
    gone = await client.delete(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})
    assert gone.status_code == 200, gone.text
    asked = await client.post("/api/v1/bookings/recover", json=ask(number, "01012345678"))
    assert asked.status_code == 202
    assert await code_messages(database_url) == []


async def test_malformed_identity_or_mobile_is_refused_by_name(client):
    bad_id = await client.post("/api/v1/bookings/recover", json=ask("123", "01012345678"))
    bad_phone = await client.post("/api/v1/bookings/recover", json=ask(national_id(), "12345"))
    assert (bad_id.status_code, bad_id.json()["code"]) == (422, "invalid_national_id")
    assert (bad_phone.status_code, bad_phone.json()["code"]) == (422, "invalid_phone")
