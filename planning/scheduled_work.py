"""Work done on the clock — the evening reminders, the erasure of personal data, the national
optimiser batches — each due run done once, by one process, however many are running.

Every process ticks (every few seconds); at each tick every job asks its schedule
(``kernel.schedule.DailyAt``) when it last fell due, and when that run is still worth doing
(within the job's grace) the process tries to claim it (``ScheduledRuns.claim``: an ``INSERT`` of
the (job, due instant) row, so one process wins). The winner does the work and records its
outcome. The clock is the app's, so ``MAWID_CLOCK`` moves a demo's or a test's day and its
scheduled work with it.

Why claims and not a leader holding an advisory lock: a claim per run needs no connection held
open for the life of a process, works the same on SQLite and PostgreSQL, takes over a run whose
process died (``stale_after``), and leaves a record of every run and its outcome.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import structlog

from kernel.clock import Clock
from kernel.schedule import DailyAt

log = structlog.get_logger()

#: What a job does at its due instant; it answers a short account of what it did ("posted 12").
Work = Callable[[datetime], Awaitable[str]]


class ScheduledRuns(Protocol):
    async def claim(self, job: str, due_at: datetime, now: datetime) -> bool: ...

    async def finish(self, job: str, due_at: datetime, now: datetime, outcome: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Job:
    name: str
    schedule: DailyAt
    work: Work


@dataclass(frozen=True, slots=True)
class Done:
    job: str
    due_at: datetime
    outcome: str


class ScheduledWork:
    def __init__(self, jobs: Sequence[Job], runs: ScheduledRuns, clock: Clock) -> None:
        names = [job.name for job in jobs]
        if len(set(names)) != len(names):
            raise ValueError(f"two scheduled jobs share a name: {names}")
        self.jobs = tuple(jobs)
        self._runs = runs
        self._clock = clock
        self._failing = False

    async def tick(self) -> list[Done]:
        """Do every run that is due, still worth doing and claimed by this process."""
        done: list[Done] = []
        for job in self.jobs:
            now = self._clock.now()
            due = job.schedule.due_now(now)
            if due is None or not await self._runs.claim(job.name, due, now):
                continue
            try:
                outcome = await job.work(due)
            except Exception:
                # Left claimed and unfinished: once the claim is stale, this or another process
                # tries the run again, as long as it is within the job's grace.
                log.exception("scheduled_work_failed", job=job.name, due_at=due.isoformat())
                continue
            await self._runs.finish(job.name, due, self._clock.now(), outcome)
            log.info("scheduled_work_done", job=job.name, due_at=due.isoformat(), outcome=outcome)
            done.append(Done(job.name, due, outcome))
        return done

    async def run_forever(self, every: float = 5.0) -> None:
        """Tick every ``every`` seconds until cancelled. The database being down is logged once
        when it starts and once when it ends, not at every tick. The first tick waits too, so
        start-up never waits for the database."""
        while True:
            await asyncio.sleep(every)
            try:
                await self.tick()
                if self._failing:
                    log.info("scheduled_work_resumed")
                    self._failing = False
            except Exception as error:
                if not self._failing:
                    log.warning("scheduled_work_waiting", error=type(error).__name__)
                    self._failing = True
