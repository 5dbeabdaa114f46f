"""What the hall's screens read: the board as JSON, and the live feed over WebSocket.

``WS /ws/offices/{office_id}/display[?after=SEQ]`` sends a snapshot (or, with ``after``, the
events the screen missed), then every event of the office in seq order with no gap, and a
``ping`` every ``display_ping_seconds``. Nothing the screen sends is read except its goodbye.
Pages on other origins and an address holding too many screens already are refused first
(``api.display_guard``).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Awaitable, Coroutine, Sequence
from typing import Any, NamedTuple

import structlog
from litestar import WebSocket, get, websocket
from litestar.exceptions import WebSocketDisconnect
from litestar.params import FromPath, FromQuery

from api.client_address import client_address
from api.display_fanout import FanoutTimer, HallScreens, start_eagerly
from api.display_guard import (
    ORIGIN_NOT_ALLOWED,
    DisplaySockets,
    Refusal,
    origin_allowed,
    too_many_sockets,
)
from api.live import SUBSCRIBER_BACKLOG, display_channel
from api.outages import Outages, dependency_down
from api.problems import PARAMETERS, answers
from api.providers import Injected
from api.settings import Settings
from booking.offer import office_not_found
from queue_display import events
from queue_display.events import Message, Notice, Refused, Snapshot
from queue_display.feed import DisplayFeed
from queue_display.onsite import OnSite

OFFICE_NOT_FOUND_CLOSE = 4404
"""WebSocket close code for an unknown office (4000–4999 are the application's)."""

TRY_AGAIN_LATER_CLOSE = 1013
"""The queue or the database is down: the screen says it is stale and connects again."""

log = structlog.get_logger("mawid.display")


def parse_after(value: str | None) -> int | None:
    """A screen's last seen seq; anything that is not a whole number asks for a snapshot."""
    if value is None or not value.strip().isdigit():
        return None
    return int(value.strip())


@get(
    "/api/v1/offices/{office_id:str}/queue",
    tags=["display"],
    summary="The board: the same object as the display feed's snapshot",
    responses=answers(PARAMETERS, {404: "`office_not_found`"}),
)
async def board(onsite: Injected[OnSite], office_id: FromPath[str]) -> Snapshot:
    office = await onsite.office(office_id)
    return await onsite.queue.board(office.id, onsite.clock.now())


class FeedContext(NamedTuple):
    """What a screen's feed reads besides the hall: the settings (Redis prefix, ping interval)
    and the count of outages."""

    settings: Settings
    outages: Outages


@websocket("/ws/offices/{office_id:str}/display")
async def display_feed(
    socket: WebSocket,
    settings: Injected[Settings],
    outages: Injected[Outages],
    display_sockets: Injected[DisplaySockets],
    onsite: Injected[OnSite],
    display_screens: Injected[HallScreens],
    office_id: FromPath[str],
    after: FromQuery[str | None] = None,
) -> None:
    if not origin_allowed(socket.headers.get("origin"), socket.headers.get("host"), settings.allowed_origins):
        await _refuse(socket, ORIGIN_NOT_ALLOWED)
        return
    address = client_address(socket)  # behind our proxies, the client's, not the balancer's
    async with display_sockets.hold(address) as allowed:  # across processes when Redis is configured
        if not allowed:
            await _refuse(socket, too_many_sockets(display_sockets.per_address))
            return
        await _feed(socket, FeedContext(settings, outages), onsite, display_screens, office_id, after)


async def _refuse(socket: WebSocket, refusal: Refusal) -> None:
    """Accept only to say why, then close with the refusal's 4xxx code (a handshake refused with
    a plain 403 tells the screen's script nothing)."""
    await socket.accept()
    await _send(socket, [Refused(**refusal.message())])
    await socket.close(code=refusal.close_code, reason=refusal.code)


async def _feed(
    socket: WebSocket,
    state: FeedContext,
    onsite: OnSite,
    screens: HallScreens,
    office_id: str,
    after: str | None,
) -> None:
    await socket.accept()
    office = await onsite.appointments.offices.office(office_id)
    if office is None:
        await _unknown_office(socket, office_id)
        return
    screen = ScreenFeed(socket, DisplayFeed(onsite.queue, office.id, onsite.clock.now), state.outages)
    # Watch before reading the snapshot, so nothing published in between is lost.
    channel = display_channel(state.settings.redis_prefix, office.id)
    async with screens.watching(channel, screen):
        if not await screen.open(parse_after(after)):
            return
        try:
            await _until_one_ends(
                [
                    screen.until_broken(),
                    screen.keep_alive(state.settings.display_ping_seconds),
                    screen.until_goodbye(),
                ],
                office.id,
                state.outages,
            )
        finally:
            await screen.stop()
    with contextlib.suppress(Exception):
        await socket.close()


async def _unknown_office(socket: WebSocket, office_id: str) -> None:
    """Say the office does not exist, then close with ``OFFICE_NOT_FOUND_CLOSE``."""
    error = office_not_found(office_id)
    await _send(socket, [Refused(code=error.code, detail=error.detail_en, detail_ar=error.detail_ar)])
    await socket.close(code=OFFICE_NOT_FOUND_CLOSE, reason=error.code)


class ScreenFeed:
    """One hall screen's end of its office's feed. One sender at a time: the feed's idea of the
    last seq sent must match the wire's.

    The office's fan-out offers each notice (``api.display_fanout``); the next event in line goes
    out at once, in the fan-out's own loop, as the frame every screen of the office is sent. While
    something of this screen's is in flight (a gap being filled from the log, a full socket, the
    snapshot or a ping), further notices wait in the screen's backlog, at most
    ``SUBSCRIBER_BACKLOG``: beyond that the oldest is dropped, and the gap it leaves is filled from
    the store's log, or with a fresh snapshot, when the next one is sent."""

    def __init__(self, socket: WebSocket, feed: DisplayFeed, outages: Outages) -> None:
        self.socket = socket
        self.feed = feed
        self.outages = outages
        self.sending = asyncio.Lock()
        self.timer = FanoutTimer()
        self._backlog: deque[tuple[Notice, int | None, str | None]] = deque()
        self._draining: asyncio.Task[None] | None = None
        self._busy = False
        self._broken: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    async def open(self, after: int | None) -> bool:
        """Send the snapshot (or, after ``after``, what the screen missed) and a first ping. While
        the queue or the database is down: close with ``TRY_AGAIN_LATER_CLOSE`` and say False."""
        try:
            async with self.sending:
                await _send(self.socket, [*await self.feed.open(after), self.feed.ping()])
        except Exception as error:
            if (dependency := dependency_down(error)) is None:
                raise
            self.outages.refused(dependency, error)
            await self.socket.close(code=TRY_AGAIN_LATER_CLOSE, reason="service_unavailable")
            return False
        return True

    def offer(self, notice: Notice, seq: int | None, frame: str | None) -> None:
        """A notice published for the office (``api.display_fanout.Screen``)."""
        if self._broken.done():  # the screen is ending: nothing more goes out
            if seq is not None:
                self.timer.sent(seq)
            return
        if self._busy:
            self._keep(notice, seq, frame)
            return
        self._busy = True
        self._draining = start_eagerly(self._drain(notice, seq, frame))

    def _keep(self, notice: Notice, seq: int | None, frame: str | None) -> None:
        """Keep a notice for when the screen is free; beyond ``SUBSCRIBER_BACKLOG``, drop the oldest."""
        if len(self._backlog) >= SUBSCRIBER_BACKLOG:
            dropped = self._backlog.popleft()[1]
            if dropped is not None:
                self.timer.sent(dropped)
        self._backlog.append((notice, seq, frame))

    async def _drain(self, notice: Notice, seq: int | None, frame: str | None) -> None:
        """Send this notice, then what waits in the backlog, in order; a failure ends the screen."""
        try:
            while True:
                await self._pass_on(notice, seq, frame)
                if not self._backlog:
                    return
                notice, seq, frame = self._backlog.popleft()
        except Exception as error:  # the screen left, or something broke: the screen ends
            if not self._broken.done():
                self._broken.set_exception(error)
        finally:
            self._busy = False
            self._draining = None

    async def _pass_on(self, notice: Notice, seq: int | None, frame: str | None) -> None:
        """Pass on one notice, with any events it shows were missed."""
        async with self.sending:
            missed = await _unless_down(self.feed.receive(notice), self.outages)
            if frame is not None and missed and len(missed) == 1 and missed[0] is notice:
                await self.socket.send({"type": "websocket.send", "bytes": None, "text": frame})
            else:
                await _send(self.socket, missed or [])
        if seq is not None:
            self.timer.sent(seq)

    async def until_broken(self) -> None:
        """Wait until passing on a notice fails (the screen left, or something broke); raise why."""
        await self._broken

    async def stop(self) -> None:
        """Stop passing on notices (the screen is done)."""
        if not self._broken.done():
            self._broken.set_result(None)
        elif not self._broken.cancelled():
            self._broken.exception()  # seen: a failure after the screen was ending is no news
        if self._draining is not None:
            self._draining.cancel()
            with contextlib.suppress(BaseException):
                await self._draining
        for _, seq, _ in self._backlog:
            if seq is not None:
                self.timer.sent(seq)
        self._backlog.clear()

    async def keep_alive(self, every: float) -> None:
        """Every ``every`` seconds, what the screen missed and a ping. While the queue is down the
        screen gets no ping, so it shows itself stale; it stays connected, and the first tick or
        resync after the outage brings it up to date."""
        while True:
            await asyncio.sleep(every)
            async with self.sending:
                missed = await _unless_down(self.feed.tick(), self.outages)
                if missed is not None:
                    await _send(self.socket, [*missed, self.feed.ping()])

    async def until_goodbye(self) -> None:
        """Read (and ignore) what the screen sends, until it disconnects."""
        while (await self.socket.receive())["type"] != "websocket.disconnect":
            continue


async def _until_one_ends(jobs: list[Coroutine[Any, Any, None]], office_id: str, outages: Outages) -> None:
    """Run a screen's jobs until the first ends (the screen left, or something broke), log why if
    that is unexpected, and stop the others."""
    tasks = [asyncio.create_task(job) for job in jobs]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            _log_unexpected(task, office_id, outages)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def _unless_down(work: Awaitable[list[Message]], outages: Outages) -> list[Message] | None:
    """The feed's answer, or None while the queue or the database is down (counted, not raised)."""
    try:
        return await work
    except Exception as error:
        if (dependency := dependency_down(error)) is None:
            raise
        outages.refused(dependency, error)
        return None


async def _send(socket: WebSocket, messages: Sequence[Message]) -> None:
    for message in messages:
        await socket.send_text(events.encode(message).decode())


def _log_unexpected(task: asyncio.Task[None], office_id: str, outages: Outages) -> None:
    """A screen going away is normal, and an outage is counted once for all screens; anything
    else is worth a line in the log."""
    if task.cancelled():
        return
    error = task.exception()
    if error is None or isinstance(error, WebSocketDisconnect):
        return
    if (dependency := dependency_down(error)) is not None:
        outages.refused(dependency, error)
    elif not isinstance(error, OSError):
        log.warning("display_feed_ended", office_id=office_id, error=type(error).__name__)


DISPLAY_ROUTES = [board, display_feed]
