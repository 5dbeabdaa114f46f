"""A chain (one trip, several services) at a counter that closes is moved whole, or cancelled with
a message naming every service, and the closure's impact counts it once. On SQLite and
PostgreSQL, through the manager API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tests.integration.helpers import booking_body, national_id
from tests.integration.planning.conftest import ABBASSIA, Headers, outbox
from tests.integration.planning.test_rebalance_api import apply, close, close_monday_to_thursday, preview

MONDAY = "2026-12-07"
TRIP = ["criminal-record-certificate", "passport-new"]
CLOSURES = f"/api/v1/manage/offices/{ABBASSIA}/closures"


async def book_chain(client: Any, nth: int = 2, lang: str = "en") -> tuple[dict[str, Any], str]:
    """A certificate then a new passport, back to back, at the ``nth`` start where both fit."""
    found = await client.get(
        f"/api/v1/offices/{ABBASSIA}/availability",
        params={"service": TRIP, "from": MONDAY, "to": MONDAY},
    )
    assert found.status_code == 200, found.text
    start = found.json()["days"][0]["slots"][nth]["start"]
    number = national_id()
    body = booking_body(start, number, office_id=ABBASSIA, lang=lang)
    del body["service"]
    made = await client.post("/api/v1/bookings", json={**body, "services": TRIP})
    assert made.status_code == 201, made.text
    assert [v["service"] for v in made.json()["visits"]] == TRIP
    return made.json(), number


def hhmm(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%H:%M")


async def close_passports_during(client: Any, headers: Headers, visit: dict[str, Any]) -> dict[str, Any]:
    """Every new-passport counter closed for the chain's passport visit; the last closure's answer."""
    office = (await client.get(f"/api/v1/offices/{ABBASSIA}")).json()
    counters = [c["id"] for c in office["counters"] if c["services"] == ["passport-new"]]
    hours = {"from": hhmm(visit["start"]), "to": hhmm(visit["end"])}
    for counter in counters[:-1]:
        await close(client, headers, date=MONDAY, counter_id=counter, **hours)
    last = {"date": MONDAY, "counter_id": counters[-1], **hours}
    impact = await client.post(f"{CLOSURES}/impact", json=last, headers=headers)
    assert impact.status_code == 200, impact.text
    assert (impact.json()["overbooked"], impact.json()["displaced"]) == (1, 1)  # the chain, once
    return await close(client, headers, **last)


async def test_a_chain_whose_passport_counters_close_moves_whole_to_new_consecutive_slots(
    client: Any, manager: Headers, database_url: str
) -> None:
    chain, number = await book_chain(client)
    certificate, passport = chain["visits"]
    closed = await close_passports_during(client, manager, passport)
    assert closed["overbooked"] == 1

    plan = await preview(client, manager)
    assert plan["stats"]["displaced"] == 1 and plan["unplaced"] == []
    (move,) = plan["moves"]
    assert move["booking_code"] == chain["code"] and move["to"]["office_id"] == ABBASSIA
    (later,) = move["later"]  # the manager sees where the passport visit goes too
    assert later["service"] == TRIP[1]
    result = (await apply(client, manager, plan)).json()
    assert (result["moved"], result["cancelled"], result["skipped"]) == (1, 0, [])

    after = (
        await client.get(f"/api/v1/bookings/{chain['code']}", headers={"X-Identity-Number": number})
    ).json()
    assert after["status"] == "confirmed"
    first, second = after["visits"]
    assert [first["service"], second["service"]] == TRIP
    assert second["start"] == first["end"]  # back to back
    assert datetime.fromisoformat(second["start"]) == datetime.fromisoformat(later["start"])  # as shown
    assert first["start"] != certificate["start"]  # moved whole, not just its passport visit
    assert not (passport["start"] <= second["start"] < passport["end"])  # out of the closed hour
    (message,) = await outbox(database_url)
    assert message.kind == "booking_moved" and message.booking_code == chain["code"]
    assert "Criminal record certificate and New passport" in message.text
    assert "then New passport at" in message.text


async def test_a_chain_nothing_can_take_is_cancelled_whole_with_a_message_naming_both_services(
    client: Any, manager: Headers, database_url: str
) -> None:
    chain, number = await book_chain(client, nth=0, lang="ar")
    impact = await client.post(f"{CLOSURES}/impact", json={"date": MONDAY}, headers=manager)
    assert (impact.json()["booked"], impact.json()["displaced"]) == (1, 1)  # one booking, two seats
    await close_monday_to_thursday(client, manager)

    plan = await preview(client, manager)
    assert plan["moves"] == []
    (unplaced,) = plan["unplaced"]
    assert unplaced["booking_code"] == chain["code"] and unplaced["reason"] == "no_capacity"
    assert unplaced["later_services"] == TRIP[1:]
    result = (await apply(client, manager, plan)).json()
    assert (result["moved"], result["cancelled"]) == (0, 1)

    gone = (
        await client.get(f"/api/v1/bookings/{chain['code']}", headers={"X-Identity-Number": number})
    ).json()
    assert gone["status"] == "cancelled"
    (message,) = await outbox(database_url)
    assert message.kind == "booking_cancelled" and message.lang == "ar"
    assert "للخدمات «صحيفة الحالة الجنائية» و«استخراج جواز سفر لأول مرة»" in message.text
    assert await seats_held(database_url) == 0  # both of the chain's seats were freed


async def seats_held(database_url: str) -> int:
    """Seats the slot rows count, and visits still active, at the office: after the cancel, none."""
    from sqlalchemy import func, select

    from booking.store.tables import BookingVisitRow, SlotLoadRow
    from kernel.database import Database

    database = Database(database_url)
    try:
        seats = select(func.coalesce(func.sum(SlotLoadRow.booked), 0)).where(
            SlotLoadRow.office_id == ABBASSIA
        )
        visits = select(func.count()).select_from(BookingVisitRow).where(BookingVisitRow.active)
        return await database.read(lambda conn: int(conn.scalar(seats) or 0) + int(conn.scalar(visits) or 0))
    finally:
        await database.dispose()
