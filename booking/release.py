"""When booking days open, and how the first minutes after an opening are decided.

A rolling window (a slot opens exactly 60 days before it starts) lets a script that polls every
second take each slot the instant it appears. So days open whole, at a fixed hour: at
``opens_at`` (office time) the day ``days_ahead`` days later opens. Attempts to book that day in
its first ``draw_minutes`` are not decided on arrival: each becomes an entry in a draw, and when
the draw closes the entries are placed in an order drawn by lot (``planning.lottery``). Asking a
millisecond earlier buys nothing; asking at 09:09 is as good as at 09:00:00.001.

With the policy off (``MAWID_FAIR_RELEASE=off``) the old rolling window applies and every attempt
is decided at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from booking.calendar import local_today, to_local, zone
from booking.messages import MESSAGES
from kernel.days import TIMEZONE
from kernel.errors import Conflict, InvalidInput


@dataclass(frozen=True, slots=True)
class ReleasePolicy:
    enabled: bool = True
    opens_at: time = time(9, 0)
    """Office time at which the next day opens for booking."""
    draw_minutes: int = 10
    """How long after an opening attempts for the new day are collected for the draw; 0: none."""
    days_ahead: int = 60
    """The day that opens is this many days after the day it opens on."""
    timezone: str = TIMEZONE

    def opening(self, day: date) -> datetime:
        """The instant ``day`` opens for booking (aware, office time)."""
        opens_on = day - timedelta(days=self.days_ahead)
        return datetime.combine(opens_on, self.opens_at, tzinfo=zone(self.timezone))

    def draw_closes(self, day: date) -> datetime:
        """The instant the draw for ``day`` is decided."""
        return self.opening(day) + timedelta(minutes=self.draw_minutes)

    def last_open_day(self, now: datetime) -> date:
        """The furthest day a citizen may book at ``now`` (with the policy off, the day of the
        furthest instant of the rolling window)."""
        if not self.enabled:
            return to_local(now + timedelta(days=self.days_ahead), self.timezone).date()
        today = local_today(now, self.timezone)
        latest = today + timedelta(days=self.days_ahead)
        return latest if now >= self.opening(latest) else latest - timedelta(days=1)

    def is_open(self, start: datetime, now: datetime) -> bool:
        """Whether a slot starting at ``start`` may be booked at ``now`` (as far as the release
        goes; the one-hour lead is ``booking.rules``' business)."""
        if not self.enabled:
            return start <= now + timedelta(days=self.days_ahead)
        return to_local(start, self.timezone).date() <= self.last_open_day(now)

    def opens(self, now: datetime) -> Callable[[datetime], bool]:
        """``is_open`` at ``now`` for many slots: the furthest open day worked out once."""
        if not self.enabled:
            horizon = now + timedelta(days=self.days_ahead)
            return lambda start: start <= horizon
        last, tz = self.last_open_day(now), self.timezone
        return lambda start: to_local(start, tz).date() <= last

    def in_draw(self, day: date, now: datetime) -> bool:
        """Whether attempts to book ``day`` made at ``now`` go into its draw."""
        if not self.enabled or self.draw_minutes <= 0:
            return False
        return self.opening(day) <= now < self.draw_closes(day)

    def last_decided_day(self, now: datetime) -> date:
        """The furthest day whose places are given out as they are asked for: the last open
        day, unless its draw is still collecting entries (the optimiser's batches stop there too,
        so that a draw's places go to its entries)."""
        last = self.last_open_day(now)
        return last - timedelta(days=1) if self.in_draw(last, now) else last

    def draw_running(self, day: date) -> Conflict:
        """The refusal for anything but a draw entry that names ``day`` while its draw runs."""
        at = self.draw_closes(day).strftime("%H:%M")
        return MESSAGES.error(Conflict, "release_draw_running", indic=True, at=at)

    def next_opening(self, now: datetime) -> tuple[date, datetime]:
        """The next day to open and when, for pages that say "new days open at …"."""
        day = self.last_open_day(now) + timedelta(days=1)
        return day, self.opening(day)

    def check(self, start: datetime, now: datetime) -> None:
        """Refuse a slot whose day has not opened yet, saying when it will."""
        if self.is_open(start, now):
            return
        if not self.enabled:
            raise MESSAGES.error(
                InvalidInput, "outside_booking_window.too_far", indic=True, days_ahead=self.days_ahead
            )
        day = to_local(start, self.timezone).date()
        opening = self.opening(day)
        clock = opening.strftime("%H:%M")
        raise MESSAGES.error(
            InvalidInput,
            "outside_booking_window.opens_on",
            indic=True,
            day=day.isoformat(),
            opens=opening.date().isoformat(),
            clock=clock,
            days_ahead=self.days_ahead,
        )


OFF = ReleasePolicy(enabled=False)
