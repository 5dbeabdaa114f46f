"""The demand forecast: a known weekly pattern is found, closed days are nobody and never taught
as zeros, short histories fall back, and the backtest's figures are the ones worked by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from booking.calendar import Closure, public_holiday, to_instant
from booking.offices import OpeningHours
from foresight.demand import BOOKINGS, WALK_INS, DemandHistory, demand_history
from foresight.forecast import (
    ETS,
    MEAN,
    NOTHING,
    SEASONAL_NAIVE,
    TOTAL,
    forecast_demand,
    forecast_office,
)
from foresight.history import PastBooking, PastTicket
from tests.fakes.foresight import FakeHistory
from tests.unit.foresight.synthetic import LEVELS, OFFICE, expected, synthetic_past

FIRST, LAST = date(2025, 1, 5), date(2025, 6, 30)  # 26 weeks, with Eid al-Fitr and Sinai Day
AHEAD = date(2025, 7, 1)  # the four weeks after hold 30 June Day (observed on 3 July)


def history(first: date = FIRST, last: date = LAST, noise: bool = False, seed: int = 0) -> DemandHistory:
    tickets, bookings = synthetic_past(first, last, seed, noise)
    return demand_history(OFFICE, tickets, bookings, first, last)


def test_a_weekly_pattern_is_forecast_within_a_few_percent_on_every_open_day() -> None:
    forecast = forecast_demand(history(), OFFICE, AHEAD, 28)
    assert set(forecast.methods.values()) == {ETS}
    open_days = [d for d in forecast.days if d.closed is None]
    assert len(open_days) == 18  # 20 working days, two of them holidays (3 and 24 July)
    for day in open_days:
        for kind, service in LEVELS:
            predicted = (day.bookings if kind == BOOKINGS else day.walk_ins)[service]
            assert predicted == pytest.approx(expected(kind, service, day.day), rel=0.05)


def test_noisy_history_is_forecast_better_than_same_as_last_week() -> None:
    # Two held-out weeks are few days: one history may favour either; eight are a fair trial.
    model: dict[str, list[float]] = {BOOKINGS: [], WALK_INS: []}
    naive: dict[str, list[float]] = {BOOKINGS: [], WALK_INS: []}
    for seed in range(8):
        for row in forecast_demand(history(noise=True, seed=seed), OFFICE, AHEAD, 7).backtest:
            if row.service == TOTAL:
                assert row.model.mase is not None and row.seasonal_naive.mase is not None
                model[row.kind].append(row.model.mase)
                naive[row.kind].append(row.seasonal_naive.mase)
    for kind in (BOOKINGS, WALK_INS):
        assert sum(model[kind]) < 0.9 * sum(naive[kind])


def test_weekends_holidays_and_closures_are_forecast_as_nobody_and_say_why() -> None:
    closure = Closure(OFFICE.id, date(2025, 7, 8))
    forecast = forecast_demand(history(), OFFICE, AHEAD, 14, closures=[closure])
    closed = {d.day: d.closed for d in forecast.days if d.closed}
    assert closed[date(2025, 7, 3)] == public_holiday(date(2025, 7, 3))
    assert closed[date(2025, 7, 4)] == closed[date(2025, 7, 5)] == "weekend"
    assert closed[date(2025, 7, 8)] == "closure"
    for day in forecast.days:
        if day.closed:
            assert set(day.bookings.values()) == set(day.walk_ins.values()) == {0.0}
        else:
            assert all(n > 0 for n in day.bookings.values())


def test_closed_days_and_days_nobody_came_are_missing_not_zero() -> None:
    tickets, bookings = synthetic_past(FIRST, LAST, noise=False)
    quiet = date(2025, 3, 11)  # a Tuesday on which the archive has nobody at all
    past = demand_history(
        OFFICE, [t for t in tickets if t.day != quiet], [b for b in bookings if b.day != quiet], FIRST, LAST
    )
    series = past.series[BOOKINGS, "passport-new"]
    assert series[past.days.index(quiet)] is None
    holiday = date(2025, 1, 7)  # Coptic Christmas, a Tuesday
    assert public_holiday(holiday) and series[past.days.index(holiday)] is None
    assert date(2025, 1, 10) not in past.days  # a Friday is no working day at all
    assert past.season == 5
    # Learnt without zeros, Tuesdays come back at their level.
    tuesday = next(d for d in forecast_demand(past, OFFICE, AHEAD, 7).days if d.day.weekday() == 1)
    assert tuesday.bookings["passport-new"] == pytest.approx(
        expected(BOOKINGS, "passport-new", tuesday.day), rel=0.05
    )


def test_cancelled_bookings_and_transferred_tickets_are_not_demand() -> None:
    day = date(2025, 3, 9)
    start = nine_fifteen(day)
    bookings = [
        PastBooking(OFFICE.id, day, "passport-new", start, status)
        for status in ("served", "no_show", "cancelled", "checked_in")
    ]
    walk_in = PastTicket(
        OFFICE.id, day, "passport-new", "walk_in", "none", "done", start, None, None, None, None
    )
    tickets = [walk_in, replace(walk_in, status="transferred"), replace(walk_in, kind="appointment")]
    past = demand_history(OFFICE, tickets, bookings, day, day)
    assert past.series[BOOKINGS, "passport-new"] == (3.0,)
    assert past.series[WALK_INS, "passport-new"] == (1.0,)
    assert past.hourly == {BOOKINGS: {9: 1.0}, WALK_INS: {9: 1.0}}


def nine_fifteen(day: date) -> datetime:
    return to_instant(day, time(9, 15), OFFICE.timezone)


@pytest.mark.parametrize(
    ("weeks", "method"),
    [(0, NOTHING), (0.4, MEAN), (1, SEASONAL_NAIVE), (2.8, SEASONAL_NAIVE), (4, ETS)],
)
def test_short_histories_fall_back_to_simpler_models(weeks: float, method: str) -> None:
    last = date(2025, 3, 8)
    first = last - timedelta(days=round(weeks * 7) - 1) if weeks else last
    tickets, bookings = synthetic_past(first, last, noise=True) if weeks else ([], [])
    forecast = forecast_demand(
        demand_history(OFFICE, tickets, bookings, first, last), OFFICE, last + timedelta(1)
    )
    assert forecast.methods[BOOKINGS, "passport-new"] == method
    if method == NOTHING:
        assert all(v == 0 for d in forecast.days for v in d.bookings.values())


def test_a_service_nobody_walks_in_for_stays_at_nobody() -> None:
    tickets, bookings = synthetic_past(FIRST, LAST, noise=False)
    renewals = [t for t in tickets if t.service != "passport-renewal"]
    forecast = forecast_demand(demand_history(OFFICE, renewals, bookings, FIRST, LAST), OFFICE, AHEAD, 7)
    assert forecast.methods[WALK_INS, "passport-renewal"] == MEAN
    assert all(d.walk_ins["passport-renewal"] == 0 for d in forecast.days)


def test_the_backtest_of_a_hand_made_history_gives_the_hand_worked_figures() -> None:
    # An office open on Sundays and Mondays only: a season of 2; four weeks, the last two held out.
    sundays = [date(2025, 3, 2) + timedelta(weeks=n) for n in range(4)]
    days = tuple(d + timedelta(k) for d in sundays for k in (0, 1))
    values = (1.0, 2.0, 3.0, 5.0, 4.0, 6.0, 5.0, 7.0)
    office = replace(OFFICE, hours=OpeningHours({"sun": (time(8), time(15)), "mon": (time(8), time(15))}))
    past = DemandHistory(office.id, days, {(BOOKINGS, "s"): values, (WALK_INS, "s"): (0.0,) * 8}, {})
    [row, whole, walk_ins] = forecast_demand(past, office, date(2025, 3, 30), 7).backtest
    # Four training days are too few for ETS (three weeks): the model is the seasonal naive,
    # [3, 5, 3, 5] against [4, 6, 5, 7]: absolute errors 1, 1, 2, 2.
    assert row.method == SEASONAL_NAIVE and row.days == 4
    assert row.model == row.seasonal_naive
    assert row.model.mape == pytest.approx((1 / 4 + 1 / 6 + 2 / 5 + 2 / 7) / 4)
    # The scale: the seasonal naive's in-sample error, |3 − 1| and |5 − 2|, a mean of 2.5.
    assert row.model.mase == pytest.approx(1.5 / 2.5)
    assert (whole.service, whole.model) == (TOTAL, row.model)
    assert walk_ins.service == TOTAL and walk_ins.model.mape is None and walk_ins.model.mase is None


async def test_the_office_forecast_learns_up_to_yesterday_and_starts_tomorrow() -> None:
    tickets, bookings = synthetic_past(FIRST, LAST, noise=False)
    today = LAST + timedelta(1)
    late = PastBooking(OFFICE.id, today, "passport-new", nine_fifteen(today), "served")  # today's: not yet
    forecast = await forecast_office(FakeHistory(tickets, [*bookings, late]), OFFICE, today, days=10)
    assert [d.day for d in forecast.days] == [today + timedelta(n) for n in range(1, 11)]
    assert forecast.history_days == 127 - 8  # working days from 5 January to 30 June, less holidays
