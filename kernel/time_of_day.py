"""Parts of the day a citizen may prefer for a visit: morning, midday, afternoon.

A flexible request names one (``booking``); the optimiser counts a slot one band away from it as
one step of mismatch (``scheduler.costs``).
"""

from __future__ import annotations

from typing import Literal

TimeOfDay = Literal["morning", "midday", "afternoon"]

#: The bands in the order of the day; a preference two bands away costs twice one band away.
TIME_BANDS: tuple[TimeOfDay, ...] = ("morning", "midday", "afternoon")

#: Band boundaries in minutes after local midnight: morning before 11:00, afternoon from 13:00.
MIDDAY_STARTS = 11 * 60
AFTERNOON_STARTS = 13 * 60


def time_band(start_minute: int) -> TimeOfDay:
    """The time-of-day band a slot starting at `start_minute` belongs to."""
    if start_minute < MIDDAY_STARTS:
        return "morning"
    if start_minute < AFTERNOON_STARTS:
        return "midday"
    return "afternoon"
