"""``OnSite`` on fakes: every change the live queue made is archived (the ticket as it now
stands, one step per ticket), a finished appointment carries its outcome to its booking once,
and the screens hear of it after the archive, with the new estimated waits when they changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

import msgspec
import pytest

from booking.bookings import Booking
from booking.offices import Counter
from booking.rules import BookingStatus
from kernel.errors import NotFound
from queue_display.events import Called, CounterChanged, Event, QueueChanged, Snapshot
from queue_display.store import MemoryQueueStore
from queue_display.store.base import Change
from queue_display.ticket import Ticket
from tests.unit.queue_display.conftest import DESK_1, DESK_2, NEW, OFFICE, Floor


async def called(floor: Floor, desk: Counter = DESK_1) -> Change:
    """The next ticket called to ``desk``, straight from the live queue (nothing archived yet)."""
    change = await floor.queue.call_next(OFFICE.id, desk.label, desk.services, floor.clock.now())
    assert change is not None
    return change


async def finished(floor: Floor, ticket: Ticket, action: str) -> Change:
    """The called ``ticket`` taken to ``complete`` (through ``start``) or ``no_show``."""
    now = floor.clock.now()
    if action == "complete":
        await floor.queue.start(OFFICE.id, ticket.id, now)
        return await floor.queue.complete(OFFICE.id, ticket.id, now)
    return await floor.queue.no_show(OFFICE.id, ticket.id, now)


async def test_a_change_is_archived_as_its_tickets_now_stand_with_one_step_each(floor: Floor):
    issued = await floor.walk_in()
    await floor.open()
    floor.clock.advance(timedelta(minutes=4))
    change = await called(floor)
    await floor.onsite.record(OFFICE.id, [change.ticket], change.events, "call", "agent.abbassia")
    row = floor.tickets.rows[issued.ticket.id]
    assert (row["status"], row["counter"], row["wait_seconds"], row["progress"], row["updated_at"]) == (
        "called",
        DESK_1.label,
        240.0,
        10,
        floor.clock.now(),
    )
    assert [(s["action"], s["status"], s["counter"], s["staff"], s["at"]) for s in floor.tickets.steps] == [
        ("walk_in", "waiting", None, "kiosk.abbassia", floor.clock.now() - timedelta(minutes=4)),
        ("call", "called", DESK_1.label, "agent.abbassia", floor.clock.now()),
    ]


async def checked_in_at_its_slot(floor: Floor) -> Booking:
    """Today's 10:00 booking checked in at 08:00; the clock then at 10:00, so it is due."""
    booking = await floor.book(0, hour=10)
    await floor.check_in(booking)
    floor.clock.advance(timedelta(hours=2))
    return booking


@pytest.mark.parametrize(
    ("action", "outcome"), [("complete", BookingStatus.SERVED), ("no_show", BookingStatus.NO_SHOW)]
)
async def test_a_finished_appointment_carries_its_outcome_to_its_booking_once(
    floor: Floor, action: str, outcome: BookingStatus
):
    booking = await checked_in_at_its_slot(floor)
    await floor.open(DESK_2)
    ticket = (await called(floor, DESK_2)).ticket
    await floor.onsite.record(OFFICE.id, [ticket], (), "call", "agent.abbassia")
    assert floor.bookings.rows[booking.id].status is BookingStatus.CHECKED_IN  # called: not yet
    done = await finished(floor, ticket, action)
    await floor.onsite.record(OFFICE.id, [done.ticket], done.events, action, "agent.abbassia")
    finished_at = floor.clock.now()
    assert (floor.bookings.rows[booking.id].status, floor.bookings.rows[booking.id].updated_at) == (
        outcome,
        finished_at,
    )
    floor.clock.advance(timedelta(minutes=1))  # a second, late report of the same outcome
    await floor.onsite.record(OFFICE.id, [done.ticket], (), action, "agent.abbassia")
    assert floor.bookings.rows[booking.id].updated_at == finished_at


async def test_a_walk_in_s_outcome_touches_no_booking(floor: Floor):
    booking = await checked_in_at_its_slot(floor)
    await floor.walk_in()
    await floor.open()
    walk_in = (await called(floor)).ticket
    done = await finished(floor, walk_in, "complete")
    await floor.onsite.record(OFFICE.id, [done.ticket], done.events, "complete", None)
    assert (walk_in.booking_code, floor.tickets.rows[walk_in.id]["status"]) == (None, "done")
    assert floor.bookings.rows[booking.id].status is BookingStatus.CHECKED_IN


async def test_the_screens_hear_of_a_change_after_it_is_archived(floor: Floor):
    archived_when_sent: list[int] = []

    def publish(office_id: str, events: Sequence[Event]) -> None:
        archived_when_sent.append(len(floor.tickets.rows))

    onsite = replace(floor.onsite, publish=publish)
    issued = await floor.queue.issue_walk_in(OFFICE.id, NEW, "P", floor.clock.now())
    await onsite.record(OFFICE.id, [issued.ticket], issued.events, "walk_in", None)
    assert archived_when_sent == [1]


async def test_events_that_change_the_waits_carry_the_new_estimates_and_others_none(floor: Floor):
    await floor.open()
    await floor.walk_in()
    await floor.walk_in()
    change = await called(floor)
    await floor.onsite.record(OFFICE.id, [change.ticket], change.events, "call", None)
    board = await floor.queue.board(OFFICE.id, floor.clock.now())
    office_id, sent = floor.screens.sent[-1]
    assert office_id == OFFICE.id and {type(e) for e in sent} == {Called, QueueChanged}
    for event in sent:
        if isinstance(event, QueueChanged):
            assert event.estimates == board.estimates and board.estimates[NEW] is not None
        else:
            assert not hasattr(event, "estimates")
    opened = [e for e in floor.screens.events() if isinstance(e, CounterChanged)]
    assert len(opened) == 1 and opened[0].estimates is not msgspec.UNSET


class BoardDown(MemoryQueueStore):
    """A live queue that made the change and then went down before the board was read."""

    async def board(self, office_id: str, now: datetime) -> Snapshot:
        raise ConnectionError("the queue store is unreachable")


async def test_a_change_is_announced_without_estimates_when_the_board_cannot_be_read(floor: Floor):
    queue = BoardDown()
    onsite = replace(floor.onsite, queue=queue)
    issued = await queue.issue_walk_in(OFFICE.id, NEW, "P", floor.clock.now())
    await onsite.record(OFFICE.id, [issued.ticket], issued.events, "walk_in", None)
    [(_, sent)] = floor.screens.sent
    assert sent == issued.events and any(isinstance(e, QueueChanged) for e in sent)
    assert all(e.estimates is msgspec.UNSET for e in sent if isinstance(e, QueueChanged))
    assert issued.ticket.id in floor.tickets.rows  # archived all the same


async def test_nothing_is_published_for_a_change_without_events(floor: Floor):
    issued = await floor.queue.issue_walk_in(OFFICE.id, NEW, "P", floor.clock.now())
    await floor.onsite.record(OFFICE.id, [issued.ticket], (), "walk_in", None)
    assert floor.screens.sent == [] and issued.ticket.id in floor.tickets.rows


async def test_an_unknown_office_is_not_found(floor: Floor):
    with pytest.raises(NotFound) as missing:
        await floor.onsite.office("nowhere")
    assert missing.value.code == "office_not_found"
    assert (await floor.onsite.office(OFFICE.id)) == OFFICE and floor.onsite.clock is floor.clock
