"""The step-by-step guide in a real Chromium, in Arabic and English: from the question box's
"nothing found" to the guide, one question a screen to the outcome, printed without the site's
navigation, then "Book this" to the booking page with the service chosen; and without a script,
from the menu, Back included. Each screen passes axe-core (which needs the script to run)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from booking.services import SERVICES
from tests.browser.accessibility import assert_accessible

OUTSIDE: dict[Lang, str] = {"ar": "مين كسب ماتش الكورة امبارح", "en": "who won the football match"}
PASSPORT: dict[Lang, tuple[str, ...]] = {
    "ar": ("جواز السفر", "جواز سفر لأول مرة", "١٨ سنة أو أكثر", "ذكر من ١٨ إلى ٣٠ سنة"),
    "en": ("Passport", "A passport for the first time", "18 or over", "A man aged 18 to 30"),
}
TRAFFIC: dict[Lang, tuple[str, ...]] = {
    "ar": ("رخص القيادة والمركبات", "تجديد رخصة القيادة", "انتهت منذ أكثر من سنة"),
    "en": ("Driving and vehicle licences", "Renew my driving licence", "It expired more than a year ago"),
}


def service_radio(page: Any, code: str) -> Any:
    return page.locator(f'input[name="service"][value="{code}"]')


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_from_nothing_found_through_the_guide_to_the_booking_page_with_the_service_chosen(
    open_page: Callable[..., Any], screenshot: Callable[[Any, str], Any], lang: Lang
) -> None:
    t = Translator(lang)
    guide_name, first, adult, man = PASSPORT[lang]
    page = open_page("phone")
    page.goto(f"/?lang={lang}")
    page.get_by_label(t("guide.label")).fill(OUTSIDE[lang])
    page.get_by_role("button", name=t("guide.ask"), exact=True).click()
    expect(page.locator("#question-answer-text")).to_have_text(t("guide.none"))
    page.locator("#question-links").get_by_role("link", name=t("guide.guide_link")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(t("steps.heading"))
    assert_accessible(page)
    page.get_by_role("link", name=guide_name, exact=True).click()
    expect(page.locator("#guide-question-number")).to_have_text(t("steps.question_number", n=1))
    page.get_by_role("link", name=first, exact=True).click()
    expect(page.locator("#guide-question-title")).to_have_attribute("data-question", "first-age")
    assert_accessible(page)
    page.get_by_role("link", name=adult, exact=True).click()
    page.get_by_role("link", name=man, exact=True).click()

    title = page.locator("#guide-outcome-title")
    expect(title).to_have_attribute("data-service", "passport-new")
    expect(title).to_have_text(t.pick(SERVICES["passport-new"].name_ar, SERVICES["passport-new"].name_en))
    military = "شهادة الموقف من التجنيد" if lang == "ar" else "Military service status certificate"
    expect(page.locator("#guide-checklist")).to_contain_text(military)
    expect(page.locator("#guide-print")).to_be_visible()  # the script offers printing
    assert_accessible(page)
    screenshot(page, f"guide-{lang}-outcome")

    page.emulate_media(media="print")
    expect(page.locator(".site-header nav")).to_be_hidden()
    expect(page.locator("#guide-book")).to_be_hidden()
    expect(page.locator("#guide-back")).to_be_hidden()
    expect(page.locator("#guide-checklist")).to_be_visible()
    screenshot(page, f"guide-{lang}-print")
    page.emulate_media(media="screen")

    page.get_by_role("link", name=t("steps.book"), exact=True).click()
    page.wait_for_url("**/?service=passport-new*")
    expect(service_radio(page, "passport-new")).to_be_checked()
    # with the service chosen, the phone's booking steps open at the next one: the office
    expect(page.locator('[data-step="office"]')).to_be_visible()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_without_a_script_the_guide_walks_from_the_menu_and_back_to_a_booking(
    open_page: Callable[..., Any], lang: Lang
) -> None:
    t = Translator(lang)
    guide_name, renew, lapsed = TRAFFIC[lang]
    page = open_page("desktop", java_script_enabled=False)
    page.goto(f"/my-booking?lang={lang}")
    page.get_by_role("navigation").get_by_role("link", name=t("nav.guide"), exact=True).click()
    page.get_by_role("link", name=guide_name, exact=True).click()
    page.get_by_role("link", name=renew, exact=True).click()
    page.get_by_role("link", name=t("steps.back"), exact=True).click()
    expect(page.locator("#guide-question-title")).to_have_attribute("data-question", "need")
    page.get_by_role("link", name=renew, exact=True).click()
    expect(page.locator("#guide-question-number")).to_have_text(t("steps.question_number", n=2))
    page.get_by_role("link", name=lapsed, exact=True).click()

    expect(page.locator("#guide-outcome-title")).to_have_attribute("data-outcome", "licence-lapsed")
    fine = "غرامة التأخير" if lang == "ar" else "late-renewal fine"
    expect(page.locator("#guide-checklist")).to_contain_text(fine)
    expect(page.locator("#guide-print")).to_be_hidden()  # no script, no print button
    # (axe-core needs a script to run: the screens are checked with one in the test above)
    page.get_by_role("link", name=t("steps.book"), exact=True).click()
    assert page.url.endswith("/?service=driving-licence-renewal")
    expect(service_radio(page, "driving-licence-renewal")).to_be_checked()
