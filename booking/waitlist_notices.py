"""What a citizen on the waitlist, or holding a booking to reconfirm, is told by SMS, in their
language: joined, a place is offered (and until when), an offer lapsed, please reconfirm, released.

Pure, like ``booking.notices`` (whose dates, times and SMS shortening it uses); the words are in
``booking.messages``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from booking.calendar import to_local
from booking.notices import BookingNotices, Notice, day_text, time_text
from booking.offices import Office
from kernel.days import TIMEZONE


class WaitlistNotices(BookingNotices):
    """The waitlist's and the reconfirmation's SMS, with links to their pages on the site."""

    def __init__(self, offices: Mapping[str, Office], public_url: str) -> None:
        super().__init__(offices, public_url)

    def _text(self, kind: str, key: str, lang: str, office_id: str | None = None, **values: str) -> Notice:
        office = self._office_name(office_id, lang) if office_id else ""
        sms = self._sms(key, lang, office, **values)
        return Notice(kind, lang, sms, sms, sms, office_id=office_id)

    def joined(self, entry_id: str, service: str, lang: str) -> Notice:
        """On the list (the mobile verified, or verification off), with the link to the entry."""
        link = f"{self._base}/waitlist/{entry_id}"
        return self._text(
            "waitlist_joined",
            "notice_waitlist_joined.sms",
            lang,
            service=self._service_name(service, lang),
            link=link,
        )

    def offered(
        self, offer_id: str, office_id: str, day: date, starts_at: datetime, until: datetime, lang: str
    ) -> Notice:
        """A freed place held for this person until ``until``: the offer's page to accept it."""
        return self._text(
            "waitlist_offer",
            "notice_waitlist_offer.sms",
            lang,
            office_id,
            day=day_text(day, lang, year=False),
            time=time_text(starts_at, lang),
            until=_until(until, lang),
            link=f"{self._base}/waitlist/offers/{offer_id}",
        )

    def lapsed(self, office_id: str, lang: str) -> Notice:
        """The offer was not accepted in time: it went on, and the person left the list."""
        return self._text(
            "waitlist_lapsed", "notice_waitlist_lapsed.sms", lang, office_id, site=self._base + "/"
        )

    def reconfirm(
        self, code: str, office_id: str, day: date, starts_at: datetime, deadline: datetime, lang: str
    ) -> Notice:
        """Please reconfirm the booking by ``deadline``, on its reconfirmation page."""
        notice = self._text(
            "reconfirm",
            "notice_reconfirm.sms",
            lang,
            office_id,
            code=code,
            day=day_text(day, lang, year=False),
            time=time_text(starts_at, lang),
            deadline=_until(deadline, lang),
            link=f"{self._base}/reconfirm/{code}",
        )
        return Notice(notice.kind, lang, notice.sms, notice.subject, notice.email, code, office_id)

    def released(self, code: str, office_id: str, day: date, lang: str) -> Notice:
        """The booking was not reconfirmed in time and is cancelled."""
        notice = self._text(
            "reconfirm_released",
            "notice_reconfirm_released.sms",
            lang,
            office_id,
            code=code,
            day=day_text(day, lang, year=False),
            site=self._base + "/",
        )
        return Notice(notice.kind, lang, notice.sms, notice.subject, notice.email, code, office_id)


def _until(instant: datetime, lang: str) -> str:
    """``Sunday 6 December 9:30 am``: the day and the time in Cairo."""
    return f"{day_text(to_local(instant, TIMEZONE).date(), lang, year=False)} {time_text(instant, lang)}"
