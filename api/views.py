"""How domain objects look in JSON: instants in the office's zone with their offset."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from booking.appointments import DayAvailability
from booking.bookings import Booking
from booking.calendar import to_local
from booking.offices import Office
from booking.release import ReleasePolicy
from booking.services import SERVICES, Service


def instant(value: datetime, tz: str) -> str:
    return to_local(value, tz).isoformat()


def service_view(service: Service) -> dict[str, Any]:
    return {
        "code": service.code,
        "name_en": service.name_en,
        "name_ar": service.name_ar,
        "duration_minutes": service.duration_minutes,
        "eligibility": service.eligibility.value,
        "documents_en": list(service.documents_en),
        "documents_ar": list(service.documents_ar),
        "ticket_prefix": service.ticket_prefix,
    }


def office_view(office: Office, detailed: bool = False) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": office.id,
        "name_en": office.name_en,
        "name_ar": office.name_ar,
        "governorate": office.governorate,
        "address_en": office.address_en,
        "address_ar": office.address_ar,
        "lat": office.lat,
        "lon": office.lon,
        "services": list(office.services),
    }
    if detailed:
        view["hours"] = office.hours.to_json()
        view["timezone"] = office.timezone
        view["slot_minutes"] = office.slot_minutes
        view["counters"] = [
            {"id": c.id, "label": c.label, "services": sorted(c.services), "active": c.active}
            for c in office.counters
        ]
    return view


def availability_view(
    office: Office,
    service: str,
    days: list[DayAvailability],
    release: ReleasePolicy | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Free slots per day. A day whose opening draw is collecting entries carries ``draw_until``;
    with fair releases on, ``release`` says which day opens next and when (``booking.release``)."""
    tz = office.timezone
    view: dict[str, Any] = {
        "office_id": office.id,
        "service": service,
        "days": [_day_view(day, tz) for day in days],
    }
    if release is not None and release.enabled and now is not None:
        day, opens = release.next_opening(now)
        view["release"] = {
            "next_day": day.isoformat(),
            "opens_at": instant(opens, tz),
            "draw_minutes": release.draw_minutes,
        }
    return view


def _day_view(day: DayAvailability, tz: str) -> dict[str, Any]:
    view: dict[str, Any] = {
        "date": day.day.isoformat(),
        "open": day.open,
        "holiday": day.holiday,
        "slots": [
            {"start": instant(slot.start, tz), "end": instant(slot.end, tz), "remaining": remaining}
            for slot, remaining in day.slots
        ],
    }
    if day.draw_until is not None:
        view["draw_until"] = instant(day.draw_until, tz)
    return view


def mask_phone(phone: str) -> str:
    return phone[:5] + "•" * (len(phone) - 8) + phone[-3:]


def booking_view(booking: Booking, office: Office | None) -> dict[str, Any]:
    tz = office.timezone if office else "Africa/Cairo"
    service = SERVICES[booking.service]
    view: dict[str, Any] = {
        "code": booking.code,
        "status": booking.status.value,
        "service": booking.service,
        "service_name_en": service.name_en,
        "service_name_ar": service.name_ar,
        "office_id": booking.office_id,
        "start": instant(booking.starts_at, tz),
        "end": instant(booking.ends_at, tz),
        "date": booking.day.isoformat(),
        "full_name": booking.full_name,
        "phone": mask_phone(booking.phone),
        "identity_type": booking.identity_type,
        "identity_last4": booking.identity_last4,
        "documents_en": list(service.documents_en),
        "documents_ar": list(service.documents_ar),
        "created_at": instant(booking.created_at, tz),
    }
    if office:
        view["office"] = office_view(office)
    return view
