"""Citizens' messages read naturally in their language: Arabic digits and month names, or English."""

from datetime import UTC, date, datetime

from booking.applicant import Applicant
from booking.bookings import Booking
from booking.demo import DEMO_OFFICES
from booking.rules import BookingStatus
from planning.notifications import Notices, day_text, time_text

NINE_THIRTY_CAIRO = datetime(2026, 12, 7, 7, 30, tzinfo=UTC)


def booking(lang: str, **changes) -> Booking:
    values = dict(
        id=1, code="7KQ2M9XD",
        applicant=Applicant(
            identity_hash="h", identity_type="national_id", identity_nationality="EGY",
            identity_last4="1234", identity_key_id="k",
            full_name="منى", phone="+201012345678", email=None, lang=lang,
        ),
        senior_on_visit=False,
        service="passport-new", office_id="giza-passports", starts_at=NINE_THIRTY_CAIRO,
        ends_at=NINE_THIRTY_CAIRO, day=date(2026, 12, 7), status=BookingStatus.CONFIRMED,
        created_at=NINE_THIRTY_CAIRO, updated_at=NINE_THIRTY_CAIRO,
    )  # fmt: skip
    return Booking(**{**values, **changes})


def test_dates_and_times_are_written_as_each_language_reads_them():
    assert day_text(date(2026, 12, 7), "ar") == "الاثنين ٧ ديسمبر ٢٠٢٦"
    assert day_text(date(2026, 12, 7), "en") == "Monday 7 December 2026"
    assert time_text(NINE_THIRTY_CAIRO, "ar") == "٩:٣٠ صباحًا"
    assert time_text(NINE_THIRTY_CAIRO, "en") == "9:30 am"
    assert time_text(datetime(2026, 12, 7, 12, 0, tzinfo=UTC), "ar") == "٢:٠٠ مساءً"


def test_a_moved_booking_is_announced_with_its_new_office_and_time_and_keeps_its_latin_code():
    notices = Notices({o.id: o for o in DEMO_OFFICES})
    before = booking("ar", office_id="cairo-abbassia-passports")
    message = notices.moved(before, booking("ar"), ("the office is closed", "إغلاق المكتب"))
    assert message.kind == "booking_moved" and message.booking_code == "7KQ2M9XD"
    assert "7KQ2M9XD" in message.message and "إدارة جوازات الجيزة" in message.message
    assert "بسبب إغلاق المكتب" in message.message and "٩:٣٠ صباحًا" in message.message
    assert message.payload["from_office"] == "cairo-abbassia-passports"


def test_an_english_speaker_is_told_in_english():
    notices = Notices({o.id: o for o in DEMO_OFFICES})
    message = notices.cancelled(booking("en"), ("the office is closed", "إغلاق المكتب"))
    assert message.lang == "en" and message.message.startswith("We are sorry")
    assert "because the office is closed" in message.message
