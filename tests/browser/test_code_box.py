"""The code box on the booking page, in a real Chromium, on a server of its own that verifies
mobiles (``MAWID_PHONE_VERIFICATION=on``): in Arabic, "Book" holds the time and asks for the code
texted to the mobile; a wrong code says so with the tries left, "go back" brings the form back as
it was typed, and the right code — typed in Arabic-Indic digits — gives the confirmation.

The codes are read from the server's outbox (``messaging.store.tables``), as a phone would get them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, select

from api.pages.i18n import Translator
from messaging.store.tables import OutboxRow
from tests.browser.citizen_steps import (
    book_directly,
    choose_first_free_time,
    choose_office,
    choose_service,
    continue_from,
    fill_details,
)
from tests.browser.conftest import site_env
from tests.integration.helpers import national_id
from tests.live_server import LiveServer, live_server

PHONE = "01098761234"
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.fixture(scope="module")
def database(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("code-box-site") / "mawid.sqlite3"


@pytest.fixture(scope="module")
def site(sqlite_template: Path, database: Path) -> Iterator[LiveServer]:
    with live_server(site_env(database.parent, sqlite_template, MAWID_PHONE_VERIFICATION="on")) as server:
        yield server


def codes(database: Path, phone: str = PHONE) -> list[str]:
    """The verification codes texted to ``phone``, oldest first."""
    engine = create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as conn:
            texts = conn.execute(
                select(OutboxRow.text)
                .where(OutboxRow.kind == "verification", OutboxRow.phone == "+2" + phone)
                .order_by(OutboxRow.id)
            ).scalars()
            return [re.search(r"\d{6}", text).group(0) for text in texts]  # type: ignore[union-attr]
    finally:
        engine.dispose()


def test_the_code_box_holds_the_time_until_the_texted_code_is_typed_in_arabic(
    open_page, site, database, screenshot
):
    t = Translator("ar")
    page = open_page("phone")
    page.goto("/?lang=ar")
    choose_service(page, "ar", "passport-new")
    book_directly(page, "ar")
    choose_office(page, "ar", "giza-passports")
    choose_first_free_time(page)
    fill_details(page, "ar", national_id=national_id(), phone=PHONE)
    page.get_by_role("button", name=t("book.submit"), exact=True).click()

    box = page.locator("#code-box")
    expect(page.get_by_role("heading", name=t("code.heading"))).to_be_visible()
    expect(box.locator("#code-box-sent")).to_contain_text("١٢٣٤")  # the mobile's last digits
    expect(box.locator("#code-box-held")).to_contain_text(re.compile(r"[٠-٩]:[٠-٩]{2}"))
    expect(page.locator("#booking-flow")).to_be_hidden()
    screenshot(page, "code-box-ar")

    [first] = codes(database)
    wrong = f"{(int(first) + 1) % 1_000_000:06d}"
    field = page.get_by_label(t("code.label"), exact=True)
    field.fill(wrong)
    page.get_by_role("button", name=t("code.submit"), exact=True).click()
    expect(box).to_contain_text("الرمز غير صحيح")
    expect(box).to_contain_text("٤")  # four tries left, in the page's digits

    page.get_by_role("button", name=t("code.back"), exact=True).click()
    expect(box).to_be_hidden()
    expect(page.locator("#booking-flow")).to_be_visible()
    expect(page.get_by_label(t("details.phone"), exact=True)).to_have_value(PHONE)  # kept as typed

    page.get_by_role("button", name=t("book.submit"), exact=True).click()  # a new hold, a new code
    expect(box).to_be_visible()
    expect(field).to_have_value("")
    _, newest = codes(database)
    field.fill(newest.translate(INDIC))
    page.get_by_role("button", name=t("code.submit"), exact=True).click()
    expect(page.get_by_role("heading", name=t("done.heading"))).to_be_visible()
    assert re.fullmatch(r"[0-9A-Z]{8}", page.locator(".booking-card .code").inner_text())
    screenshot(page, "code-box-ar-confirmed")


def test_a_trip_of_two_services_is_held_whole_until_the_code_is_typed_in_english(open_page, site, database):
    """The hold keeps both visits' seats; the code gives one booking with both."""
    t = Translator("en")
    phone = "01198761234"
    page = open_page("desktop")
    page.goto("/?lang=en")
    choose_service(page, "en", "passport-renewal", go_on=False)
    certificate = "Civil status certificate (birth, marriage, divorce, death)"
    page.locator("#also-choices").get_by_role("checkbox", name=certificate).check()
    continue_from(page, "service")
    book_directly(page, "en")
    choose_office(page, "en", "giza-passports")
    choose_first_free_time(page)
    fill_details(page, "en", national_id=national_id(), phone=phone)
    page.get_by_role("button", name=t("book.submit"), exact=True).click()

    expect(page.get_by_role("heading", name=t("code.heading"))).to_be_visible()
    [code] = codes(database, phone)
    page.get_by_label(t("code.label"), exact=True).fill(code)
    page.get_by_role("button", name=t("code.submit"), exact=True).click()
    expect(page.get_by_role("heading", name=t("done.heading"))).to_be_visible()
    visits = page.locator("#confirmation .chain-visits li")
    expect(visits).to_have_count(2)
    expect(visits.first).to_contain_text("Civil status certificate")
    expect(visits.nth(1)).to_contain_text("Passport renewal")
