"""The invitation to say how a visit went: a single-use link that works without an account.

The token is the link's only secret: 128 random bits, URL-safe. Only its SHA-256 is stored, so
whoever reads the database (a backup, a report) cannot answer in a citizen's name; the token
itself lives only in the message sent to the citizen. A link is valid for a number of days
(``MAWID_FEEDBACK_DAYS``) and is used once.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

TOKEN_BYTES = 16
"""128 bits: guessing a live token is out of reach however many are issued."""
TOKEN_LENGTH = 22
"""``secrets.token_urlsafe(16)``: 16 bytes in base64url without padding."""
_TOKEN = re.compile(rf"[A-Za-z0-9_-]{{{TOKEN_LENGTH}}}")

DEFAULT_VALID_DAYS = 7
PATH = "/feedback/"


def new_token() -> str:
    """A fresh random token, as it goes into the link."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> str:
    """What the database keeps of a token (hex SHA-256)."""
    return hashlib.sha256(token.encode()).hexdigest()


def looks_like_token(token: str) -> bool:
    """Whether ``token`` has a token's shape; anything else is unknown without asking the database."""
    return _TOKEN.fullmatch(token) is not None


def feedback_link(base_url: str, token: str, lang: str = "ar") -> str:
    """The link a citizen follows: ``https://host/feedback/TOKEN``, or the bare path when no
    public address is configured (``MAWID_PUBLIC_URL`` empty). An English invitation asks for the
    English page (``?lang=en``); Arabic is every page's default."""
    link = f"{base_url.rstrip('/')}{PATH}{token}"
    return f"{link}?lang=en" if lang == "en" else link


def invitation_language(lang: str | None) -> str:
    """The booking's language as the invitation keeps it: English when chosen, else Arabic."""
    return "en" if (lang or "").strip().lower() == "en" else "ar"


@dataclass(frozen=True, slots=True)
class Invitation:
    """What is kept of one invitation: which visit it is about, never who made it. The booking
    code is kept only to send one invitation per visit."""

    token_hash: str
    office_id: str
    service: str
    day: date
    lang: str
    ticket_id: str
    booking_code: str | None
    created_at: datetime
    expires_at: datetime
    answered_at: datetime | None = None

    def is_open(self, now: datetime) -> bool:
        """Still valid at ``now`` (answered or not)."""
        return now < self.expires_at

    @property
    def answered(self) -> bool:
        return self.answered_at is not None


def invite(
    *,
    office_id: str,
    service: str,
    day: date,
    lang: str | None,
    ticket_id: str,
    booking_code: str | None,
    now: datetime,
    valid_days: int = DEFAULT_VALID_DAYS,
) -> tuple[str, Invitation]:
    """A new invitation for a completed visit: the token (for the message only) and the row to keep."""
    if now.tzinfo is None:
        raise ValueError("an invitation needs an aware instant")
    if valid_days < 1:
        raise ValueError("an invitation is valid for at least one day")
    token = new_token()
    invitation = Invitation(
        token_hash=token_digest(token),
        office_id=office_id,
        service=service,
        day=day,
        lang=invitation_language(lang),
        ticket_id=ticket_id,
        booking_code=booking_code,
        created_at=now,
        expires_at=now + timedelta(days=valid_days),
    )
    return token, invitation
