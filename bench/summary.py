"""Issue 16's table from a run's records: every figure, its target beside it, met or not.

    .venv/bin/python -m bench.summary                       # the last run in bench/results/
    .venv/bin/python -m bench.summary --last 3              # the last three, side by side
    .venv/bin/python -m bench.summary bench/results/A.json bench/results/B.json

The rows are built from plain records (:mod:`bench.results`), so a run written months ago prints
the same way. A row whose benchmark did not run says so; a row measured at another scale than its
target's (fewer screens, a smaller optimiser instance: a quick run) shows its figures but judges
nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bench.results import Run, chosen_runs, runs_parser

OPTIMISER_SIZE = 100_000
DISPLAY_SOCKETS = 1_000
GB_MB = 1024


@dataclass(frozen=True)
class Check:
    """One condition of a target: ``value`` below ``limit`` (``below``) or at least it."""

    value: float
    limit: float
    below: bool

    @property
    def met(self) -> bool:
        return self.value < self.limit if self.below else self.value >= self.limit


@dataclass(frozen=True)
class Row:
    what: str
    figure: str  # "" when the benchmark did not run
    target: str
    checks: tuple[Check, ...] = ()
    judged: bool = True  # False when measured at another scale than the target's
    note: str = ""
    title: str = ""  # the name of the row, whatever the scale measured ("" when ``what`` is)
    scale: str = ""  # the scale measured, when it is not the target's ("200 sockets")

    @property
    def name(self) -> str:
        return self.title or self.what

    @property
    def met(self) -> bool | None:
        """True or False when the figures are there and comparable; None otherwise."""
        if not self.figure or not self.judged or not self.checks:
            return None
        return all(c.met for c in self.checks)

    @property
    def verdict(self) -> str:
        if not self.figure:
            return "not run"
        if self.met is None:
            return f"not judged ({self.note})" if self.note else "not judged"
        return "met" if self.met else "NOT met"


@dataclass(frozen=True)
class RushTarget:
    ratio: float  # of the bare endpoint's req/s, in the same run
    p99_ms: float


RUSH_TARGETS: dict[tuple[str, str], RushTarget] = {
    ("availability", "sqlite"): RushTarget(0.80, 100),
    ("availability", "postgresql"): RushTarget(0.80, 150),
    ("booking", "sqlite"): RushTarget(0.20, 150),
    ("booking", "postgresql"): RushTarget(0.15, 250),
}
BACKEND_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
OPTIMISER_SECONDS = 5.0
OPTIMISER_MB = 1 * GB_MB
CROWDING_ABOVE_BOUND = 0.02
DISPLAY_P99_MS = {"one_process": 50.0, "two_processes_redis": 100.0}
DISPLAY_NAMES = {"one_process": "one process", "two_processes_redis": "two processes over Redis"}


def rush_row(run: Run, endpoint: str, backend: str) -> Row:
    target = RUSH_TARGETS[(endpoint, backend)]
    what = f"{endpoint}, {BACKEND_NAMES[backend]}, vs bare"
    target_text = f"≥ {target.ratio:.0%}, p99 < {target.p99_ms:g} ms"
    figures = run.figures(f"booking-{backend}")
    if figures is None:
        return Row(what, "", target_text)
    measured, bare = figures["endpoints"][endpoint], figures["endpoints"]["bare"]
    ratio = measured["requests_per_second"] / bare["requests_per_second"]
    figure = (
        f"{ratio:.0%} ({measured['requests_per_second']:,.0f} vs {bare['requests_per_second']:,.0f} req/s),"
        f" p99 {measured['p99_ms']:.0f} ms"
    )
    if measured.get("non_2xx") and measured.get("requests"):  # refusals count in req/s: say how many
        figure += f", {measured['non_2xx'] / measured['requests']:.0%} refused"
    if measured.get("errors"):  # socket errors and wrk's timeouts (2 s) are in no latency
        figure += f", {measured['errors']:,} errors"
    checks = (Check(ratio, target.ratio, below=False), Check(measured["p99_ms"], target.p99_ms, below=True))
    return Row(what, figure, target_text, checks)


def _largest(sizes: list[dict[str, Any]]) -> dict[str, Any]:
    exact = [s for s in sizes if s["requests"] == OPTIMISER_SIZE]
    return exact[0] if exact else max(sizes, key=lambda s: s["requests"])


def optimiser_rows(run: Run) -> list[Row]:
    speed_target = f"< {OPTIMISER_SECONDS:g} s, < {OPTIMISER_MB / GB_MB:g} GB"
    quality_target = f"crowding within {CROWDING_ABOVE_BOUND:.0%} of its bound"
    figures = run.figures("optimiser")
    if figures is None or not figures.get("sizes"):
        return [
            Row(f"optimiser, {OPTIMISER_SIZE:,} requests", "", speed_target),
            Row(f"optimiser quality, {OPTIMISER_SIZE:,} requests", "", quality_target),
        ]
    r = _largest(figures["sizes"])
    judged = r["requests"] == OPTIMISER_SIZE
    note = "" if judged else f"target is for {OPTIMISER_SIZE:,} requests"
    scale = "" if judged else f"{r['requests']:,} requests"
    where = f"{r['requests']:,} requests / {r['offices']} offices"
    speed = Row(
        f"optimiser, {where}",
        f"assign() {r['assign_s']:.1f} s (CPU {r['assign_cpu_s']:.1f}; build {r['build_s']:.1f}, "
        f"peak search {r['peak_s']:.1f}, solve {r['solve_s']:.1f}), {r['peak_mb']:,.0f} MB",
        speed_target,
        (Check(r["assign_s"], OPTIMISER_SECONDS, below=True), Check(r["peak_mb"], OPTIMISER_MB, below=True)),
        judged,
        note,
        f"optimiser, {OPTIMISER_SIZE:,} requests",
        scale,
    )
    quality_what, quality_title = (
        f"optimiser quality, {where}",
        f"optimiser quality, {OPTIMISER_SIZE:,} requests",
    )
    # The bound: the exact optimum without the peak cap where the run solved one (no chains,
    # scheduler.optimum), else the relaxation's bound (chains are placed by a heuristic).
    exact = bool(r.get("uncapped_exact")) and bool(r.get("uncapped_crowding"))
    bound = r["uncapped_crowding"] if exact else r.get("crowding_bound")
    if not bound:
        placed = f"placed {r['placed']:.2%}"
        return [speed, Row(quality_what, placed, quality_target, (), judged, note, quality_title, scale)]
    above = r["crowding"] / bound - 1
    against = "the uncapped optimum" if exact else "its bound"
    baselines = f"greedy {r['greedy_placed']:.2%}"
    if r.get("fair_placed") is not None:
        baselines += f", cheapest slot {r['fair_placed']:.2%}"
    quality = Row(
        quality_what,
        f"placed {r['placed']:.2%} ({baselines}), crowding {above:+.1%} over {against}",
        quality_target,
        (Check(above, CROWDING_ABOVE_BOUND, below=True),),
        judged,
        note,
        quality_title,
        scale,
    )
    return [speed, quality]


def display_row(run: Run, setup: str) -> Row:
    limit = DISPLAY_P99_MS[setup]
    target_text = f"p99 < {limit:g} ms"
    figures = run.figures("display")
    measured = (figures or {}).get("setups", {}).get(setup)
    title = f"display, {DISPLAY_SOCKETS:,} sockets, {DISPLAY_NAMES[setup]}"
    if not measured:
        return Row(title, "", target_text)
    judged = measured["sockets"] == DISPLAY_SOCKETS
    return Row(
        f"display, {measured['sockets']:,} sockets, {DISPLAY_NAMES[setup]}",
        f"p50 {measured['p50_ms']:.0f} ms, p99 {measured['p99_ms']:.0f} ms ({measured['calls']} calls)",
        target_text,
        (Check(measured["p99_ms"], limit, below=True),),
        judged,
        "" if judged else f"target is for {DISPLAY_SOCKETS:,} sockets",
        title,
        "" if judged else f"{measured['sockets']:,} sockets",
    )


def summary(run: Run) -> list[Row]:
    """Issue 16's table, in its order."""
    return [
        rush_row(run, "availability", "sqlite"),
        rush_row(run, "availability", "postgresql"),
        rush_row(run, "booking", "sqlite"),
        rush_row(run, "booking", "postgresql"),
        *optimiser_rows(run),
        display_row(run, "one_process"),
        display_row(run, "two_processes_redis"),
    ]


def _run_caption(run: Run) -> str:
    m = run.machine
    load = " ".join(f"{x:.2f}" for x in m.load_average)
    return f"{run.label} — {m.cores} cores, {m.cpu_model}, load {load} at start, Python {m.python}"


VERDICT_STYLE = {"met": "green", "NOT met": "bold red"}


def run_table(run: Run) -> Table:
    table = Table(title="Issue 16: figures and targets", caption=_run_caption(run))
    for column in ("what", "now", "target", "verdict"):
        table.add_column(column)
    for row in summary(run):
        style = VERDICT_STYLE.get(row.verdict, "dim")
        table.add_row(row.what, row.figure or "–", row.target, f"[{style}]{row.verdict}[/]")
    return table


def _cell(row: Row) -> str:
    if not row.figure:
        return "–"
    return f"at {row.scale}: {row.figure}" if row.scale else row.figure


def comparison_table(runs: Sequence[Run]) -> Table:
    """The same rows, one column per run (oldest first); ✓ / ✗ where a target was judged, and the
    scale measured where it is not the target's."""
    table = Table(title="Issue 16: figures of the runs compared")
    table.add_column("what")
    for run in runs:
        table.add_column(run.label)
    table.add_column("target")
    columns = [summary(run) for run in runs]
    mark: dict[bool | None, str] = {True: " [green]✓[/]", False: " [red]✗[/]", None: ""}
    for i, first in enumerate(columns[0]):
        cells = [_cell(rows[i]) + mark[rows[i].met] for rows in columns]
        table.add_row(first.name, *cells, first.target)
    return table


def print_run(run: Run, console: Console | None = None, where: Path | None = None) -> None:
    console = console or Console(width=160)
    console.print(run_table(run))
    if where:
        console.print(f"run written to {where}")


def main(argv: list[str] | None = None) -> int:
    args = runs_parser(__doc__.splitlines()[0] if __doc__ else None, default_last=1).parse_args(argv)
    runs = chosen_runs(args)
    if not runs:
        print(f"no runs in {args.dir} yet: make bench")
        return 1
    console = Console(width=200)
    console.print(run_table(runs[0]) if len(runs) == 1 else comparison_table(runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
