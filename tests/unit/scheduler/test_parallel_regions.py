"""Regions solved side by side in a forked process give exactly what solving them here gives."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from scheduler import parallel_regions
from scheduler.assign import AssignmentSolver
from scheduler.generate import InstanceSpec, generate
from scheduler.parallel_regions import RegionProblem, deal, solve_regions
from scheduler.solution import SolveStats
from scheduler.verify import verify


def _region(seed: int, nodes: int) -> RegionProblem:
    """A random transport problem: `nodes` sources, as many middle nodes, one sink (last)."""
    rng = np.random.default_rng(seed)
    tails = np.concatenate([np.repeat(np.arange(nodes), 3), np.arange(nodes, 2 * nodes)])
    heads = np.concatenate([rng.integers(nodes, 2 * nodes, 3 * nodes), np.full(nodes, 2 * nodes)])
    supplies = np.concatenate([rng.integers(0, 5, nodes), np.zeros(nodes, dtype=np.int64)])
    return RegionProblem(
        tails=tails.astype(np.int32),
        heads=heads.astype(np.int32),
        capacities=rng.integers(1, 6, len(tails)),
        costs=rng.integers(0, 100, len(tails)),
        supplies=np.append(supplies, -supplies.sum()),
    )


def test_dealing_gives_the_largest_regions_to_different_bins() -> None:
    assert deal([5, 1, 9, 4], 2) == [[2, 1], [0, 3]]


def test_a_forked_solver_returns_the_same_flows_as_this_process() -> None:
    regions = [_region(seed, nodes) for seed, nodes in enumerate((40, 300, 25, 120))]

    here = solve_regions(regions, workers=1)
    side_by_side = solve_regions(regions, workers=2, min_arcs=0)

    assert [r.status for r in side_by_side] == ["OPTIMAL"] * len(regions)
    assert [r.cost for r in side_by_side] == [r.cost for r in here]
    for ours, theirs in zip(side_by_side, here, strict=True):
        assert ours.flows.tolist() == theirs.flows.tolist()


@pytest.mark.parametrize("chains", [0.0, 0.1])
def test_assign_with_two_workers_places_as_one_does(chains: float, monkeypatch: pytest.MonkeyPatch) -> None:
    problem = generate(InstanceSpec(requests=1500, offices=40, seed=3, chain_share=chains)).problem
    alone = AssignmentSolver(problem, workers=1).solve()
    monkeypatch.setattr(parallel_regions, "MIN_ARCS", 0)  # side by side even for a small instance
    dealt: list[list[list[int]]] = []

    def spy(sizes: list[int], bins: int) -> list[list[int]]:
        dealt.append(deal(sizes, bins))
        return dealt[-1]

    monkeypatch.setattr(parallel_regions, "deal", spy)
    two = AssignmentSolver(problem, workers=2).solve()

    assert dealt and all(dealt[-1])  # the regions were dealt to both processes

    assert verify(problem, two) == []
    assert two.placed == alone.placed
    assert two.objective == pytest.approx(alone.objective)
    assert _untimed(two.stats) == _untimed(alone.stats)


def _untimed(stats: SolveStats) -> SolveStats:
    return replace(
        stats, build_seconds=0, peak_seconds=0, solve_seconds=0, extract_seconds=0, chain_seconds=0
    )
