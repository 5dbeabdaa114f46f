"""Simulation jobs as the API shows them: typed, so the OpenAPI document says what a manager's
simulation answers (``foresight.report.scenario_json`` for each scenario)."""

from __future__ import annotations

from datetime import date
from typing import Literal

import msgspec
from msgspec import UNSET, UnsetType

from api.messages import MESSAGES
from api.views import instant
from foresight.simulation_jobs import FAILED, INTERRUPTED, SimulationJob
from kernel.days import TIMEZONE


class ChangeIn(msgspec.Struct, forbid_unknown_fields=True):
    """``add_counter`` / ``remove_counter`` from ``from`` to ``to`` (the office's clock, HH:MM);
    ``close_counter`` all day. ``counter``: the counter removed or closed, by its ``id`` as
    ``GET /api/v1/offices/{office_id}`` lists it (a removal without one takes the last counter
    open then); ``services``: the added counter's (default: every service of the day)."""

    kind: Literal["add_counter", "remove_counter", "close_counter"]
    starts: str | None = msgspec.field(default=None, name="from")
    ends: str | None = msgspec.field(default=None, name="to")
    counter: str | None = None
    services: list[str] | None = None


class SimulationIn(msgspec.Struct, forbid_unknown_fields=True):
    day: date
    """YYYY-MM-DD, a day the office opens."""
    changes: list[ChangeIn] = []
    replications: int | None = None
    seed: int = 0
    """The random numbers' seed: the same request gives the same figures."""


class WaitsOut(msgspec.Struct):
    mean_wait_minutes: float | None
    ci95_mean_wait_minutes: float | None
    p50_wait_minutes: float | None
    p90_wait_minutes: float | None
    max_wait_minutes: float | None


class ServiceWaitsOut(WaitsOut):
    people: float | None


class QueuePointOut(msgspec.Struct):
    minute: float
    """Minutes after opening."""
    mean: float | None
    ci95: float | None


class ScenarioOut(WaitsOut):
    """One scenario's means over the replications (``ci95_*``: the half-width of the 95 %
    interval). A wait runs from when a ticket is due (arrival, or the slot for an early arrival)
    to its call; ``waiting_at_closing`` counts who had not been called when the doors closed."""

    mean_wait_from_arrival_minutes: float | None
    utilisation: float | None
    served: float | None
    never_called: float | None
    waiting_at_closing: float | None
    overtime_minutes: float | None
    by_kind: dict[str, float | None]
    by_service: dict[str, ServiceWaitsOut]
    counters: dict[str, float | None]
    queue_length: list[QueuePointOut]


class StaffingHourOut(msgspec.Struct):
    """One service group's hour: the counters Erlang C needs for the service level beside those
    planned (open minutes in the hour over its length)."""

    group: list[str]
    """The services the same counters serve."""
    starts: str
    """The hour's start on the office's clock, ``HH:MM``."""
    people: float | None
    offered_load: float | None
    needed: int
    planned: float | None
    status: str
    """``short`` (planned < needed), ``idle`` (two counters or more to spare) or ``ok``."""
    promised: float | None
    """The share called within the target that Erlang C promises with the counters planned."""


class StaffingOut(msgspec.Struct):
    target: float
    within_minutes: float
    hours: list[StaffingHourOut]


class HistoryOut(msgspec.Struct):
    first: str
    last: str
    weeks: int
    days: int
    tickets: int
    service_times: int
    settled_bookings: int
    punctuality: int


class WalkInsOut(msgspec.Struct):
    source: str
    """``history_weekday``, ``history_any_day`` or ``capacity`` (no history: a prior)."""
    per_day: float
    profile: list[float]
    """The share of walk-ins in each hour after opening."""


class ServiceTimeOut(msgspec.Struct):
    mean_minutes: float
    cv: float
    samples: int


class InputsOut(msgspec.Struct):
    """Where the simulated day's inputs came from (``foresight.day_plan``)."""

    description: str
    history: HistoryOut
    bookings: int
    """Bookings made for the day."""
    expected_bookings: int
    """Bookings the forecast still expects on a day ahead, simulated beside those made."""
    no_show_share: float
    early_minutes: float
    punctuality_sd_minutes: float
    priority_share: float
    walk_ins: WalkInsOut
    service_times: dict[str, ServiceTimeOut]


class SimulationResultOut(msgspec.Struct):
    replications: int
    opens: str
    closes: str
    scenarios: dict[str, ScenarioOut]
    """``planned``, ``walk_in_fcfs`` (the same people, those with a booking arriving as walk-ins
    do), ``walk_in_same_times`` (arriving when they did) and, with changes, ``what_if``."""
    mean_wait_reduction: float | None
    """1 − planned mean wait / walk-in FCFS mean wait: how much appointments and the call policy
    cut the mean wait (negative when they lengthen it)."""
    what_if_mean_wait_change: float | None
    """What-if mean wait / planned mean wait − 1 (−0.25: a quarter shorter)."""
    staffing: StaffingOut | None = None
    """Counters needed per service group and hour as planned (null for a job from before)."""
    what_if_staffing: StaffingOut | None = None
    """The same with the changes made; null without changes."""
    inputs: InputsOut | None = None


class ChangeOut(msgspec.Struct, omit_defaults=True):
    kind: str
    starts: str | None = msgspec.field(default=None, name="from")
    ends: str | None = msgspec.field(default=None, name="to")
    counter: str | None = None
    services: list[str] | None = None


class SimulationOut(msgspec.Struct):
    """A simulation job as the database says it is; a failed one says why, in both languages."""

    id: str
    status: str
    """``queued`` (waiting its turn), ``running``, ``done`` or ``failed``."""
    office_id: str
    day: str
    replications: int
    seed: int
    changes: list[ChangeOut]
    progress: float
    requested_by: str
    created_at: str
    started_at: str | None
    finished_at: str | None
    result: SimulationResultOut | None
    reason: str | UnsetType = UNSET
    """``interrupted`` or ``error``, when failed."""
    reason_detail: str | UnsetType = UNSET
    reason_detail_ar: str | UnsetType = UNSET


def simulation_view(job: SimulationJob) -> SimulationOut:
    view = SimulationOut(
        id=job.id,
        status=job.status,
        office_id=job.office_id,
        day=job.day.isoformat(),
        replications=int(job.request.get("replications", 0)),
        seed=int(job.request.get("seed", 0)),
        changes=msgspec.convert(job.request.get("changes", []), list[ChangeOut]),
        progress=round(job.progress, 3),
        requested_by=job.requested_by,
        created_at=instant(job.created_at, TIMEZONE),
        started_at=instant(job.started_at, TIMEZONE) if job.started_at else None,
        finished_at=instant(job.finished_at, TIMEZONE) if job.finished_at else None,
        result=msgspec.convert(job.result, SimulationResultOut) if job.result is not None else None,
    )
    if job.status == FAILED:
        view.reason = "interrupted" if job.error == INTERRUPTED else "error"
        view.reason_detail, view.reason_detail_ar = MESSAGES.texts(f"simulation_failed.{view.reason}")
    return view
