"""Split a flow network into regions that share nothing but the sink.

Set the sink aside and a national network falls apart into regions (a Delta passport office
and an Aswan traffic office never compete for a citizen). Each region can be solved on its own
with its own copy of the sink, demanding what the region supplies: the optimum is the same,
and several small solves are much faster than one big one, because the flow algorithms grow
faster than linearly with the network.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Region:
    """One region's arcs, renumbered: its nodes are 0..n-1 and its copy of the sink is n."""

    arcs: np.ndarray  # positions of its arcs in the whole network's arc arrays
    tails: np.ndarray  # int32, local numbering
    heads: np.ndarray  # int32, local numbering
    supplies: np.ndarray  # int64 per local node, the sink's (last) balancing the rest

    @property
    def sink(self) -> int:
        return len(self.supplies) - 1


def label_regions(tails: np.ndarray, heads: np.ndarray, n: int, shared: int) -> np.ndarray:
    """Connected-component label (the smallest node index in it) of each of `n` nodes, joining
    the ends of every arc that does not touch `shared`; `shared` stays alone.

    Min-label propagation with pointer jumping, in numpy: each round every arc pulls both ends
    down to the smaller label and every label jumps to its label's label, so the rounds needed
    grow with the logarithm of the regions' diameter rather than with their size.
    """
    label = np.arange(n, dtype=np.int64)
    keep = (tails != shared) & (heads != shared)
    t, h = tails[keep], heads[keep]
    while True:
        low = np.minimum(label[t], label[h])
        new = label.copy()
        np.minimum.at(new, t, low)
        np.minimum.at(new, h, low)
        new = new[new]
        if np.array_equal(new, label):
            return label
        label = new


def split(
    tails: np.ndarray, heads: np.ndarray, capacities: np.ndarray, supply: np.ndarray, sink: int
) -> list[Region]:
    """The regions that hold some supply. Closed arcs (capacity 0, e.g. above a peak cap)
    carry nothing, so they neither join regions nor appear in any."""
    n = len(supply)
    usable = capacities > 0
    label = label_regions(tails[usable], heads[usable], n, sink)
    arc_region = np.where(usable, np.where(tails == sink, label[heads], label[tails]), n)
    arc_order = np.argsort(arc_region, kind="stable")
    arc_bounds = np.searchsorted(arc_region[arc_order], np.arange(n + 1))
    node_order = np.argsort(label, kind="stable")
    node_bounds = np.searchsorted(label[node_order], np.arange(n + 1))
    local = np.empty(n, dtype=np.int64)
    local[node_order] = np.arange(n) - node_bounds[label[node_order]]
    found = []
    for region in np.flatnonzero(np.diff(arc_bounds)).tolist():
        arcs = arc_order[arc_bounds[region] : arc_bounds[region + 1]]
        members = node_order[node_bounds[region] : node_bounds[region + 1]]
        if not supply[members].any():
            continue
        own_sink = len(members)
        found.append(
            Region(
                arcs=arcs,
                tails=np.where(tails[arcs] == sink, own_sink, local[tails[arcs]]).astype(np.int32),
                heads=np.where(heads[arcs] == sink, own_sink, local[heads[arcs]]).astype(np.int32),
                supplies=np.append(supply[members], -supply[members].sum()),
            )
        )
    return found
