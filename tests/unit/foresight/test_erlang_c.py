"""Erlang C against values worked by hand and the M/M/1 formulas it must reduce to."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from foresight.erlang import counters_needed, erlang_b, erlang_c, mean_wait, service_level


def test_erlang_b_and_c_match_the_hand_worked_two_counter_case() -> None:
    # a = 1, c = 2: B = (1/2) / (1 + 1 + 1/2) = 0.2; C = 0.2 / (1 − 0.5·0.8) = 1/3.
    assert erlang_b(2, 1.0) == pytest.approx(0.2)
    assert erlang_c(2, 1.0) == pytest.approx(1 / 3)


@given(rho=st.floats(min_value=0.01, max_value=0.99), service=st.floats(min_value=0.5, max_value=30.0))
def test_one_counter_is_the_m_m_1_queue(rho: float, service: float) -> None:
    arrival_rate = rho / service
    assert erlang_c(1, rho) == pytest.approx(rho)
    assert mean_wait(arrival_rate, service, 1) == pytest.approx(rho * service / (1 - rho))
    assert service_level(arrival_rate, service, 1, 10.0) == pytest.approx(
        1 - rho * math.exp(-(1 / service - arrival_rate) * 10.0)
    )


def test_the_mean_wait_of_a_known_hall() -> None:
    # a = 2, c = 3 (ρ = 2/3): C = 4/9, so E[wait] = (4/9) / (3/5 − 2/5) per 5-minute service = 20/9.
    assert erlang_c(3, 2.0) == pytest.approx(4 / 9)
    assert mean_wait(0.4, 5.0, 3) == pytest.approx(20 / 9)


def test_an_overloaded_hall_waits_for_ever_and_meets_no_service_level() -> None:
    assert mean_wait(1.0, 5.0, 5) == math.inf
    assert service_level(1.0, 5.0, 4, 15.0) == 0.0
    assert erlang_c(4, 5.0) == 1.0


def test_nobody_coming_needs_no_counter_and_waits_no_time() -> None:
    assert counters_needed(0.0, 10.0) == 0
    assert mean_wait(0.0, 10.0, 1) == 0.0
    assert service_level(0.0, 10.0, 1, 0.0) == 1.0


@given(
    arrivals_per_hour=st.floats(min_value=0.5, max_value=300.0),
    service=st.floats(min_value=1.0, max_value=40.0),
    target=st.floats(min_value=0.5, max_value=0.95),
    within=st.floats(min_value=0.0, max_value=30.0),
)
def test_counters_needed_is_the_fewest_that_meet_the_service_level(
    arrivals_per_hour: float, service: float, target: float, within: float
) -> None:
    rate = arrivals_per_hour / 60
    needed = counters_needed(rate, service, target, within)
    assert needed > rate * service  # a stable hall
    assert service_level(rate, service, needed, within) >= target
    fewer = needed - 1
    assert fewer == 0 or service_level(rate, service, fewer, within) < target


def test_the_default_service_level_is_80_percent_within_15_minutes() -> None:
    # 60 people an hour for 10 minutes each: a = 10 counters' worth of work.
    needed = counters_needed(1.0, 10.0)
    assert service_level(1.0, 10.0, needed, 15.0) >= 0.8 > service_level(1.0, 10.0, needed - 1, 15.0)


@given(counters=st.integers(1, 30), load=st.floats(min_value=0.01, max_value=0.999))
def test_another_counter_never_lengthens_the_wait(counters: int, load: float) -> None:
    rate = load * counters / 10.0
    assert mean_wait(rate, 10.0, counters + 1) <= mean_wait(rate, 10.0, counters)


def test_nonsense_is_refused() -> None:
    with pytest.raises(ValueError):
        mean_wait(-1.0, 5.0, 2)
    with pytest.raises(ValueError):
        counters_needed(1.0, 5.0, target=1.0)
