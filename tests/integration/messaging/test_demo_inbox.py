"""The demo inbox over HTTP: in demo mode a mobile's messages, newest first, as JSON and as a page
in Arabic (RTL) and English; outside demo mode both are 404, whatever is asked."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import pytest
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.settings import Settings
from kernel.clock import FixedClock
from kernel.database import Database
from messaging.channels import ChannelSettings, open_channels
from messaging.sender import Sender
from messaging.store.outbox import OutboxStore
from tests.integration.messaging.conftest import message, post_messages
from tests.integration.planning.conftest import ask, finished, login, optimise

Client = AsyncTestClient  # type: ignore[type-arg]
INBOX = "/api/v1/demo/inbox"


@pytest.fixture
async def demo(settings: Settings, clock: FixedClock) -> AsyncIterator[Client]:
    # The server's own sender is off: the test delivers, so it knows when it has happened.
    async with AsyncTestClient(create_app(replace(settings, demo=True, sender="off"), clock)) as client:
        yield client


async def delivered(database: Database, clock: FixedClock, *numbers: int) -> None:
    """Post one message to each of ``numbers`` a minute apart and deliver them to the demo inbox."""
    for n in numbers:
        await post_messages(database, clock.now(), message(n, email="mona@example.com" if n == 1 else None))
        await Sender(OutboxStore(database), open_channels(ChannelSettings(demo=True)), clock).run_once()
        clock.advance(timedelta(minutes=1))


async def test_a_mobiles_messages_come_newest_first_with_where_they_went(
    demo: Client, database: Database, clock: FixedClock
) -> None:
    await delivered(database, clock, 1, 2, 1)
    response = await demo.get(INBOX, params={"phone": "01000000001"})
    assert response.status_code == 200, response.text
    inbox = response.json()
    assert [(m["channel"], m["to"]) for m in inbox] == [
        ("email", "mona@example.com"),
        ("sms", "+201000000001"),
        ("email", "mona@example.com"),
        ("sms", "+201000000001"),
    ]
    assert (
        inbox[0]["sent_at"] == "2026-12-06T08:02:00+02:00"
        and inbox[-1]["sent_at"] == "2026-12-06T08:00:00+02:00"
    )
    assert inbox[1]["text"] == message(1).message and inbox[0]["subject"] == "موعد: بخصوص موعدك"
    other = (await demo.get(INBOX, params={"phone": "+20 100 000 0002"})).json()
    assert [m["to"] for m in other] == ["+201000000002"]


async def test_a_message_not_yet_delivered_is_not_in_the_inbox(
    demo: Client, database: Database, clock: FixedClock
) -> None:
    await post_messages(database, clock.now(), message(3))
    assert (await demo.get(INBOX, params={"phone": "01000000003"})).json() == []


async def test_a_number_that_is_no_mobile_is_refused(demo: Client) -> None:
    response = await demo.get(INBOX, params={"phone": "12345"})
    assert (response.status_code, response.json()["code"]) == (422, "invalid_phone")
    assert (await demo.get(INBOX)).status_code == 422


async def test_the_page_shows_the_messages_as_a_phone_would_in_arabic_and_in_english(
    demo: Client, database: Database, clock: FixedClock
) -> None:
    await delivered(database, clock, 4)
    arabic = await demo.get("/demo/inbox", params={"phone": "01000000004"})
    assert arabic.status_code == 200, arabic.text
    assert 'dir="rtl"' in arabic.text and "صندوق الرسائل التجريبي" in arabic.text
    assert (
        message(4).message in arabic.text
        and "رسالة قصيرة" in arabic.text
        and "٢٠٢٦-١٢-٠٦ ٠٨:٠٠" in arabic.text
    )
    english = await demo.get("/demo/inbox", params={"phone": "01000000004", "lang": "en"})
    assert 'dir="ltr"' in english.text and "Demo inbox" in english.text and "2026-12-06 08:00" in english.text
    empty = await demo.get("/demo/inbox", params={"phone": "01000000009", "lang": "en"})
    assert "No messages for this number yet" in empty.text
    wrong = await demo.get("/demo/inbox", params={"phone": "nonsense", "lang": "en"})
    assert wrong.status_code == 200 and "not an Egyptian mobile number" in wrong.text
    asked = await demo.get("/demo/inbox")
    assert asked.status_code == 200 and 'name="phone"' in asked.text


@pytest.mark.parametrize(
    "path",
    [
        INBOX + "?phone=01000000001",
        INBOX,
        INBOX + "?phone=bad",
        "/demo/inbox",
        "/demo/inbox?phone=01000000001",
    ],
)
async def test_outside_demo_mode_neither_the_api_nor_the_page_exists(
    client: Client, database: Database, clock: FixedClock, path: str
) -> None:
    await delivered(database, clock, 1)
    response = await client.get(path)
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


async def test_in_demo_mode_the_server_itself_delivers_to_the_inbox(
    settings: Settings, clock: FixedClock
) -> None:
    """End to end, as after ``make run``: a flexible request is placed by the optimiser, its
    message is posted, and the server's own sender puts it in the demo inbox within seconds."""
    async with AsyncTestClient(create_app(replace(settings, demo=True), clock)) as demo_server:
        await ask(demo_server, lang="en")
        manager = await login(demo_server, "manager.cairo")
        await finished(demo_server, manager, await optimise(demo_server, manager))
        deadline = asyncio.get_running_loop().time() + 15
        while not (inbox := (await demo_server.get(INBOX, params={"phone": "01012345678"})).json()):
            assert asyncio.get_running_loop().time() < deadline, "nothing was delivered"
            await asyncio.sleep(0.2)
    (sms,) = inbox
    assert sms["channel"] == "sms" and "is booked" in sms["text"]
