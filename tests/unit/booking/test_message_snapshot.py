# ruff: noqa: E501  (snapshots are whole sentences, one per line)
"""The words a client gets for booking's refusals, snapshotted before they moved into
``booking/messages.py``: moving a message into the catalogue must not change code, detail or
detail_ar by one character."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from booking import appointments, churn, flexible_booking, identity, offer, release, request_offices, rules
from booking.identity import Identity, IdentityType
from booking.messages import MESSAGES
from booking.services import SERVICES
from booking.store import booking_requests as sbr
from booking.store import bookings as sb
from kernel.errors import Conflict, DomainError, InvalidInput, NotFound

T = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 9, 0)


def _status(status: str) -> Any:
    """A booking as far as the "not changeable" refusal reads it."""
    return SimpleNamespace(status=status)


AWARE = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)

RAISE: dict[str, Callable[[], Any]] = {
    "too_soon": lambda: rules.check_booking_window(NOW, NOW),
    "range": lambda: rules.check_request_window(T, T - timedelta(days=1), T, T),
    "window": lambda: rules.check_request_window(T - timedelta(days=1), T, T, T),
    "hidden_name": lambda: rules.clean_full_name("Ahmed\u202eAli"),
    "short_name": lambda: rules.clean_full_name("A"),
    "email": lambda: rules.clean_email("nope"),
    "id_len": lambda: identity.parse_national_id("123", T),
    "id_century": lambda: identity.parse_national_id("12345678901234", T),
    "passport": lambda: identity.parse_passport("x", "SDN"),
    "nationality": lambda: identity.parse_passport("A1234567", "XX"),
    "phone": lambda: identity.normalise_phone("123"),
    "identity": lambda: identity.parse_identity("other", "1", None, T),
    "nid_required": lambda: churn.national_id_required("Passport renewal", "تجديد جواز السفر"),
    "resched_booking": lambda: churn.booking_reschedule_limit(2),
    "resched_year": lambda: churn.yearly_reschedule_limit(4, 2026),
    "cancel": lambda: churn.cancellation_limit(3, date(2026, 12, 1)),
    "no_show": lambda: churn.no_show_ban(2, 90, date(2027, 1, 5)),
    "mobile": lambda: churn.mobile_booking_limit(5),
    "choice": lambda: request_offices.Reach.from_choice(None, None, None),
    "too_many": lambda: request_offices.Reach.from_choice([str(i) for i in range(20)], None, None),
    "location": lambda: request_offices.Reach.from_choice(None, None, (100.0, 0.0, 5.0)),
    "governorate": lambda: request_offices.accepted_in_governorate("atlantis", None, []),  # type: ignore[arg-type]
    "slot_full": sb.SLOT_FULL,
    "duplicate": sb.DUPLICATE,
    "limit": sb.LIMIT,
    "dup_request": sbr.DUPLICATE_REQUEST,
    "only_citizens": lambda: rules.check_eligibility(
        SERVICES["passport-new"], Identity(IdentityType.PASSPORT, "A1234567", "SDN")
    ),
    "only_foreigners": lambda: rules.check_eligibility(
        SERVICES["residence-new"], identity.identity_from_national_id("29001010100015", T)
    ),
    "id_birth": lambda: identity.parse_national_id("29013010100015", T),
    "id_future": lambda: identity.parse_national_id("32901010100015", T),
    "id_governorate": lambda: identity.parse_national_id("29001019900015", T),
    "none_in_governorate": lambda: request_offices.accepted_in_governorate(
        "cairo", SERVICES["passport-new"], []
    ),
    "none_near": lambda: request_offices.accepted_near(30.0, 31.0, 2.5, SERVICES["passport-new"], []),
    "too_far_rolling": lambda: release.ReleasePolicy(enabled=False).check(AWARE + timedelta(days=90), AWARE),
    "opens_on": lambda: release.ReleasePolicy().check(AWARE + timedelta(days=90), AWARE),
    "draw_running": lambda: release.ReleasePolicy().draw_running(date(2027, 1, 29)),
    "no_booking": appointments.NO_SUCH_BOOKING,
    "unknown_service": lambda: offer.unknown_service("xyz"),
    "office_not_found": lambda: offer.office_not_found("cairo-9"),
    "not_changeable_cancelled": lambda: appointments._not_changeable(_status("cancelled")),
    "not_changeable_checked_in": lambda: appointments._not_changeable(_status("checked_in")),
    "not_changeable_served": lambda: appointments._not_changeable(_status("served")),
    "not_changeable_no_show": lambda: appointments._not_changeable(_status("no_show")),
    "not_changeable_confirmed": lambda: appointments._not_changeable(_status("confirmed")),
    "no_request": flexible_booking.NO_SUCH_REQUEST,
    "time_of_day": lambda: flexible_booking._time_of_day("evening"),
}

EXPECTED: dict[str, tuple[type[DomainError], str, str, str]] = {
    "too_soon": (
        InvalidInput,
        "outside_booking_window",
        "This time is too soon: book at least one hour ahead.",
        "هذا الموعد قريب جدًا: يجب الحجز قبل الموعد بساعة على الأقل.",
    ),
    "range": (
        InvalidInput,
        "invalid_date_range",
        "'to' must not be before 'from'.",
        "يجب ألا يسبق تاريخ النهاية تاريخ البداية.",
    ),
    "window": (
        InvalidInput,
        "outside_booking_window",
        "Choose days from today up to 60 days ahead.",
        "اختر أيامًا تبدأ من اليوم ولا تتجاوز ستين يومًا مقبلة.",
    ),
    "hidden_name": (
        InvalidInput,
        "invalid_name",
        "The name contains invisible or text-direction characters (U+202E); type it again instead of pasting it.",
        "يحتوي الاسم على رموز غير مرئية أو رموز تغيّر اتجاه الكتابة؛ اكتبه بنفسك بدلًا من لصقه.",
    ),
    "short_name": (
        InvalidInput,
        "invalid_name",
        "Write your full name as on your ID.",
        "اكتب اسمك بالكامل كما هو في بطاقة الهوية.",
    ),
    "email": (
        InvalidInput,
        "invalid_email",
        "This e-mail address is not valid.",
        "عنوان البريد الإلكتروني غير صحيح.",
    ),
    "id_len": (
        InvalidInput,
        "invalid_national_id",
        "This is not a valid Egyptian national ID number: it must have exactly 14 digits.",
        "رقم قومي غير صحيح: يجب أن يتكون من ١٤ رقمًا.",
    ),
    "id_century": (
        InvalidInput,
        "invalid_national_id",
        "This is not a valid Egyptian national ID number: the first digit must be 2 or 3.",
        "رقم قومي غير صحيح: يجب أن يبدأ بالرقم ٢ أو ٣.",
    ),
    "passport": (
        InvalidInput,
        "invalid_passport",
        "A passport number has 6 to 12 Latin letters and digits.",
        "رقم جواز السفر يتكون من ٦ إلى ١٢ حرفًا لاتينيًا ورقمًا.",
    ),
    "nationality": (
        InvalidInput,
        "invalid_nationality",
        "Nationality must be an ISO 3166-1 alpha-3 country code, such as SDN or SYR.",
        "يجب كتابة الجنسية بالرمز الدولي المكون من ثلاثة أحرف، مثل SDN أو SYR.",
    ),
    "phone": (
        InvalidInput,
        "invalid_phone",
        "Enter an Egyptian mobile number such as 010 1234 5678 or +20 10 1234 5678.",
        "أدخل رقم محمول مصري مثل ٠١٠١٢٣٤٥٦٧٨ أو \u200e+20 10 1234 5678.",
    ),
    "identity": (
        InvalidInput,
        "invalid_identity",
        "Identity type must be national_id or passport.",
        "نوع الهوية يجب أن يكون رقمًا قوميًا أو جواز سفر.",
    ),
    "nid_required": (
        InvalidInput,
        "national_id_required",
        "Passport renewal needs an Egyptian national ID number; a passport, even an Egyptian one, is not enough to book it.",
        "تتطلب خدمة «تجديد جواز السفر» الرقم القومي المصري؛ ولا يكفي جواز السفر لحجزها ولو كان مصريًا.",
    ),
    "resched_booking": (
        Conflict,
        "reschedule_limit_booking",
        "This booking has already been moved 2 times, the most allowed. Keep this time, or cancel it and book again.",
        "نُقل موعد هذا الحجز 2 مرات بالفعل، وهو الحد المسموح به. يمكنك الإبقاء على هذا الموعد، أو إلغاء الحجز والحجز من جديد.",
    ),
    "resched_year": (
        Conflict,
        "reschedule_limit",
        "You have already moved 4 appointments in 2026, the most allowed in a year. Keep this time, or cancel it and book again.",
        "غيّرت مواعيد 4 حجوزات خلال عام 2026، وهو الحد المسموح به في العام. يمكنك الإبقاء على هذا الموعد، أو إلغاء الحجز والحجز من جديد.",
    ),
    "cancel": (
        Conflict,
        "cancellation_limit",
        "You cancelled 3 bookings this month, the most allowed, so you cannot book again before 2026-12-01.",
        "ألغيت 3 حجوزات هذا الشهر، وهو الحد المسموح به، لذا لا يمكنك الحجز مرة أخرى قبل 2026-12-01.",
    ),
    "no_show": (
        Conflict,
        "no_show_ban",
        "You missed 2 appointments within 90 days, so you cannot book before 2027-01-05. If you cannot come, cancel the booking in time.",
        "تغيّبت عن 2 مواعيد خلال 90 يومًا، لذا لا يمكنك الحجز قبل 2027-01-05. إذا تعذّر عليك الحضور فألغِ الحجز في وقته.",
    ),
    "mobile": (
        Conflict,
        "mobile_booking_limit",
        "This mobile number already has 5 active bookings, the most allowed for one number. Use the citizen's own mobile number, or cancel a booking first.",
        "لهذا الرقم المحمول 5 حجوزات قائمة بالفعل، وهو الحد المسموح به للرقم الواحد. استخدم رقم المحمول الخاص بصاحب الحجز، أو ألغِ أحد الحجوزات أولًا.",
    ),
    "choice": (
        InvalidInput,
        "invalid_offices_choice",
        "Name the offices you accept in one way: a list of offices, a governorate, or a point with a distance (near).",
        "حدِّد المكاتب التي تناسبك بطريقة واحدة فقط: قائمة مكاتب، أو محافظة، أو موقع مع أقصى مسافة (near).",
    ),
    "too_many": (
        InvalidInput,
        "too_many_offices",
        "Name at most 10 offices.",
        "يمكنك اختيار عشرة مكاتب على الأكثر.",
    ),
    "location": (
        InvalidInput,
        "invalid_location",
        "Give lat between -90 and 90, lon between -180 and 180, and max_km above 0 and at most 300.",
        "يجب أن يكون خط العرض بين \u200e-90 و90، وخط الطول بين \u200e-180 و180، وأقصى مسافة أكبر من صفر ولا تزيد على ٣٠٠ كم.",
    ),
    "governorate": (
        InvalidInput,
        "unknown_governorate",
        "There is no governorate 'atlantis'.",
        "لا توجد محافظة بالمعرّف «atlantis».",
    ),
    "slot_full": (
        Conflict,
        "slot_full",
        "This time is fully booked. Please choose another time.",
        "هذا الموعد مكتمل. يُرجى اختيار موعد آخر.",
    ),
    "duplicate": (
        Conflict,
        "duplicate_booking",
        "You already have an active booking for this service. Cancel or reschedule it instead.",
        "لديك حجز قائم لهذه الخدمة بالفعل. يمكنك إلغاؤه أو تغيير موعده.",
    ),
    "limit": (
        Conflict,
        "booking_limit",
        "You can hold at most 3 active bookings at a time.",
        "لا يمكن أن يكون لديك أكثر من ثلاثة حجوزات قائمة في وقت واحد.",
    ),
    "dup_request": (
        Conflict,
        "duplicate_request",
        "You already have a pending request for this service. Wait for its answer or cancel it first.",
        "لديك طلب قيد الانتظار لهذه الخدمة بالفعل. انتظر الرد عليه أو ألغِه أولًا.",
    ),
    "only_citizens": (
        InvalidInput,
        "identity_not_eligible",
        "New passport is only for Egyptian citizens.",
        "خدمة «استخراج جواز سفر لأول مرة» متاحة للمواطنين المصريين فقط.",
    ),
    "only_foreigners": (
        InvalidInput,
        "identity_not_eligible",
        "New residence permit is only for foreign nationals.",
        "خدمة «استخراج إقامة لأول مرة» متاحة للأجانب فقط.",
    ),
    "id_birth": (
        InvalidInput,
        "invalid_national_id",
        "This is not a valid Egyptian national ID number: the birth date in it is not a real date.",
        "رقم قومي غير صحيح: تاريخ الميلاد الوارد فيه غير صحيح.",
    ),
    "id_future": (
        InvalidInput,
        "invalid_national_id",
        "This is not a valid Egyptian national ID number: the birth date in it is in the future.",
        "رقم قومي غير صحيح: تاريخ الميلاد الوارد فيه في المستقبل.",
    ),
    "id_governorate": (
        InvalidInput,
        "invalid_national_id",
        "This is not a valid Egyptian national ID number: the governorate code in it does not exist.",
        "رقم قومي غير صحيح: كود المحافظة الوارد فيه غير موجود.",
    ),
    "none_in_governorate": (
        InvalidInput,
        "no_office_in_reach",
        "No office in Cairo offers New passport.",
        "لا يوجد مكتب في محافظة القاهرة يقدّم خدمة «استخراج جواز سفر لأول مرة».",
    ),
    "none_near": (
        InvalidInput,
        "no_office_in_reach",
        "No office offering New passport lies within 2.5 km.",
        "لا يوجد مكتب يقدّم خدمة «استخراج جواز سفر لأول مرة» في نطاق 2.5 كم من الموقع المحدد.",
    ),
    "too_far_rolling": (
        InvalidInput,
        "outside_booking_window",
        "Bookings open 60 days ahead; this time is further away.",
        "يُفتح الحجز قبل الموعد بـ٦٠ يومًا فقط، وهذا الموعد أبعد من ذلك.",
    ),
    "opens_on": (
        InvalidInput,
        "outside_booking_window",
        "Bookings for 2027-02-28 open on 2026-12-30 at 09:00 (Cairo time), 60 days ahead.",
        "يُفتح الحجز ليوم ٢٠٢٧-٠٢-٢٨ يوم ٢٠٢٦-١٢-٣٠ الساعة ٠٩:٠٠ بتوقيت القاهرة، قبل الموعد بـ٦٠ يومًا.",
    ),
    "draw_running": (
        Conflict,
        "release_draw_running",
        "The places on this day are being drawn by lot until 09:10 (Cairo time); choose another day or try again after the draw.",
        "تُوزَّع مواعيد هذا اليوم بالقرعة حتى الساعة ٠٩:١٠ بتوقيت القاهرة؛ اختر يومًا آخر أو حاول مرة أخرى بعد القرعة.",
    ),
    "no_booking": (
        NotFound,
        "booking_not_found",
        "No booking matches this code and identity number.",
        "لا يوجد حجز بهذا الكود ورقم الهوية.",
    ),
    "unknown_service": (
        InvalidInput,
        "unknown_service",
        "There is no service with the code 'xyz'.",
        "لا توجد خدمة بالرمز «xyz».",
    ),
    "office_not_found": (
        NotFound,
        "office_not_found",
        "There is no office 'cairo-9'.",
        "لا يوجد مكتب بالمعرّف «cairo-9».",
    ),
    "not_changeable_cancelled": (
        Conflict,
        "booking_not_changeable",
        "This booking is cancelled and can no longer be changed.",
        "لم يعد من الممكن تعديل هذا الحجز لأنه ملغى.",
    ),
    "not_changeable_checked_in": (
        Conflict,
        "booking_not_changeable",
        "This booking is checked in and can no longer be changed.",
        "لم يعد من الممكن تعديل هذا الحجز لأنه مسجَّل حضوره.",
    ),
    "not_changeable_served": (
        Conflict,
        "booking_not_changeable",
        "This booking is served and can no longer be changed.",
        "لم يعد من الممكن تعديل هذا الحجز لأنه منتهٍ.",
    ),
    "not_changeable_no_show": (
        Conflict,
        "booking_not_changeable",
        "This booking is no show and can no longer be changed.",
        "لم يعد من الممكن تعديل هذا الحجز لأنه فائت.",
    ),
    "not_changeable_confirmed": (
        Conflict,
        "booking_not_changeable",
        "This booking is confirmed and can no longer be changed.",
        "لم يعد من الممكن تعديل هذا الحجز لأنه غير قائم.",
    ),
    "no_request": (
        NotFound,
        "request_not_found",
        "No booking request matches this id and identity number.",
        "لا يوجد طلب حجز بهذا المعرّف ورقم الهوية.",
    ),
    "time_of_day": (
        InvalidInput,
        "invalid_time_of_day",
        "time_of_day must be morning (before 11:00), midday (11:00–13:00) or afternoon.",
        "يجب أن تكون الفترة المفضلة morning (قبل ١١ صباحًا) أو midday (من ١١ إلى ١ ظهرًا) أو afternoon (بعد ١ ظهرًا).",
    ),
}


def _caught(thunk: Callable[[], Any]) -> DomainError:
    try:
        made = thunk()
    except DomainError as error:
        return error
    assert isinstance(made, DomainError), "no refusal"
    return made


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_a_refusal_says_exactly_what_it_said_before_the_catalogue(case: str) -> None:
    error = _caught(RAISE[case])
    family, code, english, arabic = EXPECTED[case]
    assert (type(error), error.code, error.detail_en, error.detail_ar) == (family, code, english, arabic)


# Raised inside use-case methods that need stores to reach; their words as they were, filled in
# as the raise sites fill them.
FILLED: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "service_not_offered": (
        MESSAGES.texts(
            "service_not_offered",
            office_en="Abbasiya",
            office_ar="العباسية",
            service_en="New passport",
            service_ar="استخراج جواز سفر لأول مرة",
        ),
        ("Abbasiya does not offer New passport.", "خدمة «استخراج جواز سفر لأول مرة» غير متاحة في العباسية."),
    ),
    "range": (
        MESSAGES.texts("invalid_date_range.availability", max_days=62),
        (
            "'to' must not be before 'from', and the range at most 62 days.",
            "يجب ألا يسبق تاريخ النهاية تاريخ البداية، وألا تزيد المدة عن 62 يومًا.",
        ),
    ),
    "slot": (
        MESSAGES.texts("slot_not_offered"),
        (
            "This office offers no slot for this service at that time.",
            "لا يوجد موعد متاح لهذه الخدمة في هذا المكتب في ذلك الوقت.",
        ),
    ),
    "booking_changed": (
        MESSAGES.texts("booking_changed"),
        (
            "This booking changed meanwhile; look it up again.",
            "تغيَّر هذا الحجز في هذه الأثناء؛ يُرجى عرضه من جديد.",
        ),
    ),
    "request": (
        MESSAGES.texts("request_not_changeable", status="assigned"),
        ("This request is assigned and can no longer be cancelled.", "لم يعد من الممكن إلغاء هذا الطلب."),
    ),
    "request_booked": (
        MESSAGES.texts("request_not_changeable.booked", status="assigned"),
        (
            "This request is assigned and can no longer be cancelled here; cancel the booking instead.",
            "لم يعد من الممكن إلغاء هذا الطلب؛ يمكنك إلغاء الحجز نفسه.",
        ),
    ),
}


@pytest.mark.parametrize("case", sorted(FILLED))
def test_a_message_raised_deep_in_a_use_case_says_what_it_said(case: str) -> None:
    said, before = FILLED[case]
    assert said == before


def test_numbers_written_into_the_catalogue_are_the_ones_the_rules_apply() -> None:
    """The catalogue writes some limits out (three bookings, ten offices, 300 km) as a native
    speaker would; when a limit changes, its sentence must change with it."""
    assert (rules.MAX_ACTIVE_BOOKINGS, request_offices.MAX_OFFICES, request_offices.MAX_RADIUS_KM) == (
        3,
        10,
        300,
    )
    assert "at most 3 active" in MESSAGES.texts("booking_limit")[0]
    assert "ثلاثة" in MESSAGES.texts("booking_limit")[1]
    assert "at most 10 offices" in MESSAGES.texts("too_many_offices")[0]
    assert "عشرة" in MESSAGES.texts("too_many_offices")[1]
    assert "at most 300." in MESSAGES.texts("invalid_location")[0]
    assert "٣٠٠ كم" in MESSAGES.texts("invalid_location")[1]
