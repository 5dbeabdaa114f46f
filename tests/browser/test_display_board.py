"""The hall's call display as issue 12 asked for it, in a real Chromium, at the hall's 1920×1080 TV
and on a phone. The display speaks both languages at once, so each screenshot shows both:

- every count and time stands once per language line, Arabic-Indic digits over Western ones,
  never side by side ("٦ 6" reads "66" from the back of the hall);
- service names are sized for a TV read from 10 m, and a waiting table longer than its panel
  turns pages instead of losing its last row below the edge;
- where no open counter serves a service, the row says "no counter open" in words;
- the "tap for sound" bubble goes once the sound is on, and after a minute in any case;
- on a phone the page does not scroll sideways.

The Assiut passport office is this file's own: no other test works its queue."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from booking.services import SERVICES
from tests.browser.accessibility import assert_accessible
from tests.browser.test_display_page import Admin, wait_live
from tests.live_server import LiveServer

OFFICE = "assiut-passports"
NEW, RENEWAL, REPLACEMENT, CRIMINAL, CIVIL = (
    "passport-new",
    "passport-renewal",
    "passport-replacement",
    "criminal-record-certificate",
    "civil-certificate",
)
WAITING = {NEW: 3, RENEWAL: 6, REPLACEMENT: 1, CRIMINAL: 11, CIVIL: 2}
"""Walk-ins per service; only new passports (counter 1) and certificates (counter 7) are served."""
ROWS = {*WAITING, "document-collection"}
"""The board's rows: a row for every service of the office, the pick-up lane's with nobody waiting."""
TV = {"width": 1920, "height": 1080}
WESTERN, INDIC = re.compile("[0-9]"), re.compile("[٠-٩]")


@pytest.fixture(scope="module")
def hall(site: LiveServer) -> Admin:
    """The office with people waiting for all five services and counters open for two of them."""
    admin = Admin(site.url, OFFICE)
    office = admin.http.get(f"/api/v1/offices/{OFFICE}").json()
    for label, service in (("1", NEW), ("7", CIVIL)):  # each calls one citizen: now serving
        counter = next(str(c["id"]) for c in office["counters"] if c["label"] == label)
        admin.post(f"/counters/{counter}/status", status="open")
        admin.post("/tickets", service=service)
        admin.post(f"/counters/{counter}/call-next")
    for service, count in WAITING.items():
        for _ in range(count):
            admin.post("/tickets", service=service)
    return admin


def open_board(open_page: Callable[..., Any], viewport: dict[str, int] | None = None) -> Any:
    page = open_page("desktop")
    if viewport:
        page.set_viewport_size(viewport)
    page.goto(f"/offices/{OFFICE}/display")
    wait_live(page)
    return page


def waiting_row(page: Any, service: str) -> Any:
    return page.locator(f'[data-list="waiting"] tr[data-service="{service}"]')


def box(locator: Any) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not on the screen"
    return found  # type: ignore[no-any-return]


def each_line_in_its_own_digits(page: Any) -> None:
    """Arabic lines carry only Arabic-Indic digits, English lines only Western ones, and a count
    stands above its other self, never beside it."""
    for text in page.locator(".board .ar:visible, .display-head .ar").all_inner_texts():
        assert not WESTERN.search(text), f"Western digits in an Arabic line: {text!r}"
    for text in page.locator(".board .en:visible, .display-head .en").all_inner_texts():
        assert not INDIC.search(text), f"Arabic-Indic digits in an English line: {text!r}"
    rows = '[data-list="waiting"] tr:visible'
    cells = page.locator(f"{rows} .cell-count, {rows} .cell-estimate")
    for index in range(cells.count()):
        arabic, english = box(cells.nth(index).locator(".ar")), box(cells.nth(index).locator(".en"))
        assert below(english, arabic), "the two digit systems share a line"
    assert below(box(page.locator('[data-clock="en"]')), box(page.locator('[data-clock="ar"]'))), "the clock"


def below(lower: dict[str, float], upper: dict[str, float]) -> bool:
    """``lower``'s line is under ``upper``'s: its middle is past ``upper``'s bottom."""
    return lower["y"] + lower["height"] / 2 > upper["y"] + upper["height"]


def test_the_tv_board_reads_from_the_back_of_the_hall_and_pages_what_does_not_fit(
    open_page: Callable[..., Any], hall: Admin, screenshot: Callable[[Any, str], Path]
) -> None:
    page = open_board(open_page, TV)
    for service, count in WAITING.items():
        expect(waiting_row(page, service).locator('[data-field="count-en"]')).to_have_count(1)
        assert page.evaluate(f"window.mawidDisplay.state.waiting[{service!r}]") == count

    sizes = page.evaluate("""() => {
      const px = (selector) => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize);
      return {
        arabic: px('[data-list="waiting"] .cell-service .ar'),
        english: px('[data-list="waiting"] .cell-service .en'),
        count: px('[data-list="waiting"] .cell-count .ar'),
        number: px('[data-list="serving"] .cell-number .ar'),
      };
    }""")
    assert sizes["arabic"] >= 44 and sizes["english"] >= 30, sizes  # were 26 and 18 px
    assert sizes["count"] >= 60 and sizes["number"] >= 70, sizes

    # However many pages, every service shows on one of them, and no row is ever cut off.
    panel = page.locator(".panel-waiting")
    pages = page.evaluate("window.mawidDisplay.pagers.waiting.pages.length")
    seen: set[str] = set()
    for turn in range(pages):
        bottom = box(panel)["y"] + box(panel)["height"]
        rows = page.locator('[data-list="waiting"] tr:visible')
        assert rows.count() > 0
        for index in range(rows.count()):
            row = rows.nth(index)
            cut = f"{row.get_attribute('data-service')} is cut off"
            assert box(row)["y"] + box(row)["height"] <= bottom, cut
            seen.add(str(row.get_attribute("data-service")))
        each_line_in_its_own_digits(page)
        if turn == 0:
            assert_accessible(page)
            screenshot(page, "display-tv-ar-en")
        page.evaluate("window.mawidDisplay.pagers.waiting.next()")
    assert seen == ROWS
    if pages > 1:
        expect(page.locator('[data-pages="waiting"]')).to_be_visible()


def test_a_service_no_open_counter_serves_says_so_in_words(
    open_page: Callable[..., Any], hall: Admin
) -> None:
    page = open_board(open_page, TV)
    page.evaluate("(pager => { pager.pages = [[0, 99]]; pager.show(); })(window.mawidDisplay.pagers.waiting)")
    for service in (RENEWAL, REPLACEMENT):  # six and one people, and nobody to call them
        row = waiting_row(page, service)
        expect(row).to_have_attribute("data-open", "no")
        expect(row.locator('[data-field="estimate-ar"]')).to_have_text("لا يوجد شباك مفتوح")
        expect(row.locator('[data-field="estimate-en"]')).to_have_text("No counter open")
    for service in (NEW, CRIMINAL, CIVIL):
        expect(waiting_row(page, service)).to_have_attribute("data-open", "yes")
        estimate = waiting_row(page, service).locator('[data-field="estimate-en"]')
        expect(estimate).to_have_text(re.compile(r"^≈ \d+ min$"))
    assert "—" not in page.locator('[data-list="waiting"]').inner_text()
    assert page.evaluate("window.mawidDisplay.state.unserved") == {RENEWAL: 6, REPLACEMENT: 1}
    name = SERVICES[RENEWAL].name_en
    expect(waiting_row(page, RENEWAL).locator('[data-field="service-en"]')).to_have_text(name)


def test_on_a_phone_the_board_scrolls_down_only_and_shows_every_row(
    open_page: Callable[..., Any], hall: Admin, screenshot: Callable[[Any, str], Path]
) -> None:
    page = open_board(open_page, {"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), "the page scrolls sideways"
    expect(page.locator('[data-list="waiting"] tr:visible')).to_have_count(len(ROWS))
    each_line_in_its_own_digits(page)
    assert_accessible(page)
    screenshot(page, "display-phone-ar-en")


def test_the_sound_bubble_goes_at_the_first_tap_anywhere(open_page: Callable[..., Any], hall: Admin) -> None:
    page = open_board(open_page, TV)
    bubble = page.locator(".sound-button")
    expect(bubble).to_be_visible()  # a browser keeps the sound off until someone touches the page
    assert page.evaluate("window.mawidDisplay.sound()") == "suspended"
    assert_accessible(page)
    page.mouse.click(400, 700)  # on the board, not on the bubble
    expect(bubble).to_be_hidden()
    # A function, not a bare expression: Playwright polls an expression through eval(), which
    # the page's Content-Security-Policy forbids once the first check has not passed.
    page.wait_for_function("() => window.mawidDisplay.sound() === 'running'")


def test_the_sound_bubble_goes_after_a_minute_even_if_nobody_taps(
    open_page: Callable[..., Any], hall: Admin
) -> None:
    page = open_page("desktop")
    page.clock.install()
    page.goto(f"/offices/{OFFICE}/display")
    bubble = page.locator(".sound-button")
    expect(bubble).to_be_visible()
    page.clock.fast_forward(59_000)
    expect(bubble).to_be_visible()
    page.clock.fast_forward(2_000)
    expect(bubble).to_be_hidden()
    assert page.evaluate("window.mawidDisplay.sound()") == "suspended"  # a tap anywhere still turns it on
