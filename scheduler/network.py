"""Bookkeeping for a layered flow network: named nodes and arcs collected layer by layer.

The assignment and rebalance models both add hundreds of thousands of arcs; collecting them in
plain lists and handing them to OR-Tools in one vectorised call keeps building fast, and keeping
each layer's arcs together lets the caller read a layer's flows back as one slice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable

import numpy as np

from scheduler.parallel_regions import RegionProblem, solve_regions
from scheduler.regions import split


class ArcLayer:
    """Arcs of one kind (e.g. request group → office window), in the order they were added:
    one at a time (`add`) or a whole block of numpy columns at once (`extend`)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._added: tuple[list[int], list[int], list[int], list[int]] = ([], [], [], [])
        self._columns = tuple(np.zeros(0, dtype=np.int64) for _ in range(4))

    def add(self, tail: int, head: int, capacity: int, cost: int) -> int:
        """Add an arc; returns its index within the layer."""
        tails, heads, capacities, costs = self._added
        tails.append(tail)
        heads.append(head)
        capacities.append(capacity)
        costs.append(cost)
        return len(self) - 1

    def extend(self, tails: np.ndarray, heads: np.ndarray, capacities: np.ndarray, costs: np.ndarray) -> None:
        """Add a block of arcs given as equally long columns."""
        self._columns = tuple(
            np.concatenate([old, np.asarray(new, dtype=np.int64)])
            for old, new in zip(self._settled(), (tails, heads, capacities, costs), strict=True)
        )

    def _settled(self) -> tuple[np.ndarray, ...]:
        """The columns, arcs added one at a time moved into them first."""
        if self._added[0]:
            self._columns = tuple(
                np.concatenate([old, np.asarray(new, dtype=np.int64)])
                for old, new in zip(self._columns, self._added, strict=True)
            )
            self._added = ([], [], [], [])
        return self._columns

    @property
    def tails(self) -> np.ndarray:
        return self._settled()[0]

    @property
    def heads(self) -> np.ndarray:
        return self._settled()[1]

    @property
    def capacities(self) -> np.ndarray:
        return self._settled()[2]

    @capacities.setter
    def capacities(self, capacities: np.ndarray) -> None:
        tails, heads, _, costs = self._settled()
        if len(capacities) != len(tails):
            raise ValueError(f"layer {self.name} has {len(tails)} arcs, not {len(capacities)}")
        self._columns = (tails, heads, np.asarray(capacities, dtype=np.int64), costs)

    @property
    def costs(self) -> np.ndarray:
        return self._settled()[3]

    def __len__(self) -> int:
        return len(self._columns[0]) + len(self._added[0])


class FlowNetwork:
    """Nodes addressed by hashable keys, arcs grouped in layers, solved as max-flow-min-cost."""

    def __init__(self) -> None:
        self._index: dict[Hashable, int] = {}
        self._count = 0  # nodes, named or not
        self._supplies: dict[int, int] = {}
        self.layers: dict[str, ArcLayer] = {}
        self._offsets: dict[str, int] = {}
        self._flows: np.ndarray | None = None
        self._tails = self._heads = np.zeros(0, dtype=np.int64)
        self.optimal_cost = 0
        self.maximum_flow = 0

    def node(self, key: Hashable) -> int:
        """The index of the node named `key`, created on first use."""
        index = self._index.get(key)
        if index is None:
            index = self._index[key] = self._count
            self._count += 1
        return index

    def add_nodes(self, count: int) -> np.ndarray:
        """`count` new nodes without names (for layers built as arrays); their indexes."""
        first = self._count
        self._count += count
        return np.arange(first, self._count, dtype=np.int64)

    def has_node(self, key: Hashable) -> bool:
        return key in self._index

    def layer(self, name: str) -> ArcLayer:
        """The arc layer called `name`, created on first use."""
        if name not in self.layers:
            self.layers[name] = ArcLayer(name)
        return self.layers[name]

    def set_supply(self, node: int, supply: int) -> None:
        self._supplies[node] = supply

    def set_supplies(self, nodes: np.ndarray, supplies: np.ndarray) -> None:
        self._supplies.update(zip(np.asarray(nodes).tolist(), np.asarray(supplies).tolist(), strict=True))

    @property
    def num_nodes(self) -> int:
        return self._count

    @property
    def num_arcs(self) -> int:
        return sum(len(layer) for layer in self.layers.values())

    def set_capacities(self, name: str, capacities: np.ndarray) -> None:
        """Replace the capacities of every arc of layer `name` (e.g. to close some arcs)."""
        self.layers[name].capacities = np.asarray(capacities, dtype=np.int64)

    def supplies(self, sink: int) -> tuple[np.ndarray, np.ndarray]:
        """(nodes, supplies) of the nodes with supply, the sink left out."""
        nodes = [n for n, v in self._supplies.items() if n != sink and v > 0]
        return np.asarray(nodes, dtype=np.int64), np.asarray(
            [self._supplies[n] for n in nodes], dtype=np.int64
        )

    def offset(self, name: str) -> int:
        """Where layer `name` starts in `arrays()`."""
        return self._offsets[name]

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """All arcs, layer after layer, as (tails, heads, capacities, costs)."""
        offset = 0
        for name, layer in self.layers.items():
            self._offsets[name] = offset
            offset += len(layer)

        def stacked(field: str, dtype: type) -> np.ndarray:
            parts: list[np.ndarray] = [
                np.asarray(getattr(layer, field), dtype=dtype) for layer in self.layers.values()
            ]
            return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)

        return (
            stacked("tails", np.int64),
            stacked("heads", np.int64),
            stacked("capacities", np.int64),
            stacked("costs", np.int64),
        )

    def supply_vector(self, sink: int) -> np.ndarray:
        """Supply per node (the sink's left at 0)."""
        supply = np.zeros(self.num_nodes, dtype=np.int64)
        nodes, values = self.supplies(sink)
        supply[nodes] = values
        return supply

    def solve(self, sink: int, workers: int = 1) -> str:
        """Maximum flow first, then minimum cost among maximum flows; returns the status name.

        `SolveMaxFlowWithMinCost` accepts supplies that the network cannot all carry (unlike
        `Solve`, which needs a feasible balanced problem): exactly "place as many as possible,
        then as well as possible". Each region (`scheduler.regions`) is solved on its own, with
        `workers` > 1 side by side in forked processes (`scheduler.parallel_regions`).
        """
        tails, heads, capacities, costs = self.arrays()
        self._tails, self._heads = tails, heads
        flows = np.zeros(len(tails), dtype=np.int64)
        self.optimal_cost = self.maximum_flow = 0
        regions = split(tails, heads, capacities, self.supply_vector(sink), sink)
        problems = [
            RegionProblem(r.tails, r.heads, capacities[r.arcs], costs[r.arcs], r.supplies) for r in regions
        ]
        for region, result in zip(regions, solve_regions(problems, workers), strict=True):
            if result.status != "OPTIMAL":
                return result.status
            flows[region.arcs] = result.flows
            self.optimal_cost += result.cost
            self.maximum_flow += result.maximum_flow
        self._flows = flows
        return "OPTIMAL"

    def used_arcs(self, name: str) -> tuple[list[int], list[int], list[int], list[int]]:
        """The arcs of layer `name` that carry flow: (positions in the layer, tails, heads,
        flows), as plain lists ready for Python loops."""
        flows = self.flows(name)
        used = np.flatnonzero(flows)
        at = used + self._offsets[name]
        return used.tolist(), self._tails[at].tolist(), self._heads[at].tolist(), flows[used].tolist()

    def arc_flows(self, name: str, by_head: bool) -> dict[int, list[tuple[int, int]]]:
        """A layer's arcs with flow, as node → [(node at the other end, flow)], keyed by the
        head (what arrives where) or by the tail (what leaves where)."""
        found: dict[int, list[tuple[int, int]]] = defaultdict(list)
        if name in self.layers:
            _, tails, heads, flows = self.used_arcs(name)
            keys, others = (heads, tails) if by_head else (tails, heads)
            for key, other, flow in zip(keys, others, flows, strict=True):
                found[key].append((other, flow))
        return found

    def flows(self, name: str) -> np.ndarray:
        """Flows on the arcs of layer `name`, in the order they were added."""
        if self._flows is None:
            raise RuntimeError("the network has not been solved")
        start = self._offsets[name]
        return self._flows[start : start + len(self.layers[name])]
