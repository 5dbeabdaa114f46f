"""Scheduled work: each due run done once however many processes tick, a failed run tried again
once its claim is stale, nothing done outside a job's grace."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

import pytest

from kernel.clock import FixedClock
from kernel.schedule import DailyAt
from planning.scheduled_work import Job, ScheduledWork
from tests.unit.kernel.test_schedule import cairo


@dataclass
class FakeRuns:
    """``planning.scheduled_work.ScheduledRuns`` in memory: the first claim of a (job, due) wins;
    an unfinished claim older than ``stale_after`` may be taken over."""

    stale_after: timedelta = timedelta(minutes=15)
    rows: dict[tuple[str, datetime], tuple[datetime, datetime | None, str]] = field(default_factory=dict)

    async def claim(self, job: str, due_at: datetime, now: datetime) -> bool:
        row = self.rows.get((job, due_at))
        if row is not None and (row[1] is not None or now - row[0] < self.stale_after):
            return False
        self.rows[(job, due_at)] = (now, None, "")
        return True

    async def finish(self, job: str, due_at: datetime, now: datetime, outcome: str) -> None:
        claimed, _, _ = self.rows[(job, due_at)]
        self.rows[(job, due_at)] = (claimed, now, outcome)


def counting_job(name: str, at: str, calls: list[datetime], grace: timedelta = timedelta(hours=3)) -> Job:
    async def work(due: datetime) -> str:
        calls.append(due)
        return f"call {len(calls)}"

    return Job(name, DailyAt((time.fromisoformat(at),), grace=grace), work)


async def test_a_due_run_is_done_once_by_one_of_many_processes() -> None:
    runs, calls, clock = FakeRuns(), [], FixedClock(cairo("2026-12-06T18:00:05"))
    processes = [ScheduledWork([counting_job("reminders", "18:00", calls)], runs, clock) for _ in range(5)]
    await asyncio.gather(*(p.tick() for p in processes))
    await asyncio.gather(*(p.tick() for p in processes))
    assert calls == [cairo("2026-12-06T18:00")]
    assert runs.rows[("reminders", cairo("2026-12-06T18:00"))][2] == "call 1"


async def test_the_next_day_is_a_new_run() -> None:
    runs, calls, clock = FakeRuns(), [], FixedClock(cairo("2026-12-06T18:00:05"))
    work = ScheduledWork([counting_job("reminders", "18:00", calls)], runs, clock)
    await work.tick()
    clock.advance(timedelta(days=1))
    await work.tick()
    assert calls == [cairo("2026-12-06T18:00"), cairo("2026-12-07T18:00")]


async def test_a_process_started_late_does_the_run_it_missed_within_the_grace_only() -> None:
    calls: list[datetime] = []
    late = ScheduledWork(
        [counting_job("reminders", "18:00", calls)], FakeRuns(), FixedClock(cairo("2026-12-06T20:30"))
    )
    too_late = ScheduledWork(
        [counting_job("reminders", "18:00", calls)], FakeRuns(), FixedClock(cairo("2026-12-06T21:30"))
    )
    assert [d.due_at for d in await late.tick()] == [cairo("2026-12-06T18:00")]
    assert await too_late.tick() == []


async def test_a_failed_run_is_tried_again_once_its_claim_is_stale() -> None:
    runs, clock = FakeRuns(), FixedClock(cairo("2026-12-06T18:00:05"))
    attempts: list[datetime] = []

    async def flaky(due: datetime) -> str:
        attempts.append(clock.now())
        if len(attempts) == 1:
            raise ConnectionError("the database went away")
        return "sent"

    work = ScheduledWork([Job("reminders", DailyAt((time(18, 0),)), flaky)], runs, clock)
    assert await work.tick() == []
    clock.advance(timedelta(minutes=5))
    assert await work.tick() == []  # still claimed by the failed attempt
    clock.advance(timedelta(minutes=11))
    assert [d.outcome for d in await work.tick()] == ["sent"]
    assert len(attempts) == 2


def test_two_jobs_may_not_share_a_name() -> None:
    calls: list[datetime] = []
    with pytest.raises(ValueError, match="share a name"):
        ScheduledWork(
            [counting_job("a", "02:00", calls), counting_job("a", "03:00", calls)],
            FakeRuns(),
            FixedClock(cairo("2026-12-06T18:00")),
        )
