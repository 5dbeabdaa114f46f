"""``GET /api/v1/manage/offices/{id}/deliveries``: how an office's messages fare, for its managers
(and administrators) only, mobiles masked."""

from __future__ import annotations

from datetime import timedelta

from litestar.testing import AsyncTestClient

from kernel.clock import FixedClock
from kernel.database import Database
from messaging.channels import ChannelSettings, open_channels
from messaging.retry import Dead, http_failure
from messaging.sender import Sender
from messaging.store.outbox import OutboxStore
from tests.integration.helpers import ABBASSIA, GIZA, login
from tests.integration.messaging.conftest import message, post_messages

Client = AsyncTestClient  # type: ignore[type-arg]


def deliveries(office: str) -> str:
    return f"/api/v1/manage/offices/{office}/deliveries"


async def an_office_with_messages(database: Database, clock: FixedClock) -> None:
    """At Abbassia: two sent, one dead (the gateway refused it), one pending; one at Giza."""
    store = OutboxStore(database)
    await post_messages(database, clock.now(), message(1), message(2), message(3, office_id=GIZA))
    await Sender(store, open_channels(ChannelSettings(demo=True)), clock).run_once()
    clock.advance(timedelta(minutes=1))
    await post_messages(database, clock.now(), message(4), message(5))
    refused, _ = await store.claim(clock.now(), ["sms"], 2, timedelta(minutes=5), "token")
    error = http_failure(400, "invalid destination +201000000004").error
    await store.record([(refused, Dead(error))], "token", clock.now())


async def test_a_manager_sees_their_offices_messages_sent_pending_and_dead_with_the_error(
    client: Client, database: Database, clock: FixedClock
) -> None:
    await an_office_with_messages(database, clock)
    response = await client.get(deliveries(ABBASSIA), headers=await login(client, "manager.cairo"))
    assert response.status_code == 200, response.text
    state = response.json()
    assert (state["office_id"], state["pending"], state["sent"], state["dead"]) == (ABBASSIA, 1, 2, 1)
    (dead,) = state["recent_dead"]
    assert dead["to"] == "•••••••••0004" and dead["channel"] == "sms" and dead["attempts"] == 1
    assert dead["last_error"] == "HTTP 400: invalid destination •••••••••0004"
    assert dead["booking_code"] == "C0000004" and dead["created_at"] == "2026-12-06T08:01:00+02:00"
    assert "01000000004" not in response.text and "1000000004" not in response.text


async def test_an_administrator_sees_any_office(
    client: Client, database: Database, clock: FixedClock
) -> None:
    await an_office_with_messages(database, clock)
    response = await client.get(deliveries(GIZA), headers=await login(client, "admin"))
    assert (response.status_code, response.json()["sent"]) == (200, 1)


async def test_nobody_else_sees_an_offices_messages(
    client: Client, database: Database, clock: FixedClock
) -> None:
    await an_office_with_messages(database, clock)
    not_theirs = await client.get(deliveries(GIZA), headers=await login(client, "manager.cairo"))
    assert (not_theirs.status_code, not_theirs.json()["code"]) == (403, "office_forbidden")
    agent = await client.get(deliveries(ABBASSIA), headers=await login(client, "agent.abbassia"))
    assert (agent.status_code, agent.json()["code"]) == (403, "forbidden")
    anonymous = await client.get(deliveries(ABBASSIA))
    assert anonymous.status_code == 401
    unknown = await client.get(deliveries("nowhere"), headers=await login(client, "admin"))
    assert (unknown.status_code, unknown.json()["code"]) == (404, "office_not_found")
