"""The lowest peak any assignment can reach while still placing the most requests.

Σ load²/capacity spreads load, but it is a sum: it will accept one hall at 75% if that saves
several citizens a long trip. The promise to managers is about the worst hall, so before
minimising cost the optimiser finds the lowest utilisation u* such that, with every hall capped
at u* (its unit arcs of utilisation above u* closed), the maximum number of requests can still
be placed, and then solves the min-cost flow under that cap. Placing the most requests stays
the first priority, the peak becomes the second, cost the third.

u* is never set below the peak that direct bookings alone already cause: capping other halls
below it would push citizens around without lowering the measured peak.

Feasibility at a cap is a plain maximum flow (fast push-relabel, no costs), monotone in the
cap, and separable by region (`scheduler.regions`): u* is the largest of the regions' own
lowest peaks. So the regions are visited busiest first, each is checked once at the cap found
so far, and only a region that does not fit raises the cap, by a binary search over its
distinct utilisation levels. Typically one region is searched and every other one costs a
single max-flow run.
"""

from __future__ import annotations

import numpy as np
from ortools.graph.python import max_flow

from scheduler.network import FlowNetwork
from scheduler.regions import Region, split

#: Utilisations are ratios of small integers; this absorbs floating-point noise in comparisons.
EPSILON = 1e-9


class _RegionFlow:
    """Max flow in one region, whose capped (unit) arcs can be opened up to a utilisation."""

    def __init__(
        self, region: Region, capacities: np.ndarray, capped: np.ndarray, levels: np.ndarray
    ) -> None:
        source = len(region.supplies)
        givers = np.flatnonzero(region.supplies[:-1] > 0)
        self._source, self._sink = source, region.sink
        self._solver = max_flow.SimpleMaxFlow()
        self._solver.add_arcs_with_capacity(
            np.concatenate([region.tails, np.full(len(givers), source, dtype=np.int32)]),
            np.concatenate([region.heads, givers.astype(np.int32)]),
            np.concatenate([capacities[region.arcs], region.supplies[givers]]),
        )
        self._capped = np.flatnonzero(capped[region.arcs]).astype(np.int32)
        self.levels = levels[region.arcs][self._capped]
        self.load = -int(region.supplies[-1])
        self.room = len(self._capped)
        self.target = self._flow(np.ones(len(self._capped), dtype=np.int64))

    def _flow(self, capacities: np.ndarray) -> int:
        self._solver.set_arcs_capacity(self._capped, capacities)
        status = self._solver.solve(self._source, self._sink)
        if status != self._solver.OPTIMAL:
            raise RuntimeError(f"max flow ended with status {status}")
        return int(self._solver.optimal_flow())

    def fits(self, cap: float) -> bool:
        """Whether the maximum flow still gets through with the capped arcs above `cap` shut."""
        return self._flow((self.levels <= cap + EPSILON).astype(np.int64)) >= self.target

    def lowest(self, above: float) -> float:
        """The region's lowest cap, knowing it is above `above` (which does not fit)."""
        levels = np.unique(self.levels[self.levels > above + EPSILON])
        low, high = 0, len(levels) - 1  # the top level opens every arc, so it fits
        while low < high:
            middle = (low + high) // 2
            if self.fits(float(levels[middle])):
                high = middle
            else:
                low = middle + 1
        return float(levels[high])


def lowest_peak(network: FlowNetwork, sink: int, layer: str, utilisation: np.ndarray, floor: float) -> float:
    """The smallest cap u >= `floor` such that opening only the unit arcs of `layer` whose
    `utilisation` (load after the unit / capacity of its hall) is at most u still carries the
    maximum flow. All arcs of `layer` must be unit arcs; those closed (capacity 0) stay closed."""
    tails, heads, capacities, _ = network.arrays()
    start = network.offset(layer)
    capped = np.zeros(len(tails), dtype=bool)
    capped[start : start + len(utilisation)] = capacities[start : start + len(utilisation)] > 0
    levels = np.zeros(len(tails))
    levels[start : start + len(utilisation)] = utilisation
    flows = [
        _RegionFlow(region, capacities, capped, levels)
        for region in split(tails, heads, capacities, network.supply_vector(sink), sink)
    ]
    cap = floor
    for region in sorted(flows, key=lambda f: f.load / max(1, f.room), reverse=True):
        if not region.fits(cap):
            cap = region.lowest(cap)
    return cap
