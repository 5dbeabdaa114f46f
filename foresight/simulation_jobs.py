"""Simulated office days as jobs: a manager asks, the server answers at once (``queued``), the
simulation runs in a child process (``foresight.simulation_worker``) and any server process can
say how it is doing, because the job lives in the database (``foresight.store.simulation_jobs``).

A job's row is kept current while it lives: its progress when it moves, a heartbeat when it does
not. A job whose process stopped (a restart, a crash) goes silent, and the first reader to find
it silent for ``STALE_AFTER`` reports it failed, ``interrupted``, in every process alike, as the
optimiser's jobs do (``planning.store.jobs``).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol

import structlog

from booking.calendar import to_local
from foresight.erlang import DEFAULT_TARGET, DEFAULT_WITHIN_MINUTES
from foresight.office_day import OfficeDay
from foresight.what_if import Change, simulated_day
from kernel.clock import Clock

log = structlog.get_logger("mawid.foresight")

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
LIVE = (QUEUED, RUNNING)
INTERRUPTED, STOPPED = "interrupted", "stopped"
"""Why a job failed when its process went (``interrupted``) or was shut down (``stopped``);
other failures keep their error text, for the operator."""
STALE_AFTER = timedelta(seconds=30)
"""Long enough for several missed heartbeats (a busy SQLite writer may hold one back)."""

HEARTBEAT_SECONDS = 5.0
"""Well inside ``STALE_AFTER``: a live job misses several heartbeats before it looks dead."""


@dataclass(frozen=True, slots=True)
class DaySimulation:
    """What a job computes: ``day`` as planned, beside the walk-in-only hall and, with
    ``changes``, the what-if (``foresight.what_if.simulated_day``). Sent whole to the child
    process, so it is plain data."""

    day: OfficeDay
    changes: tuple[Change, ...]
    tz: str
    replications: int
    seed: int = 0
    service_level: tuple[float, float] = (DEFAULT_TARGET, DEFAULT_WITHIN_MINUTES)
    """The staffing advice's target: this share called within these minutes."""
    inputs: Mapping[str, Any] = field(default_factory=dict)
    """Where the day's inputs came from (``foresight.day_plan.DayInputs.as_json``), shown with
    the figures."""

    def __call__(self, progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
        answer = simulated_day(
            self.day, self.changes, self.tz, self.replications, self.seed, progress, self.service_level
        )
        answer["inputs"] = dict(self.inputs)
        return answer

    @property
    def local_day(self) -> date:
        """The day simulated, as the office's calendar names it."""
        return to_local(self.day.opens, self.tz).date()

    def request(self) -> dict[str, Any]:
        """What was asked, as the job keeps and shows it."""
        return {
            "changes": [change.to_json() for change in self.changes],
            "replications": self.replications,
            "seed": self.seed,
        }


@dataclass(frozen=True, slots=True)
class SimulationJob:
    id: str
    office_id: str
    day: date
    status: str
    requested_by: str
    request: dict[str, Any]
    progress: float
    result: dict[str, Any] | None
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @property
    def live(self) -> bool:
        return self.status in LIVE


class SimulationJobStore(Protocol):
    async def create(
        self, office_id: str, day: date, requested_by: str, request: dict[str, Any], now: datetime
    ) -> SimulationJob: ...

    async def get(self, job_id: str, now: datetime) -> SimulationJob | None:
        """The job as every process sees it: a live job silent too long is first marked failed."""
        ...

    async def live_count(self, requested_by: str) -> int: ...

    async def start(self, job_id: str, now: datetime) -> bool: ...

    async def report(self, job_id: str, progress: float, now: datetime) -> bool:
        """Progress and a heartbeat; False once the job is no longer live."""
        ...

    async def finish(self, job_id: str, result: dict[str, Any], now: datetime) -> bool: ...

    async def fail(self, job_id: str, error: str, now: datetime) -> bool: ...


class Simulator(Protocol):
    async def run(
        self,
        job_id: str,
        work: DaySimulation,
        started: Callable[[], None],
        progress: Callable[[float], None],
    ) -> dict[str, Any]:
        """``work``'s answer; tells ``started()`` when it begins (it may wait its turn) and
        ``progress(fraction)`` as it goes."""
        ...

    def stop(self) -> None:
        """Cut every simulation short (the app is shutting down)."""
        ...


class _State:
    def __init__(self) -> None:
        self.started = False
        self.progress = 0.0


class SimulationJobs:
    def __init__(
        self,
        store: SimulationJobStore,
        simulator: Simulator,
        clock: Clock,
        heartbeat_seconds: float = HEARTBEAT_SECONDS,
        report_seconds: float = 0.5,
    ) -> None:
        self.store, self.simulator, self._clock = store, simulator, clock
        self.heartbeat_seconds, self._report_seconds = heartbeat_seconds, report_seconds
        self._tasks: set[asyncio.Task[None]] = set()

    async def submit(self, office_id: str, work: DaySimulation, requested_by: str) -> SimulationJob:
        """Record the job (``queued``) and run it in the background; returns the queued job."""
        job = await self.store.create(
            office_id, work.local_day, requested_by, work.request(), self._clock.now()
        )
        task = asyncio.create_task(self._background(job.id, work), name=f"simulation-job-{job.id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    async def job(self, job_id: str) -> SimulationJob | None:
        return await self.store.get(job_id, self._clock.now())

    async def live_count(self, requested_by: str) -> int:
        return await self.store.live_count(requested_by)

    async def run(self, job_id: str, work: DaySimulation) -> dict[str, Any]:
        """Run job ``job_id`` now, in this task, keeping its row current; the row ends done with
        the figures, or failed with why."""
        state = _State()

        def started() -> None:
            state.started = True

        def progress(fraction: float) -> None:
            state.progress = round(fraction, 3)

        running = asyncio.create_task(self.simulator.run(job_id, work, started, progress))
        try:
            await self._follow(job_id, running, state)
            result = running.result()
        except BaseException as error:
            running.cancel()
            reason = (
                STOPPED if isinstance(error, asyncio.CancelledError) else f"{type(error).__name__}: {error}"
            )
            await asyncio.shield(self.store.fail(job_id, reason[:2000], self._clock.now()))
            raise
        if not await self.store.finish(job_id, result, self._clock.now()):
            log.warning("simulation_job_finished_after_interrupted", job_id=job_id)
        return result

    async def _follow(self, job_id: str, running: asyncio.Task[dict[str, Any]], state: _State) -> None:
        """Until ``running`` ends: mark the row running once it starts, write progress when it
        moves (at most every ``report_seconds``), a heartbeat otherwise."""
        marked, written, beat = False, -1.0, time.monotonic()
        while not running.done():
            await asyncio.wait({running}, timeout=self._report_seconds)
            now = self._clock.now()
            if state.started and not marked:
                marked = await self.store.start(job_id, now)
            if state.progress != written or time.monotonic() - beat >= self.heartbeat_seconds:
                await self.store.report(job_id, state.progress, now)
                written, beat = state.progress, time.monotonic()

    async def _background(self, job_id: str, work: DaySimulation) -> None:
        started = time.monotonic()
        try:
            await self.run(job_id, work)
            log.info("simulation_job_done", job_id=job_id, seconds=round(time.monotonic() - started, 2))
        except asyncio.CancelledError:
            pass
        except Exception:  # recorded on the job's row; the log keeps the trace for operators
            log.exception("simulation_job_failed", job_id=job_id)

    async def close(self) -> None:
        """Stop this process's jobs (shutdown); their rows end failed, ``stopped``."""
        for task in list(self._tasks):
            task.cancel()
        with contextlib.suppress(Exception):
            await asyncio.gather(*self._tasks, return_exceptions=True)
        self.simulator.stop()
