"""Why the queue refuses something, as a stable code with English and Arabic messages.

The queue's refusals reuse the booking core's error families, so the API maps both to HTTP the
same way (Conflict → 409, NotFound → 404, InvalidInput → 422) with one handler.
"""

from __future__ import annotations

from kernel.errors import Conflict, DomainError, InvalidInput, NotFound

__all__ = [
    "Conflict",
    "DomainError",
    "InvalidInput",
    "NotFound",
    "already_checked_in",
    "booking_cancelled",
    "booking_not_found",
    "counter_busy",
    "counter_inactive",
    "counter_not_found",
    "counter_not_open",
    "illegal_transition",
    "invalid_counter_status",
    "invalid_national_id",
    "invalid_priority",
    "office_closed",
    "ticket_busy",
    "ticket_not_found",
    "transfer_to_same_service",
    "wrong_day",
    "wrong_office",
]


# How a clerk reads a ticket's status and an action, in each language (the counter console shows
# these messages as they are).
_STATUS_WORDS = {
    "waiting": ("waiting", "في الانتظار"),
    "called": ("called", "تم النداء"),
    "serving": ("being served", "قيد الخدمة"),
    "done": ("done", "انتهت الخدمة"),
    "no_show": ("a no-show", "عدم الحضور"),
    "transferred": ("transferred", "محوَّلة"),
}
_ACTION_WORDS = {
    "call": ("called", "النداء عليها"),
    "recall": ("called again", "إعادة النداء عليها"),
    "start": ("started", "بدء خدمتها"),
    "complete": ("completed", "إنهاء خدمتها"),
    "no_show": ("marked as a no-show", "تسجيل عدم الحضور لها"),
    "transfer": ("transferred", "تحويلها"),
}


def illegal_transition(number: str, current: str, action: str) -> Conflict:
    status_en, status_ar = _STATUS_WORDS.get(current, (current, current))
    action_en, action_ar = _ACTION_WORDS.get(action, (action, action))
    return Conflict(
        "illegal_transition",
        f"Ticket {number} is {status_en}; it cannot be {action_en}.",
        f"حالة التذكرة {number} الآن «{status_ar}»، ولا يمكن {action_ar}.",
    )


def ticket_not_found(ticket_id: str) -> NotFound:
    return NotFound(
        "ticket_not_found",
        f"No ticket {ticket_id} in this office.",
        f"لا توجد تذكرة {ticket_id} في هذا المكتب.",
    )


def already_checked_in(booking_code: str) -> Conflict:
    return Conflict(
        "already_checked_in",
        f"Booking {booking_code} has already been checked in today.",
        f"تم تسجيل حضور الحجز {booking_code} اليوم بالفعل.",
    )


def counter_not_open(counter_id: str) -> Conflict:
    return Conflict(
        "counter_not_open",
        f"Counter {counter_id} is not open; open it before calling tickets.",
        f"الشباك {counter_id} غير مفتوح؛ افتحه قبل نداء التذاكر.",
    )


def counter_busy(counter_id: str, number: str) -> Conflict:
    return Conflict(
        "counter_busy",
        f"Counter {counter_id} still has ticket {number}; finish it before calling the next.",
        f"الشباك {counter_id} ما زال يخدم التذكرة {number}؛ أنهِها قبل نداء التالية.",
    )


def transfer_to_same_service(service: str) -> InvalidInput:
    return InvalidInput(
        "transfer_to_same_service",
        f"The ticket is already for {service}.",
        f"التذكرة بالفعل للخدمة {service}.",
    )


def invalid_national_id() -> InvalidInput:
    return InvalidInput(
        "invalid_national_id",
        "The national ID must be 14 digits starting with a real birth date.",
        "الرقم القومي يجب أن يتكون من ١٤ رقمًا ويبدأ بتاريخ ميلاد صحيح.",
    )


def ticket_busy(number: str) -> Conflict:
    return Conflict(
        "ticket_busy",
        f"Ticket {number} is being changed from another counter; try again.",
        f"يجري تعديل التذكرة {number} من شباك آخر؛ حاول مرة أخرى.",
    )


# -- refusals at the kiosk and the counters ----------------------------------------------------


def booking_not_found(code: str) -> NotFound:
    return NotFound(
        "booking_not_found",
        f"No booking has the code {code}; check the code on the confirmation.",
        f"لا يوجد حجز بالكود {code}؛ راجع كود الحجز المكتوب في رسالة التأكيد.",
    )


def wrong_office(code: str) -> Conflict:
    """Says neither which office nor which day the booking is for: anyone at a kiosk can type a
    code, and a stranger's code must not tell where and when its holder will be."""
    return Conflict(
        "wrong_office",
        f"Booking {code} is not for this office today. Check the office on your booking card.",
        f"الحجز {code} ليس لهذا المكتب اليوم. راجِع المكتب المدوَّن في بطاقة حجزك.",
    )


def wrong_day(code: str) -> Conflict:
    return Conflict(
        "wrong_day",
        f"Booking {code} is not for this office today. Check the day on your booking card.",
        f"الحجز {code} ليس لهذا المكتب اليوم. راجِع اليوم المدوَّن في بطاقة حجزك.",
    )


def booking_cancelled(code: str) -> Conflict:
    return Conflict(
        "booking_cancelled",
        f"Booking {code} was cancelled; take a walk-in ticket or book again.",
        f"تم إلغاء الحجز {code}؛ يمكنك أخذ تذكرة بدون موعد أو الحجز من جديد.",
    )


def office_closed(office_en: str, office_ar: str) -> Conflict:
    return Conflict(
        "office_closed",
        f"{office_en} is closed today.",
        f"{office_ar} مغلق اليوم.",
    )


def counter_not_found(counter_id: str) -> NotFound:
    return NotFound(
        "counter_not_found",
        f"This office has no counter {counter_id}.",
        f"لا يوجد في هذا المكتب شباك {counter_id}.",
    )


def counter_inactive(label: str) -> Conflict:
    return Conflict(
        "counter_inactive",
        f"Counter {label} is out of service; a manager can bring it back.",
        f"الشباك {label} خارج الخدمة؛ يمكن للمدير إعادة تشغيله.",
    )


def invalid_priority(value: str, allowed: str) -> InvalidInput:
    return InvalidInput(
        "invalid_priority",
        f"Unknown priority '{value}'; use one of: {allowed}.",
        f"أولوية غير معروفة «{value}»؛ استخدم إحدى القيم: {allowed}.",
    )


def invalid_counter_status(value: str, allowed: str) -> InvalidInput:
    return InvalidInput(
        "invalid_counter_status",
        f"Unknown counter status '{value}'; use one of: {allowed}.",
        f"حالة شباك غير معروفة «{value}»؛ استخدم إحدى القيم: {allowed}.",
    )
