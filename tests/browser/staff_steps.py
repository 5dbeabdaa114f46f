"""What the kiosk and counter tests do around the page: book over the API, act as staff over the
API, and log a staff page in the way a person does, by the labels in the page's language."""

from __future__ import annotations

from typing import Any

import httpx
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from tests.integration.hall.conftest import ABBASSIA, PASSWORDS
from tests.integration.helpers import booking_body, national_id

TODAY = "2026-12-06"  # the site's clock starts on this working morning (tests.conftest)


def book(
    base_url: str,
    office_id: str = ABBASSIA,
    service: str = "passport-new",
    day: str = TODAY,
    also: tuple[str, ...] = (),
) -> str:
    """A booking of the first free slot of ``day`` (for ``service`` and, one trip, the services
    ``also``), made through the API; returns its code."""
    services = [service, *also]
    with httpx.Client(base_url=base_url, timeout=30) as http:
        days = http.get(
            f"/api/v1/offices/{office_id}/availability", params={"service": services, "from": day, "to": day}
        ).json()["days"]
        start = next(slot["start"] for slot in days[0]["slots"] if slot["remaining"] > 0)
        body = booking_body(start, national_id(), service, office_id)
        if also:
            body = {**body, "service": None, "services": services}
        response = http.post("/api/v1/bookings", json=body)
        assert response.status_code == 201, response.text
        return str(response.json()["code"])


class StaffApi:
    """One staff member working at one office over HTTP, as the pages would."""

    def __init__(self, base_url: str, username: str, office_id: str = ABBASSIA) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=30)
        self.office_id = office_id
        reply = self.http.post(
            "/api/v1/auth/token", json={"username": username, "password": PASSWORDS[username]}
        )
        self.headers = {"Authorization": f"Bearer {reply.json()['access_token']}"}

    def post(self, path: str, **body: Any) -> dict[str, Any]:
        response = self.http.post(
            f"/api/v1/offices/{self.office_id}{path}", json=body or None, headers=self.headers
        )
        assert response.status_code in (200, 201), response.text
        return response.json()  # type: ignore[no-any-return]

    def walk_in(self, service: str, **extra: Any) -> dict[str, Any]:
        return self.post("/tickets", service=service, **extra)


def log_in(page: Any, lang: Lang, username: str, password: str | None = None) -> None:
    t = Translator(lang)
    page.get_by_label(t("login.username"), exact=True).fill(username)
    page.get_by_label(t("login.password"), exact=True).fill(password or PASSWORDS[username])
    page.get_by_role("button", name=t("login.submit"), exact=True).click()


def expect_login_error(page: Any, message: str) -> None:
    expect(page.locator("#login-error")).to_have_text(message)
