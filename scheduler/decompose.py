"""Turn aggregated flows back into who goes where.

The network carries counts, not people: a window node may receive 7 units from group A and 3
from group B and send 6 to Sunday and 4 to Monday. Every arc leaving a node costs the same for
every unit that entered it (that is how the layers were cut), so any way of matching arriving
units to leaving units gives the same cost; we match them in order.

`match`, `pour` and `hand_out` do it with Python lists; `pour_arrays` and `hand_out_arrays` do
the same for a whole layer at once with numpy, for the national assignment network.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

import numpy as np

from scheduler.solution import Assignment

Source = TypeVar("Source", bound=Hashable)
Target = TypeVar("Target", bound=Hashable)
Node = TypeVar("Node", bound=Hashable)


def match(
    arriving: Sequence[tuple[Source, int]], leaving: Sequence[tuple[Target, int]]
) -> list[tuple[Source, Target, int]]:
    """Pair units arriving from sources with units leaving to targets, in order.

    The two sides must carry the same total (flow conservation); a surplus on the arriving side
    is a bug upstream and raises IndexError.
    """
    pairs: list[tuple[Source, Target, int]] = []
    j, room = 0, leaving[0][1] if leaving else 0
    for source, count in arriving:
        while count > 0:
            take = min(count, room)
            if take > 0:
                pairs.append((source, leaving[j][0], take))
            count -= take
            room -= take
            if room == 0:
                j += 1
                room = leaving[j][1] if j < len(leaving) else 0
                if count > 0 and j >= len(leaving):
                    raise IndexError("more units arrive than leave: flow is not conserved")
    return pairs


def pour(
    arriving: Mapping[Node, Sequence[tuple[Source, int]]],
    leaving: Mapping[Node, Sequence[tuple[Target, int]]],
) -> dict[Target, list[tuple[Source, int]]]:
    """Push each node's arriving (source, count) units through its leaving arcs."""
    result: dict[Target, list[tuple[Source, int]]] = defaultdict(list)
    for node, inflow in arriving.items():
        for source, target, count in match(inflow, leaving.get(node, ())):
            result[target].append((source, count))
    return result


def hand_out(
    members: Mapping[Node, Sequence[str]], arrivals: Mapping[str, Sequence[tuple[Node, int]]]
) -> tuple[list[Assignment], list[str]]:
    """Give each group's places (slot key → [(group, count)]) to its requests in arrival order;
    returns the assignments and the requests left without a place."""
    per_group: dict[Node, list[tuple[str, int]]] = defaultdict(list)
    for slot_key, groups in arrivals.items():
        for group, count in groups:
            per_group[group].append((slot_key, count))
    assignments: list[Assignment] = []
    left_over: list[str] = []
    for group, request_ids in members.items():
        ids = iter(request_ids)
        for slot_key, count in per_group.get(group, []):
            assignments.extend(Assignment(next(ids), slot_key) for _ in range(count))
        left_over.extend(ids)  # earlier identical requests won; the rest found no room
    return assignments, left_over


def expand(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For rows with `counts`, (row, rank within the row) of each of their sum(counts) items."""
    counts = np.asarray(counts, dtype=np.int64)
    row = np.repeat(np.arange(len(counts)), counts)
    rank = np.arange(len(row)) - np.repeat(np.cumsum(counts) - counts, counts)
    return row, rank


def pour_arrays(
    source: np.ndarray, node: np.ndarray, count: np.ndarray, tails: np.ndarray, flows: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`pour` for a whole layer: `count` units from `source` arrive at `node` (one row each);
    the layer's arcs (`tails`, `flows`) take them on. Returns rows (source, arc, count).

    With the arriving rows sorted by node and the leaving arcs by tail, and as much leaving
    every node as arrives (flow conservation), the two running totals meet at every node's
    end: cutting both at each other's ends pairs the units in order, node by node."""
    order = np.argsort(node, kind="stable")
    source, node, count = source[order], node[order], count[order]
    arc = np.flatnonzero(flows)
    arc = arc[np.argsort(tails[arc], kind="stable")]
    arriving, leaving = np.cumsum(count), np.cumsum(flows[arc])
    if arriving[-1:].sum() != leaving[-1:].sum():
        raise IndexError("as many units must leave as arrive: flow is not conserved")
    cuts = np.union1d(arriving, leaving)
    by_source = np.searchsorted(arriving, cuts)
    by_arc = arc[np.searchsorted(leaving, cuts)]
    if (node[by_source] != tails[by_arc]).any():
        raise IndexError("units would leave a node they did not arrive at: flow is not conserved")
    return source[by_source], by_arc, np.diff(cuts, prepend=0)


def hand_out_arrays(
    members: Sequence[str], sizes: np.ndarray, group: np.ndarray, count: np.ndarray, target: np.ndarray
) -> tuple[list[tuple[str, int]], list[str]]:
    """`hand_out` for arrays: `members` holds every group's request ids, group after group
    (`sizes` of them, in arrival order); rows (group, count, target) are the places each group
    got. Returns (request id, target) for every place, each group's earliest requests first,
    and the requests left without a place."""
    order = np.argsort(group, kind="stable")
    group, count, target = group[order], count[order], target[order]
    placed = np.bincount(group, weights=count, minlength=len(sizes)).astype(np.int64)
    if (placed > sizes).any():
        raise IndexError("a group got more places than it has requests")
    start = np.cumsum(sizes) - sizes
    row, _ = expand(count)
    unit_group = group[row]
    who = start[unit_group] + np.arange(len(row)) - (np.cumsum(placed) - placed)[unit_group]
    places = list(zip([members[i] for i in who.tolist()], target[row].tolist(), strict=True))
    member_group, rank = expand(sizes)
    left_over = [members[i] for i in np.flatnonzero(rank >= placed[member_group]).tolist()]
    return places, left_over
