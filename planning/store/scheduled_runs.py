"""Who does a due run of scheduled work: one row per (job, due instant), claimed by an ``INSERT``.

The same pattern as the opening draws (``planning.store.release_draws``): the process whose
insert makes the row does the run; a claim left unfinished for ``stale_after`` (its process died
half-way) may be taken over by one conditional update. Each job's work is idempotent or checks
what it already did, so a run taken over repeats nothing a citizen would notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from kernel.database import Database
from planning.store.tables import ScheduledRunRow


@dataclass(frozen=True, slots=True)
class ScheduledRun:
    job: str
    due_at: datetime
    claimed_at: datetime
    finished_at: datetime | None
    outcome: str


def _claim(conn: Connection, job: str, due_at: datetime, now: datetime, stale_after: timedelta) -> bool:
    try:
        with conn.begin_nested():
            conn.execute(
                insert(ScheduledRunRow).values(
                    job=job, due_at=due_at, claimed_at=now, finished_at=None, outcome=""
                )
            )
        return True
    except IntegrityError:
        pass
    taken = conn.execute(
        update(ScheduledRunRow)
        .where(
            ScheduledRunRow.job == job,
            ScheduledRunRow.due_at == due_at,
            ScheduledRunRow.finished_at.is_(None),
            ScheduledRunRow.claimed_at < now - stale_after,
        )
        .values(claimed_at=now)
    )
    return taken.rowcount == 1


class ScheduledRuns:
    """``planning.ports.ScheduledRuns`` on the database."""

    def __init__(self, database: Database, stale_after: timedelta = timedelta(minutes=15)) -> None:
        self._db = database
        self._stale_after = stale_after

    async def claim(self, job: str, due_at: datetime, now: datetime) -> bool:
        """Whether this process is to do ``job``'s run due at ``due_at``."""
        return await self._db.write(lambda conn: _claim(conn, job, due_at, now, self._stale_after))

    async def finish(self, job: str, due_at: datetime, now: datetime, outcome: str) -> None:
        def work(conn: Connection) -> None:
            conn.execute(
                update(ScheduledRunRow)
                .where(ScheduledRunRow.job == job, ScheduledRunRow.due_at == due_at)
                .values(finished_at=now, outcome=outcome[:200])
            )

        await self._db.write(work)

    async def recent(self, limit: int = 50) -> list[ScheduledRun]:
        """The latest runs, newest first (for operators and tests)."""

        def work(conn: Connection) -> list[ScheduledRun]:
            t = ScheduledRunRow
            rows = conn.execute(
                select(t.job, t.due_at, t.claimed_at, t.finished_at, t.outcome)
                .order_by(t.due_at.desc())
                .limit(limit)
            )
            return [ScheduledRun(**row._mapping) for row in rows]

        return await self._db.read(work)
