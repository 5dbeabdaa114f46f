"""The counter: open, pause, close; call-next; each step of a called ticket; who may act."""

from __future__ import annotations

from datetime import timedelta

from kernel.clock import FixedClock
from tests.integration.hall.conftest import (
    ABBASSIA,
    CERTIFICATE,
    GIZA,
    PASSPORT,
    RENEWAL,
    Client,
    Headers,
    call_next,
    counter_for,
    give_a_fair_chance,
    login,
    open_counter,
    problem,
    step,
    walk_in,
)


def status_url(counter: str) -> str:
    return f"/api/v1/offices/{ABBASSIA}/counters/{counter}/status"


def call_url(counter: str) -> str:
    return f"/api/v1/offices/{ABBASSIA}/counters/{counter}/call-next"


async def test_a_counter_calls_only_once_it_is_open(client: Client, kiosk: Headers, agent: Headers) -> None:
    await walk_in(client, kiosk)
    counter = await counter_for(client, PASSPORT)
    problem(await client.post(call_url(counter), headers=agent), 409, "counter_not_open")
    await open_counter(client, agent)
    assert (await client.post(call_url(counter), headers=agent)).status_code == 200


async def test_call_next_gives_the_ticket_or_204_when_nobody_is_waiting(
    client: Client, kiosk: Headers, agent: Headers
) -> None:
    counter = await open_counter(client, agent)
    assert (await client.post(call_url(counter), headers=agent)).status_code == 204
    issued = await walk_in(client, kiosk)
    called = await call_next(client, agent, counter)
    label = (await client.get(f"/api/v1/offices/{ABBASSIA}/counters", headers=agent)).json()
    assert (called["ticket_id"], called["status"]) == (issued["ticket_id"], "called")
    assert called["counter"] == next(c["label"] for c in label if c["counter_id"] == counter)


async def test_a_counter_calls_only_the_services_it_serves(
    client: Client, kiosk: Headers, agent: Headers
) -> None:
    await walk_in(client, kiosk, service=RENEWAL)
    counter = await open_counter(client, agent, PASSPORT)
    assert (await client.post(call_url(counter), headers=agent)).status_code == 204


async def test_a_called_ticket_is_started_then_completed(
    client: Client, kiosk: Headers, agent: Headers
) -> None:
    await walk_in(client, kiosk)
    counter = await open_counter(client, agent)
    ticket = await call_next(client, agent, counter)
    started = await step(client, agent, ticket["ticket_id"], "start")
    assert started.json()["ticket"]["status"] == "serving"
    problem(await client.post(call_url(counter), headers=agent), 409, "counter_busy")
    completed = await step(client, agent, ticket["ticket_id"], "complete")
    assert completed.json()["ticket"]["status"] == "done"


async def test_a_step_the_ticket_cannot_take_is_refused(
    client: Client, kiosk: Headers, agent: Headers
) -> None:
    issued = await walk_in(client, kiosk)
    problem(await step(client, agent, issued["ticket_id"], "complete"), 409, "illegal_transition")
    problem(await step(client, agent, "no-such-ticket", "start"), 404, "ticket_not_found")


async def test_the_fourth_recall_makes_the_ticket_a_no_show_once_the_rule_allows_one(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock
) -> None:
    await walk_in(client, kiosk)
    counter = await open_counter(client, agent)
    ticket = await call_next(client, agent, counter)
    recalls = [(await step(client, agent, ticket["ticket_id"], "recall")).json()["ticket"] for _ in range(3)]
    problem(await step(client, agent, ticket["ticket_id"], "recall"), 409, "no_show_too_early")
    clock.advance(timedelta(minutes=3))
    recalls.append((await step(client, agent, ticket["ticket_id"], "recall")).json()["ticket"])
    assert [(t["status"], t["recalls"]) for t in recalls] == [
        ("called", 1),
        ("called", 2),
        ("called", 3),
        ("no_show", 3),
    ]


async def test_no_show_frees_the_counter(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock
) -> None:
    await walk_in(client, kiosk)
    second = await walk_in(client, kiosk)
    counter = await open_counter(client, agent)
    first = await call_next(client, agent, counter)
    await give_a_fair_chance(client, agent, first["ticket_id"], clock)
    assert (await step(client, agent, first["ticket_id"], "no-show")).json()["ticket"]["status"] == "no_show"
    assert (await call_next(client, agent, counter))["ticket_id"] == second["ticket_id"]


async def test_a_no_show_the_second_a_ticket_is_called_is_refused_in_both_languages(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock
) -> None:
    await walk_in(client, kiosk)
    counter = await open_counter(client, agent)
    ticket = await call_next(client, agent, counter)
    refused = await step(client, agent, ticket["ticket_id"], "no-show")
    problem(refused, 409, "no_show_too_early")
    assert "call it again twice first (so far: 0)" in refused.json()["detail"]
    assert "أعِد النداء عليها مرتين أولًا" in refused.json()["detail_ar"]
    for _ in range(2):
        await step(client, agent, ticket["ticket_id"], "recall")
    clock.advance(timedelta(minutes=2, seconds=59))
    problem(await step(client, agent, ticket["ticket_id"], "no-show"), 409, "no_show_too_early")
    still = (await client.get(f"/api/v1/offices/{ABBASSIA}/counters/{counter}", headers=agent)).json()
    assert (still["ticket"]["ticket_id"], still["ticket"]["status"]) == (ticket["ticket_id"], "called")
    clock.advance(timedelta(seconds=1))
    assert (await step(client, agent, ticket["ticket_id"], "no-show")).status_code == 200


async def test_a_transfer_keeps_the_number_and_queues_for_the_new_service(
    client: Client, kiosk: Headers, agent: Headers
) -> None:
    await walk_in(client, kiosk)
    counter = await open_counter(client, agent)
    ticket = await call_next(client, agent, counter)
    await step(client, agent, ticket["ticket_id"], "start")
    moved = (await step(client, agent, ticket["ticket_id"], "transfer", service=CERTIFICATE)).json()
    assert (moved["transferred"]["status"], moved["ticket"]["status"]) == ("transferred", "waiting")
    assert moved["ticket"]["number"] == ticket["number"] and moved["ticket"]["service"] == CERTIFICATE
    other = await open_counter(client, agent, CERTIFICATE)
    assert (await call_next(client, agent, other))["ticket_id"] == moved["ticket"]["ticket_id"]


async def test_a_transfer_needs_a_service_the_office_offers(
    client: Client, kiosk: Headers, agent: Headers
) -> None:
    issued = await walk_in(client, kiosk)
    problem(
        await step(client, agent, issued["ticket_id"], "transfer", service="visa-extension"),
        422,
        "service_not_offered",
    )
    problem(
        await step(client, agent, issued["ticket_id"], "transfer", service=PASSPORT),
        422,
        "transfer_to_same_service",
    )


async def test_a_paused_or_closed_counter_calls_nobody(
    client: Client, kiosk: Headers, agent: Headers
) -> None:
    await walk_in(client, kiosk)
    counter = await open_counter(client, agent)
    for word, status in (("pause", "paused"), ("closed", "closed")):
        response = await client.post(status_url(counter), json={"status": word}, headers=agent)
        assert response.json()["status"] == status
        problem(await client.post(call_url(counter), headers=agent), 409, "counter_not_open")
    listed = (await client.get(f"/api/v1/offices/{ABBASSIA}/counters", headers=agent)).json()
    assert next(c for c in listed if c["counter_id"] == counter)["status"] == "closed"


async def test_a_counter_tells_which_ticket_is_at_it_so_a_reloaded_console_carries_on(
    client: Client, kiosk: Headers, agent: Headers
) -> None:
    counter = await open_counter(client, agent)
    url = f"/api/v1/offices/{ABBASSIA}/counters/{counter}"
    assert (await client.get(url, headers=agent)).json()["ticket"] is None
    await walk_in(client, kiosk)
    called = await call_next(client, agent, counter)
    await step(client, agent, called["ticket_id"], "start")
    shown = (await client.get(url, headers=agent)).json()
    assert (shown["status"], shown["ticket"]["ticket_id"]) == ("open", called["ticket_id"])
    assert shown["ticket"]["status"] == "serving"
    await step(client, agent, called["ticket_id"], "complete")
    assert (await client.get(url, headers=agent)).json()["ticket"] is None
    problem(await client.get(url, headers=kiosk), 403, "forbidden")


async def test_counter_status_must_be_known_and_the_counter_real(client: Client, agent: Headers) -> None:
    counter = await counter_for(client, PASSPORT)
    problem(
        await client.post(status_url(counter), json={"status": "lunch"}, headers=agent),
        422,
        "invalid_counter_status",
    )
    problem(
        await client.post(status_url("99999"), json={"status": "open"}, headers=agent),
        404,
        "counter_not_found",
    )


async def test_counters_are_for_agents_and_managers_of_the_office(
    client: Client, kiosk: Headers, agent: Headers
) -> None:
    counter = await counter_for(client, PASSPORT)
    open_ = {"status": "open"}
    problem(await client.post(status_url(counter), json=open_), 401, "not_authenticated")
    problem(await client.post(status_url(counter), json=open_, headers=kiosk), 403, "forbidden")
    giza_counter = await counter_for(client, PASSPORT, office_id=GIZA)
    problem(
        await client.post(
            f"/api/v1/offices/{GIZA}/counters/{giza_counter}/status", json=open_, headers=agent
        ),
        403,
        "office_forbidden",
    )
    manager = await login(client, "manager.cairo")
    assert (await client.post(status_url(counter), json=open_, headers=manager)).status_code == 200
