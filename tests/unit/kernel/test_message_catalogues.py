"""Every catalogue entry says something in both languages and names the same placeholders in
both, so a translator can reword either side without a raise site breaking. A value given in each
language (a service's name) is ``name_en`` on the English side and ``name_ar`` on the Arabic. Every
key is used by the code, so a translator never reviews a sentence nobody is told."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from api.messages import MESSAGES as API
from booking.messages import MESSAGES as BOOKING
from feedback.messages import MESSAGES as FEEDBACK
from kernel.errors import Conflict, InvalidInput
from kernel.messages import Catalogue, placeholders
from messaging.messages import MESSAGES as MESSAGING
from planning.messages import MESSAGES as PLANNING
from queue_display.messages import MESSAGES as QUEUE_DISPLAY

CATALOGUES: tuple[Catalogue, ...] = (BOOKING, QUEUE_DISPLAY, PLANNING, MESSAGING, API, FEEDBACK)
PACKAGES = ("kernel", "booking", "messaging", "planning", "queue_display", "api", "feedback")
ROOT = Path(__file__).resolve().parents[3]

ENGLISH_ONLY: dict[tuple[str, str], frozenset[str]] = {
    # The English names the hidden characters (U+202E…) for whoever reads the log; the Arabic
    # has never shown them. A translator may add them; then drop this line.
    ("booking", "invalid_name.hidden_characters"): frozenset({"characters"}),
    # The English names the request's status; the Arabic has only ever said it cannot be cancelled.
    ("booking", "request_not_changeable"): frozenset({"status"}),
    ("booking", "request_not_changeable.booked"): frozenset({"status"}),
    # The English names the server's connection cap and the seconds a request had; the Arabic
    # has always said it more shortly.
    ("api", "server_busy"): frozenset({"max_connections"}),
    ("api", "request_timeout.headers"): frozenset({"seconds"}),
    ("api", "request_timeout.body"): frozenset({"seconds"}),
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


def _code() -> str:
    """The source of the packages, catalogues left out: where a key must be named to be used."""
    return "\n".join(
        path.read_text(encoding="utf-8")
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if path.name != "messages.py"
    )


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=[c.context for c in CATALOGUES])
def test_every_key_is_used_by_the_code(catalogue: Catalogue) -> None:
    """A key is named as a string (``"slot_full"``); a key built at run time from its code
    (``f"invalid_national_id.{why}"``) counts for each variant of that code."""
    code = _code()

    def used(key: str) -> bool:
        prefix, dot, _ = key.partition(".")
        return f'"{key}"' in code or (bool(dot) and f'"{prefix}.{{' in code)

    assert [key for key in sorted(catalogue.entries) if not used(key)] == []


def test_a_message_to_one_citizen_is_in_their_language_and_arabic_unless_english() -> None:
    values = {"service": "S", "office": "O"}
    assert API.text("calendar.summary", "en", **values) == "Appointment: S — O"
    assert API.text("calendar.summary", "ar", **values) == "موعد: S — O"
    assert API.text("calendar.summary", "fr", **values) == "موعد: S — O"


def test_a_refusal_kept_at_module_level_fills_its_values_once() -> None:
    refusal = API.refusal(InvalidInput, "invalid_codes", indic=True, max_codes=500)
    assert refusal.code == "invalid_codes"
    assert refusal().detail_en.endswith("from 1 to 500.") and refusal().detail_ar.endswith("إلى ٥٠٠ حجز.")
    assert refusal() is not refusal()


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
