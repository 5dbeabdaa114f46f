"""The rules by identity hold across a rotation of the identity key: a person whose bookings were
made under the old key cannot use the new key to hold a second booking of a service, a fourth
active booking, more moves or cancellations than the caps, or escape a no-show ban — over HTTP,
on SQLite and PostgreSQL, racing requests included (``booking.store.identity_keys``)."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select

from api.app import create_app
from api.rate_limits import room
from api.settings import Settings
from booking.identity import IdentityKey
from booking.store.tables import BookingRow, IdentityHoldRow
from kernel.clock import FixedClock
from kernel.database import Database
from tests.conftest import TEST_LIMIT_ROOM
from tests.integration.conftest import TEST_SECRET
from tests.integration.helpers import booking_body, national_id, slots

OLD_KEY = "the-identity-key-before-rotation-0123456789abcdef"
NEW_KEY = "the-identity-key-after-rotation-0123456789abcdef"
SERVICES = ("passport-new", "passport-renewal", "passport-replacement", "civil-certificate")
Client = AsyncTestClient  # type: ignore[type-arg]
MakeClient = Callable[..., AbstractAsyncContextManager[Client]]


@pytest.fixture
def make_client(database_url: str, tmp_path: Path, clock: FixedClock) -> MakeClient:
    """An app on the test database keyed with the old key (``rotated=False``) or with the new key
    and the old one retired, with the churn caps given."""

    @asynccontextmanager
    async def make(rotated: bool, **caps: Any) -> AsyncIterator[Client]:
        keys: dict[str, Any] = (
            {"identity_key": NEW_KEY, "identity_old_keys": (OLD_KEY,)}
            if rotated
            else {"identity_key": OLD_KEY}
        )
        settings = Settings(
            database_url=database_url,
            secret_key=TEST_SECRET,
            data_dir=tmp_path,
            rate_limits=room(TEST_LIMIT_ROOM),
            **keys,
        )
        settings = replace(
            settings, release_cool_off_minutes=(0.0, 0.0), active_bookings_per_mobile=1000, **caps
        )
        async with AsyncTestClient(create_app(settings, clock)) as client:
            yield client

    return make


async def book(client: Client, number: str, service: str = "passport-new", slot: int = 0) -> Any:
    start = (await slots(client, service=service))[slot]["start"]
    return await client.post("/api/v1/bookings", json=booking_body(start, number, service=service))


async def booked(client: Client, number: str, service: str = "passport-new", slot: int = 0) -> str:
    response = await book(client, number, service, slot)
    assert response.status_code == 201, response.text
    return str(response.json()["code"])


def request_body(number: str, service: str = "passport-new") -> dict[str, Any]:
    return {
        "service": service,
        "identity": {"type": "national_id", "number": number},
        "full_name": "منى عبد الرحمن السيد",
        "phone": "01012345678",
        "from": "2026-12-07",
        "to": "2026-12-09",
        "offices": ["giza-passports"],
    }


async def reschedule(client: Client, code: str, number: str, start: str) -> Any:
    headers = {"X-Identity-Number": number}
    return await client.post(f"/api/v1/bookings/{code}/reschedule", json={"start": start}, headers=headers)


async def cancel(client: Client, code: str, number: str) -> Any:
    return await client.delete(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})


def refused(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.json()["code"] == code, response.text


async def _read(database_url: str, work: Callable[[Any], Any]) -> Any:
    database = Database(database_url)
    try:
        return await database.read(work)
    finally:
        await database.dispose()


async def test_a_booking_under_the_old_key_is_a_duplicate_for_the_new_one(
    make_client: MakeClient, database_url: str
) -> None:
    number = national_id()
    async with make_client(rotated=False) as client:
        code = await booked(client, number)
    async with make_client(rotated=True) as client:
        refused(await book(client, number, slot=1), 409, "duplicate_booking")
        refused(
            await client.post("/api/v1/booking-requests", json=request_body(number)), 409, "duplicate_booking"
        )
        # Another service is still the person's to book, and the old booking is found by its number.
        assert (await book(client, number, "passport-renewal")).status_code == 201
        found = await client.get(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})
        assert found.status_code == 200, found.text
        # Someone else books the service as before.
        assert (await book(client, national_id(), slot=1)).status_code == 201
    # The old row now carries the new key: the person is one digest, and the old key's live count fell.
    rows = await _read(
        database_url, lambda c: c.execute(select(BookingRow.code, BookingRow.identity_key_id)).all()
    )
    assert dict(rows)[code] == IdentityKey.from_secret(NEW_KEY).id


async def test_a_pending_request_under_the_old_key_is_a_duplicate_request(make_client: MakeClient) -> None:
    number = national_id()
    async with make_client(rotated=False) as client:
        made = await client.post("/api/v1/booking-requests", json=request_body(number))
        assert made.status_code == 202, made.text
    async with make_client(rotated=True) as client:
        again = await client.post("/api/v1/booking-requests", json=request_body(number))
        refused(again, 409, "duplicate_request")
        found = await client.get(
            f"/api/v1/booking-requests/{made.json()['request_id']}", headers={"X-Identity-Number": number}
        )
        assert found.status_code == 200 and found.json()["status"] == "pending"


async def test_active_bookings_under_both_keys_count_toward_the_cap(
    make_client: MakeClient, database_url: str
) -> None:
    number = national_id()
    async with make_client(rotated=False) as client:
        codes = [await booked(client, number, service) for service in SERVICES[:2]]
    async with make_client(rotated=True) as client:
        assert (await book(client, number, SERVICES[2])).status_code == 201
        refused(await book(client, number, SERVICES[3]), 409, "booking_limit")
        # Cancelling one made under the old key frees a place, counted under the new one.
        assert (await cancel(client, codes[0], number)).status_code == 200
        assert (await book(client, number, SERVICES[3])).status_code == 201
    holds = await _read(database_url, lambda c: c.execute(select(IdentityHoldRow.active)).scalars().all())
    assert sum(holds) == 3 and max(holds) == 3  # one person, one count, equal to their active bookings


async def test_moves_under_the_old_key_count_toward_the_yearly_cap(make_client: MakeClient) -> None:
    caps = {"reschedules_per_booking": 5, "reschedules_per_year": 2}
    number = national_id()
    async with make_client(rotated=False, **caps) as client:
        code = await booked(client, number)
        free = [slot["start"] for slot in await slots(client)]
        assert (await reschedule(client, code, number, free[1])).status_code == 200
    async with make_client(rotated=True, **caps) as client:
        # The old booking moves once more under its old digest, then a booking under the new key
        # brings both counts together: the year's two moves are used up for every booking.
        assert (await reschedule(client, code, number, free[2])).status_code == 200
        other = await booked(client, number, "passport-renewal")
        start = (await slots(client, service="passport-renewal"))[3]["start"]
        refused(await reschedule(client, other, number, start), 409, "reschedule_limit")
        refused(await reschedule(client, code, number, free[3]), 409, "reschedule_limit")


async def test_cancellations_under_the_old_key_count_toward_the_month(make_client: MakeClient) -> None:
    number = national_id()
    async with make_client(rotated=False, cancellations_per_month=2) as client:
        for service in SERVICES[:2]:
            assert (await cancel(client, await booked(client, number, service), number)).status_code == 200
    async with make_client(rotated=True, cancellations_per_month=2) as client:
        refused(await book(client, number, SERVICES[2]), 409, "cancellation_limit")
        refused(
            await client.post("/api/v1/booking-requests", json=request_body(number, SERVICES[2])),
            409,
            "cancellation_limit",
        )
        assert (await book(client, national_id(), SERVICES[2])).status_code == 201


async def test_missed_appointments_under_the_old_key_still_ban(
    make_client: MakeClient, clock: FixedClock
) -> None:
    caps = {"no_show_limit": 2, "no_show_window_days": 90, "no_show_ban_days": 30}
    number = national_id()
    async with make_client(rotated=False, **caps) as client:
        for service in SERVICES[:2]:
            await booked(client, number, service)
    clock.advance(timedelta(days=1))  # the day passed and nobody came to either
    async with make_client(rotated=True, **caps) as client:
        start = (await slots(client, service=SERVICES[2], day="2026-12-21"))[0]["start"]
        body = booking_body(start, number, service=SERVICES[2])
        refused(await client.post("/api/v1/bookings", json=body), 409, "no_show_ban")
        body = request_body(number, SERVICES[2]) | {"from": "2026-12-21", "to": "2026-12-22"}
        refused(await client.post("/api/v1/booking-requests", json=body), 409, "no_show_ban")


async def test_racing_bookings_under_the_new_key_stop_at_the_cap_and_keep_one_count(
    make_client: MakeClient, database_url: str
) -> None:
    """Two bookings held under the old key; four different services booked at once under the new
    key, each re-keying the same rows: exactly one fits under the cap of three, and the person
    ends with one active count equal to their active bookings, none left under the old digest."""
    number = national_id()
    async with make_client(rotated=False) as client:
        for service in ("criminal-record-certificate", "passport-replacement"):
            await booked(client, number, service)
    async with make_client(rotated=True) as client:
        racing = ("passport-new", "passport-renewal", "civil-certificate", "passport-new")
        answers = await asyncio.gather(*(book(client, number, s, slot=i) for i, s in enumerate(racing)))
        outcomes = Counter(a.status_code if a.status_code == 201 else a.json()["code"] for a in answers)
        assert outcomes[201] == 1 and sum(outcomes.values()) == 4, outcomes
        assert set(outcomes) <= {201, "booking_limit", "duplicate_booking"}, outcomes

    def facts(conn: Any) -> tuple[dict[str, int], list[int]]:
        active = conn.execute(
            select(BookingRow.identity_key_id, func.count())
            .where(BookingRow.status == "confirmed")
            .group_by(BookingRow.identity_key_id)
        ).all()
        holds = conn.execute(select(IdentityHoldRow.active).where(IdentityHoldRow.active > 0)).scalars().all()
        return {key_id: count for key_id, count in active}, sorted(holds)

    active, holds = await _read(database_url, facts)
    assert active == {IdentityKey.from_secret(NEW_KEY).id: 3}
    assert holds == [3]
