"""Optimiser benchmark on generated national instances: prints figures, asserts nothing.

    .venv/bin/python -m bench.bench_optimiser [--sizes 10000 100000] [--seed 0] [--chains 0.05]

`--chains` makes that share of the requests chains (two or three services, one trip), which are
placed before the flow (`scheduler.chains`); *chains* is their part of assign()'s time.

Each size runs in a fresh child process so its peak memory (ru_maxrss, which also counts what
OR-Tools allocates in C++) belongs to that size alone. Timings: *build* is the flow network
from the plain problem, *lowest-peak search* the max-flow runs of `scheduler.peak`, *solve* the
min-cost flow, *all of assign()* adds grouping, turning flows into assignments, pricing and
the lower bound; its CPU time is shown too, since wall time suffers when the machine is shared,
and apart the CPU time of the forked process that solves regions beside it
(`scheduler.parallel_regions`), which runs at the same time on a second core.
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
    placed = Counter(key for a in solution.assignments for key in a.slot_keys)
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
    stats = plan.stats
    return {
        "office_day": f"{office_id} {day.isoformat()}",
        "displaced": stats.displaced,
        "same_office": stats.moved_same_office_same_day + stats.moved_same_office_other_day,
        "other_office": stats.moved_other_office,
        "unplaced": stats.unplaced,
        "travel_km": stats.travel_km,
        "seconds": seconds,
        "violations": len(violations),
    }


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (the regions solved side by side)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_one(requests: int, seed: int, chains: float = 0.0) -> dict[str, Any]:
    """Everything for one size, in this process; returns plain figures."""
    started = time.perf_counter()
    instance = generate(InstanceSpec(requests=requests, seed=seed, chain_share=chains))
    generate_seconds = time.perf_counter() - started
    problem = instance.problem

    started, cpu_started, side_started = time.perf_counter(), time.process_time(), _children_cpu()
    solution = AssignmentSolver(problem).solve()
    assign_seconds = time.perf_counter() - started
    assign_cpu_seconds = time.process_time() - cpu_started
    side_cpu_seconds = _children_cpu() - side_started
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
        "demand_cap": solution.stats.demand_cap,
        "chains_above_cap": solution.stats.chains_above_cap,
        "chains": solution.stats.chains,
        "chains_placed": sum(1 for a in solution.assignments if a.later_slot_keys),
        "greedy_chains_placed": sum(1 for a in greedy.assignments if a.later_slot_keys),
        "chain_s": solution.stats.chain_seconds,
        "assign_s": assign_seconds,
        "assign_cpu_s": assign_cpu_seconds,
        "assign_side_cpu_s": side_cpu_seconds,
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
        # The forked region solver's peak, pages it shares with this process included.
        "side_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _in_child(requests: int, seed: int, chains: float) -> dict[str, Any]:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.bench_optimiser",
            "--one",
            str(requests),
            "--seed",
            str(seed),
            "--chains",
            str(chains),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _lower(new: float, old: float) -> str:
    return f"{100 * (old - new) / old:.0f}% lower" if old else "–"


def print_tables(rows: list[dict[str, Any]], console: Console, chains: float = 0.0) -> None:
    sizes = [f"{r['requests']:,} requests" for r in rows]
    title = "Optimiser benchmark (300 offices, 5 days, 15-minute slots"
    main = Table(title=f"{title}, {100 * chains:g}% chains)" if chains else f"{title})")
    main.add_column("")
    for size in sizes:
        main.add_column(size, justify="right")

    def row(name: str, fmt: Any) -> None:
        main.add_row(name, *(fmt(r) for r in rows))

    row("slots / request groups", lambda r: f"{r['slots']:,} / {r['groups']:,}")
    row("network nodes / arcs", lambda r: f"{r['nodes']:,} / {r['arcs']:,}")
    if chains:
        row(
            "chains placed: optimiser / greedy",
            lambda r: f"{r['chains_placed']:,} / {r['greedy_chains_placed']:,} of {r['chains']:,}",
        )
        row("chains (s)", lambda r: f"{r['chain_s']:.2f}")
        row(
            "lowest peak: whole demand / cap",
            lambda r: f"{100 * (r['demand_cap'] or 0):.0f}% / {100 * (r['peak_cap'] or 0):.0f}%",
        )
        row("chains above the cap", lambda r: f"{r['chains_above_cap']:,}")
    row("build (s)", lambda r: f"{r['build_s']:.2f}")
    row("lowest-peak search (s)", lambda r: f"{r['peak_s']:.2f}")
    row("min-cost flow solve (s)", lambda r: f"{r['solve_s']:.2f}")
    row("build + search + solve (s)", lambda r: f"{r['build_s'] + r['peak_s'] + r['solve_s']:.2f}")
    row("all of assign() (s)", lambda r: f"{r['assign_s']:.2f}")
    row("  of which CPU (s)", lambda r: f"{r['assign_cpu_s']:.2f}")
    row("  CPU of regions solved beside it (s)", lambda r: f"{r.get('assign_side_cpu_s', 0.0):.2f}")
    row("verify (s)", lambda r: f"{r['verify_s']:.2f}")
    row("peak memory (MB, whole run)", lambda r: f"{r['peak_mb']:,.0f}")
    row("  of the process solving regions beside it", lambda r: f"{r.get('side_peak_mb', 0.0):,.0f}")
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
    parser.add_argument("--chains", type=float, default=0.0, help="share of requests that are chains")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.seed, args.chains)))
        return
    console = Console()
    rows = []
    for size in args.sizes:
        console.print(f"running {size:,} requests…")
        rows.append(_in_child(size, args.seed, args.chains))
    print_tables(rows, console, args.chains)


if __name__ == "__main__":
    main()
