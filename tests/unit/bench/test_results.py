"""A run on record: what the benchmarks hand over comes back the same, from the file and the run."""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.results import (
    PERCENTILES,
    RECORDS_ENV,
    Record,
    at,
    last_runs,
    load_run,
    percentiles,
    read_records,
    record,
    start_run,
    write_run,
)
from tests.unit.bench.runs import issue_run


def test_records_come_back_in_order_through_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "records.jsonl"
    monkeypatch.setenv(RECORDS_ENV, str(path))
    record("booking-sqlite", {"endpoints": {"bare": {"requests_per_second": 6402.5}}, "seconds": 8})
    record("display", {"setups": {}, "peak_rss_mb": [217.0, 128.5]})

    assert read_records(path) == [
        Record("booking-sqlite", {"endpoints": {"bare": {"requests_per_second": 6402.5}}, "seconds": 8}),
        Record("display", {"setups": {}, "peak_rss_mb": [217.0, 128.5]}),
    ]


def test_a_figure_that_is_not_a_number_is_recorded_as_null(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "records.jsonl"
    monkeypatch.setenv(RECORDS_ENV, str(path))
    record("booking-sqlite", {"memory_mb": {"peak": math.nan, "after": math.inf}, "rows": [1.0, -math.inf]})

    assert read_records(path)[0].figures == {"memory_mb": {"peak": None, "after": None}, "rows": [1.0, None]}


def test_without_the_variable_a_benchmark_records_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(RECORDS_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    record("optimiser", {"sizes": []})
    assert list(tmp_path.iterdir()) == []


def test_a_run_written_and_loaded_is_the_same_run(tmp_path: Path) -> None:
    run = issue_run(date="2026-12-01T19:05:12Z", commit="53d2e99" + "0" * 33)

    path = write_run(run, tmp_path)

    assert path.name == "20261201T190512Z-53d2e99.json"
    assert load_run(path) == run
    written = json.loads(path.read_text())
    assert written["machine"] == {
        "cores": 2,
        "cpu_model": "Test CPU",
        "load_average": [1.5, 1.0, 0.5],
        "python": "3.11.9",
    }
    assert written["commit"].startswith("53d2e99") and written["dirty"] is False


def test_dirty_and_quick_runs_say_so_in_their_name(tmp_path: Path) -> None:
    run = replace(issue_run(date="2026-12-01T19:05:12Z", commit="b" * 40), dirty=True, quick=True)
    assert write_run(run, tmp_path).name == "20261201T190512Z-bbbbbbb-dirty-quick.json"
    assert run.label == "2026-12-01 19:05 bbbbbbb+dirty quick"


def test_the_last_runs_are_the_latest_by_date_oldest_first(tmp_path: Path) -> None:
    for day in ("03", "01", "02"):
        write_run(issue_run(date=f"2026-12-{day}T10:00:00Z"), tmp_path)

    assert [r.date[:10] for r in last_runs(2, tmp_path)] == ["2026-12-02", "2026-12-03"]
    assert last_runs(0, tmp_path) == []


def test_a_run_starts_with_this_checkout_and_this_machine() -> None:
    run = start_run(["booking"])
    assert re.fullmatch(r"[0-9a-f]{40}", run.commit)
    assert run.machine.cores >= 1 and run.machine.python.startswith("3.")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", run.date)


@given(st.lists(st.floats(min_value=0, max_value=1e5, allow_nan=False), min_size=1, max_size=300))
def test_percentiles_climb_from_the_fastest_to_the_slowest(samples: list[float]) -> None:
    points = percentiles(samples)

    assert [p for p, _ in points] == list(PERCENTILES)
    values = [ms for _, ms in points]
    assert values == sorted(values)
    assert values[0] == round(min(samples), 3) and values[-1] == round(max(samples), 3)
    assert all(round(v, 3) in {round(s, 3) for s in samples} for v in values)


def test_the_median_of_known_samples() -> None:
    points = percentiles([float(ms) for ms in range(1, 102)])  # 1 … 101 ms
    assert at(points, 50) == 51.0
    assert at(points, 99) == 100.0
    assert at(points, 42.5) is None
    assert percentiles([]) == []
