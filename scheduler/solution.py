"""What an assignment run returns: placements, the reasons for every request left out, and the
figures a manager needs to trust it (cost split, lower bound, gap, timings).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

#: Reasons a request stays unassigned; stable codes the API can show and clients can branch on.
NOT_ELIGIBLE: Final = "not_eligible"  # the identity rules reject the request
NO_ELIGIBLE_SLOT: Final = "no_eligible_slot"  # no slot of its service at its offices in its window
NO_CAPACITY: Final = "no_capacity"  # such slots exist, but their room went to other requests

#: Called with (fraction done in [0, 1], phase name) so a job runner can show progress.
ProgressCallback = Callable[[float, str], None]


def no_progress(fraction: float, phase: str) -> None:
    """The default progress callback: report nothing."""


@dataclass(frozen=True, slots=True)
class Assignment:
    """Request `request_id` takes one place in slot `slot_key`; a chain also takes one place in
    each of `later_slot_keys`, its later services' slots in the order served (the slot of each
    following right after the one before it)."""

    request_id: str
    slot_key: str
    later_slot_keys: tuple[str, ...] = ()

    @property
    def slot_keys(self) -> tuple[str, ...]:
        """Every slot the request takes a place in, first visit first."""
        return (self.slot_key, *self.later_slot_keys)


@dataclass(frozen=True, slots=True)
class SolveStats:
    """How big the flow network was, where the time went (seconds) and the peak cap used."""

    groups: int = 0
    nodes: int = 0
    arcs: int = 0
    build_seconds: float = 0.0
    peak_seconds: float = 0.0
    solve_seconds: float = 0.0
    extract_seconds: float = 0.0
    status: str = ""
    peak_cap: float | None = None  # every hall was kept at or below this utilisation (see chains_above_cap)
    # The lowest peak of the whole demand, each chain's visits counted as free seats: chains were
    # placed under it; a higher `peak_cap` means they took room the single requests needed there.
    demand_cap: float | None = None
    chains: int = 0  # requests for several services, placed before the flow (`scheduler.chains`)
    chain_seconds: float = 0.0
    chains_above_cap: int = 0  # chains that fitted nowhere under the cap and sit in a hall above it


@dataclass(frozen=True)
class Solution:
    """A complete answer for a `Problem`: every request is either assigned or has a reason.

    `objective = weights.crowding * crowding_cost + preference_cost`, with crowding
    Σ load²/capacity over every hall of the problem (an office at one start time, all services:
    `scheduler.costs.hall_of`), counting the places direct bookings already hold. `lower_bound`
    is a proven lower bound on the objective of any assignment that places as many requests (see
    `scheduler.bounds`), and `gap = (objective - lower_bound) / objective`; both are None for
    solutions that were not bounded (the greedy baseline).

    `scheduler.optimum.optimise` adds the least objective of any placement of as many requests
    *without* the peak cap (`uncapped_objective`, its crowding `uncapped_crowding`), exact
    when `uncapped_exact` (no chains), and then takes it as `lower_bound` (`crowding_lower_bound`
    None: a relaxation says nothing more); `cap_price` is what the cap costs against it. With
    chains, placed by an option search, the relaxation's bound stays and the uncapped figures
    are a placement, not a proof.
    """

    assignments: Sequence[Assignment]
    unassigned: Mapping[str, str]
    objective: float
    crowding_cost: float
    preference_cost: float
    lower_bound: float | None = None
    crowding_lower_bound: float | None = None
    gap: float | None = None
    stats: SolveStats = field(default_factory=SolveStats)
    uncapped_objective: float | None = None
    uncapped_crowding: float | None = None
    uncapped_exact: bool = False
    uncapped_seconds: float = 0.0

    @property
    def cap_price(self) -> float | None:
        """objective / uncapped objective - 1: what keeping every hall under the lowest peak
        costs (never shown below 0 when the uncapped figure is exact: that is cost rounding)."""
        if self.uncapped_objective is None or self.uncapped_objective <= 0:
            return None
        price = self.objective / self.uncapped_objective - 1
        return max(0.0, price) if self.uncapped_exact else price

    @property
    def placed(self) -> int:
        """Number of requests that got a place."""
        return len(self.assignments)
