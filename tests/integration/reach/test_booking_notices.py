"""What a citizen is texted about their own booking, written in the transaction that makes the
change: the confirmation, a move, a cancellation — on SQLite and PostgreSQL, in the citizen's
language, an e-mail beside the SMS when an address was given."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select

from booking.store.bookings import BookingStore, cancel_for_office
from kernel.database import Database
from messaging.store.tables import OutboxRow
from tests.integration.helpers import GIZA, booking_body, national_id, slots

DAY = "2026-12-06"


async def outbox(database_url: str, code: str) -> list[Any]:
    database = Database(database_url)
    try:
        return await database.read(
            lambda conn: conn.execute(
                select(OutboxRow.kind, OutboxRow.channel, OutboxRow.address, OutboxRow.lang, OutboxRow.text)
                .where(OutboxRow.booking_code == code)
                .order_by(OutboxRow.id)
            ).all()
        )
    finally:
        await database.dispose()


@pytest.mark.parametrize("lang", ["ar", "en"])
async def test_booking_moving_and_cancelling_each_texts_the_holder_in_their_language(
    client, database_url, lang
):
    free = await slots(client, GIZA, day=DAY)
    number = national_id()
    made = await client.post("/api/v1/bookings", json=booking_body(free[0]["start"], number, lang=lang))
    assert made.status_code == 201, made.text
    code = made.json()["code"]
    headers = {"X-Identity-Number": number}
    moved = await client.post(
        f"/api/v1/bookings/{code}/reschedule", json={"start": free[1]["start"]}, headers=headers
    )
    assert moved.status_code == 200, moved.text
    cancelled = await client.delete(f"/api/v1/bookings/{code}", headers=headers)
    assert cancelled.status_code == 200, cancelled.text

    rows = await outbox(database_url, code)
    assert [(row.kind, row.channel, row.address, row.lang) for row in rows] == [
        ("booked", "sms", "+201012345678", lang),
        ("rescheduled", "sms", "+201012345678", lang),
        ("cancelled", "sms", "+201012345678", lang),
    ]
    booked = rows[0].text
    assert code in booked and f"/b/{code}" in booked
    if lang == "ar":
        assert "موعد" in booked or "حجز" in booked
    else:
        assert "booking" in booked.lower() or "appointment" in booked.lower()


async def test_an_email_address_gets_the_longer_email_too(client, database_url):
    start = (await slots(client, GIZA, day=DAY))[2]["start"]
    made = await client.post(
        "/api/v1/bookings", json=booking_body(start, national_id(), email="mona@example.org", lang="en")
    )
    assert made.status_code == 201, made.text
    code = made.json()["code"]
    rows = await outbox(database_url, code)
    assert [(row.kind, row.channel, row.address) for row in rows] == [
        ("booked", "sms", "+201012345678"),
        ("booked", "email", "mona@example.org"),
    ]
    sms, email = rows[0].text, rows[1].text
    assert len(email) > len(sms) and code in email


async def test_a_refused_booking_texts_nobody(client, database_url):
    start = (await slots(client, GIZA, day=DAY))[3]["start"]
    number = national_id()
    first = await client.post("/api/v1/bookings", json=booking_body(start, number))
    again = await client.post("/api/v1/bookings", json=booking_body(start, number))
    assert (first.status_code, again.status_code) == (201, 409)
    database = Database(database_url)
    try:
        kinds = await database.read(lambda conn: conn.execute(select(OutboxRow.kind)).scalars().all())
    finally:
        await database.dispose()
    assert kinds == ["booked"]


async def test_the_holder_sees_when_and_why_the_office_changed_the_booking(client, database_url):
    start = (await slots(client, GIZA, day=DAY))[4]["start"]
    number = national_id()
    made = await client.post("/api/v1/bookings", json=booking_body(start, number))
    code = made.json()["code"]
    headers = {"X-Identity-Number": number}
    assert "office_change" not in (await client.get(f"/api/v1/bookings/{code}", headers=headers)).json()

    database = Database(database_url)
    try:
        booking = await BookingStore(database).by_code(code)
        assert booking is not None
        why = ("Giza Passports is closed that day", "إغلاق جوازات الجيزة في ذلك اليوم")
        now = datetime.fromisoformat("2026-12-06T08:30:00+02:00")
        assert await database.write(lambda conn: cancel_for_office(conn, booking, now, why))
    finally:
        await database.dispose()

    seen = (await client.get(f"/api/v1/bookings/{code}", headers=headers)).json()
    assert seen["status"] == "cancelled"
    assert seen["office_change"] == {"at": "2026-12-06T08:30:00+02:00", "why_en": why[0], "why_ar": why[1]}
