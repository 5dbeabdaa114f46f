"""Regions of a flow network solved side by side, in this process and a forked one.

Regions share nothing but the sink (`scheduler.regions`), so each is its own min-cost flow.
OR-Tools holds the GIL while it solves, so threads would take turns: the regions are dealt
instead, largest first, to whichever of `workers` bins holds the fewest arcs; this process solves
the first bin and a forked child each other one, sending back the flows through a pipe. A fork
shares the network's arrays with the child without copying or pickling them, and the child only
runs the solver on them and exits (`os._exit`), touching nothing the parent holds locks on.

Splitting pays only when there is enough work beside the largest region to hide the fork (tens
of milliseconds); below `min_arcs` arcs outside the largest region everything stays here.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection

import numpy as np
from ortools.graph.python import min_cost_flow

#: Arcs outside the largest region below which a second process is not worth its start.
MIN_ARCS = 100_000


@dataclass(frozen=True)
class RegionProblem:
    """One region's min-cost flow: arcs in local numbering, supplies with its sink's last."""

    tails: np.ndarray
    heads: np.ndarray
    capacities: np.ndarray
    costs: np.ndarray
    supplies: np.ndarray


@dataclass(frozen=True)
class RegionResult:
    """Status name, the flow on each arc, the cost and the flow that reached the sink."""

    status: str
    flows: np.ndarray
    cost: int
    maximum_flow: int


def solve_region(region: RegionProblem) -> RegionResult:
    """Maximum flow first, then the least cost among maximum flows (`SolveMaxFlowWithMinCost`)."""
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(region.tails, region.heads, region.capacities, region.costs)
    solver.set_nodes_supplies(np.arange(len(region.supplies), dtype=np.int32), region.supplies)
    status = solver.solve_max_flow_with_min_cost()
    if status != solver.OPTIMAL:
        return RegionResult(str(status.name), np.zeros(0, dtype=np.int64), 0, 0)
    flows = solver.flows(np.arange(len(region.tails), dtype=np.int32))
    return RegionResult("OPTIMAL", flows, int(solver.optimal_cost()), int(solver.maximum_flow()))


def available_workers() -> int:
    """Processes worth using: the cores this process may run on, at most two."""
    return max(1, min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1))


def deal(sizes: Sequence[int], bins: int) -> list[list[int]]:
    """Indexes of `sizes` dealt into `bins`, largest first to the lightest bin."""
    dealt: list[list[int]] = [[] for _ in range(bins)]
    load = [0] * bins
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        lightest = load.index(min(load))
        dealt[lightest].append(i)
        load[lightest] += sizes[i]
    return dealt


def solve_regions(
    regions: Sequence[RegionProblem], workers: int = 1, min_arcs: int | None = None
) -> list[RegionResult]:
    """Every region's result, in order; with `workers` > 1, side by side where it pays
    (`min_arcs` outside the largest region, `MIN_ARCS` by default)."""
    min_arcs = MIN_ARCS if min_arcs is None else min_arcs
    sizes = [len(r.tails) for r in regions]
    beside_largest = sum(sizes) - max(sizes, default=0)
    if workers <= 1 or len(regions) < 2 or beside_largest < min_arcs or not _can_fork():
        return [solve_region(r) for r in regions]
    dealt = [b for b in deal(sizes, min(workers, len(regions))) if b]
    context = multiprocessing.get_context("fork")
    children = []
    for share in dealt[1:]:
        receiving, sending = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=([regions[i] for i in share], sending), daemon=True)
        child.start()
        sending.close()
        children.append((share, receiving, child))
    results: dict[int, RegionResult] = {i: solve_region(regions[i]) for i in dealt[0]}
    for share, receiving, child in children:
        try:
            answers: list[RegionResult] = receiving.recv()
        except EOFError as error:
            raise RuntimeError(f"a region solver process died (exit code {child.exitcode})") from error
        finally:
            receiving.close()
            child.join()
        results.update(zip(share, answers, strict=True))
    return [results[i] for i in range(len(regions))]


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _child(regions: list[RegionProblem], sending: Connection) -> None:
    sending.send([solve_region(r) for r in regions])
    sending.close()
