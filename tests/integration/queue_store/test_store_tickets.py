"""Issuing tickets and calling them, the same on every backend (see conftest)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from queue_display.counter import CounterStatus
from queue_display.store import QueueStore
from queue_display.ticket import Priority
from tests.integration.queue_store.hall import GIZA, PASSPORT, VISA, call_all, open_counter, refused
from tests.unit.queue_display.factories import at

# -- issuing -----------------------------------------------------------------------------------


async def test_tickets_are_numbered_by_prefix_and_one_sequence_per_office_and_day(
    queue_store: QueueStore,
) -> None:
    first = await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(0))
    second = await queue_store.issue_walk_in(GIZA, VISA, "V", at(1))
    elsewhere = await queue_store.issue_walk_in("alex-passports", PASSPORT, "P", at(1))
    next_day = await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(24 * 60))
    assert [first.ticket.number, second.ticket.number] == ["P-001", "V-002"]
    assert (elsewhere.ticket.number, next_day.ticket.number) == ("P-001", "P-001")
    assert next_day.ticket.day == first.ticket.day + timedelta(days=1)


async def test_booking_is_checked_in_only_once_a_day(queue_store: QueueStore) -> None:
    issued = await queue_store.check_in(GIZA, "K7M2Q9XA", PASSPORT, "P", at(30), at(10))
    assert (issued.ticket.kind, issued.ticket.booking_code) == ("appointment", "K7M2Q9XA")
    refusal = await refused(
        "already_checked_in", queue_store.check_in(GIZA, "K7M2Q9XA", PASSPORT, "P", at(30), at(11))
    )
    assert "K7M2Q9XA" in refusal.detail_ar
    assert await queue_store.waiting_counts(GIZA, at(12)) == {PASSPORT: 1}


async def test_issued_ticket_knows_its_place_and_estimated_wait(queue_store: QueueStore) -> None:
    await open_counter(queue_store, "1")
    for minute in range(3):
        await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(minute))
    elderly = await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(3), Priority.ELDERLY)
    # Arrived at 3 with a 15-minute credit: ahead of all three; nobody is ahead of it.
    assert (elderly.position, elderly.estimated_wait_minutes) == (1, 0)
    last = await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(4))
    assert (last.position, last.estimated_wait_minutes) == (5, 40)


async def test_a_waiting_tickets_place_is_counted_now_as_at_its_issue(queue_store: QueueStore) -> None:
    s = queue_store
    await open_counter(s, "1")
    first = await s.issue_walk_in(GIZA, PASSPORT, "P", at(0))
    second = await s.issue_walk_in(GIZA, PASSPORT, "P", at(1))
    early = await s.check_in(GIZA, "EARLY001", PASSPORT, "P", at(60), at(2))  # score 30
    await s.issue_walk_in(GIZA, VISA, "V", at(3))  # another service: never counted
    assert [await s.position(GIZA, t.ticket.id, at(4)) for t in (first, second, early)] == [1, 2, 3]
    called = await s.call_next(GIZA, "1", [PASSPORT], at(5))
    assert called is not None and called.ticket.id == first.ticket.id
    assert await s.position(GIZA, first.ticket.id, at(5)) is None  # no longer waiting
    assert await s.position(GIZA, second.ticket.id, at(5)) == 1
    # A walk-in at 31 sorts after the appointment (score 30), which is not due before 60...
    late = await s.issue_walk_in(GIZA, PASSPORT, "P", at(31))
    assert await s.position(GIZA, late.ticket.id, at(31)) == 2
    # ...and once its slot has come, the appointment counts before it.
    assert await s.position(GIZA, early.ticket.id, at(60)) == 2
    assert await s.position(GIZA, late.ticket.id, at(60)) == 3
    await refused("ticket_not_found", s.position(GIZA, "no-such-ticket", at(60)))


async def test_the_queues_figure_for_a_place_comes_from_the_open_counters(queue_store: QueueStore) -> None:
    assert await queue_store.wait_of(GIZA, PASSPORT, 3) is None
    await open_counter(queue_store, "1")
    await open_counter(queue_store, "2")
    assert await queue_store.wait_of(GIZA, PASSPORT, 3) == 15  # 3 × 10 minutes nominal / 2 counters


# -- calling -----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [None, CounterStatus.PAUSED, CounterStatus.CLOSED])
async def test_counter_that_is_not_open_cannot_call(
    queue_store: QueueStore, status: CounterStatus | None
) -> None:
    if status is not None:
        await queue_store.set_counter(GIZA, "1", status, [PASSPORT])
    await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(0))
    await refused("counter_not_open", queue_store.call_next(GIZA, "1", [PASSPORT], at(1)))


async def test_counter_still_holding_a_ticket_cannot_call_the_next(queue_store: QueueStore) -> None:
    await open_counter(queue_store, "1")
    for minute in range(2):
        await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(minute))
    called = await queue_store.call_next(GIZA, "1", [PASSPORT], at(2))
    assert called is not None
    await queue_store.start(GIZA, called.ticket.id, at(3))
    refusal = await refused("counter_busy", queue_store.call_next(GIZA, "1", [PASSPORT], at(4)))
    assert "P-001" in refusal.detail_en
    assert await queue_store.counter_ticket(GIZA, "1", at(4)) == (
        await queue_store.get_ticket(GIZA, called.ticket.id)
    )


async def test_nobody_waiting_means_nothing_to_call_and_no_event(queue_store: QueueStore) -> None:
    await open_counter(queue_store, "1")
    assert await queue_store.call_next(GIZA, "1", [PASSPORT], at(0)) is None
    assert await queue_store.events_after(GIZA, 1) == []


async def test_counter_calls_only_services_it_can_serve(queue_store: QueueStore) -> None:
    await open_counter(queue_store, "1", VISA)
    await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(0))
    visa = await queue_store.issue_walk_in(GIZA, VISA, "V", at(1))
    called = await queue_store.call_next(GIZA, "1", [VISA], at(2))
    assert called is not None and called.ticket.id == visa.ticket.id


async def test_call_order_follows_the_policy_in_a_mixed_hall(queue_store: QueueStore) -> None:
    await open_counter(queue_store, "1", PASSPORT, VISA)
    s = queue_store
    await s.issue_walk_in(GIZA, PASSPORT, "P", at(0))  # P-001 walk-in, score 0
    await s.check_in(GIZA, "EARLY001", PASSPORT, "P", at(90), at(1))  # P-002 slot at 90: not due
    await s.issue_walk_in(GIZA, VISA, "V", at(2), Priority.DISABILITY)  # V-003 score -13
    await s.check_in(GIZA, "ONTIME01", VISA, "V", at(20), at(19))  # V-004 score -10
    await s.issue_walk_in(GIZA, PASSPORT, "P", at(35), Priority.PREGNANCY)  # P-005 score 20
    await s.check_in(GIZA, "LATE0001", PASSPORT, "P", at(5), at(36))  # P-006 late: score 6
    assert await call_all(s, "1", 40, (PASSPORT, VISA)) == ["V-003", "V-004", "P-001", "P-006", "P-005"]
    assert await call_all(s, "1", 90, (PASSPORT, VISA)) == ["P-002"]


async def test_early_arrival_waits_for_its_slot(queue_store: QueueStore) -> None:
    await open_counter(queue_store, "1")
    booked = await queue_store.check_in(GIZA, "EARLY001", PASSPORT, "P", at(30), at(0))
    assert await queue_store.call_next(GIZA, "1", [PASSPORT], at(29)) is None
    called = await queue_store.call_next(GIZA, "1", [PASSPORT], at(30))
    assert called is not None and called.ticket.id == booked.ticket.id


async def test_walk_in_is_not_starved_by_a_stream_of_appointments(queue_store: QueueStore) -> None:
    await open_counter(queue_store, "1")
    patient = await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(0))
    calls = []
    for minute in range(0, 120, 5):  # an appointment falls due every five minutes
        await queue_store.check_in(GIZA, f"BOOK{minute:04d}", PASSPORT, "P", at(minute), at(minute))
        change = await queue_store.call_next(GIZA, "1", [PASSPORT], at(minute))
        assert change is not None
        calls.append(change.ticket.id)
        await queue_store.no_show(GIZA, change.ticket.id, at(minute))
    # Due at 0, only appointments due up to 0 + 30 minutes may go first: those at 0…30.
    assert calls.index(patient.ticket.id) <= 7


async def test_yesterdays_waiting_tickets_are_not_called_today(queue_store: QueueStore) -> None:
    await open_counter(queue_store, "1")
    await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(0))
    today = await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(24 * 60))
    called = await queue_store.call_next(GIZA, "1", [PASSPORT], at(24 * 60 + 1))
    assert called is not None and called.ticket.id == today.ticket.id
    await queue_store.no_show(GIZA, called.ticket.id, at(24 * 60 + 2))
    assert await queue_store.call_next(GIZA, "1", [PASSPORT], at(24 * 60 + 3)) is None
