from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from booking.identity import (
    Identity,
    IdentityHasher,
    IdentityType,
    identity_from_national_id,
    normalise_phone,
    parse_national_id,
    parse_passport,
)
from kernel.errors import InvalidInput

TODAY = date(2026, 12, 6)


def test_a_valid_national_id_gives_birth_date_governorate_and_sex():
    parsed = parse_national_id("29001010112345", TODAY)
    assert parsed.birth_date == date(1990, 1, 1)
    assert parsed.governorate_code == "01"
    assert parsed.male is False  # 13th digit 4 is even


def test_a_national_id_born_in_the_2000s_uses_century_digit_three():
    assert parse_national_id("30512312101233", TODAY).birth_date == date(2005, 12, 31)


def test_arabic_indic_digits_are_accepted_and_normalised():
    assert parse_national_id("٢٩٠٠١٠١٠١١٢٣٤٥", TODAY).number == "29001010112345"
    assert parse_national_id("۲۹۰۰۱۰۱۰۱۱۲۳۴۵", TODAY).number == "29001010112345"


@pytest.mark.parametrize(
    "number, why",
    [
        ("29002300112345", "30 February"),
        ("29013010112345", "month 13"),
        ("32701010112345", "born in 2027, after today"),
        ("29001010512345", "governorate 05 does not exist"),
        ("29001019912345", "governorate 99 does not exist"),
        ("19001010112345", "century digit 1"),
        ("2900101011234", "13 digits"),
        ("2900101011234X", "a letter"),
    ],
)
def test_invalid_national_ids_are_refused_with_a_stable_code(number, why):
    with pytest.raises(InvalidInput) as refused:
        parse_national_id(number, TODAY)
    assert refused.value.code == "invalid_national_id", why
    assert refused.value.detail_ar


@given(st.integers(min_value=0, max_value=9))
def test_the_check_digit_is_never_judged(check_digit):
    assert parse_national_id(f"2900101011234{check_digit}", TODAY)


def test_a_passport_needs_a_real_nationality_code():
    assert parse_passport("a1234567", "sdn").nationality == "SDN"
    with pytest.raises(InvalidInput) as refused:
        parse_passport("A1234567", "XXX")
    assert refused.value.code == "invalid_nationality"


@pytest.mark.parametrize(
    "raw", ["01012345678", "+201012345678", "00201512345678", "010 1234 5678", "٠١١٢٣٤٥٦٧٨٩"]
)
def test_egyptian_mobile_numbers_are_normalised_to_e164(raw):
    assert normalise_phone(raw).startswith("+201")
    assert len(normalise_phone(raw)) == 13


@pytest.mark.parametrize("raw", ["01312345678", "0101234567", "+441012345678", "0223456789"])
def test_other_numbers_are_not_egyptian_mobiles(raw):
    with pytest.raises(InvalidInput) as refused:
        normalise_phone(raw)
    assert refused.value.code == "invalid_phone"


def test_the_identity_digest_is_keyed_and_never_shows_the_number():
    identity = identity_from_national_id("29001010112345", TODAY)
    digest = IdentityHasher.from_secret("one secret").digest(identity)
    assert "29001010112345" not in digest
    assert digest != IdentityHasher.from_secret("another secret").digest(identity)
    assert digest == IdentityHasher.from_secret("one secret").digest(identity)


def test_an_identity_never_prints_its_number():
    identity = Identity(IdentityType.NATIONAL_ID, "29001010112345", "EGY")
    assert "29001010112345" not in repr(identity)
    assert "29001010112345" not in f"{identity}"
    assert identity.last4 == "2345"


def test_a_typed_number_matches_its_digest_in_either_digit_script():
    hasher = IdentityHasher.from_secret("s")
    identity = identity_from_national_id("29001010112345", TODAY)
    digest = hasher.digest(identity)
    assert hasher.matches(digest, IdentityType.NATIONAL_ID, "EGY", "٢٩٠٠١٠١٠١١٢٣٤٥")
    assert not hasher.matches(digest, IdentityType.NATIONAL_ID, "EGY", "29001010112346")
