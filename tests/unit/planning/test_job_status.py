"""A job whose row stopped moving belonged to a process that stopped: it is shown as failed."""

from datetime import UTC, datetime, timedelta

from booking.store.jobs import Job
from planning.jobs import STALE_AFTER, shown_status

NOW = datetime(2026, 12, 6, 6, 0, tzinfo=UTC)


def job(status: str, quiet_for: timedelta) -> Job:
    return Job("j", status, "admin", {}, 0.4, "solving", None, None, NOW, NOW, None, NOW - quiet_for)


def test_a_running_job_that_keeps_reporting_is_running():
    assert shown_status(job("running", timedelta(seconds=10)), NOW) == ("running", None)


def test_a_running_or_queued_job_silent_for_too_long_is_shown_failed_with_why():
    for status in ("running", "queued"):
        shown, error = shown_status(job(status, STALE_AFTER + timedelta(seconds=1)), NOW)
        assert shown == "failed" and error and "interrupted" in error


def test_a_finished_job_stays_finished_however_old():
    assert shown_status(job("done", timedelta(days=3)), NOW) == ("done", None)
