"""Running late: a parked ticket, where it comes back in line (the call policy), and the parking
use case on the hall's fakes (counter, kiosk, lapse, restart)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_display import ticket
from queue_display.archive.rows import progress
from queue_display.errors import Conflict
from queue_display.parking import Parking
from queue_display.policy import CallPolicy, epoch_ms
from queue_display.ticket import Priority, Ticket, TicketStatus
from tests.unit.queue_display.conftest import DESK_1, MORNING, OFFICE, Floor
from tests.unit.queue_display.factories import appointment, at, walk_in

POLICY = CallPolicy(park_min_wait=timedelta(minutes=5))
PASSPORTS = {"passport-new"}


def parked_and_back(t: Ticket, called: float, parked: float, back: float) -> Ticket:
    return ticket.back_in_line(ticket.park(ticket.call(t, "1", at(called)), at(parked)), at(back))


def test_a_parked_ticket_frees_nothing_but_its_counter_and_comes_back_once() -> None:
    called = ticket.call(walk_in(1, arrived=0), "1", at(10))
    parked = ticket.park(called, at(12))
    assert (parked.status, parked.counter, parked.parked_at) == (TicketStatus.PARKED, "1", at(12))
    back = ticket.back_in_line(parked, at(20))
    assert (back.status, back.counter, back.called_at, back.recalls) == (TicketStatus.WAITING, None, None, 0)
    with pytest.raises(Conflict) as again:
        ticket.park(ticket.call(back, "2", at(30)), at(31))
    assert again.value.code == "park_again"
    assert ticket.no_show(parked, at(50)).status is TicketStatus.NO_SHOW  # lapsed


def test_the_archive_row_only_moves_forward_through_a_park_and_a_return() -> None:
    called = ticket.call(walk_in(1, arrived=0), "1", at(10))
    parked = ticket.park(ticket.recall(ticket.recall(called, at(11)), at(12)), at(13))
    back = ticket.back_in_line(parked, at(20))
    again = ticket.call(back, "1", at(30))
    steps = [called, parked, back, again, ticket.complete(ticket.start(again, at(31)), at(40))]
    assert [progress(t) for t in steps] == sorted(progress(t) for t in steps)
    assert len({progress(t) for t in steps}) == len(steps)


def test_back_in_line_it_is_not_called_before_the_minimum_wait_then_keeps_its_old_place() -> None:
    late = parked_and_back(walk_in(1, arrived=0), called=10, parked=12, back=14)
    later = walk_in(2, arrived=3)
    assert POLICY.next_ticket([late, later], PASSPORTS, at(16)) == later  # due at 12 + 5
    assert POLICY.next_ticket([late, later], PASSPORTS, at(17)) == late


def test_a_long_absence_gives_no_more_than_the_largest_credit_over_someone_arriving_at_the_return() -> None:
    late = parked_and_back(walk_in(1, arrived=0), called=10, parked=12, back=100)
    before_return = walk_in(2, arrived=100 - 46)  # more than C = 45 minutes before the return
    at_return = walk_in(3, arrived=100 - 44)
    assert POLICY.next_ticket([late, before_return, at_return], PASSPORTS, at(101)) == before_return
    assert POLICY.next_ticket([late, at_return], PASSPORTS, at(101)) == late


@given(
    arrived=st.integers(0, 120),
    slot=st.integers(0, 180),
    wait_to_call=st.integers(0, 120),
    away=st.integers(0, 30),
    back_after=st.integers(0, 60),
    booked=st.booleans(),
    priority=st.sampled_from(list(Priority)),
)
def test_a_returned_tickets_credit_stays_within_the_policys_bound(
    arrived: int, slot: int, wait_to_call: int, away: int, back_after: int, booked: bool, priority: Priority
) -> None:
    """score ∈ [due − C, due]: the bounded-overtaking argument holds for a returned ticket."""
    first = (
        appointment(1, arrived, slot, priority=priority) if booked else walk_in(1, arrived, priority=priority)
    )
    called_at = epoch_ms(POLICY.due_at(first)) // 60_000 - epoch_ms(at(0)) // 60_000 + wait_to_call
    back = parked_and_back(first, called_at, called_at + away, called_at + away + back_after)
    due = epoch_ms(POLICY.due_at(back))
    assert due - POLICY.max_credit // timedelta(milliseconds=1) <= POLICY.score(back) <= due
    assert POLICY.due_at(back) >= back.parked_at + POLICY.park_min_wait  # type: ignore[operator]


async def test_the_counter_parks_and_the_kiosk_brings_back_by_number_within_the_limit(floor: Floor) -> None:
    parking = Parking(floor.onsite, floor.tickets, floor.tickets, timedelta(minutes=30))
    await floor.open()
    mine, other = await floor.walk_in(), await floor.walk_in()
    called = await floor.desk.call_next(OFFICE.id, str(DESK_1.id))
    assert called is not None and called.ticket.id == mine.ticket.id
    await parking.park(OFFICE.id, mine.ticket.id, "agent.abbassia")
    assert (await floor.queue.board(OFFICE.id, MORNING)).parked == [mine.ticket.number]
    assert [s["action"] for s in floor.tickets.steps_of(mine.ticket.id)][-1] == "park"
    nxt = await floor.desk.call_next(OFFICE.id, str(DESK_1.id))
    assert nxt is not None and nxt.ticket.id == other.ticket.id

    floor.clock.advance(timedelta(minutes=10))
    back = await parking.back_by_number(OFFICE.id, mine.ticket.number.lower(), "kiosk.abbassia")
    assert back.ticket.status is TicketStatus.WAITING and back.position == 1
    restarted = floor.restarted()  # the archive keeps the return: the place survives a restart
    assert await restarted.queue.position(OFFICE.id, mine.ticket.id, floor.clock.now()) == 1


async def test_after_the_limit_the_kiosk_refuses_and_the_sweep_makes_no_shows(floor: Floor) -> None:
    parking = Parking(floor.onsite, floor.tickets, floor.tickets, timedelta(minutes=30))
    await floor.open()
    late, lapsing = await floor.walk_in(), await floor.walk_in()
    for issued in (late, lapsing):
        await floor.desk.call_next(OFFICE.id, str(DESK_1.id))
        await parking.park(OFFICE.id, issued.ticket.id)
    floor.clock.advance(timedelta(minutes=29))
    assert await parking.lapse() == 0  # within the limit: nothing lapses
    floor.clock.advance(timedelta(minutes=2))
    with pytest.raises(Conflict) as refused:
        await parking.back_by_number(OFFICE.id, late.ticket.number)
    assert refused.value.code == "park_expired"
    assert await parking.lapse() == 1  # the other one; the late one lapsed at the kiosk
    for issued in (late, lapsing):
        assert (await floor.queue.get_ticket(OFFICE.id, issued.ticket.id)).status is TicketStatus.NO_SHOW
        assert floor.tickets.steps_of(issued.ticket.id)[-1]["action"] == "park_lapsed"
    assert (await floor.queue.board(OFFICE.id, floor.clock.now())).parked == []

