"""The counter desk on fakes: what a clerk does at a counter and the trace each step leaves — the
counter's log (who opened, paused, closed it, with which services), the ticket archive (the
ticket as it stands, one step per action with the clerk's name), the booking's outcome and the
screens."""

from __future__ import annotations

from datetime import timedelta

import pytest

from booking.rules import BookingStatus
from kernel.errors import Conflict, InvalidInput, NotFound
from queue_display.counter import CounterState, CounterStatus
from queue_display.events import CounterChanged
from queue_display.ticket import TicketStatus
from tests.unit.queue_display.conftest import (
    CERTIFICATE,
    DESK_1,
    DESK_2,
    DESK_3,
    NEW,
    OFFICE,
    RENEWAL,
    Floor,
)

AGENT = "agent.abbassia"


def sent_last(floor: Floor) -> tuple[str, list[object]]:
    """The office and seqs of the last events the screens were sent."""
    office_id, events = floor.screens.sent[-1]
    return office_id, [event.seq for event in events]


def trail(floor: Floor, ticket_id: str) -> list[tuple[str, str, str | None]]:
    """The ticket's archived steps: (action, status after, staff)."""
    return [(s["action"], s["status"], s["staff"]) for s in floor.tickets.steps_of(ticket_id)]


async def test_a_counter_opens_pauses_and_closes_each_step_logged_with_who_and_when(floor: Floor):
    for status, minutes in ((CounterStatus.OPEN, 0), (CounterStatus.PAUSED, 10), (CounterStatus.CLOSED, 20)):
        floor.clock.advance(timedelta(minutes=minutes))
        view = await floor.desk.set_status(OFFICE.id, str(DESK_2.id), status, AGENT)
        assert (view.counter, view.state) == (
            DESK_2,
            CounterState(DESK_2.label, status, frozenset({RENEWAL})),
        )
    log = floor.counters.history(OFFICE.id)
    assert [(r["counter"], r["status"], r["services"], r["staff"]) for r in log] == [
        (DESK_2.label, status, [RENEWAL], AGENT) for status in ("open", "paused", "closed")
    ]
    assert [r["at"] - log[0]["at"] for r in log] == [timedelta(minutes=m) for m in (0, 10, 30)]
    announced = [e for e in floor.screens.events() if isinstance(e, CounterChanged)]
    assert [(e.counter, e.status, e.services) for e in announced] == [
        (DESK_2.label, status, [RENEWAL]) for status in ("open", "paused", "closed")
    ]


async def test_an_inactive_or_unknown_counter_is_refused_and_leaves_no_trace(floor: Floor):
    with pytest.raises(Conflict) as inactive:
        await floor.desk.set_status(OFFICE.id, str(DESK_3.id), CounterStatus.OPEN, AGENT)
    assert inactive.value.code == "counter_inactive"
    with pytest.raises(NotFound) as unknown:
        await floor.desk.call_next(OFFICE.id, "999", AGENT)
    assert unknown.value.code == "counter_not_found"
    with pytest.raises(NotFound) as nowhere:
        await floor.desk.set_status("nowhere", str(DESK_1.id), CounterStatus.OPEN, AGENT)
    assert nowhere.value.code == "office_not_found"
    assert floor.counters.rows == [] and floor.screens.sent == []


async def test_every_counter_is_listed_with_its_state_on_the_floor_closed_until_opened(floor: Floor):
    await floor.open(DESK_1)
    views = await floor.desk.counters(OFFICE.id)
    assert [(v.counter, v.state.status, v.state.services) for v in views] == [
        (DESK_1, CounterStatus.OPEN, frozenset({NEW, CERTIFICATE})),
        (DESK_2, CounterStatus.CLOSED, frozenset({RENEWAL})),  # only what the office offers
        (DESK_3, CounterStatus.CLOSED, frozenset({NEW})),
    ]


async def test_a_call_archives_the_called_ticket_and_the_counter_shows_it(floor: Floor):
    await floor.open(DESK_1)
    assert await floor.desk.call_next(OFFICE.id, str(DESK_1.id), AGENT) is None  # nobody waits
    assert floor.tickets.rows == {}
    issued = await floor.walk_in(NEW)
    view, at_counter = await floor.desk.counter(OFFICE.id, str(DESK_1.id))
    assert (view.state.status, at_counter) == (CounterStatus.OPEN, None)
    change = await floor.desk.call_next(OFFICE.id, str(DESK_1.id), AGENT)
    assert change is not None and change.ticket.id == issued.ticket.id
    assert (change.ticket.status, change.ticket.counter) == (TicketStatus.CALLED, DESK_1.label)
    assert floor.tickets.rows[issued.ticket.id]["status"] == "called"
    assert trail(floor, issued.ticket.id) == [
        ("walk_in", "waiting", "kiosk.abbassia"),
        ("call", "called", AGENT),
    ]
    assert sent_last(floor) == (OFFICE.id, [event.seq for event in change.events])
    _, at_counter = await floor.desk.counter(OFFICE.id, str(DESK_1.id))
    assert at_counter == change.ticket


async def test_a_counter_calls_only_the_services_it_serves(floor: Floor):
    await floor.walk_in(RENEWAL)
    await floor.open(DESK_1)
    assert await floor.desk.call_next(OFFICE.id, str(DESK_1.id), AGENT) is None
    await floor.open(DESK_2)
    change = await floor.desk.call_next(OFFICE.id, str(DESK_2.id), AGENT)
    assert change is not None and change.ticket.service == RENEWAL


async def test_a_served_walk_in_leaves_each_step_and_its_wait_and_service_times(floor: Floor):
    issued = await floor.walk_in(NEW)
    await floor.open(DESK_1)
    floor.clock.advance(timedelta(minutes=5))
    await floor.desk.call_next(OFFICE.id, str(DESK_1.id), AGENT)
    ticket_id = issued.ticket.id
    await floor.desk.step(OFFICE.id, ticket_id, "recall", AGENT)
    await floor.desk.step(OFFICE.id, ticket_id, "start", AGENT)
    floor.clock.advance(timedelta(minutes=7))
    done = await floor.desk.step(OFFICE.id, ticket_id, "complete", AGENT)
    assert done.ticket.status is TicketStatus.DONE
    row = floor.tickets.rows[ticket_id]
    assert (row["status"], row["recalls"], row["wait_seconds"], row["service_seconds"]) == (
        "done",
        1,
        300.0,
        420.0,
    )
    assert trail(floor, ticket_id) == [
        ("walk_in", "waiting", "kiosk.abbassia"),
        ("call", "called", AGENT),
        ("recall", "called", AGENT),
        ("start", "serving", AGENT),
        ("complete", "done", AGENT),
    ]
    assert sent_last(floor) == (OFFICE.id, [event.seq for event in done.events])


async def test_a_step_the_ticket_cannot_take_is_refused_and_archives_nothing(floor: Floor):
    issued = await floor.walk_in(NEW)
    await floor.open(DESK_1)
    await floor.desk.call_next(OFFICE.id, str(DESK_1.id), AGENT)
    steps_before = list(floor.tickets.steps)
    with pytest.raises(Conflict) as refused:
        await floor.desk.step(OFFICE.id, issued.ticket.id, "complete", AGENT)  # never started
    assert refused.value.code == "illegal_transition"
    with pytest.raises(NotFound) as missing:
        await floor.desk.step(OFFICE.id, "no-such-ticket", "start", AGENT)
    assert missing.value.code == "ticket_not_found"
    assert floor.tickets.steps == steps_before and floor.tickets.rows[issued.ticket.id]["status"] == "called"


async def test_an_appointment_recalled_a_fourth_time_is_a_no_show_and_so_is_its_booking(floor: Floor):
    booking = await floor.book(0, hour=10)
    issued = await floor.check_in(booking)
    floor.clock.advance(timedelta(hours=2))  # its slot has come
    await floor.open(DESK_2)
    await floor.desk.call_next(OFFICE.id, str(DESK_2.id), AGENT)
    for _ in range(3):
        assert (
            await floor.desk.step(OFFICE.id, issued.ticket.id, "recall", AGENT)
        ).ticket.status is TicketStatus.CALLED
    assert floor.bookings.rows[booking.id].status is BookingStatus.CHECKED_IN
    floor.clock.advance(timedelta(minutes=3))  # the no-show rule's wait since the first call
    fourth = await floor.desk.step(OFFICE.id, issued.ticket.id, "recall", AGENT)
    assert fourth.ticket.status is TicketStatus.NO_SHOW
    assert floor.bookings.rows[booking.id].status is BookingStatus.NO_SHOW
    assert trail(floor, issued.ticket.id)[-1] == ("recall", "no_show", AGENT)
    _, at_counter = await floor.desk.counter(OFFICE.id, str(DESK_2.id))
    assert at_counter is None  # the counter is free to call again


async def test_a_served_appointment_marks_its_booking_served(floor: Floor):
    booking = await floor.book(0, hour=10)
    issued = await floor.check_in(booking)
    floor.clock.advance(timedelta(hours=2))
    await floor.open(DESK_2)
    await floor.desk.call_next(OFFICE.id, str(DESK_2.id), AGENT)
    for action in ("start", "complete"):
        await floor.desk.step(OFFICE.id, issued.ticket.id, action, AGENT)
    assert floor.bookings.rows[booking.id].status is BookingStatus.SERVED


async def test_a_transfer_archives_both_tickets_and_keeps_the_citizen_s_place(floor: Floor):
    first = await floor.walk_in(NEW)
    await floor.walk_in(CERTIFICATE)  # arrived later, for the service the citizen is sent to
    await floor.open(DESK_1)
    await floor.desk.call_next(OFFICE.id, str(DESK_1.id), AGENT)
    moved = await floor.desk.transfer(OFFICE.id, first.ticket.id, CERTIFICATE, AGENT)
    assert moved.transferred is not None and moved.transferred.status is TicketStatus.TRANSFERRED
    new = moved.ticket
    assert (new.status, new.service, new.number, new.transferred_from) == (
        TicketStatus.WAITING,
        CERTIFICATE,
        first.ticket.number,
        first.ticket.id,
    )
    rows = floor.tickets.rows
    assert (rows[first.ticket.id]["status"], rows[new.id]["status"]) == ("transferred", "waiting")
    assert trail(floor, first.ticket.id)[-1] == ("transfer", "transferred", AGENT)
    assert trail(floor, new.id) == [("transfer", "waiting", AGENT)]
    again = await floor.desk.call_next(OFFICE.id, str(DESK_1.id), AGENT)
    assert again is not None and again.ticket.id == new.id  # before the later certificate walk-in


async def test_a_transfer_to_a_service_the_office_does_not_offer_is_refused(floor: Floor):
    issued = await floor.walk_in(NEW)
    steps_before = list(floor.tickets.steps)
    with pytest.raises(InvalidInput) as refused:
        await floor.desk.transfer(OFFICE.id, issued.ticket.id, "driving-licence-renewal", AGENT)
    assert refused.value.code == "service_not_offered"
    assert floor.tickets.steps == steps_before
