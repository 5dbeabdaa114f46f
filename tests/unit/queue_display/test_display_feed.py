"""One screen's feed (``queue_display.feed``) on the memory store: the office's events in seq
order, each once, with no gap, whatever order pub/sub hands them over in and whatever it loses;
a log that no longer reaches back, or was reset, gives a fresh snapshot instead."""

from __future__ import annotations

import asyncio
import itertools

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from queue_display import events
from queue_display.events import Event, Message, Resync, Snapshot
from queue_display.feed import DisplayFeed
from queue_display.store import MemoryQueueStore
from tests.unit.queue_display.factories import at

GIZA, PASSPORT = "giza-passports", "passport-new"


def feed_on(store: MemoryQueueStore) -> DisplayFeed:
    return DisplayFeed(store, GIZA, lambda: at(30))


async def issue(store: MemoryQueueStore, tickets: int = 1) -> list[Event]:
    """Walk-ins issued one after another: the events the store logged (one ``queue`` each)."""
    logged: list[Event] = []
    for minute in range(tickets):
        logged.extend((await store.issue_walk_in(GIZA, PASSPORT, "P", at(minute))).events)
    return logged


def seqs(messages: list[Message]) -> list[tuple[str, int]]:
    return [(message.type, getattr(message, "seq", -1)) for message in messages]


def events_of(*numbers: int) -> list[tuple[str, int]]:
    return [("queue", n) for n in numbers]


async def test_a_new_screen_starts_from_the_board_and_then_takes_only_newer_events():
    store = MemoryQueueStore()
    logged = await issue(store, 2)
    feed = feed_on(store)
    [snapshot] = await feed.open(None)
    assert isinstance(snapshot, Snapshot)
    assert (snapshot.seq, snapshot.waiting, feed.last_seq) == (2, {PASSPORT: 2}, 2)
    assert [await feed.receive(event) for event in logged] == [[], []]  # already on the board
    [third] = await issue(store)
    assert await feed.receive(third) == [third]
    assert seqs(await feed.open(-1)) == [("snapshot", 3)]  # no seq to go on: a snapshot


async def test_events_published_in_order_go_out_each_once():
    store = MemoryQueueStore()
    feed = feed_on(store)
    assert seqs(await feed.open(None)) == [("snapshot", 0)]
    for event in await issue(store, 3):
        assert await feed.receive(event) == [event]
        assert await feed.receive(event) == []  # published twice, sent once
    assert feed.last_seq == 3


async def test_an_event_that_leaves_a_gap_brings_the_missed_ones_from_the_log_in_order():
    store = MemoryQueueStore()
    feed = feed_on(store)
    await feed.open(None)
    first, second, third = await issue(store, 3)
    assert await feed.receive(third) == [first, second, third]
    assert [await feed.receive(late) for late in (first, second)] == [[], []]
    [fourth] = await issue(store)
    assert await feed.receive(fourth) == [fourth]


async def test_a_gap_the_log_no_longer_reaches_back_over_brings_a_snapshot_instead():
    store = MemoryQueueStore(history=3)
    feed = feed_on(store)
    await feed.open(None)
    logged = await issue(store, 5)
    assert seqs(await feed.receive(logged[4])) == [("snapshot", 5)]
    assert await feed.receive(logged[3]) == []
    [sixth] = await issue(store)
    assert await feed.receive(sixth) == [sixth]


async def test_a_screen_coming_back_gets_what_it_missed_while_the_log_still_holds_it():
    store = MemoryQueueStore(history=3)
    logged = await issue(store, 6)
    assert seqs(await feed_on(store).open(1)) == [("snapshot", 6)]  # 2 and 3 are gone from the log
    assert seqs(await feed_on(store).open(2)) == [("snapshot", 6)]  # 3 is gone
    assert await feed_on(store).open(3) == logged[3:]
    feed = feed_on(store)
    assert await feed.open(4) == logged[4:]
    assert feed.last_seq == 6
    up_to_date = feed_on(store)
    assert await up_to_date.open(6) == [] and up_to_date.last_seq == 6
    assert await up_to_date.tick() == []
    assert seqs(await feed_on(store).open(99)) == [("snapshot", 6)]  # ahead of the log: it was reset


async def test_a_tick_brings_what_pub_sub_lost_and_nothing_when_the_screen_is_up_to_date():
    store = MemoryQueueStore()
    feed = feed_on(store)
    await feed.open(None)
    assert await feed.tick() == []
    logged = await issue(store, 2)
    assert await feed.tick() == logged
    assert await feed.tick() == []


async def test_a_resync_notice_checks_for_a_gap_as_a_tick_does():
    store = MemoryQueueStore()
    feed = feed_on(store)
    await feed.open(None)
    assert await feed.receive(Resync()) == []
    logged = await issue(store, 2)
    assert await feed.receive(Resync()) == logged
    assert await feed.receive(Resync()) == []


async def test_an_event_never_logged_has_no_seq_and_is_not_sent():
    store = MemoryQueueStore()
    feed = feed_on(store)
    await feed.open(None)
    assert await feed.receive(events.queue(GIZA)) == []
    assert feed.last_seq == 0


async def test_a_log_reset_under_the_screen_brings_a_fresh_snapshot_and_the_feed_goes_on_from_it():
    store = MemoryQueueStore()
    feed = feed_on(store)
    await feed.open(None)
    await issue(store, 3)
    assert feed.last_seq == 0 and len(await feed.tick()) == 3
    # The store the screen reads lost its log (a Redis flushed and restarted empty): the same
    # feed now reads a store whose log starts again from 1.
    feed.store = emptied = MemoryQueueStore()
    await issue(emptied)
    assert seqs(await feed.tick()) == [("snapshot", 1)]
    [second] = await issue(emptied)
    assert await feed.receive(second) == [second]


async def test_a_ping_is_no_event_and_tells_the_time_and_the_last_seq_sent():
    store = MemoryQueueStore()
    feed = feed_on(store)
    await feed.open(None)
    for event in await issue(store, 2):
        await feed.receive(event)
    ping = feed.ping()
    assert msgspec.to_builtins(ping) == {"type": "ping", "at": at(30).isoformat(), "last_seq": 2}


@settings(max_examples=60, deadline=None)
@given(st.data(), st.integers(min_value=1, max_value=12))
def test_whatever_order_pub_sub_delivers_in_and_whatever_it_loses_each_event_goes_out_once_in_order(
    data: st.DataObject, tickets: int
) -> None:
    """After each ticket, pub/sub hands over some of the events published so far (in any order,
    some never); a tick at the end. The screen is sent 1..n, each once, in order."""

    async def scenario() -> list[tuple[str, int]]:
        store = MemoryQueueStore()
        feed = feed_on(store)
        sent = list(await feed.open(None))
        unsent: list[Event] = []
        for _ in range(tickets):
            unsent.extend(await issue(store))
            for event in data.draw(st.lists(st.sampled_from(unsent), unique_by=id, max_size=len(unsent))):
                unsent.remove(event)
                if data.draw(st.booleans()):  # else lost on the way
                    sent.extend(await feed.receive(event))
        sent.extend(await feed.tick())
        return seqs(sent)

    assert asyncio.run(scenario()) == [("snapshot", 0), *events_of(*range(1, tickets + 1))]


@settings(max_examples=60, deadline=None)
@given(st.data(), st.integers(min_value=1, max_value=12))
def test_with_a_short_log_a_screen_never_goes_back_and_skips_only_onto_a_snapshot(
    data: st.DataObject, tickets: int
) -> None:
    """As above with a log of three events: what the screen is sent climbs by one event at a
    time, or jumps onto a snapshot, and ends at the office's last seq."""

    async def scenario() -> list[tuple[str, int]]:
        store = MemoryQueueStore(history=3)
        feed = feed_on(store)
        sent = list(await feed.open(None))
        for _ in range(tickets):
            logged = await issue(store)
            if data.draw(st.booleans()):  # else lost on the way
                sent.extend(await feed.receive(logged[0]))
        sent.extend(await feed.tick())
        return seqs(sent)

    sent = asyncio.run(scenario())
    assert sent[-1][1] == tickets
    for (_, before), (kind, after) in itertools.pairwise(sent):
        assert after == before + 1 or (kind == "snapshot" and after > before)
