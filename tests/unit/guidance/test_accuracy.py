"""Top-1 accuracy of the question box on held-out questions (``held_out_questions.toml``), written
apart from the knowledge base's variants; a question outside it must get no answer. The floor is
below what was measured (README, "The question box"), so a change that makes the box worse fails."""

from __future__ import annotations

import tomllib
from pathlib import Path

from guidance.knowledge import load_knowledge
from guidance.retrieval import Retriever

HELD_OUT = Path(__file__).parent / "held_out_questions.toml"
FLOOR = 0.80


def held_out() -> list[dict[str, str]]:
    questions: list[dict[str, str]] = tomllib.loads(HELD_OUT.read_text(encoding="utf-8"))["q"]
    return questions


def test_the_held_out_list_is_big_enough_in_both_languages_and_names_real_entries() -> None:
    questions = held_out()
    ids = {entry.id for entry in load_knowledge().entries}
    assert len(questions) >= 60
    assert {q["lang"] for q in questions} == {"ar", "en"}
    assert sum(1 for q in questions if not q["expect"]) >= 8
    assert all(q["expect"] in ids for q in questions if q["expect"])


def test_held_out_questions_are_not_copies_of_the_knowledge_base() -> None:
    variants = {q.strip() for entry in load_knowledge().entries for q in entry.questions}
    assert not variants & {q["text"].strip() for q in held_out()}


def test_top_1_accuracy_stays_above_its_floor() -> None:
    retriever = Retriever(load_knowledge())
    questions = held_out()
    right = 0
    for question in questions:
        match = retriever.best(question["text"])
        right += (match.entry.id if match else "") == question["expect"]
    assert right / len(questions) >= FLOOR
