"""A manager's capacity changes, on fakes: each closure, reopening or counter edit is written
through the store with who made it, seen by this process at once (its cache of the offices
dropped) and announced once per service of the office; ``overbooked`` counts only the bookings
over their slot's capacity, never the room left elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest

from booking.calendar import Closure
from booking.offices import Counter, Office, OpeningHours
from planning.capacity_changes import CapacityChanges
from tests.fakes.planning import ClosureRecord, FakeCapacityEdits, FakeOfficeCache
from tests.unit.planning.conftest import SERVICE, TOMORROW, World

OTHER = "passport-new"
# Two counters for passport renewals and one for new passports, 09:00-10:30: each 30-minute slot
# takes four renewals, so a closed renewal counter halves it.
TWIN = Office(
    "twin",
    "Twin counters office",
    "مكتب الشباكين",
    "2 Example Street",
    "٢ شارع المثال",
    "cairo",
    30.06,
    31.25,
    (SERVICE, OTHER),
    OpeningHours.government_week("09:00", "10:30"),
    (
        Counter(1, "1", frozenset({SERVICE})),
        Counter(2, "2", frozenset({SERVICE})),
        Counter(3, "3", frozenset({OTHER})),
    ),
    walk_in_share=0.0,
)
TUESDAY = TOMORROW + timedelta(days=1)
SECOND_COUNTER_ALL_DAY = Closure(TWIN.id, TOMORROW, counter_id=2)


@dataclass
class Desk:
    """The world with the twin office, and a manager's capacity changes on it."""

    world: World
    edits: FakeCapacityEdits
    cache: FakeOfficeCache
    changes: CapacityChanges
    heard: list[tuple[str, str]] = field(default_factory=list)

    async def book(self, day: date, slot: int, count: int, first: int) -> None:
        start = (await self.world.slots(day, TWIN))[slot].start
        for n in range(count):
            await self.world.book(start, first + n, TWIN)


@pytest.fixture
def desk(world: World) -> Desk:
    world.offices.by_id[TWIN.id] = TWIN
    edits = FakeCapacityEdits(world.offices, world.bookings)
    cache = FakeOfficeCache(world.offices)
    heard: list[tuple[str, str]] = []
    changes = CapacityChanges(
        edits,
        cache,
        world.loads,
        world.clock,
        on_change=lambda office, service: heard.append((office, service)),
    )
    return Desk(world, edits, cache, changes, heard)


async def test_a_closure_is_kept_with_who_closed_seen_here_at_once_and_announced_per_service(desk: Desk):
    assert await desk.cache.closures(TWIN.id) == ()  # this process has read the offices already
    await desk.changes.close(SECOND_COUNTER_ALL_DAY, by="staff:mona")
    assert desk.edits.records == [ClosureRecord(SECOND_COUNTER_ALL_DAY, desk.world.clock.now(), "staff:mona")]
    assert await desk.cache.closures(TWIN.id) == (SECOND_COUNTER_ALL_DAY,)
    assert [s.capacity for s in await desk.cache.day_slots(TWIN, SERVICE, TOMORROW)] == [2, 2, 2]
    assert desk.heard == [(TWIN.id, SERVICE), (TWIN.id, OTHER)]


async def test_overbooked_counts_only_the_bookings_over_their_slots_capacity(desk: Desk):
    await desk.book(TOMORROW, slot=0, count=3, first=0)  # one over, once the capacity is 2
    await desk.book(TOMORROW, slot=1, count=1, first=10)  # one place to spare: counts nothing
    await desk.book(TUESDAY, slot=0, count=4, first=20)  # full, but Tuesday keeps its counters
    assert await desk.changes.overbooked(TWIN.id, TOMORROW, TUESDAY) == 0
    await desk.changes.close(SECOND_COUNTER_ALL_DAY)
    assert await desk.changes.overbooked(TWIN.id, TOMORROW, TOMORROW) == 1
    assert await desk.changes.overbooked(TWIN.id, TOMORROW, TUESDAY) == 1
    assert await desk.changes.overbooked(TWIN.id, TUESDAY, TUESDAY) == 0
    assert await desk.changes.overbooked("home", TOMORROW, TUESDAY) == 0  # another office's rows


async def test_reopening_ends_the_days_closures_on_record_and_gives_their_room_back(desk: Desk):
    await desk.book(TOMORROW, slot=0, count=4, first=0)
    whole_day = Closure(TWIN.id, TOMORROW)
    await desk.changes.close(whole_day, by="staff:mona")
    await desk.changes.close(SECOND_COUNTER_ALL_DAY, by="staff:mona")
    assert await desk.changes.overbooked(TWIN.id, TOMORROW, TOMORROW) == 4
    desk.heard.clear()
    desk.world.clock.advance(timedelta(hours=1))
    assert await desk.changes.reopen(TWIN.id, TOMORROW, by="staff:karim") == 2
    assert [(r.reopened_at, r.reopened_by) for r in desk.edits.records] == [
        (desk.world.clock.now(), "staff:karim")
    ] * 2
    assert await desk.cache.closures(TWIN.id) == ()
    assert await desk.changes.overbooked(TWIN.id, TOMORROW, TOMORROW) == 0
    assert desk.heard == [(TWIN.id, SERVICE), (TWIN.id, OTHER)]
    assert await desk.changes.reopen(TWIN.id, TOMORROW) == 0


async def test_a_counter_closed_for_good_cuts_every_day_ahead_and_an_unknown_counter_is_refused(desk: Desk):
    month_on = TOMORROW + timedelta(days=30)  # a Wednesday
    await desk.book(TOMORROW, slot=0, count=3, first=0)
    await desk.book(month_on, slot=2, count=4, first=10)
    assert (await desk.cache.office(TWIN.id)) == TWIN
    assert await desk.changes.edit_counter(TWIN.id, 2, active=False, services=frozenset({SERVICE}))
    edited = await desk.cache.office(TWIN.id)
    assert edited is not None and [c.active for c in edited.counters] == [True, False, True]
    assert await desk.changes.overbooked(TWIN.id, TOMORROW, month_on) == 1 + 2
    assert desk.heard == [(TWIN.id, SERVICE), (TWIN.id, OTHER)]
    assert not await desk.changes.edit_counter(TWIN.id, 99, active=False, services=frozenset({SERVICE}))
    assert (await desk.cache.office(TWIN.id)) == edited


async def test_a_counter_given_another_service_shares_its_time_from_then_on(desk: Desk):
    await desk.book(TOMORROW, slot=0, count=4, first=0)
    both = frozenset({SERVICE, OTHER})
    assert await desk.changes.edit_counter(TWIN.id, 1, active=True, services=both)
    # Counter 1 now gives renewals half its time: three places a slot, the fourth booking is over.
    edited = await desk.cache.office(TWIN.id)
    assert edited is not None and edited.counters[0].services == both
    assert [s.capacity for s in await desk.cache.day_slots(edited, SERVICE, TOMORROW)] == [3, 3, 3]
    assert await desk.changes.overbooked(TWIN.id, TOMORROW, TOMORROW) == 1
