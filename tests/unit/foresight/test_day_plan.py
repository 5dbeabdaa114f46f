"""An office day built from what is known of it: the office and its closures, the day's bookings,
and the weeks of history before it — or today's priors when there is none."""

from __future__ import annotations

import asyncio
from datetime import date, time, timedelta

import pytest

from booking.calendar import Closure
from foresight.day_plan import DEFAULT_WALK_IN_LOAD, DayPlan, UnknownOffice, WalkInSource, plan_day
from foresight.estimates import estimate_from_history, history_window
from foresight.office_day import Behaviour, ServiceTime
from foresight.offices import OfficeClosed, walk_in_capacity
from tests.fakes.booking import FakeOffices
from tests.fakes.foresight import FakeDayBookings, FakeHistory
from tests.unit.foresight.histories import (
    CERTIFICATE,
    OFFICE,
    RENEWAL,
    SUNDAY,
    Truth,
    at,
    history,
    open_days,
    ticket,
)

PAST = open_days(SUNDAY, 30)  # six working weeks, Sunday 1 November to Thursday 10 December
DAY = date(2026, 12, 15)  # the Tuesday after
TRUTH = Truth(no_show_share=0.2, early_minutes=4.0, punctuality_sd_minutes=6.0)


def plan(
    fake_history: FakeHistory,
    day: date = DAY,
    closures: tuple[Closure, ...] = (),
    visits: int = 3,
    today: date | None = None,
) -> DayPlan:
    offices = FakeOffices({OFFICE.id: OFFICE}, {OFFICE.id: closures})
    booked = [(RENEWAL, at(day, "09:00"), n == 0) for n in range(visits)]
    bookings = FakeDayBookings({(OFFICE.id, day): booked})
    return asyncio.run(plan_day(OFFICE.id, day, offices, bookings, fake_history, weeks=8, today=today))


def test_without_history_the_day_runs_on_todays_priors() -> None:
    planned = plan(FakeHistory())
    day, inputs = planned.day, planned.inputs
    assert day.behaviour == Behaviour()
    assert day.service_times == {RENEWAL: ServiceTime(15.0), CERTIFICATE: ServiceTime(10.0)}
    capacity = walk_in_capacity(OFFICE, DAY)
    assert day.walk_ins_per_hour == {
        s: pytest.approx(tuple(r * DEFAULT_WALK_IN_LOAD for r in rates)) for s, rates in capacity.items()
    }
    assert inputs.walk_ins is WalkInSource.CAPACITY
    assert day.walk_in_profile == ()  # the shape of the walk-in rates: even, as capacity is
    assert [(b.service, b.slot_minute, b.senior) for b in day.bookings] == [
        (RENEWAL, 60.0, True), (RENEWAL, 60.0, False), (RENEWAL, 60.0, False),
    ]  # fmt: skip
    answer = inputs.as_json()
    assert answer["description"] == "no history: catalogue priors"
    assert (answer["history"]["days"], answer["bookings"], answer["no_show_share"]) == (0, 3, 0.1)
    assert answer["walk_ins"]["source"] == "capacity"


def test_with_history_the_day_runs_on_what_the_office_saw() -> None:
    tickets, bookings = history(TRUTH, PAST, seed=4)
    planned = plan(FakeHistory(tickets, bookings))
    first, last = history_window(DAY, 8)
    expected = estimate_from_history(OFFICE, tickets, bookings, first, last)
    day, inputs = planned.day, planned.inputs
    assert day.behaviour == expected.behaviour
    assert day.behaviour.no_show_share == pytest.approx(0.2, abs=0.05)
    assert day.service_times == expected.times()
    assert inputs.walk_ins is WalkInSource.WEEKDAY
    assert day.walk_ins_per_hour == expected.walk_ins.on(DAY.weekday())
    assert day.walk_in_profile == expected.walk_ins.profile
    assert day.walk_in_shares()[0] > 0.4  # the morning rush the truth has (8 of 16 an hour in the first)
    answer = inputs.as_json()
    assert answer["description"] == "from 6 weeks of history (30 open days, " + f"{len(tickets)} tickets)"
    assert answer["walk_ins"]["source"] == "history_weekday"
    assert answer["service_times"][RENEWAL]["samples"] > 100


def test_a_weekday_never_seen_takes_the_mean_of_every_open_day() -> None:
    tuesdays_gone = [d for d in PAST if d.weekday() != DAY.weekday()]
    tickets, bookings = history(TRUTH, tuesdays_gone, seed=4)
    planned = plan(FakeHistory(tickets, bookings))
    assert planned.inputs.walk_ins is WalkInSource.ANY_DAY
    first, last = history_window(DAY, 8)
    every_day = estimate_from_history(OFFICE, tickets, bookings, first, last).walk_ins.any_day()
    assert planned.day.walk_ins_per_hour == every_day


def test_the_day_itself_and_days_after_today_are_not_history() -> None:
    on_the_day = [ticket(DAY, at(DAY, "08:10")) for _ in range(5)]
    assert not plan(FakeHistory(on_the_day)).inputs.basis.has_history
    yesterday = DAY - timedelta(days=1)
    tomorrow_seen_today = [ticket(yesterday, at(yesterday, "08:10"))]
    assert not plan(FakeHistory(tomorrow_seen_today), today=yesterday).inputs.basis.has_history
    assert plan(FakeHistory(tomorrow_seen_today)).inputs.basis.has_history


def test_closures_shape_the_counters_and_a_closed_or_unknown_office_is_refused() -> None:
    closure = Closure(OFFICE.id, DAY, counter_id=2, starts=time(10, 0))
    planned = plan(FakeHistory(), closures=(closure,))
    assert [c.shifts for c in planned.day.counters] == [((0.0, 240.0),), ((0.0, 120.0),)]
    with pytest.raises(OfficeClosed):
        plan(FakeHistory(), day=date(2026, 12, 18))  # a Friday
    with pytest.raises(UnknownOffice):
        asyncio.run(plan_day("nowhere", DAY, FakeOffices.of(OFFICE), FakeDayBookings(), FakeHistory()))


def test_a_day_ahead_is_topped_up_to_the_bookings_the_forecast_expects() -> None:
    tickets, bookings = history(TRUTH, PAST, seed=4)  # 40 bookings a day, 20 for each service
    ahead = plan(FakeHistory(tickets, bookings), today=date(2026, 12, 13))
    by_service = {s: sum(1 for b in ahead.day.bookings if b.service == s) for s in (RENEWAL, CERTIFICATE)}
    assert by_service[RENEWAL] == pytest.approx(20, abs=3)  # the 3 made and the rest expected
    assert by_service[CERTIFICATE] == pytest.approx(20, abs=3)
    assert ahead.inputs.bookings == 3
    assert ahead.inputs.expected_bookings == len(ahead.day.bookings) - 3
    assert ahead.inputs.as_json()["expected_bookings"] == ahead.inputs.expected_bookings
    slots = [b.slot_minute for b in ahead.day.bookings]
    assert slots == sorted(slots) and all(0 <= m < ahead.day.closes_minute for m in slots)
    # The day itself (or with no today given) simulates only the bookings made; so does a day
    # already booked beyond what the forecast expects.
    assert plan(FakeHistory(tickets, bookings), today=DAY).inputs.expected_bookings == 0
    assert len(plan(FakeHistory(tickets, bookings)).day.bookings) == 3
    full = plan(FakeHistory(tickets, bookings), today=date(2026, 12, 13), visits=60)
    assert sum(1 for b in full.day.bookings if b.service == RENEWAL) == 60
