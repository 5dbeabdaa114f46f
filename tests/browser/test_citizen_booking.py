"""A citizen books a visit on ``/`` in a real browser, in Arabic and in English, on a phone and
on a desktop, and gets a confirmation that holds up: the booking exists, the QR code draws, the
map link points at the office, the calendar file downloads, and the page prints."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from booking.identity import parse_national_id
from booking.services import SERVICES
from kernel.errors import InvalidInput
from tests.browser.accessibility import assert_accessible
from tests.browser.citizen_steps import (
    OFFICES,
    book_directly,
    choose_first_free_time,
    choose_office,
    choose_service,
    continue_from,
    fill_contact,
    fill_details,
    fill_identity,
    tab_to,
)
from tests.integration.helpers import national_id

WESTERN_DIGIT = re.compile(r"[0-9]")
ARABIC_DIGIT = re.compile(r"[٠-٩]")


@dataclass(frozen=True)
class Visit:
    lang: Lang
    width: str
    service: str
    office: str
    passport: tuple[str, str] | None = None


# Each case books a different office, so the cases never compete for the same places.
VISITS = [
    Visit("ar", "phone", "passport-new", "giza-passports"),
    Visit("ar", "desktop", "passport-renewal", "cairo-abbassia-passports"),
    Visit("en", "phone", "driving-licence-renewal", "alexandria-traffic"),
    Visit("en", "desktop", "residence-renewal", "cairo-immigration", passport=("P7654321", "SDN")),
]


@pytest.mark.parametrize("visit", VISITS, ids=lambda v: f"{v.lang}-{v.width}-{v.service}")
def test_a_citizen_books_a_visit_and_gets_a_confirmation_to_keep(open_page, site, screenshot, visit: Visit):
    t = Translator(visit.lang)
    page = open_page(visit.width, accept_downloads=True)
    page.goto(f"/?lang={visit.lang}")
    expect(page.locator("html")).to_have_attribute("lang", visit.lang)
    expect(page.locator("html")).to_have_attribute("dir", t.dir)
    screenshot(page, f"book-{visit.lang}-start")

    choose_service(page, visit.lang, visit.service)
    book_directly(page, visit.lang)
    choose_office(page, visit.lang, visit.office)
    start = choose_first_free_time(page)
    number = None if visit.passport else national_id()
    fill_details(page, visit.lang, national_id=number, passport=visit.passport)
    expect(page.locator("#review-when")).not_to_have_text("—")
    screenshot(page, f"book-{visit.lang}-filled")
    page.get_by_role("button", name=t("book.submit"), exact=True).click()

    expect(page.get_by_role("heading", name=t("done.heading"))).to_be_visible()
    code = page.locator(".booking-card .code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{8}", code)
    identity = visit.passport[0] if visit.passport else number
    stored = httpx.get(f"{site.url}/api/v1/bookings/{code}", headers={"X-Identity-Number": identity}).json()
    assert (stored["status"], stored["service"], stored["office_id"], stored["start"]) == (
        "confirmed",
        visit.service,
        visit.office,
        start,
    )

    card = page.locator(".booking-card")
    service = SERVICES[visit.service]
    office = OFFICES[visit.office]
    expect(card).to_contain_text(t.pick(service.name_ar, service.name_en))
    expect(card).to_contain_text(t.pick(office.address_ar, office.address_en))
    for document in service.documents_ar if visit.lang == "ar" else service.documents_en:
        expect(card.locator(".documents-list")).to_contain_text(document)
    qr = card.locator("img.qr")
    expect(qr).to_have_attribute("alt", re.compile(code))
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    map_link = card.get_by_role("link", name=t("card.map"))
    osm = rf"openstreetmap\.org/\?mlat={office.lat:.5f}&mlon={office.lon:.5f}"
    expect(map_link).to_have_attribute("href", re.compile(osm))
    when = card.locator('[data-field="when"]').inner_text()
    if visit.lang == "ar":
        assert ARABIC_DIGIT.search(when) and not WESTERN_DIGIT.search(when), when
    screenshot(page, f"book-{visit.lang}-confirmation")

    with page.expect_download() as download:
        card.get_by_role("button", name=t("card.ics")).click()
    calendar = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == f"mawid-{code}.ics"
    assert "BEGIN:VEVENT" in calendar and code in calendar

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(card.get_by_role("button", name=t("card.print"))).to_be_hidden()
    expect(card.locator(".code")).to_be_visible()
    screenshot(page, f"book-{visit.lang}-print")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_wrong_national_id_is_refused_in_the_pages_language(open_page, screenshot, lang: Lang):
    t = Translator(lang)
    page = open_page("phone")
    page.goto(f"/?lang={lang}")
    choose_service(page, lang, "passport-replacement")
    book_directly(page, lang)
    choose_office(page, lang, "qalyubia-banha-passports")
    choose_first_free_time(page)
    field = page.get_by_label(t("identity.nid_label"), exact=True)
    error = page.locator("#national_id-error")
    summary = page.locator("#form-error")

    # Too short: the page says so before asking the server, and the identity step stays.
    fill_identity(page, lang, national_id="2900101011234")
    continue_from(page, "identity")
    expect(error).to_have_text(t("js.error.nid_digits"))
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name=t("js.error.nid_digits"))).to_have_attribute(
        "href", "#national_id"
    )
    expect(page.locator("#step-contact")).to_be_hidden()

    # Fourteen digits with a 13th month: only the server knows, and its words are shown on the
    # identity step the review came from, as a link to the field.
    impossible = "29913010112345"
    with pytest.raises(InvalidInput) as refusal:
        parse_national_id(impossible, date(2026, 12, 6))
    message = refusal.value.detail_ar if lang == "ar" else refusal.value.detail_en
    field.fill(impossible)
    continue_from(page, "identity")
    fill_contact(page, lang)
    continue_from(page, "contact")
    page.get_by_role("button", name=t("book.submit"), exact=True).click()
    expect(error).to_have_text(message)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(summary).to_be_focused()
    expect(page.locator("#step-identity")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]step=identity"))
    expect(page.locator("#confirmation")).to_be_hidden()
    assert_accessible(page)
    screenshot(page, f"book-{lang}-invalid-national-id")
    summary.get_by_role("link", name=message).click()
    expect(field).to_be_focused()


def test_a_citizen_can_book_with_the_keyboard_alone(open_page, site):
    t = Translator("ar")
    page = open_page("desktop")
    page.goto("/?lang=ar")
    tab_to(page, 'input[name="service"]')
    page.keyboard.press("ArrowDown")  # arrow keys choose within a radio group
    expect(page.locator('input[name="service"][value="passport-renewal"]')).to_be_checked()
    tab_to(page, 'input[name="office"]')
    page.keyboard.press("Space")
    tab_to(page, 'input[name="book-day"]')
    page.keyboard.press("Space")
    tab_to(page, 'input[name="book-time"]')
    page.keyboard.press("Space")
    tab_to(page, "#national_id")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid", "visible focus"
    page.keyboard.type(national_id())
    tab_to(page, "#full_name")
    page.keyboard.type("كريم محمود عبد الله")
    tab_to(page, "#phone")
    page.keyboard.type("01112345678")
    tab_to(page, "#submit-booking")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=t("done.heading"))).to_be_focused()
