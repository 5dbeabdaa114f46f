"""Managers start optimiser runs and follow them: ``POST /manage/optimise`` → ``202 {job_id}``,
then ``GET /manage/jobs/{job_id}`` for status, progress and, when done, the figures beside the
greedy baseline.

Office scope: a job covers offices (the manager's own, or some of them; an administrator's may
cover all), and it decides only the requests whose acceptable offices *all* lie in that scope
(see `planning.batch`). A manager sees only jobs within their offices.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec
from litestar import Controller, get, post
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_202_ACCEPTED

from api.auth import ensure_office_scope, provide_staff, requires
from api.planning_views import job_view
from api.routes.capacity import provide_directory
from booking.appointments import office_not_found
from booking.errors import Forbidden, InvalidInput, NotFound
from booking.staff import Role, StaffUser
from booking.store.offices import OfficeDirectory
from planning.batch import JobScope
from planning.jobs import OptimiserJobs


class OptimiseIn(msgspec.Struct):
    """All optional: the offices to cover (default: the caller's own; all for an administrator)
    and the days (default: the whole booking window)."""

    offices: list[str] | None = None
    first_day: date | None = msgspec.field(default=None, name="from")
    last_day: date | None = msgspec.field(default=None, name="to")


JOB_NOT_FOUND = NotFound(
    "job_not_found", "There is no such optimiser job.", "لا توجد مهمة تحسين بهذا المعرّف."
)


def _provide_jobs(state: State) -> OptimiserJobs:
    return state.optimiser_jobs


async def job_scope(user: StaffUser, data: OptimiseIn, directory: OfficeDirectory) -> JobScope:
    """The scope a staff member asked for, refused when it reaches outside their offices."""
    if data.first_day and data.last_day and data.last_day < data.first_day:
        raise InvalidInput(
            "invalid_date_range",
            "'to' must not be before 'from'.",
            "يجب ألا يسبق تاريخ النهاية تاريخ البداية.",
        )
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


def ensure_job_scope(user: StaffUser, scope: dict[str, Any]) -> None:
    """Managers see jobs within their offices; a job over every office is an administrator's."""
    offices = scope.get("offices")
    if user.role is Role.ADMIN:
        return
    if offices is None or not set(offices) <= set(user.offices):
        raise Forbidden(
            "job_forbidden",
            "This job covers offices you are not assigned to.",
            "تشمل هذه المهمة مكاتب لست مُكلَّفًا بها.",
        )


class OptimiserController(Controller):
    path = "/api/v1/manage"
    tags = ["managers"]
    guards = [requires(Role.MANAGER)]
    dependencies = {
        "user": Provide(provide_staff),
        "jobs": Provide(_provide_jobs, sync_to_thread=False),
        "directory": Provide(provide_directory, sync_to_thread=False),
    }

    @post("/optimise", status_code=HTTP_202_ACCEPTED, summary="Start an optimiser run over pending requests")
    async def optimise(
        self,
        jobs: NamedDependency[OptimiserJobs],
        user: NamedDependency[StaffUser],
        directory: NamedDependency[OfficeDirectory],
        data: JSONBody[OptimiseIn | None] = None,
    ) -> dict[str, Any]:
        scope = await job_scope(user, data or OptimiseIn(), directory)
        job = await jobs.submit(scope, user.username)
        return {"job_id": job.id, "status": job.status, "scope": job.scope}

    @get("/jobs/{job_id:str}", summary="An optimiser job's status, progress and result")
    async def job(
        self,
        state: State,
        jobs: NamedDependency[OptimiserJobs],
        user: NamedDependency[StaffUser],
        job_id: FromPath[str],
    ) -> dict[str, Any]:
        job = await jobs.store.get(job_id)
        if job is None:
            raise JOB_NOT_FOUND
        ensure_job_scope(user, job.scope)
        return job_view(job, state.clock.now())
