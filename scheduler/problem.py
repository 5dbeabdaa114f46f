"""The assignment problem as plain data: slots with room, flexible requests, and the weights.

Nothing here knows about the database or the web: the integrator turns pending booking requests
and the slot table into these dataclasses, hands a `Problem` to the optimiser, and writes back
what the `Solution` says. Keeping the problem frozen and self-contained is what lets the verifier,
the bound and the greedy baseline all look at exactly the same instance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from kernel.time_of_day import TIME_BANDS, TimeOfDay


@dataclass(frozen=True, slots=True)
class SlotCapacity:
    """Room for one service at one office in one 15-minute (or other) slot.

    `capacity` is what the counters can serve in the slot after the walk-in share is set aside;
    `booked` is what direct bookings already took. Only `capacity - booked` is free for the
    optimiser, but `booked` still counts in the crowding cost: a hall half full of direct
    bookings is more crowded than an empty one. `booked` may exceed `capacity` after a capacity
    cut; such a slot simply has no room (and its bookings are a case for `rebalance`).

    `minutes` is the slot's length on the office's grid (`booking.capacity.slot_times`, whose
    slots follow each other without gaps): the slot that follows it starts at
    `start_minute + minutes`. Only chains (`Request.later_services`) look at it.

    `reserved` is the seats the slot still keeps for assisted bookings (a clerk's, at a desk or
    on the phone: `booking.channels`) that clerks have not taken. Flexible requests are made
    online, so they may only fill `capacity - booked - reserved`; the verifier checks it.
    """

    key: str
    office_id: str
    service: str
    day: date
    start_minute: int
    capacity: int
    booked: int = 0
    minutes: int = 15
    reserved: int = 0

    def __post_init__(self) -> None:
        if self.capacity < 0 or self.booked < 0 or self.reserved < 0:
            raise ValueError(f"slot {self.key}: capacity, booked and reserved must be >= 0")
        if not 0 <= self.start_minute < 24 * 60:
            raise ValueError(f"slot {self.key}: start_minute must be within the day")
        if self.minutes < 1:
            raise ValueError(f"slot {self.key}: minutes must be positive")

    @property
    def next_start(self) -> int:
        """Where the slot that follows this one on the office's grid starts (minutes)."""
        return self.start_minute + self.minutes

    @property
    def free(self) -> int:
        """Places the optimiser may still fill: not those kept for assisted bookings."""
        return max(0, self.capacity - self.booked - self.reserved)


#: The slots of one service at one office on one day: a request may use all of them or none.
Pool = tuple[str, str, date]  # (office_id, service, day)


def pool_of(slot: SlotCapacity) -> Pool:
    return (slot.office_id, slot.service, slot.day)


@dataclass(frozen=True, slots=True)
class Candidate:
    """An office the citizen accepts, with the distance from their point of reference."""

    office_id: str
    distance_km: float


@dataclass(frozen=True, slots=True)
class Request:
    """A flexible booking request: one visit for `service` at one of `offices` in a date window.

    `eligible=False` marks a request the identity rules rejected (e.g. a foreigner asking for a
    citizens-only service); it is reported as unassigned with reason `not_eligible` rather than
    silently dropped, so the integrator can pass every pending request through unchanged.

    A *chain* (one trip, several services) also names `later_services`, the services after
    `service` in the order they are served (as `booking.bookings.Booking.later_visits` does for a
    booking): it is placed as one unit, at one office on one day, in consecutive slots, each
    visit in a slot of its own service (`scheduler.chains`), or not at all.
    """

    id: str
    service: str
    offices: tuple[Candidate, ...]
    first_day: date
    last_day: date
    time_of_day: TimeOfDay | None = None
    eligible: bool = True
    later_services: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError(f"request {self.id}: last_day before first_day")
        if self.time_of_day is not None and self.time_of_day not in TIME_BANDS:
            raise ValueError(f"request {self.id}: unknown time_of_day {self.time_of_day!r}")
        if len(set(self.services)) != len(self.services):
            raise ValueError(f"request {self.id}: a chain names each service once")

    @property
    def services(self) -> tuple[str, ...]:
        """Every service asked for, in the order served; `(service,)` for a single visit."""
        return (self.service, *self.later_services)

    @property
    def is_chain(self) -> bool:
        return bool(self.later_services)

    def distance_to(self, office_id: str) -> float | None:
        """Distance to an acceptable office, or None when the office is not acceptable."""
        distances = [c.distance_km for c in self.offices if c.office_id == office_id]
        return min(distances) if distances else None


@dataclass(frozen=True, slots=True)
class Weights:
    """How the optimiser trades crowding against the citizens' preferences.

    The objective is `crowding * Σ_halls load²/capacity + Σ_requests preference`, where a hall
    is an office at one start time over all its services (`scheduler.costs.hall_of`) and a
    request's preference cost is `per_km * distance + per_day_later * days after its first day
    + time_of_day_mismatch * bands away from its preferred band`. A chain is one trip: it pays
    its preference cost once, for its first visit's slot, and each of its visits is a visitor in
    its own hall.

    Defaults, in "points": the L-th visitor in a hall of capacity C adds `crowding * (2L-1)/C`,
    so in a 10-place hall the 5th visitor costs 18 points and the 8th 30. Against that, 10 km of
    extra travel is 1 point, a day later is 1 point and each band away from the preferred time
    of day 2 points. Every option the optimiser weighs is one the citizen accepted, so the
    defaults let spreading win clearly (a 80% full hall loses to a half-empty one a day later or
    an office 50 km further), and use the preferences to choose among similarly busy options.

    `cost_scale` turns points into the integers min-cost flow needs: costs are multiplied by it
    and rounded, so a placed request's cost can be off by at most 4 * 0.5 / cost_scale points.

    `lowest_peak_first` (default on) first finds the lowest utilisation every hall can be kept
    under while still placing the most requests, and caps the halls there before minimising
    cost (`scheduler.peak`); the objective is then the least cost *under that cap*. Off, the
    result is the plain minimum of the objective, which may leave one hall busier to save
    several citizens a trip.
    """

    crowding: float = 20.0
    per_km: float = 0.1
    per_day_later: float = 1.0
    time_of_day_mismatch: float = 2.0
    cost_scale: int = 1000
    lowest_peak_first: bool = True

    def __post_init__(self) -> None:
        if min(self.crowding, self.per_km, self.per_day_later, self.time_of_day_mismatch) < 0:
            raise ValueError("weights must be non-negative")
        if self.cost_scale < 1:
            raise ValueError("cost_scale must be a positive integer")


@dataclass(frozen=True)
class Problem:
    """One batch: the pending requests (in arrival order) and the slots they may use."""

    requests: Sequence[Request]
    slots: Sequence[SlotCapacity]
    weights: Weights = field(default_factory=Weights)

    def __post_init__(self) -> None:
        keys = [s.key for s in self.slots]
        if len(set(keys)) != len(keys):
            raise ValueError("slot keys must be unique")
        ids = [r.id for r in self.requests]
        if len(set(ids)) != len(ids):
            raise ValueError("request ids must be unique")
