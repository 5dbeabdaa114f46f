"""Ticket numbers, decided by the database: one row per office and day, advanced by one
statement, so two kiosks in two processes never get the same number, and a live queue store that
lost its keys (a Redis restarted empty) cannot start the day's numbering again at 1.

The live store only files the ticket under the number it is given. A number drawn for a ticket
that then failed to be issued (Redis down at that instant) is skipped, never handed out again.
"""

from __future__ import annotations

from datetime import date
from functools import cache, partial
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from booking.store.sql import upsert
from kernel.database import Database
from queue_display.archive.tables import TicketNumberRow, TicketRow


@cache
def _advance(dialect: str) -> Any:
    """Insert the day's first number, or add one to the last; the number comes back from the
    same statement."""
    statement = upsert(dialect, TicketNumberRow)
    return statement.on_conflict_do_update(
        index_elements=["office_id", "day"], set_={"last": TicketNumberRow.last + 1}
    ).returning(TicketNumberRow.last)


def _next(conn: Connection, office_id: str, day: date) -> int:
    # A day that began before this table existed continues after its archived tickets.
    archived = conn.execute(
        select(func.coalesce(func.max(TicketRow.sequence), 0)).where(
            TicketRow.office_id == office_id, TicketRow.day == day
        )
    ).scalar_one()
    row = {"office_id": office_id, "day": day, "last": archived + 1}
    return int(conn.execute(_advance(conn.dialect.name), row).scalar_one())


class TicketNumbers:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def next(self, office_id: str, day: date) -> int:
        """The office's next ticket sequence for ``day`` (1, 2, 3 …), never given before."""
        return await self._db.write(partial(_next, office_id=office_id, day=day))
