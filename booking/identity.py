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

from booking.messages import MESSAGES
from kernel.errors import InvalidInput
from kernel.governorates import BY_CODE

# Arabic-Indic (U+0660…) and Eastern Arabic-Indic (Persian, U+06F0…) digits both occur on phones.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_SEPARATORS = re.compile(r"[\s\-\u200f\u200e]")


def normalise_digits(raw: str) -> str:
    """Western digits, no spaces, dashes or direction marks."""
    return _SEPARATORS.sub("", raw.translate(_DIGITS))


SENIOR_AGE = 60
"""The age from which a citizen is served with elderly priority."""


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

    def senior_on(self, day: date) -> bool:
        """Whether the holder is 60 or over on ``day`` (elderly priority at the kiosk); False
        when the identity carries no birth date (a passport). Only this answer is stored, never
        the birth date: beside the last four digits it would narrow a national ID to a few
        hundred candidates."""
        if self.birth_date is None:
            return False
        born = self.birth_date
        age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        return age >= SENIOR_AGE

    def __repr__(self) -> str:  # keep the number out of logs and tracebacks
        return f"Identity(type={self.type.value}, nationality={self.nationality}, …{self.last4})"

    __str__ = __repr__


def _invalid_id(why: str) -> InvalidInput:
    return MESSAGES.error(InvalidInput, f"invalid_national_id.{why}")


def parse_national_id(raw: str, today: date) -> NationalId:
    """Validate ``C YYMMDD GG SSSS K``; the check digit's algorithm is unpublished, so never judged."""
    number = normalise_digits(raw)
    if len(number) != 14 or not number.isascii() or not number.isdigit():
        raise _invalid_id("length")
    century = {"2": 1900, "3": 2000}.get(number[0])
    if century is None:
        raise _invalid_id("century")
    try:
        birth = date(century + int(number[1:3]), int(number[3:5]), int(number[5:7]))
    except ValueError:
        raise _invalid_id("birth_date") from None
    if birth > today:
        raise _invalid_id("born_later")
    governorate = number[7:9]
    if governorate not in BY_CODE:
        raise _invalid_id("governorate")
    return NationalId(number, birth, governorate, male=int(number[12]) % 2 == 1)


_PASSPORT = re.compile(r"^[A-Z0-9]{6,12}$")


def parse_passport(raw_number: str, raw_nationality: str) -> Identity:
    number = normalise_digits(raw_number).upper()
    if not _PASSPORT.match(number):
        raise MESSAGES.error(InvalidInput, "invalid_passport")
    nationality = raw_nationality.strip().upper()
    if len(nationality) != 3 or pycountry.countries.get(alpha_3=nationality) is None:
        raise MESSAGES.error(InvalidInput, "invalid_nationality")
    return Identity(IdentityType.PASSPORT, number, nationality)


def identity_from_national_id(raw: str, today: date) -> Identity:
    parsed = parse_national_id(raw, today)
    return Identity(IdentityType.NATIONAL_ID, parsed.number, "EGY", parsed.birth_date)


_MOBILE = re.compile(r"^(?:\+20|0020|0)?(1[0125]\d{8})$")


def normalise_phone(raw: str) -> str:
    """An Egyptian mobile number in E.164 (+201XXXXXXXXX), or ``invalid_phone``."""
    match = _MOBILE.match(normalise_digits(raw).replace("(", "").replace(")", ""))
    if not match:
        raise MESSAGES.error(InvalidInput, "invalid_phone")
    return "+20" + match.group(1)


IDENTITY_KEY_CONTEXT = b"mawid-identity-v1:"
"""Prefix of the key derivation. Before ``MAWID_IDENTITY_KEY`` existed the HMAC key was derived
the same way from ``MAWID_SECRET_KEY``, so that old secret, given as a retired identity key,
still finds the bookings made under it."""


def identity_key_id(key: bytes) -> str:
    """A short public name for an HMAC key, stored beside each digest: it tells which key made
    the digest without telling anything about the key."""
    return hashlib.sha256(b"mawid-identity-key-id:" + key).hexdigest()[:8]


@dataclass(frozen=True, slots=True)
class IdentityKey:
    id: str
    key: bytes

    @classmethod
    def from_secret(cls, secret: str) -> IdentityKey:
        key = hashlib.sha256(IDENTITY_KEY_CONTEXT + secret.encode()).digest()
        return cls(identity_key_id(key), key)


@dataclass(frozen=True, slots=True)
class IdentityHasher:
    """Keyed HMAC of an identity: equal identities give equal digests, and nothing else leaks.

    ``keys[0]`` makes every new digest; the others are retired keys kept only so that rows made
    under them are still found (rotation: README, "Keys and personal data"). Each row stores the
    id of the key that made its digest.
    """

    keys: tuple[IdentityKey, ...]

    def __post_init__(self) -> None:
        if not self.keys:
            raise ValueError("an identity hasher needs at least one key")

    @classmethod
    def from_secret(cls, secret: str, *retired: str) -> IdentityHasher:
        """A hasher whose current key is derived from ``secret``, the retired ones from ``retired``."""
        keys: dict[str, IdentityKey] = {}
        for one in (secret, *retired):
            key = IdentityKey.from_secret(one)
            keys.setdefault(key.id, key)
        return cls(tuple(keys.values()))

    @property
    def key_id(self) -> str:
        """The id of the current key, stored beside every new digest."""
        return self.keys[0].id

    @staticmethod
    def _hmac(key: IdentityKey, identity: Identity) -> str:
        message = f"{identity.type.value}:{identity.nationality}:{identity.number}".encode()
        return hmac.new(key.key, message, hashlib.sha256).hexdigest()

    def digest(self, identity: Identity) -> str:
        """The digest under the current key: what a new row stores. ``digests`` gives the ones
        under the retired keys too (``booking.applicant.Applicant.of`` keeps them)."""
        return self._hmac(self.keys[0], identity)

    def digests(self, identity: Identity) -> tuple[str, ...]:
        """The digest under every configured key, current first: what a look-up *by identity*
        (limits, duplicates) must search for while rows made under a retired key remain."""
        return tuple(self._hmac(key, identity) for key in self.keys)

    def matches(
        self, digest: str, type_: IdentityType, nationality: str, raw: str, key_id: str | None = None
    ) -> bool:
        """Whether a typed identity number belongs to a stored digest (constant-time).

        ``key_id`` is the row's: only that key is tried (a key no longer configured finds
        nothing). Without it every configured key is tried."""
        number = normalise_digits(raw).upper()
        identity = Identity(type_, number, nationality)
        keys = [key for key in self.keys if key_id is None or key.id == key_id]
        found = False
        for key in keys:  # no early exit: the time does not tell which key matched
            found |= hmac.compare_digest(self._hmac(key, identity), digest)
        return found


def senior_on_visit(type_: IdentityType, raw: str, day: date) -> bool:
    """``Identity.senior_on`` for a number typed again later (a reschedule brings it in the
    ``X-Identity-Number`` header and the booking keeps no birth date): False for a passport."""
    if type_ is not IdentityType.NATIONAL_ID:
        return False
    try:
        return identity_from_national_id(raw, day).senior_on(day)
    except InvalidInput:
        return False


def parse_identity(type_: str, number: str, nationality: str | None, today: date) -> Identity:
    """An identity from what a citizen typed: a national ID, or a passport and nationality."""
    if type_ == IdentityType.NATIONAL_ID:
        return identity_from_national_id(number, today)
    if type_ == IdentityType.PASSPORT:
        return parse_passport(number, nationality or "")
    raise MESSAGES.error(InvalidInput, "invalid_identity")
