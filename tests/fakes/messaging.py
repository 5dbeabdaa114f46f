"""Fakes of ``messaging.ports`` and of a channel: the outbox and the way out, in memory."""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from messaging.channel import Channel
from messaging.outbox import Delivery
from messaging.ports import Deliveries
from messaging.retry import Dead, DeliveryFailed, Failure, Outcome, Retry, Sent


@dataclass
class Row:
    delivery: Delivery
    status: str = "pending"
    due: datetime = datetime.min
    claimed_until: datetime | None = None
    token: str | None = None
    via: str | None = None
    error: str | None = None


@dataclass
class FakeDeliveries:
    """``messaging.ports.Deliveries`` as ``OutboxStore`` keeps them: a claim counts the attempt
    and holds the row for the lease; a record by a token that lost its claim is ignored.
    ``down`` makes every call raise, as a database that is gone."""

    rows: dict[str, Row] = field(default_factory=dict)
    down: bool = False

    def post(self, delivery: Delivery, due: datetime) -> None:
        self.rows[delivery.delivery_id] = Row(delivery, due=due)

    def status(self, delivery_id: str) -> str:
        return self.rows[delivery_id].status

    async def claim(
        self, now: datetime, channels: Collection[str], limit: int, lease: timedelta, token: str
    ) -> list[Delivery]:
        if self.down:
            raise ConnectionError("the database is down")
        due = sorted(
            (
                row
                for row in self.rows.values()
                if row.status == "pending"
                and row.due <= now
                and (row.claimed_until is None or row.claimed_until <= now)
                and row.delivery.channel in channels
            ),
            key=lambda row: row.due,
        )[:limit]
        for row in due:
            row.delivery = replace(row.delivery, attempts=row.delivery.attempts + 1)
            row.claimed_until, row.token = now + lease, token
        return [row.delivery for row in due]

    async def record(self, outcomes: Sequence[tuple[Delivery, Outcome]], token: str, now: datetime) -> None:
        if self.down:
            raise ConnectionError("the database is down")
        for delivery, outcome in outcomes:
            row = self.rows[delivery.delivery_id]
            if row.token != token:
                continue
            row.claimed_until = row.token = None
            if isinstance(outcome, Sent):
                row.status, row.via = "sent", outcome.via
            elif isinstance(outcome, Retry):
                row.due, row.error = outcome.at, outcome.error
            elif isinstance(outcome, Dead):
                row.status, row.error = "dead", outcome.error


@dataclass
class FakeChannel:
    """A channel that takes what it is given into ``sent``, or fails as ``failures`` says (one
    failure per attempt, in order; ``Exception`` for a bug in the channel); ``gate`` holds every
    send until set, to see how many are in flight."""

    via: str = "demo"
    sent: list[Delivery] = field(default_factory=list)
    failures: list[Failure | Exception] = field(default_factory=list)
    gate: asyncio.Event | None = None
    in_flight: int = 0
    most_in_flight: int = 0
    closed: bool = False

    async def send(self, delivery: Delivery) -> None:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            if self.gate is not None:
                await self.gate.wait()
            if self.failures:
                failure = self.failures.pop(0)
                if isinstance(failure, Exception):
                    raise failure
                raise DeliveryFailed(failure)
            self.sent.append(delivery)
        finally:
            self.in_flight -= 1

    async def close(self) -> None:
        self.closed = True


def _conforms(deliveries: FakeDeliveries, channel: FakeChannel) -> None:
    """Type-checked (``mypy tests/fakes``) only: each fake is its port."""
    _: tuple[Deliveries, Channel] = (deliveries, channel)
