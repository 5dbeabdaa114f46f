"""A counter's state on the floor: whether it calls tickets, and which services it can serve."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class CounterStatus(StrEnum):
    OPEN = "open"
    PAUSED = "paused"  # the clerk stepped away: keeps the current ticket, calls no new one
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class CounterState:
    """Only an open counter calls tickets and counts towards the estimated waits.

    A counter the store has never heard of is closed: opening is the clerk's first act.
    """

    counter_id: str
    status: CounterStatus
    services: frozenset[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "counter": self.counter_id,
            "status": self.status.value,
            "services": sorted(self.services),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CounterState:
        return cls(str(data["counter"]), CounterStatus(data["status"]), frozenset(data["services"]))
