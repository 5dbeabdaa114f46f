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
        raise InvalidInput(
            "outside_booking_window",
            "This time is too soon: book at least one hour ahead.",
            "هذا الموعد قريب جدًا: يجب الحجز قبل الموعد بساعة على الأقل.",
        )


def check_request_window(first: date, last: date, today: date, latest: date) -> None:
    """A flexible request's days lie between ``today`` and ``latest`` (the last day open), in order."""
    if last < first:
        raise InvalidInput(
            "invalid_date_range",
            "'to' must not be before 'from'.",
            "يجب ألا يسبق تاريخ النهاية تاريخ البداية.",
        )
    if first < today or last > latest:
        raise InvalidInput(
            "outside_booking_window",
            "Choose days from today up to 60 days ahead.",
            "اختر أيامًا تبدأ من اليوم ولا تتجاوز ستين يومًا مقبلة.",
        )


def check_eligibility(service: Service, identity: Identity) -> None:
    """Passport services are for citizens, residence services for foreigners.

    A citizen-only service needs a national ID: a passport's nationality is only what the
    citizen typed (nothing checks it), so a made-up "EGY" passport would make identities free. An
    Egyptian passport is told to use the national ID; a foreign one that the service is for
    citizens."""
    citizen_only = service.eligibility is Eligibility.CITIZEN
    if citizen_only and identity.type is not IdentityType.NATIONAL_ID and identity.is_citizen:
        raise national_id_required(service.name_en, service.name_ar)
    allowed = (
        service.eligibility is Eligibility.ANY
        or (service.eligibility is Eligibility.CITIZEN and identity.is_citizen)
        or (service.eligibility is Eligibility.FOREIGNER and not identity.is_citizen)
    )
    if not allowed:
        who_en, who_ar = (
            ("Egyptian citizens", "للمواطنين المصريين")
            if service.eligibility is Eligibility.CITIZEN
            else ("foreign nationals", "للأجانب")
        )
        raise InvalidInput(
            "identity_not_eligible",
            f"{service.name_en} is only for {who_en}.",
            f"خدمة «{service.name_ar}» متاحة {who_ar} فقط.",
        )


def clean_full_name(raw: str) -> str:
    """The name with its spaces tidied, or ``invalid_name`` when it cannot be a full name: too short
    or long, hiding invisible or direction-changing characters, or with no visible letter
    (``booking.name_characters``)."""
    from booking.name_characters import has_visible_letter, hidden_characters

    name = " ".join(raw.split())
    hidden = hidden_characters(name)
    if hidden:
        raise InvalidInput(
            "invalid_name",
            f"The name contains invisible or text-direction characters ({', '.join(hidden[:3])}); "
            "type it again instead of pasting it.",
            "يحتوي الاسم على رموز غير مرئية أو رموز تغيّر اتجاه الكتابة؛ اكتبه بنفسك بدلًا من لصقه.",
        )
    if not 3 <= len(name) <= 200 or not has_visible_letter(name):
        raise InvalidInput(
            "invalid_name",
            "Write your full name as on your ID.",
            "اكتب اسمك بالكامل كما هو في بطاقة الهوية.",
        )
    return name


def clean_email(raw: str | None) -> str | None:
    """An e-mail address, None when none was given, or ``invalid_email``."""
    email = (raw or "").strip()
    if email and not _EMAIL.match(email):
        raise InvalidInput(
            "invalid_email", "This e-mail address is not valid.", "عنوان البريد الإلكتروني غير صحيح."
        )
    return email or None
