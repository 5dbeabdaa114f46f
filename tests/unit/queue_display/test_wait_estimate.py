from __future__ import annotations

from queue_display.counter import CounterState, CounterStatus
from queue_display.estimate import SAMPLES, estimates, mean_service_minutes, wait_minutes


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
