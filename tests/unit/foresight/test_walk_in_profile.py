"""When appointment holders would have come without a booking: the walk-in arrival profile by hour,
and the instants drawn from it for the walk-in-only hall."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from foresight.office_day import Booked, CounterPlan, OfficeDay, ServiceTime
from foresight.visitors import draw_visitors
from tests.unit.foresight.factories import OPENS


def day_of(closes: float = 240.0, **changes: object) -> OfficeDay:
    day = OfficeDay(
        opens=OPENS,
        closes_minute=closes,
        counters=(CounterPlan("1", frozenset({"a"}), ((0.0, closes),)),),
        service_times={"a": ServiceTime(10.0)},
        bookings=tuple(Booked("a", 30.0 * (n % 6)) for n in range(60)),
        walk_ins_per_hour={"a": (6.0, 3.0, 2.0, 1.0)},
    )
    return replace(day, **changes)  # type: ignore[arg-type]


def test_the_profile_is_the_shape_of_the_walk_ins_expected_per_hour_by_default() -> None:
    assert day_of().walk_in_shares() == pytest.approx([0.5, 0.25, 1 / 6, 1 / 12])
    # The last hour is half open: half its rate is expected.
    assert day_of(closes=210.0).walk_in_shares() == pytest.approx([6 / 11.5, 3 / 11.5, 2 / 11.5, 0.5 / 11.5])


def test_without_walk_ins_the_profile_spreads_over_the_open_time() -> None:
    assert day_of(closes=150.0, walk_ins_per_hour={}).walk_in_shares() == pytest.approx([0.4, 0.4, 0.2])


def test_a_given_profile_is_normalised_and_cut_at_closing() -> None:
    day = day_of(closes=120.0, walk_ins_per_hour={}, walk_in_profile=(3.0, 1.0, 4.0))
    assert day.walk_in_shares() == pytest.approx([0.75, 0.25])
    silent = day_of(walk_in_profile=(0.0, 0.0))  # no weight at all: the default
    assert silent.walk_in_shares() == day_of().walk_in_shares()
    with pytest.raises(ValueError):
        day_of(walk_in_profile=(1.0, -1.0))


def test_appointment_holders_would_have_come_by_the_profile_and_walk_ins_as_they_came() -> None:
    day = day_of(
        bookings=tuple(Booked("a", 30.0 * (n % 8)) for n in range(4000)), walk_in_profile=(6, 2, 0, 2)
    )
    people = draw_visitors(day, np.random.default_rng(1))
    holders = np.array([v.walk_in_arrives for v in people if v.has_appointment])
    assert all(v.walk_in_arrives is None for v in people if not v.has_appointment)
    counts = np.bincount((holders // 60).astype(int), minlength=4)
    assert counts[2] == 0
    assert counts / counts.sum() == pytest.approx([0.6, 0.2, 0.0, 0.2], abs=0.03)
    assert holders.min() >= 0 and holders.max() < day.closes_minute
    assert np.allclose(holders * 60_000, np.round(holders * 60_000))  # on the millisecond


def test_the_profile_changes_only_the_walk_in_instants_not_who_comes_or_how_long_they_take() -> None:
    morning, evening = day_of(walk_in_profile=(1.0,)), day_of(walk_in_profile=(0.0, 0.0, 0.0, 1.0))
    early = draw_visitors(morning, np.random.default_rng(7))
    late = draw_visitors(evening, np.random.default_rng(7))
    same = [(v.arrives, v.service, v.slot_minute, v.priority, v.service_minutes) for v in early]
    assert same == [(v.arrives, v.service, v.slot_minute, v.priority, v.service_minutes) for v in late]
    assert all(v.walk_in_arrives < 60 for v in early if v.walk_in_arrives is not None)
    assert all(v.walk_in_arrives >= 180 for v in late if v.walk_in_arrives is not None)
