"""The booking page walked one step at a time: on a phone each step is a screen of its own, with
its heading focused, Back, and the step in the address (the browser's Back and Forward and Reload
keep it); on a wide screen the steps open below each other, announced, and Continue moves the
focus. The review shows every answer with a link back to its step and says plainly to check the
identity number; problems are listed as links to their fields (GOV.UK's error summary); the
confirmation says to arrive ten minutes early, on screen and on paper. axe-core finds nothing
serious or critical in any of these states, in Arabic or in English."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator, localise_digits
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
    fill_identity,
)
from tests.browser.request_steps import choose_days, choose_request_path, offices_in_governorate
from tests.integration.helpers import national_id

ARABIC_DIGIT = re.compile(r"[٠-٩]")
SHOWN_STEPS = (
    "() => [...document.querySelectorAll('[data-step]')].filter(s => !s.hidden).map(s => s.dataset.step)"
)
NAME = "منى عبد الرحمن السيد"
PHONE = "01012345678"


def shown_steps(page: Any) -> list[str]:
    return list(page.evaluate(SHOWN_STEPS))


def on_step(page: Any, step: str) -> None:
    """A phone's screen for ``step``: the only step shown, its heading focused, in the address."""
    expect(page.locator(f"#step-{step}")).to_be_visible()
    expect(page.locator(f"#step-{step} .step-heading")).to_be_focused()
    assert shown_steps(page) == [step]
    expect(page).to_have_url(re.compile(rf"[?&]step={step}(&|$)"))


@pytest.mark.parametrize(
    ("lang", "office"), [("ar", "assiut-passports"), ("en", "sharqia-zagazig-passports")]
)
def test_on_a_phone_each_step_is_a_screen_of_its_own_that_back_forward_and_reload_keep(
    open_page, site, screenshot, lang: Lang, office: str
):
    t = Translator(lang)
    page = open_page("phone")
    page.goto(f"/?lang={lang}")
    assert shown_steps(page) == ["service"]
    expect(page.locator("#step-back")).to_be_hidden()
    assert_accessible(page)
    screenshot(page, f"steps-{lang}-1-service")

    choose_service(page, lang, "passport-renewal")
    on_step(page, "mode")
    expect(page.locator("#book-intro")).to_be_hidden()  # the introduction belongs to the first screen
    assert_accessible(page)
    book_directly(page, lang)
    on_step(page, "office")
    assert_accessible(page)
    screenshot(page, f"steps-{lang}-2-office")
    choose_office(page, lang, office)
    on_step(page, "time")
    start = choose_first_free_time(page, go_on=False)
    assert_accessible(page)
    screenshot(page, f"steps-{lang}-3-time")
    continue_from(page, "time")
    on_step(page, "identity")
    number = national_id()
    fill_identity(page, lang, national_id=number)
    assert_accessible(page)
    screenshot(page, f"steps-{lang}-4-identity")
    continue_from(page, "identity")
    on_step(page, "contact")
    fill_contact(page, lang, name=NAME, phone=PHONE)
    assert_accessible(page)
    screenshot(page, f"steps-{lang}-5-contact")

    # Back: the step before, as it was typed; the browser's Back and Forward walk the steps too.
    page.get_by_role("link", name=t("flow.back"), exact=True).click()
    on_step(page, "identity")
    expect(page.get_by_label(t("identity.nid_label"), exact=True)).to_have_value(number)
    page.go_back()
    on_step(page, "time")
    expect(page.locator(f'#book-times input[value="{start}"]')).to_be_checked()
    page.go_forward()
    on_step(page, "identity")
    page.go_forward()
    on_step(page, "contact")
    expect(page.get_by_label(t("details.name"), exact=True)).to_have_value(NAME)

    # Reload keeps the step and every choice; what identifies the person is never kept on the
    # device, so a Reload past the identity step comes back to it, empty.
    page.reload()
    on_step(page, "identity")
    expect(page.get_by_label(t("identity.nid_label"), exact=True)).to_have_value("")
    page.get_by_role("link", name=t("flow.back"), exact=True).click()
    on_step(page, "time")
    page.reload()
    on_step(page, "time")
    expect(page.locator(f'#book-times input[value="{start}"]')).to_be_checked()
    continue_from(page, "time")
    fill_identity(page, lang, national_id=number)
    continue_from(page, "identity")
    fill_contact(page, lang, name=NAME, phone=PHONE)
    continue_from(page, "contact")
    on_step(page, "review")

    # The review: every answer, each with a link back to its step, and the identity number to check.
    review = page.locator("#step-review")
    service = SERVICES["passport-renewal"]
    last4 = localise_digits(number[-4:], lang)
    expect(review.locator("#review-service")).to_have_text(t.pick(service.name_ar, service.name_en))
    expect(review.locator("#review-office")).to_have_text(
        t.pick(OFFICES[office].name_ar, OFFICES[office].name_en)
    )
    expect(review.locator("#review-when")).not_to_have_text("—")
    if lang == "ar":
        expect(review.locator("#review-when")).to_have_text(ARABIC_DIGIT)
    expect(review.locator("#review-identity")).to_have_text(t("js.card.identity_national_id", last4=last4))
    expect(review.locator("#review-name")).to_have_text(NAME)
    expect(review.locator("#review-phone")).to_have_text(PHONE)
    expect(review.locator('[data-review="nationality"]')).to_be_hidden()
    expect(review.locator('[data-review="email"]')).to_be_hidden()  # none given
    expect(review).not_to_contain_text(number)  # the whole number is not shown again
    warning = f"{t('js.review.check_national_id', last4=last4)} {t('js.review.wrong_booking')}"
    expect(review.locator("#review-identity-warning")).to_have_text(warning)
    assert_accessible(page)
    screenshot(page, f"steps-{lang}-6-review")

    # "Change" leads to the step; its Continue leads straight back to the review.
    review.get_by_role("link", name=f"{t('review.change')} {t('review.name')}", exact=True).click()
    on_step(page, "contact")
    page.get_by_label(t("details.email"), exact=True).fill("mona@example.com")
    continue_from(page, "contact")
    on_step(page, "review")
    expect(review.locator("#review-email")).to_have_text("mona@example.com")
    review.get_by_role("link", name=f"{t('review.change')} {t('review.office')}", exact=True).click()
    on_step(page, "office")
    continue_from(page, "office")
    on_step(page, "review")

    page.get_by_role("button", name=t("book.submit"), exact=True).click()
    done = page.locator("#confirmation")
    expect(page.get_by_role("heading", name=t("done.heading"))).to_be_focused()
    expect(done.locator("#arrive-early")).to_have_text(t("done.arrive_early"))
    expect(page).not_to_have_url(re.compile(r"step="))
    assert_accessible(page)
    screenshot(page, f"steps-{lang}-7-confirmation")
    page.emulate_media(media="print")
    expect(done.locator("#arrive-early")).to_be_visible()
    expect(done.locator(".booking-card .code")).to_be_visible()
    screenshot(page, f"steps-{lang}-8-print")
    page.emulate_media(media="screen")

    # Back from the confirmation loads the step before it afresh, with the choices but nothing
    # typed about the person.
    page.go_back()
    on_step(page, "office")
    expect(page.locator("#confirmation")).to_be_hidden()
    expect(page.get_by_label(t("identity.nid_label"), exact=True)).to_have_value("")
    expect(page.get_by_label(t("details.name"), exact=True)).to_have_value("")


@pytest.mark.parametrize(
    ("lang", "office"), [("ar", "cairo-nasr-city-traffic"), ("en", "qalyubia-shubra-traffic")]
)
def test_on_a_wide_screen_a_step_that_opens_is_announced_and_continue_moves_the_focus_to_it(
    open_page, site, screenshot, lang: Lang, office: str
):
    t = Translator(lang)
    page = open_page("desktop")
    page.goto(f"/?lang={lang}")
    assert_accessible(page)
    announcer = page.locator("#step-announcer")

    # Choosing opens the next steps below, says so, and leaves the focus in the group of radios
    # (the arrow keys go on choosing).
    choose_service(page, lang, "vehicle-licence-renewal", go_on=False)
    expect(page.locator("#step-office")).to_be_visible()
    expect(announcer).to_contain_text(t("step.office"))
    assert page.evaluate("document.activeElement.name") == "service"
    continue_from(page, "service")
    expect(page.locator("#step-mode .step-heading")).to_be_focused()
    expect(page.locator("#step-mode .step-heading")).to_be_in_viewport()
    assert shown_steps(page) == ["service", "mode", "office"]  # one page
    assert_accessible(page)
    screenshot(page, f"steps-{lang}-wide-service")
    book_directly(page, lang)
    expect(page.locator("#step-office .step-heading")).to_be_focused()
    choose_office(page, lang, office, go_on=False)
    expect(announcer).to_contain_text(t("step.time"))
    continue_from(page, "office")
    expect(page.locator("#step-time .step-heading")).to_be_focused()
    choose_first_free_time(page, go_on=False)
    expect(announcer).to_contain_text(t("step.identity"))
    continue_from(page, "time")
    expect(page.locator("#step-identity .step-heading")).to_be_focused()
    assert shown_steps(page) == ["service", "mode", "office", "time", "identity", "contact", "review"]

    # Confirming with nothing typed: the summary names each problem as a link to its field, at the
    # top of the first step with one, and takes the focus.
    page.get_by_role("button", name=t("book.submit"), exact=True).click()
    summary = page.locator("#form-error")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text(t("error.summary_title"))
    links = summary.get_by_role("link")
    expect(links).to_have_text(
        [t("js.error.nid_required"), t("js.error.name_required"), t("js.error.phone_required")]
    )
    assert [links.nth(i).get_attribute("href") for i in range(3)] == ["#national_id", "#full_name", "#phone"]
    expect(page.locator("#step-identity #form-error")).to_be_visible()
    expect(page.locator("#phone-error")).to_have_text(t("js.error.phone_required"))
    assert_accessible(page)
    screenshot(page, f"steps-{lang}-wide-errors")
    links.nth(1).click()
    expect(page.get_by_label(t("details.name"), exact=True)).to_be_focused()
    expect(page.get_by_label(t("details.name"), exact=True)).to_be_in_viewport()

    number = national_id()
    fill_identity(page, lang, national_id=number)
    fill_contact(page, lang, name=NAME, phone=PHONE)
    # The review is in view on one page, and follows the typing.
    expect(page.locator("#review-identity")).to_have_text(
        t("js.card.identity_national_id", last4=localise_digits(number[-4:], lang))
    )
    screenshot(page, f"steps-{lang}-wide-review")
    page.get_by_role("button", name=t("book.submit"), exact=True).click()
    expect(page.get_by_role("heading", name=t("done.heading"))).to_be_focused()
    expect(page.locator("#arrive-early")).to_be_visible()
    assert_accessible(page)
    screenshot(page, f"steps-{lang}-wide-confirmation")
    page.emulate_media(media="print")
    expect(page.locator("#arrive-early")).to_be_visible()
    screenshot(page, f"steps-{lang}-wide-print")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_continue_without_an_answer_lists_the_problem_as_a_link_that_focuses_its_field(
    open_page, screenshot, lang: Lang
):
    t = Translator(lang)
    page = open_page("phone")
    page.goto(f"/?lang={lang}")
    continue_from(page, "service")
    summary = page.locator("#form-error")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("tabindex", "-1")
    expect(summary.get_by_role("alert")).to_contain_text(t("js.error.pick_service"))
    link = summary.get_by_role("link", name=t("js.error.pick_service"), exact=True)
    expect(link).to_have_attribute("href", "#service-choices")
    expect(page.locator("#service-choices-error")).to_have_text(t("js.error.pick_service"))
    assert shown_steps(page) == ["service"]
    assert_accessible(page)
    screenshot(page, f"steps-{lang}-error-summary")
    link.click()
    expect(page.locator('input[name="service"]').first).to_be_focused()
    expect(page).not_to_have_url(re.compile("#"))  # the link focuses, the address keeps the step

    choose_service(page, lang, "passport-new")
    expect(summary).to_be_hidden()
    book_directly(page, lang)
    continue_from(page, "office")
    expect(summary.get_by_role("link", name=t("js.error.pick_office"), exact=True)).to_be_visible()
    expect(summary).to_be_focused()
    assert_accessible(page)


@pytest.mark.parametrize(("lang", "width"), [("ar", "phone"), ("en", "desktop")])
def test_the_review_of_a_passport_holder_names_the_passport_and_the_nationality(
    open_page, site, screenshot, lang: Lang, width: str
):
    t = Translator(lang)
    page = open_page(width)
    page.goto(f"/?lang={lang}")
    choose_service(page, lang, "visa-extension")
    book_directly(page, lang)
    choose_office(page, lang, "south-sinai-sharm-immigration")
    choose_first_free_time(page)
    expect(page.get_by_role("radio", name=t("identity.passport"), exact=True)).to_be_checked()
    fill_identity(page, lang, passport=("A12345678", "SDN"))
    continue_from(page, "identity")
    fill_contact(page, lang, name="Amal Osman", phone=PHONE)
    page.get_by_label(t("details.email"), exact=True).fill("amal@example.com")
    continue_from(page, "contact")
    review = page.locator("#step-review")
    expect(review.get_by_role("heading", name=re.compile(t("review.heading")))).to_be_focused()
    last4 = localise_digits("5678", lang)
    expect(review.locator("#review-identity")).to_have_text(t("js.card.identity_passport", last4=last4))
    expect(review.locator("#review-nationality")).to_have_text("السودان" if lang == "ar" else "Sudan")
    expect(review.locator("#review-email")).to_have_text("amal@example.com")
    warning = f"{t('js.review.check_passport', last4=last4)} {t('js.review.wrong_booking')}"
    expect(review.locator("#review-identity-warning")).to_have_text(warning)
    assert_accessible(page)
    screenshot(page, f"steps-{lang}-review-passport")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_request_is_walked_one_step_at_a_time_too_and_reviewed_before_sending(
    open_page, screenshot, lang: Lang
):
    t = Translator(lang)
    page = open_page("phone")
    page.goto(f"/?lang={lang}")
    choose_service(page, lang, "criminal-record-certificate")
    choose_request_path(page, lang)
    on_step(page, "reach")
    assert_accessible(page)
    offices_in_governorate(page, lang, "assiut")
    on_step(page, "window")
    assert_accessible(page)
    choose_days(page, lang, "2026-12-08", "2026-12-10", "morning")
    on_step(page, "identity")
    number = national_id()
    fill_identity(page, lang, national_id=number)
    continue_from(page, "identity")
    fill_contact(page, lang, name=NAME, phone=PHONE)
    continue_from(page, "contact")
    on_step(page, "review")
    review = page.locator("#step-review")
    expect(review.get_by_role("heading", name=re.compile(t("review.heading_request")))).to_be_focused()
    expect(review.locator("#review-time-of-day")).to_have_text(t("js.time_of_day.morning"))
    expect(review.locator('[data-review="office"]')).to_be_hidden()
    warning = t("js.review.wrong_request")
    expect(review.locator("#review-identity-warning")).to_contain_text(warning)
    expect(page.get_by_role("button", name=t("request.submit"), exact=True)).to_be_visible()
    assert_accessible(page)
    screenshot(page, f"steps-{lang}-review-request")
    review.get_by_role("link", name=f"{t('review.change')} {t('review.days')}", exact=True).click()
    on_step(page, "window")
    continue_from(page, "window")
    on_step(page, "review")
