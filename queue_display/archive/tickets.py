"""The queue's history in the database: what must outlive a restart of the live queue store.

The live queue (memory or Redis) decides; this archive only remembers. Each step of a ticket is
written as the ticket's row as it now stands, plus one line of audit in ``ticket_steps``. Rows
are plain mappings of column values so this module knows nothing of the queue's classes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, tzinfo
from functools import cache, partial
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from booking.store.sql import upsert
from kernel.database import Database
from queue_display.archive.rows import ticket_from_row
from queue_display.archive.tables import TicketRow, TicketStepRow
from queue_display.ticket import Ticket

_TICKET_COLUMNS = [c.name for c in TicketRow.__table__.c]


@cache
def _ticket_upsert(dialect: str) -> Any:
    """Insert the row, or move it forward: a step archived late never overwrites a later one."""
    statement = upsert(dialect, TicketRow)
    return statement.on_conflict_do_update(
        index_elements=["id"],
        set_={name: statement.excluded[name] for name in _TICKET_COLUMNS if name != "id"},
        where=TicketRow.progress < statement.excluded.progress,
    )


def _record(
    conn: Connection, tickets: Sequence[Mapping[str, Any]], steps: Sequence[Mapping[str, Any]]
) -> None:
    for row in tickets:
        conn.execute(_ticket_upsert(conn.dialect.name), dict(row))
    if steps:
        conn.execute(insert(TicketStepRow), [dict(step) for step in steps])


def _of_day(conn: Connection, office_id: str, day: date) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(*TicketRow.__table__.c)
        .where(TicketRow.office_id == office_id, TicketRow.day == day)
        .order_by(TicketRow.sequence, TicketRow.issued_at)
    )
    return [dict(row._mapping) for row in rows]


def _numbered(conn: Connection, office_id: str, day: date, number: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(*TicketRow.__table__.c)
        .where(TicketRow.office_id == office_id, TicketRow.day == day, TicketRow.number == number)
        .order_by(TicketRow.issued_at)
    )
    return [dict(row._mapping) for row in rows]


def _office_of(conn: Connection, ticket_id: str) -> str | None:
    found: str | None = conn.execute(select(TicketRow.office_id).where(TicketRow.id == ticket_id)).scalar()
    return found


def _parked_before(conn: Connection, cutoff: datetime) -> list[tuple[str, str]]:
    rows = conn.execute(
        select(TicketRow.office_id, TicketRow.id).where(
            TicketRow.status == "parked", TicketRow.parked_at < cutoff
        )
    )
    return [(row.office_id, row.id) for row in rows]


def _steps(conn: Connection, ticket_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(*TicketStepRow.__table__.c)
        .where(TicketStepRow.ticket_id == ticket_id)
        .order_by(TicketStepRow.id)
    )
    return [dict(row._mapping) for row in rows]


class TicketArchive:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def record(self, tickets: Sequence[Mapping[str, Any]], steps: Sequence[Mapping[str, Any]]) -> None:
        """Write the tickets as they now stand and their steps, in one transaction."""
        await self._db.write(partial(_record, tickets=tickets, steps=steps))

    async def of_day(self, office_id: str, day: date) -> list[dict[str, Any]]:
        """Every ticket of an office's day, in issue order (statistics, and tests)."""
        return await self._db.read(partial(_of_day, office_id=office_id, day=day))

    async def numbered(self, office_id: str, day: date, number: str, timezone: tzinfo) -> list[Ticket]:
        """The tickets of an office's day that carry the printed ``number``, in issue order: the
        one printed, then those a transfer made of it (they keep the number)."""
        rows = await self._db.read(partial(_numbered, office_id=office_id, day=day, number=number))
        return [ticket_from_row(row, timezone) for row in rows]

    async def office_of(self, ticket_id: str) -> str | None:
        """The office whose queue holds ``ticket_id``, or None for a ticket never archived."""
        return await self._db.read(partial(_office_of, ticket_id=ticket_id))

    async def parked_before(self, cutoff: datetime) -> list[tuple[str, str]]:
        """``(office_id, ticket_id)`` of the tickets parked before ``cutoff`` and still parked."""
        return await self._db.read(partial(_parked_before, cutoff=cutoff))

    async def steps(self, ticket_id: str) -> list[dict[str, Any]]:
        return await self._db.read(partial(_steps, ticket_id=ticket_id))
