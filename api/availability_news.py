"""Changes of availability heard by every process: the days a booking, a cancellation, a move, a
hold or a capacity change touched drop from this process's blocks at once and, with
``MAWID_REDIS_URL``, are published on the pub/sub the screens use (``api.display_channels``) to
every other process, which drops them too.

Pub/sub loses what is sent while a process is disconnected: a process that subscribes again
forgets all its blocks (the ``resync`` notice), and a block never lives more than a second anyway
(``api.availability_blocks``). A change that fails to publish is dropped with a line in the log
for the same reason.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from datetime import date

import msgspec
import structlog
from prometheus_client import Counter

from api.availability_blocks import DayBlocks
from api.display_channels import RESYNC, ReconnectingRedisChannels, subscriber_client
from api.redis_connection import redis_client

log = structlog.get_logger("mawid.availability")

OUTBOX_LIMIT = 10_000
"""Changes waiting to be published; beyond it (Redis away) they are dropped: the blocks of the
other processes expire within a second anyway."""

AVAILABILITY_CHANGES_HEARD = Counter(
    "mawid_availability_changes_heard",
    "Changes of availability made by another process and heard over pub/sub",
)


def availability_channel(prefix: str) -> str:
    """The pub/sub channel of availability changes, e.g. ``mawid:availability``."""
    return f"{prefix}:availability"


class Change(msgspec.Struct, array_like=True, frozen=True):
    """Bookings of ``service`` at ``office_id`` changed on ``day`` (None: on any day)."""

    office_id: str
    service: str
    day: date | None
    origin: str
    """The process that made it (it has dropped its own blocks already)."""


class AvailabilityNews:
    def __init__(self, blocks: DayBlocks, redis_url: str = "", prefix: str = "mawid") -> None:
        self._blocks = blocks
        self.origin = uuid.uuid4().hex
        self._channel = availability_channel(prefix)
        self._backend: ReconnectingRedisChannels | None = None
        self._publisher = redis_client(redis_url) if redis_url else None
        if self._publisher is not None:
            self._backend = ReconnectingRedisChannels(self._publisher, subscriber_client(redis_url))
        self._outbox: asyncio.Queue[bytes] | None = None
        self._dropped = 0

    def changed(self, office_id: str, service: str, day: date | None = None) -> None:
        """Drop the blocks this change touches here, and tell the other processes."""
        self._blocks.invalidate(office_id, service, day)
        if self._backend is None:
            return
        outbox = self._queue()
        try:
            outbox.put_nowait(msgspec.json.encode(Change(office_id, service, day, self.origin)))
        except asyncio.QueueFull:
            self._dropped += 1
            if self._dropped == 1:
                log.warning("availability_change_not_published", reason="outbox_full")

    def heard(self, data: bytes) -> None:
        """A message of the channel: a change made elsewhere, or ``resync`` after a reconnect."""
        if data == RESYNC:
            self._blocks.clear()
            return
        try:
            change = msgspec.json.decode(data, type=Change)
        except msgspec.DecodeError:  # a ValidationError is one too
            log.warning("availability_change_unreadable")
            return
        if change.origin == self.origin:
            return
        AVAILABILITY_CHANGES_HEARD.inc()
        self._blocks.invalidate(change.office_id, change.service, change.day)

    async def run(self) -> None:
        """While the app serves: publish this process's changes, hear the others'."""
        if self._backend is None:
            return
        await self._backend.subscribe([self._channel])
        publishing = asyncio.create_task(self._publish())
        try:
            async for _, data in self._backend.stream_events():
                self.heard(data)
        finally:
            publishing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await publishing

    async def _publish(self) -> None:
        assert self._backend is not None
        outbox = self._queue()
        while True:
            data = await outbox.get()
            await self._backend.publish(data, [self._channel])  # a failure is logged there, once
            if self._dropped:
                log.info("availability_changes_published_again", dropped=self._dropped)
                self._dropped = 0

    def _queue(self) -> asyncio.Queue[bytes]:
        if self._outbox is None:
            self._outbox = asyncio.Queue(OUTBOX_LIMIT)
        return self._outbox

    async def close(self) -> None:
        if self._backend is not None:
            await self._backend.on_shutdown()
        if self._publisher is not None:
            await self._publisher.aclose()
