"""The pick-up lane: finished documents waiting at an office, and the SMS that says so.

Collecting a finished passport or licence is a short walk-in of its own (``COLLECTION`` in
``booking.services``): its own ticket prefix, counters with that skill, no slots. Where the office
knows a document is ready (the print shop's list, a clerk's scan), staff mark it ready for the
holder's identity and mobile, and the holder gets one SMS: "ready for collection at <office>,
<hours>". Pure: the values and the words; ``booking.store.collection`` keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from booking.applicant import LANGUAGES
from booking.identity import Identity, IdentityHasher
from booking.messages import MESSAGES, WEEKDAYS_AR
from booking.notices import sms_limit, sms_units
from booking.offices import WEEKDAYS, Office
from kernel.errors import InvalidInput
from messaging.outbox import OutboxMessage

DOCUMENT_WORDS = {
    "passport": "document.passport",
    "driving-licence": "document.driving_licence",
    "vehicle-licence": "document.vehicle_licence",
    "residence-permit": "document.residence_permit",
}
"""What an office hands over at its pick-up counters, and the key of its name in the messages."""
DOCUMENTS = tuple(DOCUMENT_WORDS)
KIND = "document_ready"
"""The outbox's kind of the SMS."""
_WEEK_FROM_SUNDAY = (6, 0, 1, 2, 3, 4, 5)  # date.weekday() of Sunday, Monday, …
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def checked_document(value: str) -> str:
    """One of ``DOCUMENTS``, or ``unknown_document``."""
    document = value.strip().lower()
    if document not in DOCUMENTS:
        raise MESSAGES.error(InvalidInput, "unknown_document")
    return document


@dataclass(frozen=True, slots=True)
class ReadyDocument:
    """A finished document at an office, for the holder of an identity (by digest and last four)."""

    office_id: str
    document: str
    identity_hash: str
    identity_last4: str
    identity_key_id: str
    phone: str
    lang: str
    marked_at: datetime
    marked_by: str

    @classmethod
    def of(
        cls,
        office: Office,
        document: str,
        identity: Identity,
        hasher: IdentityHasher,
        *,
        phone: str,
        lang: str,
        now: datetime,
        by: str,
    ) -> ReadyDocument:
        return cls(
            office_id=office.id,
            document=checked_document(document),
            identity_hash=hasher.digest(identity),
            identity_last4=identity.last4,
            identity_key_id=hasher.key_id,
            phone=phone,
            lang=lang if lang in LANGUAGES else LANGUAGES[0],
            marked_at=now,
            marked_by=by,
        )


def hours_text(office: Office, lang: str) -> str:
    """When the office is open, as short as an SMS needs: ``Sun–Thu 08:00–15:00`` or
    ``الأحد–الخميس ٨:٠٠–١٥:٠٠``; the first open day's hours stand for the week (offices keep one
    set of hours across their working week)."""
    days = [d for d in _WEEK_FROM_SUNDAY if office.hours.on(d) is not None]
    if not days:
        return ""
    opens, closes = office.hours.days[WEEKDAYS[days[0]]]
    if lang == "en":
        first, last = _WEEKDAYS_EN[days[0]], _WEEKDAYS_EN[days[-1]]
        return f"{first}–{last} {opens:%H:%M}–{closes:%H:%M}"
    first, last = WEEKDAYS_AR[days[0]], WEEKDAYS_AR[days[-1]]
    times = f"{opens.hour}:{opens.minute:02d}–{closes.hour}:{closes.minute:02d}".translate(_INDIC)
    return f"{first}–{last} {times}"


def ready_message(ready: ReadyDocument, office: Office) -> OutboxMessage:
    """The holder's SMS, in their language, within two segments (the office's name is shortened
    when a long one would break that, never the hours)."""
    lang = ready.lang
    document = MESSAGES.text(DOCUMENT_WORDS[ready.document], lang)
    name = office.name_en if lang == "en" else office.name_ar
    hours = hours_text(office, lang)

    def text(office_name: str) -> str:
        return MESSAGES.text("notice_ready.sms", lang, document=document, office=office_name, hours=hours)

    sms = text(name)
    while sms_units(sms) > sms_limit(lang) and len(name) > 12:
        name = name[: len(name) - 2].rstrip() + "…"
        sms = text(name)
    return OutboxMessage(
        kind=KIND,
        phone=ready.phone,
        lang=lang,
        message=sms,
        office_id=office.id,
        subject=MESSAGES.text("notice_ready.subject", lang),
    )
