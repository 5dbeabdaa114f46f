"""Summary tables for people: the optimiser beside the first-come-first-served baseline.

`mawid optimise` and the benchmark print these; they only format figures that `metrics`,
`bounds` and the solvers already computed.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from scheduler.displaced import RebalancePlan
from scheduler.metrics import Metrics, measure
from scheduler.problem import Problem
from scheduler.solution import Solution


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _change(new: float, old: float) -> str:
    if old == 0:
        return "–"
    return f"{100 * (new - old) / old:+.1f}%"


def comparison_table(
    optimised: Metrics, baseline: Metrics, solution: Solution, title: str = "Optimiser vs greedy"
) -> Table:
    """One row per metric: optimiser, greedy baseline and the relative change."""
    table = Table(title=title)
    table.add_column("metric")
    table.add_column("optimiser", justify="right")
    table.add_column("greedy (FCFS)", justify="right")
    table.add_column("change", justify="right")
    rows: list[tuple[str, float, float, str]] = [
        ("requests placed", optimised.placed, baseline.placed, "{:,.0f}"),
        ("placed share", optimised.placed_share, baseline.placed_share, "pct"),
        ("peak utilisation (hall)", optimised.peak_utilisation, baseline.peak_utilisation, "pct"),
        ("peak hour utilisation", optimised.peak_hour_utilisation, baseline.peak_hour_utilisation, "pct"),
        ("mean utilisation", optimised.mean_utilisation, baseline.mean_utilisation, "pct"),
        ("std of utilisation", optimised.utilisation_std, baseline.utilisation_std, "{:.3f}"),
        ("mean distance (km)", optimised.mean_distance_km, baseline.mean_distance_km, "{:.1f}"),
        ("crowding Σ load²/capacity", optimised.crowding_cost, baseline.crowding_cost, "{:,.0f}"),
        ("preference cost", optimised.preference_cost, baseline.preference_cost, "{:,.0f}"),
        ("objective", optimised.objective, baseline.objective, "{:,.0f}"),
    ]
    for name, new, old, fmt in rows:
        shown = _pct if fmt == "pct" else fmt.format
        table.add_row(name, shown(new), shown(old), _change(new, old))
    if solution.lower_bound is not None and solution.gap is not None:
        table.add_row("objective lower bound", f"{solution.lower_bound:,.0f}", "", "")
        table.add_row("gap to bound", _pct(solution.gap), "", "")
    if solution.crowding_lower_bound is not None:
        table.add_row("crowding lower bound", f"{solution.crowding_lower_bound:,.0f}", "", "")
    if solution.stats.peak_cap is not None:
        table.add_row("lowest achievable peak (cap)", _pct(solution.stats.peak_cap), "", "")
    if solution.stats.chains_above_cap:
        table.add_row("chains above the cap", f"{solution.stats.chains_above_cap:,}", "", "")
    return table


def rebalance_table(plan: RebalancePlan, title: str = "Rebalance plan") -> Table:
    """Where the displaced bookings went, and what could not be placed."""
    s = plan.stats
    table = Table(title=title)
    table.add_column("bookings")
    table.add_column("count", justify="right")
    for name, value in (
        ("displaced", s.displaced),
        ("kept their slot", s.stayed),
        ("same office, same day", s.moved_same_office_same_day),
        ("same office, other day", s.moved_same_office_other_day),
        ("nearby office", s.moved_other_office),
        ("not placed (listed)", s.unplaced),
    ):
        table.add_row(name, f"{value:,}")
    table.add_row("extra travel (km, total)", f"{s.travel_km:,.1f}")
    table.add_row("solve time (s)", f"{s.solve_seconds:.2f}")
    return table


def print_report(
    problem: Problem, optimised: Solution, baseline: Solution, console: Console | None = None
) -> tuple[Metrics, Metrics]:
    """Measure both solutions the same way, print the comparison and return the metrics."""
    ours, theirs = measure(problem, optimised), measure(problem, baseline)
    (console or Console()).print(comparison_table(ours, theirs, optimised))
    return ours, theirs
