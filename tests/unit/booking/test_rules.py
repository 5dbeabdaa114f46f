from datetime import datetime, timedelta

import pytest

from booking.codes import ALPHABET, new_booking_code, normalise_booking_code
from booking.identity import Identity, IdentityType
from booking.rules import check_booking_window, check_eligibility
from booking.services import CATALOGUE, SERVICES
from kernel.errors import InvalidInput

NOW = datetime.fromisoformat("2026-12-06T08:00:00+02:00")
CITIZEN = Identity(IdentityType.NATIONAL_ID, "29001010112345", "EGY")
FOREIGNER = Identity(IdentityType.PASSPORT, "A1234567", "SDN")


@pytest.mark.parametrize("ahead", [timedelta(hours=1), timedelta(days=60)])
def test_a_slot_an_hour_or_more_ahead_is_not_too_soon(ahead):
    check_booking_window(NOW + ahead, NOW)


# How far ahead a day opens is the release policy's (tests/unit/booking/test_release.py).
@pytest.mark.parametrize("ahead", [timedelta(minutes=59), -timedelta(hours=1)])
def test_a_slot_too_soon_or_past_is_outside_the_window(ahead):
    with pytest.raises(InvalidInput) as refused:
        check_booking_window(NOW + ahead, NOW)
    assert refused.value.code == "outside_booking_window"


def test_passport_services_are_for_citizens_and_residence_for_foreigners():
    check_eligibility(SERVICES["passport-new"], CITIZEN)
    check_eligibility(SERVICES["residence-renewal"], FOREIGNER)
    check_eligibility(SERVICES["driving-licence-renewal"], FOREIGNER)
    for service, who in (("passport-new", FOREIGNER), ("residence-new", CITIZEN)):
        with pytest.raises(InvalidInput) as refused:
            check_eligibility(SERVICES[service], who)
        assert refused.value.code == "identity_not_eligible"


def test_the_catalogue_has_twelve_bookable_services_and_the_pick_up_lane_with_unique_prefixes():
    assert len(CATALOGUE) == 13
    assert [s.code for s in CATALOGUE if s.walk_in_only] == ["document-collection"]
    assert len({s.ticket_prefix for s in CATALOGUE}) == 13
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in s.name_ar) for s in CATALOGUE)
    assert all(len(s.documents_ar) == len(s.documents_en) > 0 for s in CATALOGUE)


def test_booking_codes_have_forty_random_bits_from_an_unambiguous_alphabet():
    codes = {new_booking_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == 8 and set(c) <= set(ALPHABET) for c in codes)
    assert len(ALPHABET) ** 8 >= 2**40
    assert not set("ILOU") & set(ALPHABET)


def test_a_typed_code_with_lookalike_letters_is_read_as_digits():
    assert normalise_booking_code("abcd-efo1") == "ABCDEF01"
    assert normalise_booking_code("ilo0-2345") == "11002345"
    assert normalise_booking_code("short") is None
