"""A lost ticket printed again at the kiosk, in a real Chromium: by its booking code, or by its
number (the service's letter, then the digits) within minutes of taking it; the copy says it is
one and names nobody (no booking code, no priority); what the kiosk cannot reprint is refused
politely in the page's language."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from booking.services import SERVICES
from tests.browser.accessibility import assert_accessible
from tests.browser.kiosk_steps import RECEIPT_WIDTH, door, go, open_kiosk, type_on_the_keys
from tests.browser.staff_steps import StaffApi, book
from tests.live_server import LiveServer


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_lost_ticket_prints_again_by_its_booking_code_saying_nothing_of_its_holder(
    open_page: Callable[..., Any], site: LiveServer, screenshot: Callable[[Any, str], Path], lang: Lang
) -> None:
    t = Translator(lang)
    code = book(site.url)
    issued = StaffApi(site.url, "kiosk.abbassia").post("/tickets", booking_code=code, priority="disability")
    page = open_kiosk(open_page, "tablet", lang)
    page.get_by_role("button", name=t("kiosk.lost_ticket"), exact=True).click()
    expect(page.locator("#reprint-title")).to_be_focused()
    door(page, lang, "kiosk.reprint_by_code").click()
    type_on_the_keys(page, code, "#reprint-code-form")
    code_field = page.locator("#screen-reprint-code").get_by_label(t("kiosk.code_label"), exact=True)
    expect(code_field).to_have_value(code)
    page.get_by_role("button", name=t("kiosk.reprint_submit"), exact=True).click()

    ticket = page.locator("#ticket")
    expect(ticket).to_have_attribute("data-number", issued["number"])
    expect(ticket.locator('[data-row="reprinted"]')).to_have_text(t("ticket.reprinted"))
    expect(ticket.locator('[data-row="reprinted"]')).to_be_visible()
    expect(page.locator("#ticket-notice")).to_have_text(t("js.kiosk.reprinting"))
    for private in ("booking", "priority"):
        expect(ticket.locator(f'[data-row="{private}"]')).to_be_hidden()
    expect(ticket.locator('[data-row="turn"]')).to_be_visible()
    assert page.evaluate("window.printed") == 1
    assert_accessible(page)
    screenshot(page, f"kiosk-{lang}-reprinted-by-code")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_lost_walk_in_ticket_prints_again_by_its_number(
    open_page: Callable[..., Any], site: LiveServer, screenshot: Callable[[Any, str], Path], lang: Lang
) -> None:
    t = Translator(lang)
    issued = StaffApi(site.url, "kiosk.abbassia").walk_in("passport-renewal")
    letter, digits = issued["number"].split("-")
    page = open_kiosk(open_page, "tablet", lang)
    go(page, "reprint", "reprint-number")
    renewal = SERVICES["passport-renewal"]
    name = renewal.name_ar if lang == "ar" else renewal.name_en
    page.get_by_role("button", name=f"{letter} {name}").click()
    for digit in digits:
        page.locator(f'#reprint-number-form [data-digit="{digit}"]').click()
    expect(page.get_by_label(t("kiosk.number_label"), exact=True)).to_have_value(issued["number"])
    screenshot(page, f"kiosk-{lang}-reprint-number-typed")
    page.get_by_role("button", name=t("kiosk.reprint_submit"), exact=True).click()

    ticket = page.locator("#ticket")
    expect(ticket).to_have_attribute("data-number", issued["number"])
    expect(ticket.locator('[data-row="reprinted"]')).to_be_visible()
    expect(ticket.locator('[data-field="service"]')).to_have_text(name)
    expect(ticket.locator('[data-row="ahead"]')).to_be_visible()
    assert page.evaluate("window.printed") == 1
    assert_accessible(page)
    screenshot(page, f"kiosk-{lang}-reprinted-by-number")

    # The copy, with its mark and its note on the wait, still fits one receipt.
    page.emulate_media(media="print")
    page.set_viewport_size({"width": RECEIPT_WIDTH, "height": 560})
    expect(page.locator(".kiosk-tools")).to_be_hidden()
    expect(ticket.locator('[data-row="reprinted"]')).to_be_visible()
    screenshot(page, f"kiosk-{lang}-reprint-print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, "the copy fits on one receipt"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_reprint_the_kiosk_cannot_make_is_refused_politely_in_the_pages_language(
    open_page: Callable[..., Any], screenshot: Callable[[Any, str], Path], lang: Lang
) -> None:
    t = Translator(lang)
    page = open_kiosk(open_page, "tablet", lang)
    go(page, "reprint", "reprint-number")
    submit = page.get_by_role("button", name=t("kiosk.reprint_submit"), exact=True)
    submit.click()
    expect(page.locator("#reprint_number-error")).to_have_text(t("js.error.required"))
    page.locator('#reprint-number-form [data-digit="7"]').click()  # digits wait for the letter
    expect(page.locator("#reprint_number")).to_have_value("")

    page.locator('#reprint-number-form .prefix-keys [data-prefix="P"]').click()
    for digit in "987":
        page.locator(f'#reprint-number-form [data-digit="{digit}"]').click()
    submit.click()
    error = page.locator("#reprint-number-error")
    expect(error).to_contain_text("P-٩٨٧" if lang == "ar" else "P-987")
    polite = "يُرجى التوجه إلى أحد الموظفين" if lang == "ar" else "Please ask a member of staff"
    expect(error).to_contain_text(polite)
    assert_accessible(page)
    screenshot(page, f"kiosk-{lang}-reprint-refused")

    page.locator("#screen-reprint-number [data-go='reprint']").click()
    door(page, lang, "kiosk.reprint_by_code").click()
    type_on_the_keys(page, "ZZZZZZZZ", "#reprint-code-form")
    page.get_by_role("button", name=t("kiosk.reprint_submit"), exact=True).click()
    no_ticket = "لا توجد تذكرة للحجز" if lang == "ar" else "has no ticket in this office today"
    expect(page.locator("#reprint-code-error")).to_contain_text(no_ticket)
    assert_accessible(page)
