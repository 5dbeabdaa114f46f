"""How flexible requests, optimiser jobs and rebalance plans look in JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from api.views import booking_view, instant
from booking.booking_requests import BookingRequest, RequestStatus
from booking.bookings import Booking
from booking.offices import TIMEZONE, Office
from booking.release import ReleasePolicy
from planning.jobs import failure_reason
from planning.notifications import reason_text
from planning.office_load import DayLoad
from planning.rebalancing import UNPLACED_REASONS
from planning.store.jobs import Job


def request_view(
    request: BookingRequest,
    booking: Booking | None = None,
    office: Office | None = None,
    release: ReleasePolicy | None = None,
) -> dict[str, Any]:
    """A request as its citizen follows it; an entry into a day's opening draw also says which
    slot was chosen and when the draw is decided (``release`` gives the time)."""
    reach = {k: v for k, v in request.reach.items() if k != "offices"}
    view: dict[str, Any] = {
        "request_id": request.id,
        "status": request.status.value,
        "service": request.service,
        "from": request.first_day.isoformat(),
        "to": request.last_day.isoformat(),
        "time_of_day": request.time_of_day,
        "offices": [{"office_id": o.office_id, "distance_km": o.distance_km} for o in request.offices],
        "asked_for": reach,
        "identity_type": request.identity_type,
        "identity_last4": request.identity_last4,
        "created_at": instant(request.created_at, TIMEZONE),
        "updated_at": instant(request.updated_at, TIMEZONE),
    }
    if request.preferred_start is not None:
        view["draw"] = {
            "day": request.first_day.isoformat(),
            "preferred_start": instant(request.preferred_start, TIMEZONE),
            "decided_at": instant(release.draw_closes(request.first_day), TIMEZONE) if release else None,
        }
    if booking is not None:
        view["booking"] = booking_view(booking, office)
    if request.status is RequestStatus.UNASSIGNED and request.reason:
        detail_en, detail_ar = reason_text(request.reason)
        view.update(reason=request.reason, reason_detail=detail_en, reason_detail_ar=detail_ar)
    return view


def job_view(job: Job) -> dict[str, Any]:
    """A job as the database says it is (``status`` never guessed by the reader); a failed one
    says why: ``reason`` (``interrupted``, ``stopped`` or ``error``) with its detail in both
    languages where there is one (``error`` keeps the English, as before)."""
    view: dict[str, Any] = {
        "job_id": job.id,
        "status": job.status,
        "progress": {"fraction": round(job.progress, 3), "phase": job.phase},
        "requested_by": job.requested_by,
        "scope": job.scope,
        "created_at": instant(job.created_at, TIMEZONE),
        "started_at": instant(job.started_at, TIMEZONE) if job.started_at else None,
        "finished_at": instant(job.finished_at, TIMEZONE) if job.finished_at else None,
        "result": job.result,
        "error": None,
    }
    failed = failure_reason(job)
    if failed is not None:
        reason, detail_en, detail_ar = failed
        view.update(error=detail_en, reason=reason, reason_detail=detail_en, reason_detail_ar=detail_ar)
    return view


def _local(iso: str) -> str:
    return instant(datetime.fromisoformat(iso), TIMEZONE)


def _where(place: dict[str, Any]) -> dict[str, Any]:
    return {"office_id": place["office_id"], "start": _local(place["start"])}


def plan_view(row: dict[str, Any]) -> dict[str, Any]:
    """A rebalance plan as the manager reviews it: counts, each move, and who could not be placed."""
    plan = row["plan"]
    unplaced = []
    for item in plan["unplaced"]:
        detail_en, detail_ar = UNPLACED_REASONS.get(item["reason"], (item["reason"], item["reason"]))
        unplaced.append(
            {
                "booking_code": item["booking_code"],
                "service": item["service"],
                "from": _where(item["from"]),
                "reason": item["reason"],
                "reason_detail": detail_en,
                "reason_detail_ar": detail_ar,
            }
        )
    return {
        "plan_id": row["id"],
        "office_id": row["office_id"],
        "from": row["first_day"].isoformat(),
        "to": row["last_day"].isoformat(),
        "status": row["status"],
        "created_by": row["created_by"],
        "created_at": instant(row["created_at"], TIMEZONE),
        "applied_at": instant(row["applied_at"], TIMEZONE) if row["applied_at"] else None,
        "stats": plan["stats"],
        "moves": [
            {
                "booking_code": m["booking_code"],
                "service": m["service"],
                "from": _where(m["from"]),
                "to": _where(m["to"]),
                "distance_km": m["distance_km"],
            }
            for m in plan["moves"]
        ],
        "unplaced": unplaced,
        "result": row["result"],
    }


def load_view(office: Office, days: list[DayLoad]) -> dict[str, Any]:
    return {
        "office_id": office.id,
        "days": [
            {
                "date": d.day.isoformat(),
                "open": d.open,
                "capacity": d.capacity,
                "booked": d.booked,
                "hours": [
                    {
                        "hour": f"{h.hour:02d}:00",
                        "capacity": h.capacity,
                        "booked": h.booked,
                        "utilisation": None if h.utilisation is None else round(h.utilisation, 3),
                        "over_capacity": h.booked > h.capacity,
                    }
                    for h in d.hours
                ],
            }
            for d in days
        ],
    }
