"""What citizens are told, in the language they chose (Arabic unless they chose English).

Messages are filled in here, from the words in `planning/messages.py` (`notice.*`), as text ready
to send, and stored in the outbox in the same transaction as the change they announce
(`messaging.store.outbox`). Arabic dates and times use
Arabic-Indic digits and Egyptian month names, as the citizen pages do; the booking code keeps its
Latin letters, since that is what the kiosk reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from booking.booking_requests import BookingRequest
from booking.bookings import Booking
from booking.notices import day_text, time_text
from booking.offices import Office
from booking.services import SERVICES
from messaging.outbox import OutboxMessage
from planning.messages import MESSAGES


def reason_text(reason: str) -> tuple[str, str]:
    """(English, Arabic) for a reason code; an unknown code is shown as it is."""
    key = f"unassigned.{reason}"
    if key in MESSAGES.entries:
        return MESSAGES.texts(key)
    return reason.replace("_", " "), reason.replace("_", " ")


class Notices:
    """Builds each message from the offices as they stand (names in both languages)."""

    def __init__(self, offices: Mapping[str, Office]) -> None:
        self._offices = offices

    def _names(self, service: str, office_id: str, lang: str) -> tuple[str, str]:
        s, o = SERVICES.get(service), self._offices.get(office_id)
        if lang == "en":
            return (s.name_en if s else service), (o.name_en if o else office_id)
        return (s.name_ar if s else service), (o.name_ar if o else office_id)

    @staticmethod
    def _message(kind: str, to: Booking | BookingRequest, text: str, **payload: object) -> OutboxMessage:
        return OutboxMessage(
            kind=kind,
            phone=to.applicant.phone,
            email=to.applicant.email,
            lang=to.applicant.lang,
            message=text,
            booking_code=to.code if isinstance(to, Booking) else None,
            request_id=None if isinstance(to, Booking) else to.id,
            payload=dict(payload),
        )

    def _service_name(self, service: str, lang: str) -> str:
        return self._names(service, "", lang)[0]

    def _services_text(self, services: tuple[str, ...], lang: str) -> str:
        """A chain's services by name, in the order served: ``A, B and C`` / «أ» و«ب» و«ج»."""
        names = [self._service_name(service, lang) for service in services]
        if lang == "en":
            return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return " و".join(f"«{name}»" for name in names)

    def _visits_text(self, booking: Booking, lang: str) -> str:
        """Each visit of a chain with its time: ``A at 9:00 am, then B at 9:15 am``."""
        parts = [
            f"{self._service_name(v.service, lang)} at {time_text(v.starts_at, lang)}"
            if lang == "en"
            else f"«{self._service_name(v.service, lang)}» الساعة {time_text(v.starts_at, lang)}"
            for v in booking.visits
        ]
        return (", then " if lang == "en" else "، ثم ").join(parts)

    def assigned(self, request: BookingRequest, booking: Booking) -> OutboxMessage:
        lang = booking.applicant.lang
        service, office = self._names(booking.service, booking.office_id, lang)
        when, at = day_text(booking.day, lang), time_text(booking.starts_at, lang)
        if booking.later_visits:  # one trip, several services: each visit with its time
            text = MESSAGES.text(
                "notice.assigned_chain",
                lang,
                services=self._services_text(booking.services, lang),
                office=office,
                when=when,
                visits=self._visits_text(booking, lang),
                code=booking.code,
            )
        else:
            text = MESSAGES.text(
                "notice.assigned", lang, service=service, office=office, when=when, at=at, code=booking.code
            )
        message = self._message("request_assigned", booking, text, start=booking.starts_at.isoformat())
        return replace(message, request_id=request.id)

    def unassigned(self, request: BookingRequest, reason: str) -> OutboxMessage:
        lang = request.applicant.lang
        why_en, why_ar = reason_text(reason)
        why = why_en if lang == "en" else why_ar
        if request.later_services:
            services = self._services_text(request.services, lang)
            text = MESSAGES.text("notice.unassigned_chain", lang, services=services, why=why)
        else:
            service = self._service_name(request.service, lang)
            text = MESSAGES.text("notice.unassigned", lang, service=service, why=why)
        return self._message("request_unassigned", request, text, reason=reason)

    def moved(self, before: Booking, after: Booking, cause: tuple[str, str]) -> OutboxMessage:
        """The booking moved (another time, perhaps another office) because of ``cause``."""
        lang = after.applicant.lang
        service, office = self._names(after.service, after.office_id, lang)
        when, at = day_text(after.day, lang), time_text(after.starts_at, lang)
        why = cause[0] if lang == "en" else cause[1]
        if after.later_visits:  # a chain moves whole: each visit with its new time
            text = MESSAGES.text(
                "notice.moved_chain",
                lang,
                code=after.code,
                services=self._services_text(after.services, lang),
                cause=why,
                office=office,
                when=when,
                visits=self._visits_text(after, lang),
            )
        else:
            text = MESSAGES.text(
                "notice.moved",
                lang,
                code=after.code,
                service=service,
                cause=why,
                office=office,
                when=when,
                at=at,
            )
        return self._message(
            "booking_moved",
            after,
            text,
            from_office=before.office_id,
            from_start=before.starts_at.isoformat(),
            to_office=after.office_id,
            to_start=after.starts_at.isoformat(),
        )

    def cancelled(self, booking: Booking, cause: tuple[str, str]) -> OutboxMessage:
        """No other time could be found for the booking (a chain: for all its services in one
        visit), so it is cancelled."""
        lang = booking.applicant.lang
        service, _ = self._names(booking.service, booking.office_id, lang)
        when = day_text(booking.day, lang)
        why = cause[0] if lang == "en" else cause[1]
        if booking.later_visits:  # a chain: every service is named, all being cancelled
            services = self._services_text(booking.services, lang)
            text = MESSAGES.text(
                "notice.cancelled_chain", lang, code=booking.code, services=services, when=when, cause=why
            )
        else:
            text = MESSAGES.text(
                "notice.cancelled", lang, code=booking.code, service=service, when=when, cause=why
            )
        return self._message("booking_cancelled", booking, text, start=booking.starts_at.isoformat())
