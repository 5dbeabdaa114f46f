"""What a citizen does on the booking page's second path ("any office near me on days I choose")
and on the request's status page, found by the visible labels in the page's language; and the
ministry's side of it, an optimiser batch run over the API as staff."""

from __future__ import annotations

import time
from typing import Any

import httpx
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from tests.browser.citizen_steps import OFFICES, continue_from
from tests.integration.planning.conftest import PASSWORDS


def choose_request_path(page: Any, lang: Lang) -> None:
    page.get_by_role("radio", name=Translator(lang)("mode.request"), exact=True).check()
    continue_from(page, "mode")


def offices_in_governorate(page: Any, lang: Lang, slug: str, *, go_on: bool = True) -> None:
    t = Translator(lang)
    step = page.locator("#step-reach")
    step.get_by_role("radio", name=t("reach.governorate"), exact=True).check()
    step.get_by_label(t("office.governorate"), exact=True).select_option(slug)
    if go_on:
        continue_from(page, "reach")


def offices_near_me(page: Any, lang: Lang, km: int) -> None:
    """Needs a page opened with a geolocation and the permission to read it."""
    t = Translator(lang)
    step = page.locator("#step-reach")
    step.get_by_role("radio", name=t("reach.near"), exact=True).check()
    step.get_by_label(t("reach.radius"), exact=True).select_option(str(km))
    step.get_by_role("button", name=t("reach.locate"), exact=True).click()
    expect(page.locator("#reach-near-offices li").first).to_be_visible()
    continue_from(page, "reach")


def tick_offices(page: Any, lang: Lang, office_ids: list[str]) -> None:
    t = Translator(lang)
    step = page.locator("#step-reach")
    step.get_by_role("radio", name=t("reach.list"), exact=True).check()
    for office_id in office_ids:
        office = OFFICES[office_id]
        step.get_by_role("checkbox", name=t.pick(office.name_ar, office.name_en), exact=True).check()
    continue_from(page, "reach")


def choose_days(
    page: Any, lang: Lang, first: str, last: str, time_of_day: str = "", *, go_on: bool = True
) -> None:
    t = Translator(lang)
    step = page.locator("#step-window")
    step.get_by_label(t("window.from"), exact=True).select_option(first)
    step.get_by_label(t("window.to"), exact=True).select_option(last)
    band = t(f"js.time_of_day.{time_of_day or 'any'}")
    step.get_by_role("radio", name=band, exact=True).check()
    if go_on:
        continue_from(page, "window")


def shown_request_id(page: Any) -> str:
    """The request's code as the page shows it (8 characters, like a booking code)."""
    return str(page.locator('.request-card [data-field="code"]').inner_text()).strip()


def look_up_request(page: Any, lang: Lang, identity: str, request_id: str | None = None) -> None:
    t = Translator(lang)
    if request_id is not None:
        page.get_by_label(t("request.number"), exact=True).fill(request_id)
    page.get_by_label(t("my.identity"), exact=True).fill(identity)
    page.get_by_role("button", name=t("request.find"), exact=True).click()


def request_status(base_url: str, request_id: str, identity: str) -> dict[str, Any]:
    response = httpx.get(
        f"{base_url}/api/v1/booking-requests/{request_id}", headers={"X-Identity-Number": identity}
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def run_optimiser(base_url: str, username: str = "admin", timeout: float = 120.0) -> dict[str, Any]:
    """An optimiser job over the staff member's offices, as the dashboard starts one; returns the
    finished job."""
    with httpx.Client(base_url=base_url, timeout=30) as http:
        token = http.post(
            "/api/v1/auth/token", json={"username": username, "password": PASSWORDS[username]}
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        started = http.post("/api/v1/manage/optimise", json={}, headers=headers)
        assert started.status_code == 202, started.text
        deadline = time.monotonic() + timeout
        while True:
            job = http.get(f"/api/v1/manage/jobs/{started.json()['job_id']}", headers=headers).json()
            if job["status"] in ("done", "failed"):
                assert job["status"] == "done", job
                return job  # type: ignore[no-any-return]
            assert time.monotonic() < deadline, f"optimiser job still {job['status']}"
            time.sleep(0.2)
