"""Tables of the question box: unanswered questions and the answers' "did this help?" counts.

On the kernel's ``Base`` (``migrations/env.py`` imports this module). Neither holds a question as
typed: ``guide_unanswered`` keeps per day and language a keyed digest of the question's topic words,
a count, and the words themselves only once they were asked ``REVEAL_AFTER`` times
(``guidance/unanswered.py``); ``guide_feedback`` keeps per day an entry id, yes or no, and a count.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kernel.database import Base


class GuideUnansweredRow(Base):
    __tablename__ = "guide_unanswered"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    lang: Mapped[str] = mapped_column(String(2))
    digest: Mapped[str] = mapped_column(String(64), index=True)
    asked: Mapped[int] = mapped_column(Integer, default=1)
    words: Mapped[str | None] = mapped_column(Text)
    """Readable only once the digest was counted ``REVEAL_AFTER`` times in all."""
    __table_args__ = (
        UniqueConstraint("day", "lang", "digest", name="guide_unanswered_one_row"),
        CheckConstraint("lang IN ('ar', 'en')", name="guide_unanswered_lang_known"),
    )


class GuideFeedbackRow(Base):
    __tablename__ = "guide_feedback"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    entry_id: Mapped[str] = mapped_column(String(64))
    helpful: Mapped[bool] = mapped_column(Boolean)
    count: Mapped[int] = mapped_column(Integer, default=1)
    __table_args__ = (UniqueConstraint("day", "entry_id", "helpful", name="guide_feedback_one_row"),)
