"""The report's pictures show the figures they are given: one queue line per scenario, hour
labels on the office's clock, bars of counters needed and planned."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.patches import Rectangle

from foresight.office_day import plain_hall
from foresight.plots import HourStaffing, day_figure, save_day_plot
from foresight.report import comparison_json
from foresight.scenarios import compare, counter_added, planned

OPENS = datetime(2025, 3, 4, 8, 0, tzinfo=UTC)


def _scenarios() -> dict[str, Any]:
    hall = plain_hall(30.0, 6.0, 3, 4.0, OPENS)
    result = compare(hall, [planned(hall), counter_added(hall, 0, 2)], replications=4, seed=1)
    return comparison_json(result)["scenarios"]


def test_each_scenario_is_a_line_of_its_mean_queue_on_the_office_clock() -> None:
    scenarios = _scenarios()
    axes = day_figure(scenarios, OPENS).axes[0]
    lines = axes.get_lines()
    assert [line.get_label() for line in lines] == ["planned", "counter added 0h 2h"]
    for line, scenario in zip(lines, scenarios.values(), strict=True):
        assert np.asarray(line.get_ydata()).tolist() == [p["mean"] for p in scenario["queue_length"]]
    assert [t.get_text() for t in axes.get_xticklabels()] == ["08:00", "09:00", "10:00", "11:00", "12:00"]


def test_staffing_bars_stand_for_the_counters_planned_and_needed(tmp_path: Path) -> None:
    staffing = [HourStaffing("08:00", 4, 3), HourStaffing("09:00", 2, 3)]
    figure = day_figure(_scenarios(), OPENS, staffing)
    bars = [b for b in figure.axes[1].patches if isinstance(b, Rectangle)]
    assert [round(b.get_height()) for b in bars] == [3, 3, 4, 2]  # planned first, then needed
    save_day_plot(tmp_path / "day.png", _scenarios(), OPENS, staffing)
    assert (tmp_path / "day.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
