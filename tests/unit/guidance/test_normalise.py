"""Arabic normalisation: one spelling whatever the hamza seat, the final letter, the marks, the
digits; idempotent; diacritics never change what the box answers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidance.knowledge import load_knowledge
from guidance.normalise import normalise
from guidance.retrieval import Retriever

DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
ARABIC_TEXT = st.text(
    alphabet=st.sampled_from("ابتثجحخدذرسشصضطظعغفقكلمنهويأإآؤئءةى ٠١٢٣٤٥٦٧٨٩ـ؟،" + DIACRITICS + "abcXYZ 019"),
    max_size=60,
)
RETRIEVER = Retriever(load_knowledge())


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("أحمد إبراهيم آمال", "احمد ابراهيم امال"),
        ("مؤسسة", "موسسه"),
        ("مسئول", "مسيول"),
        ("مستشفى", "مستشفي"),
        ("جَوَازُ السَّفَرِ", "جواز السفر"),
        ("تجـــديد", "تجديد"),
        ("٢٠٢٦ و ۱۲", "2026 و 12"),
        ("Passport RENEWAL?!", "passport renewal"),
        ("عايز أجدّد الباسبور؟", "عايز اجدد الباسبور"),
    ],
)
def test_every_spelling_of_a_word_becomes_one(typed: str, normal: str) -> None:
    assert normalise(typed) == normal


@given(ARABIC_TEXT)
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([q for e in load_knowledge().entries for q in e.questions]), st.data())
def test_diacritics_never_change_the_answer(question: str, data: st.DataObject) -> None:
    marks = data.draw(st.lists(st.sampled_from(DIACRITICS), min_size=len(question), max_size=len(question)))
    decorated = "".join(ch + mark for ch, mark in zip(question, marks, strict=True))
    assert normalise(decorated) == normalise(question)
    plain, marked = RETRIEVER.best(question), RETRIEVER.best(decorated)
    assert (plain and plain.entry.id) == (marked and marked.entry.id)
