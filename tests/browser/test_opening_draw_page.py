"""A citizen on `/` in the first minutes after a new day opens (09:00 Cairo time): the day says its
places are drawn by lot, choosing a time there enters the draw instead of booking at once, and
the confirmation and the request's page say when the draw is decided.

Runs on a server of its own whose clock starts at 09:00:05 on the test day."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from api.pages.i18n import Translator
from tests.browser.citizen_steps import (
    book_directly,
    choose_office,
    choose_service,
    continue_from,
    fill_details,
)
from tests.browser.conftest import site_env
from tests.integration.helpers import national_id
from tests.live_server import LiveServer, live_server

NEW_DAY = "2027-02-04"  # 60 days after Sunday 6 December 2026
OPENING = "2026-12-06T09:00:05+02:00"


@pytest.fixture(scope="module")
def site(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """This module's pages open on a server whose clock starts just after 09:00."""
    env = site_env(tmp_path_factory.mktemp("opening-site"), sqlite_template, MAWID_CLOCK=OPENING)
    with live_server(env) as server:
        yield server


def test_a_choice_on_the_day_just_opened_enters_its_draw(open_page: Any, screenshot: Any) -> None:
    t = Translator("ar")
    page = open_page("phone")
    page.goto("/?lang=ar")
    choose_service(page, "ar", "passport-renewal")
    book_directly(page, "ar")
    choose_office(page, "ar", "giza-passports")
    picker = page.locator("#book-picker")
    new_day = picker.locator(f'[data-days] input[value="{NEW_DAY}"]')
    days = picker.locator("[data-days] input")
    expect(days.first).to_be_attached()
    for _ in range(6):  # fourteen days a page: the new day is on the fifth
        if new_day.count():
            break
        shown = days.count()
        picker.get_by_role("button", name=t("time.later"), exact=True).click()
        expect(days).not_to_have_count(shown)
    chip = picker.locator("label.chip", has=page.locator(f'input[value="{NEW_DAY}"]'))
    expect(chip).to_contain_text("قرعة حتى")
    # Past the new day nothing is open yet; the picker says when the next day opens.
    expect(picker.locator("[data-status]")).to_contain_text("٩:٠٠")
    new_day.check()
    expect(picker.locator("[data-status]")).to_contain_text("يدخل قرعة")
    picker.locator("[data-times] input:not([disabled])").first.check()
    continue_from(page, "time")
    number = national_id()
    fill_details(page, "ar", national_id=number)
    page.get_by_role("button", name=t("book.submit"), exact=True).click()

    expect(page.get_by_role("heading", name=t("request.done_heading"))).to_be_visible()
    expect(page.locator("#request-done-draw")).to_contain_text("قرعة فتح الحجز")
    expect(page.locator("#request-done-batch")).to_be_hidden()
    screenshot(page, "book-ar-opening-draw")

    page.locator("#request-follow").click()
    page.get_by_label(t("my.identity"), exact=True).fill(number)
    page.get_by_role("button", name=t("request.find"), exact=True).click()
    expect(page.locator("#next-pending-draw")).to_contain_text("١٠")
    expect(page.locator("#next-pending-batch")).to_be_hidden()
