"""The statistics behind the estimates from history: a robust centre and spread, a lognormal fit,
and one rule for thin data.

The rule: a prior counts as ``PRIOR_WEIGHT`` observations. Every estimate is the weighted mean of
the prior's value (weight ``PRIOR_WEIGHT``) and the sample's (weight the sample's size), so with
no history it is the prior, with a few observations it moves part of the way, and with hundreds
the prior no longer matters (10 of 510 is 2 %). It is the posterior mean of the conjugate models
(Beta for a share, normal with known spread for a location) with the prior as that many
pseudo-observations, which is why one rule serves shares, minutes and log-minutes alike.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foresight.office_day import ServiceTime

PRIOR_WEIGHT = 10.0
"""How many observations a prior is worth."""

MAD_TO_SD = 1.4826
"""The median absolute deviation of a normal sample times this estimates its standard deviation."""

OUTLIER_SPREADS = 4.0
"""Service times farther than this many robust spreads from the median (in log-minutes) are taken
for slips, not service: a ticket completed an hour after the citizen left, or a mis-click
completed in two seconds. For a true lognormal this drops 0.006 % of the times."""


def shrunk(prior: float, sample: float, size: float, weight: float = PRIOR_WEIGHT) -> float:
    """The weighted mean of a prior worth ``weight`` observations and a sample of ``size``."""
    if size <= 0:
        return prior
    return (weight * prior + size * sample) / (weight + size)


@dataclass(frozen=True, slots=True)
class Spread:
    """A robust centre (the median) and spread (the median absolute deviation scaled to a normal
    standard deviation) of a sample.

    Why not the mean and standard deviation: a handful of arrivals hours away from their slot (a
    citizen who checked in in the morning for an afternoon slot, a clock set wrong at a kiosk)
    would drag the mean and inflate the spread of everybody else's punctuality; the median and
    the MAD ignore up to half the sample being wild and agree with the mean and standard
    deviation when the sample is normal."""

    centre: float
    spread: float
    size: int


def robust(values: Sequence[float] | np.ndarray) -> Spread:
    sample = np.asarray(values, dtype=float)
    if sample.size == 0:
        return Spread(math.nan, math.nan, 0)
    centre = float(np.median(sample))
    return Spread(centre, MAD_TO_SD * float(np.median(np.abs(sample - centre))), int(sample.size))


@dataclass(frozen=True, slots=True)
class FittedTime:
    """A service's time at the counter as estimated: the lognormal used, the service times it
    rests on (after leaving slips out) and the prior it was shrunk towards (None: no prior)."""

    time: ServiceTime
    samples: int
    prior: ServiceTime | None


def _log_parameters(time: ServiceTime) -> tuple[float, float]:
    sigma2 = math.log1p(time.cv**2)
    return math.log(time.mean_minutes) - sigma2 / 2, sigma2


def without_slips(minutes: np.ndarray) -> np.ndarray:
    """The service times with the slips left out (``OUTLIER_SPREADS`` in log-minutes)."""
    logs = np.log(minutes[minutes > 0])
    if logs.size < 3:
        return np.exp(logs)
    middle = robust(logs)
    if middle.spread == 0:
        return np.exp(logs)
    return np.exp(logs[np.abs(logs - middle.centre) <= OUTLIER_SPREADS * middle.spread])


def fit_service_time(minutes: Sequence[float] | np.ndarray, prior: ServiceTime | None) -> FittedTime | None:
    """A lognormal for the service times ``minutes``, shrunk towards ``prior``.

    Fitted on the logarithms (where a lognormal is a normal): their mean μ and variance σ² are
    each the weighted mean of the prior's (μ₀ = ln m₀ − σ₀²/2, σ₀² = ln(1 + cv₀²)) and the
    sample's, the variance weighted by its degrees of freedom (n − 1); then mean = exp(μ + σ²/2)
    and cv = √(exp σ² − 1). Without a prior the sample stands alone (one time: the default
    coefficient of variation); None without a prior or a time.
    """
    kept = without_slips(np.asarray(minutes, dtype=float))
    size = int(kept.size)
    if size == 0:
        return None if prior is None else FittedTime(prior, 0, prior)
    weight = 0.0 if prior is None else PRIOR_WEIGHT
    mu0, sigma20 = _log_parameters(prior or ServiceTime(1.0))  # no prior: only its cv is used, alone
    logs = np.log(kept)
    mu = shrunk(mu0, float(logs.mean()), size, weight)
    sigma2 = shrunk(sigma20, float(logs.var(ddof=1)) if size > 1 else 0.0, size - 1, weight)
    return FittedTime(ServiceTime(math.exp(mu + sigma2 / 2), math.sqrt(math.expm1(sigma2))), size, prior)
