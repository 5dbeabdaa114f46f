"""Optimiser jobs in the database, so that any process can tell how a job started elsewhere is
doing: queued → running (with progress and phase) → done (with its figures) or failed."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from booking.store.database import Database
from booking.store.planning_tables import OptimiserJobRow

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


@dataclass(frozen=True, slots=True)
class Job:
    id: str
    status: str
    requested_by: str
    scope: dict[str, Any]
    progress: float
    phase: str
    result: dict[str, Any] | None
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    updated_at: datetime


_COLUMNS = list(OptimiserJobRow.__table__.c)


class JobStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def create(self, requested_by: str, scope: dict[str, Any], now: datetime) -> Job:
        values = {
            "id": uuid.uuid4().hex,
            "status": QUEUED,
            "requested_by": requested_by,
            "scope": scope,
            "progress": 0.0,
            "phase": "queued",
            "created_at": now,
            "updated_at": now,
        }

        def work(conn: Connection) -> Job:
            return Job(
                **conn.execute(insert(OptimiserJobRow).values(**values).returning(*_COLUMNS)).one()._mapping
            )

        return await self._db.write(work)

    async def get(self, job_id: str) -> Job | None:
        def work(conn: Connection) -> Job | None:
            row = conn.execute(select(*_COLUMNS).where(OptimiserJobRow.id == job_id)).one_or_none()
            return Job(**row._mapping) if row else None

        return await self._db.read(work)

    async def _set(self, job_id: str, **values: Any) -> None:
        await self._db.write(
            lambda conn: conn.execute(
                update(OptimiserJobRow).where(OptimiserJobRow.id == job_id).values(**values)
            )
        )

    async def touch(self, job_id: str, now: datetime) -> None:
        """A heartbeat: the job is alive though its progress did not move."""
        await self._set(job_id, updated_at=now)

    async def start(self, job_id: str, now: datetime) -> None:
        await self._set(job_id, status=RUNNING, started_at=now, updated_at=now, phase="starting")

    async def report(self, job_id: str, progress: float, phase: str, now: datetime) -> None:
        await self._set(job_id, progress=progress, phase=phase, updated_at=now)

    async def finish(self, job_id: str, result: dict[str, Any], now: datetime) -> None:
        await self._set(
            job_id, status=DONE, progress=1.0, phase="done", result=result, finished_at=now, updated_at=now
        )

    async def fail(self, job_id: str, error: str, now: datetime) -> None:
        await self._set(job_id, status=FAILED, phase="failed", error=error, finished_at=now, updated_at=now)
