"""How domain objects look in JSON: instants in the office's zone with their offset.

Each answer is a ``msgspec.Struct`` whose fields are the JSON keys in the order they are sent;
a key that is sometimes absent is ``UNSET`` then (omitted, not null), so the OpenAPI document
says exactly what a client gets. Names here are the HTTP contract (DESIGN.md §4): add, never rename.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime, time

import msgspec
from msgspec import UNSET, UnsetType

from booking.appointments import DayAvailability
from booking.bookings import Booking
from booking.calendar import to_local
from booking.capacity import Slot
from booking.channels import in_seniors_hours
from booking.offices import Office
from booking.release import ReleasePolicy
from booking.services import SERVICES, Service
from booking.verification import HeldBooking, VerificationPolicy
from kernel.days import TIMEZONE


def instant(value: datetime, tz: str) -> str:
    return to_local(value, tz).isoformat()


@functools.lru_cache(maxsize=1 << 16)
def _slot_instant(value: datetime, tz: str) -> str:
    """``instant`` for slot times: the same few thousand starts and ends are written every second."""
    return instant(value, tz)


class ServiceOut(msgspec.Struct):
    """A service that can be booked."""

    code: str
    name_en: str
    name_ar: str
    duration_minutes: int
    eligibility: str
    documents_en: list[str]
    documents_ar: list[str]
    ticket_prefix: str
    walk_in_only: bool = False
    """Not booked: served to whoever takes a ticket at the office's kiosk (collecting a finished
    document, the pick-up lane)."""


class OfficeOut(msgspec.Struct):
    """An office as the lists show it."""

    id: str
    name_en: str
    name_ar: str
    governorate: str
    address_en: str
    address_ar: str
    lat: float
    lon: float
    services: list[str]


class OfficeCounterOut(msgspec.Struct):
    id: int
    label: str
    services: list[str]
    active: bool


class OfficeDetailOut(OfficeOut):
    """One office, with its opening hours (``{"sun": ["08:00", "15:00"], ...}``) and counters."""

    hours: dict[str, list[str]]
    timezone: str
    slot_minutes: int
    counters: list[OfficeCounterOut]


class VisitOut(msgspec.Struct):
    """One service of a booking (or of a chain on offer) at its slot."""

    service: str
    start: str
    end: str


class SlotOut(msgspec.Struct):
    start: str
    end: str
    """For a chain: when its last visit ends."""
    remaining: int
    """For a chain: the fewest seats any of its visits' slots has left."""
    visits: list[VisitOut] | UnsetType = UNSET
    """Only when several services were asked for: each visit of the chain starting here."""
    seniors_only: bool | UnsetType = UNSET
    """True when the slot lies in the office's seniors' hours: only applicants 60 or over on the
    day (or a clerk's booking) may book it (``booking.channels``)."""


class DayOut(msgspec.Struct):
    date: str
    open: bool
    holiday: str | None
    slots: list[SlotOut]
    draw_until: str | UnsetType = UNSET
    """Only on a day whose opening draw is collecting entries: when it stops collecting."""


class ReleaseOut(msgspec.Struct):
    next_day: str
    opens_at: str
    draw_minutes: int


class AvailabilityOut(msgspec.Struct):
    office_id: str
    service: str
    """The service asked for; for a chain, its first in the order served."""
    days: list[DayOut]
    release: ReleaseOut | UnsetType = UNSET
    """Only with fair releases on: which day opens next, and when."""
    services: list[str] | UnsetType = UNSET
    """Only when several services were asked for: the chain in the order the office serves them."""


class BookingOut(msgspec.Struct):
    """A booking as its citizen sees it; the mobile is masked."""

    code: str
    status: str
    service: str
    service_name_en: str
    service_name_ar: str
    office_id: str
    start: str
    end: str
    date: str
    full_name: str
    phone: str
    identity_type: str
    identity_last4: str
    documents_en: list[str]
    documents_ar: list[str]
    """Every paper the booking's services ask for, each once."""
    created_at: str
    visits: list[VisitOut]
    """Every service of the booking at its slot, in the order served (one for a single service)."""
    office: OfficeOut | UnsetType = UNSET
    office_change: OfficeChangeOut | UnsetType = UNSET
    """Present when the office last moved or cancelled the booking: when, and why."""
    channel: str = "online"
    """How it was made: ``online``, or by a clerk at the office's ``desk`` or on its ``phone`` line."""
    headcount: int = 1
    """How many people the booking is for (README, "Several people, one appointment")."""
    people: list[PersonOut] = msgspec.field(default_factory=list)
    """Everyone the booking is for, the applicant first (position 1), by name and the last four
    digits of their identity number; a person removed is no longer listed."""


class PersonOut(msgspec.Struct):
    """One person of a booking: ``position`` is their place (1 the applicant), which a removal
    (``DELETE /api/v1/bookings/{code}/people/{position}``) names."""

    position: int
    full_name: str
    identity_type: str
    identity_last4: str


class OfficeChangeOut(msgspec.Struct):
    """The office moved or cancelled the booking at ``at`` because of ``why_en`` / ``why_ar``
    (completing "… because …")."""

    at: str
    why_en: str
    why_ar: str


def _office_change(booking: Booking, tz: str) -> OfficeChangeOut | UnsetType:
    if booking.office_changed_at is None:
        return UNSET
    return OfficeChangeOut(
        at=instant(booking.office_changed_at, tz),
        why_en=booking.office_change_en or "",
        why_ar=booking.office_change_ar or "",
    )


def service_view(service: Service) -> ServiceOut:
    return ServiceOut(
        code=service.code,
        name_en=service.name_en,
        name_ar=service.name_ar,
        duration_minutes=service.duration_minutes,
        eligibility=service.eligibility.value,
        documents_en=list(service.documents_en),
        documents_ar=list(service.documents_ar),
        ticket_prefix=service.ticket_prefix,
        walk_in_only=service.walk_in_only,
    )


def office_view(office: Office) -> OfficeOut:
    return OfficeOut(
        id=office.id,
        name_en=office.name_en,
        name_ar=office.name_ar,
        governorate=office.governorate,
        address_en=office.address_en,
        address_ar=office.address_ar,
        lat=office.lat,
        lon=office.lon,
        services=list(office.services),
    )


def office_detail_view(office: Office) -> OfficeDetailOut:
    """The office with its hours, time zone, slot length and counters (after the list's fields)."""
    return OfficeDetailOut(
        **msgspec.structs.asdict(office_view(office)),
        hours=office.hours.to_json(),
        timezone=office.timezone,
        slot_minutes=office.slot_minutes,
        counters=[
            OfficeCounterOut(id=c.id, label=c.label, services=sorted(c.services), active=c.active)
            for c in office.counters
        ],
    )


def availability_view(
    office: Office,
    service: str,
    days: list[DayAvailability],
    release: ReleasePolicy | None = None,
    now: datetime | None = None,
    chain: tuple[str, ...] = (),
) -> AvailabilityOut:
    """Free slots per day. A day whose opening draw is collecting entries carries ``draw_until``;
    with fair releases on, ``release`` says which day opens next and when (``booking.release``).
    For a ``chain`` of several services, the starts at which it fits, with each one's visits."""
    tz = office.timezone
    band = office.seniors_hours
    view = AvailabilityOut(
        office_id=office.id, service=service, days=[_day_view(day, tz, band) for day in days]
    )
    if len(chain) > 1:
        view.services = list(chain)
    if release is not None and release.enabled and now is not None:
        day, opens = release.next_opening(now)
        view.release = ReleaseOut(
            next_day=day.isoformat(), opens_at=instant(opens, tz), draw_minutes=release.draw_minutes
        )
    return view


def day_view(office: Office, day: DayAvailability) -> DayOut:
    """One day of ``availability_view``'s ``days``."""
    return _day_view(day, office.timezone, office.seniors_hours)


def _day_view(day: DayAvailability, tz: str, band: tuple[time, time] | None = None) -> DayOut:
    slots = [_slot_view(slot, remaining, day.later.get(slot.start), tz) for slot, remaining in day.slots]
    if band is not None:
        for out, (slot, _) in zip(slots, day.slots, strict=True):
            if in_seniors_hours(band, to_local(slot.start, tz).time()):
                out.seniors_only = True
    return DayOut(
        date=day.day.isoformat(),
        open=day.open,
        holiday=day.holiday,
        slots=slots,
        draw_until=instant(day.draw_until, tz) if day.draw_until is not None else UNSET,
    )


def _slot_view(slot: Slot, remaining: int, later: tuple[tuple[Slot, int], ...] | None, tz: str) -> SlotOut:
    at = _slot_instant
    if later is None:
        return SlotOut(start=at(slot.start, tz), end=at(slot.end, tz), remaining=remaining)
    chain = [slot, *(visit for visit, _ in later)]
    return SlotOut(
        start=at(slot.start, tz),
        end=at(chain[-1].end, tz),
        remaining=remaining,
        visits=[VisitOut(s.service, at(s.start, tz), at(s.end, tz)) for s in chain],
    )


def documents(services: Sequence[str]) -> tuple[list[str], list[str]]:
    """The papers these services ask for, English and Arabic, each once in the order first asked."""
    english: dict[str, None] = {}
    arabic: dict[str, None] = {}
    for code in services:
        english.update(dict.fromkeys(SERVICES[code].documents_en))
        arabic.update(dict.fromkeys(SERVICES[code].documents_ar))
    return list(english), list(arabic)


def visits_view(booking: Booking, tz: str) -> list[VisitOut]:
    return [VisitOut(v.service, instant(v.starts_at, tz), instant(v.ends_at, tz)) for v in booking.visits]


def mask_phone(phone: str) -> str:
    return phone[:5] + "•" * (len(phone) - 8) + phone[-3:]


def booking_view(booking: Booking, office: Office | None) -> BookingOut:
    tz = office.timezone if office else TIMEZONE
    service = SERVICES[booking.service]
    papers_en, papers_ar = documents(booking.services)
    return BookingOut(
        code=booking.code,
        status=booking.status.value,
        service=booking.service,
        service_name_en=service.name_en,
        service_name_ar=service.name_ar,
        office_id=booking.office_id,
        start=instant(booking.starts_at, tz),
        end=instant(booking.ends_at, tz),
        date=booking.day.isoformat(),
        full_name=booking.applicant.full_name,
        phone=mask_phone(booking.applicant.phone),
        identity_type=booking.applicant.identity_type,
        identity_last4=booking.applicant.identity_last4,
        documents_en=papers_en,
        documents_ar=papers_ar,
        created_at=instant(booking.created_at, tz),
        visits=visits_view(booking, tz),
        office=office_view(office) if office else UNSET,
        office_change=_office_change(booking, tz),
        headcount=booking.headcount,
        people=people_view(booking),
        channel=booking.channel,
    )


def people_view(booking: Booking) -> list[PersonOut]:
    """The applicant, then every companion still on the booking."""
    applicant = booking.applicant
    return [
        PersonOut(1, applicant.full_name, applicant.identity_type, applicant.identity_last4),
        *(PersonOut(c.person + 1, c.full_name, c.identity_type, c.identity_last4) for c in booking.party),
    ]


class HoldOut(msgspec.Struct):
    """A seat held until the code texted to the mobile is typed."""

    hold_id: str
    status: str
    """``awaiting_verification``."""
    expires_at: datetime
    """When the seat is let go unless confirmed."""
    resend_at: datetime
    """From when another code may be asked for."""
    sends_left: int
    """How many more times the code may be sent."""
    phone_last4: str
    """The last four digits of the mobile the code went to."""
    kind: str = "booking"
    """What the code confirms: ``booking``."""


def hold_view(held: HeldBooking, policy: VerificationPolicy) -> HoldOut:
    hold = held.hold
    return HoldOut(
        hold_id=hold.hold_id,
        status=hold.status.value,
        expires_at=hold.expires_at,
        resend_at=hold.last_sent_at + policy.resend_after,
        sends_left=max(0, policy.max_sends - hold.sends),
        phone_last4=held.booking.applicant.phone[-4:],
    )
