"""Each language draws in its own font: an English page starts its font stack with a Latin font (an
Arabic one first drew its digits and commas in Naskh, so dates looked mixed), an Arabic page with an
Arabic font, and a word in the other language (the language switch, the hall display's English
lines) takes that language's stack. Checked on every kind of page that uses site.css, and on the
hall display's own stylesheet."""

from __future__ import annotations

from typing import Any

import pytest

ARABIC_FONTS = {"Noto Naskh Arabic", "Noto Sans Arabic"}
FIRST_FONT = """(selector) => {
  const node = document.querySelector(selector);
  return getComputedStyle(node).fontFamily.split(",")[0].trim().replace(/^["']|["']$/g, "");
}"""
PAGES = {
    "book": "/",
    "my-booking": "/my-booking",
    "my-request": "/my-request",
    "kiosk": "/offices/giza-passports/kiosk",
    "counter": "/staff/counter",
    "dashboard": "/staff/dashboard",
}


def first_font(page: Any, selector: str) -> str:
    return str(page.evaluate(FIRST_FONT, selector))


@pytest.mark.parametrize("name", PAGES)
def test_a_page_draws_in_the_font_of_its_language_and_a_word_of_the_other_in_that_ones(open_page, name):
    page = open_page("desktop")
    page.goto(f"{PAGES[name]}?lang=en")
    assert first_font(page, "body") not in ARABIC_FONTS
    assert first_font(page, "main") not in ARABIC_FONTS
    assert first_font(page, ".lang-switch") in ARABIC_FONTS  # "العربية"
    page.goto(f"{PAGES[name]}?lang=ar")
    assert first_font(page, "body") in ARABIC_FONTS
    assert first_font(page, ".lang-switch") not in ARABIC_FONTS  # "English"


def test_dates_and_figures_on_the_english_booking_page_are_not_drawn_in_an_arabic_font(open_page):
    page = open_page("phone")
    page.goto("/?lang=en")
    for selector in ("#review-when", ".step-number", ".choice-meta", "#submit-booking", "#national_id"):
        assert first_font(page, selector) not in ARABIC_FONTS, selector


def test_the_hall_display_draws_its_english_lines_in_a_latin_font(open_page):
    page = open_page("desktop")
    page.goto("/offices/giza-passports/display")
    assert first_font(page, "body") in ARABIC_FONTS
    assert first_font(page, ".office-name .en") not in ARABIC_FONTS
    assert first_font(page, ".clock .en") not in ARABIC_FONTS
