"""The days a citizen can offer in a flexible request, as the booking page lists them.

The page offers days in two lists ("from" and "to") rather than date pickers: a date picker
speaks the browser's language, not the page's, and offers Fridays and public holidays that no
office opens on. The lists hold the days between today and the end of the booking window on
which some office opens and that are not public holidays; the server still checks the window.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from booking.calendar import local_today, public_holiday, to_local
from booking.offices import Office
from booking.rules import MAX_AHEAD
from kernel.days import TIMEZONE, days_between
from planning.notifications import day_text

DEFAULT_SPAN = 10
"""A new request offers this many days unless the citizen says otherwise: two working weeks."""


@dataclass(frozen=True, slots=True)
class RequestDays:
    days: tuple[date, ...]
    first: date
    last: date

    def options(self, lang: str) -> list[tuple[str, str]]:
        """``(YYYY-MM-DD, "الاثنين ٧ ديسمبر ٢٠٢٦")`` for each day, for a ``<select>``."""
        return [(day.isoformat(), day_text(day, lang)) for day in self.days]


def open_weekdays(offices: Iterable[Office]) -> frozenset[int]:
    """The weekdays (``date.weekday()``) on which at least one office receives visitors."""
    return frozenset(weekday for office in offices for weekday in range(7) if office.hours.on(weekday))


def request_days(now: datetime, weekdays: frozenset[int]) -> RequestDays:
    """The days from today to the end of the booking window, with a default choice that starts
    tomorrow (a batch placed later today would find today's times gone) and spans two weeks."""
    today = local_today(now, TIMEZONE)
    latest = to_local(now + MAX_AHEAD, TIMEZONE).date()
    days = tuple(
        day
        for day in days_between(today, latest)
        if day.weekday() in weekdays and public_holiday(day) is None
    )
    later = [day for day in days if day > today] or list(days)
    return RequestDays(days, *_default(later))


def _default(days: Sequence[date]) -> tuple[date, date]:
    if not days:  # no office opens at all: the lists are empty and the server will say why
        return date.min, date.min
    return days[0], days[min(DEFAULT_SPAN, len(days)) - 1]
