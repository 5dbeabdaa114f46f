"""How an office's events reach its screens in this process, once per event, and how long it takes.

One subscription per office and process (``OfficeScreens``), not one per screen: each event is
decoded once and its frame, encoded once by whoever published it, is handed to every screen of the
office here. Each screen keeps its own order, gap repair and bounded backlog
(``api.routes.display``, ``queue_display.feed``).

``mawid_display_fanout_seconds`` (``api.metrics``): from the moment an event reached this
process's display channel to the moment the last of the office's screens in this process had it
written to its socket. That is the server's own part of a call reaching the hall, apart from the
HTTP call before it and the network and the screens' decoding after it.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Generator
from contextlib import asynccontextmanager
from typing import Any, Protocol

import structlog
from litestar.channels import ChannelsPlugin, Subscriber
from msgspec import UnsetType

from api.metrics import DISPLAY_FANOUT
from queue_display import events
from queue_display.events import Notice, Resync

log = structlog.get_logger("mawid.display")

FORGET_AFTER_SECONDS = 60.0
"""An event some screen never confirmed (it left half-way) is forgotten after this long."""


class FanoutTimer:
    """One office's events in flight in this process: when each arrived, and how many of the
    office's screens have still to send it."""

    def __init__(self, observe: Callable[[float], None] = DISPLAY_FANOUT.observe) -> None:
        self._observe = observe
        self._open: dict[int, tuple[float, int]] = {}
        self.screens = 0

    def arrived(self, seq: int, screens: int | None = None) -> None:
        """Event ``seq`` reached the process; ``screens`` (default: all the office's) will send it.
        Only the first call for a seq counts."""
        if seq in self._open:
            return
        now = time.perf_counter()
        for stale in [s for s, (at, _) in self._open.items() if now - at > FORGET_AFTER_SECONDS]:
            del self._open[stale]
        self._open[seq] = (now, self.screens if screens is None else screens)
        if self._open[seq][1] <= 0:
            self.sent(seq, 0)

    def sent(self, seq: int, screens: int = 1) -> None:
        """``screens`` more screens have sent (or skipped) event ``seq``."""
        if (entry := self._open.get(seq)) is None:
            return
        at, left = entry[0], entry[1] - screens
        if left > 0:
            self._open[seq] = (at, left)
            return
        del self._open[seq]
        self._observe(time.perf_counter() - at)


class Screen(Protocol):
    """One hall screen as its office's fan-out sees it."""

    timer: FanoutTimer
    """The office's, set when the screen joins: told when the screen has sent each event."""

    def offer(self, notice: Notice, seq: int | None, frame: str | None) -> None:
        """Take one notice from the office's channel, without waiting: send it now if the screen
        can, else keep it (bounded) for the screen's own sender. ``frame`` is the notice as the
        text every screen is sent (None for a ``resync``, which is not sent as such); ``seq`` is
        the event's (None for a ``resync``). The screen tells the office's ``timer`` once sent."""
        ...


class OfficeScreens:
    """The screens of one office in this process, behind one subscription to its channel.

    Each notice is decoded once, and the text frame the publisher encoded goes, as the same
    string, to every screen; a screen that can send at once (the event is the next it expects and
    nothing of its own is in flight) sends it right there, in this one loop, with no task woken
    per screen (``start_eagerly``). The others keep it in their own bounded backlog."""

    def __init__(self, channels: ChannelsPlugin, channel: str) -> None:
        self.channel = channel
        self.screens: dict[Screen, None] = {}  # an ordered set: screens served in joining order
        self.timer = FanoutTimer()
        self._channels = channels
        self._subscriber: Subscriber | None = None
        self._task: asyncio.Task[None] | None = None
        self.started: asyncio.Future[None] = asyncio.ensure_future(self._start())

    async def _start(self) -> None:
        self._subscriber = await self._channels.subscribe(self.channel)
        self._task = asyncio.create_task(self._relay(self._subscriber))

    async def _relay(self, subscriber: Subscriber) -> None:
        async for raw in subscriber.iter_events():
            try:
                self.deliver(raw)
            except Exception as error:  # one bad notice must not silence the office's screens
                log.warning("display_notice_dropped", channel=self.channel, error=type(error).__name__)

    def deliver(self, raw: bytes) -> None:
        """Hand one notice from the channel to every screen of the office in this process."""
        notice = events.decode_notice(raw)
        seq = None if isinstance(notice, Resync) or isinstance(notice.seq, UnsetType) else notice.seq
        frame = raw.decode() if seq is not None else None
        screens = list(self.screens)
        if seq is not None:
            self.timer.arrived(seq, len(screens))
        for screen in screens:
            screen.offer(notice, seq, frame)

    async def stop(self) -> None:
        with contextlib.suppress(Exception):
            await self.started
        if self._subscriber is not None:
            await self._channels.unsubscribe(self._subscriber)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


class HallScreens:
    """Every office's screens in this process: one ``OfficeScreens`` per office with a screen
    open, made with its first screen and dropped with its last."""

    def __init__(self, channels: ChannelsPlugin) -> None:
        self._channels = channels
        self._offices: dict[str, OfficeScreens] = {}

    @asynccontextmanager
    async def watching(self, channel: str, screen: Screen) -> AsyncIterator[OfficeScreens]:
        """``screen`` gets every notice of ``channel`` from when this is entered (the
        subscription is live then) until it is left."""
        office = self._offices.get(channel)
        if office is None:
            office = self._offices[channel] = OfficeScreens(self._channels, channel)
        office.screens[screen] = None
        screen.timer = office.timer
        try:
            await asyncio.shield(office.started)
            yield office
        finally:
            del office.screens[screen]
            if not office.screens and self._offices.get(channel) is office:
                del self._offices[channel]
                await office.stop()

    def office(self, channel: str) -> OfficeScreens | None:
        return self._offices.get(channel)


def start_eagerly(work: Coroutine[Any, Any, None]) -> asyncio.Task[None] | None:
    """Run ``work`` now, in the caller's step, up to its first real wait: None when it finished
    without one (a send to a socket that can take it), else a task that carries on from there.

    What Python 3.12 calls an eager task (``eager_start=True``); here for 3.11. The fan-out
    loop sends to a thousand screens this way with no task made or woken per screen, yet a screen
    that must wait (its socket's buffer is full, it is reading the log to fill a gap) waits on its
    own without holding up the others. Errors before the first wait are raised to the caller."""
    try:
        waiting_on = work.send(None)
    except StopIteration:
        return None
    return asyncio.ensure_future(_Resumed(work, waiting_on).run())


class _Resumed:
    """A coroutine already started, driven on by a task from the point where it waited: each
    thing it waits on is passed up to the task, each answer (or error) passed back down, as
    ``await`` itself would."""

    def __init__(self, work: Coroutine[Any, Any, None], waiting_on: Any) -> None:
        self._work = work
        self._waiting_on = waiting_on

    async def run(self) -> None:
        await self

    def __await__(self) -> Generator[Any, Any, None]:
        waiting_on = self._waiting_on
        while True:
            try:
                answer = yield waiting_on
            except BaseException as error:  # cancelled, or the awaited future failed
                try:
                    waiting_on = self._work.throw(error)
                except StopIteration:
                    return
            else:
                try:
                    waiting_on = self._work.send(answer)
                except StopIteration:
                    return
