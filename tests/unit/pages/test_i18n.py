"""The pages' strings: both languages for every key, the same placeholders in each, every key a
template or script asks for exists, and numbers written as an Arabic reader reads them."""

from __future__ import annotations

import re
import string

import pytest

from api.pages.i18n import SCRIPT_PREFIX, STRINGS, Translator, as_language, localise_digits, minutes
from api.pages.templating import STATIC_DIR, TEMPLATES_DIR

ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def _missing(used: set[str], keys: set[str]) -> list[str]:
    """Keys asked for but not defined; a key built at run time (``"status." ~ x``) is checked as
    a prefix that some key must start with."""
    return sorted(
        key
        for key in used
        if key not in keys and not (key.endswith((".", "_")) and any(k.startswith(key) for k in keys))
    )


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_is_written_in_both_languages_with_the_same_placeholders(key):
    arabic, english = STRINGS[key]
    assert ARABIC_LETTER.search(arabic), f"{key}: the Arabic text has no Arabic in it"
    assert english.strip() and not ARABIC_LETTER.search(english), f"{key}: the English text is not English"
    assert _placeholders(arabic) == _placeholders(english)


def test_every_key_a_template_asks_for_exists():
    used = set()
    for template in TEMPLATES_DIR.rglob("*.html"):
        used |= set(re.findall(r"""\bt\(\s*["']([\w.]+)["']""", template.read_text()))
    assert used and not _missing(used, set(STRINGS)), _missing(used, set(STRINGS))


def test_every_key_a_script_asks_for_exists_among_the_strings_handed_to_scripts():
    used = set()
    for script in STATIC_DIR.rglob("*.js"):
        used |= set(re.findall(r"""\btext\(\s*["'`]([\w.]+)["'`]""", script.read_text()))
    handed = {key.removeprefix(SCRIPT_PREFIX) for key in STRINGS if key.startswith(SCRIPT_PREFIX)}
    assert used and not _missing(used, handed), _missing(used, handed)


def test_an_arabic_page_writes_numbers_in_arabic_indic_digits_and_an_english_one_does_not():
    assert localise_digits("9:30, 2026", "ar") == "٩:٣٠, ٢٠٢٦"
    assert localise_digits(42, "en") == "42"


def test_numbers_fill_placeholders_in_the_pages_digits_but_text_stays_as_it_is():
    arabic = Translator("ar")
    assert arabic("step.number", n=2) == "الخطوة ٢ من ٦"
    assert "7KQ2M9XD" in arabic("js.card.qr_alt", code="7KQ2M9XD")


@pytest.mark.parametrize(
    ("count", "arabic"),
    [
        (1, "دقيقة واحدة"),
        (2, "دقيقتان"),
        (3, "٣ دقائق"),
        (10, "١٠ دقائق"),
        (11, "١١ دقيقة"),
        (20, "٢٠ دقيقة"),
        (103, "١٠٣ دقائق"),
    ],
)
def test_minutes_take_the_arabic_plural_a_reader_expects(count, arabic):
    assert minutes(count, "ar") == arabic


def test_minutes_in_english():
    assert (minutes(1, "en"), minutes(20, "en")) == ("1 minute", "20 minutes")


@pytest.mark.parametrize(
    ("raw", "lang"), [("ar", "ar"), (" EN ", "en"), ("fr", None), ("", None), (None, None)]
)
def test_only_our_two_languages_are_languages(raw, lang):
    assert as_language(raw) == lang
