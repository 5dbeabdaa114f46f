"""Optimiser jobs in the background of the web app.

``submit`` records the job (``queued``) and returns at once; the job runs in a task of this
process, one job at a time (a second waits its turn, ``queued``), its solve in a child process
(`planning.solver_worker`). Progress goes to the job's row, so any process can answer
``GET /manage/jobs/{id}``. The row is also touched every few seconds while the job lives: a job
whose row has not moved for ``STALE_AFTER`` belonged to a process that stopped, and is shown as
failed (its writes were atomic per request, so whatever it wrote stands and the rest is pending).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import datetime, timedelta

import structlog

from booking.clock import Clock
from booking.store.database import Database
from booking.store.jobs import DONE, FAILED, QUEUED, RUNNING, Job, JobStore
from booking.store.offices import OfficeDirectory
from planning.batch import JobScope
from planning.optimise import Optimiser, OptimiseRun
from planning.solver_worker import WorkerSolver
from scheduler.solution import ProgressCallback, no_progress

log = structlog.get_logger("mawid.planning")

HEARTBEAT_SECONDS = 5.0
STALE_AFTER = timedelta(minutes=2)


def shown_status(job: Job, now: datetime) -> tuple[str, str | None]:
    """The job's status and error as a reader should see them (a silent job has died)."""
    if job.status in (QUEUED, RUNNING) and now - job.updated_at > STALE_AFTER:
        return FAILED, "interrupted: the process running this job stopped; run the optimiser again"
    return job.status, job.error


class _Reporter:
    """Keeps the job's row current: progress when it changes, a heartbeat when it does not."""

    def __init__(self, store: JobStore, job_id: str, clock: Clock, interval: float = 0.5) -> None:
        self._store, self._job_id, self._clock, self._interval = store, job_id, clock, interval
        self._latest: tuple[float, str] | None = None
        self._changed = asyncio.Event()

    def __call__(self, fraction: float, phase: str) -> None:
        self._latest = (round(fraction, 3), phase)
        self._changed.set()

    async def loop(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), HEARTBEAT_SECONDS)
            self._changed.clear()
            if self._latest is not None:
                await self._store.report(self._job_id, *self._latest, self._clock.now())
            else:
                await self._store.touch(self._job_id, self._clock.now())
            await asyncio.sleep(self._interval)


class OptimiserJobs:
    def __init__(
        self,
        database: Database,
        directory: OfficeDirectory,
        clock: Clock,
        solver: WorkerSolver,
        on_change: Callable[[str, str], None] = lambda office_id, service: None,
    ) -> None:
        self.store = JobStore(database)
        self.optimiser = Optimiser(database, directory, clock, solver, on_change)
        self._clock = clock
        self._turn = asyncio.Lock()
        self._tasks: set[asyncio.Task[None]] = set()

    async def submit(self, scope: JobScope, requested_by: str) -> Job:
        """Record the job and start it in the background; returns the queued job."""
        job = await self.store.create(requested_by, scope.to_json(), self._clock.now())
        task = asyncio.create_task(self._background(job.id, scope), name=f"optimiser-job-{job.id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    async def run(
        self, job_id: str, scope: JobScope, progress: ProgressCallback = no_progress
    ) -> OptimiseRun:
        """Run job ``job_id`` now, in this task (the CLI waits for it; the app runs it in the
        background). Marks the row running, then done or failed; ``progress`` hears what the
        row hears (the CLI draws its bar with it)."""
        reporter = _Reporter(self.store, job_id, self._clock)
        heartbeat = asyncio.create_task(reporter.loop())

        def report(fraction: float, phase: str) -> None:
            reporter(fraction, phase)
            progress(fraction, phase)

        async def quiet() -> None:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat

        try:
            async with self._turn:
                await self.store.start(job_id, self._clock.now())
                run = await self.optimiser.run(job_id, scope, report)
        except BaseException as error:
            await quiet()
            await asyncio.shield(self.store.fail(job_id, _describe(error), self._clock.now()))
            raise
        await quiet()
        await self.store.finish(job_id, run.result, self._clock.now())
        return run

    async def _background(self, job_id: str, scope: JobScope) -> None:
        try:
            await self.run(job_id, scope)
        except asyncio.CancelledError:
            pass
        except Exception:  # recorded on the job's row; the log keeps the trace for operators
            log.exception("optimiser_job_failed", job_id=job_id)

    async def close(self) -> None:
        """Stop the jobs of this process (shutdown); their rows end failed."""
        self.optimiser.solver.stop()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


def _describe(error: BaseException) -> str:
    if isinstance(error, asyncio.CancelledError):
        return "stopped: the server shut down during the job; run the optimiser again"
    return f"{type(error).__name__}: {error}"[:2000]


__all__ = ["DONE", "FAILED", "QUEUED", "RUNNING", "OptimiserJobs", "shown_status"]
