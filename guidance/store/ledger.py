"""The question box's ledger on the database: each count one upsert (``ON CONFLICT DO UPDATE``),
so counts from many processes add up; revealing an unanswered question's words happens in the
transaction that counts it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from booking.store.sql import upsert
from guidance.knowledge import as_lang
from guidance.store.tables import GuideFeedbackRow, GuideUnansweredRow
from guidance.unanswered import DayCount, GuideReport, Helpfulness, MissingTopic, Unanswered
from kernel.database import Database

MISSING_TOPICS = 50


def count_unanswered(conn: Connection, question: Unanswered, reveal_after: int) -> None:
    conn.execute(
        upsert(conn.dialect.name, GuideUnansweredRow)
        .values(day=question.day, lang=question.lang, digest=question.digest, asked=1, words=None)
        .on_conflict_do_update(
            index_elements=["day", "lang", "digest"], set_={"asked": GuideUnansweredRow.asked + 1}
        )
    )
    same = (GuideUnansweredRow.digest == question.digest, GuideUnansweredRow.lang == question.lang)
    asked = conn.execute(select(func.sum(GuideUnansweredRow.asked)).where(*same)).scalar_one()
    if asked >= reveal_after:
        conn.execute(update(GuideUnansweredRow).where(*same).values(words=question.words))


def count_feedback(conn: Connection, entry_id: str, helpful: bool, day: date) -> None:
    conn.execute(
        upsert(conn.dialect.name, GuideFeedbackRow)
        .values(day=day, entry_id=entry_id, helpful=helpful, count=1)
        .on_conflict_do_update(
            index_elements=["day", "entry_id", "helpful"], set_={"count": GuideFeedbackRow.count + 1}
        )
    )


def report(conn: Connection, first: date, last: date) -> GuideReport:
    unanswered = GuideUnansweredRow
    in_range = (unanswered.day >= first, unanswered.day <= last)
    days = conn.execute(
        select(unanswered.day, unanswered.lang, func.sum(unanswered.asked))
        .where(*in_range)
        .group_by(unanswered.day, unanswered.lang)
        .order_by(unanswered.day, unanswered.lang)
    )
    total = func.sum(unanswered.asked)
    missing = conn.execute(
        select(unanswered.lang, unanswered.words, total)
        .where(*in_range, unanswered.words.is_not(None))
        .group_by(unanswered.lang, unanswered.words)
        .order_by(total.desc(), unanswered.words)
        .limit(MISSING_TOPICS)
    )
    feedback = conn.execute(
        select(GuideFeedbackRow.entry_id, GuideFeedbackRow.helpful, func.sum(GuideFeedbackRow.count))
        .where(GuideFeedbackRow.day >= first, GuideFeedbackRow.day <= last)
        .group_by(GuideFeedbackRow.entry_id, GuideFeedbackRow.helpful)
    )
    votes: dict[str, list[int]] = {}
    for entry_id, helpful, count in feedback:
        votes.setdefault(entry_id, [0, 0])[0 if helpful else 1] += int(count)
    return GuideReport(
        unanswered=tuple(DayCount(day, as_lang(lang), int(asked)) for day, lang, asked in days),
        missing=tuple(MissingTopic(as_lang(lang), words or "", int(asked)) for lang, words, asked in missing),
        helpfulness=tuple(Helpfulness(entry_id, yes, no) for entry_id, (yes, no) in sorted(votes.items())),
    )


class SqlGuideLedger:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def count_unanswered(self, question: Unanswered, reveal_after: int) -> None:
        await self._db.write(lambda conn: count_unanswered(conn, question, reveal_after))

    async def count_feedback(self, entry_id: str, helpful: bool, day: date) -> None:
        await self._db.write(lambda conn: count_feedback(conn, entry_id, helpful, day))

    async def report(self, first: date, last: date) -> GuideReport:
        return await self._db.read(lambda conn: report(conn, first, last))
