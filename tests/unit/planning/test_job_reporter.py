"""The reporter that keeps a job's row current ends when told to, whatever moment it is told at.

On Python 3.11 ``asyncio.wait_for`` swallowed a cancellation that arrived just as the progress
event fired; the reporter then ran on for ever and its job hung at progress 1.0.
"""

import asyncio
from datetime import UTC, datetime

from kernel.clock import FixedClock
from planning.jobs import _Reporter

NOW = datetime(2026, 12, 6, 6, 0, tzinfo=UTC)


class RecordingStore:
    """Stands in for the job store: remembers what the reporter wrote."""

    def __init__(self) -> None:
        self.written: list[tuple[str, object]] = []

    async def report(self, job_id: str, progress: float, phase: str, now: datetime) -> bool:
        self.written.append(("report", (progress, phase)))
        return True

    async def touch(self, job_id: str, now: datetime) -> bool:
        self.written.append(("touch", None))
        return True


def reporter(store: RecordingStore) -> _Reporter:
    return _Reporter(store, "job", FixedClock(NOW), interval=0.01)  # type: ignore[arg-type]


async def test_a_reporter_cancelled_as_its_last_progress_arrives_ends():
    store = RecordingStore()
    report = reporter(store)
    loop = asyncio.create_task(report.loop())
    await asyncio.sleep(0.05)  # waiting for progress
    report(1.0, "done")
    await asyncio.sleep(0)  # the event fires; the waiter inside the loop is woken but has not run
    loop.cancel()
    done, _ = await asyncio.wait({loop}, timeout=2)
    assert loop in done, "the reporter ignored its cancellation and runs on"
    assert loop.cancelled()


async def test_a_stopped_reporter_writes_the_last_progress_then_ends():
    store = RecordingStore()
    report = reporter(store)
    loop = asyncio.create_task(report.loop())
    report(0.5, "solving")
    await asyncio.sleep(0.05)
    report(1.0, "done")
    report.stop()
    await asyncio.wait_for(loop, timeout=2)
    assert store.written[-1] == ("report", (1.0, "done"))


async def test_a_reporter_without_progress_beats_as_a_heartbeat():
    store = RecordingStore()
    report = _Reporter(store, "job", FixedClock(NOW), interval=0.01, heartbeat_seconds=0.02)  # type: ignore[arg-type]
    loop = asyncio.create_task(report.loop())
    await asyncio.sleep(0.2)
    report.stop()
    await asyncio.wait_for(loop, timeout=2)
    assert store.written.count(("touch", None)) >= 3
