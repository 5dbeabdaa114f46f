"""The words a kiosk or a counter gets for the hall's refusals, snapshotted before they moved into
``queue_display/messages.py``: code, detail and detail_ar must not change by one character."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kernel.errors import Conflict, DomainError, InvalidInput, NotFound
from queue_display import errors as q
from queue_display import events

RAISE: dict[str, Callable[[], DomainError]] = {
    "illegal_known": lambda: q.illegal_transition("A-012", "done", "call"),
    "illegal_serving": lambda: q.illegal_transition("B-003", "serving", "no_show"),
    "illegal_unknown": lambda: q.illegal_transition("C-001", "lost", "fly"),
    "ticket_not_found": lambda: q.ticket_not_found("t-9"),
    "already_checked_in": lambda: q.already_checked_in("K7M2QX"),
    "counter_not_open": lambda: q.counter_not_open("c3"),
    "counter_busy": lambda: q.counter_busy("c3", "A-012"),
    "same_service": lambda: q.transfer_to_same_service("passport-new"),
    "invalid_national_id": lambda: q.invalid_national_id(),
    "ticket_busy": lambda: q.ticket_busy("A-012"),
    "booking_not_found": lambda: q.booking_not_found("K7M2QX"),
    "wrong_office": lambda: q.wrong_office("K7M2QX"),
    "wrong_day": lambda: q.wrong_day("K7M2QX"),
    "booking_cancelled": lambda: q.booking_cancelled("K7M2QX"),
    "office_closed": lambda: q.office_closed("Abbasiya office", "مكتب العباسية"),
    "counter_not_found": lambda: q.counter_not_found("c9"),
    "counter_inactive": lambda: q.counter_inactive("3"),
    "invalid_priority": lambda: q.invalid_priority("vip", "normal, senior"),
    "invalid_counter_status": lambda: q.invalid_counter_status("gone", "open, paused"),
}

EXPECTED: dict[str, tuple[type[DomainError], str, str, str]] = {
    "illegal_known": (
        Conflict,
        "illegal_transition",
        "Ticket A-012 is done; it cannot be called.",
        "حالة التذكرة A-012 الآن «انتهت الخدمة»، ولا يمكن النداء عليها.",
    ),
    "illegal_serving": (
        Conflict,
        "illegal_transition",
        "Ticket B-003 is being served; it cannot be marked as a no-show.",
        "حالة التذكرة B-003 الآن «قيد الخدمة»، ولا يمكن تسجيل عدم الحضور لها.",
    ),
    "illegal_unknown": (
        Conflict,
        "illegal_transition",
        "Ticket C-001 is lost; it cannot be fly.",
        "حالة التذكرة C-001 الآن «lost»، ولا يمكن fly.",
    ),
    "ticket_not_found": (
        NotFound,
        "ticket_not_found",
        "No ticket t-9 in this office.",
        "لا توجد تذكرة t-9 في هذا المكتب.",
    ),
    "already_checked_in": (
        Conflict,
        "already_checked_in",
        "Booking K7M2QX has already been checked in today.",
        "تم تسجيل حضور الحجز K7M2QX اليوم بالفعل.",
    ),
    "counter_not_open": (
        Conflict,
        "counter_not_open",
        "Counter c3 is not open; open it before calling tickets.",
        "الشباك c3 غير مفتوح؛ افتحه قبل نداء التذاكر.",
    ),
    "counter_busy": (
        Conflict,
        "counter_busy",
        "Counter c3 still has ticket A-012; finish it before calling the next.",
        "الشباك c3 ما زال يخدم التذكرة A-012؛ أنهِها قبل نداء التالية.",
    ),
    "same_service": (
        InvalidInput,
        "transfer_to_same_service",
        "The ticket is already for passport-new.",
        "التذكرة بالفعل للخدمة passport-new.",
    ),
    "invalid_national_id": (
        InvalidInput,
        "invalid_national_id",
        "The national ID must be 14 digits starting with a real birth date.",
        "الرقم القومي يجب أن يتكون من ١٤ رقمًا ويبدأ بتاريخ ميلاد صحيح.",
    ),
    "ticket_busy": (
        Conflict,
        "ticket_busy",
        "Ticket A-012 is being changed from another counter; try again.",
        "يجري تعديل التذكرة A-012 من شباك آخر؛ حاول مرة أخرى.",
    ),
    "booking_not_found": (
        NotFound,
        "booking_not_found",
        "No booking has the code K7M2QX; check the code on the confirmation.",
        "لا يوجد حجز بالكود K7M2QX؛ راجع كود الحجز المكتوب في رسالة التأكيد.",
    ),
    "wrong_office": (
        Conflict,
        "wrong_office",
        "Booking K7M2QX is not for this office today. Check the office on your booking card.",
        "الحجز K7M2QX ليس لهذا المكتب اليوم. راجِع المكتب المدوَّن في بطاقة حجزك.",
    ),
    "wrong_day": (
        Conflict,
        "wrong_day",
        "Booking K7M2QX is not for this office today. Check the day on your booking card.",
        "الحجز K7M2QX ليس لهذا المكتب اليوم. راجِع اليوم المدوَّن في بطاقة حجزك.",
    ),
    "booking_cancelled": (
        Conflict,
        "booking_cancelled",
        "Booking K7M2QX was cancelled; take a walk-in ticket or book again.",
        "تم إلغاء الحجز K7M2QX؛ يمكنك أخذ تذكرة بدون موعد أو الحجز من جديد.",
    ),
    "office_closed": (
        Conflict,
        "office_closed",
        "Abbasiya office is closed today.",
        "مكتب العباسية مغلق اليوم.",
    ),
    "counter_not_found": (
        NotFound,
        "counter_not_found",
        "This office has no counter c9.",
        "لا يوجد في هذا المكتب شباك c9.",
    ),
    "counter_inactive": (
        Conflict,
        "counter_inactive",
        "Counter 3 is out of service; a manager can bring it back.",
        "الشباك 3 خارج الخدمة؛ يمكن للمدير إعادة تشغيله.",
    ),
    "invalid_priority": (
        InvalidInput,
        "invalid_priority",
        "Unknown priority 'vip'; use one of: normal, senior.",
        "أولوية غير معروفة «vip»؛ استخدم إحدى القيم: normal, senior.",
    ),
    "invalid_counter_status": (
        InvalidInput,
        "invalid_counter_status",
        "Unknown counter status 'gone'; use one of: open, paused.",
        "حالة شباك غير معروفة «gone»؛ استخدم إحدى القيم: open, paused.",
    ),
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_a_hall_refusal_says_exactly_what_it_said_before_the_catalogue(case: str) -> None:
    error = RAISE[case]()
    family, code, english, arabic = EXPECTED[case]
    assert (type(error), error.code, error.detail_en, error.detail_ar) == (family, code, english, arabic)


def test_the_screen_announces_a_call_as_it_did_before_the_catalogue() -> None:
    """The templates the Redis store fills in Lua: their words and their two placeholders."""
    assert (events.ANNOUNCE_EN, events.ANNOUNCE_AR) == (
        "Ticket {number}, please go to counter {counter}.",
        "التذكرة رقم {number}، يرجى التوجه إلى الشباك رقم {counter}.",
    )
