"""Who a citizen is: Egyptian national IDs, passports, mobile numbers, and how we keep them secret.

The identity number is never stored or logged in clear. We keep a keyed HMAC of it (for look-ups
and uniqueness) and its last four digits (so a clerk can say "the ID ending 1234").
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import pycountry

from booking.errors import InvalidInput
from booking.governorates import BY_CODE

# Arabic-Indic (U+0660…) and Eastern Arabic-Indic (Persian, U+06F0…) digits both occur on phones.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_SEPARATORS = re.compile(r"[\s\-\u200f\u200e]")


def normalise_digits(raw: str) -> str:
    """Western digits, no spaces, dashes or direction marks."""
    return _SEPARATORS.sub("", raw.translate(_DIGITS))


class IdentityType(StrEnum):
    NATIONAL_ID = "national_id"
    PASSPORT = "passport"


@dataclass(frozen=True, slots=True)
class NationalId:
    number: str
    birth_date: date
    governorate_code: str
    male: bool


@dataclass(frozen=True, slots=True)
class Identity:
    """A validated identity; ``number`` is normalised and must not leave the process in clear."""

    type: IdentityType
    number: str
    nationality: str  # ISO 3166-1 alpha-3; EGY for a national ID
    birth_date: date | None = None

    @property
    def is_citizen(self) -> bool:
        return self.nationality == "EGY"

    @property
    def last4(self) -> str:
        return self.number[-4:]

    def __repr__(self) -> str:  # keep the number out of logs and tracebacks
        return f"Identity(type={self.type.value}, nationality={self.nationality}, …{self.last4})"

    __str__ = __repr__


def _invalid_id(why_en: str, why_ar: str) -> InvalidInput:
    return InvalidInput(
        "invalid_national_id",
        f"This is not a valid Egyptian national ID number: {why_en}.",
        f"رقم قومي غير صحيح: {why_ar}.",
    )


def parse_national_id(raw: str, today: date) -> NationalId:
    """Validate ``C YYMMDD GG SSSS K``; the check digit's algorithm is unpublished, so never judged."""
    number = normalise_digits(raw)
    if len(number) != 14 or not number.isascii() or not number.isdigit():
        raise _invalid_id("it must have exactly 14 digits", "يجب أن يتكون من ١٤ رقمًا")
    century = {"2": 1900, "3": 2000}.get(number[0])
    if century is None:
        raise _invalid_id("the first digit must be 2 or 3", "يجب أن يبدأ بالرقم ٢ أو ٣")
    try:
        birth = date(century + int(number[1:3]), int(number[3:5]), int(number[5:7]))
    except ValueError:
        raise _invalid_id(
            "the birth date in it is not a real date", "تاريخ الميلاد الوارد فيه غير صحيح"
        ) from None
    if birth > today:
        raise _invalid_id("the birth date in it is in the future", "تاريخ الميلاد الوارد فيه في المستقبل")
    governorate = number[7:9]
    if governorate not in BY_CODE:
        raise _invalid_id("the governorate code in it does not exist", "كود المحافظة الوارد فيه غير موجود")
    return NationalId(number, birth, governorate, male=int(number[12]) % 2 == 1)


_PASSPORT = re.compile(r"^[A-Z0-9]{6,12}$")


def parse_passport(raw_number: str, raw_nationality: str) -> Identity:
    number = normalise_digits(raw_number).upper()
    if not _PASSPORT.match(number):
        raise InvalidInput(
            "invalid_passport",
            "A passport number has 6 to 12 Latin letters and digits.",
            "رقم جواز السفر يتكون من ٦ إلى ١٢ حرفًا لاتينيًا ورقمًا.",
        )
    nationality = raw_nationality.strip().upper()
    if len(nationality) != 3 or pycountry.countries.get(alpha_3=nationality) is None:
        raise InvalidInput(
            "invalid_nationality",
            "Nationality must be an ISO 3166-1 alpha-3 country code, such as SDN or SYR.",
            "يجب كتابة الجنسية بالرمز الدولي المكون من ثلاثة أحرف، مثل SDN أو SYR.",
        )
    return Identity(IdentityType.PASSPORT, number, nationality)


def identity_from_national_id(raw: str, today: date) -> Identity:
    parsed = parse_national_id(raw, today)
    return Identity(IdentityType.NATIONAL_ID, parsed.number, "EGY", parsed.birth_date)


_MOBILE = re.compile(r"^(?:\+20|0020|0)?(1[0125]\d{8})$")


def normalise_phone(raw: str) -> str:
    """An Egyptian mobile number in E.164 (+201XXXXXXXXX), or ``invalid_phone``."""
    match = _MOBILE.match(normalise_digits(raw).replace("(", "").replace(")", ""))
    if not match:
        raise InvalidInput(
            "invalid_phone",
            "Enter an Egyptian mobile number such as 010 1234 5678 or +20 10 1234 5678.",
            "أدخل رقم محمول مصري مثل ٠١٠١٢٣٤٥٦٧٨ أو ‎+20 10 1234 5678.",
        )
    return "+20" + match.group(1)


@dataclass(frozen=True, slots=True)
class IdentityHasher:
    """Keyed HMAC of an identity: equal identities give equal digests, and nothing else leaks."""

    key: bytes

    @classmethod
    def from_secret(cls, secret: str) -> IdentityHasher:
        # A key of its own, derived from the app secret, so that rotating JWT signing and
        # identity hashing can be reasoned about separately.
        return cls(hashlib.sha256(b"mawid-identity-v1:" + secret.encode()).digest())

    def digest(self, identity: Identity) -> str:
        message = f"{identity.type.value}:{identity.nationality}:{identity.number}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()

    def matches(self, digest: str, type_: IdentityType, nationality: str, raw: str) -> bool:
        """Whether a typed identity number belongs to a stored digest (constant-time)."""
        number = normalise_digits(raw).upper()
        candidate = self.digest(Identity(type_, number, nationality))
        return hmac.compare_digest(candidate, digest)


def parse_identity(type_: str, number: str, nationality: str | None, today: date) -> Identity:
    """An identity from what a citizen typed: a national ID, or a passport and nationality."""
    if type_ == IdentityType.NATIONAL_ID:
        return identity_from_national_id(number, today)
    if type_ == IdentityType.PASSPORT:
        return parse_passport(number, nationality or "")
    raise InvalidInput(
        "invalid_identity",
        "Identity type must be national_id or passport.",
        "نوع الهوية يجب أن يكون رقمًا قوميًا أو جواز سفر.",
    )
