"""Optimiser benchmark on generated national instances: prints figures, asserts nothing.

    .venv/bin/python -m bench.bench_optimiser [--sizes 10000 100000] [--seed 0] [--chains 0.05]
        [--tight]

`--chains` makes that share of the requests chains (two or three services, one trip), which are
placed before the flow (`scheduler.chains`); *chains* is their part of assign()'s time.

Each size runs in a fresh child process so its peak memory (ru_maxrss, which also counts what
OR-Tools allocates in C++) belongs to that size alone. Timings: *build* is the flow network
from the plain problem, *lowest-peak search* the max-flow runs of `scheduler.peak`, *solve* the
min-cost flow, *all of assign()* adds grouping, turning flows into assignments, pricing and
the lower bound; its CPU time is shown too, since wall time suffers when the machine is shared,
and apart the CPU time of the forked process that solves regions beside it
(`scheduler.parallel_regions`), which runs at the same time on a second core.
Then one more solve without the peak cap (`scheduler.optimum`): the exact optimum when there are
no chains, against which the cap's price is measured. Then the two baselines, first come first
served (nearest office, earliest slot) and cheapest slot (each request in arrival order at its
cheapest slot by the objective's preference cost, ties to the emptiest hall), the independent
verification of all three (maximum placement for the optimiser), and the rebalance after closing
the busiest office-day.

`--tight` generates instances where capacity is short: the offices are staffed for as many
requests as are generated (`design_requests`) at `TIGHT_LOAD` of their capacity, direct
bookings on top, so many requests find no room and the busiest halls fill up.
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

from bench.results import record
from scheduler.assign import AssignmentSolver
from scheduler.closure import close_office_day
from scheduler.costs import hall_totals
from scheduler.generate import Instance, InstanceSpec, generate
from scheduler.greedy import cheapest_first, first_come_first_served
from scheduler.metrics import measure
from scheduler.optimum import uncapped_optimum, with_uncapped
from scheduler.problem import Problem
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


#: `--tight`: the share of capacity the generated requests need (direct bookings come on top).
TIGHT_LOAD = 0.9


def spec_of(requests: int, seed: int, chains: float = 0.0, tight: bool = False) -> InstanceSpec:
    """The generated instance of one benchmark column."""
    if tight:
        return InstanceSpec(
            requests=requests, design_requests=requests, target_load=TIGHT_LOAD, seed=seed, chain_share=chains
        )
    return InstanceSpec(requests=requests, seed=seed, chain_share=chains)


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (the regions solved side by side)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_one(requests: int, seed: int, chains: float = 0.0, tight: bool = False) -> dict[str, Any]:
    """Everything for one size, in this process; returns plain figures."""
    started = time.perf_counter()
    instance = generate(spec_of(requests, seed, chains, tight))
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
    cpu_started = time.process_time()
    uncapped = uncapped_optimum(problem)
    uncapped_cpu_seconds = time.process_time() - cpu_started
    solution = with_uncapped(solution, uncapped)

    started = time.perf_counter()
    greedy = first_come_first_served(problem)
    greedy_seconds = time.perf_counter() - started
    check(problem, greedy, maximum=False)
    started, cpu_started = time.perf_counter(), time.process_time()
    fair = cheapest_first(problem)
    fair_seconds = time.perf_counter() - started
    fair_cpu_seconds = time.process_time() - cpu_started
    check(problem, fair, maximum=False)

    ours, theirs, cheapest = measure(problem, solution), measure(problem, greedy), measure(problem, fair)
    return {
        "requests": requests,
        "tight": tight,
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
        "fair_s": fair_seconds,
        "fair_cpu_s": fair_cpu_seconds,
        "uncapped_s": uncapped.seconds,
        "uncapped_cpu_s": uncapped_cpu_seconds,
        "uncapped_exact": uncapped.exact,
        "uncapped_objective": uncapped.objective,
        "uncapped_crowding": uncapped.crowding,
        "uncapped_placed": uncapped.solution.placed,
        "cap_price": solution.cap_price,
        "fair_placed": cheapest.placed_share,
        "fair_crowding": cheapest.crowding_cost,
        "fair_peak": cheapest.peak_utilisation,
        "fair_peak_hour": cheapest.peak_hour_utilisation,
        "fair_std": cheapest.utilisation_std,
        "fair_km": cheapest.mean_distance_km,
        "fair_objective": cheapest.objective,
        "greedy_objective": theirs.objective,
        "direct_peak": _direct_peak(problem),
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


def _direct_peak(problem: Problem) -> float:
    """The busiest hall before anyone is placed: direct bookings alone."""
    return max((b / c for b, c in hall_totals(problem.slots).values() if c > 0), default=0.0)


def _in_child(requests: int, seed: int, chains: float, tight: bool = False) -> dict[str, Any]:
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
            *(["--tight"] if tight else []),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _lower(new: float, old: float) -> str:
    return f"{100 * (old - new) / old:.0f}% lower" if old else "–"


PEAK_HOURS = ("peak_hour", "greedy_peak_hour", "fair_peak_hour")


def print_tables(rows: list[dict[str, Any]], console: Console, chains: float = 0.0) -> None:
    sizes = [f"{r['requests']:,} requests" + (" (tight)" if r.get("tight") else "") for r in rows]
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
    row(
        "uncapped optimum (s / CPU s)",
        lambda r: (
            f"{r['uncapped_s']:.2f} / {r.get('uncapped_cpu_s', 0):.2f}"
            + ("" if r["uncapped_exact"] else " (chains: option search)")
        ),
    )
    row("cheapest-slot baseline (s / CPU s)", lambda r: f"{r['fair_s']:.2f} / {r.get('fair_cpu_s', 0):.2f}")
    row(
        "placed: optimiser / FCFS / cheapest slot",
        lambda r: (
            f"{100 * r['placed']:.2f}% / {100 * r['greedy_placed']:.2f}% / {100 * r['fair_placed']:.2f}%"
        ),
    )
    row(
        "objective: with peak cap / uncapped",
        lambda r: f"{r['objective']:,.0f} / {r['uncapped_objective']:,.0f}",
    )
    row("  price of the peak cap", lambda r: f"{100 * (r['cap_price'] or 0):+.2f}%")
    row(
        "crowding: with peak cap / uncapped",
        lambda r: f"{r['crowding']:,.0f} / {r['uncapped_crowding']:,.0f}",
    )
    if any(not r["uncapped_exact"] for r in rows):
        row(
            "objective gap to relaxation bound (chains)",
            lambda r: "exact" if r["uncapped_exact"] else f"{100 * r['gap']:.1f}%",
        )
    row(
        "crowding: opt / FCFS / cheapest slot",
        lambda r: f"{r['crowding']:,.0f} / {r['greedy_crowding']:,.0f} / {r['fair_crowding']:,.0f}",
    )
    row(
        "  crowding vs FCFS / vs cheapest slot",
        lambda r: (
            f"{_lower(r['crowding'], r['greedy_crowding'])} / {_lower(r['crowding'], r['fair_crowding'])}"
        ),
    )
    row(
        "objective: opt / FCFS / cheapest slot",
        lambda r: f"{r['objective']:,.0f} / {r['greedy_objective']:,.0f} / {r['fair_objective']:,.0f}",
    )
    row("busiest hall from direct bookings alone", lambda r: f"{100 * r['direct_peak']:.0f}%")
    row(
        "busiest hall: opt / FCFS / cheapest slot",
        lambda r: f"{100 * r['peak']:.0f}% / {100 * r['greedy_peak']:.0f}% / {100 * r['fair_peak']:.0f}%",
    )
    row(
        "peak hour: opt / FCFS / cheapest slot",
        lambda r: " / ".join(f"{100 * r[k]:.0f}%" for k in PEAK_HOURS),
    )
    row(
        "std of utilisation: opt / FCFS / cheapest",
        lambda r: f"{r['std']:.3f} / {r['greedy_std']:.3f} / {r['fair_std']:.3f}",
    )
    row(
        "mean distance km: opt / FCFS / cheapest",
        lambda r: f"{r['km']:.1f} / {r['greedy_km']:.1f} / {r['fair_km']:.1f}",
    )
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
    parser.add_argument(
        "--tight", action="store_true", help="capacity short: staffed for the requests at 90%%"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.seed, args.chains, args.tight)))
        return
    console = Console()
    rows = []
    for size in args.sizes:
        console.print(f"running {size:,} requests{' (tight)' if args.tight else ''}…")
        rows.append(_in_child(size, args.seed, args.chains, args.tight))
    print_tables(rows, console, args.chains)
    record("optimiser", {"seed": args.seed, "chains": args.chains, "sizes": rows})


if __name__ == "__main__":
    main()
