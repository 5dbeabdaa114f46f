"""The counter console in a real Chromium: a clerk logs in, picks a counter, opens it, calls the
next ticket — which the hall's display shows — and serves it, with buttons or keys; transfers;
"Did not come" kept off until the citizen had a fair chance; the ticket's actions always in
sight, however long its documents; waiting figures that follow the hall live; a reload that
carries on; and a step the server refuses, explained in the page's language. Every state is
checked with axe-core in both languages.

Each test works its own counter of the Abbassia office's certificate desks (13–16) and leaves
nobody waiting, so the tests never call each other's tickets (the kiosk tests use passports).
This server keeps the office's default no-show rule (two recalls, three minutes): the undo and a
no-show actually sent are in test_counter_no_show.py, on a server whose rule asks no minutes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator, localise_digits
from booking.services import SERVICES
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import SCREENS, site_env
from tests.browser.staff_steps import StaffApi, expect_login_error, log_in
from tests.browser.test_citizen_pages import UNLABELLED
from tests.integration.hall.conftest import ABBASSIA
from tests.live_server import LiveServer, live_server

CONSOLE = "/staff/counter"
CIVIL, CRIMINAL = "civil-certificate", "criminal-record-certificate"


@pytest.fixture(scope="module")
def site(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server of this module's own (``open_page`` follows it): its tests count who waits at
    Abbassia's certificate desks and call the next ticket there, which tickets other modules leave
    on the shared server would change (seen once in a full run: three waiting where one was)."""
    with live_server(site_env(tmp_path_factory.mktemp("console-site"), sqlite_template)) as server:
        yield server


def open_desk(open_page: Callable[..., Any], width: str, lang: Lang, label: str) -> Any:
    """The console logged in as the Abbassia agent, at counter ``label``."""
    page = open_page(width)
    page.goto(f"{CONSOLE}?lang={lang}")
    log_in(page, lang, "agent.abbassia")
    choose_counter(page, lang, label)
    return page


def choose_counter(page: Any, lang: Lang, label: str) -> None:
    t = Translator(lang)
    name = t("js.counter.label", label=localise_digits(label, lang))
    page.get_by_role("radio", name=re.compile(rf"^{re.escape(name)}\s")).check()
    page.get_by_role("button", name=t("counter.start"), exact=True).click()
    expect(page.locator("#desk-title")).to_have_text(name)


def open_counter(page: Any, lang: Lang) -> None:
    t = Translator(lang)
    button = page.get_by_role("button", name=t("counter.open"), exact=True)
    button.click()
    expect(field(page, "status")).to_have_text(t("js.counter.status.open"))
    expect(button).to_have_attribute("aria-pressed", "true")
    # The feed may say "open" before the page's own step is over: keys wait for the buttons.
    expect(page.get_by_role("button", name=t("counter.call_next"), exact=True)).to_be_enabled()


def field(page: Any, name: str) -> Any:
    """A slot the desk fills (number, service, state, documents…)."""
    return page.locator(f'#screen-desk [data-field="{name}"]')


def shown_number(number: str, lang: Lang) -> str:
    return localise_digits(number, lang)


def in_sentence(number: str, lang: Lang) -> str:
    """A ticket number as the console puts it in a sentence: isolated, in the page's digits."""
    return f"\u2068{localise_digits(number, lang)}\u2069"


def test_a_clerk_calls_the_next_ticket_the_hall_sees_it_and_the_clerk_serves_it(
    open_page: Callable[..., Any], site: LiveServer, screenshot: Callable[[Any, str], Path]
) -> None:
    t = Translator("ar")
    hall = open_page("desktop")
    hall.goto(f"/offices/{ABBASSIA}/display")
    hall.wait_for_selector('body[data-connection="live"]')
    issued = StaffApi(site.url, "kiosk.abbassia").walk_in(CIVIL)

    page = open_desk(open_page, "desktop", "ar", "13")
    expect(field(page, "status")).to_have_text(t("js.counter.status.closed"))
    expect(page.get_by_role("button", name=t("counter.call_next"), exact=True)).to_be_disabled()
    assert_accessible(page)  # the status badge carries no ARIA of a button (aria-allowed-attr)
    open_counter(page, "ar")
    expect(page.locator(f'#waiting-rows [data-service="{CIVIL}"] .count')).to_have_text("١")
    assert_accessible(page)
    screenshot(page, "counter-ar-open")

    page.get_by_role("button", name=t("counter.call_next"), exact=True).click()
    number = issued["number"]
    notice = page.locator("#desk-notice")
    expect(field(page, "number")).to_have_text(shown_number(number, "ar"))
    expect(notice).to_have_text(t("js.counter.called", number=in_sentence(number, "ar")))
    expect(field(page, "service")).to_have_text(SERVICES[CIVIL].name_ar)
    expect(field(page, "documents")).to_contain_text(SERVICES[CIVIL].documents_ar[0])
    hall_row = hall.locator(f'.serving-row[data-number="{number}"]')
    expect(hall_row).to_be_visible()
    expect(hall_row.locator('[data-field="counter-en"]')).to_have_text("13")
    assert_accessible(page)
    window_shot(page, "counter-ar-called")
    screenshot(hall, "counter-display-called")

    page.keyboard.press("KeyS")  # start
    expect(field(page, "state")).to_have_text(t("js.ticket.status.serving"))
    expect(page.get_by_role("button", name=t("counter.complete"), exact=True)).to_be_enabled()
    window_shot(page, "counter-ar-serving")
    page.keyboard.press("KeyD")  # done
    expect(notice).to_have_text(t("js.counter.completed", number=in_sentence(number, "ar")))
    expect(page.locator("[data-empty]")).to_be_visible()
    expect(hall_row).to_have_count(0)
    expect(page.get_by_role("button", name=t("counter.call_next"), exact=True)).to_be_enabled()


def test_a_clerk_calls_again_transfers_and_may_not_mark_a_no_show_too_soon_in_english(
    open_page: Callable[..., Any], site: LiveServer, screenshot: Callable[[Any, str], Path]
) -> None:
    t = Translator("en")
    issued = StaffApi(site.url, "kiosk.abbassia").walk_in(CIVIL, priority="elderly")
    page = open_desk(open_page, "tablet", "en", "14")
    open_counter(page, "en")
    page.keyboard.press("KeyN")
    number = issued["number"]
    expect(field(page, "number")).to_have_text(number)
    expect(field(page, "priority")).to_have_text(t("js.ticket.priority.elderly"))
    page.get_by_role("button", name=t("counter.recall"), exact=True).click()
    expect(field(page, "meta")).to_contain_text(t("js.ticket.recalls", n=1))

    page.get_by_role("button", name=t("counter.transfer"), exact=True).click()
    dialog = page.get_by_role("dialog", name=t("counter.transfer_heading"))
    expect(dialog).to_be_visible()
    dialog.get_by_label(t("counter.transfer_service")).select_option(CRIMINAL)
    screenshot(page, "counter-en-transfer")
    dialog.get_by_role("button", name=t("counter.transfer_confirm"), exact=True).click()
    notice = page.locator("#desk-notice")
    moved = t("js.counter.transferred", number=in_sentence(number, "en"), service=SERVICES[CRIMINAL].name_en)
    expect(notice).to_have_text(moved)
    expect(page.locator(f'#waiting-rows [data-service="{CRIMINAL}"] .count')).to_have_text("1")

    page.keyboard.press("KeyN")  # the same number comes back, for its new service
    expect(field(page, "service")).to_have_text(SERVICES[CRIMINAL].name_en)
    expect(field(page, "number")).to_have_text(number)
    no_show = page.get_by_role("button", name=t("counter.no_show"), exact=True)
    expect(no_show).to_be_disabled()
    page.keyboard.press("KeyX")  # a disabled button ignores its key
    expect(field(page, "state")).to_have_text(t("js.ticket.status.called"))
    expect(page.locator("#no-show-rule")).to_contain_text("after calling again twice and from")
    assert_accessible(page)
    page.keyboard.press("KeyS")
    expect(field(page, "state")).to_have_text(t("js.ticket.status.serving"))
    page.keyboard.press("KeyD")
    expect(page.locator("[data-empty]")).to_be_visible()


def test_the_waiting_figures_follow_the_hall_and_a_reload_carries_on_with_the_ticket(
    open_page: Callable[..., Any], site: LiveServer
) -> None:
    t = Translator("ar")
    page = open_desk(open_page, "desktop", "ar", "15")
    open_counter(page, "ar")
    count = page.locator(f'#waiting-rows [data-service="{CIVIL}"] .count')
    expect(page.locator(".desk-waiting .connection")).to_have_attribute("data-connection", "live")
    expect(count).to_have_text("٠")
    issued = StaffApi(site.url, "kiosk.abbassia").walk_in(CIVIL)
    expect(count).to_have_text("١")  # pushed by the feed: the page asked nothing
    page.get_by_role("button", name=t("counter.call_next"), exact=True).click()
    expect(count).to_have_text("٠")

    page.reload()
    expect(field(page, "number")).to_have_text(shown_number(issued["number"], "ar"))
    expect(field(page, "status")).to_have_text(t("js.counter.status.open"))

    agent = StaffApi(site.url, "agent.abbassia")
    agent.post(f"/tickets/{issued['ticket_id']}/start")  # from another desk: the feed tells this one
    agent.post(f"/tickets/{issued['ticket_id']}/complete")
    expect(page.locator("[data-empty]")).to_be_visible()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_step_the_server_refuses_is_explained_in_the_pages_language(
    open_page: Callable[..., Any], site: LiveServer, screenshot: Callable[[Any, str], Path], lang: Lang
) -> None:
    """With its feed cut, the console cannot know a ticket was started elsewhere; the server
    refuses the start, the console says why, and shows the ticket as it really is."""
    t = Translator(lang)
    page = open_desk(open_page, "desktop", lang, "16")
    open_counter(page, lang)
    issued = StaffApi(site.url, "kiosk.abbassia").walk_in(CRIMINAL)
    page.get_by_role("button", name=t("counter.call_next"), exact=True).click()
    expect(field(page, "state")).to_have_text(t("js.ticket.status.called"))
    page.route_web_socket(re.compile(r".*/ws/.*"), lambda socket: None)  # later sockets hear nothing
    page.reload()
    agent = StaffApi(site.url, "agent.abbassia")
    agent.post(f"/tickets/{issued['ticket_id']}/start")
    try:
        page.get_by_role("button", name=t("counter.start_service"), exact=True).click()
        refusal = page.locator("#desk-error")
        expect(refusal).to_contain_text(issued["number"])
        expect(refusal).to_contain_text("ولا يمكن بدء خدمتها" if lang == "ar" else "it cannot be started")
        expect(field(page, "state")).to_have_text(t("js.ticket.status.serving"))
        assert_accessible(page)
        window_shot(page, f"counter-{lang}-refused")
    finally:
        agent.post(f"/tickets/{issued['ticket_id']}/complete")  # the counter is free for the next test


def test_the_console_takes_counter_staff_only(open_page: Callable[..., Any]) -> None:
    t = Translator("ar")
    page = open_page("phone")
    page.goto(CONSOLE)
    log_in(page, "ar", "agent.abbassia", "wrong-password")
    expect_login_error(page, t("js.login.wrong"))
    log_in(page, "ar", "kiosk.abbassia")
    expect_login_error(page, t("js.login.counter_role"))


def window_shot(page: Any, name: str) -> Path:
    """The console's window as the clerk sees it (test-output/screens/NAME-WIDTH.png): a whole-page
    capture would draw the actions bar, which sticks to the window's bottom, over the ticket."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"{name}-{page.viewport_size['width']}.png"
    page.screenshot(path=str(path), animations="disabled")
    return path


def fits_and_labels(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
    assert page.evaluate(UNLABELLED) == []


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("width", ["phone", "tablet", "desktop"])
def test_each_console_screen_fits_its_width_and_labels_every_control(
    open_page: Callable[..., Any], screenshot: Callable[[Any, str], Path], width: str, lang: Lang
) -> None:
    t = Translator(lang)
    page = open_page(width)
    page.goto(f"{CONSOLE}?lang={lang}")
    screenshot(page, f"counter-{lang}-login")
    log_in(page, lang, "agent.abbassia")
    expect(page.locator("#counter-list input").first).to_be_visible()
    screenshot(page, f"counter-{lang}-setup")
    fits_and_labels(page)
    choose_counter(page, lang, "16")
    fits_and_labels(page)
    screenshot(page, f"counter-{lang}-desk")
    page.get_by_role("button", name=t("staff.logout"), exact=True).first.click()
    expect(page.locator("#login-title")).to_be_visible()


@pytest.mark.parametrize("lang", ["ar"])
def test_a_clerk_books_for_a_citizen_on_the_phone_from_the_desk_page(
    open_page: Callable[..., Any], lang: Lang
) -> None:
    """The clerk's desk (/staff/desk): log in, choose a time the office offers, type the citizen's
    details and book; the code is on the screen and the booking is the phone line's."""
    t = Translator(lang)
    page = open_page("desktop")
    page.goto(f"/staff/desk?lang={lang}")
    log_in(page, lang, "clerk.abbassia")
    expect(page.locator("#book-title")).to_be_focused()
    page.get_by_label(t("desk.channel_phone")).check()
    page.get_by_label(t("desk.service"), exact=True).select_option("passport-renewal")
    page.get_by_label(t("desk.day"), exact=True).fill("2026-12-07")
    page.get_by_role("button", name=t("desk.show_times"), exact=True).click()
    page.locator('input[name="start"]:not([disabled])').first.check()
    page.get_by_label(t("desk.number"), exact=True).fill("29001010199871")
    page.get_by_label(t("desk.full_name"), exact=True).fill("منى عبد الرحمن السيد")
    page.get_by_label(t("desk.phone"), exact=True).fill("01012345678")
    assert_accessible(page)
    page.get_by_role("button", name=t("desk.book"), exact=True).click()
    expect(page.locator("#done-title")).to_be_focused()
    done = page.locator("#done-text").inner_text()
    code = re.search(r"[A-Z0-9]{8}", done)
    assert code is not None, done
    booking = page.request.get(
        f"/api/v1/bookings/{code.group(0)}", headers={"X-Identity-Number": "29001010199871"}
    )
    assert booking.json()["channel"] == "phone"
    assert_accessible(page)
