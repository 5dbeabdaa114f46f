"""The hall's call display in a real Chromium: it shows a call within a second, speaks it in
Arabic then English, and when its server goes away it says so, then catches up by itself. A
ticket's live page on a phone follows the same feed and says when its number is called."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.conftest import WORKING_MORNING
from tests.integration.conftest import TEST_SECRET
from tests.integration.hall.conftest import PASSWORDS
from tests.live_server import LiveServer, free_port, live_server
from tests.services import REDIS_URL, redis_key_space

SHOWN_WITHIN_MS = 1000
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


class Admin:
    """Kiosk and counter work at one office, over HTTP, as the admin (who may act anywhere)."""

    def __init__(self, base_url: str, office_id: str) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=30)
        self.office_id = office_id
        token = self.http.post(
            "/api/v1/auth/token", json={"username": "admin", "password": PASSWORDS["admin"]}
        )
        self.headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        office = self.http.get(f"/api/v1/offices/{office_id}").json()
        self.counter = str(office["counters"][0]["id"])
        self.service = office["counters"][0]["services"][0]

    def on(self, base_url: str) -> Admin:
        other = Admin.__new__(Admin)
        other.__dict__ |= self.__dict__ | {"http": httpx.Client(base_url=base_url, timeout=30)}
        return other

    def post(self, path: str, **body: Any) -> dict[str, Any]:
        response = self.http.post(
            f"/api/v1/offices/{self.office_id}{path}", json=body or None, headers=self.headers
        )
        assert response.status_code in (200, 201), response.text
        return response.json()  # type: ignore[no-any-return]

    def open_counter(self) -> None:
        self.post(f"/counters/{self.counter}/status", status="open")

    def walk_in(self) -> dict[str, Any]:
        return self.post("/tickets", service=self.service)

    def call_next(self) -> dict[str, Any]:
        return self.post(f"/counters/{self.counter}/call-next")["ticket"]  # type: ignore[no-any-return]


def wait_live(page: Any) -> None:
    page.wait_for_selector('body[data-connection="live"]', timeout=10_000)


def test_a_call_appears_on_the_display_within_a_second_and_is_announced(
    open_page: Callable[..., Any], site: LiveServer, screenshot: Callable[[Any, str], Path]
) -> None:
    office = "alexandria-passports"
    admin = Admin(site.url, office)
    admin.open_counter()
    issued = admin.walk_in()
    page = open_page("desktop")
    page.goto(f"/offices/{office}/display")
    wait_live(page)
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"

    started = time.monotonic()
    admin.call_next()
    row = page.locator(f'.serving-row[data-number="{issued["number"]}"]')
    row.wait_for(timeout=SHOWN_WITHIN_MS)
    shown_after_ms = (time.monotonic() - started) * 1000
    assert shown_after_ms < SHOWN_WITHIN_MS

    arabic = row.locator('[data-field="number-ar"]').inner_text()
    assert arabic == issued["number"].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert row.locator('[data-field="number-en"]').inner_text() == issued["number"]
    assert page.locator(".call-banner").is_visible()
    announced = page.evaluate("window.mawidDisplay.announced")
    assert issued["number"] in announced[-1]["ar"] and issued["number"] in announced[-1]["en"]
    assert page.locator('[data-list="waiting"] [data-field="count-ar"]').first.inner_text() == "٠"
    screenshot(page, "display-called")
    page.set_viewport_size({"width": 1920, "height": 1080})  # the hall's TV
    page.evaluate("document.querySelector('.call-banner').hidden = true")
    screenshot(page, "display-board")


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    with redis_key_space() as prefix:
        yield prefix


def test_the_live_ticket_page_on_a_phone_moves_up_and_says_when_the_number_is_called(
    open_page: Callable[..., Any], site: LiveServer, screenshot: Callable[[Any, str], Path]
) -> None:
    office = "alexandria-immigration"  # no other browser test takes this office's queue
    admin = Admin(site.url, office)
    admin.open_counter()
    first, mine = admin.walk_in(), admin.walk_in()
    page = open_page("phone")
    page.goto(mine["status_url"])
    page.wait_for_selector('body[data-connection="live"]', timeout=10_000)
    assert page.locator("#live-position").inner_text() == "٢"  # Arabic, Arabic-Indic digits
    assert page.locator("#live-number").inner_text() == mine["number"].translate(INDIC)

    admin.call_next()  # the first: mine moves up without a reload
    expect(page.locator("#live-position")).to_have_text("١")  # no eval: the page's CSP forbids it
    for step in ("start", "complete"):
        admin.post(f"/tickets/{first['ticket_id']}/{step}")
    called = admin.call_next()
    assert called["ticket_id"] == mine["ticket_id"]
    page.wait_for_selector('#live-status[data-status="called"]', timeout=SHOWN_WITHIN_MS * 3)
    counter = called["counter"].translate(INDIC)
    assert f"الشباك {counter}" in page.locator("#live-status").inner_text()
    assert page.locator("#live-position-row").is_hidden() and page.locator("#heads-up-form").is_hidden()
    screenshot(page, "ticket-live-called")


def test_a_display_that_loses_its_server_says_so_and_catches_up_with_what_it_missed(
    open_page: Callable[..., Any],
    sqlite_template: Path,
    tmp_path: Path,
    redis_prefix: str,
    screenshot: Callable[[Any, str], Path],
) -> None:
    database = tmp_path / "mawid.sqlite3"
    shutil.copy(sqlite_template, database)
    env = {
        "MAWID_DATABASE_URL": f"sqlite:///{database}",
        "MAWID_SECRET_KEY": TEST_SECRET,
        "MAWID_CLOCK": WORKING_MORNING.isoformat(),
        "MAWID_DATA_DIR": str(tmp_path),
        "MAWID_REDIS_URL": REDIS_URL,
        "MAWID_REDIS_PREFIX": redis_prefix,
        "MAWID_DISPLAY_PING_SECONDS": "0.5",
    }
    office, port = "giza-passports", free_port()
    with live_server(env) as other:
        with live_server(env, port=port) as first:
            admin = Admin(first.url, office)
            admin.open_counter()
            page = open_page("desktop")
            page.goto(f"{first.url}/offices/{office}/display")
            wait_live(page)
        # Its server is gone: the display must say so, not pass for live.
        page.wait_for_selector(".stale-banner", state="visible", timeout=5000)
        screenshot(page, "display-disconnected")
        issued = admin.on(other.url).walk_in()
        admin.on(other.url).call_next()  # a call the display did not hear
        with live_server(env, port=port):
            wait_live(page)
            page.locator(f'.serving-row[data-number="{issued["number"]}"]').wait_for(timeout=5000)
            assert page.locator(".stale-banner").is_hidden()
