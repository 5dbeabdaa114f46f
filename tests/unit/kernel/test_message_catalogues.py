"""Every catalogue entry says something in both languages and names the same placeholders in
both, so a translator can reword either side without a raise site breaking. A value given in each
language (a service's name) is ``name_en`` on the English side and ``name_ar`` on the Arabic."""

from __future__ import annotations

import re

import pytest

from booking.messages import MESSAGES as BOOKING
from feedback.messages import MESSAGES as FEEDBACK
from kernel.errors import Conflict, InvalidInput
from kernel.messages import Catalogue, placeholders
from queue_display.messages import MESSAGES as QUEUE_DISPLAY

CATALOGUES: tuple[Catalogue, ...] = (BOOKING, QUEUE_DISPLAY, FEEDBACK)

ENGLISH_ONLY: dict[tuple[str, str], frozenset[str]] = {
    # The English names the hidden characters (U+202E…) for whoever reads the log; the Arabic
    # has never shown them. A translator may add them; then drop this line.
    ("booking", "invalid_name.hidden_characters"): frozenset({"characters"}),
    # The English names the request's status; the Arabic has only ever said it cannot be cancelled.
    ("booking", "request_not_changeable"): frozenset({"status"}),
    ("booking", "request_not_changeable.booked"): frozenset({"status"}),
}


def _names(text: str, language: str) -> frozenset[str]:
    return frozenset(name.removesuffix(f"_{language}") for name in placeholders(text))


ENTRIES = [(c, key) for c in CATALOGUES for key in sorted(c.entries)]


@pytest.mark.parametrize(("catalogue", "key"), ENTRIES, ids=[f"{c.context}:{k}" for c, k in ENTRIES])
def test_an_entry_has_both_languages_with_the_same_placeholders(catalogue: Catalogue, key: str) -> None:
    english, arabic = catalogue.entries[key]
    assert english.strip() and arabic.strip()
    assert re.search(r"[\u0600-\u06ff]", arabic), "the Arabic side has no Arabic letter"
    assert re.fullmatch(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)?", key)
    missing = ENGLISH_ONLY.get((catalogue.context, key), frozenset())
    assert _names(english, "en") == _names(arabic, "ar") | missing
    assert not any(name.endswith("_ar") for name in placeholders(english))
    assert not any(name.endswith("_en") for name in placeholders(arabic))


def test_a_key_is_in_one_catalogue_only() -> None:
    keys = [key for c in CATALOGUES for key in c.entries]
    assert len(keys) == len(set(keys))


def test_an_error_is_fresh_and_carries_the_code_before_the_dot() -> None:
    first = BOOKING.error(InvalidInput, "unknown_governorate", slug="atlantis")
    second = BOOKING.error(InvalidInput, "unknown_governorate", slug="atlantis")
    assert first is not second
    assert (first.code, first.detail_en) == ("unknown_governorate", "There is no governorate 'atlantis'.")
    assert (
        BOOKING.error(Conflict, "release_draw_running", indic=True, at="09:10").detail_ar.count("٠٩:١٠") == 1
    )
    assert (
        BOOKING.error(InvalidInput, "invalid_name.hidden_characters", characters="U+202E").code
        == "invalid_name"
    )


def test_a_missing_placeholder_value_is_an_error_not_a_sentence_with_braces() -> None:
    with pytest.raises(KeyError):
        BOOKING.texts("unknown_governorate")
