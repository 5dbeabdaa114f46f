"""Verified mobiles: a booking is held until the citizen types the code sent to the mobile.

Pure rules (no clock of its own, no storage): a six-digit code drawn at random, kept only as an
HMAC bound to its hold (so a leaked table gives no codes, and a code of one hold is no code of
another); a hold lives ``ttl`` and is dropped after ``max_wrong`` wrong codes; a code may be sent
again after ``resend_after``, at most ``max_sends`` times in all.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from booking.bookings import NewBooking
from booking.identity import normalise_digits
from booking.messages import MESSAGES
from kernel.errors import Conflict, InvalidInput, NotFound

CODE_DIGITS = 6


class HoldStatus(StrEnum):
    AWAITING = "awaiting_verification"
    CONFIRMED = "confirmed"
    DROPPED = "dropped"  # too many wrong codes
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class VerificationPolicy:
    ttl: timedelta = timedelta(minutes=10)
    max_wrong: int = 5
    max_sends: int = 3
    resend_after: timedelta = timedelta(seconds=30)


def new_code() -> str:
    """Six digits from the operating system's random source."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def code_digest(key: bytes, hold_id: str, code: str) -> str:
    return hmac.new(key, f"{hold_id}:{code}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class Hold:
    """A slot held for a citizen while the code sent to their mobile is awaited."""

    hold_id: str
    code_digest: str
    created_at: datetime
    expires_at: datetime
    last_sent_at: datetime
    sends: int = 1
    wrong: int = 0
    status: HoldStatus = HoldStatus.AWAITING

    @classmethod
    def start(cls, key: bytes, code: str, now: datetime, policy: VerificationPolicy) -> Hold:
        hold_id = secrets.token_hex(16)
        return cls(hold_id, code_digest(key, hold_id, code), now, now + policy.ttl, now)

    def live(self, now: datetime) -> bool:
        return self.status is HoldStatus.AWAITING and now < self.expires_at


@dataclass(frozen=True, slots=True)
class HeldBooking:
    """A hold and the booking it makes once confirmed."""

    hold: Hold
    booking: NewBooking


@dataclass(frozen=True, slots=True)
class Verdict:
    hold: Hold
    confirmed: bool
    tries_left: int


def try_code(hold: Hold, key: bytes, code: str, now: datetime, policy: VerificationPolicy) -> Verdict:
    """The hold after ``code`` is typed. Raises ``hold_not_found`` for a hold no longer awaiting
    (expired, dropped or confirmed): the citizen starts again."""
    if hold.status is HoldStatus.AWAITING and now >= hold.expires_at:
        hold = replace(hold, status=HoldStatus.EXPIRED)
    if hold.status is not HoldStatus.AWAITING:
        raise MESSAGES.error(NotFound, "hold_not_found")
    typed = normalise_digits(code)
    if hmac.compare_digest(code_digest(key, hold.hold_id, typed), hold.code_digest):
        return Verdict(replace(hold, status=HoldStatus.CONFIRMED), True, policy.max_wrong - hold.wrong)
    wrong = hold.wrong + 1
    status = HoldStatus.DROPPED if wrong >= policy.max_wrong else HoldStatus.AWAITING
    return Verdict(replace(hold, wrong=wrong, status=status), False, policy.max_wrong - wrong)


def resend(hold: Hold, key: bytes, code: str, now: datetime, policy: VerificationPolicy) -> Hold:
    """The hold with a fresh ``code``, or a refusal: ``hold_not_found`` when it no longer awaits,
    ``resend_too_soon`` within ``resend_after`` of the last send, ``resend_limit`` after
    ``max_sends``. A resend does not lengthen the hold."""
    if not hold.live(now):
        raise MESSAGES.error(NotFound, "hold_not_found")
    if hold.sends >= policy.max_sends:
        raise MESSAGES.error(Conflict, "resend_limit")
    wait = hold.last_sent_at + policy.resend_after - now
    if wait > timedelta(0):
        raise MESSAGES.error(Conflict, "resend_too_soon", indic=True, seconds=int(wait.total_seconds()) + 1)
    return replace(
        hold, code_digest=code_digest(key, hold.hold_id, code), last_sent_at=now, sends=hold.sends + 1
    )


def check_code_shape(code: str) -> None:
    """Six digits (Arabic-Indic digits and spaces allowed), or ``invalid_verification_code``."""
    typed = normalise_digits(code)
    if len(typed) != CODE_DIGITS or not typed.isascii() or not typed.isdigit():
        raise MESSAGES.error(InvalidInput, "invalid_verification_code")
