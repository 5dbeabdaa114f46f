"""The counter console with a booking of several services (issue 14), in a real Chromium, in both
languages: the clerk at the renewal counter sees that the ticket has one more service after this
one, and which, and on completing it that the same number now waits for that service.

On a server of its own: the bookings are made while its clock stands before the office opens
(a booking needs an hour's notice), then the server starts again on the same database at the
bookings' slot, so the appointments are due and a counter can call them.

Booking the chain goes through ``POST /api/v1/bookings`` with ``services`` once the booking side
of issue 14 takes it. Until then each citizen books the renewal alone, and the page is told of
the later visit by adding it to the counter endpoints' real answers: what the console does with
``next_visits`` is what this test is about (the hall's side of the chain is tested end to end in
tests/integration/hall/test_chains.py)."""

from __future__ import annotations

import json
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
    """A renewal then a criminal-record certificate, back to back, from the first free slot:
    ``{code, chained, later}``, ``later`` being the certificate's visit as a ticket lists it."""
    with httpx.Client(base_url=base_url, timeout=30) as http:

        def first_free(service: str, after: str | None = None) -> dict[str, Any]:
            days = http.get(
                f"/api/v1/offices/{ABBASSIA}/availability",
                params={"service": service, "from": TODAY, "to": TODAY},
            ).json()["days"]
            return next(
                s for s in days[0]["slots"] if s["remaining"] > 0 and (after is None or s["start"] >= after)
            )

        first = first_free(RENEWAL)
        body = booking_body(first["start"], national_id(), RENEWAL, ABBASSIA)
        chained = http.post(
            "/api/v1/bookings", json={**body, "service": None, "services": [RENEWAL, CRIMINAL]}
        )
        if chained.status_code == 201 and len(chained.json().get("visits", [])) == 2:
            return {"code": chained.json()["code"], "chained": True, "later": None}
        alone = http.post("/api/v1/bookings", json=body)
        assert alone.status_code == 201, alone.text
        second = first_free(CRIMINAL, after=first["end"])
        later = {
            "service": CRIMINAL,
            "service_name_en": SERVICES[CRIMINAL].name_en,
            "service_name_ar": SERVICES[CRIMINAL].name_ar,
            "slot_start": second["start"],
        }
        return {"code": alone.json()["code"], "chained": False, "later": later, "start": first["start"]}


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


def tell_the_page_of_the_later_visit(page: Any, bookings: dict[str, Any]) -> None:
    """Before the booking side keeps chains: add the later visit to the real answers."""
    later = {b["code"]: [b["later"]] for b in bookings.values() if not b["chained"]}

    def add(route: Any) -> None:
        response = route.fetch()
        body = response.json()
        for ticket in (body.get("ticket") if isinstance(body, dict) else None,):
            if ticket and ticket.get("booking_code") in later and ticket["status"] != "done":
                ticket["next_visits"] = later[ticket["booking_code"]]
        route.fulfill(response=response, body=json.dumps(body))

    if later:
        page.route(f"**/api/v1/offices/{ABBASSIA}/counters/*", add)
        page.route(f"**/api/v1/offices/{ABBASSIA}/counters/*/call-next", add)


@pytest.mark.parametrize(("lang", "label"), [("ar", "7"), ("en", "8")])
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
    tell_the_page_of_the_later_visit(page, bookings)
    page.goto(f"{CONSOLE}?lang={lang}")
    log_in(page, lang, "agent.abbassia")
    choose_counter(page, lang, label)
    open_counter(page, lang)

    page.get_by_role("button", name=t("counter.call_next"), exact=True).click()
    expect(field(page, "service")).to_have_text(getattr(SERVICES[RENEWAL], f"name_{lang}"))
    after = field(page, "after")
    certificate = getattr(SERVICES[CRIMINAL], f"name_{lang}")
    expect(after).to_be_visible()
    expect(after).to_have_text(t("js.counter.after.one", services=certificate))
    assert_accessible(page)
    window_shot(page, f"counter-chain-{lang}-called")

    number = field(page, "number").text_content() or ""
    page.keyboard.press("KeyS")
    expect(page.get_by_role("button", name=t("counter.complete"), exact=True)).to_be_enabled()
    page.keyboard.press("KeyD")
    notice = page.locator("#desk-notice")
    if any(b["chained"] for b in bookings.values()):  # the booking side keeps chains: it moved on
        moved_on = t("js.counter.moved_on", number=in_sentence(number, lang), service=certificate)
        expect(notice).to_have_text(moved_on)
    else:
        expect(notice).to_have_text(t("js.counter.completed", number=in_sentence(number, lang)))
    expect(after).to_be_hidden()
    assert_accessible(page)
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
