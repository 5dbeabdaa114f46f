from datetime import UTC, date, datetime, time

from booking.calendar import Closure, is_open, public_holiday, to_instant
from booking.capacity import day_slots
from booking.demo import DEMO_OFFICES
from booking.offices import OpeningHours
from kernel.days import TIMEZONE

GIZA = next(o for o in DEMO_OFFICES if o.id == "giza-passports")


def test_a_sunday_is_a_working_day_with_slots():
    assert is_open(GIZA, date(2026, 12, 6))
    assert day_slots(GIZA, "passport-new", date(2026, 12, 6))


def test_friday_and_saturday_have_no_slots():
    assert day_slots(GIZA, "passport-new", date(2026, 12, 4)) == []
    assert day_slots(GIZA, "passport-new", date(2026, 12, 5)) == []


def test_a_public_holiday_has_no_slots_even_on_a_weekday():
    # 7 January, Coptic Christmas, falls on a Thursday in 2027.
    christmas = date(2027, 1, 7)
    assert christmas.weekday() == 3
    assert public_holiday(christmas) is not None
    assert day_slots(GIZA, "passport-new", christmas) == []


def test_a_manager_closure_of_the_office_removes_the_day():
    day = date(2026, 12, 6)
    closure = Closure(GIZA.id, day)
    assert not is_open(GIZA, day, (closure,))
    assert day_slots(GIZA, "passport-new", day, (closure,)) == []


def test_closure_of_another_day_changes_nothing():
    closure = Closure(GIZA.id, date(2026, 12, 7))
    assert len(day_slots(GIZA, "passport-new", date(2026, 12, 6), (closure,))) == 14


def test_cairo_summer_time_shifts_the_utc_instant_of_a_morning_slot():
    # Egypt's DST starts on the last Friday of April: 2026-04-24 at 00:00 local.
    before = to_instant(date(2026, 4, 23), time(9, 0), TIMEZONE)
    after = to_instant(date(2026, 4, 26), time(9, 0), TIMEZONE)
    assert before == datetime(2026, 4, 23, 7, 0, tzinfo=UTC)
    assert after == datetime(2026, 4, 26, 6, 0, tzinfo=UTC)


def test_slots_on_the_dst_change_day_have_correct_utc_instants():
    # An office that opens every day, so the change day itself (a Friday) has slots.
    every_day = OpeningHours(
        {d: (time(8), time(10)) for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    )
    office = GIZA.__class__(**{**{f: getattr(GIZA, f) for f in GIZA.__slots__}, "hours": every_day})
    slots = day_slots(office, "passport-new", date(2026, 4, 24))
    assert [s.start for s in slots] == [
        datetime(2026, 4, 24, 5, 0, tzinfo=UTC),
        datetime(2026, 4, 24, 5, 30, tzinfo=UTC),
        datetime(2026, 4, 24, 6, 0, tzinfo=UTC),
        datetime(2026, 4, 24, 6, 30, tzinfo=UTC),
    ]
    # The autumn change (end of the last Thursday of October) gives back the hour.
    autumn = day_slots(office, "passport-new", date(2026, 10, 30))
    assert autumn[0].start == datetime(2026, 10, 30, 6, 0, tzinfo=UTC)
