"""Clock-driven work on the real database: each due run claimed by one process only, a stale
claim taken over, and the nightly batch deciding the pending requests at MAWID_BATCH_TIMES."""

from __future__ import annotations

import asyncio
from datetime import time, timedelta

import pytest

from api.planning_wiring import optimiser_jobs_on
from api.scheduled_jobs import SCHEDULER, scheduled_jobs
from booking.store.offices import OfficeDirectory, OfficeStore
from kernel.clock import FixedClock
from kernel.database import Database
from planning.scheduled_work import ScheduledWork
from planning.solver_worker import WorkerSolver
from planning.store.scheduled_runs import ScheduledRuns
from tests.integration.planning.conftest import ask, status_of
from tests.unit.kernel.test_schedule import cairo

DUE = cairo("2026-12-06T18:00")


async def test_of_many_claims_on_one_due_run_exactly_one_wins(database_url):
    database = Database(database_url)
    try:
        runs = ScheduledRuns(database)
        now = DUE + timedelta(seconds=3)
        won = await asyncio.gather(*(runs.claim("reminders", DUE, now) for _ in range(8)))
        assert won.count(True) == 1
        assert await runs.claim("reminders", DUE + timedelta(days=1), now)  # another run
        assert await runs.claim("purge", DUE, now)  # another job
    finally:
        await database.dispose()


async def test_an_unfinished_claim_is_taken_over_once_stale_and_a_finished_one_never(database_url):
    database = Database(database_url)
    try:
        runs = ScheduledRuns(database, stale_after=timedelta(minutes=15))
        assert await runs.claim("reminders", DUE, DUE)
        assert not await runs.claim("reminders", DUE, DUE + timedelta(minutes=14))
        assert await runs.claim("reminders", DUE, DUE + timedelta(minutes=16))
        await runs.finish("reminders", DUE, DUE + timedelta(minutes=17), "posted 3")
        assert not await runs.claim("reminders", DUE, DUE + timedelta(hours=2))
        [run] = await runs.recent()
        assert (run.job, run.due_at, run.outcome) == ("reminders", DUE, "posted 3")
        assert run.finished_at == DUE + timedelta(minutes=17)
    finally:
        await database.dispose()


# SQLite only for the same reason as tests/integration/planning/test_interrupted_jobs.py: the job
# runner runs on this test's loop beside the app's; the claims are tested on both databases above.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_nightly_batch_decides_pending_requests_once(client, settings):
    request_id, number = await ask(client)
    clock = FixedClock(cairo("2026-12-06T02:10"))
    night = settings.__class__(**{**settings.__dict__, "batch_times": (time(2, 0),)})
    database = Database(settings.effective_database_url)
    directory = OfficeDirectory(OfficeStore(database), clock)
    jobs = optimiser_jobs_on(database, directory, clock, WorkerSolver())
    try:
        processes = [
            ScheduledWork(
                scheduled_jobs(night, database, jobs, directory, clock), ScheduledRuns(database), clock
            )
            for _ in range(2)
        ]
        done = [d for ticks in await asyncio.gather(*(p.tick() for p in processes)) for d in ticks]
        batches = [d for d in done if d.job == "optimiser_batch"]
        assert [b.due_at for b in batches] == [cairo("2026-12-06T02:00")]
        job_id = batches[0].outcome.removeprefix("optimiser job ")
        for _ in range(300):
            job = await jobs.job(job_id)
            assert job is not None
            if job.status in ("done", "failed"):
                break
            await asyncio.sleep(0.1)
        assert (job.status, job.requested_by) == ("done", SCHEDULER), job
        assert [d.job for d in done] == ["optimiser_batch"]  # yesterday's 03:30 erasure: past its grace
    finally:
        await jobs.close()
        await database.dispose()
    assert (await status_of(client, request_id, number))["status"] == "assigned"
