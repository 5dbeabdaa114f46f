from datetime import date, time

from hypothesis import given
from hypothesis import strategies as st

from booking.calendar import Closure
from booking.capacity import day_slots, slot_capacity
from booking.offices import Counter, Office, OpeningHours

DAY = date(2026, 12, 6)


def office(counters: tuple[Counter, ...], walk_in_share: float = 0.25) -> Office:
    return Office(
        "test-office",
        "Test",
        "اختبار",
        "Street",
        "شارع",
        "cairo",
        30.0,
        31.0,
        ("passport-new", "passport-renewal", "criminal-record-certificate"),
        OpeningHours.government_week("08:00", "10:00"),
        counters,
        walk_in_share=walk_in_share,
    )


def test_capacity_is_counter_time_less_the_walk_in_share_over_duration():
    # 2 counters × 30 min × 0.75 / 15 min (passport renewal) = 3
    two = office(
        (Counter(1, "1", frozenset({"passport-renewal"})), Counter(2, "2", frozenset({"passport-renewal"})))
    )
    assert slot_capacity(two, "passport-renewal", DAY, time(8), time(8, 30), ()) == 3


def test_a_counter_shared_by_two_services_splits_its_time():
    shared = office(
        (Counter(1, "1", frozenset({"passport-renewal", "criminal-record-certificate"})),), walk_in_share=0
    )
    # 15 minutes each: one renewal (15 min) or one certificate... (10 min → 1)
    assert slot_capacity(shared, "passport-renewal", DAY, time(8), time(8, 30), ()) == 1
    assert slot_capacity(shared, "criminal-record-certificate", DAY, time(8), time(8, 30), ()) == 1


def test_a_closed_counter_gives_no_capacity_during_its_closure_only():
    one = office((Counter(7, "7", frozenset({"passport-new"})),), walk_in_share=0)
    closure = Closure("test-office", DAY, counter_id=7, starts=time(8), ends=time(9))
    slots = day_slots(one, "passport-new", DAY, (closure,))
    assert [s.start.astimezone().hour for s in slots]  # slots remain after 09:00
    assert len(slots) == 2  # 09:00 and 09:30; 08:00 and 08:30 are gone


def test_an_inactive_counter_counts_for_nothing():
    idle = office((Counter(1, "1", frozenset({"passport-new"}), active=False),))
    assert day_slots(idle, "passport-new", DAY) == []


@given(
    counters=st.integers(min_value=0, max_value=40),
    share=st.floats(min_value=0, max_value=0.9),
)
def test_capacity_never_promises_more_than_the_counters_can_serve(counters, share):
    desks = tuple(Counter(i, str(i), frozenset({"passport-new"})) for i in range(counters))
    o = office(desks, walk_in_share=share)
    capacity = slot_capacity(o, "passport-new", DAY, time(8), time(8, 30), ())
    served_in_slot = counters * 30 // 20
    assert 0 <= capacity <= served_in_slot
    assert capacity >= int(counters * 30 * (1 - share) / 20) - 1
