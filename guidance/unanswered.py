"""What is kept of a question the knowledge base could not answer, so that it can grow — and
nothing that could identify who asked.

A question box invites anything: "my national ID is 29001011234567, where is my booking?", a
mobile, a name. So the question itself is never stored. What is kept, per day and language:

- a **count** of unanswered questions (how often the box fails, in each language);
- the question's **topic words**: normalised, without stop words, and without any word holding a
  digit (an identity number, a mobile, a booking code or a date is never a topic), at most
  ``MAX_WORDS`` of them; keyed by a keyed digest of those words, so the same question asked twice is
  one row counted twice;
- those words become readable only once the same words were asked ``REVEAL_AFTER`` times in all:
  a name typed into one question is not repeated by two other people, the phrasing of a missing
  topic is. Until then the row holds the digest and the count only.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from guidance.knowledge import Lang
from guidance.terms import words

REVEAL_AFTER = 3
MAX_WORDS = 12
MAX_QUESTION = 300
"""The longest question the box takes, in characters (the API refuses a longer one)."""


def topic_words(question: str) -> str:
    """The words of ``question`` that may be kept: normalised, no stop words, nothing with a digit."""
    kept = [word for word in words(question) if not any(ch.isdigit() for ch in word)]
    return " ".join(kept[:MAX_WORDS])


@dataclass(frozen=True, slots=True)
class Unanswered:
    day: date
    lang: Lang
    digest: str
    """Keyed digest of ``words`` (the same words, the same digest; nothing to look up without the key)."""
    words: str


def unanswered(question: str, lang: Lang, day: date, key: bytes) -> Unanswered:
    kept = topic_words(question)
    digest = hmac.new(key, f"{lang}:{kept}".encode(), hashlib.sha256).hexdigest()
    return Unanswered(day, lang, digest, kept)


@dataclass(frozen=True, slots=True)
class DayCount:
    day: date
    lang: Lang
    asked: int


@dataclass(frozen=True, slots=True)
class MissingTopic:
    """Words asked at least ``REVEAL_AFTER`` times without an answer, and how often."""

    lang: Lang
    words: str
    asked: int


@dataclass(frozen=True, slots=True)
class Helpfulness:
    entry_id: str
    helpful: int
    unhelpful: int


@dataclass(frozen=True, slots=True)
class GuideReport:
    unanswered: tuple[DayCount, ...]
    missing: tuple[MissingTopic, ...]
    helpfulness: tuple[Helpfulness, ...]


class GuideLedger(Protocol):
    """Where the question box's counts live: ``guidance.store.ledger.SqlGuideLedger`` on the
    database; ``tests.fakes.guidance.FakeGuideLedger`` in memory."""

    async def count_unanswered(self, question: Unanswered, reveal_after: int) -> None:
        """Count ``question`` on its day; make its words readable once its digest was counted
        ``reveal_after`` times in all."""
        ...

    async def count_feedback(self, entry_id: str, helpful: bool, day: date) -> None: ...

    async def report(self, first: date, last: date) -> GuideReport:
        """Unanswered counts per day and language, the readable missing topics (most asked
        first) and each entry's yes/no counts, over ``first``–``last``."""
        ...
