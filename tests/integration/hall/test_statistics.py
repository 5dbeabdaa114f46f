"""An office's day in figures for its manager, read from the ticket archive on each backend."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from kernel.clock import FixedClock
from tests.integration.hall.conftest import (
    ABBASSIA,
    CERTIFICATE,
    PASSPORT,
    RENEWAL,
    Client,
    Headers,
    call_next,
    give_a_fair_chance,
    login,
    open_counter,
    problem,
    step,
    walk_in,
)


async def statistics(client: Client, headers: Headers, office_id: str = ABBASSIA, **params: str) -> Any:
    url = f"/api/v1/manage/offices/{office_id}/statistics"
    response = await client.get(url, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_day_with_no_tickets_has_counts_of_zero_and_no_averages(client: Client) -> None:
    figures = await statistics(client, await login(client, "manager.cairo"))
    counts = (figures["date"], figures["served"], figures["no_show"], figures["waiting"])
    assert counts == ("2026-12-06", 0, 0, 0)
    assert figures["average_wait_minutes"] is None and figures["longest_wait_minutes"] is None
    assert figures["services"] == []


async def test_served_and_no_show_counts_average_times_and_the_longest_wait_now(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock
) -> None:
    first = await walk_in(client, kiosk)
    second = await walk_in(client, kiosk)
    await walk_in(client, kiosk, CERTIFICATE)  # still waiting at the end
    counter = await open_counter(client, agent)
    clock.advance(timedelta(minutes=5))
    assert (await call_next(client, agent, counter))["ticket_id"] == first["ticket_id"]
    await step(client, agent, first["ticket_id"], "start")
    clock.advance(timedelta(minutes=10))
    await step(client, agent, first["ticket_id"], "complete")
    clock.advance(timedelta(minutes=2))
    assert (await call_next(client, agent, counter))["ticket_id"] == second["ticket_id"]
    await give_a_fair_chance(client, agent, second["ticket_id"], clock)  # three minutes
    assert (await step(client, agent, second["ticket_id"], "no-show")).status_code == 200
    clock.advance(timedelta(seconds=30))

    figures = await statistics(client, await login(client, "manager.cairo"))
    assert (figures["served"], figures["no_show"], figures["waiting"]) == (1, 1, 1)
    assert figures["average_wait_minutes"] == 11.0  # 5 and 17 minutes
    assert figures["average_service_minutes"] == 10.0
    assert figures["longest_wait_minutes"] == 20.5
    assert figures["oldest_waiting_since"] == "2026-12-06T08:00:00+02:00"
    by_service = {row["service"]: row for row in figures["services"]}
    assert (by_service[PASSPORT]["served"], by_service[PASSPORT]["no_show"]) == (1, 1)
    assert by_service[PASSPORT]["longest_wait_minutes"] is None
    assert (by_service[CERTIFICATE]["waiting"], by_service[CERTIFICATE]["longest_wait_minutes"]) == (1, 20.5)


async def test_a_transferred_citizen_counts_once_towards_the_average_wait(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock
) -> None:
    issued = await walk_in(client, kiosk)
    counter = await open_counter(client, agent)
    clock.advance(timedelta(minutes=4))
    await call_next(client, agent, counter)
    moved = (await step(client, agent, issued["ticket_id"], "transfer", service=RENEWAL)).json()
    renewal_desk = await open_counter(client, agent, RENEWAL)
    clock.advance(timedelta(minutes=6))
    assert (await call_next(client, agent, renewal_desk))["ticket_id"] == moved["ticket"]["ticket_id"]

    figures = await statistics(client, await login(client, "manager.cairo"))
    assert figures["average_wait_minutes"] == 4.0  # the successor's 10 minutes count the same arrival
    assert figures["waiting"] == 0


async def test_a_past_day_has_no_longest_wait_and_another_managers_office_is_refused(client: Client) -> None:
    manager = await login(client, "manager.cairo")
    past = await statistics(client, manager, day="2026-12-03")
    assert (past["date"], past["longest_wait_minutes"]) == ("2026-12-03", None)
    problem(
        await client.get("/api/v1/manage/offices/giza-passports/statistics", headers=manager),
        403,
        "office_forbidden",
    )
    agent = await login(client, "agent.abbassia")
    response = await client.get(f"/api/v1/manage/offices/{ABBASSIA}/statistics", headers=agent)
    assert response.status_code == 403


async def test_the_day_hour_by_hour_counts_arrivals_their_waits_and_who_was_served_when(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock
) -> None:
    manager = await login(client, "manager.cairo")
    assert (await client.get(f"/api/v1/manage/offices/{ABBASSIA}/statistics/hours", headers=manager)).json()[
        "hours"
    ] == []
    first = await walk_in(client, kiosk)  # 08:00 Cairo
    counter = await open_counter(client, agent)
    clock.advance(timedelta(minutes=50))
    await walk_in(client, kiosk)  # 08:50: waits on into the next hour
    await call_next(client, agent, counter)  # the first, after 50 minutes
    await step(client, agent, first["ticket_id"], "start")
    clock.advance(timedelta(minutes=20))  # 09:10
    await step(client, agent, first["ticket_id"], "complete")
    second = await call_next(client, agent, counter)  # after 20 minutes
    await give_a_fair_chance(client, agent, second["ticket_id"], clock)  # 09:13
    no_show = await step(client, agent, second["ticket_id"], "no-show")
    assert no_show.status_code == 200, no_show.text
    clock.advance(timedelta(hours=2))  # 11:13: nothing at 10:00, one arrival at 11:00
    await walk_in(client, kiosk, CERTIFICATE)

    response = await client.get(f"/api/v1/manage/offices/{ABBASSIA}/statistics/hours", headers=manager)
    assert response.status_code == 200, response.text
    hours = response.json()["hours"]
    assert hours == [
        {"hour": "08:00", "arrived": 2, "served": 0, "no_show": 0, "average_wait_minutes": 35.0},
        {"hour": "09:00", "arrived": 0, "served": 1, "no_show": 1, "average_wait_minutes": None},
        {"hour": "10:00", "arrived": 0, "served": 0, "no_show": 0, "average_wait_minutes": None},
        {"hour": "11:00", "arrived": 1, "served": 0, "no_show": 0, "average_wait_minutes": None},
    ]
    problem(
        await client.get("/api/v1/manage/offices/giza-passports/statistics/hours", headers=manager),
        403,
        "office_forbidden",
    )
