"""Scenarios for people and machines: the JSON ``mawid simulate --json`` prints (and an API will
answer), and the table it prints otherwise. Only formats what ``measures`` estimated.

Minutes are rounded to the second's order (3 decimals); a figure that does not exist (a service
nobody came for, an interval from one replication) is ``null``.
"""

from __future__ import annotations

import math
from typing import Any

from rich.table import Table

from foresight.measures import Estimate
from foresight.scenarios import Comparison

Figures = dict[str, Estimate]


def _number(value: float) -> float | None:
    return None if math.isnan(value) or math.isinf(value) else round(value, 3)


def _waits(figures: Figures, prefix: str) -> dict[str, Any]:
    mean = figures[f"{prefix}.mean"]
    return {
        "mean_wait_minutes": _number(mean.mean),
        "ci95_mean_wait_minutes": _number(mean.ci95),
        "p50_wait_minutes": _number(figures[f"{prefix}.p50"].mean),
        "p90_wait_minutes": _number(figures[f"{prefix}.p90"].mean),
        "max_wait_minutes": _number(figures[f"{prefix}.max"].mean),
    }


def _named(figures: Figures, prefix: str) -> list[str]:
    return sorted({name[len(prefix) :].rsplit(".", 1)[0] for name in figures if name.startswith(prefix)})


def scenario_json(figures: Figures) -> dict[str, Any]:
    """One scenario's estimates, the mean over replications unless named ``ci95``."""
    summary = _waits(figures, "wait")
    summary["mean_wait_from_arrival_minutes"] = _number(figures["wait_from_arrival.mean"].mean)
    for name in ("utilisation", "served", "never_called", "waiting_at_closing", "overtime_minutes"):
        summary[name] = _number(figures[name].mean)
    summary["by_kind"] = {
        kind: _number(figures[f"kind.{kind}.mean"].mean) for kind in ("appointment", "walk_in")
    }
    summary["by_service"] = {
        service: {"people": _number(figures[f"service.{service}.people"].mean)}
        | _waits(figures, f"service.{service}")
        for service in _named(figures, "service.")
    }
    summary["counters"] = {
        counter: _number(figures[f"counter.{counter}"].mean)
        for counter in sorted({n[len("counter.") :] for n in figures if n.startswith("counter.")})
    }
    queue = sorted((float(n[len("queue.") :]), e) for n, e in figures.items() if n.startswith("queue."))
    summary["queue_length"] = [
        {"minute": minute, "mean": _number(e.mean), "ci95": _number(e.ci95)} for minute, e in queue
    ]
    return summary


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    reduction = comparison.mean_wait_reduction
    return {
        "replications": comparison.replications,
        "scenarios": {name: scenario_json(figures) for name, figures in comparison.scenarios.items()},
        "mean_wait_reduction": None if reduction is None else round(reduction, 4),
    }


def _minutes(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def comparison_table(comparison: Comparison, title: str) -> Table:
    """One row per scenario: waits (mean ± 95 % CI, p90, max), utilisation, left at closing."""
    table = Table(title=title)
    for column in ("scenario", "mean wait", "± 95 %", "p90", "max", "utilisation", "waiting at closing"):
        first = column == "scenario"  # a scenario's name is never cut (walk_in_same_times)
        table.add_column(column, justify="left" if first else "right", no_wrap=first)
    for name, figures in comparison.scenarios.items():
        row = scenario_json(figures)
        utilisation = row["utilisation"]
        table.add_row(
            name,
            _minutes(row["mean_wait_minutes"]),
            _minutes(row["ci95_mean_wait_minutes"]),
            _minutes(row["p90_wait_minutes"]),
            _minutes(row["max_wait_minutes"]),
            "–" if utilisation is None else f"{100 * utilisation:.0f}%",
            f"{row['waiting_at_closing'] or 0:.1f}",
        )
    if comparison.mean_wait_reduction is not None:
        table.caption = (
            f"mean wait reduction, planned vs walk-in FCFS: {100 * comparison.mean_wait_reduction:.0f}%"
        )
    return table
