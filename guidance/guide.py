"""The question box's use case: answer a question from the knowledge base, count what it could
not answer (``guidance.unanswered``) and what citizens said of the answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from booking.calendar import local_today
from guidance.knowledge import Entry, KnowledgeBase, Lang
from guidance.messages import MESSAGES
from guidance.retrieval import Retriever
from guidance.unanswered import MAX_QUESTION, REVEAL_AFTER, GuideLedger, GuideReport, unanswered
from kernel.clock import Clock
from kernel.days import TIMEZONE
from kernel.errors import InvalidInput, NotFound


@dataclass(frozen=True, slots=True)
class Answer:
    entry: Entry
    score: float


def checked_question(question: str) -> str:
    """The question trimmed, or the refusal: empty, or longer than ``MAX_QUESTION`` characters."""
    text = " ".join(question.split())
    if not text:
        raise MESSAGES.error(InvalidInput, "question_empty")
    if len(text) > MAX_QUESTION:
        raise MESSAGES.error(InvalidInput, "question_too_long", limit=MAX_QUESTION, length=len(text))
    return text


class Guide:
    def __init__(self, knowledge: KnowledgeBase, ledger: GuideLedger, clock: Clock, key: bytes) -> None:
        """``key`` keys the digests of unanswered questions' words."""
        self.knowledge = knowledge
        self._retriever = Retriever(knowledge)
        self._ledger = ledger
        self._clock = clock
        self._key = key

    def _today(self) -> date:
        return local_today(self._clock.now(), TIMEZONE)

    async def answer(self, question: str, lang: Lang) -> Answer | None:
        """The best entry for ``question``, or None (then counted, without personal data)."""
        text = checked_question(question)
        match = self._retriever.best(text)
        if match is None:
            await self._ledger.count_unanswered(
                unanswered(text, lang, self._today(), self._key), REVEAL_AFTER
            )
            return None
        return Answer(match.entry, match.score)

    async def feedback(self, entry_id: str, helpful: bool) -> Entry:
        entry = self.knowledge.entry(entry_id)
        if entry is None:
            raise MESSAGES.error(NotFound, "guide_entry_not_found")
        await self._ledger.count_feedback(entry_id, helpful, self._today())
        return entry

    async def report(self, first: date, last: date) -> GuideReport:
        """What went unanswered and what helped, over the days ``first``–``last``."""
        return await self._ledger.report(first, last)
