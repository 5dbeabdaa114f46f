"""A failed job says why in both languages when the reason is known; only a finished or failed
job may run again, over the offices and days it covered."""

from datetime import UTC, date, datetime

import pytest

from kernel.errors import Conflict
from planning.batch import JobScope
from planning.job_record import INTERRUPTED, STOPPED, Job
from planning.jobs import failure_reason, scope_to_rerun

NOW = datetime(2026, 12, 6, 6, 0, tzinfo=UTC)
SCOPE = {"offices": ["cairo-abbassia-passports"], "from": "2026-12-07", "to": "2026-12-09"}


def job(status: str, error: str | None = None) -> Job:
    return Job("j", status, "admin", SCOPE, 0.4, "solving", None, error, NOW, NOW, None, NOW, NOW)


@pytest.mark.parametrize("reason", [INTERRUPTED, STOPPED])
def test_an_interrupted_or_stopped_job_says_why_in_english_and_arabic(reason):
    code, english, arabic = failure_reason(job("failed", reason))  # type: ignore[misc]
    assert code == reason and "run it again" in english and arabic


def test_a_job_that_failed_on_an_error_keeps_the_error_text():
    assert failure_reason(job("failed", "SolverFailed: over_capacity")) == (
        "error",
        "SolverFailed: over_capacity",
        None,
    )


def test_a_job_that_did_not_fail_has_no_failure_reason():
    assert failure_reason(job("running")) is None and failure_reason(job("done")) is None


@pytest.mark.parametrize("status", ["done", "failed"])
def test_a_finished_or_failed_job_runs_again_over_the_same_scope(status):
    assert scope_to_rerun(job(status)) == JobScope(
        frozenset(["cairo-abbassia-passports"]), date(2026, 12, 7), date(2026, 12, 9)
    )


@pytest.mark.parametrize("status", ["queued", "running"])
def test_a_live_job_may_not_run_again(status):
    with pytest.raises(Conflict) as refused:
        scope_to_rerun(job(status))
    assert refused.value.code == "job_still_running" and refused.value.detail_ar
