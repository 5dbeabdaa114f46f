"""The outbox in the database: messages to citizens, written in the same transaction as the change
they announce, then delivered by a sender.

A booking moved by a rebalance and the message telling its holder are committed together or not
at all, so nobody is told of a move that did not happen, nor moved without being told.

Claiming is one statement: the due rows (pending, their next attempt come, no live lease) are
chosen ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so any number of senders share the outbox
without waiting for or taking each other's rows, and are given a lease (``claimed_until``) and the
sender's token in the same update. On SQLite ``FOR UPDATE`` does not exist; the claim is still one
``IMMEDIATE`` write transaction, so senders take turns, but SQLite is one writer for the whole
database: run one sender there (the one inside ``mawid serve``).

A message repeats a mobile, an address and a text, so it is erased once delivered and old enough
(``erase_messages``, run with the erasure of booking's personal data).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, cast

from sqlalchemy import Table, bindparam, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from kernel.database import Database
from messaging.outbox import DEAD, PENDING, SENT, Delivery, OutboxMessage, deliveries_of
from messaging.retry import Dead, Outcome, Retry, Sent
from messaging.store.tables import OutboxRow

_TABLE = cast(Table, OutboxRow.__table__)
# Built once and executed with parameters: a batch posts thousands of messages.
_POST = insert(OutboxRow)


def post(conn: Connection, message: OutboxMessage, now: datetime) -> None:
    """Add ``message`` to the outbox inside the caller's transaction: one row per channel (an
    SMS, and an e-mail when the citizen gave an address), each due at once."""
    rows = [
        {
            "delivery_id": delivery.delivery_id,
            "kind": delivery.kind,
            "channel": delivery.channel,
            "address": delivery.address,
            "phone": delivery.phone,
            "subject": delivery.subject,
            "text": delivery.text,
            "lang": delivery.lang,
            "office_id": delivery.office_id,
            "booking_code": delivery.booking_code,
            "request_id": delivery.request_id,
            "payload": message.payload,
            "status": PENDING,
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for delivery in deliveries_of(message)
    ]
    if len(rows) == 1:  # an SMS alone, the usual case: one execute, not the executemany path
        conn.execute(_POST, rows[0])
    elif rows:
        conn.execute(_POST, rows)


class KeepingTimes(Protocol):
    """How long personal data is kept (``booking.store.retention.Retention``)."""

    @property
    def visit_days(self) -> int: ...

    @property
    def cancelled_days(self) -> int: ...


def erase_messages(conn: Connection, retention: KeepingTimes, now: datetime) -> int:
    """Erase the mobile, address and text of messages past their keeping time; how many. Once
    sent, a message is kept as long as a cancellation; never sent, as long as a visit."""
    cancelled_before = now - timedelta(days=retention.cancelled_days)
    return conn.execute(
        update(OutboxRow)
        .where(
            OutboxRow.text != "",
            or_(
                OutboxRow.sent_at <= cancelled_before,
                OutboxRow.created_at <= now - timedelta(days=retention.visit_days),
            ),
        )
        .values(phone="", address="", subject=None, text="", payload={}, last_error=None)
    ).rowcount


_DELIVERY = (
    OutboxRow.delivery_id,
    OutboxRow.channel,
    OutboxRow.address,
    OutboxRow.text,
    OutboxRow.lang,
    OutboxRow.kind,
    OutboxRow.phone,
    OutboxRow.subject,
    OutboxRow.office_id,
    OutboxRow.booking_code,
    OutboxRow.request_id,
    OutboxRow.attempts,
)

# What a sender records, conditional on still holding its claim.
_MINE = (OutboxRow.delivery_id == bindparam("_id"), OutboxRow.claim_token == bindparam("_token"))
_RELEASED = {"claimed_until": None, "claim_token": None}
_MARK_SENT = (
    update(_TABLE)
    .where(*_MINE)
    .values(status=SENT, sent_at=bindparam("_at"), sent_via=bindparam("_via"), **_RELEASED)
)
_MARK_RETRY = (
    update(_TABLE)
    .where(*_MINE)
    .values(next_attempt_at=bindparam("_at"), last_error=bindparam("_error"), **_RELEASED)
)
_MARK_DEAD = update(_TABLE).where(*_MINE).values(status=DEAD, last_error=bindparam("_error"), **_RELEASED)


@dataclass(frozen=True, slots=True)
class InboxEntry:
    """A message the demo inbox "delivered"."""

    to: str
    channel: str
    subject: str | None
    text: str
    sent_at: datetime


@dataclass(frozen=True, slots=True)
class DeadDelivery:
    delivery_id: str
    kind: str
    channel: str
    address: str
    attempts: int
    last_error: str | None
    created_at: datetime
    booking_code: str | None


@dataclass(frozen=True, slots=True)
class DeliveryState:
    """An office's messages by status, and the latest that could not be delivered."""

    pending: int
    sent: int
    dead: int
    recent_dead: list[DeadDelivery]


class OutboxStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    @property
    def dialect(self) -> str:
        return self._db.dialect

    async def claim(
        self, now: datetime, channels: Collection[str], limit: int, lease: timedelta, token: str
    ) -> list[Delivery]:
        """Claim up to ``limit`` due deliveries on ``channels`` for ``lease``, under ``token``,
        counting the attempt; the oldest due first."""

        def work(conn: Connection) -> list[Delivery]:
            due = (
                select(OutboxRow.id)
                .where(
                    OutboxRow.status == PENDING,
                    OutboxRow.next_attempt_at <= now,
                    or_(OutboxRow.claimed_until.is_(None), OutboxRow.claimed_until <= now),
                    OutboxRow.channel.in_(list(channels)),
                )
                .order_by(OutboxRow.next_attempt_at, OutboxRow.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
            claimed = conn.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_(due.scalar_subquery()))
                .values(claimed_until=now + lease, claim_token=token, attempts=OutboxRow.attempts + 1)
                .returning(OutboxRow.id, *_DELIVERY)
            ).all()
            return [
                Delivery(**{key: value for key, value in row._mapping.items() if key != "id"})
                for row in sorted(claimed, key=lambda row: row.id)
            ]

        if not channels:
            return []
        return await self._db.write(work)

    async def record(self, outcomes: Sequence[tuple[Delivery, Outcome]], token: str, now: datetime) -> None:
        """Record what came of claimed deliveries, in one transaction. A delivery whose lease ran
        out and was claimed again by another sender is left to its new holder."""
        sent = [
            {"_id": d.delivery_id, "_token": token, "_at": now, "_via": o.via}
            for d, o in outcomes
            if isinstance(o, Sent)
        ]
        retry = [
            {"_id": d.delivery_id, "_token": token, "_at": o.at, "_error": o.error}
            for d, o in outcomes
            if isinstance(o, Retry)
        ]
        dead = [
            {"_id": d.delivery_id, "_token": token, "_error": o.error}
            for d, o in outcomes
            if isinstance(o, Dead)
        ]

        def work(conn: Connection) -> None:
            for statement, rows in ((_MARK_SENT, sent), (_MARK_RETRY, retry), (_MARK_DEAD, dead)):
                if rows:
                    conn.execute(statement, rows)

        if outcomes:
            await self._db.write(work)

    async def unsent(self, limit: int = 1000) -> list[Delivery]:
        """The oldest deliveries still pending."""

        def work(conn: Connection) -> list[Delivery]:
            rows = conn.execute(
                select(*_DELIVERY).where(OutboxRow.status == PENDING).order_by(OutboxRow.id).limit(limit)
            )
            return [Delivery(**row._mapping) for row in rows]

        return await self._db.read(work)

    async def demo_inbox(self, phone: str, limit: int = 50) -> list[InboxEntry]:
        """What the demo inbox delivered for the mobile ``phone`` (SMS, and e-mails to the same
        citizen), newest first."""

        def work(conn: Connection) -> list[InboxEntry]:
            rows = conn.execute(
                select(
                    OutboxRow.address.label("to"),
                    OutboxRow.channel,
                    OutboxRow.subject,
                    OutboxRow.text,
                    OutboxRow.sent_at,
                )
                .where(OutboxRow.phone == phone, OutboxRow.status == SENT, OutboxRow.sent_via == "demo")
                .order_by(OutboxRow.sent_at.desc(), OutboxRow.id.desc())
                .limit(limit)
            )
            return [InboxEntry(**row._mapping) for row in rows]

        return await self._db.read(work)

    async def office_state(self, office_id: str, recent: int = 10) -> DeliveryState:
        """How ``office_id``'s messages fare: counts by status, and the latest dead ones."""

        def work(conn: Connection) -> DeliveryState:
            counts = dict(
                conn.execute(
                    select(OutboxRow.status, func.count())
                    .where(OutboxRow.office_id == office_id)
                    .group_by(OutboxRow.status)
                ).all()
            )
            dead = conn.execute(
                select(
                    OutboxRow.delivery_id,
                    OutboxRow.kind,
                    OutboxRow.channel,
                    OutboxRow.address,
                    OutboxRow.attempts,
                    OutboxRow.last_error,
                    OutboxRow.created_at,
                    OutboxRow.booking_code,
                )
                .where(OutboxRow.office_id == office_id, OutboxRow.status == DEAD)
                .order_by(OutboxRow.id.desc())
                .limit(recent)
            )
            return DeliveryState(
                pending=counts.get(PENDING, 0),
                sent=counts.get(SENT, 0),
                dead=counts.get(DEAD, 0),
                recent_dead=[DeadDelivery(**row._mapping) for row in dead],
            )

        return await self._db.read(work)
