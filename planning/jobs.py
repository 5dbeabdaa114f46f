"""Optimiser jobs in the background of the web app.

``submit`` records the job (``queued``) and returns at once; the job runs in a task of this
process, one job at a time (a second waits its turn, ``queued``), its solve in a child process
(`planning.solver_worker`). Progress goes to the job's row, so any process can answer
``GET /manage/jobs/{id}``. The row's heartbeat is written every few seconds while the job lives,
on the database's clock: a job silent for ``STALE_AFTER`` belonged to a process that stopped, and
the first process to read it marks it failed, ``interrupted`` (see `planning.store.jobs`). Its
writes were atomic per request, so whatever it wrote stands and the rest is pending: run it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from datetime import timedelta

import structlog

from kernel.clock import Clock
from kernel.errors import Conflict
from planning.batch import JobScope
from planning.job_record import (
    APPLY,
    DONE,
    FAILED,
    INTERRUPTED,
    PREVIEW,
    QUEUED,
    RUN,
    RUNNING,
    STOPPED,
    Job,
)
from planning.messages import MESSAGES
from planning.optimise import Optimiser, OptimiseRun
from planning.ports import Jobs
from scheduler.solution import ProgressCallback, no_progress

log = structlog.get_logger("mawid.planning")

#: Well inside ``STALE_AFTER`` (30 s): a live job misses several heartbeats before it looks dead.
HEARTBEAT_SECONDS = 5.0

#: Why a job failed, for the reasons readers get in both languages; other failures keep their
#: error text (English, for the operator).
FAILURE_REASONS = {
    INTERRUPTED: MESSAGES.texts("job_failed.interrupted"),
    STOPPED: MESSAGES.texts("job_failed.stopped"),
}


#: How long a preview may be applied: after that the pending requests may well have changed.
PREVIEW_KEEPS = timedelta(minutes=60)


def job_still_running() -> Conflict:
    """A fresh refusal each time (a shared instance would keep every raise's traceback)."""
    return MESSAGES.error(Conflict, "job_still_running")


def preview_already_applied() -> Conflict:
    return MESSAGES.error(Conflict, "preview_already_applied")


def not_a_preview() -> Conflict:
    return MESSAGES.error(Conflict, "not_a_preview")


def preview_stale() -> Conflict:
    return MESSAGES.error(
        Conflict, "preview_stale", indic=True, minutes=int(PREVIEW_KEEPS.total_seconds() // 60)
    )


class JobGivenUp(RuntimeError):
    """The job's row left ``queued`` before its turn came (another process found it silent and
    marked it interrupted): it is not run, so nothing is booked under a failed job."""


class _Reporter:
    """Keeps the job's row current: progress when it changes, a heartbeat when it does not.

    Ended by `stop`, which writes the last progress first. Never by cancelling it mid-wait: on
    Python 3.11 ``asyncio.wait_for`` swallows a cancellation that arrives as the awaited event
    fires, and the loop then ran on for ever while ``run`` waited for it (a job stuck at 1.0)."""

    def __init__(
        self,
        store: Jobs,
        job_id: str,
        clock: Clock,
        interval: float = 0.5,
        heartbeat_seconds: float = HEARTBEAT_SECONDS,
    ) -> None:
        self._store, self._job_id, self._clock, self._interval = store, job_id, clock, interval
        self._heartbeat = heartbeat_seconds
        self._latest: tuple[float, str] | None = None
        self._changed = asyncio.Event()
        self._stopped = asyncio.Event()

    def __call__(self, fraction: float, phase: str) -> None:
        self._latest = (round(fraction, 3), phase)
        self._changed.set()

    def stop(self) -> None:
        """Ask the loop to write what it has and end."""
        self._stopped.set()
        self._changed.set()

    async def loop(self) -> None:
        while True:
            await _wait(self._changed, self._heartbeat)
            self._changed.clear()
            if self._latest is not None:
                await self._store.report(self._job_id, *self._latest, self._clock.now())
            else:
                await self._store.touch(self._job_id, self._clock.now())
            if self._stopped.is_set():
                return
            await _wait(self._stopped, self._interval)  # one write per interval at most


async def _wait(event: asyncio.Event, seconds: float) -> None:
    """Until ``event`` is set or ``seconds`` have passed; a cancellation always propagates."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await event.wait()


class OptimiserJobs:
    def __init__(
        self,
        jobs: Jobs,
        optimiser: Optimiser,
        clock: Clock,
        heartbeat_seconds: float = HEARTBEAT_SECONDS,
        on_finished: Callable[[str, float], None] = lambda outcome, seconds: None,
    ) -> None:
        """``optimiser`` runs each job; ``jobs`` keeps their rows. ``on_finished`` hears each
        job's outcome (``done`` or ``failed``) and the seconds it ran (the app's metrics)."""
        self.store = jobs
        self.optimiser = optimiser
        self._clock = clock
        self._on_finished = on_finished
        self.heartbeat_seconds = heartbeat_seconds
        self._turn = asyncio.Lock()
        self._tasks: set[asyncio.Task[None]] = set()

    async def submit(self, scope: JobScope, requested_by: str, mode: str = RUN) -> Job:
        """Record the job (a ``run``, or a ``preview`` that writes nothing) and start it in the
        background; returns the queued job."""
        job = await self.store.create(requested_by, scope.to_json(), self._clock.now(), mode=mode)
        self._start(job, scope)
        return job

    async def apply(self, preview: Job, requested_by: str) -> Job:
        """Start the job that writes what ``preview`` kept; a preview is applied once, while
        fresh (``PREVIEW_KEEPS``), and only once it is done."""
        if preview.mode != PREVIEW or preview.status != DONE or preview.finished_at is None:
            raise not_a_preview()
        if preview.applied_by is not None:
            raise preview_already_applied()
        if self._clock.now() - preview.finished_at > PREVIEW_KEEPS:
            raise preview_stale()
        scope = JobScope.from_json(preview.scope)
        job = await self.store.create(
            requested_by, preview.scope, self._clock.now(), mode=APPLY, applies=preview.id
        )
        self._start(job, scope)
        return job

    def _start(self, job: Job, scope: JobScope) -> None:
        task = asyncio.create_task(
            self._background(job.id, scope, job.mode, job.applies), name=f"optimiser-job-{job.id}"
        )
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def job(self, job_id: str) -> Job | None:
        """The job as every process sees it (a silent one is marked interrupted first)."""
        return await self.store.get(job_id, self._clock.now())

    async def run(
        self,
        job_id: str,
        scope: JobScope,
        progress: ProgressCallback = no_progress,
        mode: str = RUN,
        applies: str | None = None,
    ) -> OptimiseRun:
        """Run job ``job_id`` now, in this task (the CLI waits for it; the app runs it in the
        background): a run, a preview, or the application of preview ``applies``. Marks the row
        running, then done (a preview with its plan) or failed; ``progress`` hears what the row
        hears (the CLI draws its bar with it)."""
        reporter = _Reporter(self.store, job_id, self._clock, heartbeat_seconds=self.heartbeat_seconds)
        heartbeat = asyncio.create_task(reporter.loop(), name=f"optimiser-heartbeat-{job_id}")

        def report(fraction: float, phase: str) -> None:
            reporter(fraction, phase)
            progress(fraction, phase)

        try:
            async with self._turn:
                if not await self.store.start(job_id, self._clock.now()):
                    raise JobGivenUp(f"job {job_id} was marked failed while it waited; run it again")
                started = time.monotonic()
                try:
                    run = await self._do(job_id, scope, report, mode, applies)
                except BaseException:
                    self._on_finished(FAILED, time.monotonic() - started)
                    raise
                self._on_finished(DONE, time.monotonic() - started)
        except BaseException as error:
            reporter.stop()
            with contextlib.suppress(asyncio.CancelledError):  # `error` is raised again below
                await asyncio.shield(heartbeat)
            await asyncio.shield(self.store.fail(job_id, _describe(error), self._clock.now()))
            raise
        reporter.stop()
        await heartbeat
        if not await self.store.finish(job_id, run.result, self._clock.now(), plan=run.plan):
            log.warning("optimiser_job_finished_after_interrupted", job_id=job_id)
        return run

    async def _do(
        self, job_id: str, scope: JobScope, progress: ProgressCallback, mode: str, applies: str | None
    ) -> OptimiseRun:
        if mode == PREVIEW:
            return await self.optimiser.preview(job_id, scope, progress)
        if mode == APPLY:
            plan = await self.store.plan(applies) if applies else None
            if plan is None:
                raise JobGivenUp(f"job {job_id} applies {applies}, which kept no plan")
            return await self.optimiser.apply(job_id, scope, plan, progress)
        return await self.optimiser.run(job_id, scope, progress)

    async def _background(self, job_id: str, scope: JobScope, mode: str, applies: str | None) -> None:
        try:
            await self.run(job_id, scope, mode=mode, applies=applies)
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


def scope_to_rerun(job: Job) -> JobScope:
    """The scope of a finished or failed job, for a new job over it; a live job is refused (two
    jobs over the same requests would only queue behind each other)."""
    if job.live:
        raise job_still_running()
    return JobScope.from_json(job.scope)


def mode_to_rerun(job: Job) -> str:
    """A preview runs again as a preview; any other job (an application too) as a run over the
    same offices and days."""
    return PREVIEW if job.mode == PREVIEW else RUN


def failure_reason(job: Job) -> tuple[str, str, str | None] | None:
    """Why a failed job failed: (reason, English, Arabic or None), None unless it failed."""
    if job.status != FAILED:
        return None
    if job.error in FAILURE_REASONS:
        return job.error, *FAILURE_REASONS[job.error]
    return "error", job.error or "", None


def _describe(error: BaseException) -> str:
    if isinstance(error, asyncio.CancelledError):
        return STOPPED
    return f"{type(error).__name__}: {error}"[:2000]


__all__ = [
    "APPLY",
    "DONE",
    "FAILED",
    "PREVIEW",
    "QUEUED",
    "RUN",
    "RUNNING",
    "OptimiserJobs",
    "failure_reason",
    "job_still_running",
    "mode_to_rerun",
    "not_a_preview",
    "preview_already_applied",
    "preview_stale",
    "scope_to_rerun",
]
