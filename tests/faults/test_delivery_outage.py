"""PostgreSQL going away under a running sender: one warning when the outage starts, one line when
it ends, the loop never stops, and a message posted after the database's return is delivered."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import pytest
from structlog.testing import capture_logs

from booking.store.migrate import migrate
from kernel.clock import FixedClock
from kernel.database import Database
from messaging.channels import ChannelSettings, open_channels
from messaging.outbox import OutboxMessage
from messaging.sender import Sender
from messaging.store.outbox import OutboxStore, post
from tests.faults.postgres_cluster import PostgresCluster

pytestmark = pytest.mark.slow

NOW = datetime(2026, 12, 6, 6, 0, tzinfo=UTC)


async def test_a_sender_rides_out_a_database_outage_and_delivers_when_it_is_back(
    postgres_cluster: PostgresCluster,
) -> None:
    database = Database(postgres_cluster.url())
    await migrate(database)
    store = OutboxStore(database)
    clock = FixedClock(NOW)
    sender = Sender(store, open_channels(ChannelSettings(demo=True)), clock, idle_seconds=0.1)
    with capture_logs() as logs:
        running = asyncio.create_task(sender.run())
        await asyncio.sleep(0.5)
        await asyncio.to_thread(postgres_cluster.stop_hard)
        await asyncio.sleep(2.0)  # about twenty turns against a database that is not there
        await asyncio.to_thread(postgres_cluster.start)
        message = OutboxMessage(kind="k", phone="+201012345678", lang="ar", message="عاد الاتصال")
        deadline = time.monotonic() + 30
        while True:  # the pool's old connections are dead: the first tries may meet one
            try:
                await database.write(lambda conn: post(conn, message, NOW))
                break
            except Exception:
                assert time.monotonic() < deadline, "could not post after the restart"
                await asyncio.sleep(0.2)
        while await store.unsent():
            assert time.monotonic() < deadline, "not delivered after the database came back"
            await asyncio.sleep(0.1)
        sender.stop()
        await asyncio.wait_for(running, 10)
    await database.dispose()
    events = [line["event"] for line in logs if line["event"].startswith("delivery_store")]
    assert events == ["delivery_store_unavailable", "delivery_store_available"]
    assert [entry.text for entry in await _inbox(postgres_cluster)] == ["عاد الاتصال"]


async def _inbox(cluster: PostgresCluster) -> list:  # type: ignore[type-arg]
    database = Database(cluster.url())
    try:
        return await OutboxStore(database).demo_inbox("+201012345678")
    finally:
        await database.dispose()
