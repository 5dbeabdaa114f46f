"""Reading help at the kiosk, in a real Chromium: larger text and spoken prompts, each a clearly
labelled toggle on every screen a citizen sees, kept across a change of language until the visit
ends; the prompts are said in the screen's language (recorded here by a stand-in speechSynthesis:
what is tested is what the kiosk asks it to say, the voice is the browser's)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from tests.browser.accessibility import assert_accessible
from tests.browser.kiosk_steps import (
    ARABIC_DIGITS,
    COUNT_PRINTS,
    KIOSK,
    door,
    go,
    open_kiosk,
    type_on_the_keys,
)
from tests.browser.staff_steps import book, log_in
from tests.live_server import LiveServer


def font_size(page: Any, selector: str) -> float:
    return float(page.eval_on_selector(selector, "(node) => parseFloat(getComputedStyle(node).fontSize)"))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_larger_text_is_a_tap_away_on_every_screen_and_lasts_until_the_visit_ends(
    open_page: Callable[..., Any], screenshot: Callable[[Any, str], Path], lang: Lang
) -> None:
    t, other = Translator(lang), Translator("en" if lang == "ar" else "ar")
    page = open_kiosk(open_page, "tablet", lang)
    toggle = page.get_by_role("button", name=t("kiosk.large_text"), exact=True)
    expect(toggle).to_have_attribute("aria-pressed", "false")
    ordinary = font_size(page, "#start-title"), font_size(page, ".kiosk-door-sub")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    larger = font_size(page, "#start-title"), font_size(page, ".kiosk-door-sub")
    assert all(big >= 1.2 * small for big, small in zip(larger, ordinary, strict=True)), (ordinary, larger)
    assert_accessible(page)
    screenshot(page, f"kiosk-{lang}-start-large")

    for screen, path in (("check-in", ("check-in",)), ("reprint-number", ("reprint", "reprint-number"))):
        page.locator("#screen-start").wait_for()
        go(page, *path)
        expect(page.get_by_role("button", name=t("kiosk.large_text"), exact=True)).to_have_attribute(
            "aria-pressed", "true"
        )
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), screen
        assert_accessible(page)
        screenshot(page, f"kiosk-{lang}-{screen}-large")
        page.locator(f"#screen-{screen} [data-go]:visible", has_text=t("kiosk.back")).click()
        if screen == "reprint-number":
            page.locator("#screen-reprint [data-go='start']").click()

    # Switching language mid-visit keeps it (a page load)...
    page.locator(".lang-switch").click()
    expect(page.locator("html")).to_have_attribute("lang", other.lang)
    expect(page.get_by_role("button", name=other("kiosk.large_text"), exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    # ...and the end of the visit forgets it: the next citizen starts with ordinary text.
    door(page, other.lang, "kiosk.no_booking").click()
    page.locator('input[name="service"][value="passport-renewal"]').check()
    page.get_by_role("button", name=other("kiosk.take_ticket"), exact=True).click()
    expect(page.locator("#ticket")).to_be_visible()
    page.get_by_role("button", name=other("kiosk.done"), exact=True).click()
    start = Translator("ar")
    expect(page.locator("#start-title")).to_have_text(start("kiosk.start_heading"))
    expect(page.get_by_role("button", name=start("kiosk.large_text"), exact=True)).to_have_attribute(
        "aria-pressed", "false"
    )
    assert abs(font_size(page, "#start-title") - ordinary[0]) < 0.5 or lang == "en"


# Records what the page asks speechSynthesis to say, instead of saying it.
FAKE_SPEECH = """
window.spoken = [];
window.silenced = 0;
Object.defineProperty(window, "speechSynthesis", { configurable: true, value: {
  getVoices: () => [],
  speak(utterance) {
    window.spoken.push({ text: utterance.text, lang: utterance.lang });
    setTimeout(() => utterance.onend && utterance.onend(), 0);
  },
  cancel() { window.silenced += 1; },
}});
"""


def last_said(page: Any, count: int) -> dict[str, str]:
    """The ``count``-th thing the page said, waited for (by polling: the page's CSP forbids the
    string evaluation wait_for_function would use)."""
    for _ in range(100):
        said = page.evaluate("(n) => window.spoken[n - 1] ?? null", count)
        if said is not None:
            return dict(said)
        page.wait_for_timeout(50)
    raise AssertionError(f"the page said only {page.evaluate('window.spoken')}")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_spoken_prompts_are_said_in_the_screens_language_once_the_citizen_asks(
    open_page: Callable[..., Any], site: LiveServer, screenshot: Callable[[Any, str], Path], lang: Lang
) -> None:
    t = Translator(lang)
    voice = "ar-EG" if lang == "ar" else "en-GB"
    code = book(site.url)
    page = open_page("tablet")
    page.add_init_script(FAKE_SPEECH + COUNT_PRINTS)
    page.goto(f"{KIOSK}?lang={lang}")
    log_in(page, lang, "kiosk.abbassia")
    expect(page.locator("#screen-start")).to_be_visible()
    door(page, lang, "kiosk.have_booking").click()
    page.locator('[data-go="start"]:visible').click()
    assert page.evaluate("window.spoken") == []  # silent until asked

    toggle = page.get_by_role("button", name=t("kiosk.read_aloud"), exact=True)
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    said = last_said(page, 1)
    assert said["lang"] == voice
    for words in ("js.kiosk.voice_on", "kiosk.start_heading", "kiosk.have_booking", "kiosk.no_booking_sub"):
        assert t(words) in said["text"], words
    assert "▣" not in said["text"]  # the drawn icons are not read out

    door(page, lang, "kiosk.have_booking").click()
    said = last_said(page, 2)
    assert t("kiosk.check_in_heading") in said["text"] and t("kiosk.code_hint") in said["text"]
    assert_accessible(page)
    screenshot(page, f"kiosk-{lang}-check-in-read-aloud")
    page.get_by_role("button", name=t("kiosk.check_in_submit"), exact=True).click()
    assert last_said(page, 3) == {"text": t("js.error.required"), "lang": voice}

    type_on_the_keys(page, code)
    page.get_by_role("button", name=t("kiosk.check_in_submit"), exact=True).click()
    expect(page.locator("#ticket")).to_be_visible()
    number = str(page.locator("#ticket").get_attribute("data-number"))
    said = last_said(page, 4)
    shown = number.translate(ARABIC_DIGITS) if lang == "ar" else number
    assert said["text"].startswith(f"{t('js.kiosk.printing')} {t('js.kiosk.your_number', number=shown)} ")
    assert f"{t('ticket.turn')}: " in said["text"]

    page.get_by_role("button", name=t("kiosk.done"), exact=True).click()
    start = Translator("ar")
    expect(page.get_by_role("button", name=start("kiosk.read_aloud"), exact=True)).to_have_attribute(
        "aria-pressed", "false"
    )
    spoken = page.evaluate("window.spoken.length")
    door(page, "ar", "kiosk.have_booking").click()
    expect(page.locator("#check-in-title")).to_be_focused()
    assert page.evaluate("window.spoken.length") == spoken  # the next citizen starts in silence

