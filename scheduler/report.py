"""Summary tables for people: the optimiser beside the first-come-first-served baseline and the
fair one (each request at its cheapest slot, `scheduler.greedy.cheapest_first`).

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
    optimised: Metrics,
    baseline: Metrics,
    solution: Solution,
    title: str = "Optimiser vs greedy",
    fair: Metrics | None = None,
) -> Table:
    """One row per metric: optimiser, greedy baseline and the relative change (and, given
    `fair`, the cheapest-slot baseline and the change against it); then the uncapped optimum,
    what the peak cap costs against it, and a lower bound only where one is still needed."""
    table = Table(title=title)
    table.add_column("metric")
    table.add_column("optimiser", justify="right")
    table.add_column("greedy (FCFS)", justify="right")
    table.add_column("change", justify="right")
    if fair is not None:
        table.add_column("cheapest slot", justify="right")
        table.add_column("change", justify="right")
    ours, theirs = _values(optimised), _values(baseline)
    fair_values = _values(fair) if fair is not None else None
    for i, (name, fmt) in enumerate(ROWS):
        shown = _pct if fmt == "pct" else fmt.format
        new, old = ours[i], theirs[i]
        cells = [name, shown(new), shown(old), _change(new, old)]
        if fair_values is not None:
            cells += [shown(fair_values[i]), _change(new, fair_values[i])]
        table.add_row(*cells)
    blank = [""] * (len(table.columns) - 2)
    for name, value in _solution_rows(solution):
        table.add_row(name, value, *blank)
    return table


#: The metric rows of `comparison_table`: name and format, in the order of `_values`.
ROWS: tuple[tuple[str, str], ...] = (
    ("requests placed", "{:,.0f}"),
    ("placed share", "pct"),
    ("peak utilisation (hall)", "pct"),
    ("peak hour utilisation", "pct"),
    ("mean utilisation", "pct"),
    ("std of utilisation", "{:.3f}"),
    ("mean distance (km)", "{:.1f}"),
    ("crowding Σ load²/capacity", "{:,.0f}"),
    ("preference cost", "{:,.0f}"),
    ("objective", "{:,.0f}"),
)


def _values(m: Metrics) -> list[float]:
    """The metrics in the order of `comparison_table`'s rows."""
    return [
        m.placed,
        m.placed_share,
        m.peak_utilisation,
        m.peak_hour_utilisation,
        m.mean_utilisation,
        m.utilisation_std,
        m.mean_distance_km,
        m.crowding_cost,
        m.preference_cost,
        m.objective,
    ]


def _solution_rows(solution: Solution) -> list[tuple[str, str]]:
    """The optimiser's own figures: the uncapped optimum and the cap's price against it; the
    relaxation's bound only when the uncapped figure is not exact (chains) or missing."""
    found: list[tuple[str, str]] = []
    if solution.uncapped_objective is not None:
        exact = "" if solution.uncapped_exact else " (chains by option search)"
        found.append((f"objective without the peak cap{exact}", f"{solution.uncapped_objective:,.0f}"))
        if solution.uncapped_crowding is not None:
            found.append((f"crowding without the peak cap{exact}", f"{solution.uncapped_crowding:,.0f}"))
        if solution.cap_price is not None:
            found.append(("price of the peak cap (objective)", f"{100 * solution.cap_price:+.2f}%"))
    if not solution.uncapped_exact and solution.lower_bound is not None and solution.gap is not None:
        found.append(("objective lower bound (relaxation)", f"{solution.lower_bound:,.0f}"))
        found.append(("gap to bound", _pct(solution.gap)))
        if solution.crowding_lower_bound is not None:
            found.append(("crowding lower bound (relaxation)", f"{solution.crowding_lower_bound:,.0f}"))
    if solution.stats.peak_cap is not None:
        found.append(("lowest achievable peak (cap)", _pct(solution.stats.peak_cap)))
    if solution.stats.chains_above_cap:
        found.append(("chains above the cap", f"{solution.stats.chains_above_cap:,}"))
    return found


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
    problem: Problem,
    optimised: Solution,
    baseline: Solution,
    console: Console | None = None,
    fair: Solution | None = None,
) -> tuple[Metrics, Metrics]:
    """Measure the solutions the same way, print the comparison and return the optimiser's and
    the first-come baseline's metrics."""
    ours, theirs = measure(problem, optimised), measure(problem, baseline)
    fair_metrics = None if fair is None else measure(problem, fair)
    (console or Console()).print(comparison_table(ours, theirs, optimised, fair=fair_metrics))
    return ours, theirs
