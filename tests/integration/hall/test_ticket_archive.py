"""What outlives a restart: every ticket, its wait and service times, its steps and the
booking's outcome are in the database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta

import pytest

from kernel.clock import FixedClock
from kernel.database import Database
from queue_display.archive.tickets import TicketArchive
from tests.integration.hall.archive_rows import row_at
from tests.integration.hall.conftest import (
    ABBASSIA,
    Client,
    Headers,
    book,
    call_next,
    check_in,
    open_counter,
    step,
    walk_in,
)

TODAY = date(2026, 12, 6)


@pytest.fixture
async def archive(database_url: str) -> AsyncIterator[TicketArchive]:
    database = Database(database_url)
    yield TicketArchive(database)
    await database.dispose()


async def test_a_served_ticket_keeps_its_wait_service_times_and_steps(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock, archive: TicketArchive
) -> None:
    issued = await walk_in(client, kiosk)
    counter = await open_counter(client, agent)
    clock.advance(timedelta(minutes=5))
    await call_next(client, agent, counter)
    await step(client, agent, issued["ticket_id"], "start")
    clock.advance(timedelta(minutes=7))
    await step(client, agent, issued["ticket_id"], "complete")
    [row] = await archive.of_day(ABBASSIA, TODAY)
    assert (row["number"], row["status"], row["wait_seconds"], row["service_seconds"]) == (
        "P-001",
        "done",
        300.0,
        420.0,
    )
    steps = await archive.steps(issued["ticket_id"])
    assert [(s["action"], s["status"], s["staff"]) for s in steps] == [
        ("walk_in", "waiting", "kiosk.abbassia"),
        ("call", "called", "agent.abbassia"),
        ("start", "serving", "agent.abbassia"),
        ("complete", "done", "agent.abbassia"),
    ]


async def test_a_transfer_archives_both_tickets(
    client: Client, kiosk: Headers, agent: Headers, archive: TicketArchive
) -> None:
    issued = await walk_in(client, kiosk)
    counter = await open_counter(client, agent)
    await call_next(client, agent, counter)
    moved = (await step(client, agent, issued["ticket_id"], "transfer", service="civil-certificate")).json()
    rows = {row["id"]: row for row in await archive.of_day(ABBASSIA, TODAY)}
    assert rows[issued["ticket_id"]]["status"] == "transferred"
    assert rows[moved["ticket"]["ticket_id"]]["transferred_from"] == issued["ticket_id"]


async def test_a_served_appointment_marks_its_booking_served(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock
) -> None:
    booking, number = await book(client)
    ticket = (await check_in(client, kiosk, booking["code"])).json()
    clock.advance(timedelta(hours=3))  # past the slot
    counter = await open_counter(client, agent)
    await call_next(client, agent, counter)
    await step(client, agent, ticket["ticket_id"], "start")
    await step(client, agent, ticket["ticket_id"], "complete")
    found = await client.get(f"/api/v1/bookings/{booking['code']}", headers={"X-Identity-Number": number})
    assert found.json()["status"] == "served"


async def test_an_appointment_recalled_four_times_marks_its_booking_a_no_show(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock
) -> None:
    booking, number = await book(client)
    ticket = (await check_in(client, kiosk, booking["code"])).json()
    clock.advance(timedelta(hours=3))
    counter = await open_counter(client, agent)
    await call_next(client, agent, counter)
    for _ in range(3):
        await step(client, agent, ticket["ticket_id"], "recall")
    clock.advance(timedelta(minutes=3))  # the no-show rule's wait since the call
    assert (await step(client, agent, ticket["ticket_id"], "recall")).json()["ticket"]["status"] == "no_show"
    found = await client.get(f"/api/v1/bookings/{booking['code']}", headers={"X-Identity-Number": number})
    assert found.json()["status"] == "no_show"


async def test_an_archived_ticket_never_moves_back(archive: TicketArchive) -> None:
    await archive.record([row_at("called", progress=10)], [])
    await archive.record([row_at("done", progress=30)], [])
    await archive.record([row_at("serving", progress=20)], [])  # a late report of an older step
    [row] = await archive.of_day(ABBASSIA, TODAY)
    assert row["status"] == "done"
