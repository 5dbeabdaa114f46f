"""The kiosk: check-in only on the booking's day, at its office, once; walk-ins; who may issue."""

from __future__ import annotations

from datetime import datetime, timedelta

from kernel.clock import FixedClock
from tests.integration.hall.conftest import (
    ABBASSIA,
    GIZA,
    PASSPORT,
    Client,
    Headers,
    book,
    call_next,
    check_in,
    give_a_fair_chance,
    login,
    open_counter,
    problem,
    walk_in,
)
from tests.integration.helpers import national_id


async def test_todays_booking_checks_in_as_an_appointment_ticket(client: Client, kiosk: Headers) -> None:
    booking, number = await book(client)
    response = await check_in(client, kiosk, booking["code"])
    assert response.status_code == 201, response.text
    ticket = response.json()
    assert {k: ticket[k] for k in ("number", "service", "kind", "position")} == {
        "number": "P-001",
        "service": PASSPORT,
        "kind": "appointment",
        "position": 1,
    }
    assert ticket["ticket_id"] and "estimated_wait_minutes" in ticket
    looked_up = await client.get(f"/api/v1/bookings/{booking['code']}", headers={"X-Identity-Number": number})
    assert looked_up.json()["status"] == "checked_in"


async def test_a_booking_checks_in_only_once(client: Client, kiosk: Headers) -> None:
    booking, _ = await book(client)
    assert (await check_in(client, kiosk, booking["code"])).status_code == 201
    problem(await check_in(client, kiosk, booking["code"].lower()), 409, "already_checked_in")


async def test_a_booking_for_another_day_is_refused(client: Client, kiosk: Headers) -> None:
    booking, _ = await book(client, day="2026-12-07")
    problem(await check_in(client, kiosk, booking["code"]), 409, "wrong_day")


async def test_a_booking_for_another_office_is_refused(client: Client, kiosk: Headers) -> None:
    booking, _ = await book(client, office_id=GIZA)
    response = await check_in(client, kiosk, booking["code"])
    problem(response, 409, "wrong_office")
    assert "Giza" not in response.json()["detail"]  # a stranger's code tells no office


async def test_an_unknown_booking_code_is_not_found(client: Client, kiosk: Headers) -> None:
    problem(await check_in(client, kiosk, "ZZZZZZZZ"), 404, "booking_not_found")


async def test_a_cancelled_booking_cannot_check_in(client: Client, kiosk: Headers) -> None:
    booking, number = await book(client)
    await client.delete(f"/api/v1/bookings/{booking['code']}", headers={"X-Identity-Number": number})
    problem(await check_in(client, kiosk, booking["code"]), 409, "booking_cancelled")


async def test_an_early_arrival_waits_for_its_slot(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock
) -> None:
    booking, _ = await book(client)  # the first free slot, at least an hour from 08:00
    early = (await check_in(client, kiosk, booking["code"])).json()
    counter = await open_counter(client, agent)
    assert early["estimated_wait_minutes"] >= 60
    # Its print gives the slot's time, and no count of the people waiting now.
    assert early["wait"]["basis"] == "appointment" and early["wait"]["ahead"] is None
    assert datetime.fromisoformat(early["wait"]["turn_at"]) == datetime.fromisoformat(booking["start"])
    first_walk_in = await walk_in(client, kiosk)
    assert (await call_next(client, agent, counter))["number"] == first_walk_in["number"]
    await give_a_fair_chance(client, agent, first_walk_in["ticket_id"], clock)
    gone = await client.post(
        f"/api/v1/offices/{ABBASSIA}/tickets/{first_walk_in['ticket_id']}/no-show", headers=agent
    )
    assert gone.status_code == 200, gone.text
    clock.advance(timedelta(hours=2))
    later_walk_in = await walk_in(client, kiosk)
    called = await call_next(client, agent, counter)
    assert called["number"] == early["number"] != later_walk_in["number"]


async def test_an_elderly_citizen_s_booking_gets_priority_from_the_birth_date(
    client: Client, kiosk: Headers
) -> None:
    booking, _ = await book(client, number=national_id(birth="500101"))
    young, _ = await book(client, number=national_id(birth="900101"))
    assert (await check_in(client, kiosk, booking["code"])).json()["ticket"]["priority"] == "elderly"
    assert (await check_in(client, kiosk, young["code"])).json()["ticket"]["priority"] == "none"


async def test_a_walk_in_gets_the_next_number_and_place(client: Client, kiosk: Headers) -> None:
    first = await walk_in(client, kiosk)
    second = await walk_in(client, kiosk)
    assert (first["number"], first["kind"], first["position"]) == ("P-001", "walk_in", 1)
    assert (second["number"], second["position"]) == ("P-002", 2)


async def test_a_walk_in_is_told_why_there_is_no_figure_until_a_counter_opens(
    client: Client, kiosk: Headers, agent: Headers
) -> None:
    await walk_in(client, kiosk)
    unserved = await walk_in(client, kiosk)
    assert unserved["wait"] == {
        "basis": "no_counter", "minutes": None, "ahead": 1, "turn_at": None, "opens_at": None
    }
    assert unserved["estimated_wait_minutes"] is None
    await open_counter(client, agent)
    served = await walk_in(client, kiosk)
    assert served["wait"]["basis"] == "queue" and served["wait"]["ahead"] == 2
    assert served["estimated_wait_minutes"] == served["wait"]["minutes"] > 0


async def test_a_walk_in_may_claim_a_priority_class(client: Client, kiosk: Headers) -> None:
    await walk_in(client, kiosk)
    pregnant = await walk_in(client, kiosk, priority="pregnancy")
    elderly = await walk_in(client, kiosk, national_id=national_id(birth="400101"))
    assert pregnant["ticket"]["priority"] == "pregnancy" and pregnant["position"] == 1
    assert elderly["ticket"]["priority"] == "elderly"


async def test_a_walk_in_needs_a_service_the_office_offers(client: Client, kiosk: Headers) -> None:
    url = f"/api/v1/offices/{ABBASSIA}/tickets"
    problem(
        await client.post(url, json={"service": "visa-extension"}, headers=kiosk), 422, "service_not_offered"
    )
    problem(await client.post(url, json={"service": "moon-visa"}, headers=kiosk), 422, "unknown_service")
    problem(
        await client.post(url, json={"service": PASSPORT, "priority": "vip"}, headers=kiosk),
        422,
        "invalid_priority",
    )


async def test_a_ticket_request_is_either_a_check_in_or_a_walk_in(client: Client, kiosk: Headers) -> None:
    url = f"/api/v1/offices/{ABBASSIA}/tickets"
    both = {"service": PASSPORT, "booking_code": "ABCDEFGH"}
    problem(await client.post(url, json=both, headers=kiosk), 422, "invalid_ticket_request")
    problem(await client.post(url, json={}, headers=kiosk), 422, "invalid_ticket_request")


async def test_no_walk_ins_on_a_day_the_office_is_closed(client: Client, clock: FixedClock) -> None:
    clock.advance(timedelta(days=5))  # Friday
    kiosk = await login(client, "kiosk.abbassia")
    url = f"/api/v1/offices/{ABBASSIA}/tickets"
    problem(await client.post(url, json={"service": PASSPORT}, headers=kiosk), 409, "office_closed")


async def test_only_kiosks_and_admins_issue_tickets_and_only_in_their_offices(
    client: Client, kiosk: Headers, agent: Headers
) -> None:
    url = f"/api/v1/offices/{ABBASSIA}/tickets"
    problem(await client.post(url, json={"service": PASSPORT}), 401, "not_authenticated")
    problem(await client.post(url, json={"service": PASSPORT}, headers=agent), 403, "forbidden")
    problem(
        await client.post(f"/api/v1/offices/{GIZA}/tickets", json={"service": PASSPORT}, headers=kiosk),
        403,
        "office_forbidden",
    )
    admin = await login(client, "admin")
    response = await client.post(f"/api/v1/offices/{GIZA}/tickets", json={"service": PASSPORT}, headers=admin)
    assert response.status_code == 201, response.text
