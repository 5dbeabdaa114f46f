"""Plurals come from CLDR's rules (Babel), not from a rule coded by hand: Arabic's six categories
by the last two digits, English's two, and a duration in minutes written with each."""

from __future__ import annotations

import pytest

from api.pages.i18n import minutes
from kernel.messages import plural_category

COUNTS = (0, 1, 2, 3, 11, 100, 101)


@pytest.mark.parametrize(
    ("count", "arabic", "english"),
    [
        (0, "zero", "other"),
        (1, "one", "one"),
        (2, "two", "other"),
        (3, "few", "other"),
        (11, "many", "other"),
        (100, "other", "other"),
        (101, "other", "other"),
        (103, "few", "other"),
        (111, "many", "other"),
    ],
)
def test_a_count_falls_in_the_cldr_category(count: int, arabic: str, english: str) -> None:
    assert plural_category(count, "ar") == arabic
    assert plural_category(count, "en") == english


def test_minutes_read_as_a_native_speaker_says_them() -> None:
    assert [minutes(n, "ar") for n in COUNTS] == [
        "٠ دقيقة",
        "دقيقة واحدة",
        "دقيقتان",
        "٣ دقائق",
        "١١ دقيقة",
        "١٠٠ دقيقة",
        "١٠١ دقيقة",
    ]
    assert [minutes(n, "en") for n in COUNTS] == [
        "0 minutes",
        "1 minute",
        "2 minutes",
        "3 minutes",
        "11 minutes",
        "100 minutes",
        "101 minutes",
    ]
    assert minutes(103, "ar") == "١٠٣ دقائق"
