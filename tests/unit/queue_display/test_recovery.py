"""The recovery on fakes: a live queue that lost the hall (a Redis restarted empty, a new process
on the memory store) takes the day up from the archive — tickets where they were, counters as
last logged with the services they serve now, numbering carried on — and the check-ins a crash
left without a ticket are settled: archived when the live queue kept the ticket, else given back
so the citizen can check in again."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import timedelta

import pytest

from booking.bookings import Booking
from booking.rules import BookingStatus
from kernel.errors import Conflict, NotFound
from queue_display.counter import CounterStatus
from queue_display.recovery import Healed, heal_hall, heal_stranded_check_ins, take_up
from queue_display.ticket import TicketStatus
from tests.unit.queue_display.conftest import (
    CERTIFICATE,
    DESK_1,
    DESK_2,
    ELSEWHERE,
    NEW,
    OFFICE,
    RENEWAL,
    TODAY,
    Floor,
)

AGENT = "agent.abbassia"


async def strand(floor: Floor, booking: Booking) -> None:
    """What a crash between the kiosk's two steps leaves: the booking checked in, no ticket."""
    assert await floor.bookings.set_status(
        booking.id, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, floor.clock.now()
    )


async def test_after_the_live_queue_is_lost_the_board_and_the_counters_carry_on(floor: Floor):
    first = await floor.walk_in(NEW)
    await floor.walk_in(NEW)
    await floor.open(DESK_1)
    floor.clock.advance(timedelta(minutes=3))
    called = await floor.desk.call_next(OFFICE.id, str(DESK_1.id), AGENT)
    assert called is not None
    before = await floor.queue.board(OFFICE.id, floor.clock.now())
    again = floor.restarted()
    after = await again.queue.board(OFFICE.id, floor.clock.now())
    assert (after.serving, after.recent, after.waiting) == (before.serving, before.recent, before.waiting)
    [desk] = [v for v in await again.desk.counters(OFFICE.id) if v.counter == DESK_1]
    assert desk.state.status is CounterStatus.OPEN
    assert (await again.walk_in(NEW)).ticket.number == "P-003"  # numbers never start again
    with pytest.raises(Conflict) as busy:
        await again.desk.call_next(OFFICE.id, str(DESK_1.id), AGENT)
    assert busy.value.code == "counter_busy"  # still holds the ticket it called
    for action in ("start", "complete"):
        await again.desk.step(OFFICE.id, first.ticket.id, action, AGENT)
    carried_on = await again.desk.call_next(OFFICE.id, str(DESK_1.id), AGENT)
    assert carried_on is not None and carried_on.ticket.number == "P-002"


async def test_a_checked_in_booking_is_still_checked_in_as_its_ticket_after_the_loss(floor: Floor):
    booking = await floor.book(0)
    issued = await floor.check_in(booking)
    again = floor.restarted()
    held = await again.queue.checked_in_ticket(OFFICE.id, TODAY, booking.code)
    assert held is not None and (held.id, held.status) == (issued.ticket.id, TicketStatus.WAITING)


async def test_a_step_the_archive_never_heard_of_is_all_that_is_lost(floor: Floor):
    issued = await floor.walk_in(NEW)
    await floor.open(DESK_1)
    # Called in the live queue, lost before it was archived:
    await floor.queue.call_next(OFFICE.id, DESK_1.label, DESK_1.services, floor.clock.now())
    again = floor.restarted()
    ticket = await again.queue.get_ticket(OFFICE.id, issued.ticket.id)
    assert ticket.status is TicketStatus.WAITING  # called again, not lost
    called = await again.desk.call_next(OFFICE.id, str(DESK_1.id), AGENT)
    assert called is not None and called.ticket.id == issued.ticket.id


async def test_counters_come_back_with_the_services_they_serve_now_and_removed_ones_closed(floor: Floor):
    await floor.open(DESK_1)
    await floor.open(DESK_2)
    # Meanwhile a manager changed desk 1's services and deactivated desk 2:
    changed = replace(DESK_1, services=frozenset({CERTIFICATE}))
    floor.offices.by_id[OFFICE.id] = replace(
        OFFICE, counters=(changed, replace(DESK_2, active=False), *OFFICE.counters[2:])
    )
    restoration = await take_up(floor.onsite, OFFICE.id)
    assert [(c.counter_id, c.status, c.services) for c in restoration.counters] == [
        (DESK_1.label, CounterStatus.OPEN, frozenset({CERTIFICATE}))
    ]


async def test_the_day_is_taken_up_from_the_archive_in_the_office_s_time(floor: Floor):
    issued = await floor.walk_in(NEW)
    await floor.walk_in(RENEWAL)
    floor.clock.advance(timedelta(days=1))
    await floor.walk_in(NEW)  # another day: not today's to take up
    floor.clock.advance(timedelta(days=-1))
    floor_ms = time.time_ns() // 1_000_000
    restoration = await take_up(floor.onsite, OFFICE.id)
    assert restoration.office_id == OFFICE.id
    assert [t.number for t in restoration.tickets] == ["P-001", "R-002"]
    assert restoration.tickets[0] == issued.ticket  # instants in the office's zone, as it was issued
    assert restoration.seq_floor >= floor_ms
    with pytest.raises(NotFound):
        await take_up(floor.onsite, "nowhere")


async def test_a_stranded_check_in_goes_back_to_confirmed_and_may_check_in_again(floor: Floor):
    booking = await floor.book(0)
    await strand(floor, booking)
    with pytest.raises(Conflict):
        await floor.check_in(booking)  # stuck: checked in, with no ticket anywhere
    released, archived = await heal_stranded_check_ins(
        floor.queue, floor.tickets, floor.stranded, OFFICE.id, TODAY, floor.clock.now()
    )
    assert (released, archived) == ((booking.code,), ())
    assert floor.bookings.rows[booking.id].status is BookingStatus.CONFIRMED
    issued = await floor.check_in(booking)
    assert issued.ticket.booking_code == booking.code
    assert await floor.stranded.find(OFFICE.id, TODAY) == []


async def test_a_stranded_check_in_whose_ticket_the_live_queue_kept_gets_it_archived(floor: Floor):
    booking = await floor.book(0)
    await strand(floor, booking)
    # The process crashed after the live queue (Redis, outliving it) made the ticket:
    issued = await floor.queue.check_in(
        OFFICE.id, booking.code, RENEWAL, "R", booking.starts_at, floor.clock.now()
    )
    released, archived = await heal_stranded_check_ins(
        floor.queue, floor.tickets, floor.stranded, OFFICE.id, TODAY, floor.clock.now()
    )
    assert (released, archived) == ((), (booking.code,))
    assert floor.tickets.rows[issued.ticket.id]["booking_code"] == booking.code
    assert [(s["action"], s["staff"]) for s in floor.tickets.steps_of(issued.ticket.id)] == [
        ("check_in", None)
    ]
    assert floor.bookings.rows[booking.id].status is BookingStatus.CHECKED_IN


async def test_only_the_day_s_stranded_check_ins_of_the_office_are_settled(floor: Floor):
    archived_ok = await floor.book(0)
    await floor.check_in(archived_ok)  # checked in with its ticket: not stranded
    tomorrow = await floor.book(1, day=TODAY + timedelta(days=1))
    elsewhere = await floor.book(2, office=ELSEWHERE)
    for stuck in (tomorrow, elsewhere):
        await strand(floor, stuck)
    assert await heal_stranded_check_ins(
        floor.queue, floor.tickets, floor.stranded, OFFICE.id, TODAY, floor.clock.now()
    ) == ((), ())
    statuses = [floor.bookings.rows[b.id].status for b in (archived_ok, tomorrow, elsewhere)]
    assert statuses == [BookingStatus.CHECKED_IN] * 3


async def test_the_hall_is_healed_office_by_office_and_only_those_healed_are_reported(floor: Floor):
    mine, theirs = await floor.book(0), await floor.book(1, office=ELSEWHERE)
    for stuck in (mine, theirs):
        await strand(floor, stuck)
    healed = await heal_hall(floor.onsite, floor.stranded)
    assert sorted(healed, key=lambda h: h.office_id) == [
        Healed(OFFICE.id, released=(mine.code,)),
        Healed(ELSEWHERE.id, released=(theirs.code,)),
    ]
    assert await heal_hall(floor.onsite, floor.stranded) == []  # nothing left to settle
