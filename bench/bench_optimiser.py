"""Optimiser benchmark on generated national instances: prints figures, asserts nothing.

    .venv/bin/python -m bench.bench_optimiser [--sizes 10000 100000] [--seed 0]

Each size runs in a fresh child process so its peak memory (ru_maxrss, which also counts what
OR-Tools allocates in C++) belongs to that size alone. Timings: *build* is the flow network
from the plain problem, *lowest-peak search* the max-flow runs of `scheduler.peak`, *solve* the
min-cost flow, *all of assign()* adds grouping, turning flows into assignments, pricing and
the lower bound; its CPU time is shown too, since wall time suffers when the machine is shared.
Then the greedy baseline, the independent verification of both, and the rebalance after
closing the busiest office-day.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from typing import Any

from rich.console import Console
from rich.table import Table

from scheduler.assign import AssignmentSolver
from scheduler.closure import close_office_day
from scheduler.generate import Instance, InstanceSpec, generate
from scheduler.greedy import first_come_first_served
from scheduler.metrics import measure
from scheduler.rebalance import rebalance
from scheduler.solution import Solution
from scheduler.verify import check, verify_rebalance


def _rebalance_busiest_day(instance: Instance, solution: Solution) -> dict[str, Any]:
    """Close the office-day with the most visitors after optimising and rehouse them."""
    placed = Counter(a.slot_key for a in solution.assignments)
    slots = [replace(s, booked=s.booked + placed.get(s.key, 0)) for s in instance.problem.slots]
    load: Counter[tuple[str, Any]] = Counter()
    for s in slots:
        load[(s.office_id, s.day)] += s.booked
    (office_id, day), _ = load.most_common(1)[0]
    bookings = [
        (f"{s.key}#{i}", s.key)
        for s in slots
        if s.office_id == office_id and s.day == day
        for i in range(s.booked)
    ]
    locations = {o.id: (o.lat, o.lon) for o in instance.offices}
    started = time.perf_counter()
    displaced, after = close_office_day(slots, bookings, office_id, day, locations)
    plan = rebalance(displaced, after)
    seconds = time.perf_counter() - started
    violations = verify_rebalance(displaced, after, plan)
    s = plan.stats
    return {
        "office_day": f"{office_id} {day.isoformat()}",
        "displaced": s.displaced,
        "same_office": s.moved_same_office_same_day + s.moved_same_office_other_day,
        "other_office": s.moved_other_office,
        "unplaced": s.unplaced,
        "travel_km": s.travel_km,
        "seconds": seconds,
        "violations": len(violations),
    }


def run_one(requests: int, seed: int) -> dict[str, Any]:
    """Everything for one size, in this process; returns plain figures."""
    started = time.perf_counter()
    instance = generate(InstanceSpec(requests=requests, seed=seed))
    generate_seconds = time.perf_counter() - started
    problem = instance.problem

    started, cpu_started = time.perf_counter(), time.process_time()
    solution = AssignmentSolver(problem).solve()
    assign_seconds = time.perf_counter() - started
    assign_cpu_seconds = time.process_time() - cpu_started
    started = time.perf_counter()
    check(problem, solution)
    verify_seconds = time.perf_counter() - started

    started = time.perf_counter()
    greedy = first_come_first_served(problem)
    greedy_seconds = time.perf_counter() - started
    check(problem, greedy)

    ours, theirs = measure(problem, solution), measure(problem, greedy)
    return {
        "requests": requests,
        "offices": len(instance.offices),
        "slots": len(problem.slots),
        "groups": solution.stats.groups,
        "nodes": solution.stats.nodes,
        "arcs": solution.stats.arcs,
        "generate_s": generate_seconds,
        "build_s": solution.stats.build_seconds,
        "peak_s": solution.stats.peak_seconds,
        "solve_s": solution.stats.solve_seconds,
        "peak_cap": solution.stats.peak_cap,
        "assign_s": assign_seconds,
        "assign_cpu_s": assign_cpu_seconds,
        "verify_s": verify_seconds,
        "greedy_s": greedy_seconds,
        "placed": ours.placed_share,
        "greedy_placed": theirs.placed_share,
        "crowding": solution.crowding_cost,
        "crowding_bound": solution.crowding_lower_bound,
        "objective": solution.objective,
        "objective_bound": solution.lower_bound,
        "gap": solution.gap,
        "peak": ours.peak_utilisation,
        "greedy_peak": theirs.peak_utilisation,
        "peak_hour": ours.peak_hour_utilisation,
        "greedy_peak_hour": theirs.peak_hour_utilisation,
        "std": ours.utilisation_std,
        "greedy_std": theirs.utilisation_std,
        "km": ours.mean_distance_km,
        "greedy_km": theirs.mean_distance_km,
        "greedy_crowding": theirs.crowding_cost,
        "rebalance": _rebalance_busiest_day(instance, solution),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _in_child(requests: int, seed: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_optimiser", "--one", str(requests), "--seed", str(seed)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _lower(new: float, old: float) -> str:
    return f"{100 * (old - new) / old:.0f}% lower" if old else "–"


def print_tables(rows: list[dict[str, Any]], console: Console) -> None:
    sizes = [f"{r['requests']:,} requests" for r in rows]
    main = Table(title="Optimiser benchmark (300 offices, 5 days, 15-minute slots)")
    main.add_column("")
    for size in sizes:
        main.add_column(size, justify="right")

    def row(name: str, fmt: Any) -> None:
        main.add_row(name, *(fmt(r) for r in rows))

    row("slots / request groups", lambda r: f"{r['slots']:,} / {r['groups']:,}")
    row("network nodes / arcs", lambda r: f"{r['nodes']:,} / {r['arcs']:,}")
    row("build (s)", lambda r: f"{r['build_s']:.2f}")
    row("lowest-peak search (s)", lambda r: f"{r['peak_s']:.2f}")
    row("min-cost flow solve (s)", lambda r: f"{r['solve_s']:.2f}")
    row("build + search + solve (s)", lambda r: f"{r['build_s'] + r['peak_s'] + r['solve_s']:.2f}")
    row("all of assign() (s)", lambda r: f"{r['assign_s']:.2f}")
    row("  of which CPU (s)", lambda r: f"{r['assign_cpu_s']:.2f}")
    row("verify (s)", lambda r: f"{r['verify_s']:.2f}")
    row("peak memory (MB, whole run)", lambda r: f"{r['peak_mb']:,.0f}")
    row("placed: optimiser / greedy", lambda r: f"{100 * r['placed']:.2f}% / {100 * r['greedy_placed']:.2f}%")
    row("crowding: cost / bound", lambda r: f"{r['crowding']:,.0f} / {r['crowding_bound']:,.0f}")
    row("crowding above its bound", lambda r: f"{100 * (r['crowding'] / r['crowding_bound'] - 1):.1f}%")
    row("objective gap to bound", lambda r: f"{100 * r['gap']:.1f}%")
    row("greedy crowding", lambda r: f"{r['greedy_crowding']:,.0f}")
    row(
        "peak hall utilisation: opt / greedy",
        lambda r: f"{100 * r['peak']:.0f}% / {100 * r['greedy_peak']:.0f}%",
    )
    row("  peak reduction", lambda r: _lower(r["peak"], r["greedy_peak"]))
    row(
        "peak hour utilisation: opt / greedy",
        lambda r: f"{100 * r['peak_hour']:.0f}% / {100 * r['greedy_peak_hour']:.0f}%",
    )
    row("std of utilisation: opt / greedy", lambda r: f"{r['std']:.3f} / {r['greedy_std']:.3f}")
    row("mean distance km: opt / greedy", lambda r: f"{r['km']:.1f} / {r['greedy_km']:.1f}")
    console.print(main)

    closing = Table(title="Rebalance after closing the busiest office-day")
    closing.add_column("")
    for size in sizes:
        closing.add_column(size, justify="right")
    for name, key, fmt in (
        ("office-day", "office_day", str),
        ("displaced bookings", "displaced", "{:,}".format),
        ("moved within the office", "same_office", "{:,}".format),
        ("moved to a nearby office", "other_office", "{:,}".format),
        ("not placed (listed)", "unplaced", "{:,}".format),
        ("extra travel (km, total)", "travel_km", "{:,.0f}".format),
        ("time (s)", "seconds", "{:.2f}".format),
        ("verifier violations", "violations", str),
    ):
        closing.add_row(name, *(fmt(r["rebalance"][key]) for r in rows))
    console.print(closing)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.seed)))
        return
    console = Console()
    rows = []
    for size in args.sizes:
        console.print(f"running {size:,} requests…")
        rows.append(_in_child(size, args.seed))
    print_tables(rows, console)


if __name__ == "__main__":
    main()
