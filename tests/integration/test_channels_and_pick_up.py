"""Channels and the pick-up lane over HTTP on SQLite and PostgreSQL: a clerk books for a citizen
(channel kept, audited by identity digest prefix, the citizen texted as online); an office's seats
kept for clerks and its seniors' hours; collecting a finished document as a walk-in with its own
prefix at a counter with that skill; and the "ready for collection" SMS in the demo inbox."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.settings import Settings
from booking.calendar import to_local
from booking.capacity import day_slots
from booking.demo import DEMO_CHANNELS_OFFICE, DEMO_OFFICES
from booking.services import COLLECTION
from booking.store.retention import Retention, erase_readiness
from kernel.clock import FixedClock
from kernel.database import Database
from messaging.channels import ChannelSettings, open_channels
from messaging.sender import Sender
from messaging.store.outbox import OutboxStore
from tests.integration.hall.conftest import call_next, counter_for, open_counter, problem, walk_in
from tests.integration.helpers import ABBASSIA, booking_body, login, national_id, slots

Client = AsyncTestClient  # type: ignore[type-arg]
ZAGAZIG = DEMO_CHANNELS_OFFICE
MONDAY = "2026-12-07"
PHONE = "01012345678"


@pytest.fixture
async def demo(settings: Settings, clock: FixedClock) -> AsyncIterator[Client]:
    # Demo mode for its inbox; the server's own sender is off, so the test knows when it delivered.
    async with AsyncTestClient(create_app(replace(settings, demo=True, sender="off"), clock)) as client:
        yield client


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    try:
        yield database
    finally:
        await database.dispose()


async def inbox(client: Client, database: Database, clock: FixedClock, phone: str = PHONE) -> list[Any]:
    await Sender(OutboxStore(database), open_channels(ChannelSettings(demo=True)), clock).run_once()
    response = await client.get("/api/v1/demo/inbox", params={"phone": phone})
    assert response.status_code == 200, response.text
    return [message for message in response.json() if message["channel"] == "sms"]


async def assisted(
    client: Client, headers: dict[str, str], body: dict[str, Any], channel: str = "desk"
) -> Any:
    return await client.post("/api/v1/assisted/bookings", json={**body, "channel": channel}, headers=headers)


async def test_a_clerk_books_at_the_desk_the_channel_is_kept_audited_and_the_citizen_texted(
    demo: Client, database: Database, clock: FixedClock
) -> None:
    clerk = await login(demo, "clerk.abbassia")
    number = national_id()
    start = (await slots(demo, ABBASSIA, day=MONDAY))[0]["start"]
    response = await assisted(demo, clerk, booking_body(start, number, office_id=ABBASSIA), "phone")
    assert response.status_code == 201, response.text
    booking = response.json()
    assert booking["channel"] == "phone" and booking["identity_last4"] == number[-4:]
    shown = await demo.get(f"/api/v1/bookings/{booking['code']}", headers={"X-Identity-Number": number})
    assert shown.json()["channel"] == "phone"
    [sms] = await inbox(demo, database, clock)
    assert booking["code"] in sms["text"]  # the same confirmation as an online booking
    audit = await demo.get("/api/v1/manage/audit/", headers=await login(demo, "admin"))
    [event] = [e for e in audit.json()["events"] if e["action"] == "booking.assisted"]
    assert (event["actor"], event["target"], event["office_id"]) == (
        "staff:clerk.abbassia",
        booking["code"],
        ABBASSIA,
    )
    assert event["detail"]["channel"] == "phone" and event["detail"]["for"].startswith("identity:")
    assert number not in str(event)


async def test_only_clerks_book_for_citizens_and_only_in_their_own_offices(client: Client) -> None:
    clerk, agent = await login(client, "clerk.abbassia"), await login(client, "agent.abbassia")
    start = (await slots(client, day=MONDAY))[0]["start"]  # Giza: not the clerk's office
    problem(await assisted(client, clerk, booking_body(start)), 403, "office_forbidden")
    abbassia = (await slots(client, ABBASSIA, day=MONDAY))[0]["start"]
    assert (await assisted(client, agent, booking_body(abbassia, office_id=ABBASSIA))).status_code == 403
    problem(
        await assisted(client, clerk, booking_body(abbassia, office_id=ABBASSIA), "kiosk"),
        422,
        "invalid_channel",
    )
    assert (await client.post("/api/v1/assisted/bookings", json=booking_body(abbassia))).status_code == 401


async def test_online_applicants_leave_the_seats_kept_for_clerks_and_seniors_hours_to_seniors(
    client: Client,
) -> None:
    office = next(o for o in DEMO_OFFICES if o.id == ZAGAZIG)
    grid = {s.start: s for s in day_slots(office, "passport-new", date.fromisoformat(MONDAY))}
    online = {s["start"]: s for s in await slots(client, ZAGAZIG, day=MONDAY)}
    clerk = await login(client, "clerk.abbassia")  # the demo clerk works at Zagazig too
    desk = await client.get(
        f"/api/v1/assisted/offices/{ZAGAZIG}/availability",
        params={"service": "passport-new", "from": MONDAY, "to": MONDAY},
        headers=clerk,
    )
    at_desk = {s["start"]: s for s in desk.json()["days"][0]["slots"]}
    kept = [s for s in grid.values() if s.reserved]
    assert kept and sum(s.reserved for s in grid.values()) == int(
        sum(s.capacity for s in grid.values()) * 0.2
    )
    for slot in kept:
        start = _local(slot.start)
        assert (online[start]["remaining"], at_desk[start]["remaining"]) == (
            slot.capacity - slot.reserved,
            slot.capacity,
        )
    first = min(online)  # 08:00: the office's seniors' hour
    assert online[first]["seniors_only"] is True
    problem(
        await client.post("/api/v1/bookings", json=booking_body(first, office_id=ZAGAZIG)),
        409,
        "seniors_hours",
    )
    senior = booking_body(first, national_id(birth="500101"), office_id=ZAGAZIG)
    assert (await client.post("/api/v1/bookings", json=senior)).status_code == 201
    assert (await assisted(client, clerk, booking_body(first, office_id=ZAGAZIG))).status_code == 201


def _local(instant: datetime) -> str:
    return to_local(instant, office_tz()).isoformat()


def office_tz() -> str:
    return "Africa/Cairo"


async def test_collecting_a_document_is_a_walk_in_with_its_own_prefix_at_a_counter_with_that_skill(
    client: Client,
) -> None:
    services = {s["code"]: s for s in (await client.get("/api/v1/services")).json()}
    assert services[COLLECTION]["walk_in_only"] and services[COLLECTION]["ticket_prefix"] == "K"
    start = (await slots(client, ABBASSIA, day=MONDAY))[0]["start"]
    refused = await client.post(
        "/api/v1/bookings", json=booking_body(start, service=COLLECTION, office_id=ABBASSIA)
    )
    problem(refused, 422, "walk_in_only")
    kiosk, agent = await login(client, "kiosk.abbassia"), await login(client, "agent.abbassia")
    await walk_in(client, kiosk)  # an application waiting first
    ticket = await walk_in(client, kiosk, service=COLLECTION)
    assert ticket["number"].startswith("K")
    passports = await open_counter(client, agent)
    assert (
        await client.post(f"/api/v1/offices/{ABBASSIA}/counters/{passports}/call-next", headers=agent)
    ).json()["ticket"]["service"] == "passport-new"
    pick_up = await open_counter(client, agent, COLLECTION)
    assert pick_up == await counter_for(client, COLLECTION)
    called = await call_next(client, agent, pick_up)
    assert (called["ticket_id"], called["number"]) == (ticket["ticket_id"], ticket["number"])


async def test_a_document_marked_ready_texts_its_holder_once(
    demo: Client, database: Database, clock: FixedClock
) -> None:
    agent = await login(demo, "agent.abbassia")
    body = {
        "identity": {"type": "national_id", "number": national_id()},
        "phone": PHONE,
        "document": "passport",
    }
    url = f"/api/v1/offices/{ABBASSIA}/documents/ready"
    first = await demo.post(url, json=body, headers=agent)
    assert first.status_code == 201, first.text
    assert first.json()["notified"] is True and first.json()["phone"] != PHONE
    again = await demo.post(url, json=body, headers=agent)
    assert (again.status_code, again.json()["notified"]) == (200, False)
    [sms] = await inbox(demo, database, clock)
    assert "مجمع خدمات الجوازات بالعباسية" in sms["text"] and "الأحد–الخميس ٨:٠٠–١٥:٠٠" in sms["text"]
    assert body["identity"]["number"] not in sms["text"]
    problem(
        await demo.post(url, json={**body, "document": "diploma"}, headers=agent), 422, "unknown_document"
    )
    elsewhere = await demo.post("/api/v1/offices/giza-passports/documents/ready", json=body, headers=agent)
    problem(elsewhere, 403, "office_forbidden")
    later = clock.now() + timedelta(days=Retention().visit_days)

    def purge(conn: Any) -> int:
        return erase_readiness(conn, Retention(), later)

    assert await database.write(purge) == 1  # its mobile is not kept longer than a visit's


async def test_a_manager_sets_an_offices_kept_share_and_seniors_hours_and_availability_follows(
    client: Client,
) -> None:
    manager = await login(client, "manager.cairo")
    url = f"/api/v1/manage/offices/{ABBASSIA}/channels"
    assert (await client.get(url, headers=manager)).json() == {
        "office_id": ABBASSIA,
        "assisted_share": 0.0,
        "seniors_hours": None,
    }
    start = (await slots(client, ABBASSIA, day=MONDAY))[0]["start"]
    await client.post("/api/v1/bookings", json=booking_body(start, office_id=ABBASSIA))  # a row exists
    before = {s["start"]: s["remaining"] for s in await slots(client, ABBASSIA, day=MONDAY)}
    changed = await client.put(
        url, json={"assisted_share": 0.5, "seniors_hours": "08:00-09:00"}, headers=manager
    )
    assert changed.status_code == 200, changed.text
    after = {s["start"]: s for s in await slots(client, ABBASSIA, day=MONDAY)}
    assert sum(s["remaining"] for s in after.values()) < sum(before.values())
    assert after[start]["remaining"] < before[start]  # the slot row's kept seats were restated
    assert after[start]["seniors_only"] is True
    problem(
        await client.put(url, json={"assisted_share": 0.9}, headers=manager), 422, "invalid_channel_settings"
    )
    problem(
        await client.put(url, json={"assisted_share": 0.1, "seniors_hours": "9-8"}, headers=manager),
        422,
        "invalid_channel_settings",
    )
    elsewhere = f"/api/v1/manage/offices/{ZAGAZIG}/channels"
    problem(
        await client.put(elsewhere, json={"assisted_share": 0.1}, headers=manager), 403, "office_forbidden"
    )
