"""The question box's use case on the in-memory ledger: answers, refusals, and what is kept of a
question without an answer — never a digit, readable only once asked three times."""

from __future__ import annotations

import pytest

from guidance.guide import Guide
from guidance.knowledge import load_knowledge
from guidance.unanswered import topic_words
from kernel.clock import FixedClock
from kernel.errors import InvalidInput, NotFound
from tests.conftest import WORKING_MORNING
from tests.fakes.guidance import FakeGuideLedger

KEY = b"k" * 32
DAY = WORKING_MORNING.date()


@pytest.fixture
def ledger() -> FakeGuideLedger:
    return FakeGuideLedger()


@pytest.fixture
def guide(ledger: FakeGuideLedger) -> Guide:
    return Guide(load_knowledge(), ledger, FixedClock(WORKING_MORNING), KEY)


async def test_a_colloquial_question_gets_the_entry_that_answers_it(guide: Guide) -> None:
    found = await guide.answer("عايز اجدد الباسبور محتاج ايه", "ar")
    assert found is not None and found.entry.id == "passport-renewal-documents"


async def test_an_empty_or_overlong_question_is_refused_in_both_languages(guide: Guide) -> None:
    with pytest.raises(InvalidInput) as empty:
        await guide.answer("   ", "ar")
    assert empty.value.code == "question_empty"
    with pytest.raises(InvalidInput) as long:
        await guide.answer("جواز " * 100, "ar")
    assert long.value.code == "question_too_long"
    assert "300" in long.value.detail_en and "300" in long.value.detail_ar


def test_no_digit_of_an_identity_or_mobile_is_kept() -> None:
    kept = topic_words("رقمي القومي ٢٩٠٠١٠١٠١٢٣٤٥٦ وموبايلي 01012345678 وكودي AB12CD34 فين الطقس")
    assert not any(ch.isdigit() for ch in kept)
    assert "ab12cd34" not in kept and "الطقس" in kept


async def test_an_unanswered_question_is_counted_and_its_words_shown_only_after_three_asks(
    guide: Guide, ledger: FakeGuideLedger
) -> None:
    for asked in range(1, 4):
        assert await guide.answer("مين كسب ماتش الكورة ٢٩٠٠١٠١٠١٢٣٤٥٦", "ar") is None
        report = await guide.report(DAY, DAY)
        assert report.unanswered[0].asked == asked
        assert bool(report.missing) is (asked >= 3)
    assert report.missing[0].words == "كسب ماتش الكوره"


async def test_feedback_is_counted_per_entry_and_an_unknown_entry_is_not_found(
    guide: Guide, ledger: FakeGuideLedger
) -> None:
    await guide.feedback("fees", True)
    await guide.feedback("fees", False)
    await guide.feedback("fees", True)
    report = await guide.report(DAY, DAY)
    assert [(h.entry_id, h.helpful, h.unhelpful) for h in report.helpfulness] == [("fees", 2, 1)]
    with pytest.raises(NotFound):
        await guide.feedback("no-such-entry", True)
