"""Counters opened, paused and closed, in the database: who did it and when, and so each
counter's last state, which the live queue takes up again after a restart.

Like the ticket archive it only remembers (the live queue decides), and rows are plain mappings
of column values so this module knows nothing of the queue's classes.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from kernel.database import Database
from queue_display.archive.tables import CounterStepRow

_COLUMNS = CounterStepRow.__table__.c


def _record(conn: Connection, row: Mapping[str, Any]) -> None:
    conn.execute(insert(CounterStepRow), dict(row))


def _last_states(conn: Connection, office_id: str) -> list[dict[str, Any]]:
    newest = (
        select(func.max(CounterStepRow.id))
        .where(CounterStepRow.office_id == office_id)
        .group_by(CounterStepRow.counter)
    )
    rows = conn.execute(
        select(*_COLUMNS).where(CounterStepRow.id.in_(newest)).order_by(CounterStepRow.counter)
    )
    return [dict(row._mapping) for row in rows]


def _history(conn: Connection, office_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(*_COLUMNS).where(CounterStepRow.office_id == office_id).order_by(CounterStepRow.id)
    )
    return [dict(row._mapping) for row in rows]


class CounterArchive:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def record(self, row: Mapping[str, Any]) -> None:
        """One step: ``office_id``, ``counter`` (its label), ``status``, ``services``, ``staff``, ``at``."""
        await self._db.write(partial(_record, row=row))

    async def last_states(self, office_id: str) -> list[dict[str, Any]]:
        """Each counter's newest step: how the floor last had it."""
        return await self._db.read(partial(_last_states, office_id=office_id))

    async def history(self, office_id: str) -> list[dict[str, Any]]:
        """Every step of the office's counters, oldest first (audit, and tests)."""
        return await self._db.read(partial(_history, office_id=office_id))
