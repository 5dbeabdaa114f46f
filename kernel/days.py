"""Calendar days as the offices count them: the one time zone, and ranges of days."""

from __future__ import annotations

from datetime import date, timedelta

TIMEZONE = "Africa/Cairo"
"""Every office's time zone (Egypt, with daylight saving time again since 2023). An office keeps
its own ``timezone`` (``booking.offices.Office``), set from this; whatever needs "the offices'
zone" without an office in hand reads it here."""


def days_between(first: date, last: date) -> list[date]:
    """Every day from ``first`` to ``last``, both included; none when ``last`` is before ``first``."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
