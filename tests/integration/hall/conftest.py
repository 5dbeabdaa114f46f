"""Staff of the Abbassia passport office, logged in against the test app, and small helpers
for the kiosk and counter endpoints."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from kernel.clock import FixedClock
from tests.integration.helpers import (  # noqa: F401 (re-exported to the tests)
    ABBASSIA,
    GIZA,
    PASSWORDS,
    Headers,
    booking_body,
    login,
    national_id,
    slots,
)

PASSPORT, RENEWAL, CERTIFICATE = "passport-new", "passport-renewal", "criminal-record-certificate"
Client = AsyncTestClient  # type: ignore[type-arg]


@pytest.fixture
async def kiosk(client: Client) -> Headers:
    return await login(client, "kiosk.abbassia")


@pytest.fixture
async def agent(client: Client) -> Headers:
    return await login(client, "agent.abbassia")


async def counter_for(client: Client, service: str, office_id: str = ABBASSIA, nth: int = 0) -> str:
    """The database id of the office's ``nth`` counter that serves ``service``."""
    office = (await client.get(f"/api/v1/offices/{office_id}")).json()
    return str([c["id"] for c in office["counters"] if service in c["services"]][nth])


async def open_counter(client: Client, headers: Headers, service: str = PASSPORT, nth: int = 0) -> str:
    counter = await counter_for(client, service, nth=nth)
    response = await client.post(
        f"/api/v1/offices/{ABBASSIA}/counters/{counter}/status", json={"status": "open"}, headers=headers
    )
    assert response.status_code == 200, response.text
    return counter


async def walk_in(client: Client, headers: Headers, service: str = PASSPORT, **extra: Any) -> dict[str, Any]:
    response = await client.post(
        f"/api/v1/offices/{ABBASSIA}/tickets", json={"service": service, **extra}, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def call_next(client: Client, headers: Headers, counter: str) -> dict[str, Any]:
    response = await client.post(f"/api/v1/offices/{ABBASSIA}/counters/{counter}/call-next", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["ticket"]  # type: ignore[no-any-return]


async def step(client: Client, headers: Headers, ticket_id: str, action: str, **body: Any) -> Any:
    return await client.post(
        f"/api/v1/offices/{ABBASSIA}/tickets/{ticket_id}/{action}", json=body or None, headers=headers
    )


async def give_a_fair_chance(client: Client, headers: Headers, ticket_id: str, clock: FixedClock) -> None:
    """What the office's no-show rule asks before a called ticket may be a no-show (the settings'
    defaults, ``queue_display.no_show``): called again twice, and three minutes since the call."""
    for _ in range(2):
        response = await step(client, headers, ticket_id, "recall")
        assert response.status_code == 200, response.text
    clock.advance(timedelta(minutes=3))


async def book(
    client: Client,
    office_id: str = ABBASSIA,
    day: str = "2026-12-06",
    slot: int = 0,
    number: str | None = None,
    service: str = PASSPORT,
) -> tuple[dict[str, Any], str]:
    """A booking of the ``slot``-th free slot of the day; returns it with its identity number."""
    number = number or national_id()
    start = (await slots(client, office_id, service, day))[slot]["start"]
    response = await client.post(
        "/api/v1/bookings", json=booking_body(start, number, service=service, office_id=office_id)
    )
    assert response.status_code == 201, response.text
    return response.json(), number


async def check_in(client: Client, headers: Headers, code: str, **extra: Any) -> Any:
    return await client.post(
        f"/api/v1/offices/{ABBASSIA}/tickets", json={"booking_code": code, **extra}, headers=headers
    )


def problem(response: Any, status: int, code: str) -> None:
    """The response is a bilingual problem+json with this status and code."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == code
    assert body["detail"] and body["detail_ar"]
