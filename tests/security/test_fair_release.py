"""Fair releases, tried over HTTP on SQLite and PostgreSQL: a new booking day opens whole at 09:00,
and what is asked for it in its first ten minutes is decided by lot when they end — not by who
asked a millisecond earlier."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.planning_wiring import release_draws_on
from api.settings import Settings, SettingsError
from booking.appointments import Appointments
from booking.identity import IdentityHasher
from booking.release import OFF
from booking.store.booking_requests import RequestStore
from booking.store.bookings import BookingStore
from booking.store.offices import OfficeDirectory, OfficeStore
from kernel.clock import FixedClock
from kernel.database import Database
from kernel.days import TIMEZONE
from planning.lottery import draw_order
from planning.store.release_draws import DrawRecord, ReleaseDrawStore
from tests.integration.conftest import TEST_IDENTITY_KEY
from tests.integration.helpers import booking_body, login, national_id, slots

Client = AsyncTestClient  # type: ignore[type-arg]
CAIRO = ZoneInfo(TIMEZONE)
TODAY = date(2026, 12, 6)
NEW_DAY = TODAY + timedelta(days=60)  # Thursday 4 February 2027, a working day
OPENING = datetime(2026, 12, 6, 9, 0, 30, tzinfo=CAIRO)
SLOT_CAPACITY_SERVICE = "passport-renewal"


@pytest.fixture
def opening_clock() -> FixedClock:
    return FixedClock(OPENING)


@pytest.fixture
async def client(settings: Settings, opening_clock: FixedClock) -> AsyncIterator[Client]:
    async with AsyncTestClient(create_app(settings, opening_clock)) as client:
        yield client


def appointments_on(database: Database, clock: FixedClock) -> Appointments:
    directory = OfficeDirectory(OfficeStore(database), clock)
    hasher = IdentityHasher.from_secret(TEST_IDENTITY_KEY)
    return Appointments(directory, BookingStore(database), clock, hasher)


async def draw_record(database_url: str) -> DrawRecord | None:
    database = Database(database_url)  # the test's own: the app's connections live on its loop
    try:
        return await ReleaseDrawStore(database).record(NEW_DAY)
    finally:
        await database.dispose()


async def new_day_slots(client: Client, service: str = SLOT_CAPACITY_SERVICE) -> list[dict[str, Any]]:
    return await slots(client, service=service, day=NEW_DAY.isoformat())


async def enter(client: Client, start: str, number: str, service: str = SLOT_CAPACITY_SERVICE) -> Any:
    return await client.post("/api/v1/bookings", json=booking_body(start, number, service=service))


async def request_status(client: Client, request_id: str, number: str) -> dict[str, Any]:
    response = await client.get(
        f"/api/v1/booking-requests/{request_id}", headers={"X-Identity-Number": number}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_a_day_not_yet_open_is_refused_with_the_hour_it_opens(
    client: Client, opening_clock: FixedClock
) -> None:
    opening_clock.instant = OPENING - timedelta(minutes=1)
    availability = await client.get(
        "/api/v1/offices/giza-passports/availability",
        params={"service": SLOT_CAPACITY_SERVICE, "from": NEW_DAY.isoformat(), "to": NEW_DAY.isoformat()},
    )
    body = availability.json()
    assert body["days"][0]["slots"] == []
    assert body["release"]["next_day"] == NEW_DAY.isoformat()
    assert body["release"]["opens_at"] == "2026-12-06T09:00:00+02:00"
    start = f"{NEW_DAY.isoformat()}T10:00:00+02:00"
    refused = await enter(client, start, national_id())
    assert refused.status_code == 422
    problem = refused.json()
    assert problem["code"] == "outside_booking_window"
    assert "2026-12-06 at 09:00" in problem["detail"] and "٠٩:٠٠" in problem["detail_ar"]


async def test_attempts_in_the_first_minutes_are_decided_by_lot_not_by_speed(
    client: Client, opening_clock: FixedClock, database_url: str
) -> None:
    offered = await new_day_slots(client)
    assert offered, "the new day opened whole at 09:00"
    wanted = offered[4]
    seats = wanted["remaining"]
    people = {national_id(): None for _ in range(seats + 4)}
    entries: dict[str, str] = {}  # request id -> identity number, in the order they arrived
    for number in people:
        response = await enter(client, wanted["start"], number)
        assert response.status_code == 202, response.text
        body = response.json()
        assert body["status"] == "pending"
        assert body["draw"]["preferred_start"] == wanted["start"]
        assert body["draw"]["decided_at"] == "2026-12-06T09:10:00+02:00"
        entries[body["request_id"]] = number
    # Nothing is taken while the draw collects entries: the slot still shows every place.
    assert (await new_day_slots(client))[4]["remaining"] == seats

    opening_clock.advance(timedelta(minutes=10))  # 09:10:30: the server's own watcher draws
    statuses: dict[str, dict[str, Any]] = {}
    for _ in range(80):
        statuses = {rid: await request_status(client, rid, n) for rid, n in entries.items()}
        if all(s["status"] != "pending" for s in statuses.values()):
            break
        await asyncio.sleep(0.25)
    assert all(s["status"] == "assigned" for s in statuses.values()), statuses

    record = await draw_record(database_url)
    assert record is not None and record.finished_at is not None
    assert (record.entries, record.placed) == (len(entries), len(entries))
    # The chosen slot went to the first entries of the order drawn from the recorded seed,
    # whatever order they arrived in; the others got the nearest free times that day.
    order = draw_order(list(entries), record.seed)
    winners = {rid for rid, s in statuses.items() if s["booking"]["start"] == wanted["start"]}
    assert winners == set(order[:seats])
    others = [statuses[rid]["booking"]["start"] for rid in order[seats:]]
    assert all(start[:10] == NEW_DAY.isoformat() and start != wanted["start"] for start in others)
    assert (await new_day_slots(client))[4]["remaining"] == 0

    audit = await client.get(
        "/api/v1/manage/audit", params={"actor": "system"}, headers=await login(client, "admin")
    )
    assert audit.status_code == 200, audit.text
    drawn = [e for e in audit.json()["events"] if e["action"] == "release.drawn"]
    assert [e["target"] for e in drawn] == [NEW_DAY.isoformat()]
    assert drawn[0]["detail"]["seed"] == record.seed


async def test_only_one_of_two_processes_draws_a_day(
    settings: Settings, opening_clock: FixedClock, database_url: str
) -> None:
    # The app's own watcher is kept from drawing by a clock that stays in the draw; two deciders
    # with their own connections (as two server processes) then race for the same day.
    async with AsyncTestClient(create_app(settings, opening_clock)) as client:
        wanted = (await new_day_slots(client))[0]
        entries = {national_id(): "" for _ in range(3)}
        for number in entries:
            response = await enter(client, wanted["start"], number)
            assert response.status_code == 202
            entries[number] = response.json()["request_id"]
    after = FixedClock(OPENING + timedelta(minutes=10))
    first, second = Database(database_url), Database(database_url)
    try:
        draws = [release_draws_on(db, appointments_on(db, after)) for db in (first, second)]
        results = await asyncio.gather(draws[0].decide(NEW_DAY), draws[1].decide(NEW_DAY))
        decided = [r for r in results if r is not None]
        assert len(decided) == 1 and decided[0].placed == 3
        assert await draws[0].due(after.now()) == []
        requests = RequestStore(first)
        found = [await requests.by_id(rid) for rid in entries.values()]
        assert all(r is not None and r.status.value == "assigned" for r in found)
    finally:
        await first.dispose()
        await second.dispose()


async def test_while_the_draw_runs_nothing_else_books_the_new_day(client: Client) -> None:
    number = national_id()
    tomorrow = (await slots(client, service=SLOT_CAPACITY_SERVICE, day="2026-12-07"))[0]
    booked = await enter(client, tomorrow["start"], number)
    assert booked.status_code == 201, booked.text
    new_day = (await new_day_slots(client))[0]
    moved = await client.post(
        f"/api/v1/bookings/{booked.json()['code']}/reschedule",
        json={"start": new_day["start"]},
        headers={"X-Identity-Number": number},
    )
    assert moved.status_code == 409
    assert moved.json()["code"] == "release_draw_running"
    assert moved.json()["detail_ar"]


async def test_an_entry_is_checked_as_a_booking_would_be(client: Client) -> None:
    number = national_id()
    tomorrow = (await slots(client, service=SLOT_CAPACITY_SERVICE, day="2026-12-07"))[0]
    assert (await enter(client, tomorrow["start"], number)).status_code == 201
    new_day = (await new_day_slots(client))[0]
    duplicate = await enter(client, new_day["start"], number)
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "duplicate_booking"
    other = national_id()
    assert (await enter(client, new_day["start"], other)).status_code == 202
    again = await enter(client, new_day["start"], other)
    assert again.status_code == 409 and again.json()["code"] == "duplicate_request"
    foreigner = booking_body(new_day["start"], service="passport-new")
    foreigner["identity"] = {"type": "passport", "number": "A1234567", "nationality": "SDN"}
    refused = await client.post("/api/v1/bookings", json=foreigner)
    assert refused.status_code == 422 and refused.json()["code"] == "identity_not_eligible"


async def test_after_the_draw_the_new_day_is_booked_at_once(
    client: Client, opening_clock: FixedClock
) -> None:
    opening_clock.advance(timedelta(minutes=10))
    start = (await new_day_slots(client))[0]["start"]
    assert (await enter(client, start, national_id())).status_code == 201


async def test_fair_release_off_keeps_the_rolling_window(
    settings: Settings, opening_clock: FixedClock
) -> None:
    async with AsyncTestClient(create_app(replace(settings, release=OFF), opening_clock)) as client:
        offered = await new_day_slots(client)
        assert offered and all(s["start"] <= "2027-02-04T09:00:30+02:00" for s in offered)
        assert (await enter(client, offered[0]["start"], national_id())).status_code == 201


def test_release_settings_are_read_and_checked() -> None:
    env = {"MAWID_DEMO": "1"}
    assert Settings.from_env(env).release.enabled
    custom = Settings.from_env({**env, "MAWID_RELEASE_TIME": "08:30", "MAWID_RELEASE_DRAW_MINUTES": "0"})
    assert custom.release.opens_at.isoformat() == "08:30:00" and custom.release.draw_minutes == 0
    assert not Settings.from_env({**env, "MAWID_FAIR_RELEASE": "off"}).release.enabled
    for bad in (
        {"MAWID_RELEASE_TIME": "9am"},
        {"MAWID_RELEASE_DRAW_MINUTES": "500"},
        {"MAWID_FAIR_RELEASE": "x"},
    ):
        with pytest.raises(SettingsError):
            Settings.from_env({**env, **bad})


async def test_an_entry_for_a_day_the_office_closed_since_is_told_so(
    client: Client, opening_clock: FixedClock
) -> None:
    number = national_id()
    entered = await enter(client, (await new_day_slots(client))[0]["start"], number)
    assert entered.status_code == 202
    manager = await login(client, "admin")
    closed = await client.post(
        "/api/v1/manage/offices/giza-passports/closures", json={"date": NEW_DAY.isoformat()}, headers=manager
    )
    assert closed.status_code == 201, closed.text
    opening_clock.advance(timedelta(minutes=10))
    state: dict[str, Any] = {}
    for _ in range(80):
        state = await request_status(client, entered.json()["request_id"], number)
        if state["status"] != "pending":
            break
        await asyncio.sleep(0.25)
    assert state["status"] == "unassigned" and state["reason"] == "no_eligible_slot", state
