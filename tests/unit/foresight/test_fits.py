"""The statistics under the estimates: shrinking towards a prior, robust spreads, lognormal fits."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foresight.fits import PRIOR_WEIGHT, fit_service_time, robust, shrunk, without_slips
from foresight.office_day import ServiceTime


def test_a_prior_is_worth_ten_observations() -> None:
    assert shrunk(0.1, 0.5, 0) == 0.1
    assert shrunk(0.1, 0.5, PRIOR_WEIGHT) == pytest.approx(0.3)
    assert shrunk(0.1, 0.5, 10_000) == pytest.approx(0.5, abs=1e-3)


def test_the_robust_spread_of_a_normal_sample_is_its_standard_deviation() -> None:
    sample = np.random.default_rng(2).normal(7.0, 3.0, 20_000)
    found = robust(sample)
    assert (found.centre, found.spread, found.size) == (
        pytest.approx(7.0, abs=0.1),
        pytest.approx(3.0, rel=0.03),
        20_000,
    )
    assert math.isnan(robust([]).centre)


def test_without_a_time_the_prior_stands_and_without_either_there_is_nothing() -> None:
    prior = ServiceTime(15.0)
    fitted = fit_service_time([], prior)
    assert fitted is not None and (fitted.time, fitted.samples) == (prior, 0)
    assert fit_service_time([], None) is None
    alone = fit_service_time([12.0, 12.0, 12.0], None)
    assert alone is not None
    assert (alone.time.mean_minutes, alone.time.cv) == (pytest.approx(12.0), pytest.approx(0.0))


def test_slips_are_left_out_but_a_wide_spread_is_kept() -> None:
    times = np.random.default_rng(3).lognormal(math.log(10.0), 0.8, 5_000)
    assert without_slips(times).size >= 4_995
    assert without_slips(np.append(times, [0.0, 5_000.0, 0.001])).size == without_slips(times).size
