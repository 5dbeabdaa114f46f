"""Latency CDFs of the last runs side by side: the rush (availability, booking) and the display.

    .venv/bin/python -m bench.plot [--last 3] [--out bench/results/latency-cdf.png] [RUN.json ...]

One panel per measured thing (rows: availability, booking, display; columns: SQLite and PostgreSQL,
or one process and two over Redis), one line per run, the target's p99 as a dashed line. The
y axis is a logit scale, so the median and the 99th and 99.9th percentiles get the same room.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from bench.results import RESULTS_DIR, Percentiles, Run, chosen_runs, runs_parser
from bench.summary import DISPLAY_P99_MS, RUSH_TARGETS

DEFAULT_OUT = RESULTS_DIR / "latency-cdf.png"
Y_TICKS = (0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 0.9999)


@dataclass(frozen=True)
class Panel:
    title: str
    bench: str
    path: tuple[str, ...]  # where the distribution sits in that bench's figures
    target_p99_ms: float


PANELS: tuple[tuple[Panel, Panel], ...] = (
    (
        Panel("availability, SQLite", "booking-sqlite", ("endpoints", "availability"),
              RUSH_TARGETS[("availability", "sqlite")].p99_ms),
        Panel("availability, PostgreSQL", "booking-postgresql", ("endpoints", "availability"),
              RUSH_TARGETS[("availability", "postgresql")].p99_ms),
    ),
    (
        Panel("booking, SQLite", "booking-sqlite", ("endpoints", "booking"),
              RUSH_TARGETS[("booking", "sqlite")].p99_ms),
        Panel("booking, PostgreSQL", "booking-postgresql", ("endpoints", "booking"),
              RUSH_TARGETS[("booking", "postgresql")].p99_ms),
    ),
    (
        Panel("display, one process", "display", ("setups", "one_process"), DISPLAY_P99_MS["one_process"]),
        Panel("display, two processes over Redis", "display", ("setups", "two_processes_redis"),
              DISPLAY_P99_MS["two_processes_redis"]),
    ),
)  # fmt: skip


def distribution(run: Run, panel: Panel) -> Percentiles:
    """That panel's percentile list in this run, [] when it did not measure it."""
    node: object = run.figures(panel.bench)
    for key in panel.path:
        node = node.get(key) if isinstance(node, dict) else None
    found = node.get("percentiles") if isinstance(node, dict) else None
    return found if isinstance(found, list) else []


def _draw(ax: Axes, panel: Panel, runs: Sequence[Run]) -> None:
    drawn = 0
    for i, run in enumerate(runs):
        points = [(ms, p / 100) for p, ms in distribution(run, panel) if 0 < p < 100 and ms > 0]
        if not points:
            continue
        latest = i == len(runs) - 1
        ax.plot(
            [ms for ms, _ in points],
            [q for _, q in points],
            marker=".",
            color=f"C{i % 10}",  # a run keeps its colour in every panel
            linewidth=2.2 if latest else 1.2,
            label=run.label,
        )
        drawn += 1
    ax.set_title(panel.title, fontsize=10)
    ax.axvline(panel.target_p99_ms, color="grey", linestyle="--", linewidth=1)
    ax.axhline(0.99, color="grey", linestyle=":", linewidth=0.8)
    if not drawn:
        ax.text(0.5, 0.5, "not measured in these runs", ha="center", va="center", transform=ax.transAxes)
        return
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))  # labels within a decade too
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_yscale("logit")
    ax.set_ylim(0.008, 0.99995)
    ax.set_yticks(Y_TICKS, [f"p{100 * q:g}" for q in Y_TICKS])
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("latency, ms (dashed: target p99)")
    ax.set_ylabel("percentile")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=7, loc="lower right")


def plot(runs: Sequence[Run], out: Path) -> Path:
    figure = Figure(figsize=(12, 12), layout="constrained")
    axes = figure.subplots(len(PANELS), 2)
    for row, panels in enumerate(PANELS):
        for column, panel in enumerate(panels):
            _draw(axes[row][column], panel, runs)
    first, last = runs[0], runs[-1]
    figure.suptitle(
        f"Latency CDFs, {len(runs)} run(s): {first.label} … {last.label}\n"
        f"{last.machine.cores} cores, {last.machine.cpu_model}",
        fontsize=11,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, dpi=90)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = runs_parser(__doc__.splitlines()[0] if __doc__ else None, default_last=3)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    runs = chosen_runs(args)
    if not runs:
        print(f"no runs in {args.dir} yet: make bench")
        return 1
    print(f"latency CDFs of {len(runs)} run(s) written to {plot(runs, args.out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
