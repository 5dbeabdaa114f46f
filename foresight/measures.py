"""The figures of simulated days: one day's, then their means over replications with 95 %
confidence intervals.

A *wait* runs from the moment a ticket is due to the moment it is called: from arrival for a
walk-in, from the later of arrival and slot start for an appointment (an early arrival's wait for
their own slot is their choice, not the office's delay); ``wait_from_arrival`` counts from the
kiosk whatever the slot. Waits are over those called; who was never called is counted apart.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from foresight.simulation import DayRun

QUEUE_STEP_MINUTES = 15.0
"""The queue length is sampled every quarter of an hour from opening to closing."""


def _percentile(values: np.ndarray, q: float) -> float:
    return float(np.percentile(values, q)) if values.size else math.nan


def _wait_figures(waits: np.ndarray) -> dict[str, float]:
    return {
        "mean": float(waits.mean()) if waits.size else math.nan,
        "p50": _percentile(waits, 50),
        "p90": _percentile(waits, 90),
        "max": float(waits.max()) if waits.size else math.nan,
        "people": float(waits.size),
    }


def _busy_within_shifts(run: DayRun, k: int) -> float:
    mine = run.counter == k
    starts, ends = run.called[mine], run.finished[mine]
    return sum(
        float(np.clip(np.minimum(ends, end) - np.maximum(starts, start), 0.0, None).sum())
        for start, end in run.counters[k].shifts
    )


def queue_length(run: DayRun, minutes: np.ndarray) -> np.ndarray:
    """People in the hall not yet called (early appointments included) at each of ``minutes``."""
    arrived = np.sort(np.array([v.arrives for v in run.visitors]))
    called = np.sort(run.called[~np.isnan(run.called)])
    return np.searchsorted(arrived, minutes, "right") - np.searchsorted(called, minutes, "right")


def day_figures(run: DayRun, warmup_minutes: float = 0.0) -> dict[str, float]:
    """One day's figures as flat names (``wait.mean``, ``service.X.p90``, ``queue.60`` ...);
    only people arriving after ``warmup_minutes`` count towards the waits."""
    arrives = np.array([v.arrives for v in run.visitors])
    counted = arrives >= warmup_minutes
    served = counted & ~np.isnan(run.called)
    waits = (run.called - run.due)[served]
    figures = {f"wait.{name}": value for name, value in _wait_figures(waits).items()}
    figures["wait_from_arrival.mean"] = float((run.called - arrives)[served].mean()) if served.any() else 0.0
    services = np.array([v.service for v in run.visitors], dtype=str)
    for service in sorted(set(services.tolist())):
        mine = (services == service)[served]
        for name, value in _wait_figures(waits[mine]).items():
            figures[f"service.{service}.{name}"] = value
    appointment = np.array([v.has_appointment for v in run.visitors], dtype=bool)[served]
    figures["kind.appointment.mean"] = float(waits[appointment].mean()) if appointment.any() else math.nan
    figures["kind.walk_in.mean"] = float(waits[~appointment].mean()) if (~appointment).any() else math.nan
    figures["served"] = float(served.sum())
    figures["never_called"] = float((counted & np.isnan(run.called)).sum())
    not_called_by_closing = np.isnan(run.called) | (run.called >= run.closes_minute)
    figures["waiting_at_closing"] = float((not_called_by_closing & (arrives < run.closes_minute)).sum())
    last = np.nanmax(run.finished) if (~np.isnan(run.finished)).any() else 0.0
    figures["overtime_minutes"] = max(0.0, float(last) - run.closes_minute)
    open_minutes = busy = 0.0
    for k, plan in enumerate(run.counters):
        mine = _busy_within_shifts(run, k)
        figures[f"counter.{plan.id}"] = mine / plan.open_minutes if plan.open_minutes else math.nan
        busy, open_minutes = busy + mine, open_minutes + plan.open_minutes
    figures["utilisation"] = busy / open_minutes if open_minutes else math.nan
    grid = np.arange(0.0, run.closes_minute + 1e-9, QUEUE_STEP_MINUTES)
    for minute, length in zip(grid, queue_length(run, grid), strict=True):
        figures[f"queue.{minute:g}"] = float(length)
    return figures


@dataclass(frozen=True, slots=True)
class Estimate:
    """The mean over replications and the half-width of its 95 % confidence interval (Student's
    t over the replications where the figure exists; NaN with fewer than two)."""

    mean: float
    ci95: float
    replications: int


def estimate(values: Iterable[float]) -> Estimate:
    known = np.array([v for v in values if not math.isnan(v)], dtype=float)
    if known.size == 0:
        return Estimate(math.nan, math.nan, 0)
    if known.size == 1:
        return Estimate(float(known[0]), math.nan, 1)
    from scipy import stats  # here: a few hundred ms a process start would pay for every server

    spread = float(known.std(ddof=1))
    half = float(stats.t.ppf(0.975, known.size - 1)) * spread / math.sqrt(known.size)
    return Estimate(float(known.mean()), half, int(known.size))


def estimates(days: Iterable[Mapping[str, float]]) -> dict[str, Estimate]:
    """Every figure's estimate over the replications' ``day_figures``."""
    rows = list(days)
    names = sorted({name for row in rows for name in row})
    return {name: estimate(row.get(name, math.nan) for row in rows) for name in names}
