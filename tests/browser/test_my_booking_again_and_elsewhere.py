"""On ``/my-booking`` a cancelled booking is no visit to prepare for: no QR code, documents,
calendar entry or printout, but a way to book the service again; and a booking can be moved to
another office that offers its service, chosen as on the booking page (by governorate), with its
own office chosen to begin with."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from tests.browser.accessibility import assert_accessible
from tests.browser.citizen_steps import OFFICES, choose_first_free_time
from tests.browser.test_my_booking import _book, _booking

SERVICE = "passport-renewal"
GIZA, ABBASSIA = OFFICES["giza-passports"], OFFICES["cairo-abbassia-passports"]


def _find(page, lang: Lang, code: str, number: str) -> None:
    t = Translator(lang)
    page.goto(f"/my-booking?lang={lang}&code={code}")
    page.get_by_label(t("my.identity"), exact=True).fill(number)
    page.get_by_role("button", name=t("my.find"), exact=True).click()
    expect(page.locator(".booking-card .code")).to_have_text(code)


@pytest.mark.parametrize(
    ("lang", "width"), [("ar", "phone"), ("en", "phone"), ("ar", "desktop"), ("en", "desktop")]
)
def test_a_cancelled_booking_shows_nothing_to_prepare_and_offers_to_book_again(
    open_page, site, screenshot, lang: Lang, width: str
):
    t = Translator(lang)
    code, number, _ = _book(site.url, GIZA.id, SERVICE)
    cancelled = httpx.delete(f"{site.url}/api/v1/bookings/{code}", headers={"X-Identity-Number": number})
    assert cancelled.status_code == 200, cancelled.text
    page = open_page(width)
    _find(page, lang, code, number)

    card = page.locator(".booking-card")
    expect(card.locator('[data-field="status"]')).to_have_text(t("js.status.cancelled"))
    expect(card.locator(".qr")).to_have_count(0)
    expect(card.locator(".documents-list")).to_have_count(0)
    expect(card.get_by_role("button", name=t("card.ics"))).to_have_count(0)
    expect(card.get_by_role("button", name=t("card.print"))).to_have_count(0)
    expect(page.get_by_role("button", name=t("my.reschedule"))).to_be_hidden()
    expect(page.locator("#book-again-why")).to_have_text(t("js.my.again_cancelled"))
    again = page.get_by_role("link", name=t("my.book_again"), exact=True)
    expect(again).to_have_attribute("href", f"/?service={SERVICE}")
    assert_accessible(page)
    screenshot(page, f"my-booking-{lang}-cancelled-book-again")

    again.click()
    expect(page.locator(f'input[name="service"][value="{SERVICE}"]')).to_be_checked()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_booking_cancelled_on_the_page_loses_its_qr_code_and_offers_to_book_again(
    open_page, site, lang: Lang
):
    t = Translator(lang)
    code, number, _ = _book(site.url, GIZA.id, SERVICE)
    page = open_page("phone")
    _find(page, lang, code, number)
    expect(page.locator(".booking-card .qr")).to_be_visible()
    expect(page.locator("#book-again")).to_be_hidden()
    page.get_by_role("button", name=t("my.cancel"), exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name=t("my.cancel_yes"), exact=True).click()
    expect(page.locator("#booking-notice")).to_have_text(t("js.my.cancelled"))
    expect(page.locator(".booking-card .qr")).to_have_count(0)
    expect(page.get_by_role("link", name=t("my.book_again"), exact=True)).to_be_visible()


@pytest.mark.parametrize(
    ("lang", "width"), [("ar", "phone"), ("en", "phone"), ("ar", "desktop"), ("en", "desktop")]
)
def test_a_booking_moves_to_another_office_of_the_same_service(
    open_page, site, screenshot, lang: Lang, width: str
):
    t = Translator(lang)
    code, number, start = _book(site.url, GIZA.id, SERVICE)
    page = open_page(width)
    _find(page, lang, code, number)
    page.get_by_role("button", name=t("my.reschedule"), exact=True).click()

    moving = page.locator("#reschedule")
    governorate = moving.get_by_label(t("office.governorate"), exact=True)
    expect(governorate).to_have_value(GIZA.governorate)
    own = moving.get_by_role("radio", name=t.pick(GIZA.name_ar, GIZA.name_en), exact=True)
    expect(own).to_be_checked()  # the booking's own office, to begin with
    expect(page.locator("#move-picker [data-days] input").first).to_be_visible()
    # Each office says how its day stands: its nearest free day at least.
    expect(moving.locator(f'[data-office="{GIZA.id}"] [data-day="free"]')).not_to_be_empty()
    assert_accessible(page)
    screenshot(page, f"my-booking-{lang}-move-own-office")

    governorate.select_option(ABBASSIA.governorate)
    expect(page.locator("#move-picker")).to_be_hidden()  # no office chosen: no times to offer
    page.get_by_role("button", name=t("my.reschedule_submit"), exact=True).click()
    expect(page.locator("#reschedule-error")).to_have_text(t("js.error.choose_office"))
    moving.get_by_role("radio", name=t.pick(ABBASSIA.name_ar, ABBASSIA.name_en), exact=True).check()
    expect(page.locator("#reschedule-error")).to_be_hidden()
    new_start = choose_first_free_time(page, "#move-picker")
    assert_accessible(page)
    screenshot(page, f"my-booking-{lang}-move-other-office")
    page.get_by_role("button", name=t("my.reschedule_submit"), exact=True).click()

    expect(page.locator("#booking-notice")).to_have_text(t("js.my.rescheduled"))
    expect(page.locator('.booking-card [data-field="office"]')).to_have_text(
        t.pick(ABBASSIA.name_ar, ABBASSIA.name_en)
    )
    moved = _booking(site.url, code, number)
    assert (moved["office_id"], moved["start"]) == (ABBASSIA.id, new_start)
    assert new_start != start or moved["office_id"] != GIZA.id
