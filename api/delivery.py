"""Delivering the outbox from this process: inside ``mawid serve`` (``MAWID_SENDER=inline``, the
default) and as ``mawid worker``.

The channels come from the settings (``messaging.channels``); a process with none (outside demo
mode, no gateway and no mail server) runs no sender and says once, at start, that messages stay
pending. Starting never waits for the database: the sender's first turns fail quietly while it
is down (one log line) and it delivers as soon as it is back.
"""

from __future__ import annotations

import asyncio
import contextlib

import structlog

from api.settings import Settings
from kernel.clock import Clock
from kernel.database import Database
from messaging.channels import ChannelSettings, announce, open_channels
from messaging.retry import RetryPolicy
from messaging.sender import Sender
from messaging.store.outbox import OutboxStore

log = structlog.get_logger("mawid.delivery")

STOP_SECONDS = 20.0
"""How long a stopping server waits for the batch in flight before it cancels it (what was
sent and not recorded is sent again after the lease, with the same delivery id)."""


def build_sender(settings: Settings, database: Database, clock: Clock) -> Sender | None:
    """A sender on the settings' channels, or None when there is no channel to deliver through."""
    channels = open_channels(
        ChannelSettings(
            demo=settings.demo,
            sms_url=settings.sms_url,
            sms_token=settings.sms_token,
            smtp_url=settings.smtp_url,
            mail_from=settings.mail_from,
            concurrency=settings.delivery_concurrency,
        )
    )
    announce(channels)
    if not channels:
        return None
    return Sender(
        OutboxStore(database),
        channels,
        clock,
        RetryPolicy(max_attempts=settings.delivery_attempts),
        concurrency=settings.delivery_concurrency,
    )


class Sending:
    """The sender running in this process, if any."""

    def __init__(self, sender: Sender | None) -> None:
        self.sender = sender
        self._task = asyncio.create_task(sender.run()) if sender is not None else None

    async def stop(self) -> None:
        """Let the batch in flight finish (up to ``STOP_SECONDS``), then close the channels."""
        if self.sender is None or self._task is None:
            return
        self.sender.stop()
        try:
            await asyncio.wait_for(asyncio.shield(self._task), STOP_SECONDS)
        except TimeoutError:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.sender.close()


def start_sending(settings: Settings, database: Database, clock: Clock) -> Sending:
    """Start delivering in the background of the server, unless ``MAWID_SENDER=off``."""
    if settings.sender == "off":
        log.info("delivery_inline_off", detail="MAWID_SENDER=off: mawid worker processes deliver the outbox")
        return Sending(None)
    return Sending(build_sender(settings, database, clock))
