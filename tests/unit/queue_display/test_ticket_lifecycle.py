from __future__ import annotations

import pytest

from queue_display import ticket
from queue_display.errors import Conflict, DomainError, InvalidInput
from queue_display.ticket import MAX_RECALLS, Priority, TicketKind, TicketStatus
from tests.unit.queue_display.factories import appointment, at, walk_in


def test_ticket_number_is_prefix_and_zero_padded_sequence() -> None:
    assert ticket.format_number("P", 1) == "P-001"
    assert ticket.format_number("R", 17) == "R-017"
    assert ticket.format_number("P", 1234) == "P-1234"


def test_new_ticket_waits_with_its_number() -> None:
    issued = walk_in(17, arrived=5)
    assert (issued.number, issued.status, issued.queued_at) == ("P-017", "waiting", at(5))


def test_appointment_ticket_needs_its_slot() -> None:
    with pytest.raises(ValueError, match="slot"):
        ticket.new_ticket(
            ticket_id="x",
            office_id="giza",
            day=at(0).date(),
            sequence=1,
            prefix="P",
            service="passport-new",
            kind=TicketKind.APPOINTMENT,
            priority=Priority.NONE,
            now=at(0),
        )


def test_ticket_goes_from_waiting_to_done_with_its_times() -> None:
    served = ticket.complete(ticket.start(ticket.call(walk_in(1, arrived=0), "3", at(10)), at(12)), at(20))
    assert served.status is TicketStatus.DONE
    assert (served.counter, served.wait_seconds, served.service_seconds) == ("3", 600, 480)


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("start", TicketStatus.WAITING),
        ("complete", TicketStatus.CALLED),
        ("no_show", TicketStatus.SERVING),
        ("recall", TicketStatus.WAITING),
        ("call", TicketStatus.CALLED),
    ],
)
def test_illegal_step_is_refused_with_a_code_in_both_languages(action: str, status: TicketStatus) -> None:
    subject = _in_status(status)
    steps = {
        "start": lambda: ticket.start(subject, at(30)),
        "complete": lambda: ticket.complete(subject, at(30)),
        "no_show": lambda: ticket.no_show(subject, at(30)),
        "recall": lambda: ticket.recall(subject, at(30)),
        "call": lambda: ticket.call(subject, "2", at(30)),
    }
    with pytest.raises(Conflict) as refused:
        steps[action]()
    assert refused.value.code == "illegal_transition"
    assert subject.number in refused.value.detail_en
    assert subject.number in refused.value.detail_ar


@pytest.mark.parametrize("final", [TicketStatus.DONE, TicketStatus.NO_SHOW])
def test_finished_ticket_cannot_move_again(final: TicketStatus) -> None:
    finished = _in_status(final)
    for step in (ticket.start, ticket.complete, ticket.no_show, ticket.recall):
        with pytest.raises(DomainError):
            step(finished, at(40))
    with pytest.raises(DomainError):
        ticket.transfer(finished, "visa-extension", "new", at(40))


def test_recall_keeps_the_counter_and_the_first_call_time() -> None:
    called = ticket.call(walk_in(1, arrived=0), "4", at(10))
    recalled = ticket.recall(called, at(12))
    assert (recalled.status, recalled.counter, recalled.called_at) == ("called", "4", at(10))
    assert recalled.recalls == 1


def test_recall_after_the_third_makes_a_no_show() -> None:
    current = ticket.call(walk_in(1, arrived=0), "4", at(10))
    for n in range(MAX_RECALLS):
        current = ticket.recall(current, at(11 + n))
        assert current.status is TicketStatus.CALLED
    gone = ticket.recall(current, at(20))
    assert (gone.status, gone.recalls, gone.finished_at) == ("no_show", MAX_RECALLS, at(20))


def test_transfer_keeps_number_arrival_priority_and_slot() -> None:
    serving = ticket.start(
        ticket.call(appointment(7, arrived=0, slot=10, priority=Priority.ELDERLY), "1", at(10)),
        at(11),
    )
    old, new = ticket.transfer(serving, "visa-extension", "n7", at(15))
    assert (old.status, old.transferred_to, old.finished_at) == ("transferred", "n7", at(15))
    assert (new.status, new.service, new.transferred_from) == ("waiting", "visa-extension", "a7")
    assert (new.number, new.queued_at, new.priority) == ("P-007", at(0), Priority.ELDERLY)
    assert (new.slot_start, new.counter, new.called_at, new.issued_at) == (at(10), None, None, at(15))


def test_transfer_to_the_same_service_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        ticket.transfer(walk_in(1, arrived=0), "passport-new", "n1", at(3))
    assert refused.value.code == "transfer_to_same_service"


@pytest.mark.parametrize(
    ("status", "booking"),
    [
        (TicketStatus.WAITING, "checked_in"),
        (TicketStatus.SERVING, "checked_in"),
        (TicketStatus.DONE, "served"),
        (TicketStatus.NO_SHOW, "no_show"),
        (TicketStatus.TRANSFERRED, None),
    ],
)
def test_appointment_ticket_implies_its_booking_status(status: TicketStatus, booking: str | None) -> None:
    assert ticket.booking_status(_in_status(status, kind=TicketKind.APPOINTMENT)) == booking


def test_walk_in_implies_no_booking_status() -> None:
    assert ticket.booking_status(_in_status(TicketStatus.DONE)) is None


def test_ticket_survives_a_round_trip_through_json_dicts() -> None:
    served = _in_status(TicketStatus.DONE, kind=TicketKind.APPOINTMENT)
    assert ticket.from_dict(ticket.to_dict(served)) == served


def _in_status(status: TicketStatus, kind: TicketKind = TicketKind.WALK_IN) -> ticket.Ticket:
    current = walk_in(1, arrived=0) if kind is TicketKind.WALK_IN else appointment(1, 0, 5)
    if status is TicketStatus.WAITING:
        return current
    if status is TicketStatus.TRANSFERRED:
        return ticket.transfer(current, "visa-extension", "n1", at(9))[0]
    current = ticket.call(current, "1", at(10))
    if status is TicketStatus.NO_SHOW:
        return ticket.no_show(current, at(12))
    if status is TicketStatus.CALLED:
        return current
    current = ticket.start(current, at(12))
    return current if status is TicketStatus.SERVING else ticket.complete(current, at(20))
