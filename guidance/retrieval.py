"""Finding the entry that answers a question, and knowing when none does.

Each question variant of each entry is a short document of terms (``guidance.terms``). A question
is read into terms the same way, and every variant is scored twice:

- **BM25** (``rank_bm25.BM25Okapi``) ranks the variants: a rare term shared weighs more than a
  common one, a long variant is not favoured for its length.
- **Cover**, the confidence: how much of the question the best variant answers and how much of
  the variant the question asks, each weighted by the terms' BM25 idf, combined with recall
  counting double (an F2 score, 0–1). A question whose informative words the knowledge base does
  not know (the weather, the dollar's price) covers little of any variant, however its common
  words match.

An entry's score is its best variant's. Below ``THRESHOLD`` the answer is none: the box says it
found nothing rather than answer something else. The threshold was set on the knowledge base's own
variants and checked on the held-out questions (``bench/bench_guide_answers.py`` prints both).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rank_bm25 import BM25Okapi

from guidance.knowledge import Entry, KnowledgeBase
from guidance.terms import QueryReader, document_terms

THRESHOLD = 0.35
"""The least cover at which an entry is given as the answer."""
BETA_SQUARED = 4.0
"""F2: the question's words count twice as much as the variant's."""
UNKNOWN_IDF_SHARE = 0.75
"""A word of the question the knowledge base does not know weighs this share of the rarest known
term: enough that a question about something else covers little, not so much that one unknown
word of a relevant question sinks it."""
BM25_WEIGHT = 0.15
"""How much the BM25 rank (as a share of the best variant's BM25) adds to the cover when ranking
variants of different entries; the threshold is on the cover alone."""


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    score: float
    """The cover of the best variant, 0–1."""
    variant: str


class Retriever:
    def __init__(self, knowledge: KnowledgeBase, threshold: float = THRESHOLD) -> None:
        self._threshold = threshold
        variants = [(entry, question) for entry in knowledge.entries for question in entry.questions]
        documents = [document_terms(question, knowledge.lexicon) for _, question in variants]
        self._reader = QueryReader(knowledge.lexicon, (term for terms in documents for term in terms))
        corpus = [[self._reader.canonical(term) for term in terms] for terms in documents]
        self._variants = [
            (entry, question, frozenset(terms))
            for (entry, question), terms in zip(variants, corpus, strict=True)
        ]
        self._bm25 = BM25Okapi(corpus)
        self._idf: dict[str, float] = self._bm25.idf
        self._unknown_idf = UNKNOWN_IDF_SHARE * max(self._idf.values())

    def terms(self, question: str) -> list[str]:
        return self._reader.terms(question)

    def ranked(self, question: str, limit: int = 3) -> list[Match]:
        """The best ``limit`` entries for ``question``, best first, whatever their scores."""
        terms = self.terms(question)
        if not terms:
            return []
        asked = frozenset(terms)
        bm25 = self._bm25.get_scores(terms)
        top = max(bm25) or 1.0
        best: dict[str, tuple[float, Match]] = {}
        for (entry, variant, known), raw in zip(self._variants, bm25, strict=True):
            cover = self._cover(asked, known)
            rank = cover + BM25_WEIGHT * max(raw, 0.0) / top
            if entry.id not in best or rank > best[entry.id][0]:
                best[entry.id] = (rank, Match(entry, round(cover, 4), variant))
        ordered = sorted(best.values(), key=lambda pair: pair[0], reverse=True)
        return [match for _, match in ordered[:limit]]

    def best(self, question: str) -> Match | None:
        """The answer to ``question``, or None when no entry covers it well enough."""
        ranked = self.ranked(question, limit=1)
        if not ranked or ranked[0].score < self._threshold:
            return None
        return ranked[0]

    def _weight(self, terms: Sequence[str] | frozenset[str]) -> float:
        return sum(max(self._idf.get(term, self._unknown_idf), 0.05) for term in terms)

    def _cover(self, asked: frozenset[str], known: frozenset[str]) -> float:
        shared = self._weight(asked & known)
        if not shared:
            return 0.0
        recall = shared / self._weight(asked)
        precision = shared / self._weight(known)
        return (1 + BETA_SQUARED) * precision * recall / (BETA_SQUARED * precision + recall)
