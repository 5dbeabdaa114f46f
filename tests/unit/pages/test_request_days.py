"""The days a flexible request can name on the booking page: working days between today and the
end of the booking window, without public holidays, and two weeks from tomorrow by default."""

from __future__ import annotations

from datetime import date, datetime

from api.pages.request_days import DEFAULT_SPAN, RequestDays, open_weekdays, request_days
from booking.demo import DEMO_OFFICES

SUNDAY_MORNING = datetime.fromisoformat("2026-12-06T08:00:00+02:00")
SUNDAY_TO_THURSDAY = frozenset({6, 0, 1, 2, 3})


def test_the_demo_offices_open_sunday_to_thursday():
    assert open_weekdays(DEMO_OFFICES) == SUNDAY_TO_THURSDAY


def test_the_days_run_from_today_to_sixty_days_ahead_on_working_days_only():
    days = request_days(SUNDAY_MORNING, SUNDAY_TO_THURSDAY).days
    assert days[0] == date(2026, 12, 6) and days[-1] == date(2027, 2, 4)
    assert all(day.weekday() in SUNDAY_TO_THURSDAY for day in days)
    assert date(2026, 12, 11) not in days  # a Friday


def test_public_holidays_are_not_offered():
    days = request_days(SUNDAY_MORNING, SUNDAY_TO_THURSDAY).days
    assert date(2027, 1, 7) not in days  # Coptic Christmas, a Thursday


def test_a_new_request_offers_two_working_weeks_from_tomorrow():
    offered = request_days(SUNDAY_MORNING, SUNDAY_TO_THURSDAY)
    assert offered.first == date(2026, 12, 7)
    assert offered.last == date(2026, 12, 20)
    assert len([day for day in offered.days if offered.first <= day <= offered.last]) == DEFAULT_SPAN


def test_late_in_the_window_the_default_stops_at_its_last_day():
    near_the_end = datetime.fromisoformat("2027-02-03T08:00:00+02:00")
    offered = request_days(near_the_end, frozenset({2}))  # only Wednesdays
    assert offered.first == date(2027, 2, 10) and offered.last == offered.days[-1]


def test_with_no_office_open_there_is_nothing_to_offer():
    offered = request_days(SUNDAY_MORNING, frozenset())
    assert offered == RequestDays((), date.min, date.min)


def test_each_day_is_named_in_the_pages_language():
    offered = request_days(SUNDAY_MORNING, SUNDAY_TO_THURSDAY)
    assert offered.options("ar")[1] == ("2026-12-07", "الاثنين ٧ ديسمبر ٢٠٢٦")
    assert offered.options("en")[1] == ("2026-12-07", "Monday 7 December 2026")
