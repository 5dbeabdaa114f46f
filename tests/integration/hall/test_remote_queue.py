"""A ticket followed from home: its status for the holder of its key (GET /api/v1/tickets/{id}/
status?k=), its live page and QR code, the heads-up texts and parked tickets."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from kernel.clock import FixedClock
from tests.integration.hall.conftest import (
    ABBASSIA,
    Client,
    Headers,
    book,
    call_next,
    check_in,
    open_counter,
    problem,
    step,
    walk_in,
)


def key_of(status_url: str) -> str:
    return parse_qs(urlsplit(status_url).query)["k"][0]


async def test_the_status_url_opens_the_tickets_standing_and_follows_it_to_the_counter(
    client: Client, kiosk: Headers, agent: Headers
) -> None:
    first, second = await walk_in(client, kiosk), await walk_in(client, kiosk)
    assert second["status_url"].startswith(f"/t/{second['ticket_id']}?k=")
    status_path = f"/api/v1/tickets/{second['ticket_id']}/status"
    key = key_of(second["status_url"])

    waiting = (await client.get(status_path, params={"k": key})).json()
    assert {k: waiting[k] for k in ("number", "status", "position", "counter")} == {
        "number": second["number"],
        "status": "waiting",
        "position": 2,
        "counter": None,
    }
    assert "estimated_wait_minutes" in waiting

    counter = await open_counter(client, agent)
    await call_next(client, agent, counter)  # the first ticket
    assert (await client.get(status_path, params={"k": key})).json()["position"] == 1
    await step(client, agent, first["ticket_id"], "start")
    await step(client, agent, first["ticket_id"], "complete")
    await call_next(client, agent, counter)
    called = (await client.get(status_path, params={"k": key})).json()
    assert called["status"] == "called" and called["counter"] and called["position"] is None

    page = await client.get(second["status_url"])
    assert page.status_code == 200 and second["number"] in page.text
    assert "Your number is being called" in (await client.get(second["status_url"] + "&lang=en")).text
    qr = await client.get(f"/qr/tickets/{second['ticket_id']}.svg", params={"k": key})
    assert qr.status_code == 200 and qr.headers["content-type"].startswith("image/svg+xml")


async def test_a_wrong_key_is_a_404_that_says_nothing(client: Client, kiosk: Headers) -> None:
    ticket = await walk_in(client, kiosk)
    other = await walk_in(client, kiosk)
    path = f"/api/v1/tickets/{ticket['ticket_id']}/status"
    wrong = await client.get(path, params={"k": key_of(other["status_url"])})
    missing = await client.get(path)
    unknown = await client.get("/api/v1/tickets/0123456789abcdef0123456789abcdef/status", params={"k": "x"})
    for answer in (wrong, missing, unknown):
        problem(answer, 404, "ticket_not_found")
        assert ticket["number"] not in answer.text
    page = await client.get(f"/t/{ticket['ticket_id']}", params={"k": "nope"})
    assert page.status_code == 404 and ticket["number"] not in page.text
    qr = await client.get(f"/qr/tickets/{ticket['ticket_id']}.svg", params={"k": "nope"})
    assert qr.status_code == 404


async def test_a_parked_booking_checks_in_again_and_waits_the_minimum_before_its_recall(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock
) -> None:
    booking, _ = await book(client)
    issued = (await check_in(client, kiosk, booking["code"])).json()
    clock.advance(datetime.fromisoformat(booking["start"]) - clock.now())
    counter = await open_counter(client, agent)
    assert (await call_next(client, agent, counter))["ticket_id"] == issued["ticket_id"]

    parked = await step(client, agent, issued["ticket_id"], "park")
    assert parked.status_code == 200 and parked.json()["ticket"]["status"] == "parked"
    status = (
        await client.get(
            f"/api/v1/tickets/{issued['ticket_id']}/status", params={"k": key_of(issued["status_url"])}
        )
    ).json()
    assert status["status"] == "parked" and status["counter"] == parked.json()["ticket"]["counter"]
    assert datetime.fromisoformat(status["parked_until"]) == clock.now() + timedelta(minutes=30)
    assert (await client.get(f"/api/v1/offices/{ABBASSIA}/queue")).json()["parked"] == [issued["number"]]
    assert "Come back to the kiosk" in (await client.get(issued["status_url"] + "&lang=en")).text

    clock.advance(timedelta(minutes=1))
    back = await check_in(client, kiosk, booking["code"])  # the same booking code, again
    assert back.status_code == 201, back.text
    assert (back.json()["ticket_id"], back.json()["ticket"]["status"]) == (issued["ticket_id"], "waiting")
    assert back.json()["status_url"] == issued["status_url"]
    clock.advance(timedelta(minutes=3))  # 4 minutes after the park: not yet
    nobody = await client.post(f"/api/v1/offices/{ABBASSIA}/counters/{counter}/call-next", headers=agent)
    assert nobody.status_code == 204
    clock.advance(timedelta(minutes=1))
    again = await call_next(client, agent, counter)
    assert again["ticket_id"] == issued["ticket_id"]
    problem(await step(client, agent, issued["ticket_id"], "park"), 409, "park_again")


async def test_a_parked_walk_in_back_too_late_is_a_no_show(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock
) -> None:
    ticket = await walk_in(client, kiosk)
    counter = await open_counter(client, agent)
    await call_next(client, agent, counter)
    assert (await step(client, agent, ticket["ticket_id"], "park")).status_code == 200
    back = f"/api/v1/offices/{ABBASSIA}/tickets/back"
    problem(await client.post(back, json={"number": "Z-999"}, headers=kiosk), 404, "reprint_no_ticket")
    clock.advance(timedelta(minutes=31))
    problem(await client.post(back, json={"number": ticket["number"]}, headers=kiosk), 409, "park_expired")
    status = await client.get(
        f"/api/v1/tickets/{ticket['ticket_id']}/status", params={"k": key_of(ticket["status_url"])}
    )
    assert status.json()["status"] == "no_show"
    problem(
        await client.post(back, json={"number": ticket["number"]}, headers=kiosk), 409, "ticket_not_parked"
    )
