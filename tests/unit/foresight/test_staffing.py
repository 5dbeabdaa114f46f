"""Staffing advice: service groups from the counters, Erlang C per hour beside the plan, the
advised counters, and the simulation's check of both."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from foresight.demand import demand_history
from foresight.erlang import counters_needed, service_level
from foresight.forecast import forecast_demand
from foresight.forecast_day import forecast_office_day, forecast_staffing
from foresight.office_day import Behaviour, Booked, OfficeDay, ServiceTime
from foresight.offices import OfficeClosed
from foresight.scenarios import PLANNED
from foresight.simulation import simulate_day
from foresight.staffing import (
    ADVISED,
    IDLE,
    OK,
    SHORT,
    HourAdvice,
    Staffing,
    advise,
    called_within,
    check,
    service_groups,
)
from queue_display.policy import CallPolicy
from tests.unit.foresight.factories import OPENS, counter, walk_in
from tests.unit.foresight.synthetic import OFFICE, synthetic_past

ALL_DAY = ((0.0, 180.0),)


def hall(counters: int, walk_ins_per_hour: float = 30.0, **extra: object) -> OfficeDay:
    """Three hours, one service of 6 minutes, ``counters`` counters open all day."""
    return OfficeDay(
        opens=OPENS,
        closes_minute=180.0,
        counters=tuple(counter(str(n + 1), "a", shifts=ALL_DAY) for n in range(counters)),
        service_times={"a": ServiceTime(6.0, exponential=True)},
        walk_ins_per_hour={"a": (walk_ins_per_hour,) * 3},
        **extra,  # type: ignore[arg-type]
    )


def test_services_served_by_the_same_counters_form_one_group() -> None:
    day = OfficeDay(
        opens=OPENS,
        closes_minute=120.0,
        counters=(counter("1", "a", "b"), counter("2", "b", "c"), counter("3", "d")),
        service_times={s: ServiceTime(5.0) for s in "abcde"},
    )
    assert service_groups(day) == (("a", "b", "c"), ("d",), ("e",))


def test_each_hour_needs_what_erlang_c_says_and_the_plan_is_flagged_against_it() -> None:
    needed = counters_needed(30 / 60, 6.0)  # 3 erlangs: 5 counters for 80 % within 15 minutes
    for planned, status in ((needed - 1, SHORT), (needed, OK), (needed + 1, OK), (needed + 2, IDLE)):
        advice = advise(hall(planned))
        assert [h.needed for h in advice.hours] == [needed] * 3
        assert {h.status for h in advice.hours} == {status}
        first = advice.hours[0]
        assert (first.group, first.people, first.offered_load) == (
            ("a",),
            pytest.approx(30.0),
            pytest.approx(3.0),
        )
        assert first.promised == pytest.approx(service_level(0.5, 6.0, planned, 15.0))


def test_bookings_count_in_their_slot_s_hour_less_the_expected_no_shows() -> None:
    day = hall(2, walk_ins_per_hour=0.0, bookings=tuple(Booked("a", 65.0) for _ in range(10)),
               behaviour=Behaviour(no_show_share=0.2))  # fmt: skip
    people = [h.people for h in advise(day).hours]
    assert people == [0.0, pytest.approx(8.0), 0.0]
    assert [h.needed for h in advise(day).hours] == [0, counters_needed(8 / 60, 6.0), 0]


def test_a_counter_open_half_an_hour_is_half_a_counter_planned_then() -> None:
    day = hall(1)
    day = OfficeDay(
        opens=OPENS,
        closes_minute=180.0,
        counters=(*day.counters, counter("2", "a", shifts=((0.0, 30.0), (120.0, 180.0)))),
        service_times=day.service_times,
        walk_ins_per_hour=day.walk_ins_per_hour,
    )
    assert [h.planned for h in advise(day).hours] == [1.5, 1.0, 2.0]


def test_the_target_is_a_parameter() -> None:
    strict, loose = advise(hall(3), target=0.95, within=5.0), advise(hall(3), target=0.5, within=30.0)
    assert strict.hours[0].needed > loose.hours[0].needed


def advice(group: tuple[str, ...], needed: list[int], people: float = 1.0) -> list[HourAdvice]:
    return [HourAdvice(group, h, people, 6.0, 1.0, n, 1.0, OK, 1.0) for h, n in enumerate(needed)]


def test_the_advised_counters_open_as_many_as_needed_each_hour_and_one_through_the_day() -> None:
    staffing = Staffing(0.8, 15.0, (*advice(("a",), [2, 3, 0]), *advice(("b",), [0, 0, 0], people=0.0)))
    plans = staffing.advised_counters(hall(1))
    assert [(p.services, p.shifts) for p in plans] == [
        (frozenset("a"), ((0.0, 180.0),)),  # the third hour needs nobody but someone must call
        (frozenset("a"), ((0.0, 120.0),)),
        (frozenset("a"), ((60.0, 120.0),)),
    ]


def test_called_within_counts_who_was_called_in_time_by_the_hour_they_were_due() -> None:
    people = (walk_in(0.0, 20.0), walk_in(1.0, 5.0), walk_in(70.0, 5.0))
    run = simulate_day((counter("1", "a", shifts=ALL_DAY),), people, CallPolicy(), OPENS, 180.0)
    shares = called_within(run, [("a",)], 15.0)
    # The second person waits 19 minutes behind the first; the third is called at once.
    assert shares[("a",), 0] == 0.5 and shares[("a",), 1] == 1.0
    assert shares[("a",), 2] != shares[("a",), 2]  # NaN: nobody was due


def test_the_simulation_checks_the_advice_against_the_plan_on_the_same_people() -> None:
    day = hall(3, walk_ins_per_hour=36.0)  # 3.6 erlangs on 3 counters: the line grows all day
    staffing = advise(day)
    checked = check(day, staffing, replications=12, seed=1)
    assert set(checked.comparison.scenarios) == {PLANNED, ADVISED}
    planned_wait = checked.comparison.scenarios[PLANNED]["wait.mean"].mean
    advised_wait = checked.comparison.scenarios[ADVISED]["wait.mean"].mean
    assert advised_wait < planned_wait / 5
    for hour in checked.hours:
        assert hour.advised.mean > hour.planned.mean
        assert hour.advised.mean >= staffing.target - 0.1
    assert checked.hours[-1].planned.mean < staffing.target - 0.1


def test_a_future_day_is_advised_from_the_forecast() -> None:
    first, last = date(2025, 1, 5), date(2025, 6, 30)
    tickets, bookings = synthetic_past(first, last, noise=False)
    forecast = forecast_demand(
        demand_history(OFFICE, tickets, bookings, first, last), OFFICE, date(2025, 7, 1), 7
    )
    tuesday = forecast.days[0]
    day = forecast_office_day(OFFICE, tuesday.day, forecast)
    assert len(day.bookings) == pytest.approx(sum(tuesday.bookings.values()), abs=len(tuesday.bookings))
    walk_ins = sum(sum(rates) for rates in day.walk_ins_per_hour.values())
    assert walk_ins == pytest.approx(sum(tuesday.walk_ins.values()), rel=1e-6)
    morning = day.walk_ins_per_hour["passport-new"]
    assert morning[0] > morning[-1]  # the past's morning rush
    expected, staffing = forecast_staffing(OFFICE, tuesday.day, forecast)
    assert expected == day
    assert {h.group for h in staffing.hours} == {("passport-new", "passport-renewal")}
    assert any(h.needed > 0 for h in staffing.hours)
    with pytest.raises(OfficeClosed):
        forecast_office_day(OFFICE, date(2025, 7, 3), forecast)  # 30 June Day, observed
    with pytest.raises(ValueError, match="does not cover"):
        forecast_office_day(OFFICE, date(2025, 7, 1) + timedelta(days=30), forecast)


@given(st.floats(0.0, 120.0), st.floats(0.0, 120.0))
def test_more_people_never_need_fewer_counters(fewer: float, more: float) -> None:
    fewer, more = sorted((fewer, more))
    assert advise(hall(1, fewer)).hours[0].needed <= advise(hall(1, more)).hours[0].needed
