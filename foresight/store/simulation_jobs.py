"""Simulation jobs in the database (``foresight.simulation_jobs.SimulationJobStore``).

Liveness is the database's call, as for the optimiser's jobs (``planning.store.jobs``): the
process running a job writes ``heartbeat_at`` on the database's clock, and the first reader to
find a live job silent for ``stale_after`` marks it failed, ``interrupted``, in one conditional
update. A job's status only moves forward: late writes of a process presumed dead are ignored.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, insert, select, update
from sqlalchemy.engine import Connection

from foresight.simulation_jobs import (
    DONE,
    FAILED,
    INTERRUPTED,
    LIVE,
    QUEUED,
    RUNNING,
    STALE_AFTER,
    SimulationJob,
)
from foresight.store.tables import SimulationJobRow
from kernel.database import Database, database_now, silent_job, update_live_job

_Row = SimulationJobRow
_COLUMNS = [c for c in _Row.__table__.c if c.key != "heartbeat_at"]


class SimulationJobSql:
    def __init__(self, database: Database, stale_after: timedelta = STALE_AFTER) -> None:
        self._db = database
        self.stale_after = stale_after
        """Silence after which a live job counts as interrupted (tests shorten it)."""

    def _now(self) -> ColumnElement[Any]:
        return database_now(self._db.dialect)

    def _silent(self) -> ColumnElement[bool]:
        return silent_job(_Row, LIVE, self._db.dialect, self.stale_after)

    async def create(
        self, office_id: str, day: date, requested_by: str, request: dict[str, Any], now: datetime
    ) -> SimulationJob:
        values = {
            "id": uuid.uuid4().hex,
            "office_id": office_id,
            "day": day,
            "status": QUEUED,
            "requested_by": requested_by,
            "request": request,
            "progress": 0.0,
            "created_at": now,
            "heartbeat_at": self._now(),
        }

        def work(conn: Connection) -> SimulationJob:
            row = conn.execute(insert(_Row).values(**values).returning(*_COLUMNS)).one()
            return SimulationJob(**row._mapping)

        return await self._db.write(work)

    async def get(self, job_id: str, now: datetime) -> SimulationJob | None:
        def read(conn: Connection) -> tuple[SimulationJob, bool] | None:
            row = conn.execute(
                select(*_COLUMNS, self._silent().label("silent")).where(_Row.id == job_id)
            ).one_or_none()
            if row is None:
                return None
            fields = dict(row._mapping)
            silent = bool(fields.pop("silent"))
            return SimulationJob(**fields), silent

        seen = await self._db.read(read)
        if seen is None or not seen[1]:
            return seen[0] if seen else None

        def interrupt(conn: Connection) -> None:
            conn.execute(
                update(_Row)
                .where(_Row.id == job_id, self._silent())
                .values(status=FAILED, error=INTERRUPTED, finished_at=now)
            )

        await self._db.write(interrupt)
        return await self._db.read(
            lambda conn: SimulationJob(
                **conn.execute(select(*_COLUMNS).where(_Row.id == job_id)).one()._mapping
            )
        )

    async def live_count(self, requested_by: str) -> int:
        """The jobs of ``requested_by`` still queued or running (silent ones not counted)."""
        count = (
            select(func.count())
            .select_from(_Row)
            .where(_Row.requested_by == requested_by, _Row.status.in_(LIVE), ~self._silent())
        )
        return int(await self._db.read(lambda conn: conn.scalar(count) or 0))

    async def _set(self, job_id: str, **values: Any) -> bool:
        return await self._db.write(lambda conn: update_live_job(conn, _Row, job_id, LIVE, **values))

    async def start(self, job_id: str, now: datetime) -> bool:
        return await self._set(job_id, status=RUNNING, started_at=now)

    async def report(self, job_id: str, progress: float, now: datetime) -> bool:
        return await self._set(job_id, progress=progress)

    async def finish(self, job_id: str, result: dict[str, Any], now: datetime) -> bool:
        return await self._set(job_id, status=DONE, progress=1.0, result=result, finished_at=now)

    async def fail(self, job_id: str, error: str, now: datetime) -> bool:
        return await self._set(job_id, status=FAILED, error=error, finished_at=now)
