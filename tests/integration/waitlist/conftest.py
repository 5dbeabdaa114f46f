"""An app in demo mode whose messages the test delivers itself (the sender off), so that what a
citizen reads is checked where they would read it: the demo inbox."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.services import services_of
from api.settings import Settings
from kernel.clock import FixedClock
from kernel.database import Database
from messaging.channels import ChannelSettings, open_channels
from messaging.sender import Sender
from messaging.store.outbox import OutboxStore

Client = AsyncTestClient  # type: ignore[type-arg]


@pytest.fixture
def waitlist_settings(settings: Settings) -> Settings:
    return replace(settings, demo=True, sender="off", reconfirm_services=("passport-new",))


@pytest.fixture
async def demo(waitlist_settings: Settings, clock: FixedClock) -> AsyncIterator[Client]:
    async with AsyncTestClient(create_app(waitlist_settings, clock)) as client:
        yield client


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    try:
        yield database
    finally:
        await database.dispose()


class Inbox:
    """The demo inbox of the test app, after the test delivered what was posted."""

    def __init__(self, client: Client, database: Database, clock: FixedClock) -> None:
        self.client, self.database, self.clock = client, database, clock

    async def run(self) -> None:
        """The background work of one tick (offers passed on and texted, reconfirmations), then
        the delivery of what it posted."""
        # On the app's own event loop (its PostgreSQL connections belong to it).
        work = services_of(self.client.app).second_chance.run_once
        await asyncio.to_thread(self.client.blocking_portal.call, work)
        await self.deliver()

    async def deliver(self) -> None:
        await Sender(
            OutboxStore(self.database), open_channels(ChannelSettings(demo=True)), self.clock
        ).run_once()

    async def texts(self, phone: str) -> list[str]:
        """The SMS texts ``phone`` received, newest first."""
        await self.deliver()
        response = await self.client.get("/api/v1/demo/inbox", params={"phone": phone})
        assert response.status_code == 200, response.text
        return [m["text"] for m in response.json() if m["channel"] == "sms"]

    async def find(self, phone: str, words: str) -> str:
        """The SMS to ``phone`` that says ``words`` (the newest such), or fail."""
        found = [text for text in await self.texts(phone) if words in text]
        assert found, f"no SMS to {phone} says {words!r}: {await self.texts(phone)}"
        return found[0]


@pytest.fixture
def inbox(demo: Client, database: Database, clock: FixedClock) -> Inbox:
    return Inbox(demo, database, clock)


def waitlist_body(number: str, phone: str, day: str, **extra: Any) -> dict[str, Any]:
    return {
        "service": "passport-new",
        "identity": {"type": "national_id", "number": number},
        "full_name": "سلمى محمود عبد الله",
        "phone": phone,
        "offices": ["giza-passports"],
        "from": day,
        "to": day,
        "lang": "en",
        **extra,
    }
