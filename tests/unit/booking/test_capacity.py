from datetime import date, time
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from booking.calendar import Closure
from booking.capacity import day_slots, slot_share
from booking.offices import Counter, Office, OpeningHours

DAY = date(2026, 12, 6)
SERVICES = ("passport-new", "passport-renewal", "criminal-record-certificate", "residence-new")


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
        SERVICES,
        OpeningHours.government_week("08:00", "10:00"),
        counters,
        walk_in_share=walk_in_share,
    )


def test_capacity_is_counter_time_less_the_walk_in_share_over_duration():
    # 2 counters × 30 min × 0.75 / 15 min (passport renewal) = 3 per slot
    two = office(
        (Counter(1, "1", frozenset({"passport-renewal"})), Counter(2, "2", frozenset({"passport-renewal"})))
    )
    assert slot_share(two, "passport-renewal", DAY, time(8), time(8, 30), ()) == 3
    assert [s.capacity for s in day_slots(two, "passport-renewal", DAY)] == [3, 3, 3, 3]


def test_a_counter_shared_by_two_services_splits_its_time():
    shared = office((Counter(1, "1", frozenset({"passport-renewal", "criminal-record-certificate"})),), 0)
    # 15 minutes each per slot: one renewal (15 min), or one and a half certificates (10 min)
    assert slot_share(shared, "passport-renewal", DAY, time(8), time(8, 30), ()) == 1
    assert slot_share(shared, "criminal-record-certificate", DAY, time(8), time(8, 30), ()) == Fraction(3, 2)
    assert [s.capacity for s in day_slots(shared, "criminal-record-certificate", DAY)] == [1, 2, 1, 2]


def test_fractional_shares_add_up_over_the_day_instead_of_rounding_to_nothing():
    # A 30-minute service on a counter shared by two services earns 0.375 appointments per slot;
    # rounding each slot down would offer none. Four slots make 1.5: one appointment, in the slot
    # that completes it.
    shared = office((Counter(1, "1", frozenset({"residence-new", "passport-new"})),))
    slots = day_slots(shared, "residence-new", DAY)
    assert [(s.start.hour, s.start.minute, s.capacity) for s in slots] == [(7, 0, 1)]  # 09:00 Cairo


def test_a_closed_counter_gives_no_capacity_during_its_closure_only():
    one = office((Counter(7, "7", frozenset({"passport-new"})),), walk_in_share=0)
    closure = Closure("test-office", DAY, counter_id=7, starts=time(8), ends=time(9))
    slots = day_slots(one, "passport-new", DAY, (closure,))
    assert len(slots) == 2  # 09:00 and 09:30; 08:00 and 08:30 are gone
    assert all(s.start.hour == 7 for s in slots)  # 09:00 Cairo is 07:00 UTC


def test_an_inactive_counter_counts_for_nothing():
    idle = office((Counter(1, "1", frozenset({"passport-new"}), active=False),))
    assert day_slots(idle, "passport-new", DAY) == []


@given(
    counters=st.integers(min_value=0, max_value=40),
    walk_in=st.floats(min_value=0, max_value=0.9),
    services_per_counter=st.integers(min_value=1, max_value=3),
)
def test_a_day_offers_exactly_what_its_counters_can_serve_rounded_down(
    counters, walk_in, services_per_counter
):
    skills = frozenset(SERVICES[:services_per_counter])
    o = office(tuple(Counter(i, str(i), skills) for i in range(counters)), walk_in_share=walk_in)
    slots = day_slots(o, "passport-new", DAY)
    assert all(s.capacity > 0 for s in slots)
    day_minutes = 120
    kept = Fraction(walk_in).limit_denominator(100)
    exact = Fraction(counters * day_minutes, services_per_counter) * (1 - kept) / 20
    assert sum(s.capacity for s in slots) == int(exact)
    assert sum(s.capacity for s in slots) * 20 <= counters * day_minutes
