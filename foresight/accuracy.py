"""How good a forecast was: MAPE and MASE on held-out days.

- **MAPE**, the mean absolute percentage error, as a fraction (0.12 = 12 %), over the held-out
  days on which someone came: a day with nobody has no percentage error (it would divide by 0).
  Easy to read, but it punishes misses on quiet days hard.
- **MASE**, the mean absolute scaled error (Hyndman & Koehler, 2006): the forecast's mean absolute
  error divided by the in-sample mean absolute error of the seasonal-naive forecast (each day
  predicted by the same weekday a week before) on the training days. Below 1 the forecast beats
  what "same as last week" did in the past; it is defined on quiet days and does not depend on
  the unit, so it compares services of any size.

Both skip missing days (None/NaN: the office was closed) on either side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Days = Sequence[float | None] | np.ndarray
"""People per day, None or NaN where the office was closed."""


@dataclass(frozen=True, slots=True)
class Accuracy:
    """A forecast's errors on held-out days; None where undefined (see the module docstring)."""

    mape: float | None
    mase: float | None


def _floats(values: Days) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], float)


def mape(actual: Days, predicted: Days) -> float | None:
    """The mean of |actual − predicted| / actual over the days with actual > 0."""
    y, f = _floats(actual), _floats(predicted)
    counted = (y > 0) & ~np.isnan(f)
    return float(np.mean(np.abs(y[counted] - f[counted]) / y[counted])) if counted.any() else None


def naive_scale(training: Days, season: int) -> float | None:
    """The in-sample mean absolute error of the seasonal-naive forecast: |y[t] − y[t − season]|
    over the training days where both are known; None without such a pair."""
    y = _floats(training)
    if season < 1 or y.size <= season:
        return None
    steps = np.abs(y[season:] - y[:-season])
    steps = steps[~np.isnan(steps)]
    return float(steps.mean()) if steps.size else None


def mase(actual: Days, predicted: Days, training: Days, season: int) -> float | None:
    """The mean absolute error on the held-out days over ``naive_scale(training, season)``;
    None when the scale is unknown or 0 (a training series that repeats itself exactly)."""
    y, f = _floats(actual), _floats(predicted)
    counted = ~np.isnan(y) & ~np.isnan(f)
    scale = naive_scale(training, season)
    if not counted.any() or not scale:
        return None
    return float(np.mean(np.abs(y[counted] - f[counted]))) / scale


def accuracy(actual: Days, predicted: Days, training: Days, season: int) -> Accuracy:
    return Accuracy(mape(actual, predicted), mase(actual, predicted, training, season))
