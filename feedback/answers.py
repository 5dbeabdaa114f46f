"""What is kept of an answer: the office, the service, the ISO week of the visit, the rating and
the comment — never who gave it.

A comment is trimmed, at most ``MAX_COMMENT`` characters, and any run of four or more digits in
it (spaces, dashes or dots between them included) is masked before it is stored: a national ID
or a mobile typed into a comment never reaches a manager. Digits of any script count (Arabic-Indic
too). Invisible direction and control characters are dropped, so a comment cannot turn the text
around it on a manager's screen.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from feedback.invitations import Invitation
from feedback.messages import MESSAGES
from kernel.errors import Conflict, InvalidInput, NotFound

RATINGS = range(1, 6)
SATISFIED = frozenset({4, 5})
"""A rating of 4 or 5 counts as satisfied."""
MAX_COMMENT = 500
MASK = "•••"

_DIGIT_RUN = re.compile(r"\d(?:[ \-.\u00a0]?\d){3,}")
"""Four or more digits, each perhaps one space, dash or dot from the next: ``01012345678``,
``010 1234 5678``, ``٢٩٠٠١٠١``."""
_KEEP_CONTROLS = frozenset("\n")


def mask_numbers(text: str) -> str:
    """``text`` with every run of four or more digits replaced by ``•••``."""
    return _DIGIT_RUN.sub(MASK, text)


def _visible(text: str) -> str:
    """Without control and invisible formatting characters (bidi overrides, zero-width marks),
    line breaks kept as ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in _KEEP_CONTROLS or unicodedata.category(ch) not in ("Cc", "Cf"))


def clean_comment(comment: str | None) -> str | None:
    """The comment as it is stored: visible characters, trimmed, digits masked; None when empty.
    Refuses one longer than ``MAX_COMMENT`` characters (counted after trimming)."""
    if comment is None:
        return None
    text = _visible(comment).strip()
    if not text:
        return None
    if len(text) > MAX_COMMENT:
        raise MESSAGES.error(InvalidInput, "comment_too_long", limit=MAX_COMMENT, length=len(text))
    return mask_numbers(text)


def check_rating(rating: int) -> int:
    if isinstance(rating, bool) or rating not in RATINGS:
        raise MESSAGES.error(InvalidInput, "invalid_rating")
    return rating


def iso_week(day: date) -> str:
    """``2026-W49``: the ISO year and week of ``day`` (weeks from Monday), sortable as text."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(week: str) -> date:
    """The Monday of an ISO week label (``2026-W49`` → 2026-11-30)."""
    year, _, number = week.partition("-W")
    return date.fromisocalendar(int(year), int(number), 1)


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer as it is kept: nothing in it leads back to the visit's booking."""

    office_id: str
    service: str
    week: str
    rating: int
    comment: str | None
    answered_at: datetime


def not_found() -> NotFound:
    """An unknown token and an expired one answer alike: a link either works or it does not."""
    return MESSAGES.error(NotFound, "feedback_not_found")


def answer(invitation: Invitation, rating: int, comment: str | None, now: datetime) -> Answer:
    """The answer to ``invitation`` at ``now``, or the refusal: expired (as unknown), already
    answered, a rating outside 1–5, a comment too long."""
    if not invitation.is_open(now):
        raise not_found()
    if invitation.answered:
        raise MESSAGES.error(Conflict, "feedback_already_given")
    return Answer(
        office_id=invitation.office_id,
        service=invitation.service,
        week=iso_week(invitation.day),
        rating=check_rating(rating),
        comment=clean_comment(comment),
        answered_at=now,
    )
