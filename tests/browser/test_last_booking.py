"""The confirmation survives: after Reload (or coming back another day) the booking page offers the
code of the booking made on this device, /my-booking has it filled in, and the device never keeps
the identity number, the name or the mobile."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from tests.browser.citizen_steps import (
    book_directly,
    choose_first_free_time,
    choose_office,
    choose_service,
    fill_details,
)
from tests.integration.helpers import national_id


@pytest.mark.parametrize(
    ("lang", "office"), [("ar", "giza-october-traffic"), ("en", "gharbia-tanta-traffic")]
)
def test_a_booking_made_here_is_offered_again_after_reload(open_page, site, lang: Lang, office: str):
    t = Translator(lang)
    page = open_page("phone")
    page.goto(f"/?lang={lang}")
    expect(page.locator("#last-booking")).to_be_hidden()
    choose_service(page, lang, "driving-licence-renewal")
    book_directly(page, lang)
    choose_office(page, lang, office)
    choose_first_free_time(page)
    number = national_id()
    fill_details(page, lang, national_id=number)
    page.get_by_role("button", name=t("book.submit"), exact=True).click()
    expect(page.get_by_role("heading", name=t("done.heading"))).to_be_visible()
    code = page.locator(".booking-card .code").inner_text()

    kept = page.evaluate("() => JSON.stringify(Object.assign({}, localStorage))")
    assert code in kept
    assert number not in kept and number[-4:] not in kept and "01012345678" not in kept

    page.reload()
    banner = page.get_by_role("region", name=t("last.heading"))
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(code)
    if lang == "ar":
        expect(banner.locator("#last-booking-body")).to_have_text(re.compile("[٠-٩]"))
    banner.get_by_role("link", name=t("last.view")).click()
    expect(page.get_by_label(t("my.code"), exact=True)).to_have_value(code)

    page.goto(f"/my-booking?lang={lang}")  # no code in the address: the one kept here
    expect(page.get_by_label(t("my.code"), exact=True)).to_have_value(code)
    page.goto(f"/?lang={lang}")
    page.get_by_role("button", name=t("last.dismiss")).click()
    expect(page.locator("#last-booking")).to_be_hidden()
    page.reload()
    expect(page.locator("#last-booking")).to_be_hidden()
