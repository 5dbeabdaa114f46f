from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from kernel.days import days_between


def test_both_ends_are_included() -> None:
    assert days_between(date(2026, 12, 31), date(2027, 1, 2)) == [
        date(2026, 12, 31),
        date(2027, 1, 1),
        date(2027, 1, 2),
    ]


def test_one_day_is_itself_and_a_reversed_range_is_empty() -> None:
    assert days_between(date(2026, 12, 6), date(2026, 12, 6)) == [date(2026, 12, 6)]
    assert days_between(date(2026, 12, 6), date(2026, 12, 5)) == []


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 1, 1)), st.integers(0, 400))
def test_the_days_follow_each_other_from_first_to_last(first: date, length: int) -> None:
    last = first + timedelta(days=length)
    days = days_between(first, last)
    assert days[0] == first and days[-1] == last and len(days) == length + 1
    assert all(later - earlier == timedelta(days=1) for earlier, later in pairwise(days))
