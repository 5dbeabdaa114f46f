"""On ``/my-request`` a flexible request is found by its 8-character code, typed as people type
it, or by the 32-hex number an old link still carries; either way the page shows the code (and
its QR code opens the page with it) and says when the next batch decides the request."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from tests.browser.accessibility import assert_accessible
from tests.browser.request_steps import look_up_request, request_status
from tests.integration.helpers import national_id
from tests.integration.planning.conftest import request_body

CODE = re.compile(r"[0-9A-HJKMNP-TV-Z]{8}")
# The site's clock starts on Sunday 6 December 2026 at 08:00 (Cairo); the batch runs at 02:00.
NEXT_BATCH = {
    "ar": re.compile(
        r"يتم البت في طلبات الحجز يوميًا الساعة ٢:٠٠ ص بتوقيت القاهرة، "
        r"وسيتم البت في طلبك بحلول .*الاثنين.*٧ ديسمبر.*٢:٠٠ ص"
    ),
    "en": re.compile(
        r"Requests are decided every day at 2:00 \(Cairo time\); "
        r"yours will be decided by Monday,? 7 December 2026,? (at )?2:00\."
    ),
}


def _ask(base_url: str, number: str) -> dict:
    response = httpx.post(
        f"{base_url}/api/v1/booking-requests", json=request_body(number, governorate="giza")
    )
    assert response.status_code == 202, response.text
    return response.json()  # type: ignore[no-any-return]


def _typed(code: str) -> str:
    """The code as someone copies it from paper: lower case, a dash, O for 0 and L for 1."""
    messy = f"{code[:4]}-{code[4:]}".lower()
    return messy.replace("0", "o").replace("1", "l")


@pytest.mark.parametrize(
    ("lang", "width"), [("ar", "phone"), ("en", "phone"), ("ar", "desktop"), ("en", "desktop")]
)
def test_a_request_is_found_by_its_code_as_typed_and_says_when_it_is_decided(
    open_page, site, screenshot, lang: Lang, width: str
):
    t = Translator(lang)
    number = national_id()
    made = _ask(site.url, number)
    code = made["code"]
    page = open_page(width)
    page.goto(f"/my-request?lang={lang}")
    assert_accessible(page)
    look_up_request(page, lang, number, request_id=_typed(code))

    expect(page.get_by_role("heading", name=t("request.state_pending"))).to_be_focused()
    card = page.locator(".request-card")
    expect(card.locator('[data-field="code"]')).to_have_text(code)
    expect(page.locator("#next-pending-when")).to_have_text(NEXT_BATCH[lang])
    if lang == "ar":  # Arabic-Indic digits in the Arabic sentence, the code's own Latin ones kept
        assert not re.search(r"[0-9]", page.locator("#next-pending-when").inner_text())
    assert_accessible(page)
    screenshot(page, f"my-request-{lang}-by-code")

    # What the page asks by from now on is the code (the withdrawal too).
    page.get_by_role("button", name=t("request.withdraw"), exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name=t("request.withdraw_yes"), exact=True).click()
    expect(page.get_by_role("heading", name=t("request.state_cancelled"))).to_be_focused()
    expect(page.locator("#next-pending-when")).to_be_hidden()
    assert request_status(site.url, code, number)["status"] == "cancelled"


@pytest.mark.parametrize(("lang", "width"), [("ar", "phone"), ("en", "desktop")])
def test_an_old_link_with_the_32_character_number_still_finds_the_request_and_shows_its_code(
    open_page, site, screenshot, lang: Lang, width: str
):
    t = Translator(lang)
    number = national_id()
    made = _ask(site.url, number)
    page = open_page(width)
    page.goto(f"/my-request?lang={lang}&request_id={made['request_id']}")
    expect(page.get_by_label(t("request.number"), exact=True)).to_have_value(made["request_id"])
    look_up_request(page, lang, number)
    card = page.locator(".request-card")
    expect(card.locator('[data-field="code"]')).to_have_text(made["code"])
    expect(card.locator('[data-field="status"]')).to_have_text(t("js.request.status.pending"))
    assert_accessible(page)
    screenshot(page, f"my-request-{lang}-old-link")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_number_that_is_neither_a_code_nor_an_old_number_is_refused_on_the_page(
    open_page, site, screenshot, lang: Lang
):
    t = Translator(lang)
    page = open_page("phone")
    page.goto(f"/my-request?lang={lang}")
    look_up_request(page, lang, national_id(), request_id="7KQ2M9X")
    expect(page.locator("#request_id-error")).to_have_text(t("js.error.request_id"))
    expect(page.get_by_label(t("request.number"), exact=True)).to_be_focused()
    assert_accessible(page)
    screenshot(page, f"my-request-{lang}-bad-code")


def test_the_qr_code_of_a_request_opens_its_page_with_its_code(site):
    made = _ask(site.url, national_id())
    svg = httpx.get(f"{site.url}/qr/requests/{made['code']}.svg")
    assert svg.status_code == 200 and f"<title>{made['code']}</title>" in svg.text
    assert CODE.fullmatch(made["code"])
