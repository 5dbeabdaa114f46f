"""Demand forecast: bookings and walk-ins per office, service and day for the next weeks, and the
hour of the day they come at, from the office's history (``foresight.demand``).

**Model.** Each (kind, service) series runs over the office's working days, so one week is one
season (5 points for Sunday–Thursday). It is fitted with Holt-Winters exponential smoothing
(statsmodels ``ExponentialSmoothing``): additive level and additive weekly seasonality, no trend —
ETS(A,N,A). Why this one: office demand over a few months is a level that drifts (the smoothing
follows it) with a strong weekday pattern (Sundays after the weekend, quieter Thursdays); a trend
extrapolated four weeks ahead from a few weeks of history mostly extrapolates noise, and additive
seasonality copes with the zeros a small service has (multiplicative does not). Holidays: the days
the office was closed are missing, filled for the fit by the mean of the same weekday (so the
weekly phase stays in step), and forecast days that are closed (weekend, public holiday from
``booking.calendar``, a closure) are 0 and marked with the reason. A busier day after a holiday is
not modelled.

**Fallbacks, when history is too short.** Holt-Winters estimates a level and one seasonal index
per weekday, ``season + 1`` initial states and two smoothing weights: with fewer than three weeks
of open days the weekday indices are fitted to one or two values each and follow the noise, so:

- at least three weeks observed: ETS(A,N,A);
- at least one week (every weekday seen once, after filling): seasonal naive, each weekday as the
  same weekday last week;
- fewer days: the mean of the days seen;
- nothing: 0. A series that never changed (e.g. a service nobody walks in for) is its constant.

**Backtest.** The last two weeks of history are held out, the same choice of model is made on the
weeks before them, and its MAPE and MASE (``foresight.accuracy``) are reported beside those of the
seasonal-naive baseline, per (kind, service) and for each kind's office total (the sum of the
services' forecasts against the sum of their people).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from booking.calendar import Closure, is_open, public_holiday
from booking.offices import Office
from foresight.accuracy import Accuracy, accuracy
from foresight.demand import KINDS, DemandHistory, demand_history, working_days
from foresight.history import History

DEFAULT_DAYS = 28
"""Forecast four weeks ahead by default."""
HISTORY_WEEKS = 26
"""Half a year of history: enough weeks for the weekly pattern, recent enough to be today's."""
HOLDOUT_WEEKS = 2
ETS = "ets"
SEASONAL_NAIVE = "seasonal_naive"
MEAN = "mean"
NOTHING = "none"
TOTAL = "*"
"""The service name of a kind's office total in the backtest."""


def _filled(values: np.ndarray, season: int) -> np.ndarray:
    """Missing days (NaN) filled with the mean of the same weekday, else of every day seen."""
    filled = values.copy()
    known = ~np.isnan(values)
    overall = float(values[known].mean()) if known.any() else 0.0
    for position in range(max(season, 1)):
        same = np.arange(position, values.size, max(season, 1))
        seen = values[same][known[same]]
        filled[same[~known[same]]] = float(seen.mean()) if seen.size else overall
    return filled


def choose(values: np.ndarray, season: int) -> str:
    """The model for a series (see the module's docstring for the rule and why)."""
    known = values[~np.isnan(values)]
    if known.size == 0:
        return NOTHING
    if np.all(known == known[0]):
        return MEAN
    if season >= 2 and known.size >= 3 * season:
        return ETS
    if season >= 1 and values.size >= season:
        return SEASONAL_NAIVE
    return MEAN


def seasonal_naive(values: np.ndarray, season: int, steps: int) -> np.ndarray:
    """Each day ahead as the same weekday of the last week (missing days filled first)."""
    last_week = _filled(values, season)[-season:]
    return np.array([last_week[k % season] for k in range(steps)], float)


def _ets(values: np.ndarray, season: int, steps: int) -> np.ndarray:
    # Imported here, not at the top: statsmodels brings pandas, scipy and formulaic, half of what
    # a server process imports, and only a forecast needs it (every start and CLI call would pay).
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    model = ExponentialSmoothing(
        _filled(values, season),
        trend=None,
        seasonal="add",
        seasonal_periods=season,
        initialization_method="estimated",
    )
    with warnings.catch_warnings():
        # The optimiser's convergence notes on short series say nothing the backtest does not.
        warnings.simplefilter("ignore")
        fitted = model.fit()
    return np.asarray(fitted.forecast(steps), float)


def predict(values: np.ndarray, season: int, steps: int, method: str | None = None) -> np.ndarray:
    """``steps`` working days ahead of the series, never below 0 (people do not come back)."""
    method = method or choose(values, season)
    if method == NOTHING:
        ahead = np.zeros(steps)
    elif method == MEAN:
        ahead = np.full(steps, float(np.nanmean(values)))
    elif method == SEASONAL_NAIVE:
        ahead = seasonal_naive(values, season, steps)
    else:
        ahead = _ets(values, season, steps)
    return np.clip(ahead, 0.0, None)


@dataclass(frozen=True, slots=True)
class Backtest:
    """One series' held-out weeks: the chosen model's errors beside the seasonal naive's."""

    kind: str
    service: str
    method: str
    days: int
    """Held-out days the office was open."""
    model: Accuracy
    seasonal_naive: Accuracy


@dataclass(frozen=True, slots=True)
class DayForecast:
    """Expected people on one day, per service; all 0 when ``closed`` says why the office is."""

    day: date
    closed: str | None
    bookings: Mapping[str, float]
    walk_ins: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class Forecast:
    office_id: str
    history_days: int
    """Working days of history the office was open."""
    days: tuple[DayForecast, ...]
    hourly: Mapping[str, Mapping[int, float]]
    """Per kind (``bookings``, ``walk_ins``), the share of the day's people in each local hour."""
    methods: Mapping[tuple[str, str], str]
    """The model each (kind, service) series was forecast with."""
    backtest: tuple[Backtest, ...]


def _values(raw: Sequence[float | None]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in raw], float)


def _backtests(history: DemandHistory) -> list[Backtest]:
    season = history.season
    holdout = HOLDOUT_WEEKS * season
    if season < 1 or len(history.days) < holdout + season:
        return []  # less than a week to learn from before the held-out weeks
    # A missing day is missing for every service of the office: it was closed that day.
    closed = np.array([v is None for v in next(iter(history.series.values()))])
    found: list[Backtest] = []
    for kind in KINDS:
        whole, model_sum, naive_sum = np.zeros(len(history.days)), np.zeros(holdout), np.zeros(holdout)
        for (kind_, service), raw in history.series.items():
            values = _values(raw)
            if kind_ != kind or not np.nansum(values) > 0:
                continue
            training, actual = values[:-holdout], values[-holdout:]
            method = choose(training, season)
            model = predict(training, season, holdout, method)
            naive = seasonal_naive(training, season, holdout)
            found.append(_row(kind, service, method, training, actual, model, naive, season))
            whole, model_sum, naive_sum = whole + np.nan_to_num(values), model_sum + model, naive_sum + naive
        whole[closed] = np.nan
        found.append(_row(kind, TOTAL, "", whole[:-holdout], whole[-holdout:], model_sum, naive_sum, season))
    return found


def _row(
    kind: str,
    service: str,
    method: str,
    training: np.ndarray,
    actual: np.ndarray,
    model: np.ndarray,
    naive: np.ndarray,
    season: int,
) -> Backtest:
    return Backtest(
        kind,
        service,
        method,
        int((~np.isnan(actual)).sum()),
        accuracy(actual, model, training, season),
        accuracy(actual, naive, training, season),
    )


def _closed(office: Office, day: date, closures: tuple[Closure, ...]) -> str | None:
    if office.hours.on(day.weekday()) is None:
        return "weekend"
    if holiday := public_holiday(day):
        return holiday
    return None if is_open(office, day, closures) else "closure"


def forecast_demand(
    history: DemandHistory,
    office: Office,
    first: date,
    days: int = DEFAULT_DAYS,
    closures: Sequence[Closure] = (),
) -> Forecast:
    """Expected bookings and walk-ins per service on each of ``days`` days from ``first``."""
    if days < 1:
        raise ValueError("forecast at least one day")
    closed = tuple(closures)
    last = first + timedelta(days - 1)
    season = history.season or len({d.weekday() for d in working_days(office, first, first + timedelta(6))})
    after = history.days[-1] + timedelta(1) if history.days else first
    ahead = working_days(office, after, last)  # the season's grid runs on from the history
    expected: dict[tuple[str, str], dict[date, float]] = {}
    methods: dict[tuple[str, str], str] = {}
    for key, raw in history.series.items():
        values = _values(raw)
        methods[key] = choose(values, season)
        path = predict(values, season, len(ahead), methods[key]) if ahead else np.zeros(0)
        expected[key] = dict(zip(ahead, (float(v) for v in path), strict=True))
    forecast_days = []
    for n in range(days):
        day = first + timedelta(n)
        why = _closed(office, day, closed)
        per_kind = {
            kind: {
                service: 0.0 if why else expected[kind_, service].get(day, 0.0)
                for (kind_, service) in sorted(expected)
                if kind_ == kind
            }
            for kind in KINDS
        }
        forecast_days.append(DayForecast(day, why, per_kind[KINDS[0]], per_kind[KINDS[1]]))
    observed = sum(1 for v in next(iter(history.series.values()), ()) if v is not None)
    return Forecast(
        office.id, observed, tuple(forecast_days), history.hourly, methods, tuple(_backtests(history))
    )


async def forecast_office(
    history: History,
    office: Office,
    today: date,
    days: int = DEFAULT_DAYS,
    closures: Sequence[Closure] = (),
    weeks: int = HISTORY_WEEKS,
) -> Forecast:
    """The forecast from tomorrow on, learnt from ``weeks`` weeks of history up to yesterday
    (today is not over yet)."""
    first, last = today - timedelta(weeks=weeks), today - timedelta(1)
    tickets = await history.tickets(office.id, first, last)
    bookings = await history.bookings(office.id, first, last)
    past = demand_history(office, tickets, bookings, first, last, closures)
    return forecast_demand(past, office, today + timedelta(1), days, closures)


def total(day: DayForecast) -> float:
    """Everyone expected that day, booked or walking in."""
    return math.fsum(day.bookings.values()) + math.fsum(day.walk_ins.values())
