"""Availability kept as day blocks: the bytes of an answer assembled from them are the bytes of the
whole answer encoded at once, and a change drops exactly the days it touched."""

from __future__ import annotations

from datetime import date, timedelta

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st
from msgspec import UNSET

from api.availability_blocks import Block, DayBlocks, Frame, assemble, etag_of, frame_around
from api.availability_news import AvailabilityNews, Change
from api.display_channels import RESYNC
from api.views import AvailabilityOut, DayOut, ReleaseOut, SlotOut, VisitOut

OFFICE = "giza-passports"
MONDAY = date(2026, 12, 7)
DAYS = [MONDAY + timedelta(days=n) for n in range(5)]

text = st.text(max_size=12)  # quotes, backslashes, Arabic, control characters: all escaped
visits = st.lists(st.builds(VisitOut, service=text, start=text, end=text), max_size=3)
slots = st.builds(
    SlotOut,
    start=text,
    end=text,
    remaining=st.integers(0, 40),
    visits=st.one_of(st.just(UNSET), visits),
    seniors_only=st.one_of(st.just(UNSET), st.just(True)),
)
days = st.builds(
    DayOut,
    date=text,
    open=st.booleans(),
    holiday=st.one_of(st.none(), text),
    slots=st.lists(slots, max_size=6),
    draw_until=st.one_of(st.just(UNSET), text),
)
release = st.one_of(
    st.just(UNSET), st.builds(ReleaseOut, next_day=text, opens_at=text, draw_minutes=st.integers(0, 60))
)
services = st.one_of(st.just(UNSET), st.lists(text, min_size=2, max_size=3))


class Ticking:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@given(text, text, st.lists(days, max_size=8), release, services)
def test_an_answer_assembled_from_day_blocks_is_the_whole_answer_byte_for_byte(
    office_id: str, service: str, day_list: list[DayOut], released: object, chain: object
) -> None:
    whole = AvailabilityOut(office_id, service, day_list, released, chain)  # type: ignore[arg-type]
    empty = AvailabilityOut(office_id, service, [], released, chain)  # type: ignore[arg-type]
    head, tail = frame_around(msgspec.json.encode(empty))
    frame = Frame(head, tail, "Africa/Cairo", 0, 0.0)
    blocks = [Block(msgspec.json.encode(day), n, 0.0) for n, day in enumerate(day_list)]
    body = assemble(frame, blocks)
    assert body == msgspec.json.encode(whole)
    assert msgspec.json.decode(body, type=AvailabilityOut) == whole


def test_a_frame_is_made_only_of_an_answer_without_days() -> None:
    with pytest.raises(ValueError):
        frame_around(msgspec.json.encode(AvailabilityOut(OFFICE, "x", [DayOut("d", True, None, [])])))


def test_the_etag_is_weak_and_names_the_bytes() -> None:
    # weak: the same answer may go gzipped or not, and a strong tag would promise the same bytes
    assert etag_of(b"[1]") == etag_of(b"[1]") != etag_of(b"[2]")
    assert etag_of(b"[1]").startswith('W/"') and etag_of(b"[1]").endswith('"')


def test_availability_may_not_be_kept_more_than_a_second() -> None:
    with pytest.raises(ValueError):
        DayBlocks(ttl_seconds=1.5)


def kept(blocks: DayBlocks, chain: tuple[str, ...], people: int = 1) -> list[date]:
    return [day for day in DAYS if blocks.block((OFFICE, chain, people, day)) is not None]


def filled(clock: Ticking | None = None) -> DayBlocks:
    """Every day kept for passports alone, for a party of two, and for a chain with IDs."""
    blocks = DayBlocks(monotonic=clock or Ticking())
    for chain, people in ((("passport-new",), 1), (("passport-new",), 2), (("passport-new", "id-card"), 1)):
        for day in DAYS:
            key = (OFFICE, chain, people, day)
            blocks.put(key, b"{}", blocks.generation(OFFICE, chain, day), blocks.now())
    blocks.put(
        ("cairo", ("passport-new",), 1, MONDAY),
        b"{}",
        blocks.generation("cairo", ("passport-new",), MONDAY),
        blocks.now(),
    )
    return blocks


def test_a_block_lives_a_second_at_most() -> None:
    clock = Ticking()
    blocks = filled(clock)
    clock.now += 0.99
    assert kept(blocks, ("passport-new",)) == DAYS
    clock.now += 0.01
    assert kept(blocks, ("passport-new",)) == []


def test_a_change_on_a_day_drops_that_day_alone_of_every_answer_that_depends_on_the_service() -> None:
    blocks = filled()
    blocks.invalidate(OFFICE, "passport-new", DAYS[1])
    rest = [DAYS[0], *DAYS[2:]]
    assert kept(blocks, ("passport-new",)) == rest
    assert kept(blocks, ("passport-new",), people=2) == rest
    assert kept(blocks, ("passport-new", "id-card")) == rest
    assert blocks.block(("cairo", ("passport-new",), 1, MONDAY)) is not None  # another office


def test_a_change_of_a_chains_later_service_drops_the_chain_not_the_first_service_alone() -> None:
    blocks = filled()
    blocks.invalidate(OFFICE, "id-card", DAYS[0])
    assert kept(blocks, ("passport-new", "id-card")) == DAYS[1:]
    assert kept(blocks, ("passport-new",)) == DAYS


def test_a_change_on_a_day_not_known_drops_every_day_of_the_service() -> None:
    blocks = filled()
    blocks.invalidate(OFFICE, "passport-new")
    assert kept(blocks, ("passport-new",)) == kept(blocks, ("passport-new", "id-card")) == []


def test_a_block_computed_across_a_change_of_its_day_is_served_but_not_kept() -> None:
    blocks = DayBlocks(monotonic=Ticking())
    chain = ("passport-new", "id-card")
    before = {day: blocks.generation(OFFICE, chain, day) for day in DAYS[:2]}
    blocks.invalidate(OFFICE, "id-card", DAYS[0])  # a booking committed while the days were read
    served = blocks.put((OFFICE, chain, 1, DAYS[0]), b"{}", before[DAYS[0]], blocks.now())
    blocks.put((OFFICE, chain, 1, DAYS[1]), b"{}", before[DAYS[1]], blocks.now())
    assert served.body == b"{}"
    assert kept(blocks, chain) == [DAYS[1]]


def test_forgetting_everything_also_refuses_blocks_being_computed() -> None:
    blocks = filled()
    before = blocks.generation(OFFICE, ("passport-new",), MONDAY)
    blocks.clear()
    blocks.put((OFFICE, ("passport-new",), 1, MONDAY), b"{}", before, blocks.now())
    assert len(blocks) == 0


def test_the_same_bytes_computed_again_keep_their_serial_and_the_answer_its_tag() -> None:
    clock = Ticking()
    blocks = DayBlocks(monotonic=clock)
    frame = blocks.put_frame(OFFICE, ("passport-new",), b'{"office_id":"o","days":[]}', "Africa/Cairo")
    key = (OFFICE, ("passport-new",), 1, MONDAY)
    first = blocks.put(key, b'{"a":1}', blocks.generation(*key[:2], MONDAY), blocks.now())
    answer = blocks.answer(OFFICE, ("passport-new",), 1, MONDAY, MONDAY, frame, [first])
    assert answer.body == b'{"office_id":"o","days":[{"a":1}]}' and answer.etag == etag_of(answer.body)
    clock.now += 2
    again = blocks.put(key, b'{"a":1}', blocks.generation(*key[:2], MONDAY), blocks.now())
    assert again.serial == first.serial
    changed = blocks.put(key, b'{"a":0}', blocks.generation(*key[:2], MONDAY), blocks.now())
    assert changed.serial != first.serial
    other = blocks.answer(OFFICE, ("passport-new",), 1, MONDAY, MONDAY, frame, [changed])
    assert other.etag != answer.etag


def test_an_answer_given_is_given_again_until_any_change_or_its_first_part_expires() -> None:
    clock = Ticking()
    blocks = DayBlocks(monotonic=clock)
    frame = blocks.put_frame(OFFICE, ("passport-new",), b'{"days":[]}', "Africa/Cairo")
    clock.now += 0.1
    read_at = clock.now
    clock.now += 0.1  # the database took a while: the block's second counts from the read
    block = blocks.put(
        (OFFICE, ("passport-new",), 1, MONDAY),
        b"{}",
        blocks.generation(OFFICE, ("passport-new",), MONDAY),
        read_at,
    )
    answer = blocks.answer(OFFICE, ("passport-new",), 1, MONDAY, MONDAY, frame, [block])
    request = (OFFICE, ("passport-new",), MONDAY, MONDAY, 1)
    days = (OFFICE, ("passport-new",), 1, MONDAY, MONDAY)
    blocks.give(request, answer, frame, [block], days)
    assert blocks.given(request) == (answer, None)
    blocks.invalidate("elsewhere", "id-card", MONDAY)
    assert blocks.given(request) is None
    blocks.give(request, answer, frame, [block], days)
    clock.now = read_at + 0.75 * 1.0  # old enough to be computed anew aside, still served
    assert blocks.given(request) == (answer, days) and blocks.stale(block)
    clock.now = 100.0 + 1.0  # the frame, made first, expires first
    assert blocks.given(request) is None


def test_a_block_is_served_until_a_second_after_its_read_and_refreshed_aside_from_three_quarters() -> None:
    clock = Ticking()
    blocks = DayBlocks(monotonic=clock)
    key = (OFFICE, ("passport-new",), 1, MONDAY)
    read_at = clock.now
    clock.now += 0.3
    block = blocks.put(key, b"{}", blocks.generation(OFFICE, ("passport-new",), MONDAY), read_at)
    assert not blocks.stale(block)
    clock.now = read_at + 0.75
    assert blocks.block(key) is block and blocks.stale(block)
    clock.now = read_at + 1.0
    assert blocks.block(key) is None


def test_news_heard_from_another_process_drops_its_day_and_a_resync_drops_everything() -> None:
    blocks = filled()
    news = AvailabilityNews(blocks)  # no Redis: the messages are handed over by hand
    news.heard(msgspec.json.encode(Change(OFFICE, "passport-new", DAYS[0], "another-process")))
    assert kept(blocks, ("passport-new",)) == DAYS[1:]
    news.heard(b"not json")  # logged and ignored
    news.heard(RESYNC)
    assert len(blocks) == 0


def test_news_of_a_change_made_here_is_not_applied_twice() -> None:
    blocks = DayBlocks(monotonic=Ticking())
    news = AvailabilityNews(blocks)
    news.changed(OFFICE, "passport-new", MONDAY)  # dropped here at once
    filled_again = blocks.put(
        (OFFICE, ("passport-new",), 1, MONDAY),
        b"{}",
        blocks.generation(OFFICE, ("passport-new",), MONDAY),
        blocks.now(),
    )
    own = msgspec.json.encode(Change(OFFICE, "passport-new", MONDAY, news.origin))
    news.heard(own)
    assert blocks.block((OFFICE, ("passport-new",), 1, MONDAY)) is filled_again


def test_blocks_read_together_are_refreshed_at_points_spread_over_a_quarter_of_their_life() -> None:
    clock = Ticking()
    blocks = DayBlocks(monotonic=clock)
    read_at = clock.now
    points = []
    for n in range(200):
        key = (f"office-{n}", ("passport-new",), 1, MONDAY)
        block = blocks.put(key, b"{}", blocks.generation(key[0], key[1], MONDAY), read_at)
        points.append(block.fresh_until - read_at)
    assert all(0.5 <= point <= 0.75 for point in points)
    assert max(points) - min(points) > 0.2  # not in step: they would all refresh at once
    chain = ("passport-new",)
    days = [
        blocks.put((OFFICE, chain, 1, day), b"{}", blocks.generation(OFFICE, chain, day), read_at)
        for day in (MONDAY, MONDAY + timedelta(days=1), MONDAY + timedelta(days=2))
    ]
    assert len({block.fresh_until for block in days}) == 1  # the days read together: one refresh
