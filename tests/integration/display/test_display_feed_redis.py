"""Two server processes sharing Redis behave as one hall: a call through one reaches screens on
both, in the same gap-free order, and a screen may come back through either door."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from tests.integration.display.hall_client import Screen, Staff, without_estimates
from tests.live_server import LiveServer

pytestmark = pytest.mark.redis

Pair = tuple[LiveServer, LiveServer]


@pytest.fixture
async def staff(redis_pair: Pair, office_id: str) -> AsyncIterator[tuple[Staff, Staff]]:
    """The same admin at the office, through the first and through the second process."""
    first = await Staff.at(redis_pair[0].url, office_id)
    second = first.on(redis_pair[1].url)
    yield first, second
    await asyncio.gather(first.close(), second.close())


async def test_a_call_through_one_process_reaches_a_screen_on_the_other(
    redis_pair: Pair, staff: tuple[Staff, Staff]
) -> None:
    through_a, _ = staff
    service, counter = await through_a.first_service_and_counter()
    await through_a.open(counter)
    issued = await through_a.walk_in(service)
    screen_on_b = await Screen.connect(redis_pair[1].url, through_a.office_id)
    snapshot = await screen_on_b.receive()
    await through_a.call_next(counter)
    called = await screen_on_b.next_of("called")
    assert (called["number"], called["seq"]) == (issued["number"], snapshot["seq"] + 1)
    await screen_on_b.close()


async def test_screens_on_both_processes_see_one_gap_free_sequence_while_both_take_calls(
    redis_pair: Pair, staff: tuple[Staff, Staff]
) -> None:
    through_a, through_b = staff
    service, counter = await through_a.first_service_and_counter()
    screens = [await Screen.connect(server.url, through_a.office_id) for server in redis_pair]
    start = {(await screen.receive())["seq"] for screen in screens}
    await through_a.open(counter)
    await asyncio.gather(*(door.walk_in(service) for _ in range(15) for door in (through_a, through_b)))
    for door in (through_a, through_b, through_a, through_b):
        ticket = await door.call_next(counter)
        await door.step(ticket["ticket_id"], "start")  # a no-show must wait (queue_display.no_show)
        await door.step(ticket["ticket_id"], "complete")
    last = (await through_b.board())["seq"]
    seen = [await screen.events_through(last) for screen in screens]
    [first] = start
    assert [e["seq"] for e in seen[0]] == list(range(first + 1, last + 1))
    # The same events; only the estimates riding on live queue events may differ (a screen
    # that repaired a gap got those events from the log, without them).
    assert [without_estimates(e) for e in seen[0]] == [without_estimates(e) for e in seen[1]]
    assert sum(e["type"] == "called" for e in seen[0]) == 4
    await asyncio.gather(*(screen.close() for screen in screens))


async def test_a_screen_can_come_back_through_the_other_process_with_after(
    redis_pair: Pair, staff: tuple[Staff, Staff]
) -> None:
    through_a, through_b = staff
    service, counter = await through_a.first_service_and_counter()
    await through_a.open(counter)
    away = await Screen.connect(redis_pair[0].url, through_a.office_id)
    seen = (await away.receive())["seq"]
    await away.close()
    issued = await through_b.walk_in(service)
    await through_b.call_next(counter)
    back = await Screen.connect(redis_pair[1].url, through_a.office_id, after=seen)
    replayed = [await back.receive() for _ in range(3)]
    assert [e["seq"] for e in replayed] == [seen + 1, seen + 2, seen + 3]
    assert replayed[1]["type"] == "called" and replayed[1]["number"] == issued["number"]
    await back.close()
