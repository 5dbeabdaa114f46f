"""What a citizen is told by SMS and e-mail: an Arabic SMS fits two UCS-2 segments with the code,
the office and the link whatever the office and time; English fits two GSM segments; the e-mail
says more (documents, address, arrive early)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from booking.demo import DEMO_OFFICES
from booking.notices import SMS_LIMIT_AR, SMS_LIMIT_EN, BookingNotices, sms_units, verification_notice
from booking.services import SERVICES

OFFICES = {office.id: office for office in DEMO_OFFICES}
PUBLIC_URL = "https://mawid.moi.gov.eg"
KINDS = ("confirmed", "reminder", "cancelled", "rescheduled", "recovered")


@dataclass(frozen=True)
class Reader:
    lang: str


@dataclass(frozen=True)
class Visit:
    code: str
    applicant: Reader
    service: str
    office_id: str
    day: date
    starts_at: datetime


def visit(lang: str = "ar", office_id: str = "giza-passports", service: str = "passport-renewal") -> Visit:
    start = datetime(2026, 12, 9, 10, 30, tzinfo=UTC)  # 12:30 in Cairo
    return Visit("K7M2Q9XA", Reader(lang), service, office_id, date(2026, 12, 9), start)


def test_the_arabic_confirmation_names_office_day_time_code_and_link_in_arabic_digits() -> None:
    notice = BookingNotices(OFFICES, PUBLIC_URL).confirmed(visit())
    office = OFFICES["giza-passports"].name_ar
    assert notice.sms == (
        f"موعدك في {office} الأربعاء ٩ ديسمبر ١٢:٣٠ ظهرًا. كود الحجز K7M2Q9XA https://mawid.moi.gov.eg/b/K7M2Q9XA"
    )
    assert (notice.kind, notice.lang, notice.booking_code) == ("booked", "ar", "K7M2Q9XA")
    assert notice.office_id == "giza-passports"


def test_the_email_says_more_than_the_sms() -> None:
    notice = BookingNotices(OFFICES, PUBLIC_URL).reminder(visit("en"))
    assert "ten minutes early" in notice.email
    for document in SERVICES["passport-renewal"].documents_en:
        assert f"- {document}" in notice.email
    assert OFFICES["giza-passports"].address_en in notice.email
    assert "2026" in notice.email and "2026" not in notice.sms  # the SMS leaves out the year
    assert notice.subject.startswith("Reminder")


@settings(max_examples=300, deadline=None)
@given(
    office=st.sampled_from(DEMO_OFFICES),
    lang=st.sampled_from(["ar", "en"]),
    kind=st.sampled_from(KINDS),
    day=st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)),
    minutes=st.integers(min_value=0, max_value=24 * 60 - 1),
    base=st.sampled_from([PUBLIC_URL, "http://127.0.0.1:8000", "https://mawid.example.gov.eg"]),
)
def test_every_sms_fits_two_segments_with_its_code_and_link(office, lang, kind, day, minutes, base) -> None:
    service = sorted(office.services)[minutes % len(office.services)]
    start = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(minutes=minutes)
    booked = replace(visit(lang, office.id, service), day=day, starts_at=start)
    notice = getattr(BookingNotices(OFFICES, base), kind)(booked)
    assert sms_units(notice.sms) <= (SMS_LIMIT_AR if lang == "ar" else SMS_LIMIT_EN)
    assert "K7M2Q9XA" in notice.sms
    if lang == "ar":
        assert not re.search(r"[0-9]", notice.sms.replace("K7M2Q9XA", "").replace(base, "")), notice.sms


@given(name=st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي ", min_size=30, max_size=120))
def test_a_long_office_name_is_shortened_never_the_code_or_link(name: str) -> None:
    office = replace(OFFICES["giza-passports"], name_ar=name)
    notice = BookingNotices({office.id: office}, PUBLIC_URL).confirmed(visit())
    assert sms_units(notice.sms) <= SMS_LIMIT_AR
    assert notice.sms.endswith("كود الحجز K7M2Q9XA https://mawid.moi.gov.eg/b/K7M2Q9XA")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_verification_code_names_no_booking(lang: str) -> None:
    notice = verification_notice("042917", lang)
    assert "042917" in notice.sms and notice.booking_code is None
    assert sms_units(notice.sms) <= (SMS_LIMIT_AR if lang == "ar" else SMS_LIMIT_EN)
