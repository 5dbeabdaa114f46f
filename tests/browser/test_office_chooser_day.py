"""The booking page's office chooser says, under each office, how many wait for the service in its
hall now and about how long, or that it is closed today, and its nearest free day; it reads that
only for the offices the citizen scrolls to. A server of its own, so the tickets issued here
touch no other test's hall."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator, minutes
from booking.demo import DEMO_OFFICES
from tests.browser.accessibility import assert_accessible
from tests.browser.citizen_steps import OFFICES, book_directly, choose_service
from tests.browser.conftest import site_env
from tests.integration.helpers import PASSWORDS
from tests.live_server import LiveServer, live_server

SERVICE = "passport-new"
ABBASSIA, GIZA, ALEXANDRIA = "cairo-abbassia-passports", "giza-passports", "alexandria-passports"
OFFERING = [office.id for office in DEMO_OFFICES if office.offers(SERVICE)]


def _staff(http: httpx.Client, username: str) -> dict[str, str]:
    answer = http.post("/api/v1/auth/token", json={"username": username, "password": PASSWORDS[username]})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


@pytest.fixture(scope="module")
def busy(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Three people wait for a new passport at Abbassia, where a counter serves it; Giza's office
    is closed today."""
    with live_server(site_env(tmp_path_factory.mktemp("busy-hall"), sqlite_template)) as server:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            kiosk, agent, admin = (
                _staff(http, name) for name in ("kiosk.abbassia", "agent.abbassia", "admin")
            )
            for _ in range(3):
                issued = http.post(
                    f"/api/v1/offices/{ABBASSIA}/tickets", json={"service": SERVICE}, headers=kiosk
                )
                assert issued.status_code == 201, issued.text
            counters = http.get(f"/api/v1/offices/{ABBASSIA}").json()["counters"]
            counter = next(c["id"] for c in counters if SERVICE in c["services"])
            opened = http.post(
                f"/api/v1/offices/{ABBASSIA}/counters/{counter}/status",
                json={"status": "open"},
                headers=agent,
            )
            assert opened.status_code == 200, opened.text
            closed = http.post(
                f"/api/v1/manage/offices/{GIZA}/closures",
                json={"date": "2026-12-06", "reason_en": "maintenance", "reason_ar": "صيانة"},
                headers=admin,
            )
            assert closed.status_code == 201, closed.text
        yield server


def _day_of(page: Any, office_id: str, line: str) -> Any:
    choice = page.locator(f'#step-office [data-office="{office_id}"]')
    choice.scroll_into_view_if_needed()
    return choice.locator(f'[data-day="{line}"]')


@pytest.mark.parametrize(
    ("lang", "width"), [("ar", "phone"), ("en", "phone"), ("ar", "desktop"), ("en", "desktop")]
)
def test_each_office_says_who_waits_now_and_its_nearest_free_day(
    open_page, busy, screenshot, lang: Lang, width: str
):
    t = Translator(lang)
    asked: list[str] = []
    page = open_page(width)
    page.on("request", lambda request: "/today?" in request.url and asked.append(request.url))
    page.goto(f"{busy.url}/?lang={lang}")
    choose_service(page, lang, SERVICE)
    book_directly(page, lang)
    expect(page.locator("#step-office [data-office]")).to_have_count(len(OFFERING))
    if width == "phone":  # the list runs below the fold: nothing is read before it is seen
        assert len(asked) < len(OFFERING)

    abbassia = httpx.get(f"{busy.url}/api/v1/offices/{ABBASSIA}/today", params={"service": SERVICE}).json()
    assert abbassia["waiting"] == 3 and abbassia["wait_minutes"]
    waiting = t("js.office.waiting_for", n=3, wait=minutes(abbassia["wait_minutes"], lang))
    expect(_day_of(page, ABBASSIA, "queue")).to_have_text(waiting)
    expect(_day_of(page, ABBASSIA, "free")).to_have_text(t("js.office.free_today"))
    expect(_day_of(page, GIZA, "queue")).to_have_text(t("js.office.closed_today"))
    expect(_day_of(page, GIZA, "free")).to_contain_text(t("js.office.free_day", day="").strip())
    expect(_day_of(page, ALEXANDRIA, "queue")).to_have_text(t("js.office.nobody_waiting"))
    # The radio is described by the figures, so a screen reader hears them with the office.
    radio = page.locator(f'#step-office input[value="{ABBASSIA}"]')
    assert f"office-{ABBASSIA}-queue" in str(radio.get_attribute("aria-describedby"))

    for office_id in OFFERING:  # every office seen once, for the screenshot
        expect(_day_of(page, office_id, "free")).not_to_be_empty()
    assert_accessible(page)
    screenshot(page, f"book-{lang}-office-chooser-all")

    page.locator("#step-office").get_by_label(t("office.governorate"), exact=True).select_option(
        OFFICES[ABBASSIA].governorate
    )
    expect(_day_of(page, ABBASSIA, "queue")).to_have_text(waiting)
    assert_accessible(page)
    page.locator("#step-office").scroll_into_view_if_needed()
    screenshot(page, f"book-{lang}-office-chooser-day")
