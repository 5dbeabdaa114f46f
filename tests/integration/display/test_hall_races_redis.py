"""Races between two server processes sharing Redis and one database: counters calling at the
same instant never get the same ticket, and a booking checked in twice at once gets one ticket."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.integration.display.hall_client import Staff
from tests.integration.hall.conftest import ABBASSIA, GIZA, PASSPORT
from tests.integration.helpers import booking_body, national_id
from tests.live_server import LiveServer

pytestmark = pytest.mark.redis

Pair = tuple[LiveServer, LiveServer]
TICKETS = 60


@pytest.fixture
async def doors(redis_pair: Pair) -> AsyncIterator[list[Staff]]:
    """The admin at Abbassia through each process (Giza is the check-in test's own office)."""
    first = await Staff.at(redis_pair[0].url, ABBASSIA)
    second = first.on(redis_pair[1].url)
    yield [first, second]
    await asyncio.gather(first.close(), second.close())


async def busiest_service(staff: Staff) -> tuple[str, list[str]]:
    """The service most counters of the office serve, and those counters."""
    office = (await staff.http.get(f"/api/v1/offices/{staff.office_id}")).json()
    by_service: dict[str, list[str]] = {}
    for counter in office["counters"]:
        for service in counter["services"]:
            by_service.setdefault(service, []).append(str(counter["id"]))
    return max(by_service.items(), key=lambda item: len(item[1]))


async def test_counters_calling_at_once_through_two_processes_never_share_a_ticket(
    doors: list[Staff],
) -> None:
    service, counters = await busiest_service(doors[0])
    assert len(counters) >= 3
    for counter in counters:
        await doors[0].open(counter)
    await asyncio.gather(*(doors[i % 2].walk_in(service) for i in range(TICKETS)))
    called: list[str] = []

    async def clerk(n: int, counter: str) -> None:
        door = doors[n % 2]
        while True:
            response = await door.http.post(
                f"/api/v1/offices/{door.office_id}/counters/{counter}/call-next", headers=door.headers
            )
            if response.status_code == 204:
                return
            assert response.status_code == 200, response.text
            ticket = response.json()["ticket"]
            called.append(ticket["ticket_id"])
            await doors[(n + 1) % 2].step(ticket["ticket_id"], "start")
            await door.step(ticket["ticket_id"], "complete")

    started = time.monotonic()
    await asyncio.gather(*(clerk(n, counter) for n, counter in enumerate(counters)))
    elapsed = time.monotonic() - started
    duplicates = [ticket for ticket, times in Counter(called).items() if times > 1]
    assert (len(called), duplicates) == (TICKETS, [])
    print(
        f"\n[race/http] {TICKETS} tickets, 2 processes × {len(counters)} counters over HTTP: "
        f"{len(called)} calls, {len(duplicates)} duplicates, {elapsed:.2f} s "
        f"({TICKETS / elapsed:.0f} call+start+complete cycles/s)"
    )
    assert (await doors[1].board())["waiting"] == {service: 0}


async def test_a_booking_checked_in_at_once_through_two_processes_gets_one_ticket(doors: list[Staff]) -> None:
    http, office_id = doors[0].http, GIZA
    slots = (
        await http.get(
            f"/api/v1/offices/{office_id}/availability",
            params={"service": PASSPORT, "from": "2026-12-06", "to": "2026-12-06"},
        )
    ).json()["days"][0]["slots"]
    body = booking_body(slots[0]["start"], national_id(), service=PASSPORT, office_id=office_id)
    booking = await http.post("/api/v1/bookings", json=body)
    assert booking.status_code == 201, booking.text

    async def check_in(door: Staff) -> Any:
        return await door.http.post(
            f"/api/v1/offices/{office_id}/tickets",
            json={"booking_code": booking.json()["code"]},
            headers=door.headers,
        )

    answers = await asyncio.gather(*(check_in(doors[i % 2]) for i in range(8)))
    assert sorted(answer.status_code for answer in answers) == [201] + [409] * 7
    assert {answer.json()["code"] for answer in answers if answer.status_code == 409} == {
        "already_checked_in"
    }
