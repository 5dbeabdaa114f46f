"""The demo offices' simulated past: closed days left out, reproducible, consistent with the hall's
rules, and the true behaviour it was drawn from found again in it."""

from __future__ import annotations

from datetime import date, timedelta
from statistics import fmean

import pytest
from hypothesis import given
from hypothesis import strategies as st

from booking.calendar import public_holiday
from booking.codes import normalise_booking_code
from booking.demo import DEMO_OFFICES
from booking.identity import identity_from_national_id
from booking.services import SERVICES
from foresight.demo_applicants import demo_applicant, demo_code
from foresight.demo_history import (
    SUNDAY,
    THURSDAY,
    TRUTH,
    WALK_IN_HOURLY_SHARES,
    demo_history,
    demo_office_day,
    past_bookings,
    past_tickets,
    walk_in_shares,
)
from foresight.offices import OfficeClosed
from kernel.errors import InvalidInput

OFFICES = {office.id: office for office in DEMO_OFFICES}
GIZA, OCTOBER = OFFICES["giza-passports"], OFFICES["giza-october-traffic"]
TODAY = date(2026, 12, 6)  # a Sunday


@pytest.fixture(scope="module")
def weeks() -> list:
    return demo_history(GIZA, 3, TODAY, 6)


def test_the_history_leaves_out_weekends_holidays_and_today(weeks):
    days = [d.day for d in weeks]
    assert days == sorted(days) and days[0] >= TODAY - timedelta(weeks=6) and days[-1] < TODAY
    assert all(d.weekday() not in (4, 5) and public_holiday(d) is None for d in days)
    assert len(days) == 30
    with pytest.raises(OfficeClosed):
        demo_office_day(GIZA, 3, date(2026, 10, 8), TODAY)  # Armed Forces Day (observed), a Thursday


def test_a_public_holiday_in_the_weeks_is_left_out():
    days = [d.day for d in demo_history(OCTOBER, 4, date(2026, 10, 15), 2)]
    assert date(2026, 10, 8) not in days and date(2026, 10, 7) in days and len(days) == 9


def test_the_same_seed_gives_the_same_day_and_another_seed_another(weeks):
    day = weeks[4].day
    again = demo_office_day(GIZA, 3, day, TODAY)
    assert again == weeks[4]
    assert demo_office_day(GIZA, 3, day, TODAY, seed=1).tickets != again.tickets


def test_tickets_are_numbered_like_the_hall_s_and_settled(weeks):
    for day in weeks:
        assert [t.sequence for t in day.tickets] == list(range(1, len(day.tickets) + 1))
        assert {t.status.value for t in day.tickets} <= {"done", "no_show"}
        assert len({t.id for t in day.tickets}) == len(day.tickets)
        for t in day.tickets:
            assert t.number == f"{SERVICES[t.service].ticket_prefix}-{t.sequence:03d}"
            assert t.day == day.day and t.queued_at.date() == day.day
            assert t.called_at is not None and t.finished_at is not None and t.called_at >= t.queued_at
            assert (t.kind.value == "appointment") == (t.booking_code is not None)


def test_each_booking_that_came_is_served_by_one_appointment_ticket(weeks):
    for day in weeks:
        codes = {t.booking_code for t in day.tickets if t.booking_code}
        served = {b.applicant.code for b in day.bookings if b.status == "served"}
        assert codes == served
        assert {b.status for b in day.bookings} <= {"served", "no_show"}
        assert all(b.created_at < b.starts_at for b in day.bookings)


def test_the_true_behaviour_is_found_again_in_the_history(weeks):
    bookings = past_bookings(weeks)
    no_shows = sum(b.status == "no_show" for b in bookings) / len(bookings)
    assert no_shows == pytest.approx(TRUTH.no_show_share, abs=0.02)

    appointments = [t for d in weeks for t in d.tickets if t.slot_start is not None]
    early = [(t.slot_start - t.queued_at).total_seconds() / 60 for t in appointments]
    inside = [e for e in early if -30 < e < 40]  # away from the doors' opening, which cuts it
    assert fmean(inside) == pytest.approx(TRUTH.early_minutes, abs=1.5)

    tickets = [t for t in past_tickets(weeks) if t.status == "done"]
    for service in GIZA.services:
        times = [t.service_seconds / 60 for t in tickets if t.service == service]
        assert fmean(times) == pytest.approx(SERVICES[service].duration_minutes, rel=0.06)


def test_sunday_is_busier_than_thursday_and_walk_ins_come_in_the_morning(weeks):
    def walk_ins(weekday: int) -> float:
        days = [d for d in weeks if d.day.weekday() == weekday]
        return fmean(sum(t.kind.value == "walk_in" for t in d.tickets) for d in days)

    assert walk_ins(SUNDAY) > 1.2 * walk_ins(THURSDAY)
    walk = [t for d in weeks for t in d.tickets if t.kind.value == "walk_in"]
    first_hour = sum(t.queued_at.hour == 8 for t in walk) / len(walk)
    assert first_hour == pytest.approx(WALK_IN_HOURLY_SHARES[0], abs=0.04)


@given(st.floats(min_value=1.0, max_value=12.0))
def test_the_morning_rush_fits_any_opening_hours(hours: float):
    shares = walk_in_shares(hours)
    assert sum(shares) == pytest.approx(1.0)
    assert len(shares) == -(-hours // 1) and all(s >= 0 for s in shares)


def test_a_six_hour_office_keeps_the_rush_s_shape():
    shares = walk_in_shares(6.0)
    assert list(shares) == sorted(shares, reverse=True)
    assert shares[0] > WALK_IN_HOURLY_SHARES[0]
    assert demo_office_day(OCTOBER, 4, TODAY - timedelta(days=1 + 2), TODAY).tickets  # a Thursday


@given(st.integers(0, 63), st.dates(date(2020, 1, 1), date(2060, 1, 1)), st.integers(0, 2**15 - 1))
def test_demo_codes_and_identities_can_never_be_a_real_one(office: int, day: date, n: int):
    applicant = demo_applicant(office, day, n, english=False)
    assert applicant.code == demo_code(office, day, n) and len(applicant.code) == 8
    assert normalise_booking_code(applicant.code) is None  # no typed code reaches it
    with pytest.raises(InvalidInput):
        identity_from_national_id(applicant.identity_number, date(2060, 1, 1))
    assert applicant.code in applicant.full_name


def test_demo_codes_differ_by_office_day_and_number():
    codes = {demo_code(o, date(2026, 11, d), n) for o in (0, 1) for d in (1, 2) for n in (0, 1, 2**15 - 1)}
    assert len(codes) == 12


def test_demo_history_weeks_are_six_from_the_environment_none_in_code_and_checked():
    from api.settings import Settings, SettingsError

    assert Settings.from_env({"MAWID_DEMO": "1"}).demo_history_weeks == 6
    assert Settings.from_env({"MAWID_DEMO": "1", "MAWID_DEMO_HISTORY_WEEKS": "0"}).demo_history_weeks == 0
    assert Settings().demo_history_weeks == 0
    for wrong in ("-1", "six", "53"):
        with pytest.raises(SettingsError, match="MAWID_DEMO_HISTORY_WEEKS"):
            Settings.from_env({"MAWID_DEMO": "1", "MAWID_DEMO_HISTORY_WEEKS": wrong})
