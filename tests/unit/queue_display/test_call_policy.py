from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from queue_display import ticket
from queue_display.errors import InvalidInput
from queue_display.policy import CallPolicy, epoch_ms, priority_from_national_id
from queue_display.ticket import Priority
from tests.unit.queue_display.factories import appointment, at, walk_in

POLICY = CallPolicy()
PASSPORTS = {"passport-new"}


def test_counter_calls_only_services_it_can_serve() -> None:
    visa = walk_in(1, arrived=0, service="visa-extension")
    passport = walk_in(2, arrived=5)
    assert POLICY.next_ticket([visa, passport], PASSPORTS, at(10)) == passport
    assert POLICY.next_ticket([visa], PASSPORTS, at(10)) is None


def test_walk_ins_are_called_first_come_first_served() -> None:
    hall = [walk_in(2, arrived=3), walk_in(1, arrived=1), walk_in(3, arrived=7)]
    assert _call_order(hall, at(10)) == ["P-001", "P-002", "P-003"]


def test_due_appointment_goes_before_walk_ins_who_came_shortly_before() -> None:
    early_walk_in = walk_in(1, arrived=20)
    booked = appointment(2, arrived=25, slot=30)
    assert POLICY.next_ticket([early_walk_in, booked], PASSPORTS, at(30)) == booked


def test_early_arrival_waits_for_its_slot() -> None:
    booked = appointment(1, arrived=0, slot=30)
    walk = walk_in(2, arrived=10)
    assert POLICY.next_ticket([booked, walk], PASSPORTS, at(29)) == walk
    assert POLICY.next_ticket([booked], PASSPORTS, at(29)) is None
    assert POLICY.next_ticket([booked], PASSPORTS, at(30)) == booked


def test_walk_in_who_waited_longer_than_the_credit_goes_before_a_fresh_appointment() -> None:
    patient = walk_in(1, arrived=0)
    booked = appointment(2, arrived=31, slot=31)
    assert POLICY.next_ticket([patient, booked], PASSPORTS, at(32)) == patient


def test_priority_class_goes_first_within_its_kind() -> None:
    hall = [walk_in(1, arrived=0), walk_in(2, arrived=10, priority=Priority.PREGNANCY)]
    assert _call_order(hall, at(11)) == ["P-002", "P-001"]


def test_priority_credit_is_bounded_so_others_of_the_kind_still_get_called() -> None:
    hall = [walk_in(1, arrived=0), walk_in(2, arrived=16, priority=Priority.ELDERLY)]
    assert _call_order(hall, at(17)) == ["P-001", "P-002"]


def test_equal_scores_fall_back_to_the_issue_sequence() -> None:
    hall = [walk_in(9, arrived=1), walk_in(4, arrived=1)]
    assert _call_order(hall, at(2)) == ["P-004", "P-009"]


def test_late_appointment_is_due_from_its_arrival() -> None:
    late = appointment(1, arrived=50, slot=30)
    assert POLICY.due_at(late) == at(50)
    assert POLICY.score(late) == epoch_ms(at(20))


def test_transferred_ticket_takes_the_place_it_had_from_the_start() -> None:
    first = walk_in(1, arrived=0, service="visa-extension")
    _, moved = ticket.transfer(ticket.call(first, "1", at(5)), "passport-new", "moved", at(20))
    later = walk_in(2, arrived=10)
    assert POLICY.next_ticket([later, moved], PASSPORTS, at(21)) == moved


def test_overtaking_is_bounded_by_the_largest_credit() -> None:
    assert POLICY.max_credit == timedelta(minutes=45)
    patient = walk_in(1, arrived=0)
    # The most favoured newcomer possible: a priority appointment due exactly C later ties...
    tying = appointment(2, arrived=45, slot=45, priority=Priority.DISABILITY)
    assert POLICY.score(tying) == POLICY.score(patient)
    # ...and loses on sequence; one a millisecond later never overtakes at all.
    assert _call_order([tying, patient], at(46)) == ["P-001", "P-002"]


def test_position_counts_due_tickets_called_before_it() -> None:
    hall = [walk_in(1, arrived=0), walk_in(2, arrived=1), appointment(3, arrived=2, slot=60)]
    newcomer = walk_in(4, arrived=3)
    assert POLICY.position(newcomer, [*hall, newcomer], at(3)) == 3


@pytest.mark.parametrize(
    ("national_id", "today", "priority"),
    [
        ("26512050100131", date(2026, 12, 5), Priority.ELDERLY),  # born 1965-12-05: 61
        ("26612060100131", date(2026, 12, 6), Priority.ELDERLY),  # 60 today
        ("26612070100131", date(2026, 12, 6), Priority.NONE),  # 60 tomorrow
        ("30001010100131", date(2026, 12, 6), Priority.NONE),  # born 2000
        ("٢٥٠٠٢٢٨٠١٠٠١٣١", date(2026, 12, 6), Priority.ELDERLY),  # Arabic-Indic digits
    ],
)
def test_elderly_priority_comes_from_the_birth_date_in_the_national_id(
    national_id: str, today: date, priority: Priority
) -> None:
    assert priority_from_national_id(national_id, today) is priority


@pytest.mark.parametrize(
    "national_id",
    ["1650101010013", "16501010100131", "26513010100131", "33001010100131", "2650101A100131"],
)
def test_malformed_national_id_gives_no_priority_but_a_clear_refusal(national_id: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        priority_from_national_id(national_id, date(2026, 12, 6))
    assert refused.value.code == "invalid_national_id"


def _call_order(hall: list[ticket.Ticket], now: datetime) -> list[str]:
    waiting, called = list(hall), []
    while (chosen := POLICY.next_ticket(waiting, PASSPORTS, now)) is not None:
        waiting.remove(chosen)
        called.append(chosen.number)
    return called
