"""Estimates from an office's history: hand-made pasts whose answers are known, thin pasts that
lean on the priors, and large samples drawn from known parameters that must be recovered."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foresight.estimates import Basis, estimate_from_history, history_window
from foresight.fits import MAD_TO_SD, PRIOR_WEIGHT
from foresight.history import PastTicket
from foresight.office_day import Behaviour, ServiceTime
from tests.unit.foresight.histories import (
    CERTIFICATE,
    OFFICE,
    RENEWAL,
    SUNDAY,
    Truth,
    at,
    booking,
    history,
    open_days,
    ticket,
)

TUESDAY, NEXT_TUESDAY, WEDNESDAY = SUNDAY + timedelta(2), SUNDAY + timedelta(9), SUNDAY + timedelta(3)
LAST = SUNDAY + timedelta(27)


def test_without_history_the_estimates_are_the_priors() -> None:
    found = estimate_from_history(OFFICE, [], [], SUNDAY, LAST)
    assert found.behaviour == Behaviour()
    assert found.times() == {RENEWAL: ServiceTime(15.0), CERTIFICATE: ServiceTime(10.0)}
    assert found.walk_ins.on(TUESDAY.weekday()) is None and found.walk_ins.any_day() is None
    assert found.walk_ins.profile == ()
    assert not found.basis.has_history
    assert found.basis.describe() == "no history: catalogue priors"


def test_walk_ins_are_means_over_the_open_days_of_each_weekday_seen() -> None:
    tickets = [
        # Two Tuesdays: 3 then 1 renewal walk-ins in the first hour, 2 certificates at 10:30 on one.
        *(ticket(TUESDAY, at(TUESDAY, "08:10")) for _ in range(3)),
        ticket(TUESDAY, at(TUESDAY, "10:30"), CERTIFICATE),
        ticket(TUESDAY, at(TUESDAY, "10:40"), CERTIFICATE),
        ticket(NEXT_TUESDAY, at(NEXT_TUESDAY, "07:55")),  # before opening: the first hour
        # A Wednesday with only an appointment: open, with no walk-in.
        ticket(WEDNESDAY, at(WEDNESDAY, "09:00"), kind="appointment", slot_start=at(WEDNESDAY, "09:00")),
    ]
    found = estimate_from_history(OFFICE, tickets, [], SUNDAY, LAST)
    # The two other Tuesdays of the window had no ticket (closed, say): they are not zeros.
    assert found.walk_ins.on(TUESDAY.weekday()) == {
        RENEWAL: (2.0, 0.0, 0.0, 0.0),
        CERTIFICATE: (0, 0, 1.0, 0),
    }
    assert found.walk_ins.on(WEDNESDAY.weekday()) == {}
    assert found.walk_ins.on(SUNDAY.weekday()) is None
    assert found.walk_ins.days == {TUESDAY.weekday(): 2, WEDNESDAY.weekday(): 1}
    every_day = found.walk_ins.any_day()
    assert every_day is not None and every_day[RENEWAL] == pytest.approx((4 / 3, 0, 0, 0))
    assert found.walk_ins.profile == pytest.approx((4 / 6, 0, 2 / 6))
    assert (found.basis.days, found.basis.people) == (3, 7)
    assert found.basis.describe() == "from 2 weeks of history (3 open days, 7 tickets)"


def test_a_transferred_ticket_is_not_a_second_person() -> None:
    tickets = [
        ticket(TUESDAY, at(TUESDAY, "08:10"), status="transferred", service_minutes=3.0),
        ticket(TUESDAY, at(TUESDAY, "08:10"), CERTIFICATE),  # its successor keeps the arrival
    ]
    found = estimate_from_history(OFFICE, tickets, [], SUNDAY, LAST)
    assert found.walk_ins.on(TUESDAY.weekday()) == {CERTIFICATE: (1.0, 0.0, 0.0, 0.0)}
    assert found.service_times[RENEWAL].samples == 0
    assert found.basis.people == 1


def test_the_no_show_share_counts_settled_bookings_only_and_leans_on_the_prior() -> None:
    nine = at(TUESDAY, "09:00")
    statuses = ["no_show"] * 6 + ["served"] * 20 + ["checked_in"] * 4 + ["cancelled"] * 10 + ["confirmed"] * 5
    found = estimate_from_history(OFFICE, [], [booking(TUESDAY, nine, s) for s in statuses], SUNDAY, LAST)
    share = 6 / 30  # cancelled and never-settled bookings say nothing about coming
    prior = Behaviour().no_show_share
    assert found.behaviour.no_show_share == pytest.approx(
        (PRIOR_WEIGHT * prior + 30 * share) / (PRIOR_WEIGHT + 30)
    )
    assert found.basis.settled_bookings == 30


def test_punctuality_is_robust_to_a_few_wild_arrivals_and_ignores_the_first_hours_slots() -> None:
    ten, eight = at(TUESDAY, "10:00"), at(TUESDAY, "08:00")

    def came(minutes_early: float, slot: datetime = ten) -> PastTicket:
        return ticket(TUESDAY, slot - timedelta(minutes=minutes_early), kind="appointment", slot_start=slot)

    regular = [came(early) for early in (3, 4, 5, 5, 6, 7) * 30]  # 180 people, 5 minutes early ± 1
    wild = [came(-240), came(-300), came(180)]  # checked in hours off their slot
    at_opening = [came(0, eight)] * 50  # the doors cut these people's earliness short
    found = estimate_from_history(OFFICE, [*regular, *wild, *at_opening], [], SUNDAY, LAST)
    assert found.basis.punctuality == 183
    assert found.behaviour.early_minutes == pytest.approx(5.0, abs=0.3)
    # The spread is the MAD's (1 minute × 1.4826) with the prior's 10 minutes worth ten people;
    # the wild three alone would make a standard deviation of ~30 minutes.
    prior_sd = Behaviour().punctuality_sd_minutes
    expected = math.sqrt((PRIOR_WEIGHT * prior_sd**2 + 183 * MAD_TO_SD**2) / (PRIOR_WEIGHT + 183))
    assert found.behaviour.punctuality_sd_minutes == pytest.approx(expected)


def test_thin_history_moves_service_times_only_part_of_the_way_from_the_catalogue() -> None:
    tickets = [ticket(TUESDAY, at(TUESDAY, "08:10"), service_minutes=30.0) for _ in range(2)]
    fitted = estimate_from_history(OFFICE, tickets, [], SUNDAY, LAST).service_times[RENEWAL]
    assert fitted.samples == 2 and fitted.prior == ServiceTime(15.0)
    assert 15.0 < fitted.time.mean_minutes < 20.0  # two people weigh less than the catalogue's ten


def test_slips_at_the_counter_are_not_service_times() -> None:
    usual = [ticket(TUESDAY, at(TUESDAY, "08:10"), service_minutes=m) for m in (10, 11, 12, 13, 14) * 20]
    slips = [ticket(TUESDAY, at(TUESDAY, "08:10"), service_minutes=m) for m in (600.0, 0.02)]
    fitted = estimate_from_history(OFFICE, usual + slips, [], SUNDAY, LAST).service_times[RENEWAL]
    assert fitted.samples == 100
    assert fitted.time.mean_minutes == pytest.approx(12.0, rel=0.05)


def test_the_window_is_the_weeks_before_the_day_and_not_a_day_still_to_come() -> None:
    day = date(2026, 12, 8)
    assert history_window(day) == (date(2026, 10, 13), date(2026, 12, 7))
    assert history_window(day, weeks=2, today=date(2026, 12, 3)) == (date(2026, 11, 24), date(2026, 12, 2))
    with pytest.raises(ValueError):
        history_window(day, weeks=0)


@settings(max_examples=12, deadline=None)
@given(
    mean=st.floats(4.0, 40.0),
    cv=st.floats(0.2, 1.0),
    early=st.floats(-10.0, 25.0),
    sd=st.floats(2.0, 15.0),
    no_show=st.floats(0.0, 0.5),
    seed=st.integers(0, 2**32 - 1),
)
def test_estimates_from_a_large_sample_land_near_the_truth(
    mean: float, cv: float, early: float, sd: float, no_show: float, seed: int
) -> None:
    truth = Truth(
        no_show_share=no_show, early_minutes=early, punctuality_sd_minutes=sd,
        service_times={RENEWAL: ServiceTime(mean, cv), CERTIFICATE: ServiceTime(10.0)},
        bookings_per_day=100,
    )  # fmt: skip
    tickets, bookings = history(truth, open_days(SUNDAY, 40), seed)
    found = estimate_from_history(OFFICE, tickets, bookings, SUNDAY, SUNDAY + timedelta(weeks=8))
    fitted = found.service_times[RENEWAL]
    assert fitted.samples > 1000
    assert fitted.time.mean_minutes == pytest.approx(mean, rel=0.08)
    assert fitted.time.cv == pytest.approx(cv, rel=0.1)
    behaviour = found.behaviour
    assert behaviour.early_minutes == pytest.approx(early, abs=1.5)
    assert behaviour.punctuality_sd_minutes == pytest.approx(sd, rel=0.12)
    assert 0 <= behaviour.no_show_share <= 1
    assert behaviour.no_show_share == pytest.approx(no_show, abs=0.03)
    assert behaviour.priority_share == pytest.approx(truth.priority_share, abs=0.02)
    per_hour = found.walk_ins.any_day()
    assert per_hour is not None
    for service, rates in truth.walk_ins_per_hour.items():
        for rate, seen in zip(rates, per_hour.get(service, (0.0,) * len(rates)), strict=True):
            assert abs(seen - rate) <= 4.5 * math.sqrt(rate / 40) + 1e-9  # a Poisson mean over 40 days
    assert math.isclose(sum(found.walk_ins.profile), 1.0)


@settings(max_examples=40, deadline=None)
@given(
    outcomes=st.lists(st.sampled_from(["no_show", "served", "checked_in", "cancelled", "confirmed"])),
)
def test_the_no_show_share_lies_between_the_sample_and_the_prior(outcomes: list[str]) -> None:
    bookings = [booking(TUESDAY, at(TUESDAY, "09:00"), status) for status in outcomes]
    share = estimate_from_history(OFFICE, [], bookings, SUNDAY, LAST).behaviour.no_show_share
    settled = [s for s in outcomes if s in ("no_show", "served", "checked_in")]
    sample = settled.count("no_show") / len(settled) if settled else Behaviour().no_show_share
    low, high = sorted((sample, Behaviour().no_show_share))
    assert low - 1e-12 <= share <= high + 1e-12


def test_a_basis_says_where_its_figures_come_from() -> None:
    assert Basis(SUNDAY, LAST).describe() == "no history: catalogue priors"
    one_week = Basis(SUNDAY, LAST, days=1, people=3, first_seen=SUNDAY, last_seen=SUNDAY)
    assert one_week.describe() == "from 1 week of history (1 open day, 3 tickets)"
