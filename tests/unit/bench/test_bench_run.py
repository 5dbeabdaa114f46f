"""`python -m bench` end to end: benchmarks in their own processes hand over figures, the run is written."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import bench.__main__ as bench_main
from bench.__main__ import without_password
from bench.results import load_run

REPO = Path(__file__).resolve().parents[3]

FAKE_DISPLAY = """
from bench.results import percentiles, record

samples = [float(ms) for ms in range(10, 60)]
record("display", {"setups": {"one_process": {
    "name": "one process", "sockets": 1000, "calls": 1, "p50_ms": 35.0, "p99_ms": 59.0,
    "percentiles": percentiles(samples)}}})
"""


def test_the_run_holds_what_each_benchmark_recorded_and_a_failure_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "fake_display.py").write_text(FAKE_DISPLAY)
    (tmp_path / "fake_broken.py").write_text("raise SystemExit(3)\n")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), str(REPO)]))
    monkeypatch.setattr(bench_main, "BENCHMARKS", {"display": ["fake_display"], "broken": ["fake_broken"]})

    status = bench_main.main(["display", "broken", "--results", str(tmp_path / "runs")])

    assert status == 1
    [written] = (tmp_path / "runs").glob("*.json")
    run = load_run(written)
    assert [r.bench for r in run.records] == ["display"]
    assert run.benchmarks == ["display", "broken"]
    assert run.machine.python == ".".join(map(str, sys.version_info[:3]))
    printed = capfd.readouterr().out
    assert "p50 35 ms, p99 59 ms (1 calls)" in printed
    assert "failed: broken" in printed
    assert printed.count("not run") == 7  # the rush (4), the optimiser (2), the second display setup


def test_an_unknown_benchmark_is_refused_before_anything_runs(tmp_path: Path) -> None:
    assert bench_main.main(["nosuch", "--results", str(tmp_path)]) == 2
    assert list(tmp_path.iterdir()) == []


def test_a_database_password_never_reaches_the_run_file() -> None:
    admin = "postgresql+asyncpg://postgres:s3cret@db.example:5432/test"
    assert without_password(admin) == "postgresql+asyncpg://postgres:***@db.example:5432/test"
    assert without_password("postgresql+asyncpg://postgres@127.0.0.1/test") == (
        "postgresql+asyncpg://postgres@127.0.0.1/test"
    )
    assert without_password("--seconds") == "--seconds"
