"""When clock-driven work falls due: Cairo times of day, the last due instant, and its grace."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernel.schedule import DailyAt, parse_times

CAIRO = ZoneInfo("Africa/Cairo")


def cairo(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CAIRO).astimezone(UTC)


def test_times_are_read_sorted_and_once() -> None:
    assert parse_times("14:30, 02:00,02:00") == (time(2, 0), time(14, 30))
    assert parse_times("") == ()
    assert parse_times(" , ") == ()


@pytest.mark.parametrize("text", ["2", "25:00", "02:60", "2:5", "noon", "02:00;03:00", "-1:00"])
def test_a_time_that_is_not_hh_mm_is_refused_by_name(text: str) -> None:
    with pytest.raises(ValueError, match="is not a time of day"):
        parse_times(text)


def test_the_last_due_instant_is_today_once_the_time_has_passed_else_yesterday() -> None:
    daily = DailyAt((time(2, 0), time(18, 0)))
    assert daily.last_due(cairo("2026-12-06T18:00")) == cairo("2026-12-06T18:00")
    assert daily.last_due(cairo("2026-12-06T17:59")) == cairo("2026-12-06T02:00")
    assert daily.last_due(cairo("2026-12-06T01:00")) == cairo("2026-12-05T18:00")


def test_a_run_missed_by_more_than_its_grace_is_not_done_late() -> None:
    daily = DailyAt((time(18, 0),), grace=timedelta(hours=3))
    assert daily.due_now(cairo("2026-12-06T20:59")) == cairo("2026-12-06T18:00")
    assert daily.due_now(cairo("2026-12-06T21:01")) is None
    assert daily.due_now(cairo("2026-12-07T09:00")) is None


def test_no_times_means_never_due() -> None:
    daily = DailyAt(())
    assert daily.last_due(cairo("2026-12-06T12:00")) is None
    assert daily.next_due(cairo("2026-12-06T12:00")) is None


def test_times_are_cairo_times_in_summer_too() -> None:
    # Egypt keeps summer time (UTC+3) from the last Friday of April to the last Thursday of October.
    daily = DailyAt((time(18, 0),))
    assert daily.last_due(datetime(2027, 7, 1, 15, 0, tzinfo=UTC)) == datetime(2027, 7, 1, 15, 0, tzinfo=UTC)
    assert daily.last_due(datetime(2027, 1, 1, 16, 0, tzinfo=UTC)) == datetime(2027, 1, 1, 16, 0, tzinfo=UTC)


def test_a_grace_of_a_day_or_more_is_refused() -> None:
    with pytest.raises(ValueError, match="grace"):
        DailyAt((time(2, 0),), grace=timedelta(days=1))


instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
times_of_day = st.lists(st.times().map(lambda t: t.replace(second=0, microsecond=0)), min_size=1, max_size=4)


@given(now=instants, times=times_of_day)
def test_nothing_falls_due_between_the_last_due_instant_and_now(now: datetime, times: list[time]) -> None:
    daily = DailyAt(tuple(sorted(set(times))))
    due = daily.last_due(now)
    assert due is not None
    assert due <= now
    assert now - due < timedelta(days=1, hours=1)  # a day, and an hour when summer time ends
    following = daily.next_due(due)
    assert following is not None and following > now
