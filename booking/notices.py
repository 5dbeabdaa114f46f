"""What a citizen is told about a booking, by SMS and by e-mail, in the language they chose.

Pure: each notice is built from the booking, the office and the public address of the site, and
carries an SMS short enough for two segments and an e-mail that may say more (the documents, the
office's address, "arrive ten minutes early"). Arabic SMS are sent in UCS-2, 67 characters a
segment once there are two, so an Arabic SMS is at most ``SMS_LIMIT_AR`` (134) UTF-16 units; when a
long office name would break that, the name is shortened, never the code or the link. The words
are in ``booking.messages`` under ``notice_*``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from booking.calendar import to_local
from booking.messages import DAY_PARTS, MESSAGES, MONTHS_AR, WEEKDAYS_AR
from booking.offices import Office
from booking.ports import Offices
from booking.services import SERVICES
from kernel.days import TIMEZONE

SMS_LIMIT_AR = 134
"""Two UCS-2 segments (67 UTF-16 units each once concatenated)."""
SMS_LIMIT_EN = 306
"""Two GSM-7 segments (153 characters each once concatenated)."""

_AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def sms_units(text: str) -> int:
    """How many UTF-16 units ``text`` takes in a UCS-2 SMS."""
    return len(text.encode("utf-16-le")) // 2


def sms_limit(lang: str) -> int:
    return SMS_LIMIT_EN if lang == "en" else SMS_LIMIT_AR


def day_text(day: date, lang: str, *, year: bool = True) -> str:
    """``Sunday 6 December 2026`` or ``الأحد ٦ ديسمبر ٢٠٢٦`` (without the year for an SMS)."""
    if lang == "en":
        return f"{day:%A} {day.day} {day:%B}" + (f" {day.year}" if year else "")
    text = f"{WEEKDAYS_AR[day.weekday()]} {day.day} {MONTHS_AR[day.month - 1]}"
    return (text + (f" {day.year}" if year else "")).translate(_AR_DIGITS)


def time_text(instant: datetime, lang: str, tz: str = TIMEZONE) -> str:
    """``9:30 am`` or ``٩:٣٠ صباحًا`` in the office's time zone."""
    local = to_local(instant, tz)
    hour = local.hour % 12 or 12
    english, arabic = DAY_PARTS["morning" if local.hour < 12 else "noon" if local.hour < 13 else "evening"]
    if lang == "en":
        return f"{hour}:{local.minute:02d} {english}"
    return f"{hour}:{local.minute:02d} {arabic}".translate(_AR_DIGITS)


class Addressee(Protocol):
    """Who a notice is written to: in their language (``booking.applicant.Applicant``)."""

    @property
    def lang(self) -> str: ...


class BookedVisit(Protocol):
    """What a notice says of a booking (``booking.bookings.Booking`` has it all)."""

    @property
    def code(self) -> str: ...
    @property
    def applicant(self) -> Addressee: ...
    @property
    def service(self) -> str: ...
    @property
    def office_id(self) -> str: ...
    @property
    def day(self) -> date: ...
    @property
    def starts_at(self) -> datetime: ...


#: Each notice's catalogue keys: (SMS, e-mail subject, e-mail body).
NOTICE_KEYS: dict[str, tuple[str, str, str]] = {
    "booked": ("notice_booked.sms", "notice_booked.subject", "notice_booked.email"),
    "reminder": ("notice_reminder.sms", "notice_reminder.subject", "notice_reminder.email"),
    "cancelled": ("notice_cancelled.sms", "notice_cancelled.subject", "notice_cancelled.email"),
    "rescheduled": ("notice_rescheduled.sms", "notice_rescheduled.subject", "notice_rescheduled.email"),
    "code": ("notice_code.sms", "notice_code.subject", "notice_code.email"),
}


@dataclass(frozen=True, slots=True)
class Notice:
    """One thing to tell one citizen: the SMS, and the e-mail's subject and body."""

    kind: str
    lang: str
    sms: str
    subject: str
    email: str
    booking_code: str | None = None
    office_id: str | None = None


class BookingNotices:
    """Builds the notices of bookings from the offices as they stand and the site's address
    (``MAWID_PUBLIC_URL``), so that links in an SMS open on the citizen's phone."""

    def __init__(self, offices: Mapping[str, Office], public_url: str) -> None:
        self._offices = offices
        self._base = public_url.rstrip("/")

    def link(self, code: str) -> str:
        """The short link of a booking: ``/b/{code}`` opens /my-booking with the code filled in."""
        return f"{self._base}/b/{code}"

    def _office_name(self, office_id: str, lang: str) -> str:
        office = self._offices.get(office_id)
        if office is None:
            return office_id
        return office.name_en if lang == "en" else office.name_ar

    def _service_name(self, service: str, lang: str) -> str:
        found = SERVICES.get(service)
        if found is None:
            return service
        return found.name_en if lang == "en" else found.name_ar

    def _sms(self, key: str, lang: str, office: str, **values: str) -> str:
        """The SMS of ``key``; the office's name shortened (with …) if the whole would not fit."""
        limit = sms_limit(lang)
        text = self._pick(key, lang, office=office, **values)
        words = office.split()
        while sms_units(text) > limit and len(words) > 1:  # whole words off the end first
            words.pop()
            text = self._pick(key, lang, office=" ".join(words) + "…", **values)
        cut = words[0] if words else office
        while sms_units(text) > limit and len(cut) > 4:  # one very long word: letters off it
            cut = cut[:-1]
            text = self._pick(key, lang, office=cut + "…", **values)
        return text

    @staticmethod
    def _pick(key: str, lang: str, **values: str) -> str:
        english, arabic = MESSAGES.entries[key]
        return (english if lang == "en" else arabic).format(**values)

    def _values(self, booking: BookedVisit, lang: str) -> dict[str, str]:
        return {
            "code": booking.code,
            "service": self._service_name(booking.service, lang),
            "day": day_text(booking.day, lang, year=False),
            "full_day": day_text(booking.day, lang),
            "time": time_text(booking.starts_at, lang),
            "link": self.link(booking.code),
            "site": self._base + "/",
        }

    def _documents(self, booking: BookedVisit, lang: str) -> str:
        found = SERVICES.get(booking.service)
        if found is None:
            return ""
        documents = found.documents_en if lang == "en" else found.documents_ar
        return "\n".join(f"- {line}" for line in documents)

    def _notice(self, kind: str, booking: BookedVisit, **extra: str) -> Notice:
        sms_key, subject_key, email_key = NOTICE_KEYS[kind]
        lang = booking.applicant.lang
        office = self._office_name(booking.office_id, lang)
        values = {**self._values(booking, lang), **extra}
        office_record = self._offices.get(booking.office_id)
        address = ""
        if office_record is not None:
            address = office_record.address_en if lang == "en" else office_record.address_ar
        return Notice(
            kind=kind,
            lang=lang,
            sms=self._sms(sms_key, lang, office, **values),
            subject=self._pick(subject_key, lang, office=office, **values),
            email=self._pick(
                email_key,
                lang,
                office=office,
                address=address,
                documents=self._documents(booking, lang),
                **values,
            ),
            booking_code=booking.code,
            office_id=booking.office_id,
        )

    def confirmed(self, booking: BookedVisit) -> Notice:
        """The booking is made: its code, the office and time, and its link."""
        return self._notice("booked", booking)

    def reminder(self, booking: BookedVisit) -> Notice:
        """The evening before the visit, with the link to the documents."""
        return self._notice("reminder", booking)

    def cancelled(self, booking: BookedVisit) -> Notice:
        """The citizen cancelled the booking."""
        return self._notice("cancelled", booking)

    def rescheduled(self, booking: BookedVisit) -> Notice:
        """The citizen moved the booking to another time."""
        return self._notice("rescheduled", booking)

    def recovered(self, booking: BookedVisit) -> Notice:
        """A booking's code, sent again to the mobile it was booked with (lost code)."""
        return self._notice("code", booking)


def verification_notice(code: str, lang: str) -> Notice:
    """The one-time code that confirms a mobile; no booking is named until it is confirmed."""
    english, arabic = MESSAGES.texts("notice_verification.sms", code=code)
    sms = english if lang == "en" else arabic
    english, arabic = MESSAGES.texts("notice_verification.subject")
    return Notice("verification", lang, sms, english if lang == "en" else arabic, sms)


def notices_from(offices: Offices, public_url: str) -> Callable[[], Awaitable[BookingNotices]]:
    """The notices as ``offices`` stand when called (names, addresses), for a store that posts
    them in its transactions (``booking.store.bookings.BookingStore``)."""

    async def now() -> BookingNotices:
        return BookingNotices({office.id: office for office in await offices.offices()}, public_url)

    return now
