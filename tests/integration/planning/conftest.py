"""Staff logins, flexible-request bodies and job polling for the optimiser's API tests."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from tests.integration.helpers import ABBASSIA, GIZA, PASSWORDS, Headers, login, national_id  # noqa: F401 (re-exported to the tests)

Client = AsyncTestClient  # type: ignore[type-arg]


@pytest.fixture
async def admin(client: Client) -> Headers:
    return await login(client, "admin")


@pytest.fixture
async def manager(client: Client) -> Headers:
    return await login(client, "manager.cairo")


def request_body(
    number: str | None = None,
    service: str = "passport-new",
    first: str = "2026-12-07",
    last: str = "2026-12-09",
    time_of_day: str | None = None,
    lang: str | None = None,
    **where: Any,
) -> dict[str, Any]:
    """A flexible request; ``where`` is offices=[...], governorate=... or near={...} (default:
    the Abbassia passport office alone)."""
    body = {
        "service": service,
        "identity": {"type": "national_id", "number": number or national_id()},
        "full_name": "كريم محمود عبد الله",
        "phone": "01012345678",
        "from": first,
        "to": last,
        **(where or {"offices": [ABBASSIA]}),
    }
    if time_of_day:
        body["time_of_day"] = time_of_day
    if lang:
        body["lang"] = lang
    return body


async def ask(client: Client, **kwargs: Any) -> tuple[str, str]:
    """Send a request; returns (request_id, identity number)."""
    number = kwargs.pop("number", None) or national_id()
    response = await client.post("/api/v1/booking-requests", json=request_body(number, **kwargs))
    assert response.status_code == 202, response.text
    return response.json()["request_id"], number


async def status_of(client: Client, request_id: str, number: str) -> dict[str, Any]:
    response = await client.get(
        f"/api/v1/booking-requests/{request_id}", headers={"X-Identity-Number": number}
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def optimise(client: Client, headers: Headers, **body: Any) -> str:
    response = await client.post("/api/v1/manage/optimise", json=body, headers=headers)
    assert response.status_code == 202, response.text
    return response.json()["job_id"]  # type: ignore[no-any-return]


async def finished(client: Client, headers: Headers, job_id: str, timeout: float = 30.0) -> dict[str, Any]:
    """The job once it is done or failed."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        job = (await client.get(f"/api/v1/manage/jobs/{job_id}", headers=headers)).json()
        if job["status"] in ("done", "failed"):
            return job  # type: ignore[no-any-return]
        assert asyncio.get_running_loop().time() < deadline, f"job still {job['status']}: {job}"
        await asyncio.sleep(0.1)


async def overbooked_slots(database_url: str) -> list[tuple[Any, ...]]:
    """Slots holding more active bookings than their capacity, by the slot rows and by counting
    the bookings themselves (the two must agree, and both must say none)."""
    from sqlalchemy import text

    from kernel.database import Database

    database = Database(database_url)
    try:
        return await database.read(
            lambda conn: [
                tuple(row)
                for row in conn.execute(
                    text(
                        "SELECT s.office_id, s.service, s.starts_at, s.capacity, s.booked, "
                        "  (SELECT COUNT(*) FROM bookings b WHERE b.office_id = s.office_id "
                        "   AND b.service = s.service AND b.starts_at = s.starts_at "
                        "   AND b.status IN ('confirmed', 'checked_in')) AS active "
                        "FROM slot_loads s"
                    )
                )
                if row.booked > row.capacity or row.active != row.booked
            ]
        )
    finally:
        await database.dispose()


async def outbox(database_url: str) -> list[Any]:
    """Every delivery planning left waiting in the outbox, oldest first: what the citizen's own
    steps post (a booking made, moved, cancelled: ``booking.notices``) is left out."""
    from booking.notices import NOTICE_KEYS
    from kernel.database import Database
    from messaging.store.outbox import OutboxStore

    database = Database(database_url)
    try:
        return [d for d in await OutboxStore(database).unsent() if d.kind not in NOTICE_KEYS]
    finally:
        await database.dispose()
