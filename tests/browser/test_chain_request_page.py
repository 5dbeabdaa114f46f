"""One trip, several services, asked for the flexible way in a real Chromium, in Arabic and in
English: a citizen ticks a second service under the first, chooses "any office near me", is told
what that way does with several services, is offered only the offices offering both, checks every
service and one list of papers before sending, and sees both services on the confirmation and on
the request's status page; the request reached the server as ``services`` in the order served.

A licence and the criminal-record certificate: every passport office offers the certificate, only
the traffic units offer both, so a list that still showed the certificate's offices would fail."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from booking.chains import chain_order
from booking.services import SERVICES
from tests.browser.accessibility import assert_accessible
from tests.browser.citizen_steps import OFFICES, choose_service, continue_from, fill_details
from tests.browser.request_steps import (
    choose_days,
    choose_request_path,
    look_up_request,
    offices_in_governorate,
    request_status,
    shown_request_id,
    tick_offices,
)
from tests.integration.helpers import national_id

CERTIFICATE = "criminal-record-certificate"
LICENCE = "driving-licence-renewal"
ORDER = list(chain_order([LICENCE, CERTIFICATE]))
BOTH = sorted(office.id for office in OFFICES.values() if set(ORDER) <= set(office.services))
CASES = [
    ("ar", "phone", "list", ["cairo-nasr-city-traffic", "giza-october-traffic"]),
    ("en", "desktop", "governorate", ["alexandria-traffic"]),
]


def name(lang: Lang, code: str) -> str:
    service = SERVICES[code]
    return Translator(lang).pick(service.name_ar, service.name_en)


def papers(lang: Lang) -> list[str]:
    """Every paper of the trip once, in the order the services are served (as the page merges)."""
    lists = [SERVICES[code].documents_ar if lang == "ar" else SERVICES[code].documents_en for code in ORDER]
    return list(dict.fromkeys(paper for listed in lists for paper in listed))


@pytest.mark.parametrize(("lang", "width", "how", "offices"), CASES, ids=lambda v: str(v))
def test_a_citizen_asks_for_two_services_at_any_office_near_them_and_sees_both_on_the_request(
    open_page, site, screenshot, lang: Lang, width: str, how: str, offices: list[str]
):
    t = Translator(lang)
    assert ORDER == [CERTIFICATE, LICENCE]  # the certificate first: the licence may need it
    assert set(offices) <= set(BOTH) and "cairo-abbassia-passports" not in BOTH
    page = open_page(width)
    page.goto(f"/?lang={lang}")

    choose_service(page, lang, LICENCE, go_on=False)
    page.locator("#also-choices").get_by_role("checkbox", name=name(lang, CERTIFICATE), exact=True).check()
    continue_from(page, "service")
    request_way = page.get_by_role("radio", name=t("mode.request"), exact=True)
    expect(request_way).to_be_enabled()
    expect(page.locator("#mode-request-chain")).to_have_text(t("mode.request_chain"))
    expect(page.locator("#mode-request-chain")).to_be_visible()
    choose_request_path(page, lang)

    # Only the offices offering both: in a list, and by governorate (none in Sharqia).
    step = page.locator("#step-reach")
    step.get_by_role("radio", name=t("reach.list"), exact=True).check()
    expect(page.locator("#reach-list input")).to_have_count(len(BOTH))
    listed = page.locator("#reach-list input").evaluate_all("boxes => boxes.map((box) => box.value)")
    assert sorted(listed) == BOTH
    expect(step.locator('#reach-governorate option[value="sharqia"]')).to_be_disabled()
    if how == "list":
        tick_offices(page, lang, offices)
    else:
        offices_in_governorate(page, lang, OFFICES[offices[0]].governorate)
    choose_days(page, lang, "2026-12-08", "2026-12-10")
    number = national_id()
    fill_details(page, lang, national_id=number)

    expect(page.locator("#review-service li")).to_have_text([name(lang, code) for code in ORDER])
    expect(page.locator("#review-documents li")).to_have_text(papers(lang))
    if how == "governorate":
        expect(page.locator("#review-offices")).to_contain_text(
            t("js.reach.summary_governorate_all").split("{")[0]
        )
    expect(page.locator('[data-review="office"]')).to_be_hidden()
    assert_accessible(page)
    screenshot(page, f"chain-request-{lang}-review")
    page.get_by_role("button", name=t("request.submit"), exact=True).click()

    expect(page.get_by_role("heading", name=t("request.done_heading"))).to_be_focused()
    code = shown_request_id(page)
    asked = request_status(site.url, code, number)
    assert asked["services"] == ORDER and asked["service"] == CERTIFICATE
    assert sorted(office["office_id"] for office in asked["offices"]) == sorted(offices)
    both = re.compile(f"^{re.escape(name(lang, ORDER[0]))}.+{re.escape(name(lang, ORDER[1]))}$")
    card = page.locator("#request-confirmation .request-card")
    expect(card.locator('[data-field="service"]')).to_have_text(both)
    expect(card.locator('[data-field="service-label"]')).to_have_text(t("js.card.services"))
    if how == "governorate":
        governorate = page.locator('#reach-governorate option[value="alexandria"]').inner_text().strip()
        expect(card.locator('[data-field="reach"]')).to_have_text(
            t("js.reach.summary_governorate_all", name=governorate)
        )
    expect(card.locator('[data-field="status"]')).to_have_text(t("js.request.status.pending"))
    for office_id in offices:
        expect(card).to_contain_text(t.pick(OFFICES[office_id].name_ar, OFFICES[office_id].name_en))
    assert_accessible(page)
    screenshot(page, f"chain-request-{lang}-confirmation")

    page.get_by_role("link", name=t("request.follow"), exact=True).click()
    look_up_request(page, lang, number)
    expect(page.locator('.request-card [data-field="service"]')).to_have_text(both)
    assert_accessible(page)
    screenshot(page, f"chain-request-{lang}-status")


def test_one_service_is_still_asked_for_as_service(open_page, site):
    """No second service: the note stays hidden and the request goes as ``service``, as before."""
    t = Translator("ar")
    page = open_page("desktop")
    page.goto("/?lang=ar")
    choose_service(page, "ar", LICENCE)
    expect(page.locator("#mode-request-chain")).to_be_hidden()
    choose_request_path(page, "ar")
    offices_in_governorate(page, "ar", "assiut")
    choose_days(page, "ar", "2026-12-08", "2026-12-10")
    number = national_id()
    fill_details(page, "ar", national_id=number)
    expect(page.locator('[data-review="documents"]')).to_be_hidden()
    expect(page.locator("#review-service")).to_have_text(name("ar", LICENCE))
    with page.expect_request(lambda sent: sent.url.endswith("/api/v1/booking-requests")) as sent:
        page.get_by_role("button", name=t("request.submit"), exact=True).click()
    body = sent.value.post_data_json
    assert body["service"] == LICENCE and "services" not in body
    expect(page.get_by_role("heading", name=t("request.done_heading"))).to_be_focused()
    asked = request_status(site.url, shown_request_id(page), number)
    assert asked["service"] == LICENCE
