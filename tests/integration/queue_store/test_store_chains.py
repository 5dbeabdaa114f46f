"""A booking of several services on site: one ticket, one number, from one service's line to the
next in the order booked — the same on every backend (see conftest)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from queue_display.events import Called
from queue_display.restoration import Restoration
from queue_display.store import QueueStore
from queue_display.ticket import NextVisit, TicketStatus
from tests.integration.queue_store.hall import GIZA, PASSPORT, VISA, open_counter, refused
from tests.unit.queue_display.factories import at

CERTIFICATE = "criminal-record-certificate"
CODE = "CHAIN001"


async def _serve(store: QueueStore, counter: str, services: tuple[str, ...], minute: float) -> str:
    """Call, start and complete the next ticket at ``counter``; its id."""
    called = await store.call_next(GIZA, counter, services, at(minute))
    assert called is not None
    await store.start(GIZA, called.ticket.id, at(minute + 1))
    return called.ticket.id


async def _chain(store: QueueStore, arrived: float = 0) -> str:
    """A booking of passport (slot 30), visa (slot 50) and certificate (slot 70) checks in."""
    issued = await store.check_in(
        GIZA,
        CODE,
        PASSPORT,
        "P",
        at(30),
        at(arrived),
        next_visits=(NextVisit(VISA, at(50)), NextVisit(CERTIFICATE, at(70))),
    )
    later = [(v.service, v.slot_start) for v in issued.ticket.next_visits]
    assert later == [(VISA, at(50)), (CERTIFICATE, at(70))]
    return issued.ticket.id


async def test_a_chain_checks_in_as_one_ticket_in_its_first_service_line(queue_store: QueueStore) -> None:
    await _chain(queue_store)
    assert await queue_store.waiting_counts(GIZA, at(1)) == {PASSPORT: 1}


async def test_a_completed_step_goes_on_to_the_next_service_with_the_same_number(
    queue_store: QueueStore,
) -> None:
    s = queue_store
    await open_counter(s, "1", PASSPORT)
    await open_counter(s, "2", VISA)
    first = await _chain(s)
    await _serve(s, "1", (PASSPORT,), 30)
    change = await s.complete(GIZA, first, at(40))
    assert change.ticket.status is TicketStatus.DONE and change.moved_on is not None
    successor = change.moved_on
    assert (successor.number, successor.service, successor.status) == ("P-001", VISA, TicketStatus.WAITING)
    assert (successor.slot_start, successor.queued_at, successor.visits_served) == (at(50), at(40), 1)
    assert [v.service for v in successor.next_visits] == [CERTIFICATE]
    assert (change.ticket.transferred_to, successor.transferred_from) == (successor.id, first)
    assert [type(e).__name__ for e in change.events] == ["Cleared", "QueueChanged"]
    # In the visa line only, and not due before its slot: counter 2 calls nobody at 45.
    assert await s.waiting_counts(GIZA, at(41)) == {PASSPORT: 0, VISA: 1}
    assert await s.call_next(GIZA, "2", (VISA,), at(45)) is None
    called = await s.call_next(GIZA, "2", (VISA,), at(50))
    assert called is not None and (called.ticket.id, called.ticket.number) == (successor.id, "P-001")
    assert [e.number for e in called.events if isinstance(e, Called)] == ["P-001"]


async def test_a_chain_running_late_is_due_at_once_with_its_appointments_place(
    queue_store: QueueStore,
) -> None:
    s = queue_store
    await open_counter(s, "1", PASSPORT)
    await open_counter(s, "2", VISA)
    first = await _chain(s)
    walk_in = await s.issue_walk_in(GIZA, VISA, "V", at(55))
    await _serve(s, "1", (PASSPORT,), 30)
    successor = (await s.complete(GIZA, first, at(60))).moved_on  # ten minutes past the visa slot
    assert successor is not None
    assert await s.position(GIZA, successor.id, at(60)) == 1  # ahead of the walk-in of 55
    called = await s.call_next(GIZA, "2", (VISA,), at(60))
    assert called is not None and called.ticket.id == successor.id
    assert await s.position(GIZA, walk_in.ticket.id, at(60)) == 1


async def test_the_last_service_done_ends_the_chain(queue_store: QueueStore) -> None:
    s = queue_store
    for counter, service in (("1", PASSPORT), ("2", VISA), ("3", CERTIFICATE)):
        await open_counter(s, counter, service)
    ticket_id, numbers = await _chain(s), []
    for counter, service, minute in (("1", PASSPORT, 30), ("2", VISA, 50), ("3", CERTIFICATE, 70)):
        called = await _serve(s, counter, (service,), minute)
        assert called == ticket_id
        change = await s.complete(GIZA, ticket_id, at(minute + 5))
        numbers.append(change.ticket.number)
        ticket_id = change.moved_on.id if change.moved_on else ""
    assert (numbers, ticket_id) == (["P-001"] * 3, "")
    assert change.ticket.status is TicketStatus.DONE and not change.ticket.moved_on
    assert change.ticket.visits_served == 2
    assert await s.waiting_counts(GIZA, at(80)) == {PASSPORT: 0, VISA: 0, CERTIFICATE: 0}


async def test_a_no_show_drops_the_rest_of_the_chain(queue_store: QueueStore) -> None:
    s = queue_store
    await open_counter(s, "1", PASSPORT)
    first = await _chain(s)
    called = await s.call_next(GIZA, "1", (PASSPORT,), at(30))
    assert called is not None
    change = await s.no_show(GIZA, first, at(35))
    assert change.ticket.status is TicketStatus.NO_SHOW and change.moved_on is None
    assert await s.waiting_counts(GIZA, at(80)) == {PASSPORT: 0}
    await refused("illegal_transition", s.complete(GIZA, first, at(36)))


async def test_a_transfer_keeps_the_chain_and_brings_a_later_service_forward(queue_store: QueueStore) -> None:
    s = queue_store
    await open_counter(s, "1", PASSPORT)
    first = await _chain(s)
    await _serve(s, "1", (PASSPORT,), 30)
    change = await s.transfer(GIZA, first, VISA, at(35))
    assert change.ticket.service == VISA and change.transferred is not None
    assert [v.service for v in change.ticket.next_visits] == [CERTIFICATE]


async def test_a_chain_taken_up_again_after_a_loss_still_knows_where_it_goes(
    lose_everything: tuple[Any, Any],
) -> None:
    new_store, lose = lose_everything
    before: QueueStore = new_store()
    await open_counter(before, "1", PASSPORT)
    first = await _chain(before)
    await _serve(before, "1", (PASSPORT,), 30)
    change = await before.complete(GIZA, first, at(40))
    moved_on = change.moved_on
    assert moved_on is not None
    await lose()
    after: QueueStore = new_store()
    await after.restore(Restoration(GIZA, [change.ticket, moved_on], seq_floor=10_000))
    assert await after.get_ticket(GIZA, moved_on.id) == moved_on
    await open_counter(after, "2", VISA)
    assert await after.call_next(GIZA, "2", (VISA,), at(49)) is None
    called = await after.call_next(GIZA, "2", (VISA,), at(50) + timedelta(seconds=1))
    assert called is not None and called.ticket.next_visits == moved_on.next_visits
