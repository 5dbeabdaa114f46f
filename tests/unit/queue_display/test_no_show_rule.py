"""A called ticket may be marked as not having come only after it was called again N times and
M minutes after its first call: the pure rule, and the refusal a clerk reads."""

from __future__ import annotations

import pytest

from kernel.errors import Conflict
from queue_display import ticket
from queue_display.no_show import ANY_TIME, NoShowRule
from tests.unit.queue_display.factories import at, walk_in

RULE = NoShowRule(recalls=2, minutes=3)


def called_at(minute: float, recalls: int = 0) -> ticket.Ticket:
    current = ticket.call(walk_in(13, 0), "7", at(minute))
    for n in range(recalls):
        current = ticket.recall(current, at(minute + (n + 1) / 10))
    return current


def refusal(rule: NoShowRule, subject: ticket.Ticket, minute: float) -> Conflict:
    with pytest.raises(Conflict) as refused:
        rule.check(subject, at(minute))
    return refused.value


def test_a_ticket_called_this_second_cannot_be_a_no_show() -> None:
    error = refusal(RULE, called_at(10), 10)
    assert error.code == "no_show_too_early"
    assert error.detail_en == (
        "Ticket P-013 cannot be marked as not having come yet: call it again twice first (so far: 0), "
        "and wait until 08:13, 3 minutes after its first call, so the citizen has time to reach the counter."
    )
    assert error.detail_ar == (
        "لا يمكن تسجيل عدم الحضور للتذكرة P-٠١٣ بعد: أعِد النداء عليها مرتين أولًا (حتى الآن: ٠)، "
        "وانتظر حتى الساعة ٠٨:١٣، أي بعد ٣ دقائق من النداء الأول، ليتمكن المواطن من الوصول إلى الشباك."
    )


def test_two_quick_recalls_are_not_enough_before_the_minutes_have_passed() -> None:
    error = refusal(RULE, called_at(10, recalls=2), 12.9)
    assert error.detail_en.startswith(
        "Ticket P-013 cannot be marked as not having come before 08:13, 3 minutes after its first call"
    )
    assert "قبل الساعة ٠٨:١٣" in error.detail_ar


def test_waiting_long_is_not_enough_without_calling_again() -> None:
    error = refusal(RULE, called_at(10, recalls=1), 30)
    assert error.detail_en == (
        "Ticket P-013 cannot be marked as not having come yet: call it again twice first (so far: 1), "
        "so the citizen hears the number more than once."
    )
    assert "أعِد النداء عليها مرتين أولًا (حتى الآن: ١)" in error.detail_ar


def test_after_the_recalls_and_the_minutes_the_no_show_is_allowed() -> None:
    RULE.check(called_at(10, recalls=2), at(13))
    assert ticket.no_show(called_at(10, recalls=2), at(13)).status == "no_show"


def test_the_refusal_counts_in_each_languages_plurals() -> None:
    once = refusal(NoShowRule(recalls=1, minutes=1), called_at(10), 10)
    assert "call it again once first" in once.detail_en and "1 minute after" in once.detail_en
    assert "مرة واحدة" in once.detail_ar and "بعد دقيقة واحدة" in once.detail_ar
    three = refusal(NoShowRule(recalls=3, minutes=11), called_at(10), 10)
    assert "3 times" in three.detail_en and "11 minutes" in three.detail_en
    assert "٣ مرات" in three.detail_ar and "بعد ١١ دقيقة" in three.detail_ar


def test_a_ticket_that_is_not_called_is_left_to_the_state_machine() -> None:
    RULE.check(walk_in(1, 0), at(0))  # waiting: the no-show step itself refuses it
    served = ticket.start(called_at(10), at(11))
    RULE.check(served, at(11))
    with pytest.raises(Conflict) as refused:
        ticket.no_show(served, at(11))
    assert refused.value.code == "illegal_transition"


def test_no_condition_allows_at_once_and_a_rule_cannot_ask_the_impossible() -> None:
    ANY_TIME.check(called_at(10), at(10))
    with pytest.raises(ValueError):
        NoShowRule(recalls=ticket.MAX_RECALLS + 1)
    with pytest.raises(ValueError):
        NoShowRule(minutes=-1)
