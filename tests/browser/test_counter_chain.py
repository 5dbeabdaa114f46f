"""The counter console with a booking of several services (issue 14), in a real Chromium, in both
languages: the clerk at the certificate counter (a chain's certificates come first) sees that the
ticket has one more service after this one, the renewal, and on completing it that the same
number now waits for that service.

On a server of its own: the bookings are made while its clock stands before the office opens
(a booking needs an hour's notice), then the server starts again on the same database at the
bookings' slot, so the appointments are due and a counter can call them.

Each citizen books the chain through ``POST /api/v1/bookings`` with ``services`` (the hall's
side of the chain is tested end to end in tests/integration/hall/test_chains.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from booking.services import SERVICES
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import site_env
from tests.browser.staff_steps import TODAY, StaffApi, log_in
from tests.browser.test_counter_console import (
    CONSOLE,
    choose_counter,
    field,
    in_sentence,
    open_counter,
    window_shot,
)
from tests.integration.hall.conftest import ABBASSIA
from tests.integration.helpers import booking_body, national_id
from tests.live_server import LiveServer, live_server

RENEWAL, CRIMINAL = "passport-renewal", "criminal-record-certificate"
BEFORE_OPENING = "2026-12-06T06:30:00+02:00"


def book_chain(base_url: str) -> dict[str, Any]:
    """A criminal-record certificate then a renewal, back to back, from the first free slot:
    ``{code, start}``."""
    with httpx.Client(base_url=base_url, timeout=30) as http:

        def first_free(services: list[str]) -> dict[str, Any]:
            days = http.get(
                f"/api/v1/offices/{ABBASSIA}/availability",
                params={"service": services, "from": TODAY, "to": TODAY},
            ).json()["days"]
            return next(s for s in days[0]["slots"] if s["remaining"] > 0)

        first = first_free([RENEWAL, CRIMINAL])
        body = booking_body(first["start"], national_id(), RENEWAL, ABBASSIA)
        chained = http.post(
            "/api/v1/bookings", json={**body, "service": None, "services": [RENEWAL, CRIMINAL]}
        )
        assert chained.status_code == 201 and len(chained.json()["visits"]) == 2, chained.text
        return {"code": chained.json()["code"], "start": first["start"]}


@pytest.fixture(scope="module")
def chain_site(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LiveServer, Any]]:
    env = site_env(tmp_path_factory.mktemp("chain-site"), sqlite_template, MAWID_CLOCK=BEFORE_OPENING)
    with live_server(env) as before:
        bookings = {lang: book_chain(before.url) for lang in ("ar", "en")}
    due = max(datetime.fromisoformat(b["start"]) for b in bookings.values())  # both appointments due
    with live_server({**env, "MAWID_CLOCK": due.isoformat()}) as server:
        yield server, bookings


@pytest.mark.parametrize(("lang", "label"), [("ar", "13"), ("en", "14")])  # certificates: served first
def test_the_clerk_sees_the_services_after_this_one_in_the_pages_language(
    browser: Any, chain_site: tuple[LiveServer, Any], lang: Lang, label: str
) -> None:
    site, bookings = chain_site
    t = Translator(lang)
    StaffApi(site.url, "kiosk.abbassia").post("/tickets", booking_code=bookings[lang]["code"])
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=site.url)
    errors: list[str] = []
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{CONSOLE}?lang={lang}")
    log_in(page, lang, "agent.abbassia")
    choose_counter(page, lang, label)
    open_counter(page, lang)

    page.get_by_role("button", name=t("counter.call_next"), exact=True).click()
    expect(field(page, "service")).to_have_text(getattr(SERVICES[CRIMINAL], f"name_{lang}"))
    after = field(page, "after")
    renewal = getattr(SERVICES[RENEWAL], f"name_{lang}")
    expect(after).to_be_visible()
    expect(after).to_have_text(t("js.counter.after.one", services=renewal))
    assert_accessible(page)
    window_shot(page, f"counter-chain-{lang}-called")

    number = field(page, "number").text_content() or ""
    page.keyboard.press("KeyS")
    expect(page.get_by_role("button", name=t("counter.complete"), exact=True)).to_be_enabled()
    page.keyboard.press("KeyD")
    notice = page.locator("#desk-notice")
    moved_on = t("js.counter.moved_on", number=in_sentence(number, lang), service=renewal)
    expect(notice).to_have_text(moved_on)
    expect(after).to_be_hidden()
    assert_accessible(page)
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
