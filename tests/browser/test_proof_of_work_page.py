"""A citizen books on ``/`` while the server asks every booking for proof of work (MAWID_POW=on):
the page is refused once, solves the challenge that refusal carries (fetching no other) with Web
Crypto in real Chromium, says it is checking the browser, and books with the solution; the
citizen sees only the confirmation.

Runs on a server of its own (the shared ``site`` asks no puzzle), at the default difficulty.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from api.pages.i18n import Translator
from tests.browser.citizen_steps import (
    book_directly,
    choose_first_free_time,
    choose_office,
    choose_service,
    fill_details,
)
from tests.browser.conftest import PHONE, site_env
from tests.integration.helpers import national_id
from tests.live_server import LiveServer, live_server

# The button's label as it changes, kept by the page itself (a label shown for a moment is missed
# by polling); page.evaluate runs outside the page's CSP.
WATCH_BUTTON = """() => {
  window.__labels = [];
  const button = document.getElementById("submit-booking");
  new MutationObserver(() => window.__labels.push(button.textContent))
    .observe(button, { childList: true, characterData: true, subtree: true });
}"""


@pytest.fixture(scope="module")
def pow_site(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    env = site_env(tmp_path_factory.mktemp("pow-site"), sqlite_template, MAWID_POW="on")
    with live_server(env) as server:
        yield server


def test_the_browser_solves_the_puzzle_and_the_citizen_books(
    browser: Any, pow_site: LiveServer, screenshot: Any
) -> None:
    t = Translator("ar")
    context = browser.new_context(viewport=PHONE, base_url=pow_site.url)
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sent: list[tuple[float, dict[str, Any]]] = []
    page.on(
        "request",
        lambda request: sent.append((time.monotonic(), request.post_data_json))
        if request.method == "POST" and request.url.endswith("/api/v1/bookings")
        else None,
    )
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if "/altcha/" in request.url else None)
    refusals: list[Any] = []
    page.on("response", lambda response: refusals.append(response) if response.status == 428 else None)
    try:
        page.goto("/?lang=ar")
        choose_service(page, "ar", "passport-renewal")
        book_directly(page, "ar")
        choose_office(page, "ar", "giza-passports")
        start = choose_first_free_time(page)
        number = national_id()
        fill_details(page, "ar", national_id=number)
        page.evaluate(WATCH_BUTTON)
        page.get_by_role("button", name=t("book.submit"), exact=True).click()

        expect(page.get_by_role("heading", name=t("done.heading"))).to_be_visible()
        screenshot(page, "book-ar-after-proof-of-work")
        labels = page.evaluate("window.__labels")
        code = page.locator(".booking-card .code").inner_text()
        (refusal,) = refusals
        carried = refusal.json()["challenge"]
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"

    # Refused once without a solution, then sent again with one the browser found.
    assert [("altcha" in body) for _, body in sent] == [False, True]
    payload = json.loads(base64.b64decode(sent[1][1]["altcha"]))
    found = hashlib.sha256(f"{payload['salt']}{payload['number']}".encode()).hexdigest()
    assert found == payload["challenge"]
    # The page solved the challenge the refusal carried and fetched no other.
    assert fetched == [], fetched
    assert (payload["challenge"], payload["salt"]) == (carried["challenge"], carried["salt"])
    assert t("js.pow.checking") in labels, labels
    print(f"\nbrowser solved a maxnumber-50000 puzzle (number {payload['number']}) "
          f"in {sent[1][0] - sent[0][0]:.2f} s")

    stored = httpx.get(f"{pow_site.url}/api/v1/bookings/{code}", headers={"X-Identity-Number": number}).json()
    assert (stored["status"], stored["office_id"], stored["start"]) == ("confirmed", "giza-passports", start)
