"""What a clerk does with a called ticket, the same on every backend (see conftest)."""

from __future__ import annotations

from queue_display.no_show import NoShowRule
from queue_display.store import QueueStore
from queue_display.ticket import TicketStatus
from tests.integration.queue_store.hall import GIZA, PASSPORT, VISA, open_counter, refused
from tests.unit.queue_display.factories import at

# -- steps at the counter ----------------------------------------------------------------------


async def test_recalled_ticket_keeps_its_place(queue_store: QueueStore) -> None:
    await open_counter(queue_store, "1")
    await open_counter(queue_store, "2")
    for minute in range(3):
        await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(minute))
    first = await queue_store.call_next(GIZA, "1", [PASSPORT], at(5))
    second = await queue_store.call_next(GIZA, "2", [PASSPORT], at(6))
    assert first is not None and second is not None
    recalled = await queue_store.recall(GIZA, first.ticket.id, at(8))
    assert (recalled.ticket.counter, recalled.ticket.called_at) == ("1", at(5))
    [event] = recalled.events
    assert (event.type, event.number, event.recalls) == ("recalled", "P-001", 1)
    board = await queue_store.board(GIZA, at(9))
    assert [row.number for row in board.serving] == ["P-001", "P-002"]
    assert await queue_store.waiting_counts(GIZA, at(9)) == {PASSPORT: 1}


async def test_fourth_recall_makes_a_no_show_and_frees_the_counter(queue_store: QueueStore) -> None:
    await open_counter(queue_store, "1")
    for minute in range(2):
        await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(minute))
    called = await queue_store.call_next(GIZA, "1", [PASSPORT], at(2))
    assert called is not None
    for minute in (3, 4, 5):
        assert (await queue_store.recall(GIZA, called.ticket.id, at(minute))).ticket.status == "called"
    gone = await queue_store.recall(GIZA, called.ticket.id, at(6))
    assert (gone.ticket.status, gone.ticket.recalls) == (TicketStatus.NO_SHOW, 3)
    assert [e.type for e in gone.events] == ["cleared"]
    assert await queue_store.counter_ticket(GIZA, "1", at(7)) is None
    after = await queue_store.call_next(GIZA, "1", [PASSPORT], at(7))
    assert after is not None and after.ticket.number == "P-002"


async def test_illegal_step_is_refused_and_changes_nothing(queue_store: QueueStore) -> None:
    await open_counter(queue_store, "1")
    issued = await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(0))
    await refused("illegal_transition", queue_store.complete(GIZA, issued.ticket.id, at(1)))
    await refused("illegal_transition", queue_store.start(GIZA, issued.ticket.id, at(1)))
    assert await queue_store.get_ticket(GIZA, issued.ticket.id) == issued.ticket
    assert await queue_store.events_after(GIZA, 1) == list(issued.events)


async def test_unknown_ticket_is_not_found(queue_store: QueueStore) -> None:
    await refused("ticket_not_found", queue_store.start(GIZA, "no-such-ticket", at(0)))
    await refused("ticket_not_found", queue_store.get_ticket(GIZA, "no-such-ticket"))


async def test_served_ticket_frees_its_counter_and_teaches_the_estimate(
    queue_store: QueueStore,
) -> None:
    await open_counter(queue_store, "1")
    first = await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(0))
    await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(1))
    await queue_store.call_next(GIZA, "1", [PASSPORT], at(2))
    await queue_store.start(GIZA, first.ticket.id, at(3))
    done = await queue_store.complete(GIZA, first.ticket.id, at(7))
    assert (done.ticket.status, done.ticket.service_seconds) == ("done", 240)
    assert await queue_store.counter_ticket(GIZA, "1", at(8)) is None
    board = await queue_store.board(GIZA, at(8))
    assert board.estimates == {PASSPORT: 4}  # one waiting × 4-minute mean / one counter


async def test_transfer_keeps_the_number_and_the_place(queue_store: QueueStore) -> None:
    await open_counter(queue_store, "1", PASSPORT)
    await open_counter(queue_store, "2", VISA)
    first = await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(0))
    later_visa = await queue_store.issue_walk_in(GIZA, VISA, "V", at(5))
    await queue_store.call_next(GIZA, "1", [PASSPORT], at(6))
    await queue_store.start(GIZA, first.ticket.id, at(7))
    moved = await queue_store.transfer(GIZA, first.ticket.id, VISA, at(10))
    assert moved.transferred is not None and moved.transferred.status == "transferred"
    assert (moved.ticket.number, moved.ticket.service, moved.ticket.status) == ("P-001", VISA, "waiting")
    assert [e.type for e in moved.events] == ["cleared", "queue"]
    assert moved.events[-1].waiting == {PASSPORT: 0, VISA: 2}
    called = await queue_store.call_next(GIZA, "2", [VISA], at(11))
    assert called is not None and called.ticket.id == moved.ticket.id != later_visa.ticket.id
    assert await queue_store.counter_ticket(GIZA, "1", at(11)) is None


# -- a no-show only after the citizen had a fair chance (queue_display.no_show) -----------------

RULE = NoShowRule(recalls=2, minutes=3)


async def test_a_no_show_the_rule_does_not_allow_yet_changes_nothing(queue_store: QueueStore) -> None:
    await open_counter(queue_store, "1")
    await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(0))
    called = await queue_store.call_next(GIZA, "1", [PASSPORT], at(1))
    assert called is not None
    seq = (await queue_store.board(GIZA, at(1))).seq
    await refused("no_show_too_early", queue_store.no_show(GIZA, called.ticket.id, at(1), RULE))
    for minute in (2, 3):
        await queue_store.recall(GIZA, called.ticket.id, at(minute), RULE)
    await refused("no_show_too_early", queue_store.no_show(GIZA, called.ticket.id, at(3.9), RULE))
    still = await queue_store.get_ticket(GIZA, called.ticket.id)
    assert (still.status, still.recalls) == (TicketStatus.CALLED, 2)
    assert (await queue_store.board(GIZA, at(4))).seq == seq + 2  # the two recalls, no clearing
    gone = await queue_store.no_show(GIZA, called.ticket.id, at(4), RULE)
    assert gone.ticket.status is TicketStatus.NO_SHOW


async def test_the_fourth_recall_obeys_the_same_rule(queue_store: QueueStore) -> None:
    await open_counter(queue_store, "1")
    await queue_store.issue_walk_in(GIZA, PASSPORT, "P", at(0))
    called = await queue_store.call_next(GIZA, "1", [PASSPORT], at(1))
    assert called is not None
    for second in (10, 20, 30):
        await queue_store.recall(GIZA, called.ticket.id, at(1 + second / 60), RULE)
    await refused("no_show_too_early", queue_store.recall(GIZA, called.ticket.id, at(2), RULE))
    assert (await queue_store.get_ticket(GIZA, called.ticket.id)).status is TicketStatus.CALLED
    gone = await queue_store.recall(GIZA, called.ticket.id, at(4), RULE)
    assert (gone.ticket.status, gone.ticket.recalls) == (TicketStatus.NO_SHOW, 3)
