"""The clock is injected, never read ad hoc, so that demos and tests can run on a chosen day."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware (UTC)."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class ShiftedClock:
    """Starts at ``start`` and then runs in real time (``MAWID_CLOCK``)."""

    start: datetime
    _origin: float = field(default_factory=time.monotonic)

    def now(self) -> datetime:
        elapsed = time.monotonic() - self._origin
        return (self.start + timedelta(seconds=elapsed)).astimezone(UTC)


@dataclass
class FixedClock:
    """A clock that only moves when told to; for tests."""

    instant: datetime

    def now(self) -> datetime:
        return self.instant.astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        self.instant = self.instant + delta


def clock_from_setting(value: str | None) -> Clock:
    """Build the clock for a ``MAWID_CLOCK`` value: empty means the system clock."""
    if not value:
        return SystemClock()
    start = datetime.fromisoformat(value)
    if start.tzinfo is None:
        raise ValueError("MAWID_CLOCK needs an offset, e.g. 2026-12-06T08:30:00+02:00")
    return ShiftedClock(start)
