"""Counters opened, paused and closed are kept in the database: who, when, and with what."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from kernel.clock import FixedClock
from kernel.database import Database
from queue_display.archive.counter_steps import CounterArchive
from tests.integration.hall.conftest import ABBASSIA, PASSPORT, Client, Headers, counter_for


@pytest.fixture
async def counter_log(database_url: str) -> AsyncIterator[CounterArchive]:
    database = Database(database_url)
    yield CounterArchive(database)
    await database.dispose()


async def test_each_open_pause_and_close_is_kept_with_who_and_when(
    client: Client, agent: Headers, clock: FixedClock, counter_log: CounterArchive
) -> None:
    counter = await counter_for(client, PASSPORT)
    for status in ("open", "pause", "open", "close"):
        response = await client.post(
            f"/api/v1/offices/{ABBASSIA}/counters/{counter}/status", json={"status": status}, headers=agent
        )
        assert response.status_code == 200, response.text
        clock.advance(timedelta(minutes=10))
    steps = await counter_log.history(ABBASSIA)
    assert [(s["status"], s["staff"]) for s in steps] == [
        ("open", "agent.abbassia"),
        ("paused", "agent.abbassia"),
        ("open", "agent.abbassia"),
        ("closed", "agent.abbassia"),
    ]
    assert [s["at"] - steps[0]["at"] for s in steps] == [timedelta(minutes=m) for m in (0, 10, 20, 30)]
    assert PASSPORT in steps[0]["services"]
    [last] = await counter_log.last_states(ABBASSIA)
    assert (last["counter"], last["status"]) == (steps[0]["counter"], "closed")
