"""The opening draw: an order nobody can buy, never more entries in a slot than it has places,
and the chosen slot or the nearest free one."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from planning.lottery import Entry, FreeSlot, allot, draw_order

DAY = datetime(2027, 2, 4, 6, 0, tzinfo=UTC)  # 08:00 in Cairo


def slot(minutes: int, remaining: int, capacity: int = 4) -> FreeSlot:
    start = DAY + timedelta(minutes=minutes)
    return FreeSlot(start, start + timedelta(minutes=15), capacity, remaining)


def entry(key: str, minutes: int, office: str = "giza", service: str = "passport-renewal") -> Entry:
    return Entry(key, office, service, DAY + timedelta(minutes=minutes))


def test_the_order_depends_on_the_seed_not_on_the_order_entries_were_read() -> None:
    keys = [f"e{i:02d}" for i in range(20)]
    assert draw_order(keys, "seed-a") == draw_order(list(reversed(keys)), "seed-a")
    assert draw_order(keys, "seed-a") != draw_order(keys, "seed-b")
    assert sorted(draw_order(keys, "seed-a")) == sorted(keys)


def test_the_first_to_ask_is_first_no_more_often_than_anyone_else() -> None:
    # 400 draws of 4 entries: each key comes first about a quarter of the time, the earliest
    # arrival ("a") included. 400 draws give a standard deviation of ~8.7 around 100.
    keys = ["a", "b", "c", "d"]
    firsts = Counter(draw_order(keys, f"seed-{n}")[0] for n in range(400))
    assert set(firsts) == set(keys)
    assert all(60 <= count <= 140 for count in firsts.values()), firsts


def test_an_entry_gets_its_chosen_slot_while_places_are_left() -> None:
    given_ = allot(
        [entry("a", 30), entry("b", 30)], {("giza", "passport-renewal"): [slot(0, 5), slot(30, 2)]}
    )
    assert given_["a"] == given_["b"] == slot(30, 2)


def test_once_the_chosen_slot_is_full_the_nearest_free_time_is_given() -> None:
    places = {("giza", "passport-renewal"): [slot(0, 1), slot(30, 1), slot(45, 1), slot(120, 1)]}
    given_ = allot([entry("a", 30), entry("b", 30), entry("c", 30), entry("d", 30), entry("e", 30)], places)
    assert [given_[k].start if given_[k] else None for k in "abcde"] == [  # type: ignore[union-attr]
        DAY + timedelta(minutes=30),
        DAY + timedelta(minutes=45),
        DAY,
        DAY + timedelta(minutes=120),
        None,
    ]


def test_an_entry_for_another_office_or_service_does_not_take_these_places() -> None:
    places = {("giza", "passport-renewal"): [slot(0, 1)]}
    given_ = allot(
        [entry("x", 0, office="cairo"), entry("y", 0, service="passport-new"), entry("z", 0)], places
    )
    assert given_["x"] is None and given_["y"] is None and given_["z"] == slot(0, 1)


@given(
    st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=8),
    st.lists(st.integers(min_value=0, max_value=7), max_size=40),
)
def test_no_slot_gets_more_entries_than_places_and_every_place_is_used_before_anyone_is_refused(
    remaining: list[int], wishes: list[int]
) -> None:
    slots = [slot(15 * i, n) for i, n in enumerate(remaining)]
    entries = [entry(f"e{i}", 15 * min(w, len(slots) - 1)) for i, w in enumerate(wishes)]
    given_ = allot(entries, {("giza", "passport-renewal"): slots})
    taken = Counter(s.start for s in given_.values() if s is not None)
    assert all(taken[s.start] <= s.remaining for s in slots)
    assert sum(taken.values()) == min(len(entries), sum(remaining))
    refused = [k for k, s in given_.items() if s is None]
    assert not refused or sum(taken.values()) == sum(remaining)
