"""The display log and board, the same on every backend (see conftest)."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from queue_display.counter import CounterStatus
from queue_display.events import announce
from queue_display.store import QueueStore
from tests.integration.queue_store.hall import GIZA, PASSPORT, VISA, open_counter
from tests.unit.queue_display.factories import at

# -- the display log and board -----------------------------------------------------------------


async def test_every_event_takes_the_next_seq_of_its_office(queue_store: QueueStore) -> None:
    await open_counter(queue_store, "1")
    seqs = []
    for minute in range(3):
        seqs += [e.seq for e in (await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(minute))).events]
    called = await queue_store.call_next(GIZA, "1", [PASSPORT], at(5))
    assert called is not None
    seqs += [e.seq for e in called.events]
    seqs += [e.seq for e in (await queue_store.recall(GIZA, called.ticket.id, at(6))).events]
    other = await queue_store.issue_walk_in("alex-passports", PASSPORT, "P", at(6))
    assert seqs == list(range(2, 8))
    assert [e.seq for e in other.events] == [1]


async def test_called_event_names_ticket_and_counter_in_both_languages(
    queue_store: QueueStore,
) -> None:
    await open_counter(queue_store, "7")
    issued = await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(0))
    called = await queue_store.call_next(GIZA, "7", [PASSPORT], at(2))
    assert called is not None
    assert msgspec.to_builtins(list(called.events)) == [
        {
            "type": "called",
            "seq": 3,
            "office_id": GIZA,
            "ticket_id": issued.ticket.id,
            "number": "P-001",
            "counter": "7",
            "service": PASSPORT,
            "called_at": at(2).isoformat(),
            "announce": msgspec.to_builtins(announce("P-001", "7")),
        },
        {"type": "queue", "seq": 4, "office_id": GIZA, "waiting": {PASSPORT: 0}},
    ]


async def test_events_after_replays_what_a_screen_missed(queue_store: QueueStore) -> None:
    await open_counter(queue_store, "1")
    logged = list((await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(0))).events)
    called = await queue_store.call_next(GIZA, "1", [PASSPORT], at(1))
    assert called is not None
    logged += called.events
    assert await queue_store.events_after(GIZA, 1) == logged
    assert await queue_store.events_after(GIZA, 3) == logged[-1:]
    assert await queue_store.events_after(GIZA, 4) == []


async def test_last_seq_is_the_seq_of_the_office_s_newest_event(queue_store: QueueStore) -> None:
    assert await queue_store.last_seq(GIZA) == 0
    await open_counter(queue_store, "1")
    issued = await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(0))
    await queue_store.issue_walk_in("alex-passports", PASSPORT, "P", at(0))
    assert await queue_store.last_seq(GIZA) == issued.events[-1].seq == 2


async def test_screen_gets_none_when_history_no_longer_reaches_back(make_store: Any) -> None:
    store: QueueStore = make_store(history=5)
    for minute in range(8):
        await store.issue_walk_in(GIZA, PASSPORT, "P", at(minute))
    assert await store.events_after(GIZA, 2) is None
    assert [e.seq for e in await store.events_after(GIZA, 3) or []] == [4, 5, 6, 7, 8]
    assert await store.events_after(GIZA, 99) is None


async def test_board_snapshot_shows_serving_recent_waiting_and_estimates(
    queue_store: QueueStore,
) -> None:
    await open_counter(queue_store, "1", PASSPORT, VISA)
    await open_counter(queue_store, "2", PASSPORT)
    for minute in range(3):
        await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(minute))
    await queue_store.issue_walk_in(GIZA, VISA, "V", at(3))
    first = await queue_store.call_next(GIZA, "1", [PASSPORT], at(5))
    await queue_store.call_next(GIZA, "2", [PASSPORT], at(6))
    assert first is not None
    await queue_store.start(GIZA, first.ticket.id, at(7))
    board = await queue_store.board(GIZA, at(8))
    assert msgspec.to_builtins(board) == {
        "type": "snapshot",
        "seq": 10,
        "office_id": GIZA,
        "serving": [
            {
                "number": "P-001",
                "counter": "1",
                "service": PASSPORT,
                "called_at": at(5).isoformat(),
                "status": "serving",
            },
            {
                "number": "P-002",
                "counter": "2",
                "service": PASSPORT,
                "called_at": at(6).isoformat(),
                "status": "called",
            },
        ],
        "recent": [
            {"number": "P-002", "counter": "2", "service": PASSPORT, "called_at": at(6).isoformat()},
            {"number": "P-001", "counter": "1", "service": PASSPORT, "called_at": at(5).isoformat()},
        ],
        "waiting": {PASSPORT: 1, VISA: 1},
        # 10-minute nominal: passport 1 × 10 / (1/2 + 1) → 7; visa 1 × 10 / (1/2) → 20.
        "estimates": {PASSPORT: 7, VISA: 20},
        "unserved": {},
        "open_services": [PASSPORT, VISA],
        "parked": [],
    }


async def test_board_snapshot_says_who_waits_for_a_service_no_open_counter_serves(
    queue_store: QueueStore,
) -> None:
    await open_counter(queue_store, "1", PASSPORT)
    await queue_store.set_counter(GIZA, "2", CounterStatus.PAUSED, [VISA])
    for minute in range(2):
        await queue_store.issue_walk_in(GIZA, VISA, "V", at(minute))
    await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(2))
    board = await queue_store.board(GIZA, at(3))
    assert (board.unserved, board.open_services) == ({VISA: 2}, [PASSPORT])
    assert board.estimates[VISA] is None  # the same condition: no open counter's share


async def test_counter_change_is_an_event_and_is_remembered(queue_store: QueueStore) -> None:
    change = await queue_store.set_counter(GIZA, "3", CounterStatus.PAUSED, [VISA, PASSPORT])
    assert msgspec.to_builtins(list(change.events)) == [
        {
            "type": "counter",
            "seq": 1,
            "office_id": GIZA,
            "counter": "3",
            "status": "paused",
            "services": [PASSPORT, VISA],
        }
    ]
    assert await queue_store.counters(GIZA) == [change.counter]


async def test_instants_must_carry_a_time_zone(queue_store: QueueStore) -> None:
    with pytest.raises(ValueError, match="timezone"):
        await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(0).replace(tzinfo=None))
