"""The citizen pages as a whole: they lay out in both languages at both widths without
sideways scrolling, every control has a label, the language choice is remembered, and offices
can be listed nearest first when the browser knows where the citizen is."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from tests.browser.accessibility import violations
from tests.browser.citizen_steps import OFFICES, book_directly, choose_service

PAGES = {"book": "/", "my-booking": "/my-booking", "my-request": "/my-request"}

# Controls without a <label>, aria-label or aria-labelledby that names them.
UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea, button')]
  .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
               && !el.getAttribute('aria-labelledby') && !el.textContent.trim())
  .map(el => el.outerHTML)"""


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("name", PAGES)
def test_each_page_fits_its_width_and_labels_every_control(open_page, screenshot, name, width, lang):
    page = open_page(width)
    page.goto(f"{PAGES[name]}?lang={lang}")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    if name == "book":
        choose_service(page, lang, "passport-new")
        book_directly(page, lang)
        expect(page.locator("#office-list input").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
    assert page.evaluate(UNLABELLED) == []
    screenshot(page, f"page-{name}-{lang}")


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_the_home_link_is_named_by_the_words_it_shows(open_page, name, lang: Lang):
    """WCAG 2.5.3: a link's name starts with its visible words, so "click Mawid" works by voice
    (axe-core's label-content-name-mismatch found an aria-label that did not)."""
    t = Translator(lang)
    page = open_page("phone")
    page.goto(f"{PAGES[name]}?lang={lang}")
    home = page.locator(".site-header").get_by_role(
        "link", name=f"{t('site.name')} — {t('site.home')}", exact=True
    )
    expect(home).to_have_attribute("href", "/")
    assert [v for v in violations(page) if v["id"] == "label-content-name-mismatch"] == []


def test_the_language_switch_is_remembered_from_page_to_page(open_page):
    page = open_page("phone")
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    page.get_by_role("link", name=Translator("en")("nav.my_booking")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(Translator("en")("my.title"))
    page.get_by_role("link", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "ar")


def test_offices_are_listed_nearest_first_when_the_browser_knows_where_the_citizen_is(open_page):
    smouha = {"latitude": 31.2156, "longitude": 29.9553}
    page = open_page("phone", geolocation=smouha, permissions=["geolocation"])
    t = Translator("en")
    page.goto("/?lang=en")
    choose_service(page, "en", "passport-renewal")
    book_directly(page, "en")
    page.get_by_role("button", name=t("office.nearest")).click()
    expect(page.locator("#office-status")).to_have_text(t("js.office.sorted"))
    first = page.locator("#office-list .choice").first
    expect(first).to_contain_text(OFFICES["alexandria-passports"].name_en)
    expect(first.locator(".distance")).to_contain_text("km away")


def test_a_refused_location_leaves_the_governorate_list_to_do_the_work(open_page):
    page = open_page("phone")  # no geolocation permission: the browser refuses
    t = Translator("ar")
    page.goto("/?lang=ar")
    choose_service(page, "ar", "passport-renewal")
    book_directly(page, "ar")
    page.get_by_role("button", name=t("office.nearest")).click()
    expect(page.locator("#office-status")).to_have_text(t("js.office.location_denied"))
    expect(page.locator("#office-list .choice").first).to_be_visible()
