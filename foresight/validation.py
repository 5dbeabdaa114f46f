"""The simulation against theory: an M/M/c hall run long enough for the stationary Erlang C
formula to hold, its mean wait beside the formula's.

Each replication is a long day with an empty start; the first ``warmup_share`` of it is left out
of the waits, so what is measured is the hall in its steady state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from foresight.erlang import mean_wait
from foresight.measures import Estimate
from foresight.office_day import plain_hall
from foresight.scenarios import compare, planned

_OPENS = datetime(2025, 1, 5, 6, 0, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Check:
    arrivals_per_hour: float
    service_minutes: float
    counters: int
    simulated: Estimate
    erlang_c: float

    @property
    def occupancy(self) -> float:
        return self.arrivals_per_hour * self.service_minutes / 60 / self.counters

    @property
    def agrees(self) -> bool:
        """The formula lies within the simulation's 95 % confidence interval."""
        return abs(self.simulated.mean - self.erlang_c) <= self.simulated.ci95


def check_mmc(
    arrivals_per_hour: float,
    service_minutes: float,
    counters: int,
    people: int,
    replications: int,
    seed: int = 0,
    warmup_share: float = 0.2,
) -> Check:
    """Simulate ``replications`` M/M/c days of about ``people`` arrivals each."""
    hours = people / arrivals_per_hour
    hall = plain_hall(arrivals_per_hour, service_minutes, counters, hours, _OPENS)
    result = compare(hall, [planned(hall)], replications, seed, warmup_minutes=hours * 60 * warmup_share)
    theory = mean_wait(arrivals_per_hour / 60, service_minutes, counters)
    return Check(
        arrivals_per_hour, service_minutes, counters, result.scenarios["planned"]["wait.mean"], theory
    )
