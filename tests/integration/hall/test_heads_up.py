"""Text me when I'm close: one SMS when the place reaches the count asked for, one when called,
through the outbox to the demo inbox, exactly once however many processes watch the queue move;
on the memory store with SQLite and on Redis with PostgreSQL."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from api.settings import Settings
from kernel.clock import FixedClock
from kernel.database import Database
from messaging.channels import ChannelSettings, open_channels
from messaging.outbox import OutboxMessage
from messaging.sender import Sender
from messaging.store.outbox import OutboxStore
from queue_display.archive.heads_ups import HeadsUpStore
from queue_display.heads_up import Text
from tests.integration.hall.conftest import (
    ABBASSIA,
    Client,
    Headers,
    call_next,
    login,
    open_counter,
    problem,
    step,
    walk_in,
)
from tests.services import REDIS_URL, redis_key_space

MOBILE = "01012345678"


@pytest.fixture(params=["memory", "redis"])
def settings(request: pytest.FixtureRequest, settings: Settings, database_url: str) -> Iterator[Settings]:
    """The embedded stack (memory store, SQLite) and the production one (Redis, PostgreSQL)."""
    redis = request.param == "redis"
    if redis != database_url.startswith("postgresql"):
        pytest.skip("the memory store runs with SQLite, Redis with PostgreSQL")
    if not redis:
        yield settings
        return
    with redis_key_space() as prefix:
        yield dataclasses.replace(settings, redis_url=REDIS_URL, redis_prefix=prefix)


def key_of(status_url: str) -> str:
    return parse_qs(urlsplit(status_url).query)["k"][0]


async def inbox(database_url: str, clock: FixedClock) -> list[str]:
    """What the demo inbox shows the mobile, oldest first, once the outbox was delivered."""
    database = Database(database_url)
    try:
        store = OutboxStore(database)
        await Sender(store, open_channels(ChannelSettings(demo=True)), clock).run_once()
        return [entry.text for entry in reversed(await store.demo_inbox("+201012345678"))]
    finally:
        await database.dispose()


async def serve(client: Client, agent: Headers, counter: str, ticket_id: str) -> None:
    for action in ("start", "complete"):
        assert (await step(client, agent, ticket_id, action)).status_code == 200


async def test_a_walk_in_is_texted_once_when_close_and_once_when_called(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock, database_url: str
) -> None:
    first = await walk_in(client, kiosk)
    second = await walk_in(client, kiosk)
    mine = await walk_in(client, kiosk)
    asked = await client.post(
        f"/api/v1/tickets/{mine['ticket_id']}/heads-up",
        params={"k": key_of(mine["status_url"])},
        json={"phone": "0101 234 5678", "ahead": 1, "lang": "en"},
    )
    assert asked.status_code == 201, asked.text
    assert asked.json() == {"number": mine["number"], "phone_last4": "5678", "ahead": 1}
    assert await inbox(database_url, clock) == []  # two ahead: not close yet

    counter = await open_counter(client, agent)
    await call_next(client, agent, counter)  # the first: one ahead now
    [near] = await inbox(database_url, clock)
    assert mine["number"] in near and "ahead of you now: 1" in near
    assert MOBILE not in near

    await serve(client, agent, counter, first["ticket_id"])
    await call_next(client, agent, counter)  # the second: nobody ahead, texted already
    await serve(client, agent, counter, second["ticket_id"])
    assert len(await inbox(database_url, clock)) == 1
    await call_next(client, agent, counter)
    texts = await inbox(database_url, clock)
    assert len(texts) == 2 and "being called at counter" in texts[1]
    await serve(client, agent, counter, mine["ticket_id"])
    assert len(await inbox(database_url, clock)) == 2


async def test_of_processes_marking_one_text_at_once_one_posts_it(
    clock: FixedClock, database_url: str
) -> None:
    """What makes a text go once whichever process saw the queue move: the mark and the post in
    one transaction, conditional on the text not being marked yet."""
    database = Database(database_url)
    try:
        store = HeadsUpStore(database)
        day = clock.now().date()
        await store.ask(
            ticket_id="t" * 32,
            office_id=ABBASSIA,
            day=day,
            phone="+201012345678",
            lang="en",
            ahead=3,
            channel="page",
            now=clock.now(),
        )
        [heads_up] = await store.open_of(ABBASSIA, day)
        text = OutboxMessage(kind="heads_up", phone=heads_up.phone, lang="en", message="close")
        sent = await asyncio.gather(
            *(store.send(heads_up.id, Text.NEAR, text, False, clock.now()) for _ in range(6))
        )
        assert sent.count(True) == 1
        assert len(await inbox(database_url, clock)) == 1
        await store.send(heads_up.id, Text.CALLED, text, True, clock.now())
        assert await store.open_of(ABBASSIA, day) == []  # closed, its mobile erased
    finally:
        await database.dispose()


async def test_the_kiosk_asks_for_a_heads_up_and_a_place_already_close_is_texted_at_once(
    client: Client, kiosk: Headers, clock: FixedClock, database_url: str
) -> None:
    ticket = await walk_in(client, kiosk)
    path = f"/api/v1/offices/{ABBASSIA}/tickets/{ticket['ticket_id']}/heads-up"
    problem(await client.post(path, json={"phone": "12345"}, headers=kiosk), 422, "invalid_phone")
    problem(
        await client.post(path, json={"phone": MOBILE, "ahead": 0}, headers=kiosk),
        422,
        "invalid_heads_up_ahead",
    )
    asked = await client.post(path, json={"phone": MOBILE}, headers=kiosk)
    assert asked.status_code == 201 and asked.json()["ahead"] == 3  # the default
    [near] = await inbox(database_url, clock)
    assert ticket["number"] in near and "٠" in near  # Arabic by default, Arabic-Indic digits

    # The managers see whether it is used: tickets issued vs heads-ups asked vs texts sent.
    await walk_in(client, kiosk)
    manager = await login(client, "manager.cairo")
    uptake = (await client.get(f"/api/v1/manage/offices/{ABBASSIA}/heads-ups", headers=manager)).json()
    today = clock.now().date().isoformat()
    assert uptake["days"] == [{"day": today, "tickets": 2, "asked": 1, "near_sent": 1, "called_sent": 0}]
    assert (uptake["tickets"], uptake["asked"], uptake["share"]) == (2, 1, 0.5)
    assert MOBILE[-8:] not in str(uptake)
    refused = await client.get(f"/api/v1/manage/offices/{ABBASSIA}/heads-ups", headers=kiosk)
    assert refused.status_code == 403
