"""An office's day for the office chooser, on the booking fakes and a live queue that answers,
fails as Redis does when it is down, or breaks: the queue's figures are left out only when it is
down, and an answer is kept for a while."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
import pytest
from redis.exceptions import ConnectionError as RedisDown

from api.office_today import OfficeToday, OfficeTodayOut
from queue_display.events import Snapshot
from queue_display.store.memory import MemoryQueueStore
from tests.unit.booking.conftest import OFFICE, SERVICE, World, a_world


@pytest.fixture
def world() -> World:
    return a_world()


class Hall(MemoryQueueStore):
    """A live queue whose board is what the test says, or a failure; it counts the reads."""

    def __init__(
        self, waiting: dict[str, int], estimates: dict[str, int | None], fails: Exception | None = None
    ):
        super().__init__()
        self.waiting, self.estimates, self.fails, self.reads = waiting, estimates, fails, 0

    async def board(self, office_id: str, now: datetime) -> Snapshot:
        self.reads += 1
        if self.fails is not None:
            raise self.fails
        return Snapshot(0, office_id, [], [], self.waiting, self.estimates, {}, list(self.waiting))


async def _today(world: World, hall: Hall, **options: Any) -> OfficeTodayOut:
    body = await OfficeToday(world.appointments, hall, **options).answer(OFFICE.id, SERVICE)
    return msgspec.json.decode(body, type=OfficeTodayOut)


async def test_it_tells_who_waits_for_the_service_how_long_and_the_nearest_free_day(world: World):
    today = await _today(world, Hall({SERVICE: 6, "passport-new": 2}, {SERVICE: 25, "passport-new": 9}))
    free = await world.appointments.first_free_day(OFFICE.id, SERVICE)
    assert (today.waiting, today.wait_minutes, today.open_today) == (6, 25, True)
    assert today.next_free_day == (free.isoformat() if free else None) and free is not None
    assert today.date == "2026-03-02" and today.as_of.startswith("2026-03-02T08:00")


async def test_nobody_waiting_is_zero_with_no_wait_to_estimate(world: World):
    today = await _today(world, Hall({}, {}))
    assert (today.waiting, today.wait_minutes) == (0, None)


async def test_a_queue_that_is_down_leaves_out_its_figures_but_not_the_free_day(world: World):
    today = await _today(world, Hall({SERVICE: 3}, {SERVICE: 10}, fails=RedisDown("refused")))
    assert (today.waiting, today.wait_minutes) == (None, None)
    assert today.next_free_day is not None and today.open_today


async def test_a_broken_queue_is_not_taken_for_one_that_is_down(world: World):
    with pytest.raises(ValueError):
        await _today(world, Hall({}, {}, fails=ValueError("a bug")))


async def test_an_answer_is_kept_for_a_while_and_then_read_again(world: World):
    hall = Hall({SERVICE: 1}, {SERVICE: 5})
    kept = OfficeToday(world.appointments, hall)
    first = await kept.answer(OFFICE.id, SERVICE)
    hall.waiting = {SERVICE: 9}
    assert await kept.answer(OFFICE.id, SERVICE) == first and hall.reads == 1
    fresh = OfficeToday(world.appointments, hall, ttl_seconds=0)
    assert msgspec.json.decode(await fresh.answer(OFFICE.id, SERVICE))["waiting"] == 9
