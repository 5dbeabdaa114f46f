"""The knowledge base as it ships: enough entries, each in both languages and both Arabic
registers; and what loading refuses."""

from __future__ import annotations

import pytest

from booking.services import CATALOGUE
from guidance.knowledge import KnowledgeError, knowledge_from, load_knowledge

ENTRY = {
    "id": "x",
    "ask_ar": ["سؤال"],
    "ask_eg": ["سؤال"],
    "ask_en": ["question"],
    "answer_ar": "جواب",
    "answer_en": "answer",
    "source_ar": "مصدر",
    "source_en": "source",
    "source_ref": "README",
}


def test_the_shipped_knowledge_base_has_thirty_entries_and_every_service_has_its_documents() -> None:
    knowledge = load_knowledge()
    assert len(knowledge.entries) >= 30
    covered = {entry.service for entry in knowledge.entries}
    assert {service.code for service in CATALOGUE} <= covered
    for entry in knowledge.entries:
        assert entry.ask_ar and entry.ask_eg and entry.ask_en
        if entry.service:
            assert entry.documents("ar") and entry.documents("en")


def test_every_entry_answers_its_own_questions() -> None:
    from guidance.retrieval import Retriever

    knowledge = load_knowledge()
    retriever = Retriever(knowledge)
    wrong = [
        (entry.id, question)
        for entry in knowledge.entries
        for question in entry.questions
        if (found := retriever.best(question)) is None or found.entry.id != entry.id
    ]
    assert len(wrong) <= 3, wrong


@pytest.mark.parametrize(
    "change",
    [
        {"answer_en": " "},
        {"ask_eg": []},
        {"service": "no-such-service"},
        {"links": [{"href": "https://elsewhere.example", "ar": "هناك", "en": "there"}]},
    ],
)
def test_loading_refuses_an_entry_that_is_not_complete_or_links_away(change: dict[str, object]) -> None:
    with pytest.raises(KnowledgeError):
        knowledge_from({"topic": {"entry": [{**ENTRY, **change}]}}, {})


def test_loading_refuses_an_id_used_twice() -> None:
    with pytest.raises(KnowledgeError):
        knowledge_from({"a": {"entry": [ENTRY]}, "b": {"entry": [ENTRY]}}, {})


def test_a_form_listed_under_two_terms_is_refused() -> None:
    with pytest.raises(ValueError, match="listed under"):
        knowledge_from({"a": {"entry": [ENTRY]}}, {"one": ["جواز"], "two": ["الجواز"]})
