"""One screen's feed over the store's log, on every backend: in order, once each, no gap,
whatever order pub/sub delivers in."""

from __future__ import annotations

from typing import Any

import msgspec

from queue_display.events import Event
from queue_display.feed import DisplayFeed
from queue_display.store import QueueStore
from tests.integration.queue_store.hall import GIZA, PASSPORT, open_counter
from tests.unit.queue_display.factories import at


def feed_of(store: QueueStore) -> DisplayFeed:
    return DisplayFeed(store, GIZA, lambda: at(30))


async def issue(store: QueueStore, minute: int) -> list[Event]:
    return list((await store.issue_walk_in(GIZA, PASSPORT, "P", at(minute))).events)


async def test_a_new_screen_starts_from_a_snapshot(queue_store: QueueStore) -> None:
    await issue(queue_store, 0)
    feed = feed_of(queue_store)
    [snapshot] = await feed.open(None)
    assert (snapshot.type, snapshot.seq, feed.last_seq) == ("snapshot", 1, 1)


async def test_events_in_order_pass_and_old_ones_are_dropped(queue_store: QueueStore) -> None:
    feed = feed_of(queue_store)
    await feed.open(None)
    first, second = await issue(queue_store, 0), await issue(queue_store, 1)
    assert await feed.receive(first[0]) == first
    assert await feed.receive(first[0]) == []
    assert await feed.receive(second[0]) == second


async def test_an_event_that_leaves_a_gap_brings_the_missed_ones_from_the_log(
    queue_store: QueueStore,
) -> None:
    feed = feed_of(queue_store)
    await feed.open(None)
    logged = [event for minute in range(3) for event in await issue(queue_store, minute)]
    assert [e.seq for e in await feed.receive(logged[2])] == [1, 2, 3]
    assert await feed.receive(logged[0]) == []  # the late one, already sent


async def test_a_screen_coming_back_gets_what_it_missed(queue_store: QueueStore) -> None:
    logged = [event for minute in range(3) for event in await issue(queue_store, minute)]
    feed = feed_of(queue_store)
    assert await feed.open(1) == logged[1:]
    assert feed.last_seq == 3


async def test_a_screen_away_too_long_gets_a_fresh_snapshot(make_store: Any) -> None:
    store: QueueStore = make_store(history=3)
    for minute in range(6):
        await issue(store, minute)
    feed = feed_of(store)
    [snapshot] = await feed.open(1)
    assert (snapshot.type, snapshot.seq) == ("snapshot", 6)
    [ahead] = await feed_of(store).open(99)  # the log was reset under the screen
    assert ahead.type == "snapshot"


async def test_a_tick_delivers_what_pub_sub_lost(queue_store: QueueStore) -> None:
    feed = feed_of(queue_store)
    await feed.open(None)
    await open_counter(queue_store, "1")
    assert [e.type for e in await feed.tick()] == ["counter"]
    assert await feed.tick() == []
    ping = feed.ping()
    assert (ping.type, ping.last_seq, "seq" in msgspec.to_builtins(ping)) == ("ping", 1, False)
