"""Booking rules that do not need the database: the booking window and eligibility.

The rules that do need it — one active booking per identity and service, at most
``MAX_ACTIVE_BOOKINGS`` per identity, no slot over capacity — are enforced by the database in
single statements (see ``booking.store``), because a read-then-write check in Python would let two
concurrent requests both pass.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from enum import StrEnum

from booking.churn import national_id_required
from booking.identity import Identity, IdentityType
from booking.messages import MESSAGES
from booking.services import Eligibility, Service
from kernel.errors import InvalidInput

MIN_LEAD = timedelta(hours=1)
MAX_AHEAD = timedelta(days=60)
MAX_ACTIVE_BOOKINGS = 3
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class BookingStatus(StrEnum):
    CONFIRMED = "confirmed"
    CHECKED_IN = "checked_in"
    SERVED = "served"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


ACTIVE_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN)


def check_booking_window(start: datetime, now: datetime) -> None:
    """A slot must start at least an hour from now. How far ahead a day may be booked is the
    release policy's business (``booking.release``): days open whole, at a fixed hour."""
    if start < now + MIN_LEAD:
        raise MESSAGES.error(InvalidInput, "outside_booking_window.too_soon")


def check_request_window(first: date, last: date, today: date, latest: date) -> None:
    """A flexible request's days lie between ``today`` and ``latest`` (the last day open), in order."""
    if last < first:
        raise MESSAGES.error(InvalidInput, "invalid_date_range")
    if first < today or last > latest:
        raise MESSAGES.error(InvalidInput, "outside_booking_window.request_days")


def check_eligibility(service: Service, identity: Identity) -> None:
    """Passport services are for citizens, residence services for foreigners.

    A citizen-only service needs a national ID: a passport's nationality is only what the
    citizen typed (nothing checks it), so a made-up "EGY" passport would make identities free. An
    Egyptian passport is told to use the national ID; a foreign one that the service is for
    citizens. A walk-in-only service (collecting a finished document) is never booked: the
    citizen is told to come and take a ticket."""
    if service.walk_in_only:
        raise MESSAGES.error(
            InvalidInput, "walk_in_only", service_en=service.name_en, service_ar=service.name_ar
        )
    citizen_only = service.eligibility is Eligibility.CITIZEN
    if citizen_only and identity.type is not IdentityType.NATIONAL_ID and identity.is_citizen:
        raise national_id_required(service.name_en, service.name_ar)
    allowed = (
        service.eligibility is Eligibility.ANY
        or (service.eligibility is Eligibility.CITIZEN and identity.is_citizen)
        or (service.eligibility is Eligibility.FOREIGNER and not identity.is_citizen)
    )
    if not allowed:
        only = "citizens" if service.eligibility is Eligibility.CITIZEN else "foreigners"
        raise MESSAGES.error(
            InvalidInput,
            f"identity_not_eligible.{only}",
            service_en=service.name_en,
            service_ar=service.name_ar,
        )


def clean_full_name(raw: str) -> str:
    """The name with its spaces tidied, or ``invalid_name`` when it cannot be a full name: too short
    or long, hiding invisible or direction-changing characters, or with no visible letter
    (``booking.name_characters``)."""
    from booking.name_characters import has_visible_letter, hidden_characters

    name = " ".join(raw.split())
    hidden = hidden_characters(name)
    if hidden:
        raise MESSAGES.error(InvalidInput, "invalid_name.hidden_characters", characters=", ".join(hidden[:3]))
    if not 3 <= len(name) <= 200 or not has_visible_letter(name):
        raise MESSAGES.error(InvalidInput, "invalid_name")
    return name


def clean_email(raw: str | None) -> str | None:
    """An e-mail address, None when none was given, or ``invalid_email``."""
    email = (raw or "").strip()
    if email and not _EMAIL.match(email):
        raise MESSAGES.error(InvalidInput, "invalid_email")
    return email or None
