"""A restarted app (the embedded memory queue, emptied) takes up today's hall from the database,
and settles a booking left checked in without a ticket by a crash inside the kiosk's check-in."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date

from litestar.testing import AsyncTestClient

from api.app import create_app
from api.settings import Settings
from booking.rules import BookingStatus
from booking.store.bookings import BookingStore
from kernel.clock import FixedClock
from kernel.database import Database
from queue_display.archive.stranded_check_ins import StrandedCheckIns
from queue_display.archive.tickets import TicketArchive
from queue_display.recovery import heal_stranded_check_ins
from queue_display.store import MemoryQueueStore
from tests.integration.hall.conftest import (
    ABBASSIA,
    PASSPORT,
    Client,
    book,
    call_next,
    check_in,
    give_a_fair_chance,
    login,
    open_counter,
    problem,
    walk_in,
)

TODAY = date(2026, 12, 6)


@asynccontextmanager
async def restarted(settings: Settings, clock: FixedClock) -> AsyncIterator[Client]:
    """The same database, a new app: what a server restart is to the embedded memory queue."""
    async with AsyncTestClient(create_app(settings, clock)) as client:
        yield client


async def strand(database_url: str, code: str, clock: FixedClock) -> None:
    """What a crash between the kiosk's two steps leaves: checked in, and no ticket anywhere."""
    database = Database(database_url)
    bookings = BookingStore(database)
    booking = await bookings.by_code(code)
    assert booking is not None
    moved = await bookings.set_status(
        booking.id, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, clock.now()
    )
    assert moved
    await database.dispose()


async def status_of(client: Client, code: str, number: str) -> str:
    found = await client.get(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})
    return str(found.json()["status"])


async def test_after_a_restart_the_board_and_the_counters_carry_on(
    client: Client, settings: Settings, clock: FixedClock
) -> None:
    kiosk, agent = await login(client, "kiosk.abbassia"), await login(client, "agent.abbassia")
    first = await walk_in(client, kiosk)
    await walk_in(client, kiosk)
    counter = await open_counter(client, agent)
    called = await call_next(client, agent, counter)
    before = (await client.get(f"/api/v1/offices/{ABBASSIA}/queue")).json()
    async with restarted(settings, clock) as again:
        board = (await again.get(f"/api/v1/offices/{ABBASSIA}/queue")).json()
        assert board["serving"] == before["serving"] and board["waiting"] == before["waiting"]
        assert board["recent"] == before["recent"]
        assert [s["number"] for s in board["serving"]] == [first["number"]] == [called["number"]]
        kiosk, agent = await login(again, "kiosk.abbassia"), await login(again, "agent.abbassia")
        assert (await walk_in(again, kiosk))["number"] == "P-003"
        counters = (await again.get(f"/api/v1/offices/{ABBASSIA}/counters", headers=agent)).json()
        assert {c["counter_id"]: c["status"] for c in counters}[counter] == "open"
        busy = await again.post(f"/api/v1/offices/{ABBASSIA}/counters/{counter}/call-next", headers=agent)
        problem(busy, 409, "counter_busy")
        await give_a_fair_chance(again, agent, called["ticket_id"], clock)
        done = await again.post(
            f"/api/v1/offices/{ABBASSIA}/tickets/{called['ticket_id']}/no-show", headers=agent
        )
        assert done.status_code == 200, done.text
        assert (await call_next(again, agent, counter))["number"] == "P-002"


async def test_a_booking_checked_in_before_a_restart_cannot_check_in_again(
    client: Client, settings: Settings, clock: FixedClock
) -> None:
    booking, number = await book(client)
    kiosk = await login(client, "kiosk.abbassia")
    assert (await check_in(client, kiosk, booking["code"])).status_code == 201
    async with restarted(settings, clock) as again:
        kiosk = await login(again, "kiosk.abbassia")
        problem(await check_in(again, kiosk, booking["code"]), 409, "already_checked_in")
        assert await status_of(again, booking["code"], number) == "checked_in"


async def test_a_booking_stranded_checked_in_without_a_ticket_checks_in_after_a_restart(
    client: Client, settings: Settings, clock: FixedClock, database_url: str
) -> None:
    booking, number = await book(client)
    await strand(database_url, booking["code"], clock)
    kiosk = await login(client, "kiosk.abbassia")
    problem(await check_in(client, kiosk, booking["code"]), 409, "already_checked_in")  # stuck
    async with restarted(settings, clock) as again:
        assert await status_of(again, booking["code"], number) == "confirmed"
        kiosk = await login(again, "kiosk.abbassia")
        ticket = await check_in(again, kiosk, booking["code"])
        assert ticket.status_code == 201, ticket.text
        assert await status_of(again, booking["code"], number) == "checked_in"


async def test_a_stranded_booking_whose_ticket_the_live_queue_kept_gets_that_ticket_archived(
    client: Client, clock: FixedClock, database_url: str
) -> None:
    """As on Redis, which outlives the process that crashed before archiving the check-in."""
    booking, number = await book(client)
    await strand(database_url, booking["code"], clock)
    live = MemoryQueueStore()
    issued = await live.check_in(ABBASSIA, booking["code"], PASSPORT, "P", clock.now(), clock.now())
    database = Database(database_url)
    try:
        archive = TicketArchive(database)
        released, archived = await heal_stranded_check_ins(
            live, archive, StrandedCheckIns(database), ABBASSIA, TODAY, clock.now()
        )
        assert (released, archived) == ((), (booking["code"],))
        [row] = await archive.of_day(ABBASSIA, TODAY)
        assert (row["id"], row["booking_code"]) == (issued.ticket.id, booking["code"])
    finally:
        await database.dispose()
    assert await status_of(client, booking["code"], number) == "checked_in"


async def test_only_today_s_stranded_bookings_of_the_office_are_released(
    client: Client, clock: FixedClock, database_url: str
) -> None:
    today, _ = await book(client)
    tomorrow, _ = await book(client, day="2026-12-07")
    for code in (today["code"], tomorrow["code"]):
        await strand(database_url, code, clock)
    database = Database(database_url)
    try:
        stranded = StrandedCheckIns(database)
        assert [s.code for s in await stranded.find(ABBASSIA, TODAY)] == [today["code"]]
        assert await stranded.find("giza-passports", TODAY) == []
    finally:
        await database.dispose()
