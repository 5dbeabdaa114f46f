"""Finished documents waiting for collection (``booking.collection``), in ``document_readiness``.

Marking a document ready and posting its SMS are one transaction: the row and the message are
both kept, or neither. A document marked ready twice (a double click, a list imported again) is
one row and one SMS: the unique constraint on (office, identity, document) decides, not a read.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from functools import partial

from sqlalchemy.engine import Connection

from booking.collection import ReadyDocument
from booking.store.sql import upsert
from booking.store.tables import DocumentReadinessRow
from kernel.database import Database
from messaging.outbox import OutboxMessage
from messaging.store.outbox import post


def _mark(conn: Connection, ready: ReadyDocument, message: OutboxMessage, now: datetime) -> bool:
    inserted = conn.execute(
        upsert(conn.dialect.name, DocumentReadinessRow)
        .values(**asdict(ready))
        .on_conflict_do_nothing(index_elements=["office_id", "identity_hash", "document"])
        .returning(DocumentReadinessRow.id)
    ).first()
    if inserted is None:
        return False
    post(conn, message, now)
    return True


class ReadinessStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def mark(self, ready: ReadyDocument, message: OutboxMessage, now: datetime) -> bool:
        """Keep ``ready`` and post ``message`` (its SMS); False, and nothing sent, when the same
        document was already marked ready for the same identity at the same office."""
        return await self._db.write(partial(_mark, ready=ready, message=message, now=now))
