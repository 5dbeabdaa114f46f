"""Turn aggregated flows back into who goes where.

The network carries counts, not people: a window node may receive 7 units from group A and 3
from group B and send 6 to Sunday and 4 to Monday. Every arc leaving a node costs the same for
every unit that entered it (that is how the layers were cut), so any way of matching arriving
units to leaving units gives the same cost; we match them in order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

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
