"""Generated instances are reproducible, consistent and shaped like the spec asks."""

from __future__ import annotations

from datetime import date

import pytest

from kernel.geo import haversine_km
from scheduler.generate import InstanceSpec, generate, working_days

SMALL = InstanceSpec(requests=300, offices=40, days=3, seed=7)


def test_the_same_seed_gives_the_same_instance() -> None:
    a, b = generate(SMALL), generate(SMALL)

    assert a.problem.requests == b.problem.requests
    assert a.problem.slots == b.problem.slots


def test_another_seed_gives_another_instance() -> None:
    assert (
        generate(SMALL).problem.requests
        != generate(InstanceSpec(requests=300, offices=40, days=3, seed=8)).problem.requests
    )


def test_sizes_follow_the_spec() -> None:
    instance = generate(SMALL)

    slots_per_day = (SMALL.closing_minute - SMALL.opening_minute) // SMALL.slot_minutes
    services = sum(len(o.services) for o in instance.offices)
    assert len(instance.offices) == SMALL.offices
    assert len(instance.problem.requests) == SMALL.requests
    assert len(instance.problem.slots) == services * SMALL.days * slots_per_day


def test_requests_only_name_offices_offering_their_service_inside_the_horizon() -> None:
    instance = generate(SMALL)
    offers = {o.id: set(o.services) for o in instance.offices}

    for r in instance.problem.requests:
        assert r.offices
        assert all(r.service in offers[c.office_id] for c in r.offices)
        assert instance.days[0] <= r.first_day <= r.last_day <= instance.days[-1]


def test_direct_bookings_never_exceed_capacity() -> None:
    assert all(0 <= s.booked <= s.capacity for s in generate(SMALL).problem.slots)


def test_working_days_skip_friday_and_saturday() -> None:
    days = working_days(date(2026, 12, 9), 3)  # a Wednesday

    assert days == (date(2026, 12, 9), date(2026, 12, 10), date(2026, 12, 13))


def test_haversine_gives_the_cairo_alexandria_distance() -> None:
    assert haversine_km(30.0444, 31.2357, 31.2001, 29.9187) == pytest.approx(179, abs=2)


def test_haversine_of_a_point_to_itself_is_zero() -> None:
    assert haversine_km(30.0, 31.0, 30.0, 31.0) == 0.0
