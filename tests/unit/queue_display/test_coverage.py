"""Who waits for a service no open counter serves: the one rule behind the console's banner, the
dashboard's alert and the hall screen's "no counter open"."""

from __future__ import annotations

from queue_display import board
from queue_display.counter import CounterState, CounterStatus
from queue_display.coverage import open_services, unserved

PASSPORT, RENEWAL, CERTIFICATE = "passport-new", "passport-renewal", "civil-certificate"


def _counter(label: str, status: CounterStatus, *services: str) -> CounterState:
    return CounterState(label, status, frozenset(services))


def test_people_waiting_for_a_service_no_counter_serves_are_unserved() -> None:
    counters = [_counter("1", CounterStatus.OPEN, PASSPORT)]
    assert unserved({PASSPORT: 3, RENEWAL: 6}, counters) == {RENEWAL: 6}


def test_a_paused_or_closed_counter_serves_nobody_waiting() -> None:
    counters = [
        _counter("7", CounterStatus.PAUSED, RENEWAL),
        _counter("8", CounterStatus.CLOSED, RENEWAL, CERTIFICATE),
    ]
    assert unserved({RENEWAL: 2, CERTIFICATE: 1}, counters) == {RENEWAL: 2, CERTIFICATE: 1}
    assert open_services(counters) == frozenset()


def test_one_open_counter_among_several_services_covers_each_of_them() -> None:
    counters = [
        _counter("7", CounterStatus.CLOSED, RENEWAL),
        _counter("13", CounterStatus.OPEN, RENEWAL, CERTIFICATE),
    ]
    assert unserved({RENEWAL: 4, CERTIFICATE: 2}, counters) == {}
    assert open_services(counters) == {RENEWAL, CERTIFICATE}


def test_a_service_nobody_waits_for_raises_no_alert_even_with_no_counter() -> None:
    assert unserved({PASSPORT: 0, RENEWAL: 0}, []) == {}


def test_with_no_counter_at_all_everyone_waiting_is_unserved_in_the_waiting_order() -> None:
    assert list(unserved({CERTIFICATE: 1, PASSPORT: 5, RENEWAL: 2}, [])) == [CERTIFICATE, PASSPORT, RENEWAL]


def test_the_board_snapshot_carries_the_same_figures() -> None:
    counters = [_counter("1", CounterStatus.OPEN, PASSPORT), _counter("7", CounterStatus.PAUSED, RENEWAL)]
    snapshot = board.snapshot("giza", 3, [], [], {PASSPORT: 1, RENEWAL: 6}, {}, counters)
    assert snapshot.unserved == {RENEWAL: 6}
    assert snapshot.open_services == [PASSPORT]
