"""MAPE and MASE: hand-worked figures, the days they skip, and what they owe to no unit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from foresight.accuracy import mape, mase, naive_scale

TRAINING = [1.0, 2.0, 3.0, 5.0, 4.0, 6.0]  # a season of 2


def test_mape_is_the_mean_relative_miss_over_the_days_someone_came() -> None:
    assert mape([10, 20, 0], [12, 15, 3]) == pytest.approx((2 / 10 + 5 / 20) / 2)
    assert mape([0, 0], [1, 2]) is None


def test_the_naive_scale_is_the_seasonal_naive_s_own_error_in_the_past() -> None:
    assert naive_scale(TRAINING, 2) == pytest.approx((2 + 3 + 1 + 1) / 4)
    # A closed day leaves out both pairs it is part of.
    assert naive_scale([1.0, 2.0, None, 5.0, 4.0, 6.0], 2) == pytest.approx((3 + 1) / 2)
    assert naive_scale([1.0, 2.0], 2) is None


def test_mase_scales_the_forecast_s_error_by_the_naive_s_and_skips_closed_days() -> None:
    assert mase([7, None, 5], [6, 100, 8], TRAINING, 2) == pytest.approx((1 + 3) / 2 / 1.75)
    assert mase([7, 8], [7, 8], [3.0, 3.0, 3.0, 3.0], 2) is None  # no scale: the past never moved


def test_the_seasonal_naive_continuing_its_own_past_scores_its_mean_step() -> None:
    # Forecasting the last two training days by the season before them is exactly the scale.
    assert mase(TRAINING[-2:], TRAINING[-4:-2], TRAINING, 2) == pytest.approx(
        (1 + 1) / 2 / naive_scale(TRAINING, 2)  # type: ignore[operator]
    )


people = st.lists(st.integers(0, 500).map(float), min_size=6, max_size=20)


@given(people, people, st.floats(0.01, 1000))
def test_the_errors_do_not_depend_on_the_unit(
    actual: list[float], training: list[float], factor: float
) -> None:
    predicted = [a + 1 for a in actual]
    scaled = [(v * factor) for v in actual], [(v * factor) for v in predicted], [v * factor for v in training]
    for before, after in (
        (mape(actual, predicted), mape(scaled[0], scaled[1])),
        (mase(actual, predicted, training, 2), mase(*scaled, 2)),
    ):
        assert (before is None) == (after is None)
        if before is not None:
            assert after == pytest.approx(before, rel=1e-9)


@given(people, people)
def test_a_perfect_forecast_misses_by_nothing(actual: list[float], training: list[float]) -> None:
    assert mase(actual, actual, training, 2) in (0.0, None)
    assert mape(actual, actual) in (0.0, None)
