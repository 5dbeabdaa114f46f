"""The question box's ledger in memory: the same counts and the same reveal rule as the SQL one."""

from __future__ import annotations

from collections import Counter
from datetime import date

from guidance.knowledge import Lang
from guidance.unanswered import DayCount, GuideReport, Helpfulness, MissingTopic, Unanswered


class FakeGuideLedger:
    def __init__(self) -> None:
        self.asked: Counter[tuple[date, Lang, str]] = Counter()
        self.words: dict[tuple[Lang, str], str] = {}
        self.votes: Counter[tuple[date, str, bool]] = Counter()

    async def count_unanswered(self, question: Unanswered, reveal_after: int) -> None:
        self.asked[question.day, question.lang, question.digest] += 1
        total = sum(
            n
            for (_, lang, digest), n in self.asked.items()
            if (lang, digest) == (question.lang, question.digest)
        )
        if total >= reveal_after:
            self.words[question.lang, question.digest] = question.words

    async def count_feedback(self, entry_id: str, helpful: bool, day: date) -> None:
        self.votes[day, entry_id, helpful] += 1

    async def report(self, first: date, last: date) -> GuideReport:
        days: Counter[tuple[date, Lang]] = Counter()
        topics: Counter[tuple[Lang, str]] = Counter()
        for (day, lang, digest), n in self.asked.items():
            if first <= day <= last:
                days[day, lang] += n
                if (lang, digest) in self.words:
                    topics[lang, self.words[lang, digest]] += n
        votes: dict[str, list[int]] = {}
        for (day, entry_id, helpful), n in self.votes.items():
            if first <= day <= last:
                votes.setdefault(entry_id, [0, 0])[0 if helpful else 1] += n
        return GuideReport(
            unanswered=tuple(DayCount(day, lang, n) for (day, lang), n in sorted(days.items())),
            missing=tuple(
                MissingTopic(lang, words, n)
                for (lang, words), n in sorted(topics.items(), key=lambda item: (-item[1], item[0][1]))
            ),
            helpfulness=tuple(Helpfulness(e, yes, no) for e, (yes, no) in sorted(votes.items())),
        )
