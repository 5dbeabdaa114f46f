"""What a citizen does on the booking page, step by step, found the way a person finds it: by
the visible label in the page's language (so a missing label fails the test).

Each step ends as a citizen ends it, with the step's Continue: on a phone that is the only way to
the next screen, on a wider screen it moves the focus to the next step (which is already open)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from booking.demo import DEMO_OFFICES
from booking.services import SERVICES

OFFICES = {office.id: office for office in DEMO_OFFICES}


def continue_from(page: Any, step: str) -> None:
    """The step's own Continue button (named in the page's language, found in the step)."""
    lang = page.locator("html").get_attribute("lang")
    page.locator(f"#step-{step}").get_by_role(
        "button", name=Translator(lang)("flow.continue"), exact=True
    ).click()


def choose_service(page: Any, lang: Lang, code: str, *, go_on: bool = True) -> None:
    t = Translator(lang)
    service = SERVICES[code]
    page.get_by_role("radio", name=t.pick(service.name_ar, service.name_en), exact=True).check()
    documents = service.documents_ar if lang == "ar" else service.documents_en
    expect(page.locator(f'[data-documents-for="{code}"]')).to_contain_text(documents[0])
    if go_on:
        continue_from(page, "service")


def book_directly(page: Any, lang: Lang) -> None:
    """How to book: "I choose the office and the time" (the first path, chosen already)."""
    page.get_by_role("radio", name=Translator(lang)("mode.direct"), exact=True).check()
    continue_from(page, "mode")


def choose_office(page: Any, lang: Lang, office_id: str, *, go_on: bool = True) -> None:
    t = Translator(lang)
    office = OFFICES[office_id]
    step = page.locator("#step-office")  # the request's offices step has a governorate list too
    step.get_by_label(t("office.governorate"), exact=True).select_option(office.governorate)
    step.get_by_role("radio", name=t.pick(office.name_ar, office.name_en), exact=True).check()
    if go_on:
        continue_from(page, "office")


def choose_first_free_time(
    page: Any, picker: str = "#book-picker", day_index: int = 0, *, go_on: bool = True
) -> str:
    """Pick the ``day_index``-th day with room and its first free time; returns the slot's start.
    On the booking page (``#book-picker``) the step then goes on."""
    days = page.locator(f"{picker} [data-days] input:not([disabled])")
    expect(days.first).to_be_visible()
    days.nth(day_index).check()
    first_time = page.locator(f"{picker} [data-times] input:not([disabled])").first
    first_time.check()
    if go_on and picker == "#book-picker":
        continue_from(page, "time")
    return str(first_time.get_attribute("value"))


def fill_identity(
    page: Any, lang: Lang, *, national_id: str | None = None, passport: tuple[str, str] | None = None
) -> None:
    t = Translator(lang)
    if passport:
        page.get_by_role("radio", name=t("identity.passport"), exact=True).check()
        page.get_by_label(t("identity.passport_label"), exact=True).fill(passport[0])
        page.get_by_label(t("identity.nationality"), exact=True).select_option(passport[1])
    else:
        page.get_by_role("radio", name=t("identity.national_id"), exact=True).check()
        page.get_by_label(t("identity.nid_label"), exact=True).fill(national_id or "")


def fill_contact(
    page: Any, lang: Lang, *, name: str = "منى عبد الرحمن السيد", phone: str = "01012345678"
) -> None:
    t = Translator(lang)
    page.get_by_label(t("details.name"), exact=True).fill(name)
    page.get_by_label(t("details.phone"), exact=True).fill(phone)


def fill_details(
    page: Any,
    lang: Lang,
    *,
    national_id: str | None = None,
    passport: tuple[str, str] | None = None,
    name: str = "منى عبد الرحمن السيد",
    phone: str = "01012345678",
) -> None:
    """The identity step and the name-and-mobile step, each with its Continue: on to the review."""
    fill_identity(page, lang, national_id=national_id, passport=passport)
    continue_from(page, "identity")
    fill_contact(page, lang, name=name, phone=phone)
    continue_from(page, "contact")


def tab_to(page: Any, selector: str, presses: int = 80) -> None:
    """Press Tab until ``selector`` has the focus: reachable by keyboard, in a sensible order."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")
