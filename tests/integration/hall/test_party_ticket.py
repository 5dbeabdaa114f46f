"""A booking for several people through the hall's endpoints: one check-in, one ticket for the
whole party; the counter that calls it sees how many people it is for and who they are (names,
last four digits), and the party is served together: served, every person's identity is free."""

from __future__ import annotations

from datetime import date, datetime

from kernel.clock import FixedClock
from tests.integration.hall.conftest import (
    ABBASSIA,
    PASSPORT,
    Client,
    Headers,
    booking_body,
    call_next,
    check_in,
    national_id,
    open_counter,
    problem,
    slots,
    step,
)

TODAY = date(2026, 12, 6)


async def test_a_party_checks_in_as_one_ticket_the_counter_serves_for_everyone(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock
) -> None:
    numbers = [national_id() for _ in range(3)]
    start = (await slots(client, ABBASSIA, PASSPORT, TODAY.isoformat()))[1]["start"]
    body = booking_body(start, office_id=ABBASSIA)
    del body["identity"], body["full_name"]
    names = ["منى عبد الرحمن", "عمر محمود", "ليلى محمود"]
    body["people"] = [
        {"identity": {"type": "national_id", "number": n}, "full_name": name}
        for n, name in zip(numbers, names, strict=True)
    ]
    made = await client.post("/api/v1/bookings", json=body)
    assert made.status_code == 201, made.text
    code = made.json()["code"]

    issued = await check_in(client, kiosk, code)
    assert issued.status_code == 201, issued.text
    ticket = issued.json()["ticket"]
    assert ticket["headcount"] == 3
    problem(await check_in(client, kiosk, code), 409, "already_checked_in")  # one check-in, one ticket

    desk = await open_counter(client, agent, PASSPORT)
    clock.advance(datetime.fromisoformat(ticket["slot_start"]) - clock.now())
    called = await call_next(client, agent, desk)
    assert (called["ticket_id"], called["headcount"]) == (ticket["ticket_id"], 3)
    people = await client.get(
        f"/api/v1/offices/{ABBASSIA}/tickets/{ticket['ticket_id']}/people", headers=agent
    )
    assert people.status_code == 200
    assert [(p["position"], p["full_name"], p["identity_last4"]) for p in people.json()] == [
        (n + 1, name, number[-4:]) for n, (name, number) in enumerate(zip(names, numbers, strict=True))
    ]
    assert not any(number in people.text for number in numbers)
    elsewhere = await client.get(
        f"/api/v1/offices/giza-passports/tickets/{ticket['ticket_id']}/people", headers=agent
    )
    assert elsewhere.status_code == 403  # only the agent's own offices

    await step(client, agent, ticket["ticket_id"], "start")
    assert (await step(client, agent, ticket["ticket_id"], "complete")).status_code == 200
    # Served: every person may book the service again.
    later = (await slots(client, ABBASSIA, PASSPORT, "2026-12-07"))[0]["start"]
    for number in numbers:
        again = await client.post("/api/v1/bookings", json=booking_body(later, number, office_id=ABBASSIA))
        assert again.status_code == 201, again.text
