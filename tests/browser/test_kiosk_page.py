"""The kiosk at the office's door in a real Chromium: staff log it in once; a citizen checks in
with a booking code (on the on-screen keys, typed, or from the QR code) or takes a walk-in
ticket with a priority; the ticket prints (one 80 mm page), saying the wait in words a citizen
can keep (an early appointment's time; why there is no figure yet), and the kiosk goes back to
the start, in Arabic; refusals are said in the page's language; axe-core finds nothing serious
on any screen, in either language. Reading help: test_kiosk_reading_help.py; a lost ticket
printed again: test_kiosk_reprint.py.

The kiosk is a tablet standing upright: the tests run at its width ("tablet"), and check that
the others fit."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from booking.services import SERVICES
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import SCREENS
from tests.browser.kiosk_steps import (
    ARABIC_DIGITS,
    COUNT_PRINTS,
    KIOSK,
    RECEIPT_WIDTH,
    SCREEN_PATHS,
    check_in_at_the_kiosk,
    door,
    go,
    open_kiosk,
    type_on_the_keys,
)
from tests.browser.staff_steps import StaffApi, book, expect_login_error, log_in
from tests.browser.test_citizen_pages import UNLABELLED
from tests.integration.hall.conftest import GIZA
from tests.live_server import LiveServer


def test_a_booking_checked_in_at_the_kiosk_prints_its_ticket_and_the_kiosk_starts_over(
    open_page: Callable[..., Any], site: LiveServer, screenshot: Callable[[Any, str], Path]
) -> None:
    code = book(site.url)
    t = Translator("ar")
    page = open_kiosk(open_page, "tablet", "ar")
    door(page, "ar", "kiosk.have_booking").click()
    type_on_the_keys(page, code)
    code_field = page.locator("#screen-check-in").get_by_label(t("kiosk.code_label"), exact=True)
    expect(code_field).to_have_value(code)
    screenshot(page, "kiosk-ar-code-typed")
    page.get_by_role("button", name=t("kiosk.check_in_submit"), exact=True).click()

    ticket = page.locator("#ticket")
    expect(ticket).to_be_visible()
    number = ticket.get_attribute("data-number")
    assert number and number.startswith(SERVICES["passport-new"].ticket_prefix + "-")
    expect(ticket.locator('[data-field="number"]')).to_have_text(number.translate(ARABIC_DIGITS))
    expect(ticket.locator('[data-field="service"]')).to_have_text(SERVICES["passport-new"].name_ar)
    expect(ticket.locator('[data-field="booking"]')).to_have_text(code)
    expect(ticket.locator('[data-field="issued"]')).to_contain_text("٦ ديسمبر ٢٠٢٦")
    # Early: the turn is the slot's time (Arabic-Indic digits), with no count of people waiting now.
    at_the_slot = re.compile(r"^في موعدك، الساعة [٠-٩]{1,2}:[٠-٩]{2}")
    expect(ticket.locator('[data-field="turn"]')).to_have_text(at_the_slot)
    expect(ticket.locator('[data-row="ahead"]')).to_be_hidden()
    expect(ticket.locator('[data-row="wait"]')).to_be_hidden()
    assert page.evaluate("window.printed") == 1
    screenshot(page, "kiosk-ar-ticket")

    page.emulate_media(media="print")
    page.set_viewport_size({"width": RECEIPT_WIDTH, "height": 560})
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("#ticket-notice")).to_be_hidden()
    expect(page.get_by_role("button", name=t("kiosk.done"))).to_be_hidden()
    expect(ticket.locator('[data-field="number"]')).to_be_visible()
    screenshot(page, "kiosk-ar-print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (SCREENS / "kiosk-ar-ticket.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, "the ticket fits on one receipt"

    page.emulate_media(media="screen")
    page.get_by_role("button", name=t("kiosk.done")).click()
    expect(page.locator("#start-title")).to_be_visible()


def test_a_walk_in_with_priority_gets_a_ticket_and_the_next_visitor_is_greeted_in_arabic(
    open_page: Callable[..., Any], screenshot: Callable[[Any, str], Path]
) -> None:
    t = Translator("en")
    page = open_kiosk(open_page, "phone", "en")
    door(page, "en", "kiosk.no_booking").click()
    renewal = SERVICES["passport-renewal"]
    page.get_by_role("radio", name=re.compile(re.escape(renewal.name_en))).check()
    page.get_by_role("radio", name=t("kiosk.priority.pregnancy"), exact=True).check()
    screenshot(page, "kiosk-en-walk-in-chosen")
    page.get_by_role("button", name=t("kiosk.take_ticket"), exact=True).click()

    ticket = page.locator("#ticket")
    expect(ticket.locator('[data-field="service"]')).to_have_text(renewal.name_en)
    expect(ticket.locator('[data-field="priority"]')).to_have_text(t("kiosk.priority.pregnancy"))
    expect(ticket.locator('[data-row="booking"]')).to_be_hidden()
    number = str(ticket.get_attribute("data-number"))
    assert number.startswith(renewal.ticket_prefix + "-")
    expect(ticket.locator('[data-field="number"]')).to_have_text(number)  # Western digits in English
    screenshot(page, "kiosk-en-ticket")

    page.get_by_role("button", name=t("kiosk.done")).click()
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("#start-title")).to_have_text(Translator("ar")("kiosk.start_heading"))


def test_a_ticket_leaves_the_screen_by_itself_after_a_few_seconds(open_page: Callable[..., Any]) -> None:
    page = open_page("tablet")
    page.clock.install()
    page.add_init_script(COUNT_PRINTS)
    page.goto(KIOSK)
    log_in(page, "ar", "kiosk.abbassia")
    page.locator('[data-go="walk-in"]').click()
    page.locator('input[name="service"][value="passport-renewal"]').check()
    page.locator("#walk-in-form [type=submit]").click()
    expect(page.locator("#ticket")).to_be_visible()
    page.clock.fast_forward(13_000)
    expect(page.locator("#start-title")).to_be_visible()
    expect(page.locator("#ticket")).to_be_hidden()


def test_a_visitor_who_walks_away_mid_way_leaves_a_clean_kiosk_for_the_next(
    open_page: Callable[..., Any],
) -> None:
    page = open_page("tablet")
    page.clock.install()
    page.goto(KIOSK)
    log_in(page, "ar", "kiosk.abbassia")
    page.locator('.kiosk-door[data-go="check-in"]').click()
    type_on_the_keys(page, "7KQ2")
    page.clock.fast_forward(30_000)
    expect(page.locator("#check-in-title")).to_be_visible()  # still typing, maybe
    page.clock.fast_forward(31_000)
    expect(page.locator("#start-title")).to_be_visible()
    page.locator('.kiosk-door[data-go="check-in"]').click()
    expect(page.locator("#booking_code")).to_have_value("")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_refusals_are_said_in_the_pages_language(
    open_page: Callable[..., Any], site: LiveServer, screenshot: Callable[[Any, str], Path], lang: Lang
) -> None:
    t = Translator(lang)
    elsewhere = book(site.url, office_id=GIZA)
    tomorrow = book(site.url, day="2026-12-07")
    today = book(site.url)
    page = open_kiosk(open_page, "tablet", lang)
    page.locator('.kiosk-door[data-go="check-in"]').click()
    code = page.locator("#screen-check-in").get_by_label(t("kiosk.code_label"), exact=True)
    submit = page.get_by_role("button", name=t("kiosk.check_in_submit"), exact=True)
    error = page.locator("#check-in-error")

    code.fill("7KQ2")
    submit.click()
    expect(page.locator("#booking_code-error")).to_have_text(t("js.error.code"))

    # A stranger's code must not tell where or when its holder will be: the same words for both.
    refusal = "ليس لهذا المكتب اليوم" if lang == "ar" else "not for this office today"
    for booking in (elsewhere, tomorrow):
        code.fill(booking)
        submit.click()
        expect(error).to_contain_text(refusal)
        expect(error).to_contain_text(booking)
        expect(error).not_to_contain_text("2026-12-07")
        expect(error).not_to_contain_text("الجيزة" if lang == "ar" else "Giza")
    screenshot(page, f"kiosk-{lang}-refused")

    code.fill(today)
    submit.click()
    expect(page.locator("#ticket")).to_be_visible()
    page.get_by_role("button", name=t("kiosk.done")).click()
    page.locator('.kiosk-door[data-go="check-in"]').click()
    page.locator("#booking_code").fill(today)
    page.get_by_role("button", name=Translator("ar")("kiosk.check_in_submit"), exact=True).click()
    expect(error).to_contain_text("تم تسجيل حضور الحجز")  # after a visitor the kiosk speaks Arabic


def test_the_kiosk_takes_only_its_offices_kiosk_account(open_page: Callable[..., Any]) -> None:
    t = Translator("en")
    page = open_page("tablet")
    page.goto(f"{KIOSK}?lang=en")
    log_in(page, "en", "kiosk.abbassia", "not-the-password")
    expect_login_error(page, t("js.login.wrong"))
    log_in(page, "en", "agent.abbassia")
    expect_login_error(page, t("js.login.kiosk_role"))
    page.goto(f"/offices/{GIZA}/kiosk?lang=en")
    log_in(page, "en", "kiosk.abbassia")
    expect_login_error(page, t("js.login.kiosk_role"))


FAKE_CAMERA = """
window.BarcodeDetector = class {
  static async getSupportedFormats() { return ["qr_code"]; }
  async detect() { return window.qrShown ? [{ rawValue: window.qrShown }] : []; }
};
navigator.mediaDevices.getUserMedia = async () => {
  const canvas = Object.assign(document.createElement("canvas"), { width: 64, height: 48 });
  canvas.getContext("2d").fillRect(0, 0, 64, 48);
  return canvas.captureStream();
};
"""


def test_a_qr_code_shown_to_the_camera_checks_the_booking_in(
    open_page: Callable[..., Any], site: LiveServer
) -> None:
    """Linux Chromium has no BarcodeDetector, so the test gives the page one (and a camera):
    what is tested is the kiosk's use of them, the detector itself is the browser's."""
    code = book(site.url)
    t = Translator("ar")
    page = open_page("tablet")
    page.add_init_script(FAKE_CAMERA + COUNT_PRINTS)
    page.goto(KIOSK)
    log_in(page, "ar", "kiosk.abbassia")
    page.locator('.kiosk-door[data-go="check-in"]').click()
    page.get_by_role("button", name=t("kiosk.scan"), exact=True).click()
    expect(page.locator("#scan-status")).to_have_text(t("js.kiosk.scan_hint"))
    page.evaluate(f"window.qrShown = {code!r}")
    expect(page.locator('#ticket [data-field="booking"]')).to_have_text(code)
    assert page.evaluate("window.printed") == 1


def test_without_a_barcode_detector_there_is_no_scan_button(open_page: Callable[..., Any]) -> None:
    page = open_kiosk(open_page, "tablet", "ar")
    page.locator('.kiosk-door[data-go="check-in"]').click()
    expect(page.locator("#check-in-form .keypad")).to_be_visible()
    expect(page.get_by_role("button", name=Translator("ar")("kiosk.scan"))).to_have_count(0)


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("width", ["phone", "tablet", "desktop"])
def test_each_kiosk_screen_fits_its_width_labels_every_control_and_passes_axe(
    open_page: Callable[..., Any], screenshot: Callable[[Any, str], Path], width: str, lang: Lang
) -> None:
    page = open_page(width)
    page.goto(f"{KIOSK}?lang={lang}")
    assert_accessible(page)
    screenshot(page, f"kiosk-{lang}-login")
    log_in(page, lang, "kiosk.abbassia")
    expect(page.locator("#screen-start")).to_be_visible()
    for screen, path in SCREEN_PATHS.items():
        page.reload()  # the tab keeps the kiosk's token: back at the start
        expect(page.locator("#screen-start")).to_be_visible()
        go(page, *path)
        expect(page.locator(".kiosk-tools")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), screen
        assert page.evaluate(UNLABELLED) == [], screen
        assert_accessible(page)
        screenshot(page, f"kiosk-{lang}-{screen}")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_citizen_without_the_code_has_it_texted_and_is_back_at_the_code_screen(
    open_page: Callable[..., Any], lang: Lang
) -> None:
    t = Translator(lang)
    page = open_kiosk(open_page, "tablet", lang)
    door(page, lang, "kiosk.have_booking").click()
    page.get_by_role("button", name=t("kiosk.lost_code"), exact=True).click()
    expect(page.locator("#recover-title")).to_be_focused()

    page.get_by_role("button", name=t("recover.submit"), exact=True).click()  # nothing typed yet
    expect(page.locator("#kiosk_national_id-error")).to_have_text(t("js.error.required"))

    for digit in "29001010112345":  # on the screen's keys: the cursor moves on to the mobile
        page.locator(f'#kiosk-recover-form [data-digit="{digit}"]').click()
    for digit in "01012345678":
        page.locator(f'#kiosk-recover-form [data-digit="{digit}"]').click()
    expect(page.get_by_label(t("identity.nid_label"), exact=True)).to_have_value("29001010112345")
    expect(page.get_by_label(t("recover.phone"), exact=True)).to_have_value("01012345678")
    page.get_by_role("button", name=t("recover.submit"), exact=True).click()

    expect(page.locator("#check-in-title")).to_be_visible()
    expect(page.locator("#recover-done")).to_have_text(t("js.kiosk.recover_sent"))


# -- the wait, in words a citizen can keep ---------------------------------------------------


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_an_early_appointment_is_told_its_time_and_no_count_of_the_people_waiting_now(
    open_page: Callable[..., Any], site: LiveServer, screenshot: Callable[[Any, str], Path], lang: Lang
) -> None:
    t = Translator(lang)
    StaffApi(site.url, "kiosk.abbassia").walk_in("passport-new")  # someone is waiting already
    code = book(site.url)  # the first free slot, an hour or more away
    page = open_kiosk(open_page, "tablet", lang)
    ticket = check_in_at_the_kiosk(page, lang, code)
    expect(ticket.locator('[data-row="turn"] dt')).to_have_text(t("ticket.turn"))
    turn = ticket.locator('[data-field="turn"]')
    if lang == "ar":
        expect(turn).to_have_text(re.compile(r"^في موعدك، الساعة [٠-٩]{1,2}:[٠-٩]{2} ص$"))
    else:
        expect(turn).to_have_text(re.compile(r"^At your appointment time, \d{1,2}:\d{2}$"))
    for row in ("ahead", "wait", "appointment"):  # no count, no minutes, no second copy of the time
        expect(ticket.locator(f'[data-row="{row}"]')).to_be_hidden()
    assert_accessible(page)
    screenshot(page, f"kiosk-{lang}-ticket-early-appointment")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_walk_in_with_no_counter_open_for_its_service_is_told_so_instead_of_a_figure(
    open_page: Callable[..., Any], site: LiveServer, screenshot: Callable[[Any, str], Path], lang: Lang
) -> None:
    t = Translator(lang)
    StaffApi(site.url, "kiosk.abbassia").walk_in("passport-renewal")  # no browser test opens its desks
    page = open_kiosk(open_page, "tablet", lang)
    door(page, lang, "kiosk.no_booking").click()
    expect(page.locator('[data-waiting-for="passport-renewal"]')).to_contain_text(
        t("js.kiosk.no_counter_open")
    )
    page.locator('input[name="service"][value="passport-renewal"]').check()
    page.get_by_role("button", name=t("kiosk.take_ticket"), exact=True).click()
    ticket = page.locator("#ticket")
    expect(ticket.locator('[data-field="wait"]')).to_have_text(t("js.ticket.wait_unknown"))
    expect(ticket.locator('[data-field="note"]')).to_have_text(t("js.ticket.why_no_counter"))
    a_count = re.compile(r"^[٠-٩]+$" if lang == "ar" else r"^\d+$")
    expect(ticket.locator('[data-field="ahead"]')).to_have_text(a_count)
    expect(ticket.locator('[data-row="turn"]')).to_be_hidden()
    assert_accessible(page)
    screenshot(page, f"kiosk-{lang}-ticket-no-counter")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_ticket_taken_before_the_office_opens_says_when_it_opens(
    open_page: Callable[..., Any], screenshot: Callable[[Any, str], Path], lang: Lang
) -> None:
    """The site's clock stands at 08:00, the opening itself, so the server's answer for a ticket
    taken earlier (its unit tests: tests/unit/queue_display/test_kiosk.py) is put in its place:
    what is tested here is how the page says it."""
    t = Translator(lang)

    def before_opening(route: Any) -> None:
        answer = route.fetch()
        body = answer.json()
        body["wait"] = {
            "basis": "before_opening", "minutes": None, "ahead": 3, "turn_at": None,
            "opens_at": "2026-12-06T08:00:00+02:00",
        }  # fmt: skip
        route.fulfill(response=answer, json=body)

    page = open_kiosk(open_page, "tablet", lang)
    page.route("**/api/v1/offices/*/tickets", before_opening)
    door(page, lang, "kiosk.no_booking").click()
    page.locator('input[name="service"][value="passport-renewal"]').check()
    page.get_by_role("button", name=t("kiosk.take_ticket"), exact=True).click()
    ticket = page.locator("#ticket")
    note = ticket.locator('[data-field="note"]')
    expect(note).to_contain_text("يفتح المكتب الساعة ٨:٠٠ ص" if lang == "ar" else "The office opens at 8:00")
    expect(ticket.locator('[data-field="ahead"]')).to_have_text("٣" if lang == "ar" else "3")
    expect(ticket.locator('[data-field="wait"]')).to_have_text(t("js.ticket.wait_unknown"))
    assert_accessible(page)
    screenshot(page, f"kiosk-{lang}-ticket-before-opening")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_booking_of_two_services_prints_one_ticket_listing_both_in_the_order_served(
    open_page: Callable[..., Any], site: LiveServer, screenshot: Callable[[Any, str], Path], lang: Lang
) -> None:
    """One trip, two services (issue 14): one number, and the ticket lists the services in the
    order the office serves them (the certificate first), each with its time."""
    t = Translator(lang)
    code = book(site.url, service="passport-renewal", also=("criminal-record-certificate",))
    page = open_kiosk(open_page, "tablet", lang)
    ticket = check_in_at_the_kiosk(page, lang, code)
    first, second = SERVICES["criminal-record-certificate"], SERVICES["passport-renewal"]
    number = ticket.get_attribute("data-number")
    assert number and number.startswith(first.ticket_prefix + "-")  # numbered by the first served
    expect(ticket.locator('[data-field="service"]')).to_have_text(getattr(first, f"name_{lang}"))
    expect(ticket.locator('[data-row="visits"] dt')).to_have_text(t("ticket.visits"))
    visits = ticket.locator('[data-field="visits"] li')
    expect(visits).to_have_count(2)
    digits = "[٠-٩]" if lang == "ar" else r"\d"
    for n, service in enumerate((first, second)):
        expect(visits.nth(n)).to_contain_text(getattr(service, f"name_{lang}"))
        expect(visits.nth(n)).to_have_text(re.compile(f"{digits}{{1,2}}:{digits}{{2}}"))
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    page.set_viewport_size({"width": RECEIPT_WIDTH, "height": 640})
    expect(ticket.locator('[data-row="visits"]')).to_be_visible()  # on the print-out too
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, "the ticket still fits on one receipt"
    page.emulate_media(media="screen")
    assert_accessible(page)
    screenshot(page, f"kiosk-{lang}-ticket-two-services")
