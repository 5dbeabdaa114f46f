"""Pictures of a simulated day for reports (``mawid simulate … --plot out.png``): the queue through
the day per scenario, with its 95 % band, and, when staffing advice is given, the counters each
hour needs beside those planned.

Drawn on matplotlib's object API with the Agg canvas (no pyplot, no global state, no display), so
it is safe in any process. Labels are in English: matplotlib does not shape Arabic script, and
these pictures are for analysts' reports, not for the public pages (which draw their own charts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


@dataclass(frozen=True, slots=True)
class HourStaffing:
    """One hour of the advice: its local start (``"09:00"``), the counters needed for the service
    level and those planned."""

    hour: str
    needed: int
    planned: int


def _clock(opens: datetime, minute: float) -> str:
    return (opens + timedelta(minutes=minute)).strftime("%H:%M")


def _queue_axes(figure: Figure, axes: Any, scenarios: Mapping[str, Any], opens: datetime) -> None:
    ticks: list[float] = []
    for name, scenario in scenarios.items():
        points = [p for p in scenario["queue_length"] if p["mean"] is not None]
        minutes = [p["minute"] for p in points]
        means = [p["mean"] for p in points]
        half = [p["ci95"] or 0.0 for p in points]
        (line,) = axes.plot(minutes, means, label=name.replace("_", " "))
        axes.fill_between(
            minutes,
            [m - h for m, h in zip(means, half, strict=True)],
            [m + h for m, h in zip(means, half, strict=True)],
            color=line.get_color(),
            alpha=0.2,
            linewidth=0,
        )
        ticks = minutes if len(minutes) > len(ticks) else ticks
    hourly = [m for m in ticks if m % 60 == 0]
    axes.set_xticks(hourly, [_clock(opens, m) for m in hourly])
    axes.set_ylabel("people waiting (mean, 95 % band)")
    axes.set_title("Queue through the day")
    axes.set_ylim(bottom=0)
    axes.grid(alpha=0.3)
    axes.legend()


def _staffing_axes(axes: Any, staffing: Sequence[HourStaffing]) -> None:
    positions = range(len(staffing))
    axes.bar([p - 0.2 for p in positions], [h.planned for h in staffing], width=0.4, label="planned")
    axes.bar([p + 0.2 for p in positions], [h.needed for h in staffing], width=0.4, label="needed")
    axes.set_xticks(list(positions), [h.hour for h in staffing])
    axes.set_ylabel("counters")
    axes.set_title("Counters needed for the service level vs planned")
    axes.grid(alpha=0.3, axis="y")
    axes.legend()


def day_figure(
    scenarios: Mapping[str, Any], opens: datetime, staffing: Sequence[HourStaffing] = ()
) -> Figure:
    """The figure for ``scenarios`` (``foresight.report.scenario_json`` by name); ``opens`` is the
    opening instant in the office's local time, which the hour labels show."""
    rows = 2 if staffing else 1
    figure = Figure(figsize=(10, 4 * rows), layout="constrained")
    FigureCanvasAgg(figure)
    grid = figure.subplots(rows, 1, squeeze=False)
    _queue_axes(figure, grid[0][0], scenarios, opens)
    if staffing:
        _staffing_axes(grid[1][0], staffing)
    return figure


def save_day_plot(
    path: Path, scenarios: Mapping[str, Any], opens: datetime, staffing: Sequence[HourStaffing] = ()
) -> None:
    """Write the figure as an image; the format follows the file's suffix (PNG, SVG, PDF)."""
    day_figure(scenarios, opens, staffing).savefig(path, dpi=110)
