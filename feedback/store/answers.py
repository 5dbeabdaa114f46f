"""Answers in the database: taking one (once per invitation), and the figures and comments of
an office's weeks.

Taking an answer is one transaction: the invitation is marked answered by a conditional update
(``answered_at IS NULL`` and not expired) — the single use is the database's, whichever process
gets the second answer — its ticket and booking references are cleared, and the answer is stored.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, insert, select, update
from sqlalchemy.engine import Connection

from feedback.answers import Answer, answer, iso_week, not_found
from feedback.invitations import token_digest
from feedback.messages import MESSAGES
from feedback.store.invitations import find_invitation
from feedback.store.tables import FeedbackAnswerRow, FeedbackInvitationRow
from feedback.summary import Satisfaction, summarise
from kernel.database import Database
from kernel.errors import Conflict

RECENT_COMMENTS = 20


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment as a manager reads it: the service, the week, the rating; nothing of who."""

    service: str
    week: str
    rating: int
    comment: str


def take_answer(conn: Connection, token: str, rating: int, comment: str | None, now: datetime) -> Answer:
    """Store the answer to ``token``'s invitation, or refuse: unknown or expired
    (``feedback_not_found``), already answered (``feedback_already_given``), a bad rating or
    comment (422)."""
    invitation = find_invitation(conn, token)
    if invitation is None:
        raise not_found()
    given = answer(invitation, rating, comment, now)
    taken = conn.execute(
        update(FeedbackInvitationRow)
        .where(
            FeedbackInvitationRow.token_hash == token_digest(token),
            FeedbackInvitationRow.answered_at.is_(None),
            FeedbackInvitationRow.expires_at > now,
        )
        .values(answered_at=now, ticket_id=None, booking_code=None)
    ).rowcount
    if taken != 1:  # another answer got there first
        raise MESSAGES.error(Conflict, "feedback_already_given")
    conn.execute(insert(FeedbackAnswerRow).values(asdict(given)))
    return given


def _in_range(office_id: str, first: date, last: date) -> list[ColumnElement[bool]]:
    return [
        FeedbackAnswerRow.office_id == office_id,
        FeedbackAnswerRow.week >= iso_week(first),
        FeedbackAnswerRow.week <= iso_week(last),
    ]


def satisfaction(conn: Connection, office_id: str, first: date, last: date) -> Satisfaction:
    """The figures of the visits in the ISO weeks from ``first``'s to ``last``'s."""
    rows = conn.execute(
        select(FeedbackAnswerRow.service, FeedbackAnswerRow.week, FeedbackAnswerRow.rating, func.count())
        .where(*_in_range(office_id, first, last))
        .group_by(FeedbackAnswerRow.service, FeedbackAnswerRow.week, FeedbackAnswerRow.rating)
    )
    return summarise((service, week, rating, count) for service, week, rating, count in rows)


def recent_comments(
    conn: Connection, office_id: str, first: date, last: date, limit: int = RECENT_COMMENTS
) -> list[Comment]:
    """The latest comments (already masked when stored) of those weeks, newest first."""
    rows = conn.execute(
        select(
            FeedbackAnswerRow.service,
            FeedbackAnswerRow.week,
            FeedbackAnswerRow.rating,
            FeedbackAnswerRow.comment,
        )
        .where(*_in_range(office_id, first, last), FeedbackAnswerRow.comment.is_not(None))
        .order_by(FeedbackAnswerRow.answered_at.desc(), FeedbackAnswerRow.id.desc())
        .limit(limit)
    )
    return [Comment(service, week, rating, text or "") for service, week, rating, text in rows]


class Answers:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def take(self, token: str, rating: int, comment: str | None, now: datetime) -> Answer:
        return await self._db.write(lambda conn: take_answer(conn, token, rating, comment, now))

    async def of_office(self, office_id: str, first: date, last: date) -> tuple[Satisfaction, list[Comment]]:
        """The office's figures and latest comments over the weeks of ``first``–``last``."""

        def work(conn: Connection) -> tuple[Satisfaction, list[Comment]]:
            return satisfaction(conn, office_id, first, last), recent_comments(conn, office_id, first, last)

        return await self._db.read(work)
