"""On ``/my-booking`` a citizen finds a booking by code and identity number, moves it to another
time, and cancels it after saying yes to a question; a wrong pair finds nothing."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from tests.browser.citizen_steps import choose_first_free_time
from tests.integration.helpers import booking_body, national_id


def _book(base: str, office_id: str, service: str) -> tuple[str, str, str]:
    """A booking made through the API: (code, identity number, start)."""
    days = httpx.get(
        f"{base}/api/v1/offices/{office_id}/availability",
        params={"service": service, "from": "2026-12-08", "to": "2026-12-08"},
    ).json()["days"]
    start = next(slot["start"] for slot in days[0]["slots"] if slot["remaining"] > 0)
    number = national_id()
    response = httpx.post(
        f"{base}/api/v1/bookings",
        json=booking_body(start, number=number, service=service, office_id=office_id),
    )
    assert response.status_code == 201, response.text
    return response.json()["code"], number, start


def _booking(base: str, code: str, number: str) -> dict:
    return httpx.get(f"{base}/api/v1/bookings/{code}", headers={"X-Identity-Number": number}).json()


@pytest.mark.parametrize(
    ("lang", "width"), [("ar", "phone"), ("en", "desktop"), ("ar", "desktop"), ("en", "phone")]
)
def test_a_citizen_moves_and_then_cancels_a_booking(open_page, site, screenshot, lang: Lang, width: str):
    t = Translator(lang)
    office_id = {"phone": "giza-october-traffic", "desktop": "alexandria-passports"}[width]
    service = "criminal-record-certificate"
    code, number, start = _book(site.url, office_id, service)
    page = open_page(width)
    page.goto(f"/my-booking?lang={lang}&code={code}")
    expect(page.get_by_label(t("my.code"), exact=True)).to_have_value(code)
    # Typed in Arabic-Indic digits, as an Arabic keyboard would.
    arabic_digits = number.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    page.get_by_label(t("my.identity"), exact=True).fill(arabic_digits)
    page.get_by_role("button", name=t("my.find"), exact=True).click()

    card = page.locator(".booking-card")
    expect(card.locator(".code")).to_have_text(code)
    expect(card.locator('[data-field="status"]')).to_have_text(t("js.status.confirmed"))
    screenshot(page, f"my-booking-{lang}-found")

    page.get_by_role("button", name=t("my.reschedule"), exact=True).click()
    new_start = choose_first_free_time(page, "#move-picker", day_index=1)
    assert new_start != start
    screenshot(page, f"my-booking-{lang}-reschedule")
    page.get_by_role("button", name=t("my.reschedule_submit"), exact=True).click()
    expect(page.locator("#booking-notice")).to_have_text(t("js.my.rescheduled"))
    assert _booking(site.url, code, number)["start"] == new_start

    page.get_by_role("button", name=t("my.cancel"), exact=True).click()
    dialog = page.get_by_role("dialog", name=t("my.cancel_title"))
    expect(dialog).to_be_visible()
    screenshot(page, f"my-booking-{lang}-cancel-question")
    dialog.get_by_role("button", name=t("my.cancel_yes"), exact=True).click()
    expect(page.locator("#booking-notice")).to_have_text(t("js.my.cancelled"))
    expect(card.locator('[data-field="status"]')).to_have_text(t("js.status.cancelled"))
    expect(page.get_by_role("button", name=t("my.cancel"), exact=True)).to_be_hidden()
    assert _booking(site.url, code, number)["status"] == "cancelled"
    screenshot(page, f"my-booking-{lang}-cancelled")


def test_saying_no_to_the_question_keeps_the_booking(open_page, site):
    t = Translator("ar")
    code, number, _ = _book(site.url, "giza-passports", "civil-certificate")
    page = open_page("phone")
    page.goto(f"/my-booking?lang=ar&code={code}")
    page.get_by_label(t("my.identity"), exact=True).fill(number)
    page.get_by_role("button", name=t("my.find"), exact=True).click()
    page.get_by_role("button", name=t("my.cancel"), exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name=t("my.cancel_no"), exact=True).click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.locator('.booking-card [data-field="status"]')).to_have_text(t("js.status.confirmed"))
    assert _booking(site.url, code, number)["status"] == "confirmed"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_wrong_identity_number_finds_nothing(open_page, site, screenshot, lang: Lang):
    t = Translator(lang)
    code, _, _ = _book(site.url, "cairo-abbassia-passports", "criminal-record-certificate")
    page = open_page("phone")
    page.goto(f"/my-booking?lang={lang}")
    page.get_by_label(t("my.code"), exact=True).fill(code)
    page.get_by_label(t("my.identity"), exact=True).fill(national_id())
    page.get_by_role("button", name=t("my.find"), exact=True).click()
    problem = httpx.get(f"{site.url}/api/v1/bookings/{code}", headers={"X-Identity-Number": "2900"}).json()
    message = problem["detail_ar"] if lang == "ar" else problem["detail"]
    expect(page.locator("#lookup-error")).to_have_text(message)
    expect(page.locator(".booking-card")).to_have_count(0)
    screenshot(page, f"my-booking-{lang}-not-found")
