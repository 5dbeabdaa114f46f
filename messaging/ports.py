"""What the sender needs of the outbox (``messaging.store.outbox.OutboxStore`` is it on SQLite and
PostgreSQL; ``tests/fakes/messaging.py`` in memory)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from messaging.outbox import Delivery
from messaging.retry import Outcome


class Deliveries(Protocol):
    async def claim(
        self, now: datetime, channels: Collection[str], limit: int, lease: timedelta, token: str
    ) -> list[Delivery]:
        """Claim up to ``limit`` due deliveries on ``channels`` for ``lease``, under ``token``,
        counting the attempt; the oldest due first."""
        ...

    async def record(self, outcomes: Sequence[tuple[Delivery, Outcome]], token: str, now: datetime) -> None:
        """Record what came of claimed deliveries, in one transaction; a delivery claimed again
        by another token since is left to its new holder."""
        ...
