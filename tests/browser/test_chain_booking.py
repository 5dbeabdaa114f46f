"""One trip, several services, in a real Chromium, in Arabic and in English: a citizen adds a
second service under the first ("also need …"), sees the order they will be served in and one list
of papers, books a start at which both fit, and gets one confirmation (one code, one QR code)
listing both visits; /my-booking shows both visits and moves them together. A service the chosen
office does not offer, or that no office offers with the others, is refused in the error summary,
and so is a trip over the limit on booked services, with the server's words.

Offices no other browser test books (the site is shared): the traffic units of Assiut and
Mansoura, which offer driving and vehicle licences and the criminal-record certificate."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from booking.chains import chain_order
from booking.services import SERVICES
from tests.browser.accessibility import assert_accessible
from tests.browser.citizen_steps import (
    OFFICES,
    book_directly,
    choose_first_free_time,
    choose_office,
    choose_service,
    continue_from,
    fill_contact,
    fill_details,
    fill_identity,
)
from tests.integration.helpers import booking_body, national_id

CERTIFICATE = "criminal-record-certificate"
CASES = [
    ("ar", "phone", "driving-licence-renewal", "assiut-traffic"),
    ("en", "desktop", "vehicle-licence-renewal", "dakahlia-mansoura-traffic"),
]


def name(lang: Lang, code: str) -> str:
    service = SERVICES[code]
    return Translator(lang).pick(service.name_ar, service.name_en)


def also_need(page, lang: Lang, code: str) -> None:
    """Tick ``code`` under "also need …"."""
    page.locator("#also-choices").get_by_role("checkbox", name=name(lang, code), exact=True).check()


def stored(base: str, code: str, number: str) -> dict:
    return httpx.get(f"{base}/api/v1/bookings/{code}", headers={"X-Identity-Number": number}).json()


@pytest.mark.parametrize(("lang", "width", "licence", "office_id"), CASES, ids=lambda v: str(v))
def test_a_citizen_books_two_services_on_one_trip_and_moves_them_together(
    open_page, site, screenshot, lang: Lang, width: str, licence: str, office_id: str
):
    t = Translator(lang)
    order = list(chain_order([licence, CERTIFICATE]))
    assert order == [CERTIFICATE, licence]  # the certificate first: the licence may need it
    page = open_page(width)
    page.goto(f"/?lang={lang}")

    choose_service(page, lang, licence, go_on=False)
    also_need(page, lang, CERTIFICATE)
    summary = page.locator("#chain-summary")
    expect(summary.locator("#chain-order li")).to_have_text([name(lang, code) for code in order])
    papers = [
        *(SERVICES[licence].documents_ar if lang == "ar" else SERVICES[licence].documents_en),
        *(SERVICES[CERTIFICATE].documents_ar if lang == "ar" else SERVICES[CERTIFICATE].documents_en),
    ]
    listed = summary.locator("#chain-documents li").all_inner_texts()
    assert set(listed) == set(papers) and len(listed) == len(set(papers))  # every paper, once
    expect(page.locator(f'[data-documents-for="{licence}"]')).to_be_hidden()
    assert_accessible(page)
    screenshot(page, f"chain-{lang}-services")
    continue_from(page, "service")
    book_directly(page, lang)
    choose_office(page, lang, office_id)

    start = choose_first_free_time(page, go_on=False)
    chosen = page.locator("#book-times label").filter(has=page.locator("input:checked"))
    expect(chosen).to_contain_text(t("js.slot.until").split("{")[0].strip())
    continue_from(page, "time")
    number = national_id()
    fill_details(page, lang, national_id=number)
    review = page.locator("#review-service li")
    expect(review).to_have_count(2)
    expect(review.first).to_contain_text(name(lang, CERTIFICATE))
    expect(review.nth(1)).to_contain_text(name(lang, licence))
    screenshot(page, f"chain-{lang}-review")
    page.get_by_role("button", name=t("book.submit"), exact=True).click()

    expect(page.get_by_role("heading", name=t("done.heading"))).to_be_visible()
    card = page.locator("#confirmation .booking-card")
    code = card.locator(".code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{8}", code)
    expect(card.locator('[data-field="qr"]')).to_have_attribute("src", f"/qr/{code}.svg")
    expect(card.locator(".chain-visits li")).to_have_text(
        [re.compile(re.escape(name(lang, code))) for code in order]
    )
    if lang == "ar":
        assert not re.search(r"[0-9]", card.locator('[data-field="when"]').inner_text())
    booking = stored(site.url, code, number)
    assert [visit["service"] for visit in booking["visits"]] == order
    assert booking["start"] == start
    assert_accessible(page)
    screenshot(page, f"chain-{lang}-confirmation")

    page.get_by_role("link", name=t("card.manage")).click()
    page.get_by_label(t("my.identity"), exact=True).fill(number)
    page.get_by_role("button", name=t("my.find"), exact=True).click()
    found = page.locator("#booking-view .booking-card")
    expect(found.locator(".chain-visits li")).to_have_count(2)
    page.get_by_role("button", name=t("my.reschedule"), exact=True).click()
    expect(page.locator("#reschedule-chain")).to_have_text(t("js.my.reschedule_chain"))
    # Only offices offering both: the office's own, and no passport office.
    expect(page.locator("#move-office-list input")).not_to_have_count(0)
    for office in page.locator("#move-office-list input").all():
        assert set(order) <= set(OFFICES[str(office.get_attribute("value"))].services)
    new_start = choose_first_free_time(page, "#move-picker", day_index=1)
    assert new_start != start
    assert_accessible(page)
    screenshot(page, f"chain-{lang}-reschedule")
    page.get_by_role("button", name=t("my.reschedule_submit"), exact=True).click()
    expect(page.locator("#booking-notice")).to_have_text(t("js.my.rescheduled"))
    moved = stored(site.url, code, number)
    assert moved["start"] == new_start
    assert [visit["service"] for visit in moved["visits"]] == order
    assert moved["visits"][1]["start"] == moved["visits"][0]["end"] or moved["visits"][1]["start"] > new_start
    expect(found.locator(".chain-visits li")).to_have_count(2)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_service_the_chosen_office_does_not_offer_is_refused_in_the_error_summary(open_page, lang: Lang):
    t = Translator(lang)
    page = open_page("desktop")
    page.goto(f"/?lang={lang}")
    choose_service(page, lang, CERTIFICATE)
    book_directly(page, lang)
    choose_office(page, lang, "assiut-traffic", go_on=False)

    also_need(page, lang, "passport-renewal")  # a passport office's service, not a traffic unit's
    office = OFFICES["assiut-traffic"]
    expected = t(
        "js.error.office_lacks",
        office=t.pick(office.name_ar, office.name_en),
        service=name(lang, "passport-renewal"),
    )
    error = page.locator("#form-error")
    expect(error).to_be_focused()
    expect(error.get_by_role("link")).to_have_text(expected)
    expect(page.locator("#also-choices-error")).to_have_text(expected)
    expect(page.locator('#office-list input[value="assiut-traffic"]')).to_have_count(0)
    assert_accessible(page)

    # And a third that no office offers with the other two: Continue stays on the services.
    also_need(page, lang, "driving-licence-renewal")
    expected = t("js.error.no_office_together", service=name(lang, "driving-licence-renewal"))
    expect(error.get_by_role("link")).to_have_text(expected)
    continue_from(page, "service")
    expect(error.get_by_role("link")).to_have_text(expected)
    error.get_by_role("link").click()
    expect(page.locator("#also-choices input:checked").first).to_be_focused()


def test_a_trip_over_the_limit_on_booked_services_is_refused_with_the_servers_words(open_page, site):
    """Two services already booked and a trip of two more: over three, refused in Arabic."""
    number = national_id()
    for service in ("passport-new", "civil-certificate"):
        day = httpx.get(
            f"{site.url}/api/v1/offices/dakahlia-mansoura-passports/availability",
            params={"service": service, "from": "2026-12-09", "to": "2026-12-09"},
        ).json()["days"][0]
        start = next(slot["start"] for slot in day["slots"] if slot["remaining"] > 0)
        body = booking_body(start, number=number, service=service, office_id="dakahlia-mansoura-passports")
        assert httpx.post(f"{site.url}/api/v1/bookings", json=body).status_code == 201

    page = open_page("phone")
    page.goto("/?lang=ar")
    choose_service(page, "ar", "driving-licence-renewal", go_on=False)
    also_need(page, "ar", CERTIFICATE)
    continue_from(page, "service")
    book_directly(page, "ar")
    choose_office(page, "ar", "dakahlia-mansoura-traffic")
    choose_first_free_time(page, day_index=2)
    fill_details(page, "ar", national_id=number)
    page.get_by_role("button", name=Translator("ar")("book.submit"), exact=True).click()

    error = page.locator("#form-error")
    expect(error).to_be_focused()
    expect(error).to_contain_text("لا يمكن أن يكون لديك أكثر من ثلاث خدمات")
    assert_accessible(page)


def test_a_cancelled_trip_is_booked_again_with_all_its_services_chosen(open_page, site):
    t = Translator("en")
    services = ["vehicle-licence-renewal", CERTIFICATE]
    day = httpx.get(
        f"{site.url}/api/v1/offices/assiut-traffic/availability",
        params=[("service", code) for code in services] + [("from", "2026-12-10"), ("to", "2026-12-10")],
    ).json()["days"][0]
    start = next(slot["start"] for slot in day["slots"] if slot["remaining"] > 0)
    number = national_id()
    body = booking_body(start, number=number, office_id="assiut-traffic")
    del body["service"]
    made = httpx.post(f"{site.url}/api/v1/bookings", json={**body, "services": services})
    assert made.status_code == 201, made.text
    code = made.json()["code"]
    who = {"X-Identity-Number": number}
    assert httpx.delete(f"{site.url}/api/v1/bookings/{code}", headers=who).is_success

    page = open_page("desktop")  # every step in view (a phone opens at the office, the next to answer)
    page.goto(f"/my-booking?lang=en&code={code}")
    page.get_by_label(t("my.identity"), exact=True).fill(number)
    page.get_by_role("button", name=t("my.find"), exact=True).click()
    expect(page.locator("#book-again-why")).to_contain_text(t("js.my.again_chain"))
    expect(page.locator(".booking-card .chain-visits li")).to_have_count(2)
    page.get_by_role("link", name=t("my.book_again")).click()

    expect(page.get_by_role("radio", name=name("en", CERTIFICATE), exact=True)).to_be_checked()
    licence = page.locator("#also-choices").get_by_role("checkbox", name=name("en", services[0]))
    expect(licence).to_be_checked()
    expect(page.locator("#chain-order li")).to_have_text([name("en", CERTIFICATE), name("en", services[0])])
    # The offices listed offer both.
    expect(page.locator("#office-list input")).not_to_have_count(0)
    for office in page.locator("#office-list input").all():
        assert set(services) <= set(OFFICES[str(office.get_attribute("value"))].services)


def test_a_family_books_one_appointment_for_three_on_a_phone(open_page, site, screenshot):
    """Several people, one appointment, in Arabic at phone width: how many people with the
    service, the others' names and national IDs with the applicant's, one code; the confirmation
    and /my-booking list everyone by name and the last four digits of their number."""
    t = Translator("ar")
    page = open_page("phone")
    page.goto("/?lang=ar")
    choose_service(page, "ar", "driving-licence-renewal", go_on=False)
    page.get_by_label(t("party.size"), exact=True).select_option("3")
    continue_from(page, "service")
    book_directly(page, "ar")
    choose_office(page, "ar", "assiut-traffic")
    choose_first_free_time(page, day_index=3)
    numbers = [national_id() for _ in range(3)]
    fill_identity(page, "ar", national_id=numbers[0])
    rows = page.locator("#party-list > li")
    expect(rows).to_have_count(2)
    others = ["عمر محمود السيد", "ليلى محمود السيد"]
    for row, other, number in zip(rows.all(), others, numbers[1:], strict=True):
        row.get_by_label(t("party.name"), exact=True).fill(other)
        row.get_by_label(t("party.number"), exact=True).fill(number)
    assert_accessible(page)
    screenshot(page, "party-ar-people")
    continue_from(page, "identity")
    fill_contact(page, "ar")
    continue_from(page, "contact")
    expect(page.locator("#review-people li")).to_have_count(2)
    page.get_by_role("button", name=t("book.submit"), exact=True).click()

    expect(page.get_by_role("heading", name=t("done.heading"))).to_be_visible()
    card = page.locator("#confirmation .booking-card")
    listed = card.locator('[data-field="people"] li')
    expect(listed).to_have_count(3)
    expect(listed.nth(1)).to_contain_text(others[0])
    arabic_last4 = numbers[2][-4:].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    expect(listed.nth(2)).to_contain_text(arabic_last4)
    code = card.locator(".code").inner_text()
    booking = stored(site.url, code, numbers[0])
    assert booking["headcount"] == 3 and [p["identity_last4"] for p in booking["people"]] == [
        n[-4:] for n in numbers
    ]
    screenshot(page, "party-ar-confirmation")

    page.get_by_role("link", name=t("card.manage")).click()
    page.get_by_label(t("my.identity"), exact=True).fill(numbers[0])
    page.get_by_role("button", name=t("my.find"), exact=True).click()
    expect(page.locator('#booking-view [data-field="people"] li')).to_have_count(3)
    # One of them cannot come: taken off, their place freed; the others keep the appointment.
    page.get_by_role("button", name=t("js.party.remove_person", name=others[1]), exact=True).click()
    expect(page.locator("#booking-notice")).to_contain_text(others[1])
    expect(page.locator('#booking-view [data-field="people"] li')).to_have_count(2)
    assert stored(site.url, code, numbers[0])["headcount"] == 2
    assert_accessible(page)
