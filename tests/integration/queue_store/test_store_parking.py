"""Parked tickets, the same on every backend (see conftest): a called ticket set aside frees its
counter and is listed on the board; back in line it waits at the place the call policy gives it,
callable only after the minimum wait; lapsed it is a no-show; a restore keeps both."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from queue_display.policy import CallPolicy
from queue_display.restoration import Restoration
from queue_display.store import QueueStore
from queue_display.ticket import Ticket, TicketStatus
from tests.integration.queue_store.hall import GIZA, PASSPORT, open_counter, refused
from tests.unit.queue_display.factories import at

POLICY = CallPolicy(park_min_wait=timedelta(minutes=5))


def in_time(ticket: Ticket, now: Any) -> None:
    return None


async def a_parked_first_ticket(s: QueueStore) -> tuple[Ticket, list[Ticket]]:
    """P-001 arrives at 0, called at 10 and parked at 12; P-002..P-004 arrive at 1, 2 and 20."""
    await open_counter(s, "1")
    first = (await s.issue_walk_in(GIZA, PASSPORT, "P", at(0))).ticket
    others = [(await s.issue_walk_in(GIZA, PASSPORT, "P", at(m))).ticket for m in (1, 2, 20)]
    called = await s.call_next(GIZA, "1", [PASSPORT], at(10))
    assert called is not None and called.ticket.id == first.id
    parked = await s.park(GIZA, first.id, at(12))
    assert parked.ticket.status is TicketStatus.PARKED and parked.ticket.parked_at == at(12)
    return first, others


async def test_a_parked_ticket_frees_its_counter_and_the_board_lists_it(make_store: Any) -> None:
    s: QueueStore = make_store(policy=POLICY)
    first, others = await a_parked_first_ticket(s)
    assert await s.counter_ticket(GIZA, "1", at(12)) is None
    board = await s.board(GIZA, at(12))
    assert board.parked == [first.number] and board.serving == []
    assert [e.type for e in (await s.events_after(GIZA, board.seq - 1)) or []] == ["cleared"]
    nxt = await s.call_next(GIZA, "1", [PASSPORT], at(13))
    assert nxt is not None and nxt.ticket.id == others[0].id
    await refused("illegal_transition", s.park(GIZA, first.id, at(13)))  # not called


async def test_back_in_line_it_waits_for_the_minimum_then_goes_before_later_arrivals(make_store: Any) -> None:
    s: QueueStore = make_store(policy=POLICY)
    first, (second, third, fourth) = await a_parked_first_ticket(s)
    back = await s.back_in_line(GIZA, first.id, at(14), in_time)
    assert back.ticket.status is TicketStatus.WAITING and back.ticket.returned_at == at(14)
    assert (await s.board(GIZA, at(14))).parked == []
    assert await s.waiting_counts(GIZA, at(14)) == {PASSPORT: 4}
    # Not before 12 + 5 minutes: the counter calls the others meanwhile.
    called = await s.call_next(GIZA, "1", [PASSPORT], at(15))
    assert called is not None and called.ticket.id == second.id
    await s.no_show(GIZA, second.id, at(16))
    # At 17 it is due, with its old place: before P-003 (arrived at 2) and P-004.
    called = await s.call_next(GIZA, "1", [PASSPORT], at(17))
    assert called is not None and called.ticket.id == first.id and called.ticket.recalls == 0
    await refused("park_again", s.park(GIZA, first.id, at(18)))
    await s.no_show(GIZA, first.id, at(18))
    after = await s.call_next(GIZA, "1", [PASSPORT], at(30))
    assert after is not None and after.ticket.id == third.id
    await s.no_show(GIZA, third.id, at(30))
    last = await s.call_next(GIZA, "1", [PASSPORT], at(31))
    assert last is not None and last.ticket.id == fourth.id


async def test_a_parked_ticket_lapses_to_a_no_show_and_a_returned_one_does_not(make_store: Any) -> None:
    s: QueueStore = make_store(policy=POLICY)
    first, _ = await a_parked_first_ticket(s)
    lapsed = await s.lapse_park(GIZA, first.id, at(50))
    assert lapsed.ticket.status is TicketStatus.NO_SHOW and (await s.board(GIZA, at(50))).parked == []
    await refused("ticket_not_parked", s.lapse_park(GIZA, first.id, at(51)))
    await refused("illegal_transition", s.back_in_line(GIZA, first.id, at(51), in_time))


async def test_a_restore_keeps_parked_and_returned_tickets_where_they_were(lose_everything: Any) -> None:
    new_store, lose = lose_everything
    s: QueueStore = new_store(policy=POLICY)
    first, others = await a_parked_first_ticket(s)
    parked_board = await s.board(GIZA, at(12))
    tickets = [await s.get_ticket(GIZA, t.id) for t in (first, *others)]
    await lose()
    again: QueueStore = new_store(policy=POLICY)
    await again.restore(Restoration(GIZA, tickets, [], seq_floor=parked_board.seq + 1000))
    assert (await again.board(GIZA, at(13))).parked == [first.number]
    await again.back_in_line(GIZA, first.id, at(13), in_time)
    assert await again.position(GIZA, first.id, at(20)) == 1
    returned = await again.get_ticket(GIZA, first.id)
    await lose()
    third: QueueStore = new_store(policy=POLICY)
    await third.restore(Restoration(GIZA, [returned, *tickets[1:]], [], seq_floor=parked_board.seq + 2000))
    await open_counter(third, "1")
    called = await third.call_next(GIZA, "1", [PASSPORT], at(20))
    assert called is not None and called.ticket.id == first.id
