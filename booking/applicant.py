"""Who a booking or a request is for, as the system keeps them: the identity reduced to its keyed
digest and last four digits, and how to reach the person.

A booking (``booking.bookings``) and a flexible request or draw entry (``booking.booking_requests``)
carry the same ``Applicant``; it is built once, here, from what the citizen sent, by whichever use
case takes the command (``Applicant.of``), and a booking the optimiser makes from a request takes
the request's applicant as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from booking.identity import Identity, IdentityHasher, IdentityType
from booking.rules import clean_email, clean_full_name

LANGUAGES = ("ar", "en")
"""The languages a citizen is written to in; anything else reads as Arabic, the first."""


@dataclass(frozen=True, slots=True)
class Applicant:
    identity_hash: str
    """The keyed digest of the identity under the current key; the number itself is never kept."""
    identity_type: str
    identity_nationality: str
    identity_last4: str
    identity_key_id: str
    """Which identity key made ``identity_hash`` (``booking.identity.IdentityHasher``)."""
    full_name: str
    phone: str
    email: str | None
    lang: str
    retired_hashes: tuple[str, ...] = ()
    """The same identity's digests under retired keys: known only while the number is at hand (an
    applicant just built from a command), so that the store can re-key the person's older rows
    (``booking.store.identity_keys``). An applicant read back from a row knows none."""

    @classmethod
    def of(
        cls,
        identity: Identity,
        hasher: IdentityHasher,
        *,
        full_name: str,
        phone: str,
        email: str | None,
        lang: str,
    ) -> Applicant:
        """The applicant of a citizen's command: the name and e-mail cleaned (or refused with
        ``invalid_name`` / ``invalid_email``), the phone as already normalised, the number
        digested under every configured key."""
        name, cleaned_email = clean_full_name(full_name), clean_email(email)
        current, *retired = hasher.digests(identity)
        return cls(
            identity_hash=current,
            identity_type=identity.type.value,
            identity_nationality=identity.nationality,
            identity_last4=identity.last4,
            identity_key_id=hasher.key_id,
            full_name=name,
            phone=phone,
            email=cleaned_email,
            lang=lang if lang in LANGUAGES else LANGUAGES[0],
            retired_hashes=tuple(retired),
        )

    def identified_by(self, number: str, hasher: IdentityHasher) -> bool:
        """Whether a typed identity number is this applicant's (constant-time, under the key that
        made the digest)."""
        return hasher.matches(
            self.identity_hash,
            IdentityType(self.identity_type),
            self.identity_nationality,
            number,
            self.identity_key_id,
        )
