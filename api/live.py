"""The halls' live state: where the queue lives and how its events reach the screens.

Embedded default: the queue store and the channels in this process's memory. With
``MAWID_REDIS_URL``: both in Redis over one client, so any number of server processes behave as
one hall — a ticket called through one process reaches a screen connected to another.

Each process subscribes once per office with a screen open (``api.display_fanout``), and hands
each event to every screen of the office it holds. Each screen keeps at most
``SUBSCRIBER_BACKLOG`` unsent events and drops the oldest beyond that (so does the office's
subscription): a screen on a slow link cannot grow the server's memory, and what it lost it gets
back from the store's log (see ``queue_display.feed``), or as a fresh snapshot.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

import structlog
from litestar.channels import ChannelsPlugin
from litestar.channels.backends.base import ChannelsBackend
from litestar.channels.backends.memory import MemoryChannelsBackend

from api.display_channels import ReconnectingRedisChannels, subscriber_client
from api.display_fanout import HallScreens
from api.redis_connection import redis_client
from api.settings import Settings
from booking.appointments import Appointments
from booking.services import CATALOGUE
from booking.store.bookings import BookingStore
from kernel.database import Database
from queue_display.archive.counter_steps import CounterArchive
from queue_display.archive.stranded_check_ins import StrandedCheckIns
from queue_display.archive.ticket_numbers import TicketNumbers
from queue_display.archive.tickets import TicketArchive
from queue_display.events import Event
from queue_display.no_show import NoShowRule
from queue_display.onsite import OnSite
from queue_display.policy import CallPolicy
from queue_display.ports import QueueWatcher
from queue_display.recovery import heal_hall, take_up
from queue_display.store import MemoryQueueStore, QueueStore, RedisQueueStore

if TYPE_CHECKING:
    from redis.asyncio import Redis
    from redis.asyncio.cluster import RedisCluster

SUBSCRIBER_BACKLOG = 64
"""Unsent events kept per screen; a call produces two or three, so this is a busy minute."""

SERVICE_MINUTES = {service.code: float(service.duration_minutes) for service in CATALOGUE}

log = structlog.get_logger("mawid.hall")


HEAL_RETRY_SECONDS = (1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)
"""Back-off between attempts to settle stranded check-ins while a dependency is down."""

HEAL_ATTEMPT_SECONDS = 5.0
"""At most this long per attempt: an unreachable host must not hold the start-up."""


def display_channel(prefix: str, office_id: str) -> str:
    """The pub/sub channel of an office's screens, e.g. ``mawid:display:giza-passports``."""
    return f"{prefix}:display:{office_id}"


class LiveHall:
    """Built by ``create_app`` from the settings; nothing connects until the app starts."""

    def __init__(self, settings: Settings) -> None:
        self._prefix = settings.redis_prefix
        self.no_show_rule = NoShowRule(settings.counter_no_show_recalls, settings.counter_no_show_minutes)
        self._redis: Redis | RedisCluster | None = None
        policy = CallPolicy(park_min_wait=timedelta(minutes=settings.park_min_wait_minutes))
        backend: ChannelsBackend
        if settings.redis_url:
            self._redis = redis_client(settings.redis_url)
            backend = ReconnectingRedisChannels(self._redis, subscriber_client(settings.redis_url))
            self.queue: QueueStore = RedisQueueStore(
                self._redis, key_prefix=self._prefix, service_minutes=SERVICE_MINUTES, policy=policy
            )
        else:
            backend = MemoryChannelsBackend()
            self.queue = MemoryQueueStore(service_minutes=SERVICE_MINUTES, policy=policy)
        self.channels = ChannelsPlugin(
            backend,
            arbitrary_channels_allowed=True,
            subscriber_max_backlog=SUBSCRIBER_BACKLOG,
            subscriber_backlog_strategy="dropleft",
        )
        self.screens = HallScreens(self.channels)

    def publish(self, office_id: str, events: Sequence[Event]) -> None:
        """Queue the events for every screen of the office, in every process; returns at once."""
        channel = display_channel(self._prefix, office_id)
        for event in events:
            self.channels.publish(event, channel)

    def onsite(
        self,
        appointments: Appointments,
        bookings: BookingStore,
        database: Database,
        watchers: Sequence[QueueWatcher] = (),
    ) -> OnSite:
        """The hall's use cases over this store, which takes an office's day up from the
        archive whenever it finds it lost, and numbers tickets from the database; ``watchers``
        are told of every change (the heads-up texts)."""
        onsite = OnSite(
            appointments,
            bookings,
            self.queue,
            TicketArchive(database),
            CounterArchive(database),
            self.publish,
            self.no_show_rule,
            watchers,
        )
        self.queue.attach(partial(take_up, onsite), TicketNumbers(database).next)
        return onsite

    async def start_healing(self, onsite: OnSite, database: Database) -> asyncio.Task[None] | None:
        """Settle the check-ins a crash left without a ticket (``queue_display.recovery``): once
        now, before serving, when the database answers within seconds; else in the background.

        Crash-only: a process must start and serve even while the database or Redis is down,
        so a failed attempt is logged once and tried again with back-off, never raised."""
        stranded = StrandedCheckIns(database)
        if await self._heal_once(onsite, stranded, first=True):
            return None
        return asyncio.create_task(self._heal_later(onsite, stranded))

    async def _heal_later(self, onsite: OnSite, stranded: StrandedCheckIns) -> None:
        for pause in HEAL_RETRY_SECONDS:
            await asyncio.sleep(pause)
            if await self._heal_once(onsite, stranded, first=False):
                return
        log.error("hall_heal_gave_up", attempts=len(HEAL_RETRY_SECONDS) + 1)

    async def _heal_once(self, onsite: OnSite, stranded: StrandedCheckIns, first: bool) -> bool:
        try:
            async with asyncio.timeout(HEAL_ATTEMPT_SECONDS):
                healed = await heal_hall(onsite, stranded)
        except Exception as error:  # a dependency down (or slow): try again later
            if first:
                log.warning("hall_heal_deferred", error=type(error).__name__)
            return False
        for office in healed:
            log.info(
                "check_ins_healed",
                office_id=office.office_id,
                check_ins_released=len(office.released),
                tickets_archived=len(office.archived),
            )
        return True

    async def close(self) -> None:
        await self.queue.close()
        if self._redis is not None:
            await self._redis.aclose()
