"""Tables of feedback: the invitations sent after visits and the answers they brought.

On booking's ``Base`` (``booking/store/tables.py``), so Alembic sees one schema
(``migrations/env.py`` imports this module). The single use of a link is the database's: an
answer is taken by a conditional update of its invitation (``answered_at IS NULL``) in the
transaction that stores it, so two answers sent at once store one.

Neither table holds an identity, a name or a mobile. An invitation keeps the ticket and booking
it was sent for only until it is answered (then both are cleared) or expires (then the row goes);
an answer keeps the office, the service, the ISO week of the visit, the rating and the masked
comment.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kernel.database import Base, UTCDateTime


class FeedbackInvitationRow(Base):
    __tablename__ = "feedback_invitations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    service: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column(Date)
    lang: Mapped[str] = mapped_column(String(2))
    ticket_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    """One invitation per completed ticket; cleared once answered."""
    booking_code: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (CheckConstraint("lang IN ('ar', 'en')", name="feedback_lang_known"),)


class FeedbackAnswerRow(Base):
    __tablename__ = "feedback_answers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    service: Mapped[str] = mapped_column(String(40))
    week: Mapped[str] = mapped_column(String(8))
    """The ISO week of the visit, ``2026-W49``: sorts as text."""
    rating: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    __table_args__ = (
        CheckConstraint("rating BETWEEN 1 AND 5", name="feedback_rating_range"),
        Index("ix_feedback_answers_office_week", "office_id", "week"),
    )
