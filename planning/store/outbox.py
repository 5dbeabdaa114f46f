"""The outbox: messages to citizens, written in the same transaction as the change they announce.

A booking moved by a rebalance and the message telling its holder are committed together or not
at all, so nobody is told of a move that did not happen, nor moved without being told. Delivery
(SMS, e-mail) is a later sender's job: it reads unsent rows and stamps ``sent_at``.

A message repeats a mobile and a text, so it is erased once delivered and old enough
(``erase_messages``, run with the erasure of booking's personal data, ``booking.store.retention``).
"""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import datetime, timedelta

from sqlalchemy import insert, or_, select, update
from sqlalchemy.engine import Connection

from booking.store.retention import Retention
from kernel.database import Database
from planning.outbox import OutboxMessage
from planning.store.tables import OutboxRow

# Built once and executed with parameters: a batch posts thousands of messages.
_POST = insert(OutboxRow)


def post(conn: Connection, message: OutboxMessage, now: datetime) -> None:
    """Add ``message`` to the outbox inside the caller's transaction."""
    conn.execute(_POST, {**asdict(message), "created_at": now})


def erase_messages(conn: Connection, retention: Retention, now: datetime) -> int:
    """Erase the mobile, e-mail and text of messages past their keeping time; how many. Once
    sent, a message is kept as long as a cancellation; never sent, as long as a visit."""
    cancelled_before = now - timedelta(days=retention.cancelled_days)
    return conn.execute(
        update(OutboxRow)
        .where(
            OutboxRow.phone != "",
            or_(
                OutboxRow.sent_at <= cancelled_before,
                OutboxRow.created_at <= now - timedelta(days=retention.visit_days),
            ),
        )
        .values(phone="", email=None, message="", payload={})
    ).rowcount


class Outbox:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def unsent(self, limit: int = 1000) -> list[OutboxMessage]:
        """The oldest messages not yet delivered."""

        def work(conn: Connection) -> list[OutboxMessage]:
            columns = [getattr(OutboxRow, f.name) for f in fields(OutboxMessage)]
            rows = conn.execute(
                select(*columns).where(OutboxRow.sent_at.is_(None)).order_by(OutboxRow.id).limit(limit)
            )
            return [OutboxMessage(**row._mapping) for row in rows]

        return await self._db.read(work)
