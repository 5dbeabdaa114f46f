"""A lost ticket printed again through the kiosk's endpoint: by booking code or, for ten minutes,
by number; only what the print shows; only this kiosk's office; refused politely in both
languages; audited as the kiosk account's action."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from kernel.clock import FixedClock
from tests.integration.hall.conftest import (
    ABBASSIA,
    GIZA,
    Client,
    Headers,
    book,
    call_next,
    check_in,
    login,
    open_counter,
    problem,
    walk_in,
)

REPRINT = f"/api/v1/offices/{ABBASSIA}/tickets/reprint"
PRINTED = {
    "number", "service", "service_name_en", "service_name_ar", "kind", "slot_start", "queued_at",
    "position", "estimated_wait_minutes", "wait", "next_visits", "headcount",  # how many, never who
}  # fmt: skip


async def reprint(client: Client, headers: Headers, **body: Any) -> Any:
    return await client.post(REPRINT, json=body, headers=headers)


async def test_a_checked_in_booking_reprints_its_ticket_and_nothing_about_its_holder(
    client: Client, kiosk: Headers
) -> None:
    booking, number = await book(client)
    issued = (await check_in(client, kiosk, booking["code"], priority="disability")).json()
    response = await reprint(client, kiosk, booking_code=booking["code"].lower())
    assert response.status_code == 200, response.text
    again = response.json()
    assert set(again) == PRINTED  # no booking code, priority, ticket id or anything of the person
    assert (again["number"], again["kind"]) == (issued["number"], "appointment")
    assert again["queued_at"] == issued["ticket"]["queued_at"]
    assert again["wait"]["basis"] == "appointment" and again["wait"]["ahead"] is None
    assert datetime.fromisoformat(again["wait"]["turn_at"]) == datetime.fromisoformat(booking["start"])
    for secret in (booking["code"], number, "disability", issued["ticket_id"]):
        assert secret not in response.text


async def test_a_walk_in_reprints_by_number_for_ten_minutes_then_is_refused_politely(
    client: Client, kiosk: Headers, clock: FixedClock
) -> None:
    await walk_in(client, kiosk)
    second = await walk_in(client, kiosk)
    clock.advance(timedelta(minutes=10))
    again = await reprint(client, kiosk, number="p2")
    assert again.status_code == 200, again.text
    assert (again.json()["number"], again.json()["position"]) == (second["number"], 2)
    assert again.json()["wait"] == {
        "basis": "no_counter", "minutes": None, "ahead": 1, "turn_at": None, "opens_at": None
    }  # fmt: skip
    clock.advance(timedelta(seconds=1))
    late = await reprint(client, kiosk, number=second["number"])
    problem(late, 404, "reprint_not_found")
    assert "10 minutes" in late.json()["detail"] and "ask a member of staff" in late.json()["detail"]
    assert "P-٠٠٢" in late.json()["detail_ar"] and "١٠ دقائق" in late.json()["detail_ar"]


async def test_a_number_is_looked_up_only_in_the_kiosks_own_office(client: Client, kiosk: Headers) -> None:
    admin = await login(client, "admin")
    giza_tickets = f"/api/v1/offices/{GIZA}/tickets"
    giza = await client.post(giza_tickets, json={"service": "passport-new"}, headers=admin)
    assert giza.status_code == 201 and giza.json()["number"] == "P-001"
    problem(await reprint(client, kiosk, number="P-001"), 404, "reprint_not_found")
    elsewhere = await client.post(f"{giza_tickets}/reprint", json={"number": "P-001"}, headers=kiosk)
    problem(elsewhere, 403, "office_forbidden")


async def test_a_booking_without_a_ticket_here_today_is_refused_without_saying_where_it_is(
    client: Client, kiosk: Headers
) -> None:
    elsewhere, _ = await book(client, office_id=GIZA)
    tomorrow, _ = await book(client, day="2026-12-07")
    not_yet, _ = await book(client)
    for booking in (elsewhere, tomorrow, not_yet):
        response = await reprint(client, kiosk, booking_code=booking["code"])
        problem(response, 404, "reprint_no_ticket")
        text = response.json()["detail"] + response.json()["detail_ar"]
        assert "Giza" not in text and "الجيزة" not in text and "2026-12-07" not in text
        assert "«لديّ حجز»" in response.json()["detail_ar"]


async def test_a_called_ticket_is_sent_to_its_counter_instead(
    client: Client, kiosk: Headers, agent: Headers
) -> None:
    issued = await walk_in(client, kiosk)
    counter = await open_counter(client, agent)
    await call_next(client, agent, counter)
    response = await reprint(client, kiosk, number=issued["number"])
    problem(response, 409, "ticket_already_called")
    assert f"counter {counter}" in response.json()["detail"]


async def test_a_reprint_asks_for_one_thing_and_only_of_kiosks(
    client: Client, kiosk: Headers, agent: Headers
) -> None:
    problem(await reprint(client, kiosk), 422, "invalid_reprint_request")
    both = await reprint(client, kiosk, number="P-001", booking_code="ABCDEFGH")
    problem(both, 422, "invalid_reprint_request")
    problem(await reprint(client, kiosk, number="seventeen"), 422, "invalid_ticket_number")
    problem(await client.post(REPRINT, json={"number": "P-001"}), 401, "not_authenticated")
    problem(await reprint(client, agent, number="P-001"), 403, "forbidden")


async def test_a_reprint_is_recorded_as_the_kiosk_accounts_action(client: Client, kiosk: Headers) -> None:
    booking, _ = await book(client)
    issued = (await check_in(client, kiosk, booking["code"])).json()
    assert (await reprint(client, kiosk, booking_code=booking["code"])).status_code == 200
    manager = await login(client, "manager.cairo")
    log = await client.get("/api/v1/manage/audit", headers=manager, params={"office": ABBASSIA})
    (event,) = [e for e in log.json()["events"] if e["action"] == "ticket.reprinted"]
    assert (event["actor"], event["target"]) == ("staff:kiosk.abbassia", issued["ticket_id"])
    assert event["detail"] == {"number": issued["number"], "by": "booking_code"}
