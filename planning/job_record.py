"""An optimiser job as every process reads it, as a value: its status (queued → running → done
or failed), what it does (``mode``), progress and figures. The use cases type against it
(``planning.jobs``, ``planning.ports.Jobs``); the SQL adapter is ``planning.store.jobs``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
LIVE = (QUEUED, RUNNING)
#: What a job does: a ``run`` writes bookings as it goes; a ``preview`` only works out what a run
#: would do and keeps it; an ``apply`` writes what a preview kept.
RUN, PREVIEW, APPLY = "run", "preview", "apply"
#: Reasons a job failed that readers get in both languages (``planning.jobs.FAILURE_REASONS``).
INTERRUPTED, STOPPED = "interrupted", "stopped"
#: Long enough for several missed heartbeats (a busy SQLite writer may hold one back for seconds).
STALE_AFTER = timedelta(seconds=30)


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
    heartbeat_at: datetime | None
    mode: str = RUN
    applies: str | None = None
    """An ``apply`` job's preview."""
    applied_by: str | None = None
    """A preview's ``apply`` job, once one was asked for."""

    @property
    def live(self) -> bool:
        return self.status in LIVE
