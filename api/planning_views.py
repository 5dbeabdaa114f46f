"""How flexible requests, optimiser jobs and rebalance plans look in JSON (``msgspec.Struct``s
whose fields are the keys in the order they are sent; ``UNSET`` keys are omitted)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
from msgspec import UNSET, UnsetType

from api.views import BookingOut, booking_view, instant
from booking.booking_requests import BookingRequest, RequestStatus
from booking.bookings import Booking
from booking.offices import Office
from booking.release import ReleasePolicy
from kernel.days import TIMEZONE
from kernel.schedule import DailyAt
from planning.job_record import Job
from planning.jobs import failure_reason
from planning.notifications import reason_text
from planning.office_load import DayLoad
from planning.plans import Applied, Place, StoredPlan
from planning.rebalancing import UNPLACED_REASONS


class AcceptedOfficeOut(msgspec.Struct):
    office_id: str
    distance_km: float | None


class AskedFor(msgspec.Struct):
    """What the citizen said: ``kind`` (``offices``, ``governorate`` or ``near``) and its words."""

    kind: str
    office_ids: list[str] | UnsetType = UNSET
    governorate: str | UnsetType = UNSET
    lat: float | UnsetType = UNSET
    lon: float | UnsetType = UNSET
    max_km: float | UnsetType = UNSET


class DrawOut(msgspec.Struct):
    """An entry into a day's opening draw: the slot chosen and when the draw is decided."""

    day: str
    preferred_start: str
    decided_at: str | None


class NextBatchOut(msgspec.Struct):
    """When a pending request is next decided: the national batch's times of day (Cairo time,
    ``HH:MM``) and the next of them as an instant. A manager's own optimiser job may decide it
    sooner; the next batch decides it at the latest."""

    at: str
    daily_at: list[str]


def next_batch_view(schedule: DailyAt, now: datetime) -> NextBatchOut | None:
    """The next batch after ``now``; None when no batch is scheduled (``MAWID_BATCH_TIMES`` empty)."""
    due = schedule.next_due(now)
    if due is None:
        return None
    return NextBatchOut(at=instant(due, TIMEZONE), daily_at=[t.strftime("%H:%M") for t in schedule.times])


class RequestOut(msgspec.Struct):
    """A flexible request as its citizen follows it; ``booking`` once assigned, ``reason`` (with
    its words) when it could not be. ``code`` is what the citizen reads and types (8 characters,
    like a booking code); ``request_id``, the 32-hex key the first requests were shown by, names
    it too. ``next_batch`` says when a pending request (not an entry into a draw) is decided.
    ``services`` lists every service asked for, in the order served (one trip, several services);
    ``service`` is the first of them."""

    request_id: str
    code: str
    status: str
    service: str
    services: list[str]
    first_day: str = msgspec.field(name="from")
    last_day: str = msgspec.field(name="to")
    time_of_day: str | None
    offices: list[AcceptedOfficeOut]
    asked_for: AskedFor
    identity_type: str
    identity_last4: str
    created_at: str
    updated_at: str
    draw: DrawOut | UnsetType = UNSET
    next_batch: NextBatchOut | UnsetType = UNSET
    booking: BookingOut | UnsetType = UNSET
    reason: str | UnsetType = UNSET
    reason_detail: str | UnsetType = UNSET
    reason_detail_ar: str | UnsetType = UNSET


def request_view(
    request: BookingRequest,
    booking: Booking | None = None,
    office: Office | None = None,
    release: ReleasePolicy | None = None,
    next_batch: NextBatchOut | None = None,
) -> RequestOut:
    """A request as its citizen follows it; an entry into a day's opening draw also says which
    slot was chosen and when the draw is decided (``release`` gives the time), and any other
    pending request when the next batch decides it (``next_batch``)."""
    reach = {k: v for k, v in request.reach.items() if k != "offices"}
    view = RequestOut(
        request_id=request.id,
        code=request.code,
        status=request.status.value,
        service=request.service,
        services=list(request.services),
        first_day=request.first_day.isoformat(),
        last_day=request.last_day.isoformat(),
        time_of_day=request.time_of_day,
        offices=[AcceptedOfficeOut(o.office_id, o.distance_km) for o in request.offices],
        asked_for=msgspec.convert(reach, AskedFor),
        identity_type=request.applicant.identity_type,
        identity_last4=request.applicant.identity_last4,
        created_at=instant(request.created_at, TIMEZONE),
        updated_at=instant(request.updated_at, TIMEZONE),
    )
    if request.preferred_start is not None:
        view.draw = DrawOut(
            day=request.first_day.isoformat(),
            preferred_start=instant(request.preferred_start, TIMEZONE),
            decided_at=instant(release.draw_closes(request.first_day), TIMEZONE) if release else None,
        )
    elif request.status is RequestStatus.PENDING and next_batch is not None:
        view.next_batch = next_batch
    if booking is not None:
        view.booking = booking_view(booking, office)
    if request.status is RequestStatus.UNASSIGNED and request.reason:
        detail_en, detail_ar = reason_text(request.reason)
        view.reason, view.reason_detail, view.reason_detail_ar = request.reason, detail_en, detail_ar
    return view


class ProgressOut(msgspec.Struct):
    fraction: float
    phase: str


class JobScopeOut(msgspec.Struct):
    """The offices (null: every office) and days (null: the whole booking window) a job covers."""

    offices: list[str] | None
    first_day: str | None = msgspec.field(name="from")
    last_day: str | None = msgspec.field(name="to")


class JobOut(msgspec.Struct):
    """An optimiser job as the database says it is; a failed one says why (``reason``)."""

    job_id: str
    status: str
    progress: ProgressOut
    requested_by: str
    scope: JobScopeOut
    created_at: str
    started_at: str | None
    finished_at: str | None
    result: dict[str, Any] | None
    """The run's figures beside the greedy baseline, once done."""
    error: str | None
    reason: str | UnsetType = UNSET
    """``interrupted``, ``stopped`` or ``error``."""
    reason_detail: str | UnsetType = UNSET
    reason_detail_ar: str | UnsetType | None = UNSET
    mode: str = "run"
    """``run`` (writes as it goes), ``preview`` (writes nothing; its result says what a run
    would do) or ``apply`` (writes the preview it ``applies``)."""
    applies: str | None = None
    applied_by: str | None = None
    """A preview's apply job, once one was started."""


class JobStartedOut(msgspec.Struct):
    """A job just queued (``202``); follow it at ``GET /api/v1/manage/jobs/{job_id}``."""

    job_id: str
    status: str
    scope: JobScopeOut
    rerun_of: str | UnsetType = UNSET
    """The job whose scope this one runs again (``rerun`` only)."""
    mode: str = "run"
    applies: str | UnsetType = UNSET
    """The preview this job writes (``apply`` only)."""


def job_scope_view(scope: dict[str, Any]) -> JobScopeOut:
    return msgspec.convert(scope, JobScopeOut)


def job_started_view(job: Job, rerun_of: str | None = None) -> JobStartedOut:
    return JobStartedOut(
        job_id=job.id,
        status=job.status,
        scope=job_scope_view(job.scope),
        rerun_of=rerun_of if rerun_of is not None else UNSET,
        mode=job.mode,
        applies=job.applies if job.applies is not None else UNSET,
    )


def job_view(job: Job) -> JobOut:
    """A job as the database says it is (``status`` never guessed by the reader); a failed one
    says why: ``reason`` (``interrupted``, ``stopped`` or ``error``) with its detail in both
    languages where there is one (``error`` keeps the English, as before)."""
    view = JobOut(
        job_id=job.id,
        status=job.status,
        progress=ProgressOut(fraction=round(job.progress, 3), phase=job.phase),
        requested_by=job.requested_by,
        scope=job_scope_view(job.scope),
        created_at=instant(job.created_at, TIMEZONE),
        started_at=instant(job.started_at, TIMEZONE) if job.started_at else None,
        finished_at=instant(job.finished_at, TIMEZONE) if job.finished_at else None,
        result=job.result,
        error=None,
        mode=job.mode,
        applies=job.applies,
        applied_by=job.applied_by,
    )
    failed = failure_reason(job)
    if failed is not None:
        reason, detail_en, detail_ar = failed
        view.error, view.reason, view.reason_detail, view.reason_detail_ar = (
            detail_en,
            reason,
            detail_en,
            detail_ar,
        )
    return view


def _local(iso: str) -> str:
    return instant(datetime.fromisoformat(iso), TIMEZONE)


class AppliedOut(msgspec.Struct):
    """What applying a plan did (``planning.plans.Applied``): bookings moved and cancelled (each
    citizen told), and the moves the world overtook since the preview (skipped, never forced)."""

    moved: int
    cancelled: int
    skipped: list[SkippedOut]
    notifications: int


class PlaceOut(msgspec.Struct):
    office_id: str
    start: str


class LaterVisitOut(msgspec.Struct):
    """Where a chain's later visit goes: its service and new start (the same office and day)."""

    service: str
    start: str


class MoveOut(msgspec.Struct):
    booking_code: str
    service: str
    origin: PlaceOut = msgspec.field(name="from")
    to: PlaceOut
    distance_km: float
    later: list[LaterVisitOut] = msgspec.field(default_factory=list)
    """A chain's later services, each at its new start after ``to``; empty for one service."""


class UnplacedOut(msgspec.Struct):
    booking_code: str
    service: str
    origin: PlaceOut = msgspec.field(name="from")
    reason: str
    reason_detail: str
    reason_detail_ar: str
    later_services: list[str] = msgspec.field(default_factory=list)
    """A chain's later services, cancelled with it."""


class SkippedOut(msgspec.Struct):
    booking_code: str
    reason: str
    """``booking_changed`` (no longer where the plan found it), ``slot_full``, ..."""


class PlanStatsOut(msgspec.Struct):
    displaced: int
    stayed: int
    moved_same_office_same_day: int
    moved_same_office_other_day: int
    moved_other_office: int
    unplaced: int
    travel_km: float
    solve_seconds: float
    cost: float | UnsetType = UNSET


class PlanOut(msgspec.Struct):
    """A rebalance plan as the manager reviews it: counts, each move, who could not be placed,
    and once applied what was moved, cancelled and skipped (``result``)."""

    plan_id: str
    office_id: str
    first_day: str = msgspec.field(name="from")
    last_day: str = msgspec.field(name="to")
    status: str
    created_by: str
    created_at: str
    applied_at: str | None
    stats: PlanStatsOut
    moves: list[MoveOut]
    unplaced: list[UnplacedOut]
    result: AppliedOut | None


def _where(place: Place) -> PlaceOut:
    return PlaceOut(office_id=place.office_id, start=_local(place.start))


def plan_view(stored: StoredPlan) -> PlanOut:
    """A rebalance plan as the manager reviews it: counts, each move, and who could not be placed."""
    plan = stored.plan
    unplaced = []
    for item in plan.unplaced:
        detail_en, detail_ar = UNPLACED_REASONS.get(item.reason, (item.reason, item.reason))
        unplaced.append(
            UnplacedOut(
                booking_code=item.booking_code,
                service=item.service,
                origin=_where(item.origin),
                reason=item.reason,
                reason_detail=detail_en,
                reason_detail_ar=detail_ar,
                later_services=list(item.later_services),
            )
        )
    return PlanOut(
        plan_id=stored.id,
        office_id=stored.office_id,
        first_day=stored.first_day.isoformat(),
        last_day=stored.last_day.isoformat(),
        status=stored.status,
        created_by=stored.created_by,
        created_at=instant(stored.created_at, TIMEZONE),
        applied_at=instant(stored.applied_at, TIMEZONE) if stored.applied_at else None,
        stats=msgspec.convert(msgspec.to_builtins(plan.stats), PlanStatsOut),
        moves=[
            MoveOut(
                booking_code=m.booking_code,
                service=m.service,
                origin=_where(m.origin),
                to=_where(Place(office_id=m.to.office_id, start=m.to.start)),
                distance_km=m.distance_km,
                later=[LaterVisitOut(v.service, _local(v.start)) for v in m.later],
            )
            for m in plan.moves
        ],
        unplaced=unplaced,
        result=applied_view(stored.result) if stored.result is not None else None,
    )


def applied_view(applied: Applied) -> AppliedOut:
    return AppliedOut(
        moved=applied.moved,
        cancelled=applied.cancelled,
        skipped=[SkippedOut(booking_code=s.booking_code, reason=s.reason) for s in applied.skipped],
        notifications=applied.notifications,
    )


class HourLoadOut(msgspec.Struct):
    hour: str
    capacity: int
    booked: int
    utilisation: float | None
    over_capacity: bool


class DayLoadOut(msgspec.Struct):
    date: str
    open: bool
    capacity: int
    booked: int
    hours: list[HourLoadOut]


class LoadOut(msgspec.Struct):
    """Booked against capacity per day and hour."""

    office_id: str
    days: list[DayLoadOut]


def load_view(office: Office, days: list[DayLoad]) -> LoadOut:
    return LoadOut(
        office_id=office.id,
        days=[
            DayLoadOut(
                date=d.day.isoformat(),
                open=d.open,
                capacity=d.capacity,
                booked=d.booked,
                hours=[
                    HourLoadOut(
                        hour=f"{h.hour:02d}:00",
                        capacity=h.capacity,
                        booked=h.booked,
                        utilisation=None if h.utilisation is None else round(h.utilisation, 3),
                        over_capacity=h.booked > h.capacity,
                    )
                    for h in d.hours
                ],
            )
            for d in days
        ],
    )
