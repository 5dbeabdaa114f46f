"""Optimiser jobs in the database, so that any process can tell how a job started elsewhere is
doing: queued → running (with progress and phase) → done (with its figures) or failed.

Whether a job is still alive is the database's call, not a reader's guess: the process running a
job writes ``heartbeat_at`` with the database's own clock, and whichever reader first finds it
older than ``stale_after`` (again by the database's clock) marks the job failed, ``interrupted``,
in one conditional update. Every process then reads the same status, whatever its own clock says.
A job's status only ever moves forward: writes of a process that was presumed dead are ignored.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from kernel.database import Database, database_now, silent_job, update_live_job
from planning.job_record import DONE, FAILED, INTERRUPTED, LIVE, QUEUED, RUN, RUNNING, STALE_AFTER, Job
from planning.jobs import preview_already_applied
from planning.store.tables import OptimiserJobRow

_ROW = [c for c in OptimiserJobRow.__table__.c if c.key != "plan"]  # a preview's plan is read alone
_APPLY = aliased(OptimiserJobRow)
_COLUMNS = [
    *_ROW,
    select(_APPLY.id).where(_APPLY.applies == OptimiserJobRow.id).scalar_subquery().label("applied_by"),
]

__all__ = ["JobStore", "database_now"]


class JobStore:
    def __init__(self, database: Database, stale_after: timedelta = STALE_AFTER) -> None:
        self._db = database
        self.stale_after = stale_after
        """Silence after which a live job counts as interrupted (tests shorten it)."""

    def _now(self) -> ColumnElement[Any]:
        return database_now(self._db.dialect)

    def _silent(self) -> ColumnElement[bool]:
        """The job is live and its process has not been heard from for ``stale_after``."""
        return silent_job(OptimiserJobRow, LIVE, self._db.dialect, self.stale_after)

    async def create(
        self,
        requested_by: str,
        scope: dict[str, Any],
        now: datetime,
        mode: str = RUN,
        applies: str | None = None,
    ) -> Job:
        """A queued job; an ``apply`` job names the preview it ``applies``, which the database
        lets one job do (``preview_already_applied`` for any other, however close behind)."""
        values = {
            "id": uuid.uuid4().hex,
            "status": QUEUED,
            "requested_by": requested_by,
            "scope": scope,
            "progress": 0.0,
            "phase": "queued",
            "created_at": now,
            "updated_at": now,
            "heartbeat_at": self._now(),
            "mode": mode,
            "applies": applies,
        }

        def work(conn: Connection) -> Job:
            return Job(
                **conn.execute(insert(OptimiserJobRow).values(**values).returning(*_ROW)).one()._mapping
            )

        try:
            return await self._db.write(work)
        except IntegrityError:
            if applies is None:
                raise
            raise preview_already_applied() from None

    async def plan(self, job_id: str) -> dict[str, Any] | None:
        """What a finished preview would write (``planning.optimiser_preview``); None for any
        other job."""
        return await self._db.read(
            lambda conn: conn.scalar(select(OptimiserJobRow.plan).where(OptimiserJobRow.id == job_id))
        )

    async def get(self, job_id: str, now: datetime) -> Job | None:
        """The job as every process sees it: first marked ``interrupted`` if its process has gone
        silent (``now``, the reader's clock, only stamps ``finished_at``; the database's clock
        decides). Costs a write only on the read that finds a job silent."""

        def read(conn: Connection) -> tuple[Job, bool] | None:
            columns = [*_COLUMNS, self._silent().label("silent")]
            row = conn.execute(select(*columns).where(OptimiserJobRow.id == job_id)).one_or_none()
            if row is None:
                return None
            fields = dict(row._mapping)
            silent = bool(fields.pop("silent"))
            return Job(**fields), silent

        seen = await self._db.read(read)
        if seen is None or not seen[1]:
            return seen[0] if seen else None
        await self.interrupt_if_silent(job_id, now)
        return await self._db.read(lambda conn: _one(conn, job_id))

    async def interrupt_if_silent(self, job_id: str, now: datetime) -> bool:
        """Mark the job failed (``interrupted``) if it is live and silent for ``stale_after`` by
        the database's clock; one conditional update, so exactly one process does it."""

        def work(conn: Connection) -> bool:
            done = conn.execute(
                update(OptimiserJobRow)
                .where(OptimiserJobRow.id == job_id, self._silent())
                .values(status=FAILED, phase="failed", error=INTERRUPTED, finished_at=now, updated_at=now)
            )
            return done.rowcount == 1

        return await self._db.write(work)

    async def _set(self, job_id: str, **values: Any) -> bool:
        """Update a live job and beat its heart; False when the job is no longer live (finished,
        or presumed dead by another process), which then stays as it is."""

        return await self._db.write(
            lambda conn: update_live_job(conn, OptimiserJobRow, job_id, LIVE, **values)
        )

    async def touch(self, job_id: str, now: datetime) -> bool:
        """A heartbeat: the job is alive though its progress did not move."""
        return await self._set(job_id, updated_at=now)

    async def start(self, job_id: str, now: datetime) -> bool:
        return await self._set(job_id, status=RUNNING, started_at=now, updated_at=now, phase="starting")

    async def report(self, job_id: str, progress: float, phase: str, now: datetime) -> bool:
        return await self._set(job_id, progress=progress, phase=phase, updated_at=now)

    async def finish(
        self, job_id: str, result: dict[str, Any], now: datetime, plan: dict[str, Any] | None = None
    ) -> bool:
        """Done, with its figures (and a preview's ``plan``)."""
        return await self._set(
            job_id,
            status=DONE,
            progress=1.0,
            phase="done",
            result=result,
            plan=plan,
            finished_at=now,
            updated_at=now,
        )

    async def fail(self, job_id: str, error: str, now: datetime) -> bool:
        return await self._set(
            job_id, status=FAILED, phase="failed", error=error, finished_at=now, updated_at=now
        )


def _one(conn: Connection, job_id: str) -> Job | None:
    row = conn.execute(select(*_COLUMNS).where(OptimiserJobRow.id == job_id)).one_or_none()
    return Job(**row._mapping) if row else None
