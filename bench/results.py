"""A benchmark run on record: what each benchmark measured, on which machine, at which commit.

Each benchmark calls :func:`record` once at the end of its main with a dict of plain figures
(JSON values). ``python -m bench`` points ``MAWID_BENCH_RECORDS`` at a JSON-lines file, runs the
benchmarks, reads their records back (:func:`read_records`) and writes the whole run as one JSON
file under ``bench/results/`` (:func:`write_run`). A benchmark run on its own, without the
variable, records nothing.

Latency distributions are kept as percentile lists (:func:`percentiles`): ``[[p, ms], ...]`` over
:data:`PERCENTILES`, enough to draw a CDF and small enough to commit.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RECORDS_ENV = "MAWID_BENCH_RECORDS"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
REPO = RESULTS_DIR.parent.parent
SCHEMA = 1

# Where a latency distribution is sampled: dense in the tail, where the targets are.
PERCENTILES: tuple[float, ...] = (
    0, 1, 5, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 97.5, 99, 99.5, 99.9, 99.99, 100,
)  # fmt: skip

Percentiles = list[list[float]]  # [[percentile, milliseconds], ...], percentile ascending


@dataclass(frozen=True)
class Record:
    """One benchmark's figures, as it handed them to :func:`record`."""

    bench: str
    figures: dict[str, Any]


@dataclass(frozen=True)
class Machine:
    cores: int
    cpu_model: str
    load_average: tuple[float, float, float]  # 1, 5 and 15 minutes, when the run started
    python: str

    @classmethod
    def here(cls) -> Machine:
        one, five, fifteen = os.getloadavg()
        load = (round(one, 2), round(five, 2), round(fifteen, 2))
        return cls(os.cpu_count() or 0, _cpu_model(), load, platform.python_version())


@dataclass(frozen=True)
class Run:
    """A whole ``python -m bench``: the machine and code it ran on, and every benchmark's record."""

    date: str  # UTC, ISO 8601, when the run started
    commit: str
    dirty: bool  # uncommitted changes (bench/results/ aside) when it started
    machine: Machine
    benchmarks: list[str]  # the names asked for, with their arguments
    quick: bool = False  # shortened runs that check the wiring, not figures to compare
    records: list[Record] = field(default_factory=list)

    @property
    def short_commit(self) -> str:
        return self.commit[:7]

    @property
    def label(self) -> str:
        """How a plot or a comparison names this run."""
        flags = ("+dirty" if self.dirty else "") + (" quick" if self.quick else "")
        return f"{self.date[:16].replace('T', ' ')} {self.short_commit}{flags}"

    def figures(self, bench: str) -> dict[str, Any] | None:
        """The last record of that benchmark in this run, if it ran."""
        found = [r.figures for r in self.records if r.bench == bench]
        return found[-1] if found else None

    def file_name(self) -> str:
        stamp = self.date[:19].replace("-", "").replace(":", "")  # 20261201T190512
        flags = ("-dirty" if self.dirty else "") + ("-quick" if self.quick else "")
        return f"{stamp}Z-{self.short_commit}{flags}.json"

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "date": self.date,
            "commit": self.commit,
            "dirty": self.dirty,
            "quick": self.quick,
            "machine": {
                "cores": self.machine.cores,
                "cpu_model": self.machine.cpu_model,
                "load_average": list(self.machine.load_average),
                "python": self.machine.python,
            },
            "benchmarks": self.benchmarks,
            "records": [{"bench": r.bench, "figures": r.figures} for r in self.records],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Run:
        machine = data["machine"]
        one, five, fifteen = machine["load_average"]
        return cls(
            date=data["date"],
            commit=data["commit"],
            dirty=bool(data["dirty"]),
            quick=bool(data.get("quick", False)),
            machine=Machine(
                int(machine["cores"]), machine["cpu_model"], (one, five, fifteen), machine["python"]
            ),
            benchmarks=list(data["benchmarks"]),
            records=[Record(r["bench"], dict(r["figures"])) for r in data["records"]],
        )


def record(bench: str, figures: Mapping[str, Any]) -> None:
    """Hand this benchmark's figures to the ``python -m bench`` that runs it (if one does)."""
    path = os.environ.get(RECORDS_ENV)
    if not path:
        return
    line = json.dumps({"bench": bench, "figures": _finite(dict(figures))}, allow_nan=False)
    with open(path, "a", encoding="utf-8") as out:
        out.write(line + "\n")


def _finite(value: Any) -> Any:
    """The value with NaN and infinities as ``null``: strict JSON, and "not measured" stays visible."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def read_records(path: Path) -> list[Record]:
    if not path.exists():
        return []
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return [Record(row["bench"], row["figures"]) for row in rows]


def percentiles(samples_ms: Sequence[float]) -> Percentiles:
    """The samples' distribution at :data:`PERCENTILES` (nearest rank), for a CDF and the tails."""
    ordered = sorted(samples_ms)
    if not ordered:
        return []
    last = len(ordered) - 1
    return [[p, round(ordered[min(last, round(p / 100 * last))], 3)] for p in PERCENTILES]


def at(distribution: Percentiles, percentile: float) -> float | None:
    """The latency at that percentile, if the distribution has it."""
    for p, ms in distribution:
        if p == percentile:
            return ms
    return None


def start_run(benchmarks: list[str], quick: bool = False) -> Run:
    commit, dirty = _git_state()
    date = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return Run(date, commit, dirty, Machine.here(), benchmarks, quick)


def write_run(run: Run, directory: Path = RESULTS_DIR) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / run.file_name()
    path.write_text(json.dumps(run.to_json(), indent=1, allow_nan=False) + "\n", encoding="utf-8")
    return path


def load_run(path: Path) -> Run:
    return Run.from_json(json.loads(path.read_text(encoding="utf-8")))


def last_runs(count: int, directory: Path = RESULTS_DIR) -> list[Run]:
    """The last ``count`` runs written there, oldest first (file names start with the UTC date)."""
    paths = sorted(directory.glob("*.json"))[-count:] if count > 0 else []
    return [load_run(p) for p in paths]


def runs_parser(description: str | None, default_last: int) -> argparse.ArgumentParser:
    """The command line that chooses runs, shared by ``bench.summary`` and ``bench.plot``: run
    files named, else the last ``--last`` in ``--dir``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("files", nargs="*", type=Path, help="run files (default: the last --last runs)")
    parser.add_argument(
        "--last", type=int, default=default_last, help=f"how many of the last runs (default {default_last})"
    )
    parser.add_argument(
        "--dir", type=Path, default=RESULTS_DIR, help="where the runs are (default: %(default)s)"
    )
    return parser


def chosen_runs(args: argparse.Namespace) -> list[Run]:
    """The runs ``runs_parser``'s arguments name (none yet: an empty list)."""
    return [load_run(p) for p in args.files] if args.files else last_runs(args.last, args.dir)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _git_state() -> tuple[str, bool]:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "HEAD") or "unknown"
    changes = git("status", "--porcelain", "--", ".", ":(exclude)bench/results")
    return commit, bool(changes)
