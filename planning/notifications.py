"""What citizens are told, in the language they chose (Arabic unless they chose English).

Messages are written here once, as text ready to send, and stored in the outbox in the same
transaction as the change they announce (`planning.store.outbox`). Arabic dates and times use
Arabic-Indic digits and Egyptian month names, as the citizen pages do; the booking code keeps its
Latin letters, since that is what the kiosk reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime

from booking.booking_requests import BookingRequest
from booking.bookings import Booking
from booking.calendar import to_local
from booking.offices import Office
from booking.services import SERVICES
from kernel.days import TIMEZONE
from planning.store.outbox import OutboxMessage

_AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_AR_MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip
_AR_WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")

#: Why a request got no booking: (English, Arabic), completing "… could not be given a time: …".
UNASSIGNED_REASONS: dict[str, tuple[str, str]] = {
    "no_capacity": (
        "no time was free at the offices and on the days you chose",
        "لم نجد موعدًا متاحًا في المكاتب والأيام التي اخترتها",
    ),
    "no_eligible_slot": (
        "the offices you chose do not receive visitors for this service on those days",
        "المكاتب التي اخترتها لا تستقبل أصحاب هذه الخدمة في تلك الأيام",
    ),
    "not_eligible": (
        "this service is not offered to holders of your type of identity",
        "هذه الخدمة غير متاحة لحاملي نوع هويتك",
    ),
    "duplicate_booking": (
        "you already hold a booking for this service",
        "لديك حجز قائم لهذه الخدمة بالفعل",
    ),
    "booking_limit": (
        "you already hold three active bookings, the most allowed",
        "لديك ثلاثة حجوزات قائمة بالفعل، وهو الحد الأقصى",
    ),
    "window_passed": ("the days you chose have passed", "انقضت الأيام التي اخترتها"),
    "draw_full": (
        "every place that day went to entries drawn before yours in the opening draw",
        "ذهبت كل مواعيد ذلك اليوم إلى طلبات سبقت طلبك في قرعة فتح الحجز",
    ),
    "cancellation_limit": (
        "you have cancelled the most bookings allowed this month",
        "ألغيت أقصى عدد مسموح به من الحجوزات هذا الشهر",
    ),
    "no_show_ban": (
        "booking is paused for you after missed appointments",
        "الحجز موقوف لك مؤقتًا بسبب مواعيد لم تحضرها",
    ),
    "mobile_booking_limit": (
        "your mobile number already holds the most active bookings allowed",
        "رقم هاتفك المحمول مرتبط بالفعل بأقصى عدد مسموح به من الحجوزات القائمة",
    ),
}


def reason_text(reason: str) -> tuple[str, str]:
    """(English, Arabic) for a reason code; an unknown code is shown as it is."""
    return UNASSIGNED_REASONS.get(reason, (reason.replace("_", " "), reason.replace("_", " ")))


def day_text(day: date, lang: str) -> str:
    """``Sunday 6 December 2026`` or ``الأحد ٦ ديسمبر ٢٠٢٦``."""
    if lang == "en":
        return f"{day:%A} {day.day} {day:%B %Y}"
    text = f"{_AR_WEEKDAYS[day.weekday()]} {day.day} {_AR_MONTHS[day.month - 1]} {day.year}"
    return text.translate(_AR_DIGITS)


def time_text(instant: datetime, lang: str, tz: str = TIMEZONE) -> str:
    """``9:30 am`` or ``٩:٣٠ صباحًا`` in the office's time zone."""
    local = to_local(instant, tz)
    hour = local.hour % 12 or 12
    if lang == "en":
        return f"{hour}:{local.minute:02d} {'am' if local.hour < 12 else 'pm'}"
    part = "صباحًا" if local.hour < 12 else "ظهرًا" if local.hour < 13 else "مساءً"
    return f"{hour}:{local.minute:02d} {part}".translate(_AR_DIGITS)


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

    def assigned(self, request: BookingRequest, booking: Booking) -> OutboxMessage:
        lang = booking.applicant.lang
        service, office = self._names(booking.service, booking.office_id, lang)
        when, at = day_text(booking.day, lang), time_text(booking.starts_at, lang)
        if lang == "en":
            text = (
                f"Your visit for {service} is booked: {office}, {when} at {at}. Booking code: "
                f"{booking.code}. Please arrive ten minutes early with the required documents."
            )
        else:
            text = (
                f"تم تحديد موعدك لخدمة «{service}» في {office} يوم {when} الساعة {at}. "
                f"كود الحجز: {booking.code}. يُرجى الحضور قبل الموعد بعشر دقائق ومعك المستندات المطلوبة."
            )
        message = self._message("request_assigned", booking, text, start=booking.starts_at.isoformat())
        return replace(message, request_id=request.id)

    def unassigned(self, request: BookingRequest, reason: str) -> OutboxMessage:
        lang = request.applicant.lang
        service, _ = self._names(request.service, "", lang)
        why_en, why_ar = reason_text(reason)
        if lang == "en":
            text = (
                f"We are sorry: your request for {service} could not be given a time: {why_en}. "
                "You can send a new request or book a time directly."
            )
        else:
            text = (
                f"نعتذر، لم نتمكن من تحديد موعد لطلبك لخدمة «{service}»: {why_ar}. "
                "يمكنك تقديم طلب جديد أو حجز موعد مباشرةً."
            )
        return self._message("request_unassigned", request, text, reason=reason)

    def moved(self, before: Booking, after: Booking, cause: tuple[str, str]) -> OutboxMessage:
        """The booking moved (another time, perhaps another office) because of ``cause``."""
        lang = after.applicant.lang
        service, office = self._names(after.service, after.office_id, lang)
        when, at = day_text(after.day, lang), time_text(after.starts_at, lang)
        if lang == "en":
            text = (
                f"Your booking {after.code} for {service} has moved because {cause[0]}. New time: "
                f"{office}, {when} at {at}. We apologise for the inconvenience."
            )
        else:
            text = (
                f"تم تغيير موعد حجزك لخدمة «{service}» (كود الحجز {after.code}) بسبب {cause[1]}. "
                f"موعدك الجديد: {office} يوم {when} الساعة {at}. نعتذر عن الإزعاج."
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
        """No other time could be found for the booking, so it is cancelled."""
        lang = booking.applicant.lang
        service, _ = self._names(booking.service, booking.office_id, lang)
        when = day_text(booking.day, lang)
        if lang == "en":
            text = (
                f"We are sorry: your booking {booking.code} for {service} on {when} is cancelled because "
                f"{cause[0]}, and we found no other time nearby. You can book again at any time."
            )
        else:
            text = (
                f"نعتذر، أُلغي حجزك لخدمة «{service}» (كود الحجز {booking.code}) يوم {when} بسبب "
                f"{cause[1]}، ولم نجد موعدًا بديلًا قريبًا. يمكنك الحجز من جديد في أي وقت."
            )
        return self._message("booking_cancelled", booking, text, start=booking.starts_at.isoformat())
