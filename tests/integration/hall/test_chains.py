"""A booking of several services through the hall's endpoints: one check-in, one number, the
renewal counter serves it, then the certificate counter calls the same number, and the archive,
the audit trail and the booking tell it went on."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from booking.chains import chain_order
from booking.services import SERVICES
from kernel.clock import FixedClock
from kernel.database import Database
from queue_display.archive.tickets import TicketArchive
from tests.integration.hall.conftest import (
    ABBASSIA,
    CERTIFICATE,
    RENEWAL,
    Client,
    Headers,
    booking_body,
    call_next,
    check_in,
    login,
    national_id,
    open_counter,
    slots,
    step,
)

TODAY = date(2026, 12, 6)
CHAIN = chain_order((RENEWAL, CERTIFICATE))  # the certificate first: a passport may need it
FIRST, SECOND = CHAIN
NUMBER = f"{SERVICES[FIRST].ticket_prefix}-001"


@pytest.fixture
async def archive(database_url: str) -> AsyncIterator[TicketArchive]:
    database = Database(database_url)
    yield TicketArchive(database)
    await database.dispose()


def move_to(clock: FixedClock, instant: datetime) -> None:
    clock.advance(instant - clock.now())


async def chained_booking(
    client: Client, monkeypatch: pytest.MonkeyPatch, services: tuple[str, ...], slot: int = 1
) -> tuple[dict[str, Any], str]:
    """A booking of ``services`` back to back at Abbassia today, through the API, with its
    identity number."""
    number = national_id()
    first = (await slots(client, ABBASSIA, services[0], TODAY.isoformat()))[slot]
    body = booking_body(first["start"], number, office_id=ABBASSIA)
    del body["service"]
    chained = await client.post("/api/v1/bookings", json={**body, "services": list(services)})
    assert chained.status_code == 201, chained.text
    assert [v["service"] for v in chained.json()["visits"]] == list(services)
    return chained.json(), number


async def test_a_chain_goes_from_counter_to_counter_under_one_number(
    client: Client,
    kiosk: Headers,
    agent: Headers,
    clock: FixedClock,
    archive: TicketArchive,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    booking, number = await chained_booking(client, monkeypatch, CHAIN)
    issued = (await check_in(client, kiosk, booking["code"])).json()
    ticket = issued["ticket"]
    assert (issued["number"], issued["service"]) == (NUMBER, FIRST)
    [later] = ticket["next_visits"]
    assert (later["service"], later["service_name_en"]) == (SECOND, SERVICES[SECOND].name_en)
    assert ticket["visits_served"] == 0

    first_desk = await open_counter(client, agent, FIRST)
    second_desk = await open_counter(client, agent, SECOND)
    move_to(clock, datetime.fromisoformat(ticket["slot_start"]))
    assert (await call_next(client, agent, first_desk))["number"] == NUMBER
    await step(client, agent, ticket["ticket_id"], "start")
    clock.advance(timedelta(minutes=4))  # done before the second service's slot
    done = (await step(client, agent, ticket["ticket_id"], "complete")).json()
    moved_on = done["moved_on"]
    assert (done["ticket"]["status"], moved_on["status"], moved_on["number"]) == ("done", "waiting", NUMBER)
    assert (moved_on["service"], moved_on["next_visits"], moved_on["visits_served"]) == (SECOND, [], 1)
    looked_up = await client.get(f"/api/v1/bookings/{booking['code']}", headers={"X-Identity-Number": number})
    assert looked_up.json()["status"] == "checked_in"  # not served before its last service

    # Not due before its slot; then the second_desk counter calls the same number.
    answer = await client.post(f"/api/v1/offices/{ABBASSIA}/counters/{second_desk}/call-next", headers=agent)
    assert answer.status_code == 204
    move_to(clock, datetime.fromisoformat(later["slot_start"]))
    called = await call_next(client, agent, second_desk)
    assert (called["number"], called["ticket_id"], called["service"]) == (
        NUMBER,
        moved_on["ticket_id"],
        SECOND,
    )
    board = (await client.get(f"/api/v1/offices/{ABBASSIA}/queue")).json()
    # The board lists both calls of the one number, each at its counter (the labels are the ids).
    assert [(r["number"], r["counter"], r["service"]) for r in board["recent"]] == [
        (NUMBER, second_desk, SECOND),
        (NUMBER, first_desk, FIRST),
    ]
    await step(client, agent, called["ticket_id"], "start")
    last = (await step(client, agent, called["ticket_id"], "complete")).json()
    assert last["ticket"]["status"] == "done" and "moved_on" not in last
    looked_up = await client.get(f"/api/v1/bookings/{booking['code']}", headers={"X-Identity-Number": number})
    assert looked_up.json()["status"] == "served"

    # The history says it went on, and who sent it.
    steps = await archive.steps(moved_on["ticket_id"])
    assert [(s["action"], s["status"]) for s in steps] == [
        ("move_on", "waiting"),
        ("call", "called"),
        ("start", "serving"),
        ("complete", "done"),
    ]
    assert {s["staff"] for s in steps} == {"agent.abbassia"}
    rows = {row["id"]: row for row in await archive.of_day(ABBASSIA, TODAY)}
    first_row = rows[ticket["ticket_id"]]
    assert (first_row["status"], first_row["transferred_to"]) == ("done", moved_on["ticket_id"])
    assert first_row["next_visits"] == [[SECOND, later["slot_start"]]]
    manager = await login(client, "manager.cairo")
    audit = (await client.get("/api/v1/manage/audit", params={"office": ABBASSIA}, headers=manager)).json()
    completes = {
        e["detail"]["counter"]: e["detail"] for e in audit["events"] if e["action"] == "ticket.complete"
    }
    assert completes[first_desk]["moved_on"] == {"service": SECOND, "ticket": moved_on["ticket_id"]}
    assert "moved_on" not in completes[second_desk]


async def test_a_no_show_at_the_second_service_ends_the_chain_and_the_booking_counts_as_served(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    booking, number = await chained_booking(client, monkeypatch, CHAIN)
    ticket = (await check_in(client, kiosk, booking["code"])).json()["ticket"]
    first_desk = await open_counter(client, agent, FIRST)
    second_desk = await open_counter(client, agent, SECOND)
    move_to(clock, datetime.fromisoformat(ticket["slot_start"]))
    await call_next(client, agent, first_desk)
    await step(client, agent, ticket["ticket_id"], "start")
    move_to(
        clock, datetime.fromisoformat(ticket["next_visits"][0]["slot_start"]) + timedelta(minutes=5)
    )  # late
    moved_on = (await step(client, agent, ticket["ticket_id"], "complete")).json()["moved_on"]
    called = await call_next(client, agent, second_desk)  # at once: its slot has passed
    assert called["ticket_id"] == moved_on["ticket_id"]
    for _ in range(2):
        await step(client, agent, called["ticket_id"], "recall")
    clock.advance(timedelta(minutes=3))
    gone = (await step(client, agent, called["ticket_id"], "no-show")).json()
    assert gone["ticket"]["status"] == "no_show" and "moved_on" not in gone
    looked_up = await client.get(f"/api/v1/bookings/{booking['code']}", headers={"X-Identity-Number": number})
    assert looked_up.json()["status"] == "served"
