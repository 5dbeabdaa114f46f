"""Managers simulate an office day before it happens: ``POST /manage/offices/{id}/simulations``
``{day, changes?, replications?, seed?}`` → ``202`` with the job and its ``Location``; ``GET
/manage/simulations/{id}`` → its status and, when done, the day as planned beside the walk-in
-only hall and the what-if (``api.simulation_views``).

Everything that can be wrong with the request is refused before the job is queued, in both
languages: the office closed that day, a change outside its hours, a counter it does not have
in service, too many replications. The simulation itself runs in a child process
(``foresight.simulation_worker``); the job's row lets any server process answer the GET.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_202_ACCEPTED

from api.audit import AuditTrail
from api.auth import ManagerController
from api.messages import MESSAGES
from api.problems import BODY, PARAMETERS, STAFF, answers
from api.providers import Injected
from api.routes.capacity import office_in_scope
from api.settings import Settings
from api.simulation_inputs import planned_day
from api.simulation_views import ChangeIn, SimulationIn, SimulationOut, simulation_view
from booking.calendar import local_today
from booking.offices import Office
from booking.staff import StaffUser
from booking.store.offices import OfficeDirectory
from foresight.office_day import OfficeDay
from foresight.offices import OfficeClosed
from foresight.simulation_jobs import DaySimulation, SimulationJobs
from foresight.what_if import Change, ChangeRefused, Reason, opening, what_if
from kernel.clock import Clock
from kernel.database import Database
from kernel.days import TIMEZONE
from kernel.errors import Conflict, InvalidInput, NotFound

DEFAULT_REPLICATIONS = 100
"""A what-if answered in seconds: 100 replications of three scenarios take about 3.5 s for the
busiest demo office (16 counters, ~300 bookings) on one core."""
MAX_REPLICATIONS = 500
MAX_CHANGES = 10
MAX_LIVE_PER_MANAGER = 3
"""Simulations one staff member may have waiting or running at once: one worker runs them in
turn, so more would only queue."""
WINDOW = timedelta(days=366)


def simulation_not_found() -> NotFound:
    return MESSAGES.error(NotFound, "simulation_not_found")


def _clock_time(value: str | None) -> time | None:
    if value is None:
        return None
    try:
        return time.fromisoformat(value)
    except ValueError:
        return time.max  # never within opening hours: refused with the day's hours below


def _change(asked: ChangeIn) -> Change:
    services = tuple(asked.services) if asked.services is not None else None
    return Change(asked.kind, _clock_time(asked.starts), _clock_time(asked.ends), asked.counter, services)


def _check_request(data: SimulationIn, today: date) -> int:
    """The replications asked for (or the default), refused outside the limits."""
    if abs((data.day - today).days) > WINDOW.days:
        raise MESSAGES.error(InvalidInput, "outside_simulation_window", indic=True, max_days=WINDOW.days)
    replications = DEFAULT_REPLICATIONS if data.replications is None else data.replications
    if not 1 <= replications <= MAX_REPLICATIONS:
        raise MESSAGES.error(
            InvalidInput, "invalid_replications", indic=True, max_replications=MAX_REPLICATIONS
        )
    if len(data.changes) > MAX_CHANGES:
        raise MESSAGES.error(InvalidInput, "too_many_changes", indic=True, max_changes=MAX_CHANGES)
    return replications


_REFUSALS: dict[Reason, str] = {
    "invalid_change": "invalid_change",
    "hours_outside_opening": "hours_outside_opening",
    "unknown_counter": "unknown_counter",
    "invalid_counter_services": "invalid_counter_services.simulation",
}
"""Why a change cannot apply (``foresight.what_if.ChangeRefused.reason``) → its message."""


def _checked_changes(day: OfficeDay, office: Office, asked: list[ChangeIn]) -> tuple[Change, ...]:
    """The changes, each tried on the day so a refusal names the one at fault (numbered from 1)."""
    changes = tuple(_change(change) for change in asked)
    for n in range(1, len(changes) + 1):
        try:
            what_if(day, changes[:n], office.timezone)
        except ChangeRefused as refused:
            hours = opening(day, office.timezone)
            key = _REFUSALS[refused.reason]
            raise MESSAGES.error(
                InvalidInput, key, indic=True, n=n,
                opens=hours.opens.strftime("%H:%M"), closes=hours.closes.strftime("%H:%M"),
            ) from None  # fmt: skip
    return changes


class SimulationController(ManagerController):
    @post(
        "/offices/{office_id:str}/simulations",
        status_code=HTTP_202_ACCEPTED,
        summary="Simulate an office day: as planned, as a walk-in-only hall, and with changes",
        description="Starts a job (`202`, `Location` to follow). `changes` in the office's clock: "
        '`{"kind": "add_counter", "from": "10:00", "to": "12:00", "services"?: [...]}`, '
        '`{"kind": "remove_counter", "from", "to", "counter"?}`, `{"kind": "close_counter", '
        '"counter": "3"}`; all applied together as the scenario `what_if`.',
        responses=answers(
            BODY,
            STAFF,
            {
                404: "`office_not_found`",
                409: "`too_many_simulations`: the caller has as many waiting or running as allowed",
                422: "`office_closed` (the day), `outside_simulation_window`, `invalid_replications`, "
                "`too_many_changes`, `invalid_change`, `hours_outside_opening`, `unknown_counter`, "
                "`invalid_counter_services`",
            },
        ),
    )
    async def simulate(
        self,
        request: Request[Any, Any, Any],
        clock: Injected[Clock],
        settings: Injected[Settings],
        directory: Injected[OfficeDirectory],
        database: Injected[Database],
        simulations: Injected[SimulationJobs],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        data: JSONBody[SimulationIn],
    ) -> Response[SimulationOut]:
        office = await office_in_scope(directory, user, office_id)
        today = local_today(clock.now(), TIMEZONE)
        replications = _check_request(data, today)
        try:
            plan = await planned_day(office, data.day, today, directory, database)
        except OfficeClosed:
            raise MESSAGES.error(InvalidInput, "office_closed.simulation") from None
        day = plan.day
        changes = _checked_changes(day, office, data.changes)
        if await simulations.live_count(user.username) >= MAX_LIVE_PER_MANAGER:
            raise MESSAGES.error(Conflict, "too_many_simulations", indic=True, limit=MAX_LIVE_PER_MANAGER)
        work = DaySimulation(
            day, changes, office.timezone, replications, data.seed,
            service_level=(settings.service_level_target, settings.service_level_minutes),
            inputs=plan.inputs.as_json(),
        )  # fmt: skip
        job = await simulations.submit(office.id, work, user.username)
        await audit.by_staff(
            request,
            user,
            "simulation.started",
            office_id=office.id,
            target=job.id,
            detail={"day": data.day.isoformat(), **work.request()},
        )
        location = f"/api/v1/manage/simulations/{job.id}"
        return Response(simulation_view(job), status_code=HTTP_202_ACCEPTED, headers={"Location": location})

    @get(
        "/simulations/{simulation_id:str}",
        summary="A simulation's status and, when done, its figures",
        description="A job whose server process stopped reads `failed` with `reason: interrupted` in "
        "every process alike.",
        responses=answers(
            PARAMETERS,
            STAFF,
            {404: "`simulation_not_found`: no such simulation, or not of one of the caller's offices"},
        ),
    )
    async def simulation(
        self,
        simulations: Injected[SimulationJobs],
        user: Injected[StaffUser],
        simulation_id: FromPath[str],
    ) -> SimulationOut:
        job = await simulations.job(simulation_id) if len(simulation_id) <= 64 else None
        if job is None or not user.may_act_in(job.office_id):
            raise simulation_not_found()
        return simulation_view(job)
