"""Managers start optimiser runs and follow them: ``POST /manage/optimise`` → ``202 {job_id}``,
then ``GET /manage/jobs/{job_id}`` for status, progress and, when done, the figures beside the
greedy baseline; ``POST /manage/jobs/{job_id}/rerun`` runs a finished or failed job's scope again.

A run writes bookings as it goes. To see first what it would do, ``POST /manage/optimise`` with
``"preview": true`` starts a preview, which writes nothing and keeps its decisions (its result
says how many would be placed per office and day, and each office's busiest hour before and
after); ``POST /manage/jobs/{job_id}/apply`` then starts the job that writes exactly those, once.

Office scope: a job covers offices (the manager's own, or some of them; an administrator's may
cover all), and it decides only the requests whose acceptable offices *all* lie in that scope
(see `planning.batch`). A manager sees only jobs within their offices.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec
from litestar import Request, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_202_ACCEPTED

from api.audit import AuditTrail
from api.auth import ManagerController, ensure_office_scope
from api.messages import MESSAGES
from api.planning_views import JobOut, JobStartedOut, job_started_view, job_view
from api.problems import BODY, PARAMETERS, STAFF, answers
from api.providers import Injected
from booking.offer import office_not_found
from booking.staff import Role, StaffUser
from booking.store.offices import OfficeDirectory
from kernel.errors import Forbidden, InvalidInput, NotFound
from planning.batch import JobScope
from planning.job_record import Job
from planning.jobs import PREVIEW, RUN, OptimiserJobs, mode_to_rerun, scope_to_rerun


class OptimiseIn(msgspec.Struct):
    """All optional: the offices to cover (default: the caller's own; all for an administrator)
    and the days (default: the whole booking window)."""

    offices: list[str] | None = None
    first_day: date | None = msgspec.field(default=None, name="from")
    last_day: date | None = msgspec.field(default=None, name="to")
    preview: bool = False
    """Work out what a run would do and write nothing; apply it with ``/jobs/{job_id}/apply``."""


def job_not_found() -> NotFound:
    """A fresh refusal each time (a shared instance would keep every raise's traceback)."""
    return MESSAGES.error(NotFound, "job_not_found")


async def job_scope(user: StaffUser, data: OptimiseIn, directory: OfficeDirectory) -> JobScope:
    """The scope a staff member asked for, refused when it reaches outside their offices."""
    if data.first_day and data.last_day and data.last_day < data.first_day:
        raise MESSAGES.error(InvalidInput, "invalid_date_range.job")
    offices: frozenset[str] | None = None
    if data.offices is not None:
        for office_id in data.offices:
            if await directory.office(office_id) is None:
                raise office_not_found(office_id)
            ensure_office_scope(user, office_id)
        offices = frozenset(data.offices)
    elif user.role is not Role.ADMIN:
        offices = frozenset(user.offices)
    return JobScope(offices, data.first_day, data.last_day)


def within_reach(user: StaffUser, scope: dict[str, Any]) -> bool:
    """Managers reach jobs within their offices; a job over every office is an administrator's."""
    offices = scope.get("offices")
    return user.role is Role.ADMIN or (offices is not None and set(offices) <= set(user.offices))


def ensure_job_scope(user: StaffUser, scope: dict[str, Any]) -> None:
    """Refuse a job outside the caller's offices (they may know it exists: they see its id)."""
    if not within_reach(user, scope):
        raise MESSAGES.error(Forbidden, "job_forbidden")


class OptimiserController(ManagerController):
    @post(
        "/optimise",
        status_code=HTTP_202_ACCEPTED,
        summary="Start an optimiser run over pending requests, or a preview of one",
        description='With `"preview": true` the job writes nothing: its result says what a run '
        "would do, and `POST /jobs/{job_id}/apply` writes that.",
        responses=answers(
            BODY,
            STAFF,
            {404: "`office_not_found`: an office of `offices` does not exist", 422: "`invalid_date_range`"},
        ),
    )
    async def optimise(
        self,
        request: Request[Any, Any, Any],
        jobs: Injected[OptimiserJobs],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        directory: Injected[OfficeDirectory],
        data: JSONBody[OptimiseIn | None] = None,
    ) -> JobStartedOut:
        asked = data or OptimiseIn()
        scope = await job_scope(user, asked, directory)
        job = await jobs.submit(scope, user.username, mode=PREVIEW if asked.preview else RUN)
        action = "optimiser.previewed" if asked.preview else "optimiser.started"
        await _audit_job(audit, request, user, action, job)
        return job_started_view(job)

    @get(
        "/jobs/{job_id:str}",
        summary="An optimiser job's status, progress and result",
        description="The status is the database's: a job whose process stopped reads `failed` with "
        "`reason: interrupted` in every server process alike.",
        responses=answers(
            PARAMETERS,
            STAFF,
            {
                403: "`job_forbidden`: the job covers offices outside the caller's",
                404: "`job_not_found`: no such job",
            },
        ),
    )
    async def job(
        self,
        jobs: Injected[OptimiserJobs],
        user: Injected[StaffUser],
        job_id: FromPath[str],
    ) -> JobOut:
        job = await jobs.job(job_id)
        if job is None:
            raise job_not_found()
        ensure_job_scope(user, job.scope)
        return job_view(job)

    @post(
        "/jobs/{job_id:str}/rerun",
        status_code=HTTP_202_ACCEPTED,
        summary="Run a finished or failed optimiser job again, over the same offices and days",
        description="Starts a new job (`202 {job_id}`) with the old job's scope, under the same rules "
        "as `POST /optimise`: a manager only for jobs within their offices.",
        responses=answers(
            BODY,
            PARAMETERS,
            STAFF,
            {
                404: "`job_not_found`: no such job, or not within the caller's offices",
                409: "`job_still_running`: the job is still queued or running",
            },
        ),
    )
    async def rerun(
        self,
        request: Request[Any, Any, Any],
        jobs: Injected[OptimiserJobs],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        job_id: FromPath[str],
    ) -> JobStartedOut:
        old = await _reachable_job(jobs, user, job_id)
        job = await jobs.submit(scope_to_rerun(old), user.username, mode=mode_to_rerun(old))
        await _audit_job(audit, request, user, "optimiser.rerun", job, rerun_of=old.id)
        return job_started_view(job, rerun_of=old.id)

    @post(
        "/jobs/{job_id:str}/apply",
        status_code=HTTP_202_ACCEPTED,
        summary="Write what a finished optimiser preview would do",
        description="Starts the job (`202 {job_id}`, `applies`) that books exactly the preview's "
        "placements and settles its refusals; what changed since is handled as a run handles it (a "
        "request no longer pending is left alone, a slot gone or full is solved again). A preview "
        "is applied once, within the hour it finished.",
        responses=answers(
            BODY,
            PARAMETERS,
            STAFF,
            {
                404: "`job_not_found`: no such job, or not within the caller's offices",
                409: "`not_a_preview` (a run, or a preview not finished), `preview_already_applied`, "
                "`preview_stale` (preview again)",
            },
        ),
    )
    async def apply(
        self,
        request: Request[Any, Any, Any],
        jobs: Injected[OptimiserJobs],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        job_id: FromPath[str],
    ) -> JobStartedOut:
        preview = await _reachable_job(jobs, user, job_id)
        job = await jobs.apply(preview, user.username)
        await _audit_job(audit, request, user, "optimiser.applied", job, applies=preview.id)
        return job_started_view(job)


MAX_OFFICE_EVENTS = 20


async def _audit_job(
    audit: AuditTrail, request: Request[Any, Any, Any], user: StaffUser, action: str, job: Job, **detail: Any
) -> None:
    """One event per office the job covers, so each office's managers see it; a job over every
    office (an administrator's) is one event of no office."""
    offices = job.scope.get("offices") or [None]
    for office_id in offices if len(offices) <= MAX_OFFICE_EVENTS else [None]:
        await audit.by_staff(
            request, user, action, office_id=office_id, target=job.id, detail={**detail, "scope": job.scope}
        )


async def _reachable_job(jobs: OptimiserJobs, user: StaffUser, job_id: str) -> Job:
    """The job, or 404 when it does not exist *or* lies outside the caller's offices: acting on
    a job is refused without saying whether another office's job exists."""
    job = await jobs.job(job_id)
    if job is None or not within_reach(user, job.scope):
        raise job_not_found()
    return job
