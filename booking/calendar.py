"""When an office is open: the working week, Egyptian public holidays and manager closures.

Instants are stored in UTC and shown in the office's zone (Africa/Cairo, with DST since 2023), so
every conversion between a local wall-clock time and an instant goes through this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from booking.offices import Office


@dataclass(frozen=True, slots=True)
class Closure:
    """A manager's closure: the whole office for a day, or one counter for some hours.

    ``counter_id`` None closes every counter; ``starts``/``ends`` None mean the whole day.
    """

    office_id: str
    day: date
    counter_id: int | None = None
    starts: time | None = None
    ends: time | None = None
    reason_en: str = ""
    reason_ar: str = ""

    @property
    def extent(self) -> tuple[date, int | None, time | None, time | None]:
        """What makes two closures of an office the same one (the day, the counter, the hours;
        not the reason): the database keeps one such closure in force (``uq_closures_in_force``)."""
        return (self.day, self.counter_id, self.starts, self.ends)

    @property
    def whole_office_day(self) -> bool:
        return self.counter_id is None and self.starts is None and self.ends is None

    def covers(self, counter_id: int, slot_start: time, slot_end: time) -> bool:
        """Whether this closure takes the counter away for any part of the slot."""
        if self.counter_id is not None and self.counter_id != counter_id:
            return False
        starts = self.starts or time.min
        ends = self.ends or time.max
        return starts < slot_end and slot_start < ends


@lru_cache(maxsize=16)
def _egypt_holidays(year: int) -> holidays.HolidayBase:
    # Islamic holidays in the package are estimates until the moon is sighted; managers add
    # closures for the real dates when they differ.
    return holidays.country_holidays("EG", years=year)


def public_holiday(day: date) -> str | None:
    """The English name of the public holiday on ``day``, if any."""
    return _egypt_holidays(day.year).get(day)


def is_open(office: Office, day: date, closures: tuple[Closure, ...] = ()) -> bool:
    """Whether the office receives visitors on ``day`` at all."""
    if office.hours.on(day.weekday()) is None or public_holiday(day) is not None:
        return False
    return not any(c.whole_office_day and c.day == day for c in closures)


@lru_cache(maxsize=8)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def to_instant(day: date, at: time, tz: str) -> datetime:
    """The UTC instant of a local wall-clock time in the office's zone."""
    return datetime.combine(day, at, tzinfo=zone(tz)).astimezone(UTC)


def to_local(instant: datetime, tz: str) -> datetime:
    return instant.astimezone(zone(tz))


def local_today(now: datetime, tz: str) -> date:
    return to_local(now, tz).date()
