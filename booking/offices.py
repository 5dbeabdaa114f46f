"""Offices, their counters (with the services each can serve) and their opening hours."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

from kernel.days import TIMEZONE

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = date.weekday()


@dataclass(frozen=True, slots=True)
class Counter:
    id: int
    label: str
    services: frozenset[str]
    active: bool = True


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """Opening and closing time for each weekday the office opens; missing days are closed."""

    days: dict[str, tuple[time, time]]

    def on(self, weekday: int) -> tuple[time, time] | None:
        return self.days.get(WEEKDAYS[weekday])

    def to_json(self) -> dict[str, list[str]]:
        return {
            day: [opens.strftime("%H:%M"), closes.strftime("%H:%M")]
            for day, (opens, closes) in self.days.items()
        }

    @classmethod
    def from_json(cls, data: dict[str, list[str]]) -> OpeningHours:
        return cls({day: (time.fromisoformat(a), time.fromisoformat(b)) for day, (a, b) in data.items()})

    @classmethod
    def government_week(cls, opens: str = "08:00", closes: str = "15:00") -> OpeningHours:
        """Sunday to Thursday, the government working week."""
        hours = (time.fromisoformat(opens), time.fromisoformat(closes))
        return cls({day: hours for day in ("sun", "mon", "tue", "wed", "thu")})


@dataclass(frozen=True, slots=True)
class Office:
    id: str
    name_en: str
    name_ar: str
    address_en: str
    address_ar: str
    governorate: str  # governorate slug, e.g. "cairo"
    lat: float
    lon: float
    services: tuple[str, ...]
    hours: OpeningHours
    counters: tuple[Counter, ...] = field(default=())
    timezone: str = TIMEZONE
    slot_minutes: int = 30
    walk_in_share: float = 0.25  # share of counter time kept for people without a booking
    assisted_share: float = 0.0
    """Share of each day's appointments kept for bookings a clerk makes (``booking.channels``)."""
    seniors_hours: tuple[time, time] | None = None
    """A band of the day only applicants 60 or over, or a clerk's booking, may book."""

    def offers(self, service: str) -> bool:
        return service in self.services
