"""A citizen asks for "any office near me on days I choose" on ``/`` in a real browser, follows
the request on ``/my-request``, and sees it become a booking once the ministry's optimiser has
run a batch; a pending request can be withdrawn, and one that found no time says why and leads
back to booking directly."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import httpx
import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from booking.services import SERVICES
from tests.browser.accessibility import assert_accessible
from tests.browser.citizen_steps import OFFICES, choose_service, continue_from, fill_details, tab_to
from tests.browser.request_steps import (
    choose_days,
    choose_request_path,
    look_up_request,
    offices_in_governorate,
    offices_near_me,
    request_status,
    run_optimiser,
    shown_request_id,
    tick_offices,
)
from tests.browser.test_citizen_pages import UNLABELLED
from tests.browser.test_request_codes import NEXT_BATCH
from tests.integration.helpers import booking_body, national_id
from tests.integration.planning.conftest import request_body

ABBASSIA = OFFICES["cairo-abbassia-passports"]
ARABIC_DIGIT = re.compile(r"[٠-٩]")


@dataclass(frozen=True)
class Ask:
    lang: Lang
    width: str
    service: str
    how: str  # governorate | near | list
    offices: list[str] = field(default_factory=list)
    time_of_day: str = ""


ASKS = [
    Ask("ar", "phone", "passport-new", "governorate", ["cairo-abbassia-passports"], "morning"),
    Ask("en", "phone", "passport-renewal", "near", ["cairo-abbassia-passports", "giza-passports"]),
    Ask(
        "ar", "desktop", "civil-certificate", "list", ["giza-passports", "qalyubia-banha-passports"], "midday"
    ),
    Ask("en", "desktop", "passport-replacement", "governorate", ["giza-passports"], "afternoon"),
]


def _name_offices(page, ask: Ask) -> None:
    if ask.how == "governorate":
        offices_in_governorate(page, ask.lang, OFFICES[ask.offices[0]].governorate)
    elif ask.how == "near":
        offices_near_me(page, ask.lang, km=10)
    else:
        tick_offices(page, ask.lang, ask.offices)


@pytest.mark.parametrize("ask", ASKS, ids=lambda a: f"{a.lang}-{a.width}-{a.how}")
def test_a_citizen_sends_a_request_follows_it_and_finds_it_booked_after_the_batch(
    open_page, site, screenshot, ask: Ask
):
    t = Translator(ask.lang)
    here = {"latitude": ABBASSIA.lat, "longitude": ABBASSIA.lon}
    page = open_page(ask.width, geolocation=here, permissions=["geolocation"])
    page.goto(f"/?lang={ask.lang}")
    choose_service(page, ask.lang, ask.service)
    choose_request_path(page, ask.lang)
    expect(page.locator("#step-office")).to_be_hidden()
    _name_offices(page, ask)
    choose_days(page, ask.lang, "2026-12-07", "2026-12-17", ask.time_of_day)
    number = national_id()
    fill_details(page, ask.lang, national_id=number)
    expect(page.locator("#review-days")).not_to_have_text("—")
    assert page.evaluate(UNLABELLED) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
    screenshot(page, f"request-{ask.lang}-{ask.how}-filled")
    page.get_by_role("button", name=t("request.submit"), exact=True).click()

    expect(page.get_by_role("heading", name=t("request.done_heading"))).to_be_focused()
    request_id = shown_request_id(page)
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{8}", request_id)
    asked = request_status(site.url, request_id, number)
    assert asked["status"] == "pending" and asked["service"] == ask.service
    assert (asked["from"], asked["to"], asked["time_of_day"]) == (
        "2026-12-07",
        "2026-12-17",
        ask.time_of_day or None,
    )
    assert sorted(o["office_id"] for o in asked["offices"]) == sorted(ask.offices)
    card = page.locator("#request-confirmation .request-card")
    expect(card.locator('[data-field="status"]')).to_have_text(t("js.request.status.pending"))
    for office_id in ask.offices:
        expect(card).to_contain_text(t.pick(OFFICES[office_id].name_ar, OFFICES[office_id].name_en))
    qr = card.locator("img.qr")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    expect(page.get_by_text(t("request.done_batch"))).to_be_visible()
    expect(page.locator("#request-done-when")).to_have_text(NEXT_BATCH[ask.lang])
    assert_accessible(page)
    if ask.lang == "ar":
        assert ARABIC_DIGIT.search(card.locator('[data-field="days"]').inner_text())
    screenshot(page, f"request-{ask.lang}-{ask.how}-confirmation")

    page.get_by_role("link", name=t("request.follow"), exact=True).click()
    expect(page.get_by_label(t("request.number"), exact=True)).to_have_value(request_id)
    look_up_request(page, ask.lang, number)
    expect(page.locator(".request-card .badge")).to_have_text(t("js.request.status.pending"))
    expect(page.get_by_role("heading", name=t("request.state_pending"))).to_be_focused()
    expect(page.locator("#next-pending-when")).to_have_text(NEXT_BATCH[ask.lang])
    assert_accessible(page)
    screenshot(page, f"my-request-{ask.lang}-{ask.how}-pending")

    page.get_by_role("button", name=t("request.refresh"), exact=True).click()
    expect(page.locator("#request-notice")).to_have_text(t("js.request.unchanged"))

    job = run_optimiser(site.url)
    assert job["result"]["assigned"] >= 1
    page.get_by_role("button", name=t("request.refresh"), exact=True).click()
    expect(page.get_by_role("heading", name=t("request.state_assigned"))).to_be_focused()
    expect(page.locator("#request-notice")).to_be_hidden()
    expect(page.locator(".request-card .badge")).to_have_text(t("js.request.status.assigned"))
    booking = request_status(site.url, request_id, number)["booking"]
    assert booking["office_id"] in ask.offices and "2026-12-07" <= booking["date"] <= "2026-12-17"
    booking_card = page.locator(".booking-card")
    expect(booking_card.locator(".code")).to_have_text(booking["code"])
    expect(booking_card.locator('[data-field="status"]')).to_have_text(t("js.status.confirmed"))
    service = SERVICES[ask.service]
    expect(booking_card.locator(".documents-list")).to_contain_text(
        (service.documents_ar if ask.lang == "ar" else service.documents_en)[0]
    )
    expect(page.get_by_role("button", name=t("request.withdraw"))).to_be_hidden()
    manage = page.get_by_role("link", name=t("request.manage_booking"), exact=True)
    expect(manage).to_have_attribute("href", f"/my-booking?code={booking['code']}")
    with page.expect_download() as download:
        booking_card.get_by_role("button", name=t("card.ics")).click()
    assert download.value.suggested_filename == f"mawid-{booking['code']}.ics"
    screenshot(page, f"my-request-{ask.lang}-{ask.how}-assigned")


def _ask_over_api(base_url: str, number: str, **where) -> str:
    body = request_body(number, first="2026-12-08", last="2026-12-10", **where)
    response = httpx.post(f"{base_url}/api/v1/booking-requests", json=body)
    assert response.status_code == 202, response.text
    return str(response.json()["request_id"])


@pytest.mark.parametrize(("lang", "width"), [("ar", "phone"), ("en", "desktop")])
def test_a_citizen_withdraws_a_pending_request_after_saying_yes(
    open_page, site, screenshot, lang: Lang, width
):
    t = Translator(lang)
    number = national_id()
    request_id = _ask_over_api(site.url, number, governorate="alexandria")
    page = open_page(width)
    page.goto(f"/my-request?lang={lang}&request_id={request_id}")
    look_up_request(page, lang, number)
    expect(page.locator(".request-card .badge")).to_have_text(t("js.request.status.pending"))

    page.get_by_role("button", name=t("request.withdraw"), exact=True).click()
    dialog = page.get_by_role("dialog", name=t("request.withdraw_title"))
    dialog.get_by_role("button", name=t("request.withdraw_no"), exact=True).click()
    assert request_status(site.url, request_id, number)["status"] == "pending"

    page.get_by_role("button", name=t("request.withdraw"), exact=True).click()
    screenshot(page, f"my-request-{lang}-withdraw-question")
    dialog.get_by_role("button", name=t("request.withdraw_yes"), exact=True).click()
    expect(page.get_by_role("heading", name=t("request.state_cancelled"))).to_be_focused()
    expect(page.locator(".request-card .badge")).to_have_text(t("js.request.status.cancelled"))
    expect(page.get_by_role("button", name=t("request.withdraw"))).to_be_hidden()
    assert request_status(site.url, request_id, number)["status"] == "cancelled"
    screenshot(page, f"my-request-{lang}-withdrawn")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_request_for_one_trip_names_every_service_in_the_order_served(open_page, site, lang: Lang):
    number = national_id()
    body = request_body(number, first="2026-12-08", last="2026-12-10", governorate="giza")
    del body["service"]
    body["services"] = ["passport-new", "criminal-record-certificate"]
    response = httpx.post(f"{site.url}/api/v1/booking-requests", json=body)
    assert response.status_code == 202, response.text
    page = open_page("phone")
    page.goto(f"/my-request?lang={lang}&request_id={response.json()['request_id']}")
    look_up_request(page, lang, number)
    first, then = (SERVICES[code] for code in ("criminal-record-certificate", "passport-new"))
    names = [(s.name_ar if lang == "ar" else s.name_en) for s in (first, then)]
    shown = page.locator('.request-card [data-field="service"]')
    expect(shown).to_have_text(re.compile(f"^{re.escape(names[0])}.+{re.escape(names[1])}$"))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_request_that_found_no_time_says_why_and_leads_to_booking_directly(
    open_page, site, screenshot, lang: Lang
):
    t = Translator(lang)
    number = national_id()
    request_id = _ask_over_api(site.url, number, offices=["dakahlia-mansoura-passports"])
    # Meanwhile the citizen books the same service directly: the batch must not book it twice.
    days = httpx.get(
        f"{site.url}/api/v1/offices/dakahlia-mansoura-passports/availability",
        params={"service": "passport-new", "from": "2026-12-14", "to": "2026-12-14"},
    ).json()["days"]
    start = next(slot["start"] for slot in days[0]["slots"] if slot["remaining"] > 0)
    direct = booking_body(start, number, "passport-new", "dakahlia-mansoura-passports")
    assert httpx.post(f"{site.url}/api/v1/bookings", json=direct).status_code == 201
    run_optimiser(site.url)
    state = request_status(site.url, request_id, number)
    assert state["status"] == "unassigned"

    page = open_page("phone")
    page.goto(f"/my-request?lang={lang}&request_id={request_id}")
    look_up_request(page, lang, number)
    expect(page.get_by_role("heading", name=t("request.state_unassigned"))).to_be_focused()
    expect(page.locator(".request-card .badge")).to_have_text(t("js.request.status.unassigned"))
    reason = state["reason_detail_ar"] if lang == "ar" else state["reason_detail"]
    expect(page.locator("#unassigned-reason")).to_have_text(t("js.request.unassigned", reason=reason))
    screenshot(page, f"my-request-{lang}-unassigned")
    page.locator('[data-state="unassigned"]').get_by_role("link", name=t("request.book_directly")).click()
    expect(page.locator('input[name="service"][value="passport-new"]')).to_be_checked()
    expect(page.locator("#step-office")).to_be_visible()


def test_the_request_path_checks_the_details_as_the_direct_booking_does_and_shows_the_servers_refusal(
    open_page, site, screenshot
):
    lang: Lang = "ar"
    t = Translator(lang)
    number = national_id()
    _ask_over_api(site.url, number, governorate="giza", service="civil-certificate")
    page = open_page("phone")
    page.goto(f"/?lang={lang}")
    choose_service(page, lang, "civil-certificate")
    choose_request_path(page, lang)
    offices_in_governorate(page, lang, "giza")
    summary = page.locator("#form-error")
    # The days the wrong way round: the days step says so and stays.
    choose_days(page, lang, "2026-12-10", "2026-12-08")
    expect(page.locator("#window_to-error")).to_have_text(t("js.error.window_order"))
    expect(summary.get_by_role("link", name=t("js.error.window_order"))).to_have_attribute(
        "href", "#window_to"
    )
    expect(summary).to_be_focused()
    choose_days(page, lang, "2026-12-08", "2026-12-10")
    # A mobile number too short: the name-and-mobile step says so and stays.
    fill_details(page, lang, national_id=number, phone="0123")
    expect(page.locator("#phone-error")).to_have_text(t("js.error.phone"))
    expect(summary.get_by_role("link", name=t("js.error.phone"))).to_have_attribute("href", "#phone")
    expect(summary).to_be_focused()
    screenshot(page, f"request-{lang}-invalid")

    # Fixed, but this person already waits for this service: the server's words are shown.
    page.get_by_label(t("details.phone"), exact=True).fill("01012345678")
    continue_from(page, "contact")
    page.get_by_role("button", name=t("request.submit"), exact=True).click()
    expect(page.locator("#form-error")).to_contain_text("لديك طلب قيد الانتظار لهذه الخدمة بالفعل")
    expect(page.locator("#form-error")).to_be_focused()
    expect(page.locator("#request-confirmation")).to_be_hidden()


def test_without_a_location_the_page_says_so_and_offers_the_governorate_instead(open_page):
    t = Translator("en")
    page = open_page("phone")  # no geolocation permission: the browser refuses
    page.goto("/?lang=en")
    choose_service(page, "en", "passport-new")
    choose_request_path(page, "en")
    step = page.locator("#step-reach")
    step.get_by_role("radio", name=t("reach.near"), exact=True).check()
    step.get_by_role("button", name=t("reach.locate"), exact=True).click()
    expect(page.locator("#reach-near-status")).to_have_text(t("js.reach.location_failed"))
    step.get_by_role("button", name=t("reach.use_governorate"), exact=True).click()
    expect(step.get_by_role("radio", name=t("reach.governorate"), exact=True)).to_be_checked()
    expect(step.get_by_label(t("office.governorate"), exact=True)).to_be_focused()
    # Governorates without an office for the service are not offered.
    expect(step.locator('#reach-governorate option[value="red-sea"]')).to_be_disabled()


def test_a_citizen_can_send_a_request_with_the_keyboard_alone(open_page, site):
    t = Translator("ar")
    page = open_page("desktop")
    page.goto("/?lang=ar")
    tab_to(page, 'input[name="service"]')
    page.keyboard.press("ArrowDown")  # arrow keys choose within a radio group
    expect(page.locator('input[name="service"][value="passport-renewal"]')).to_be_checked()
    tab_to(page, 'input[name="mode"]')
    page.keyboard.press("ArrowDown")
    expect(page.locator('input[name="mode"][value="request"]')).to_be_checked()
    tab_to(page, 'input[name="reach"]')
    page.keyboard.press("Space")
    expect(page.locator('input[name="reach"][value="governorate"]')).to_be_checked()
    tab_to(page, "#reach-governorate")
    page.keyboard.press("ArrowDown")  # the first governorate with an office: Cairo
    expect(page.locator("#reach-governorate")).to_have_value("cairo")
    tab_to(page, 'input[name="time_of_day"]')
    page.keyboard.press("ArrowDown")
    expect(page.locator('input[name="time_of_day"][value="morning"]')).to_be_checked()
    tab_to(page, "#national_id")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid", "visible focus"
    number = national_id()
    page.keyboard.type(number)
    tab_to(page, "#full_name")
    page.keyboard.type("كريم محمود عبد الله")
    tab_to(page, "#phone")
    page.keyboard.type("01112345678")
    tab_to(page, "#submit-booking")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=t("request.done_heading"))).to_be_focused()
    request_id = shown_request_id(page)
    assert request_status(site.url, request_id, number)["asked_for"] == {
        "kind": "governorate",
        "governorate": "cairo",
    }
