"""An applicant is built once from what the citizen sent: the number digested, never kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from booking.applicant import Applicant
from booking.identity import Identity, IdentityHasher, IdentityType
from kernel.errors import InvalidInput

CITIZEN = Identity(IdentityType.NATIONAL_ID, "29001010112345", "EGY")
HASHER = IdentityHasher.from_secret("unit-test-identity-key")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _applicant(identity: Identity = CITIZEN, hasher: IdentityHasher = HASHER, **changes: str) -> Applicant:
    details = {"full_name": "  Mona   Ahmed Hassan ", "phone": "+201012345678", "email": None, "lang": "en"}
    details.update(changes)
    return Applicant.of(identity, hasher, **details)  # type: ignore[arg-type]


def test_an_applicant_keeps_the_digest_and_last_four_never_the_number():
    applicant = _applicant()
    assert applicant.identity_hash == HASHER.digest(CITIZEN)
    assert applicant.identity_last4 == "2345" and applicant.identity_key_id == HASHER.key_id
    assert (applicant.identity_type, applicant.identity_nationality) == ("national_id", "EGY")
    assert CITIZEN.number not in repr(applicant)


def test_the_name_is_cleaned_and_a_language_we_do_not_write_reads_as_arabic():
    assert _applicant().full_name == "Mona Ahmed Hassan"
    assert _applicant(lang="fr").lang == "ar"
    with pytest.raises(InvalidInput) as refused:
        _applicant(email="not an address")
    assert refused.value.code == "invalid_email"


def test_under_a_rotated_key_the_applicant_knows_its_digest_under_the_retired_one():
    old = IdentityHasher.from_secret("the old identity key")
    rotated = IdentityHasher.from_secret("the new identity key", "the old identity key")
    applicant = _applicant(hasher=rotated)
    assert applicant.identity_hash == rotated.digest(CITIZEN) != old.digest(CITIZEN)
    assert applicant.retired_hashes == (old.digest(CITIZEN),)
    assert _applicant().retired_hashes == ()


@given(st.from_regex(r"2[0-9]{2}0[1-9]1[0-9]01[0-9]{5}", fullmatch=True), st.booleans())
def test_an_applicant_is_identified_by_its_number_in_either_digit_script_and_by_no_other(
    number: str, arabic: bool
) -> None:
    applicant = _applicant(Identity(IdentityType.NATIONAL_ID, number, "EGY"))
    typed = number.translate(ARABIC_DIGITS) if arabic else number
    assert applicant.identified_by(typed, HASHER)
    other = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert not applicant.identified_by(other, HASHER)
    assert not applicant.identified_by(number, IdentityHasher.from_secret("another key"))
