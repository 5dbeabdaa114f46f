"""A real office's day for the simulation: counters' hours with closures, bookings as minutes
after opening, the walk-in share as walk-ins per hour, and a demo day's bookings."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from booking.calendar import Closure
from booking.capacity import day_slots
from booking.demo import DEMO_OFFICES
from booking.offices import Counter, Office, OpeningHours
from foresight.offices import Appointment, OfficeClosed, counter_plans, demo_day, office_day, walk_in_capacity

TUESDAY = date(2026, 12, 8)  # a working day in Cairo, no holiday


def office(walk_in_share: float = 0.25) -> Office:
    return Office(
        "test-office", "Test", "اختبار", "Street", "شارع", "cairo", 30.0, 31.0,
        ("passport-renewal", "criminal-record-certificate"),
        OpeningHours.government_week("08:00", "10:00"),
        (
            Counter(1, "1", frozenset({"passport-renewal"})),
            Counter(2, "2", frozenset({"passport-renewal", "criminal-record-certificate"})),
            Counter(3, "3", frozenset({"passport-renewal"}), active=False),
        ),
        walk_in_share=walk_in_share,
    )  # fmt: skip


def test_counters_in_service_are_open_all_day_but_for_their_closures() -> None:
    closures = (
        Closure("test-office", TUESDAY, counter_id=2, starts=time(8, 30), ends=time(9, 0)),
        Closure("test-office", date(2026, 12, 9), counter_id=1),  # another day
        Closure("test-office", TUESDAY, starts=time(9, 45)),  # every counter, from 9:45
    )
    plans = counter_plans(office(), TUESDAY, closures)
    assert [(p.id, p.shifts) for p in plans] == [("1", ((0.0, 105.0),)), ("2", ((0.0, 30.0), (60.0, 105.0)))]
    assert plans[1].services == frozenset({"passport-renewal", "criminal-record-certificate"})


def test_a_closed_day_is_refused() -> None:
    with pytest.raises(OfficeClosed):
        counter_plans(office(), date(2026, 12, 11))  # a Friday
    with pytest.raises(OfficeClosed):
        counter_plans(office(), TUESDAY, (Closure("test-office", TUESDAY),))


def test_walk_ins_per_hour_are_the_counter_time_kept_for_them() -> None:
    # Passport renewal (15 min): counter 1 all its time, counter 2 half → 1.5 counters × 60 min
    # × 25 % / 15 min = 1.5 an hour. The certificate (10 min): half a counter → 0.5 × 60 × 0.25 / 10.
    rates = walk_in_capacity(office(), TUESDAY)
    assert rates["passport-renewal"] == pytest.approx([1.5, 1.5])
    assert rates["criminal-record-certificate"] == pytest.approx([0.75, 0.75])


def test_bookings_become_minutes_after_opening_in_cairo() -> None:
    nine_cairo = datetime(2026, 12, 8, 7, 0, tzinfo=UTC)  # 09:00 in Cairo (UTC+2 in December)
    day = office_day(office(), TUESDAY, [Appointment("passport-renewal", nine_cairo, senior=True)], {})
    assert day.opens == datetime(2026, 12, 8, 6, 0, tzinfo=UTC)
    assert day.closes_minute == 120
    assert [(b.service, b.slot_minute, b.senior) for b in day.bookings] == [("passport-renewal", 60.0, True)]
    assert day.service_times["passport-renewal"].mean_minutes == 15


def test_a_demo_day_books_its_share_of_every_services_slots() -> None:
    abbassia = DEMO_OFFICES[0]
    day = demo_day(abbassia, TUESDAY, booked_share=0.9, walk_in_load=0.5)
    for service in abbassia.services:
        capacity = sum(s.capacity for s in day_slots(abbassia, service, TUESDAY))
        booked = sum(1 for b in day.bookings if b.service == service)
        assert booked == int(capacity * 0.9) or booked == int(capacity * 0.9) - 1 or capacity == 0
    full = walk_in_capacity(abbassia, TUESDAY)
    assert day.walk_ins_per_hour["passport-new"] == pytest.approx([r * 0.5 for r in full["passport-new"]])
    assert len(day.counters) == len(abbassia.counters)
