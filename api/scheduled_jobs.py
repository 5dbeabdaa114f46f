"""The server's clock-driven work, wired from the settings: the reminders of tomorrow's visits at
``MAWID_REMINDER_TIME``, the erasure of personal data at ``MAWID_PURGE_TIME`` and the national
optimiser batch at each of ``MAWID_BATCH_TIMES``, done once per due instant across every process
(``planning.scheduled_work``).

Crash-only like the hall's healing (api/live.py): the ticking runs in the background, never delays
or fails start-up, and while the database is down it waits and says so once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from api.retention_schedule import PersonalDataRetention
from api.settings import Settings
from booking.ports import Offices
from booking.reminders import Reminders
from booking.store.reminders import ReminderStore
from booking.store.retention import Retention
from kernel.clock import Clock
from kernel.database import Database
from kernel.schedule import DailyAt
from planning.batch import JobScope
from planning.jobs import OptimiserJobs
from planning.scheduled_work import Job, ScheduledWork
from planning.store.scheduled_runs import ScheduledRuns

#: Who the audit trail and the job list name as having started a scheduled batch.
SCHEDULER = "scheduler"


def batch_schedule(settings: Settings) -> DailyAt:
    """When the national optimiser batch decides the pending requests (``MAWID_BATCH_TIMES``): the
    schedule the batch runs on, and what the citizen pages say about the next one. A batch is
    still worth running up to two hours late; later, the morning's requests would wait for the
    next one anyway."""
    return DailyAt(settings.batch_times, grace=timedelta(hours=2))


def scheduled_jobs(
    settings: Settings, database: Database, jobs: OptimiserJobs, offices: Offices, clock: Clock
) -> list[Job]:
    reminders = Reminders(offices, ReminderStore(database), clock, settings.site_url)
    retention = PersonalDataRetention(
        database, Retention(settings.retention_visit_days, settings.retention_cancelled_days)
    )

    async def purge(due: datetime) -> str:
        purged = await retention.purge(due)
        return f"erased {purged.bookings} bookings, {purged.requests} requests, {purged.messages} messages"

    async def remind(due: datetime) -> str:
        return f"reminded {await reminders.send(due)} bookings"

    async def batch(due: datetime) -> str:
        job = await jobs.submit(JobScope(), SCHEDULER)
        return f"optimiser job {job.id}"

    return [
        # Reminders sent late are still worth it until the night: not after 23:00 or so.
        Job("reminders", DailyAt((settings.reminder_time,), grace=timedelta(hours=5)), remind),
        # A missed erasure is still worth doing late the same day.
        Job("personal_data_purge", DailyAt((settings.purge_time,), grace=timedelta(hours=20)), purge),
        Job("optimiser_batch", batch_schedule(settings), batch),
    ]


def scheduled_work(
    settings: Settings, database: Database, clock: Clock, jobs: OptimiserJobs, offices: Offices
) -> ScheduledWork:
    """The app's scheduled work on ``clock``, each due run claimed in ``scheduled_runs``; composed
    once (``api.composition``) and run while the app serves."""
    planned = scheduled_jobs(settings, database, jobs, offices, clock)
    return ScheduledWork(planned, ScheduledRuns(database), clock)
