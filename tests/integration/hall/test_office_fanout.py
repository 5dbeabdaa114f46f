"""One subscription per office fans each event out to every screen of the office in the process
(``api.display_fanout``): every screen still gets the office's events in seq order, each once,
whatever its socket does — takes each frame at once, makes the sender wait now and then, or stops
reading for a while (its backlog stays bounded and the gap is filled from the store's log)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from prometheus_client import REGISTRY

from api.display_fanout import start_eagerly
from api.live import SUBSCRIBER_BACKLOG, LiveHall, display_channel
from api.outages import Outages
from api.routes.display import ScreenFeed
from api.settings import Settings
from queue_display import events
from queue_display.events import Event
from queue_display.feed import DisplayFeed
from queue_display.store import MemoryQueueStore
from tests.unit.queue_display.factories import at

GIZA, PASSPORT = "giza-passports", "passport-new"


class Wire:
    """What a screen's socket was sent (the decoded JSON of each text frame). ``stalls``: for
    each send in turn, whether the network makes the sender wait (then it yields to the loop
    before taking the frame); ``held``: while set, every send waits until it is cleared."""

    def __init__(self, stalls: list[bool] | None = None) -> None:
        self.received: list[dict[str, Any]] = []
        self.stalls = list(stalls or [])
        self.open = asyncio.Event()
        self.open.set()

    async def send(self, message: dict[str, Any]) -> None:
        await self.send_text(message["text"])

    async def send_text(self, text: str) -> None:
        if self.stalls and self.stalls.pop(0):
            await asyncio.sleep(0)
        await self.open.wait()
        self.received.append(json.loads(text))

    def seqs(self) -> list[int]:
        """The office's seqs as the screen saw them: the snapshot's, then each event's."""
        return [m["seq"] for m in self.received if m["type"] != "ping"]


@pytest.fixture
async def hall(tmp_path: Path) -> AsyncIterator[tuple[LiveHall, MemoryQueueStore]]:
    live = LiveHall(Settings(data_dir=tmp_path))
    store = MemoryQueueStore()
    async with live.channels:
        yield live, store
    await live.close()


async def walk_ins(live: LiveHall, store: MemoryQueueStore, count: int, pause_every: int = 0) -> None:
    """Tickets issued one by one, each one's events published as the app publishes them; with
    ``pause_every``, the loop runs the fan-out after every so many."""
    for n in range(count):
        logged: list[Event] = list((await store.issue_walk_in(GIZA, PASSPORT, "P", at(n % 60))).events)
        live.publish(GIZA, logged)
        if pause_every and n % pause_every == 0:
            await asyncio.sleep(0.005)


async def settle(live: LiveHall, store: MemoryQueueStore, wires: list[Wire]) -> None:
    """Until every screen has the office's last seq (the plugin's workers run on this loop)."""
    last = await store.last_seq(GIZA)
    for _ in range(500):
        if all(wire.seqs() and wire.seqs()[-1] == last for wire in wires):
            return
        await asyncio.sleep(0.01)


async def open_screens(
    stack: AsyncExitStack, live: LiveHall, store: MemoryQueueStore, wires: list[Wire]
) -> list[ScreenFeed]:
    screens = []
    for wire in wires:
        screen = ScreenFeed(wire, DisplayFeed(store, GIZA, lambda: at(30)), Outages())  # type: ignore[arg-type]
        await stack.enter_async_context(live.screens.watching(display_channel("mawid", GIZA), screen))
        assert await screen.open(None)
        stack.push_async_callback(screen.stop)
        screens.append(screen)
    return screens


def in_order_once(seqs: list[int], last: int) -> bool:
    """A snapshot's seq, then every later seq up to ``last``, each once, in order."""
    return bool(seqs) and seqs == list(range(seqs[0], last + 1))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    stalls=st.lists(st.lists(st.booleans(), max_size=40), min_size=1, max_size=6),
    before=st.integers(0, 3),
    published=st.integers(1, 30),
)
async def test_every_screen_gets_each_event_once_in_order_whatever_its_socket_does(
    hall: tuple[LiveHall, MemoryQueueStore], stalls: list[list[bool]], before: int, published: int
) -> None:
    live, store = hall
    await walk_ins(live, store, before)  # some history before the screens open
    wires = [Wire(s) for s in stalls]
    async with AsyncExitStack() as stack:
        await open_screens(stack, live, store, wires)
        await walk_ins(live, store, published)
        await settle(live, store, wires)
    last = await store.last_seq(GIZA)
    for wire in wires:
        assert in_order_once(wire.seqs(), last), wire.seqs()


async def test_a_screen_that_stops_reading_keeps_a_bounded_backlog_and_catches_up_from_the_log(
    hall: tuple[LiveHall, MemoryQueueStore],
) -> None:
    live, store = hall
    reading, stuck = Wire(), Wire()
    async with AsyncExitStack() as stack:
        _, stuck_screen = await open_screens(stack, live, store, [reading, stuck])
        stuck.open.clear()  # its network stops taking frames
        await walk_ins(live, store, 300, pause_every=5)
        for _ in range(50):
            await asyncio.sleep(0.01)
        assert len(stuck_screen._backlog) == SUBSCRIBER_BACKLOG  # the newest kept, no more
        assert in_order_once(reading.seqs(), 300)  # the others were not held up
        stuck.open.set()
        await settle(live, store, [stuck])
    assert in_order_once(stuck.seqs(), 300)


async def test_a_screen_that_can_take_the_frame_is_sent_it_in_the_fanouts_own_step(
    hall: tuple[LiveHall, MemoryQueueStore],
) -> None:
    live, store = hall
    wire = Wire()
    async with AsyncExitStack() as stack:
        [screen] = await open_screens(stack, live, store, [wire])
        office = live.screens.office(display_channel("mawid", GIZA))
        assert office is not None
        [event] = (await store.issue_walk_in(GIZA, PASSPORT, "P", at(1))).events
        timed = fanouts_timed()
        office.deliver(events.encode(event))
        assert screen._draining is None  # sent already: no task was made for it
        assert fanouts_timed() == timed + 1  # its last (only) screen sent it: timed once
    assert wire.seqs() == [0, 1]


def fanouts_timed() -> float:
    return REGISTRY.get_sample_value("mawid_display_fanout_seconds_count") or 0.0


async def test_start_eagerly_runs_to_the_first_wait_and_a_task_carries_on_from_there() -> None:
    steps: list[str] = []

    async def quick() -> None:
        steps.append("quick")

    assert start_eagerly(quick()) is None
    assert steps == ["quick"]

    answer: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    async def waits() -> None:
        steps.append("before")
        steps.append(await answer)

    task = start_eagerly(waits())
    assert task is not None and steps == ["quick", "before"]
    answer.set_result("after")
    await task
    assert steps == ["quick", "before", "after"]

    failing: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    async def fails() -> None:
        try:
            await failing
        except ValueError:
            steps.append("caught")
            raise

    task = start_eagerly(fails())
    assert task is not None
    failing.set_exception(ValueError("the network broke"))
    with pytest.raises(ValueError):
        await task
    assert steps[-1] == "caught"

    async def cancelled() -> None:
        try:
            await asyncio.sleep(60)
        finally:
            steps.append("cleaned up")

    task = start_eagerly(cancelled())
    assert task is not None
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert steps[-1] == "cleaned up"
