"""`make bench-plot` draws the runs' latency CDFs into a PNG: real matplotlib on two small run files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
from matplotlib.image import imread

from bench.plot import PANELS, distribution, main
from bench.results import write_run
from tests.unit.bench.runs import display, issue_run, rush

FIRST_LINE = np.array([0x1F, 0x77, 0xB4]) / 255  # matplotlib's first colour (C0)
SECOND_LINE = np.array([0xFF, 0x7F, 0x0E]) / 255  # and its second (C1)


def share_of(pixels: np.ndarray, colour: np.ndarray) -> float:
    return float(np.mean(np.all(np.abs(pixels[..., :3] - colour) < 0.02, axis=-1)))


def test_two_runs_are_drawn_into_one_png(tmp_path: Path) -> None:
    older = write_run(issue_run(date="2026-12-01T10:00:00Z"), tmp_path)
    newer = write_run(
        replace(
            issue_run(date="2026-12-02T10:00:00Z", commit="c" * 40),
            records=[rush("sqlite", 6400, (5200, 80), (1400, 120)), display(one=(20, 45), two=90)],
        ),
        tmp_path,
    )
    out = tmp_path / "plots" / "cdf.png"

    assert main([str(older), str(newer), "--out", str(out)]) == 0

    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = imread(out)
    assert pixels.shape[0] > 500 and pixels.shape[1] > 500
    assert share_of(pixels, FIRST_LINE) > 0.0005  # the older run's lines
    assert share_of(pixels, SECOND_LINE) > 0.0005  # and the newer run's


def test_the_last_runs_of_a_directory_and_an_empty_one(tmp_path: Path) -> None:
    for day in ("01", "02", "03"):
        write_run(issue_run(date=f"2026-12-{day}T10:00:00Z"), tmp_path / "runs")
    out = tmp_path / "cdf.png"

    assert main(["--last", "2", "--dir", str(tmp_path / "runs"), "--out", str(out)]) == 0
    assert out.exists()
    assert main(["--dir", str(tmp_path / "none"), "--out", str(tmp_path / "other.png")]) == 1
    assert not (tmp_path / "other.png").exists()


def test_each_panel_finds_its_distribution_in_the_records() -> None:
    run = issue_run()
    for panels in PANELS:
        for panel in panels:
            points = distribution(run, panel)
            assert points and points == sorted(points), panel.title
    missing = replace(run, records=[])
    assert all(distribution(missing, panel) == [] for panels in PANELS for panel in panels)
