"""The demo inbox (``/demo/inbox``, demo mode only) in a real Chromium: a newcomer books a visit
and reads, on a page shaped like a phone, the SMS the citizen would get, with its code, in Arabic
and in English; a number that is not a mobile is said so beside the field. Every state passes
axe-core with no serious or critical violation."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import WIDTHS, site_env
from tests.integration.helpers import booking_body, national_id
from tests.live_server import LiveServer, live_server

OFFICE, SERVICE = "giza-passports", "passport-new"


@pytest.fixture(scope="module")
def demo_site(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server in demo mode, its sender delivering to the demo inbox."""
    env = site_env(tmp_path_factory.mktemp("inbox-site"), sqlite_template, MAWID_DEMO="1")
    with live_server(env) as server:
        yield server


def booked(base_url: str, phone: str) -> str:
    """A booking made over the API with ``phone``; its code."""
    with httpx.Client(base_url=base_url, timeout=30) as http:
        days = http.get(
            f"/api/v1/offices/{OFFICE}/availability", params={"service": SERVICE, "days": 14}
        ).json()["days"]
        start = next(slot["start"] for day in days for slot in day["slots"] if slot["remaining"] > 0)
        body = booking_body(start, national_id(), SERVICE, OFFICE, phone=phone)
        response = http.post("/api/v1/bookings", json=body)
        assert response.status_code in (201, 202), response.text
        return str(response.json()["code"])


def open_inbox(browser: Any, base_url: str, width: str, lang: Lang, phone: str = "") -> Any:
    page = browser.new_context(viewport=WIDTHS[width], base_url=base_url).new_page()
    page.set_default_timeout(10_000)
    page.goto(f"/demo/inbox?lang={lang}" + (f"&phone={phone}" if phone else ""))
    return page


@pytest.mark.parametrize(
    ("lang", "width", "phone"), [("ar", "phone", "01011112222"), ("en", "desktop", "01033334444")]
)
def test_the_inbox_shows_the_sms_a_citizen_would_get_with_the_booking_code(
    browser: Any,
    demo_site: LiveServer,
    screenshot: Callable[[Any, str], Path],
    lang: Lang,
    width: str,
    phone: str,
) -> None:
    t = Translator(lang)
    code = booked(demo_site.url, phone)
    page = open_inbox(browser, demo_site.url, width, lang)
    expect(page.locator("h1")).to_have_text(t("inbox.title"))
    assert_accessible(page)
    page.get_by_label(t("inbox.phone"), exact=True).fill(phone)
    page.get_by_role("button", name=t("inbox.show"), exact=True).click()
    bubbles = page.get_by_role("list", name=t("inbox.messages"))
    deadline = time.monotonic() + 15
    while not bubbles.filter(has_text=code).count() and time.monotonic() < deadline:
        page.wait_for_timeout(300)
        page.get_by_role("link", name=t("inbox.refresh"), exact=True).click()
    expect(bubbles.locator("li").filter(has_text=code).first).to_contain_text(t("inbox.sms"))
    assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
    screenshot(page, f"inbox-{lang}-sms")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_number_that_is_not_a_mobile_is_said_so(
    browser: Any, demo_site: LiveServer, screenshot: Callable[[Any, str], Path], lang: Lang
) -> None:
    t = Translator(lang)
    page = open_inbox(browser, demo_site.url, "phone", lang, phone="12ab")
    expect(page.get_by_role("alert")).to_have_text(t("inbox.invalid_phone"))
    assert_accessible(page)
    screenshot(page, f"inbox-{lang}-invalid")
