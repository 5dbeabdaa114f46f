"""Plain data for rebalancing: bookings a capacity change displaced, and the plan that rehouses them.

Separate from the solver in `scheduler.rebalance` so the verifier can read plans without
touching solver code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from scheduler.problem import Candidate

# A displaced booking that cannot be placed is listed with the same reason codes as an
# unassigned request (`scheduler.solution.NO_ELIGIBLE_SLOT`, `NO_CAPACITY`); nothing is dropped.


@dataclass(frozen=True, slots=True)
class DisplacedBooking:
    """A confirmed booking in a slot whose capacity was cut (a counter closed, an office shut).

    `nearby` lists other offices the booking may move to, with their distance in km from the
    booked office (we know where the citizen planned to go, not where they live). The booked
    office is always allowed. The booking may move to any day in `first_day..last_day`.

    A *chain* (one trip, several services) also names `later_services` and the slots its later
    visits hold (`later_slot_keys`, in order): it is displaced when any of its visits is, and
    moves whole (`scheduler.rebalance_chains`), to offices offering all its services.
    """

    id: str
    service: str
    office_id: str
    slot_key: str
    day: date
    start_minute: int
    first_day: date
    last_day: date
    nearby: tuple[Candidate, ...] = ()
    later_services: tuple[str, ...] = ()
    later_slot_keys: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if len(self.later_services) != len(self.later_slot_keys):
            raise ValueError(f"booking {self.id}: one later slot per later service")

    @property
    def services(self) -> tuple[str, ...]:
        """Every service of the booking in the order served; `(service,)` for a single visit."""
        return (self.service, *self.later_services)

    @property
    def slot_keys(self) -> tuple[str, ...]:
        """Every seat the booking holds, first visit first."""
        return (self.slot_key, *self.later_slot_keys)

    @property
    def is_chain(self) -> bool:
        return bool(self.later_services)

    def allowed_offices(self) -> dict[str, float]:
        """Office id → distance from the booked office, including the booked office at 0 km."""
        allowed = {c.office_id: c.distance_km for c in self.nearby}
        allowed[self.office_id] = 0.0
        return allowed


@dataclass(frozen=True, slots=True)
class RebalanceWeights:
    """Costs of a move, in points, chosen so the plan's priorities come out lexicographically.

    Staying costs nothing; every move pays `move` (so the fewest bookings move); changing office
    adds `other_office` (more than any same-office move within a week: `per_day` * 7 + a day's
    worth of `per_hour`), so the booked office is tried first; then `per_day` per day shifted
    (same day preferred), `per_hour` per hour shifted, `per_km` per km from the booked office.
    `crowding` only spreads the moved bookings among equally good slots.
    """

    move: float = 1000.0
    other_office: float = 500.0
    per_day: float = 50.0
    per_hour: float = 5.0
    per_km: float = 2.0
    crowding: float = 1.0
    cost_scale: int = 100


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a displaced booking ends up; `moved` is False when it keeps its slot. A chain's
    later visits go to `to_later_slot_keys` (the slots that follow, in order); a chain that keeps
    its first slot keeps them all, its visits being back to back."""

    booking_id: str
    from_slot_key: str
    to_slot_key: str
    to_later_slot_keys: tuple[str, ...] = ()

    @property
    def to_slot_keys(self) -> tuple[str, ...]:
        """Every seat the booking takes, first visit first."""
        return (self.to_slot_key, *self.to_later_slot_keys)

    @property
    def moved(self) -> bool:
        return self.from_slot_key != self.to_slot_key


@dataclass(frozen=True, slots=True)
class RebalanceStats:
    """Plan summary a manager reads before applying it."""

    displaced: int = 0
    stayed: int = 0
    moved_same_office_same_day: int = 0
    moved_same_office_other_day: int = 0
    moved_other_office: int = 0
    unplaced: int = 0
    travel_km: float = 0.0
    solve_seconds: float = 0.0


@dataclass(frozen=True)
class RebalancePlan:
    """Every displaced booking is placed (staying or moving) or listed in `unplaced`."""

    placements: Sequence[Placement]
    unplaced: Mapping[str, str]
    cost: float
    stats: RebalanceStats = field(default_factory=RebalanceStats)

    @property
    def moves(self) -> list[Placement]:
        """Only the placements that change a booking (what gets applied and notified)."""
        return [p for p in self.placements if p.moved]
