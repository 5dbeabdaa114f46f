from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from queue_display.counter import CounterState, CounterStatus
from queue_display.estimate import (
    SAMPLES,
    TicketWait,
    WaitBasis,
    estimates,
    mean_service_minutes,
    ticket_wait,
    wait_minutes,
)

CAIRO = ZoneInfo("Africa/Cairo")
OPENS = datetime(2026, 12, 6, 8, 0, tzinfo=CAIRO)


def _counter(name: str, status: CounterStatus, *services: str) -> CounterState:
    return CounterState(name, status, frozenset(services))


def test_wait_is_tickets_ahead_times_mean_service_time_over_counter_share() -> None:
    counters = [
        _counter("1", CounterStatus.OPEN, "passport-new"),
        _counter("2", CounterStatus.OPEN, "passport-new", "visa-extension"),
    ]
    waits = estimates({"passport-new": 6}, {"passport-new": [300.0, 420.0]}, counters, {"passport-new": 15})
    # 6 ahead × 6 min mean / (1 + 1/2) counters = 24 minutes.
    assert waits == {"passport-new": 24}


def test_nominal_duration_stands_in_until_service_times_are_known() -> None:
    counters = [_counter("1", CounterStatus.OPEN, "visa-extension")]
    assert estimates({"visa-extension": 3}, {}, counters, {"visa-extension": 12}) == {"visa-extension": 36}


def test_paused_and_closed_counters_do_not_shorten_the_wait() -> None:
    counters = [
        _counter("1", CounterStatus.PAUSED, "passport-new"),
        _counter("2", CounterStatus.CLOSED, "passport-new"),
    ]
    assert estimates({"passport-new": 2}, {}, counters, {}) == {"passport-new": None}


def test_only_the_most_recent_service_times_count() -> None:
    old_and_slow = [3600.0] * 5 + [60.0] * SAMPLES
    assert mean_service_minutes(old_and_slow, nominal_minutes=10) == 1.0


def test_wait_rounds_up_to_whole_minutes() -> None:
    assert wait_minutes(ahead=1, mean_minutes=4.2, share=1.0) == 5
    assert wait_minutes(ahead=0, mean_minutes=4.2, share=1.0) == 0


def test_an_early_appointment_is_told_its_slot_and_no_count_of_people_who_will_be_gone_by_then() -> None:
    # The reported ticket: at 08:35 for 11:00, nobody due before it, "0 waiting" beside 145 minutes.
    now, slot = OPENS + timedelta(minutes=35), OPENS + timedelta(hours=3)
    for queue_minutes in (None, 0, 40):
        wait = ticket_wait(ahead=0, queue_minutes=queue_minutes, now=now, slot_start=slot, opens_at=OPENS)
        assert wait == TicketWait(WaitBasis.APPOINTMENT, minutes=145, ahead=None, turn_at=slot)


def test_an_early_appointment_behind_a_longer_queue_than_its_slot_is_told_the_queue() -> None:
    slot = OPENS + timedelta(minutes=30)
    wait = ticket_wait(ahead=12, queue_minutes=90, now=OPENS, slot_start=slot, opens_at=OPENS)
    assert wait == TicketWait(WaitBasis.QUEUE, minutes=90, ahead=12)


def test_an_appointment_whose_slot_has_come_waits_in_the_queue_like_anyone() -> None:
    slot = OPENS + timedelta(hours=1)
    late = ticket_wait(ahead=2, queue_minutes=15, now=slot + timedelta(minutes=5), slot_start=slot)
    assert late == TicketWait(WaitBasis.QUEUE, minutes=15, ahead=2)
    unserved = ticket_wait(ahead=2, queue_minutes=None, now=slot, slot_start=slot, opens_at=OPENS)
    assert unserved == TicketWait(WaitBasis.NO_COUNTER, minutes=None, ahead=2)


def test_a_walk_in_with_an_open_counter_gets_the_queues_figure_and_its_count() -> None:
    assert ticket_wait(ahead=3, queue_minutes=24, now=OPENS, opens_at=OPENS) == TicketWait(
        WaitBasis.QUEUE, minutes=24, ahead=3
    )


def test_a_walk_in_before_the_office_opens_is_told_when_it_opens_instead_of_a_figure() -> None:
    early = OPENS - timedelta(minutes=20)
    wait = ticket_wait(ahead=4, queue_minutes=None, now=early, opens_at=OPENS)
    assert wait == TicketWait(WaitBasis.BEFORE_OPENING, minutes=None, ahead=4, opens_at=OPENS)


def test_a_walk_in_after_opening_with_no_counter_for_its_service_is_told_so() -> None:
    for now in (OPENS, OPENS + timedelta(hours=2)):
        wait = ticket_wait(ahead=0, queue_minutes=None, now=now, opens_at=OPENS)
        assert wait == TicketWait(WaitBasis.NO_COUNTER, minutes=None, ahead=0)
    # A day the office does not open at all (a kiosk left on): no opening time to give either.
    assert ticket_wait(ahead=1, queue_minutes=None, now=OPENS).basis is WaitBasis.NO_COUNTER


def test_counters_opened_before_the_office_give_a_figure_even_before_opening() -> None:
    early = OPENS - timedelta(minutes=10)
    assert ticket_wait(ahead=1, queue_minutes=10, now=early, opens_at=OPENS).basis is WaitBasis.QUEUE
