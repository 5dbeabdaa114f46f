"""Times of day at which work falls due, in Cairo time: "02:00", "18:00,23:30".

Pure: given the clock's ``now`` it says which instant a piece of work last fell due, so a process
started late (or a clock moved by hand in a demo) still does the run it missed, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from kernel.days import TIMEZONE

_CAIRO = ZoneInfo(TIMEZONE)


def parse_times(text: str) -> tuple[time, ...]:
    """``"02:00, 14:30"`` → the times, sorted and without repeats; ``""`` → none.

    Raises ``ValueError`` naming the part that is not ``HH:MM``."""
    found: set[time] = set()
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        hours, sep, minutes = part.partition(":")
        if not (sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
            raise ValueError(f"{part!r} is not a time of day like 02:00")
        try:
            found.add(time(int(hours), int(minutes)))
        except ValueError:
            raise ValueError(f"{part!r} is not a time of day like 02:00") from None
    return tuple(sorted(found))


@dataclass(frozen=True, slots=True)
class DailyAt:
    """Work due every day at ``times`` (Cairo time). ``grace`` is how late a missed run may still
    be done: a reminder due at 18:00 would still be worth sending at 21:00, not the next morning."""

    times: tuple[time, ...]
    grace: timedelta = timedelta(hours=3)

    def __post_init__(self) -> None:
        if self.grace <= timedelta(0) or self.grace >= timedelta(days=1):
            raise ValueError("grace must be more than nothing and less than a day")

    def last_due(self, now: datetime) -> datetime | None:
        """The latest instant at or before ``now`` (aware) when the work fell due, or None."""
        if not self.times:
            return None
        local = now.astimezone(_CAIRO)
        for days_back in (0, 1):
            day = local.date() - timedelta(days=days_back)
            for at in reversed(self.times):
                due = datetime.combine(day, at, tzinfo=_CAIRO)
                if due <= local:
                    return due.astimezone(now.tzinfo)
        return None  # pragma: no cover - with any time set, yesterday's last one is in the past

    def due_now(self, now: datetime) -> datetime | None:
        """The instant the work fell due if it is still worth doing at ``now``, else None."""
        due = self.last_due(now)
        return due if due is not None and now - due <= self.grace else None

    def next_due(self, now: datetime) -> datetime | None:
        """The first instant after ``now`` when the work falls due, or None."""
        if not self.times:
            return None
        local = now.astimezone(_CAIRO)
        for days_ahead in (0, 1):
            day = local.date() + timedelta(days=days_ahead)
            for at in self.times:
                due = datetime.combine(day, at, tzinfo=_CAIRO)
                if due > local:
                    return due.astimezone(now.tzinfo)
        return None  # pragma: no cover
