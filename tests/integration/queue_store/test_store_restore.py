"""A store that lost its live state takes the day up again from the archive, and a store that
kept it is not set back by a late, older account — the same on every backend (see conftest)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from queue_display import ticket
from queue_display.counter import CounterState, CounterStatus
from queue_display.restoration import Restoration
from queue_display.store import MemoryQueueStore, QueueStore
from queue_display.ticket import Ticket
from tests.integration.queue_store.hall import GIZA, PASSPORT, VISA, open_counter, refused
from tests.unit.queue_display.factories import OPENING, appointment, at, walk_in

FLOOR = 1_000_000


def archived_morning() -> list[Ticket]:
    """What the archive holds at 09:00: P-001 served in 5 minutes at counter 2, P-002 (a
    booking) serving at counter 1, V-003 waiting, P-004 called to counter 2."""
    served = ticket.call(_at_giza(walk_in(1, 0)), "2", at(10))
    served = ticket.complete(ticket.start(served, at(11)), at(16))
    booked = _at_giza(appointment(2, 5, 30))
    booked = ticket.start(ticket.call(booked, "1", at(30)), at(31))
    waiting = replace(_at_giza(walk_in(3, 20, service=VISA)), number="V-003")
    called = ticket.call(_at_giza(walk_in(4, 25)), "2", at(40))
    return [served, booked, waiting, called]


def _at_giza(t: Ticket) -> Ticket:
    return replace(t, office_id=GIZA)


COUNTERS = [
    CounterState("1", CounterStatus.OPEN, frozenset({PASSPORT})),
    CounterState("2", CounterStatus.OPEN, frozenset({PASSPORT, VISA})),
    CounterState("3", CounterStatus.PAUSED, frozenset({VISA})),
]


async def test_a_store_that_lost_the_day_takes_it_up_from_the_archive(queue_store: QueueStore) -> None:
    taken = await queue_store.restore(Restoration(GIZA, archived_morning(), COUNTERS, FLOOR))
    assert taken == 4
    board = await queue_store.board(GIZA, at(60))
    assert [(s.number, s.counter, s.status) for s in board.serving] == [
        ("P-002", "1", "serving"),
        ("P-004", "2", "called"),
    ]
    assert board.waiting == {PASSPORT: 0, VISA: 1}
    assert [r.number for r in board.recent] == ["P-004", "P-002", "P-001"]
    assert await queue_store.counters(GIZA) == COUNTERS
    # The estimate learnt P-001's five minutes (not the default ten): one ahead, 1.5 counters.
    await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(61))
    second = await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(62))
    assert second.estimated_wait_minutes == 4


async def test_after_a_restore_numbers_continue_and_nothing_is_given_twice(queue_store: QueueStore) -> None:
    await queue_store.restore(Restoration(GIZA, archived_morning(), COUNTERS, FLOOR))
    fresh = await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(61))
    assert fresh.ticket.number == "P-005"
    await refused("already_checked_in", queue_store.check_in(GIZA, "BK000002", PASSPORT, "P", at(30), at(62)))
    await refused("counter_busy", queue_store.call_next(GIZA, "1", [PASSPORT], at(63)))
    # Counter 2 finishes with P-004, then calls the one waiting visa ticket before the new P-005.
    p004 = next(t for t in archived_morning() if t.number == "P-004")
    await queue_store.no_show(GIZA, p004.id, at(64))
    called = await queue_store.call_next(GIZA, "2", [PASSPORT, VISA], at(65))
    assert called is not None and called.ticket.number == "V-003"


async def test_a_restored_ticket_takes_its_next_step(queue_store: QueueStore) -> None:
    await queue_store.restore(Restoration(GIZA, archived_morning(), COUNTERS, FLOOR))
    booked = await queue_store.checked_in_ticket(GIZA, OPENING.date(), "BK000002")
    assert booked is not None and booked.number == "P-002"
    done = await queue_store.complete(GIZA, booked.id, at(70))
    assert done.ticket.service_seconds == 39 * 60
    assert await queue_store.counter_ticket(GIZA, "1", at(71)) is None


async def test_restore_never_sets_back_a_store_that_kept_the_day(queue_store: QueueStore) -> None:
    await open_counter(queue_store, "1")
    issued = await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(0))
    called = await queue_store.call_next(GIZA, "1", [PASSPORT], at(1))
    assert called is not None
    board, seq = await queue_store.board(GIZA, at(2)), await queue_store.last_seq(GIZA)
    # The archive is behind: it has the ticket only as issued, and knows no counter.
    taken = await queue_store.restore(Restoration(GIZA, [issued.ticket], [], FLOOR))
    assert taken == 0
    assert await queue_store.board(GIZA, at(2)) == board
    assert await queue_store.last_seq(GIZA) == seq
    assert (await queue_store.get_ticket(GIZA, issued.ticket.id)).status == "called"
    assert (await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(3))).ticket.number == "P-002"


async def test_restoring_twice_is_restoring_once(queue_store: QueueStore) -> None:
    restoration = Restoration(GIZA, archived_morning(), COUNTERS, FLOOR)
    await queue_store.restore(restoration)
    board = await queue_store.board(GIZA, at(60))
    assert await queue_store.restore(restoration) == 0
    assert await queue_store.board(GIZA, at(60)) == board


async def test_a_restored_log_starts_above_any_seq_a_screen_may_hold(queue_store: QueueStore) -> None:
    await queue_store.restore(Restoration(GIZA, archived_morning(), COUNTERS, FLOOR))
    assert await queue_store.last_seq(GIZA) == FLOOR
    issued = await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(61))
    assert [event.seq for event in issued.events] == [FLOOR + 1]
    # A screen from before the loss, whether behind or "ahead" of the new log, needs a snapshot.
    assert await queue_store.events_after(GIZA, 57) is None
    assert await queue_store.events_after(GIZA, FLOOR + 10) is None
    assert await queue_store.events_after(GIZA, FLOOR) == list(issued.events)


async def test_a_log_that_survived_keeps_its_seq(queue_store: QueueStore) -> None:
    await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(0))
    await queue_store.restore(Restoration(GIZA, [], [], FLOOR))
    assert await queue_store.last_seq(GIZA) == 1


async def test_a_restored_early_appointment_still_waits_for_its_slot(queue_store: QueueStore) -> None:
    early = _at_giza(appointment(1, 0, slot=45))
    await queue_store.restore(Restoration(GIZA, [early], COUNTERS[:1], FLOOR))
    assert await queue_store.call_next(GIZA, "1", [PASSPORT], at(30)) is None
    called = await queue_store.call_next(GIZA, "1", [PASSPORT], at(45) + timedelta(seconds=1))
    assert called is not None and called.ticket.id == early.id


async def test_checked_in_ticket_names_the_booking_s_ticket(queue_store: QueueStore) -> None:
    issued = await queue_store.check_in(GIZA, "K7M2Q9XA", PASSPORT, "P", at(30), at(10))
    day = OPENING.date()
    assert await queue_store.checked_in_ticket(GIZA, day, "K7M2Q9XA") == issued.ticket
    assert await queue_store.checked_in_ticket(GIZA, day, "OTHERCDE") is None
    assert await queue_store.checked_in_ticket(GIZA, day + timedelta(days=1), "K7M2Q9XA") is None


class Archive:
    """What the database is to a store: the day's account, read slowly, and ticket numbers."""

    def __init__(self, tickets: list[Ticket]) -> None:
        self.tickets = tickets
        self.read = 0
        self.last = max(t.sequence for t in tickets)

    async def take_up(self, office_id: str) -> Restoration:
        self.read += 1
        await asyncio.sleep(0.05)  # long enough for every other caller to find the office lost
        return Restoration(office_id, self.tickets, COUNTERS, FLOOR)

    async def number(self, office_id: str, day: date) -> int:
        self.last += 1
        return self.last


async def test_a_store_that_lost_the_office_while_serving_takes_the_day_up_on_first_use(
    lose_everything: Any,
) -> None:
    new_store, lose = lose_everything
    archive = Archive(archived_morning())
    store: QueueStore = new_store()
    store.attach(archive.take_up, archive.number)
    await store.last_seq(GIZA)  # the office was live
    await lose()
    store = new_store()  # the process that had it may be gone too
    store.attach(archive.take_up, archive.number)
    issued = await store.issue_walk_in(GIZA, PASSPORT, "P", at(61))
    assert issued.ticket.number == "P-005"  # from the archive's numbers: none given twice
    board = await store.board(GIZA, at(61))
    assert [s.number for s in board.serving] == ["P-002", "P-004"]
    assert board.waiting == {PASSPORT: 1, VISA: 1}
    assert await store.counters(GIZA) == COUNTERS
    assert archive.read == 2  # once when first used, once after the loss


async def test_processes_that_find_the_office_lost_at_once_take_it_up_once(lose_everything: Any) -> None:
    new_store, lose = lose_everything
    archive = Archive(archived_morning())
    stores: list[QueueStore] = [new_store(), new_store()]
    for store in stores:
        store.attach(archive.take_up, archive.number)
    if isinstance(stores[0], MemoryQueueStore):
        stores = [stores[0], stores[0]]  # memory is one process's: its tasks race, not processes
    await lose()
    results = await asyncio.gather(
        *(stores[i % 2].issue_walk_in(GIZA, PASSPORT, "P", at(61)) for i in range(8)),
        *(stores[i % 2].board(GIZA, at(61)) for i in range(4)),
    )
    assert archive.read == 1
    numbers = [r.ticket.number for r in results[:8]]  # type: ignore[union-attr]
    assert sorted(numbers) == [f"P-{n:03d}" for n in range(5, 13)]
    assert (await stores[1].board(GIZA, at(62))).waiting == {PASSPORT: 8, VISA: 1}


async def test_a_store_taken_up_again_never_goes_back_over_a_live_office(lose_everything: Any) -> None:
    new_store, _ = lose_everything
    store: QueueStore = new_store()
    archive = Archive(archived_morning())
    store.attach(archive.take_up, archive.number)
    await open_counter(store, "9", VISA)
    waiting = next(t for t in archived_morning() if t.number == "V-003")
    called = await store.call_next(GIZA, "9", [VISA], at(62))
    assert called is not None and called.ticket.id == waiting.id
    # A process started later takes nothing up: the office is live, the archive is behind it.
    later: QueueStore = new_store() if not isinstance(store, MemoryQueueStore) else store
    later.attach(archive.take_up, archive.number)
    assert (await later.get_ticket(GIZA, waiting.id)).status == "called"
    assert archive.read == 1
