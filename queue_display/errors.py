"""Why the queue refuses something, as a stable code with English and Arabic messages; the words
are in ``queue_display/messages.py``, one catalogue a translator reviews.

The queue's refusals reuse the booking core's error families, so the API maps both to HTTP the
same way (Conflict → 409, NotFound → 404, InvalidInput → 422) with one handler.
"""

from __future__ import annotations

from kernel.errors import Conflict, DomainError, InvalidInput, NotFound
from kernel.messages import plural_category
from queue_display.messages import ACTION_WORDS, MESSAGES, MINUTES_AFTER_WORDS, STATUS_WORDS, TIMES_WORDS

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
    "heads_up_too_late",
    "illegal_transition",
    "invalid_counter_status",
    "invalid_heads_up_ahead",
    "invalid_national_id",
    "invalid_priority",
    "invalid_ticket_number",
    "invalid_uptake_range",
    "no_show_too_early",
    "office_closed",
    "park_again",
    "park_expired",
    "reprint_no_ticket",
    "reprint_not_found",
    "ticket_already_called",
    "ticket_busy",
    "ticket_finished",
    "ticket_not_found",
    "ticket_not_parked",
    "transfer_to_same_service",
    "wrong_day",
    "wrong_office",
]


def heads_up_too_late(number: str) -> Conflict:
    return MESSAGES.error(Conflict, "heads_up_too_late", number=number)


def invalid_heads_up_ahead(most: int) -> InvalidInput:
    return MESSAGES.error(InvalidInput, "invalid_heads_up_ahead", indic=True, most=most)


def invalid_uptake_range(days: int) -> InvalidInput:
    return MESSAGES.error(InvalidInput, "invalid_uptake_range", indic=True, days=days)


def park_again(number: str) -> Conflict:
    return MESSAGES.error(Conflict, "park_again", number=number)


def park_expired(number: str, minutes: int) -> Conflict:
    return MESSAGES.error(Conflict, "park_expired", number=number, minutes=minutes)


def ticket_not_parked(number: str, current: str) -> Conflict:
    status_en, status_ar = STATUS_WORDS.get(current, (current, current))
    return MESSAGES.error(
        Conflict, "ticket_not_parked", number=number, status_en=status_en, status_ar=status_ar
    )


def illegal_transition(number: str, current: str, action: str) -> Conflict:
    status_en, status_ar = STATUS_WORDS.get(current, (current, current))
    action_en, action_ar = ACTION_WORDS.get(action, (action, action))
    return MESSAGES.error(
        Conflict,
        "illegal_transition",
        number=number,
        status_en=status_en,
        status_ar=status_ar,
        action_en=action_en,
        action_ar=action_ar,
    )


def _counted(forms: dict[str, dict[str, str]], count: int, language: str) -> str:
    words = forms[language]
    form = words.get(f"={count}") or words.get(plural_category(count, language), words["other"])
    return form.format(n=count)


def no_show_too_early(
    number: str,
    recalls: int,
    needed_recalls: int,
    at: str,
    minutes: int,
    *,
    recalls_short: bool,
    too_soon: bool,
) -> Conflict:
    """A no-show before the ticket was called again ``needed_recalls`` times (``recalls_short``)
    and before ``at``, ``minutes`` after its first call (``too_soon``): says what is still
    missing. The Arabic has Arabic-Indic digits, as the console shows them."""
    variant = "both" if recalls_short and too_soon else "recalls" if recalls_short else "time"
    return MESSAGES.error(
        Conflict,
        f"no_show_too_early.{variant}",
        indic=True,
        number=number,
        recalls=recalls,
        at=at,
        times_en=_counted(TIMES_WORDS, needed_recalls, "en"),
        times_ar=_counted(TIMES_WORDS, needed_recalls, "ar"),
        minutes_en=_counted(MINUTES_AFTER_WORDS, minutes, "en"),
        minutes_ar=_counted(MINUTES_AFTER_WORDS, minutes, "ar"),
    )


def ticket_not_found(ticket_id: str) -> NotFound:
    return MESSAGES.error(NotFound, "ticket_not_found", ticket_id=ticket_id)


def already_checked_in(booking_code: str) -> Conflict:
    return MESSAGES.error(Conflict, "already_checked_in", booking_code=booking_code)


def counter_not_open(counter_id: str) -> Conflict:
    return MESSAGES.error(Conflict, "counter_not_open", counter_id=counter_id)


def counter_busy(counter_id: str, number: str) -> Conflict:
    return MESSAGES.error(Conflict, "counter_busy", counter_id=counter_id, number=number)


def transfer_to_same_service(service: str) -> InvalidInput:
    return MESSAGES.error(InvalidInput, "transfer_to_same_service", service=service)


def invalid_national_id() -> InvalidInput:
    return MESSAGES.error(InvalidInput, "invalid_national_id")


def ticket_busy(number: str) -> Conflict:
    return MESSAGES.error(Conflict, "ticket_busy", number=number)


# -- refusals at the kiosk and the counters ----------------------------------------------------


def booking_not_found(code: str) -> NotFound:
    return MESSAGES.error(NotFound, "booking_not_found.kiosk", code=code)


def wrong_office(code: str) -> Conflict:
    """Says neither which office nor which day the booking is for: anyone at a kiosk can type a
    code, and a stranger's code must not tell where and when its holder will be."""
    return MESSAGES.error(Conflict, "wrong_office", code=code)


def wrong_day(code: str) -> Conflict:
    return MESSAGES.error(Conflict, "wrong_day", code=code)


def booking_cancelled(code: str) -> Conflict:
    return MESSAGES.error(Conflict, "booking_cancelled", code=code)


def office_closed(office_en: str, office_ar: str) -> Conflict:
    return MESSAGES.error(Conflict, "office_closed", office_en=office_en, office_ar=office_ar)


def counter_not_found(counter_id: str) -> NotFound:
    return MESSAGES.error(NotFound, "counter_not_found", counter_id=counter_id)


def counter_inactive(label: str) -> Conflict:
    return MESSAGES.error(Conflict, "counter_inactive", label=label)


def invalid_priority(value: str, allowed: str) -> InvalidInput:
    return MESSAGES.error(InvalidInput, "invalid_priority", value=value, allowed=allowed)


def invalid_counter_status(value: str, allowed: str) -> InvalidInput:
    return MESSAGES.error(InvalidInput, "invalid_counter_status", value=value, allowed=allowed)


def reprint_no_ticket(code: str) -> NotFound:
    """The same words whether the code is unknown, for another office or day, or not checked in:
    a stranger's code must not tell where or when its holder will be."""
    return MESSAGES.error(NotFound, "reprint_no_ticket", code=code)


def reprint_not_found(number: str, minutes: int) -> NotFound:
    """The same words for a number never taken and for one taken too long ago to reprint."""
    return MESSAGES.error(NotFound, "reprint_not_found", indic=True, number=number, minutes=minutes)


def ticket_already_called(number: str, counter: str) -> Conflict:
    return MESSAGES.error(Conflict, "ticket_already_called", indic=True, number=number, counter=counter)


def ticket_finished(number: str) -> Conflict:
    return MESSAGES.error(Conflict, "ticket_finished", indic=True, number=number)


def invalid_ticket_number() -> InvalidInput:
    return MESSAGES.error(InvalidInput, "invalid_ticket_number", indic=True)
