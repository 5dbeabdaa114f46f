"""Why the queue refuses something, as a stable code with English and Arabic messages.

The queue's refusals reuse the booking core's error families, so the API maps both to HTTP the
same way (Conflict → 409, NotFound → 404, InvalidInput → 422) with one handler.
"""

from __future__ import annotations

from booking.errors import Conflict, DomainError, InvalidInput, NotFound

__all__ = [
    "Conflict",
    "DomainError",
    "InvalidInput",
    "NotFound",
    "already_checked_in",
    "counter_busy",
    "counter_not_open",
    "illegal_transition",
    "invalid_national_id",
    "ticket_busy",
    "ticket_not_found",
    "transfer_to_same_service",
]


def illegal_transition(number: str, current: str, action: str) -> Conflict:
    return Conflict(
        "illegal_transition",
        f"Ticket {number} is {current}; it cannot be {action}.",
        f"التذكرة {number} حالتها «{current}»، ولا يمكن تنفيذ «{action}» عليها.",
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
