"""When days open for booking: whole days at a fixed hour, the draw's minutes after it, and the
rolling window when fair releases are off."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from booking.release import OFF, ReleasePolicy
from kernel.days import TIMEZONE
from kernel.errors import Conflict, InvalidInput

CAIRO = ZoneInfo(TIMEZONE)
POLICY = ReleasePolicy(opens_at=time(9, 0), draw_minutes=10, days_ahead=60)


def cairo(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=CAIRO)


TODAY = date(2026, 12, 6)


def test_the_day_sixty_days_ahead_opens_at_nine_cairo_time() -> None:
    new_day = TODAY + timedelta(days=60)
    assert POLICY.last_open_day(cairo(TODAY, 8, 59, 59)) == new_day - timedelta(days=1)
    assert POLICY.last_open_day(cairo(TODAY, 9, 0)) == new_day
    assert POLICY.opening(new_day) == cairo(TODAY, 9, 0)


def test_a_whole_day_opens_at_once_not_slot_by_slot() -> None:
    new_day = TODAY + timedelta(days=60)
    now = cairo(TODAY, 9, 0, 1)
    assert POLICY.is_open(cairo(new_day, 8, 0), now)
    assert POLICY.is_open(cairo(new_day, 15, 30), now)
    assert not POLICY.is_open(cairo(new_day + timedelta(days=1), 8, 0), now)


def test_attempts_in_the_first_ten_minutes_go_to_the_draw() -> None:
    new_day = TODAY + timedelta(days=60)
    assert not POLICY.in_draw(new_day, cairo(TODAY, 8, 59, 59))
    assert POLICY.in_draw(new_day, cairo(TODAY, 9, 0))
    assert POLICY.in_draw(new_day, cairo(TODAY, 9, 9, 59))
    assert not POLICY.in_draw(new_day, cairo(TODAY, 9, 10))
    assert not POLICY.in_draw(new_day - timedelta(days=1), cairo(TODAY, 9, 5))
    assert POLICY.draw_closes(new_day) == cairo(TODAY, 9, 10)


def test_while_a_draw_runs_its_day_is_not_yet_given_out_directly() -> None:
    new_day = TODAY + timedelta(days=60)
    assert POLICY.last_decided_day(cairo(TODAY, 9, 5)) == new_day - timedelta(days=1)
    assert POLICY.last_decided_day(cairo(TODAY, 9, 10)) == new_day


def test_no_draw_when_its_minutes_are_zero() -> None:
    policy = ReleasePolicy(draw_minutes=0)
    assert not policy.in_draw(TODAY + timedelta(days=60), cairo(TODAY, 9, 0))


def test_a_day_not_yet_open_is_refused_saying_when_it_opens() -> None:
    far = cairo(TODAY + timedelta(days=61), 10, 0)
    with pytest.raises(InvalidInput) as refused:
        POLICY.check(far, cairo(TODAY, 12, 0))
    assert refused.value.code == "outside_booking_window"
    assert "2026-12-07 at 09:00" in refused.value.detail_en
    assert "٠٩:٠٠" in refused.value.detail_ar


def test_draw_running_refusal_names_the_time_it_ends_in_both_languages() -> None:
    refusal = POLICY.draw_running(TODAY + timedelta(days=60))
    assert isinstance(refusal, Conflict)
    assert refusal.code == "release_draw_running"
    assert "09:10" in refusal.detail_en and "٠٩:١٠" in refusal.detail_ar


def test_off_keeps_the_rolling_window_and_no_draw() -> None:
    now = cairo(TODAY, 8, 0)
    assert OFF.is_open(now + timedelta(days=60), now)
    assert not OFF.is_open(now + timedelta(days=60, minutes=1), now)
    assert not OFF.in_draw(TODAY + timedelta(days=60), cairo(TODAY, 9, 5))


def test_openings_follow_cairo_time_across_daylight_saving() -> None:
    # Egypt moves its clocks on the last Friday of April; the day opens at 09:00 on either side.
    before, after = date(2027, 4, 29), date(2027, 4, 30)
    for day in (before, after):
        opening = POLICY.opening(day + timedelta(days=60))
        assert opening.astimezone(CAIRO).time() == time(9, 0)
    gap = POLICY.opening(after + timedelta(days=60)) - POLICY.opening(before + timedelta(days=60))
    assert gap in (timedelta(hours=23), timedelta(hours=24), timedelta(hours=25))


@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)))
def test_the_last_open_day_has_opened_and_the_next_has_not(now: datetime) -> None:
    last = POLICY.last_open_day(now)
    assert POLICY.opening(last) <= now < POLICY.opening(last + timedelta(days=1))
    day, opens = POLICY.next_opening(now)
    assert day == last + timedelta(days=1) and opens > now
