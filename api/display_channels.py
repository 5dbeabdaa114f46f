"""The screens' pub/sub over Redis, made to outlive a Redis restart.

Litestar's ``RedisChannelsPubSubBackend`` reads with one task that dies on the first connection
error, and nothing subscribes again; its publishing task dies on the first failed publish, after
which every event of the process waits in a queue for ever. After a Redis restart the screens of
every process then heard of calls only through their feed's periodic check.

This backend keeps the set of channels the process wants and, whenever its subscription breaks,
connects again with back-off and subscribes to all of them. Events published while it was
disconnected are gone from pub/sub, so right after it is back it hands each channel a ``resync``
notice: each screen's feed then compares its last seq with the store's log and sends what the
screen missed, or a fresh snapshot (``queue_display.feed``). A failed publish is dropped with a
line in the log: the event is in the store's log, numbered, and the feeds repair the gap.

Only pub/sub lives here; the queue itself is the store's (``queue_display.store.redis``).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, Iterable
from typing import TYPE_CHECKING, Any

import structlog
from litestar.channels.backends.base import ChannelsBackend
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from api.redis_connection import CLUSTER_SCHEMES, HEALTH_CHECK_SECONDS, SOCKET_TIMEOUT_SECONDS

if TYPE_CHECKING:
    from redis.asyncio.cluster import RedisCluster

log = structlog.get_logger("mawid.pubsub")

RESYNC = b'{"type":"resync"}'
"""Handed to every subscribed channel after a reconnect; not an event of any office."""

BACKOFF_SECONDS = (0.1, 0.25, 0.5, 1.0)
"""Pauses between attempts to subscribe again: a restarted Redis is back within a second of
answering, and screens must hear calls again within a few seconds of that."""

READ_TIMEOUT_SECONDS = 1.0


def subscriber_client(url: str) -> Redis:
    """A plain connection for subscribing, with the client's own retries off. On a Redis Cluster
    (``redis+cluster://``) it is the node the URL names: a ``PUBLISH`` reaches every node."""
    scheme, _, rest = url.partition("://")
    plain = CLUSTER_SCHEMES.get(scheme.lower(), scheme)
    return Redis.from_url(
        f"{plain}://{rest}",
        socket_timeout=SOCKET_TIMEOUT_SECONDS,
        socket_connect_timeout=SOCKET_TIMEOUT_SECONDS,
        health_check_interval=HEALTH_CHECK_SECONDS,
        retry=Retry(NoBackoff(), 0),
    )


class ReconnectingRedisChannels(ChannelsBackend):
    """``publisher`` sends (a Redis or a Redis Cluster client); ``subscriber`` is a plain Redis
    connection whose own retries are off, so that every break reaches this backend and ends in a
    resync (a silent reconnect inside the client would lose events unnoticed)."""

    def __init__(self, publisher: Redis | RedisCluster, subscriber: Redis) -> None:
        self._publisher = publisher
        self._subscriber = subscriber
        self._wanted: set[str] = set()
        self._pubsub: Any = None
        self._wanted_changed: asyncio.Event | None = None
        self._publish_failures = 0

    def _changed(self) -> asyncio.Event:
        # Made on first use, inside the running loop.
        if self._wanted_changed is None:
            self._wanted_changed = asyncio.Event()
        return self._wanted_changed

    async def on_startup(self) -> None:
        return None

    async def on_shutdown(self) -> None:
        if self._pubsub is not None:
            with contextlib.suppress(RedisError, OSError):
                await self._pubsub.aclose()
        await self._subscriber.aclose()

    async def publish(self, data: bytes, channels: Iterable[str]) -> None:
        try:
            for channel in set(channels):
                await self._publisher.publish(channel, data)
        except (RedisError, OSError) as error:
            self._publish_failures += 1
            if self._publish_failures == 1:
                log.warning("display_publish_failed", error=type(error).__name__)
            return
        if self._publish_failures:
            log.info("display_publish_back", dropped=self._publish_failures)
            self._publish_failures = 0

    async def subscribe(self, channels: Iterable[str]) -> None:
        new = set(channels) - self._wanted
        if not new:
            return
        self._wanted |= new
        if self._pubsub is not None:
            with contextlib.suppress(RedisError, OSError):  # the reader subscribes on reconnecting
                await self._pubsub.subscribe(*new)
        self._changed().set()

    async def unsubscribe(self, channels: Iterable[str]) -> None:
        gone = set(channels) & self._wanted
        if not gone:
            return
        self._wanted -= gone
        if self._pubsub is not None:
            with contextlib.suppress(RedisError, OSError):
                await self._pubsub.unsubscribe(*gone)

    async def stream_events(self) -> AsyncGenerator[tuple[str, bytes], None]:
        failures = 0
        while True:
            if not self._wanted:
                await self._until_wanted()
                continue
            pubsub = self._subscriber.pubsub()
            try:
                await pubsub.subscribe(*self._wanted)
                self._pubsub = pubsub
                if failures:
                    log.info("display_pubsub_back", attempts=failures)
                    for channel in sorted(self._wanted):
                        yield channel, RESYNC
                failures = 0
                while True:
                    if (event := await self._next_event(pubsub)) is not None:
                        yield event
            except (RedisError, OSError, RuntimeError) as error:
                failures += 1
                if failures == 1:
                    log.warning("display_pubsub_lost", error=type(error).__name__)
            finally:
                await self._drop(pubsub)
            await asyncio.sleep(BACKOFF_SECONDS[min(failures, len(BACKOFF_SECONDS)) - 1])

    async def _until_wanted(self) -> None:
        """Wait until some channel is wanted: with none, there is nothing to subscribe to."""
        self._changed().clear()
        await self._changed().wait()

    async def _next_event(self, pubsub: Any) -> tuple[str, bytes] | None:
        """The next message on a channel still wanted, or None when a read brought none (it waits
        at most ``READ_TIMEOUT_SECONDS``, so a broken connection is noticed)."""
        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=READ_TIMEOUT_SECONDS)
        if message is None or message["type"] != "message":
            return None
        channel = message["channel"].decode()
        return (channel, message["data"]) if channel in self._wanted else None

    async def _drop(self, pubsub: Any) -> None:
        """Forget a subscription that broke or ended, closing it as far as it still can be."""
        self._pubsub = None
        with contextlib.suppress(RedisError, OSError, RuntimeError):
            await pubsub.aclose()

    async def get_history(self, channel: str, limit: int | None = None) -> list[bytes]:
        """Pub/sub keeps no history; the store's display log is the history (``events_after``)."""
        return []
