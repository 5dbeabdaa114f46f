"""Guidance before the visit: the question box that answers common questions from a curated
bilingual knowledge base, and the step-by-step guides that lead a citizen's case to its service
and checklist.

Pure rules: ``normalise`` (one spelling of Arabic and Latin text), ``terms`` (stop words, the
lexicon, light stemming, typos), ``knowledge`` (the base in ``knowledge/*.toml``), ``retrieval``
(BM25 and a calibrated cover threshold), ``unanswered`` (what is kept of a question without an
answer, and the ledger port), ``guide`` (the use case), ``messages``; ``step_guide`` (a guide
and its outcomes' checklists), ``step_guide_files`` (the guides in ``guides/*.toml``, checked),
``step_walk`` (answers → the next screen). Persistence: ``store``.
"""
