"""A citizen who lost the booking code gets it texted again: from /my-booking by identity and
mobile, and from the booking page's "you already have a booking" refusal; the page says the same
whatever was found, and the SMS goes only to the mobile the booking was made with."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
from tests.browser.conftest import site_env
from tests.integration.helpers import national_id
from tests.live_server import LiveServer, live_server

SERVICE, OFFICE = "driving-licence-renewal", "giza-october-traffic"


@pytest.fixture(scope="module")
def own_site(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LiveServer, Path]]:
    """A server of this module's own, so its outbox can be read from its database file."""
    data_dir = tmp_path_factory.mktemp("lost-code-site")
    with live_server(site_env(data_dir, sqlite_template)) as server:
        yield server, data_dir / "mawid.sqlite3"


def codes_texted(database: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(database) as conn:
        rows = conn.execute("SELECT address, booking_code FROM outbox WHERE kind = 'code' ORDER BY id")
        return [(address, code) for address, code in rows]


def book(page: Any, lang: Lang, number: str) -> str:
    t = Translator(lang)
    page.goto(f"/?lang={lang}")
    choose_service(page, lang, SERVICE)
    book_directly(page, lang)
    choose_office(page, lang, OFFICE)
    choose_first_free_time(page)
    fill_details(page, lang, national_id=number)
    page.get_by_role("button", name=t("book.submit"), exact=True).click()
    expect(page.get_by_role("heading", name=t("done.heading"))).to_be_visible()
    return str(page.locator(".booking-card .code").inner_text())


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_lost_code_is_texted_to_the_mobile_booked_with(browser, own_site, chromium_path, lang: Lang):
    server, database = own_site
    t = Translator(lang)
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=server.url)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        number = national_id()
        code = book(page, lang, number)
        before = codes_texted(database)

        page.goto(f"/my-booking?lang={lang}")
        page.get_by_text(t("recover.heading")).click()
        page.get_by_label(t("identity.nid_label"), exact=True).last.fill(number)
        page.get_by_label(t("recover.phone"), exact=True).fill("01012345678")
        page.get_by_role("button", name=t("recover.submit")).click()
        expect(page.locator("#recover-sent")).to_have_text(t("js.recover.sent"))
        assert codes_texted(database)[len(before) :] == [("+201012345678", code)]

        # Booking the same service again is refused, with the offer to text the code.
        page.goto(f"/?lang={lang}")
        choose_service(page, lang, SERVICE)
        book_directly(page, lang)
        choose_office(page, lang, OFFICE)
        choose_first_free_time(page, day_index=1)
        fill_details(page, lang, national_id=number)
        page.get_by_role("button", name=t("book.submit"), exact=True).click()
        offer = page.get_by_role("button", name=t("js.recover.offer"))
        expect(offer).to_be_visible()
        offer.click()
        expect(page.locator("#recover-offer-sent")).to_have_text(t("js.recover.sent"))
        assert codes_texted(database)[len(before) :] == [("+201012345678", code)] * 2
    finally:
        context.close()
    assert errors == []
