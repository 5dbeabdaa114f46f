"""An optimiser result as plain JSON: the same figures for the jobs endpoint and the CLI."""

from __future__ import annotations

from typing import Any

from planning.solver_worker import Solved
from scheduler.metrics import Metrics


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def metrics_view(m: Metrics) -> dict[str, Any]:
    """One solution's quality (see `scheduler.metrics` for the definitions)."""
    return {
        "requests": m.requests,
        "placed": m.placed,
        "placed_share": _round(m.placed_share),
        "peak_utilisation": _round(m.peak_utilisation),
        "peak_hour_utilisation": _round(m.peak_hour_utilisation),
        "mean_utilisation": _round(m.mean_utilisation),
        "utilisation_std": _round(m.utilisation_std),
        "mean_distance_km": _round(m.mean_distance_km, 2),
        "crowding_cost": _round(m.crowding_cost, 2),
        "preference_cost": _round(m.preference_cost, 2),
        "objective": _round(m.objective, 2),
    }


def solved_view(solved: Solved) -> dict[str, Any]:
    """The optimiser beside the first-come-first-served baseline (`greedy`) and the fair one
    (`cheapest_first`: each request at its cheapest slot), with the uncapped optimum, the price
    of the peak cap against it, and the lower bound (the uncapped optimum itself when exact)."""
    s, ours, theirs = solved.solution, solved.metrics, solved.baseline_metrics
    return {
        "optimiser": metrics_view(ours),
        "greedy": metrics_view(theirs),
        "cheapest_first": None if solved.fair_metrics is None else metrics_view(solved.fair_metrics),
        "uncapped_objective": _round(s.uncapped_objective, 2),
        "uncapped_crowding": _round(s.uncapped_crowding, 2),
        "uncapped_exact": s.uncapped_exact,
        "cap_price": _round(s.cap_price),
        "lower_bound": _round(s.lower_bound, 2),
        "crowding_lower_bound": _round(s.crowding_lower_bound, 2),
        "gap": _round(s.gap),
        "peak_cap": _round(s.stats.peak_cap),
        "chains_above_cap": s.stats.chains_above_cap,
        "peak_reduction_vs_greedy": (
            _round(1 - ours.peak_utilisation / theirs.peak_utilisation) if theirs.peak_utilisation else None
        ),
        "verified": True,  # `solve_and_check` raises before returning anything unverified
    }
