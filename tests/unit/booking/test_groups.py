"""Several people, one appointment (``booking.groups``): where each person's turn takes its seat,
how a chain's blocks follow each other, how many parties the slots still take, and the checks on
who is in the party."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from booking.bookings import Companion
from booking.capacity import Slot
from booking.groups import about_person, block_from, blocks_from, check_distinct, check_headcount, room_for
from booking.services import SERVICES
from kernel.errors import Conflict, InvalidInput

OPENS = datetime(2026, 12, 6, 6, 0, tzinfo=UTC)
SLOT = 30


def grid(service: str, slots: int = 8, missing: tuple[int, ...] = ()) -> dict[datetime, Slot]:
    starts = [OPENS + timedelta(minutes=SLOT * n) for n in range(slots) if n not in missing]
    return {start: Slot("o", service, start, start + timedelta(minutes=SLOT), 4) for start in starts}


def slot_index(slot: Slot) -> int:
    return int((slot.start - OPENS).total_seconds()) // 60 // SLOT


@pytest.mark.parametrize(
    ("service", "headcount", "slots"),
    [
        ("residence-new", 3, [0, 1, 2]),  # 30 minutes: one seat in each of three slots
        ("passport-new", 4, [0, 0, 1, 2]),  # 20 minutes: turns begin at 0, 20, 40, 60
        ("civil-certificate", 5, [0, 0, 0, 1, 1]),  # 10 minutes: three turns a slot
        ("passport-replacement", 3, [0, 0, 1]),  # 25 minutes: 0, 25, 50
    ],
)
def test_each_turn_takes_a_seat_in_the_slot_it_begins_in(service, headcount, slots):
    service_grid = grid(service)
    block = block_from(service_grid[OPENS], service_grid, headcount, SLOT)
    assert block is not None
    assert [slot_index(seat) for seat in block.seats] == slots
    assert block.start == OPENS and block.end == block.seats[-1].end


def test_a_party_does_not_fit_where_a_turn_has_no_seat():
    holed = grid("residence-new", missing=(1,))
    assert block_from(holed[OPENS], holed, 2, SLOT) is None
    short = grid("residence-new", slots=2)
    assert block_from(short[OPENS], short, 3, SLOT) is None  # the day ends first


@given(st.sampled_from(sorted(SERVICES)), st.integers(1, 6))
def test_a_block_uses_headcount_times_one_persons_counter_time(service, headcount):
    """The turns run back to back: the block ends in the slot where the last turn begins, and
    never holds more seats in a slot than turns that begin in it."""
    service_grid = grid(service, slots=12)
    block = block_from(service_grid[OPENS], service_grid, headcount, SLOT)
    assert block is not None and len(block.seats) == headcount
    duration = SERVICES[service].duration_minutes
    last_turn = (headcount - 1) * duration
    assert slot_index(block.seats[-1]) == last_turn // SLOT
    assert max(block.needs().values()) <= -(-SLOT // duration)


def test_a_chains_next_block_begins_when_the_previous_block_ends():
    first, second = grid("civil-certificate"), grid("passport-new")
    blocks = blocks_from(first[OPENS], [first, second], 4, SLOT)
    assert blocks is not None
    certificates, passports = blocks
    assert [slot_index(s) for s in certificates.seats] == [0, 0, 0, 1]
    assert passports.start == certificates.end
    assert [slot_index(s) for s in passports.seats] == [2, 2, 3, 4]


def test_room_is_the_fewest_parties_any_slot_still_takes():
    service_grid = grid("passport-new")
    block = block_from(service_grid[OPENS], service_grid, 4, SLOT)
    assert block is not None
    left = {0: 5, 1: 3, 2: 1}
    assert room_for([block], lambda seat: left[slot_index(seat)]) == 1  # 5 // 2, 3 // 1, 1 // 1
    left[2] = 0
    assert room_for([block], lambda seat: left[slot_index(seat)]) == 0


def test_the_headcount_is_one_to_the_applicant_and_the_companions_allowed():
    check_headcount(1, 5)
    check_headcount(6, 5)
    for refused in (0, 7):
        with pytest.raises(InvalidInput) as error:
            check_headcount(refused, 5)
        assert error.value.code == "too_many_people" and "٦" in error.value.detail_ar


def companion(person: int, identity_hash: str) -> Companion:
    return Companion(person, "عمر محمود", identity_hash, "national_id", "EGY", "1234", "k1")


def test_a_person_named_twice_is_refused_by_place_and_name():
    check_distinct("a", [companion(1, "b"), companion(2, "c")])
    with pytest.raises(InvalidInput) as error:
        check_distinct("a", [companion(1, "b"), companion(2, "a")])
    assert error.value.code == "repeated_person"
    assert "Person 3 (عمر محمود)" in error.value.detail_en and "٣" in error.value.detail_ar


def test_a_refusal_about_one_person_keeps_its_code_and_says_who():
    refusal = Conflict("no_show_ban", "You missed two appointments.", "فاتك موعدان.").concerning("digest")
    told = about_person(refusal, 2, "Laila")
    assert isinstance(told, Conflict) and told.code == "no_show_ban" and told.identity_hash == "digest"
    assert told.detail_en == "Person 3 (Laila): You missed two appointments."
    assert told.detail_ar.startswith("الشخص رقم ٣ (Laila)") and told.facts == {"person": 3}
