"""The sender: drains the outbox through the channels, any number of them at once.

Each turn claims a batch of due deliveries under a lease (``Deliveries.claim``), sends them with
at most ``concurrency`` in flight, and records in one transaction what came of each: sent, tried
again after a backoff, or dead (``messaging.retry``). A full batch is followed at once by the
next; otherwise the sender waits ``idle_seconds`` (or until stopped).

Crash-only: a sender killed between "the gateway took it" and "the outbox knows" leaves the
delivery claimed; once the lease ends another sender (or this one, restarted) sends it again with
the same delivery id, which the gateway uses to drop the repeat. The database down is one
warning when it starts and one line when it ends, not one per turn; the loop goes on.

``stop()`` lets the batch in flight finish (sends and their record) and then ends ``run()``.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Callable, Mapping
from datetime import timedelta

import structlog

from kernel.clock import Clock
from messaging.channel import Channel
from messaging.outbox import Delivery, new_delivery_id
from messaging.ports import Deliveries
from messaging.retry import DeliveryFailed, Failure, Outcome, RetryPolicy, Sent, unreachable

log = structlog.get_logger("mawid.delivery")

LEASE = timedelta(minutes=5)
"""How long a claim is a sender's alone; far more than a batch takes (timeouts: 10 s per SMS,
30 s per e-mail, ``concurrency`` at a time)."""
IDLE_SECONDS = 1.0


class Sender:
    def __init__(
        self,
        store: Deliveries,
        channels: Mapping[str, Channel],
        clock: Clock,
        policy: RetryPolicy | None = None,
        *,
        concurrency: int = 16,
        batch: int | None = None,
        lease: timedelta = LEASE,
        idle_seconds: float = IDLE_SECONDS,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self._store = store
        self._channels = dict(channels)
        self._clock = clock
        self._policy = policy or RetryPolicy()
        self._slots = asyncio.Semaphore(concurrency)
        self._batch = batch or 4 * concurrency
        self._lease = lease
        self._idle = idle_seconds
        self._jitter = jitter
        self._stopping = asyncio.Event()

    async def run_once(self) -> int:
        """One turn: claim a batch, send it, record what came of it; how many were claimed."""
        token = new_delivery_id()
        batch = await self._store.claim(
            self._clock.now(), self._channels.keys(), self._batch, self._lease, token
        )
        if not batch:
            return 0
        outcomes = await asyncio.gather(*(self._attempt(delivery) for delivery in batch))
        await self._store.record(list(zip(batch, outcomes, strict=True)), token, self._clock.now())
        return len(batch)

    async def _attempt(self, delivery: Delivery) -> Outcome:
        channel = self._channels[delivery.channel]
        failure: Failure
        async with self._slots:
            try:
                await channel.send(delivery)
            except DeliveryFailed as failed:
                failure = failed.failure
            except Exception as error:  # a bug in a channel: log it, try again later
                log.error("delivery_channel_error", channel=delivery.channel, exc_info=error)
                failure = unreachable(error)
            else:
                return Sent(channel.via)
        return self._policy.after_failure(delivery.attempts, failure, self._clock.now(), self._jitter())

    async def run(self) -> None:
        """Turn until ``stop()``; the batch in flight is finished first."""
        failing = False
        while not self._stopping.is_set():
            claimed = 0
            try:
                claimed = await self.run_once()
            except Exception as error:  # the database down: one line when it starts
                if not failing:
                    log.warning(
                        "delivery_store_unavailable",
                        error=type(error).__name__,
                        message=str(error).splitlines()[0][:200] if str(error) else "",
                    )
                failing = True
            else:
                if failing:
                    log.info("delivery_store_available")
                failing = False
            if claimed < self._batch:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), self._idle)

    def stop(self) -> None:
        self._stopping.set()

    async def close(self) -> None:
        for channel in self._channels.values():
            await channel.close()
