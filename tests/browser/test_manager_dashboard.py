"""The manager's dashboard in a real Chromium against a live server: a manager logs in and sees
the load of their offices hour by hour and an office's queue, live; runs the optimiser over
pending flexible requests and reads its result beside greedy; closes an office day that has
bookings, previews the rebalance plan, applies it, and the bookings have moved; and is refused,
in the page's language, an office that is not theirs.

The tests work at the Nasr City traffic unit (no other browser test books there) on days of
their own, and watch the Abbassia queue through a service the kiosk and counter tests leave
alone (passport replacement)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator, localise_digits
from booking.demo import DEMO_OFFICES
from tests.browser.staff_steps import TODAY, StaffApi, book, expect_login_error, log_in
from tests.browser.test_citizen_pages import UNLABELLED
from tests.integration.hall.conftest import ABBASSIA, GIZA
from tests.integration.helpers import booking_body, national_id
from tests.live_server import LiveServer

DASHBOARD = "/staff/dashboard"
NASR_CITY = "cairo-nasr-city-traffic"
LICENCE, REPLACEMENT = "driving-licence-renewal", "passport-replacement"
OFFICES = {office.id: office for office in DEMO_OFFICES}
CLOSED_DAY = "2026-12-09"  # a Wednesday within the heatmap's first week
REQUEST_DAYS = ("2026-12-14", "2026-12-15")
HOURS_DAY = "2026-12-17"  # a Thursday no other test closes anything on
ARABIC_FIGURE = re.compile(r"^[٠-٩]+/[٠-٩]+$")
WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def open_dashboard(open_page: Callable[..., Any], width: str, lang: Lang, office: str | None = None) -> Any:
    page = open_page(width)
    page.goto(f"{DASHBOARD}?lang={lang}" + (f"&office={office}" if office else ""))
    log_in(page, lang, "manager.cairo")
    expect(page.locator("#screen-dashboard")).to_be_visible()
    return page


def choose_office(page: Any, lang: Lang, office_id: str) -> None:
    office = OFFICES[office_id]
    page.get_by_label(Translator(lang)("dash.office"), exact=True).select_option(
        label=office.name_ar if lang == "ar" else office.name_en
    )
    expect(page.locator("#dash-title")).to_have_text(office.name_ar if lang == "ar" else office.name_en)


def book_on(base_url: str, day: str) -> tuple[str, str]:
    """A licence renewal at Nasr City on the first free time of ``day``: (code, identity number)."""
    with httpx.Client(base_url=base_url, timeout=30) as http:
        slots = http.get(
            f"/api/v1/offices/{NASR_CITY}/availability", params={"service": LICENCE, "from": day, "to": day}
        ).json()["days"][0]["slots"]
        start = next(slot["start"] for slot in slots if slot["remaining"] > 0)
        number = national_id()
        response = http.post("/api/v1/bookings", json=booking_body(start, number, LICENCE, NASR_CITY))
        assert response.status_code == 201, response.text
        return response.json()["code"], number


def heatmap_cell(page: Any, office_id: str, day: str, hour: str) -> Any:
    return page.locator(
        f'#load-table tbody[data-date="{day}"] tr[data-office="{office_id}"] td[data-hour="{hour}"]'
    )


class Manager:
    """manager.cairo over the API, to set up and to check what the page did."""

    def __init__(self, base_url: str) -> None:
        self.api = StaffApi(base_url, "manager.cairo")

    def get(self, path: str, **params: str) -> Any:
        response = self.api.http.get(path, params=params, headers=self.api.headers)
        assert response.status_code == 200, response.text
        return response.json()


def test_a_manager_sees_the_load_of_their_offices_and_the_queue_follows_the_hall_live(
    open_page: Callable[..., Any], site: LiveServer, screenshot: Callable[[Any, str], Path]
) -> None:
    t = Translator("ar")
    book(site.url, NASR_CITY, LICENCE)
    manager = Manager(site.url)
    (today,) = manager.get(f"/api/v1/manage/offices/{NASR_CITY}/load", **{"from": TODAY, "to": TODAY})["days"]
    busiest = max(today["hours"], key=lambda hour: hour["booked"])
    statistics = manager.get(f"/api/v1/manage/offices/{ABBASSIA}/statistics")

    page = open_dashboard(open_page, "desktop", "ar")
    cell = heatmap_cell(page, NASR_CITY, TODAY, busiest["hour"])
    shown = f"{localise_digits(busiest['booked'], 'ar')}/{localise_digits(busiest['capacity'], 'ar')}"
    expect(cell.locator(".load-figure")).to_have_text(shown)
    assert ARABIC_FIGURE.match(shown)
    expect(cell.locator(".visually-hidden")).to_have_text(
        t("js.dash.cell", booked=busiest["booked"], capacity=busiest["capacity"])
    )
    assert cell.get_attribute("data-band") in {"low", "mid", "high"}
    rows = page.locator(f'#load-table tbody[data-date="{TODAY}"] th[scope="row"]')
    expect(rows).to_have_count(3)
    assert set(rows.all_inner_texts()) == {
        OFFICES[o].name_ar for o in (ABBASSIA, "cairo-immigration", NASR_CITY)
    }

    expect(page.locator("#queue .connection")).to_have_attribute("data-connection", "live")
    expect(page.locator('[data-figure="served"]')).to_have_text(localise_digits(statistics["served"], "ar"))
    expect(page.locator('[data-figure="no_show"]')).to_have_text(localise_digits(statistics["no_show"], "ar"))
    waiting = page.locator(f'#queue-rows [data-waiting="{REPLACEMENT}"]')
    before = int(waiting.inner_text().translate(WESTERN))
    StaffApi(site.url, "kiosk.abbassia").walk_in(REPLACEMENT)
    expect(waiting).to_have_text(localise_digits(before + 1, "ar"))  # pushed by the hall's feed
    expect(page.locator(f'#queue-rows [data-longest="{REPLACEMENT}"]')).not_to_have_text("—")
    expect(page.locator('[data-figure="longest"]')).not_to_have_text("—")
    screenshot(page, "dashboard-ar-live")


def test_the_optimiser_places_pending_requests_and_the_page_shows_its_result_beside_greedy(
    open_page: Callable[..., Any], site: LiveServer, screenshot: Callable[[Any, str], Path]
) -> None:
    t = Translator("en")
    asked = []
    with httpx.Client(base_url=site.url, timeout=30) as http:
        for _ in range(4):
            number = national_id()
            response = http.post(
                "/api/v1/booking-requests",
                json={
                    "service": LICENCE,
                    "identity": {"type": "national_id", "number": number},
                    "full_name": "Karim Mahmoud Abdallah",
                    "phone": "01012345678",
                    "from": REQUEST_DAYS[0],
                    "to": REQUEST_DAYS[1],
                    "offices": [NASR_CITY],
                },
            )
            assert response.status_code == 202, response.text
            asked.append((response.json()["request_id"], number))

    page = open_dashboard(open_page, "desktop", "en")
    section = page.get_by_role("region", name=t("dash.optimiser_heading"))
    for office_id in (ABBASSIA, "cairo-immigration"):
        section.get_by_label(OFFICES[office_id].name_en, exact=True).uncheck()
    expect(section.get_by_label(OFFICES[NASR_CITY].name_en, exact=True)).to_be_checked()
    section.get_by_label(t("dash.optimiser_from"), exact=True).select_option(REQUEST_DAYS[0])
    section.get_by_label(t("dash.optimiser_to"), exact=True).select_option(REQUEST_DAYS[1])
    section.get_by_role("button", name=t("dash.run"), exact=True).click()
    expect(page.locator("#job-status")).to_have_text(t("js.dash.job.done"), timeout=90_000)
    expect(page.locator("#job-progress")).to_have_attribute("value", "100")

    job_id = page.evaluate("sessionStorage.getItem('mawid.dashboard.job')")
    result = Manager(site.url).get(f"/api/v1/manage/jobs/{job_id}")["result"]
    assert result["assigned"] >= 4 and result["optimiser"]["placed"] >= 4
    compare = page.locator("#job-compare")
    expect(compare.get_by_role("columnheader")).to_have_text(
        [t("js.dash.metric"), t("js.dash.optimiser"), t("js.dash.greedy")]
    )
    placed = compare.get_by_role("row").filter(has_text=t("js.dash.metric.placed"))
    ours, greedy = result["optimiser"], result["greedy"]
    expect(placed.get_by_role("cell")).to_have_text(
        [
            t("js.dash.placed_of", placed=ours["placed"], requests=ours["requests"]),
            t("js.dash.placed_of", placed=greedy["placed"], requests=greedy["requests"]),
        ]
    )
    peak = compare.get_by_role("row").filter(has_text=t("js.dash.metric.peak")).get_by_role("cell").first
    expect(peak).to_have_text(re.compile(r"^\d+%$"))
    assert abs(int(peak.inner_text().rstrip("%")) - ours["peak_utilisation"] * 100) <= 1
    expect(page.locator('#job-counts [data-count="assigned"] dd')).to_have_text(str(result["assigned"]))
    expect(page.locator("#job-notes")).to_contain_text(t("js.dash.verified"))
    screenshot(page, "dashboard-en-optimiser")

    with httpx.Client(base_url=site.url, timeout=30) as http:
        for request_id, number in asked:
            answer = http.get(f"/api/v1/booking-requests/{request_id}", headers={"X-Identity-Number": number})
            assert answer.json()["status"] == "assigned"
            assert answer.json()["booking"]["office_id"] == NASR_CITY


def test_closing_an_office_day_with_bookings_then_applying_the_plan_moves_them(
    open_page: Callable[..., Any], site: LiveServer, screenshot: Callable[[Any, str], Path]
) -> None:
    t = Translator("ar")
    identities = dict(book_on(site.url, CLOSED_DAY) for _ in range(3))
    booked = list(identities)

    page = open_dashboard(open_page, "desktop", "ar")
    choose_office(page, "ar", NASR_CITY)
    form = page.locator("#close-form")
    expect(form.get_by_label(t("dash.close_office"), exact=True)).to_be_checked()
    form.get_by_label(t("dash.close_day"), exact=True).select_option(CLOSED_DAY)
    form.get_by_label(t("dash.reason_ar"), exact=True).fill("أعمال صيانة")
    form.get_by_label(t("dash.reason_en"), exact=True).fill("maintenance work")
    form.get_by_role("button", name=t("dash.close_submit"), exact=True).click()
    expect(page.locator('[data-field="close-message"]')).to_have_text(t("js.dash.closed_notice", n=3))
    closure = page.locator("#closure-rows tr").filter(has_text="أعمال صيانة")
    expect(closure).to_contain_text(t("js.dash.closure_office"))
    over = page.locator(
        f'#load-table tbody[data-date="{CLOSED_DAY}"] tr[data-office="{NASR_CITY}"] td[data-band="over"]'
    )
    expect(over.first).to_be_visible()
    screenshot(page, "dashboard-ar-closed")

    page.get_by_role("button", name=t("js.dash.preview_that_day"), exact=True).click()
    expect(page.locator("#plan-title")).to_be_focused()
    moves = page.locator("#move-rows tr")
    expect(moves).to_have_count(3)
    for code in booked:
        expect(moves.filter(has_text=code)).to_have_count(1)
    expect(page.locator('#plan-stats [data-stat="displaced"] dd')).to_have_text("٣")
    screenshot(page, "dashboard-ar-plan")

    page.get_by_role("button", name=t("dash.apply"), exact=True).click()
    dialog = page.get_by_role("dialog", name=t("dash.apply_heading"))
    expect(dialog).to_contain_text(t("js.dash.apply_question", moves=3, unplaced=0))
    dialog.get_by_role("button", name=t("dash.apply_confirm"), exact=True).click()
    expect(page.locator("#plan-result")).to_have_text(t("js.dash.applied", moved=3, cancelled=0, skipped=0))
    expect(page.get_by_role("button", name=t("dash.apply"), exact=True)).to_be_hidden()
    expect(page.locator("#close-result")).to_be_hidden()  # "no longer fit" is answered
    expect(over).to_have_count(0)  # the heatmap read the load again: the day is empty now
    screenshot(page, "dashboard-ar-applied")

    with httpx.Client(base_url=site.url, timeout=30) as http:
        for code in booked:
            moved = http.get(
                f"/api/v1/bookings/{code}", headers={"X-Identity-Number": identities[code]}
            ).json()
            assert moved["status"] == "confirmed" and moved["date"] != CLOSED_DAY, moved

    closure.get_by_role("button").click()  # reopen the day, for whatever runs next
    expect(page.locator("#closures-notice")).to_contain_text("أُعيد فتح")
    expect(closure).to_have_count(0)

    # The audit log names who closed the day and applied the plan, in the page's language.
    page.reload()
    log = page.locator("#audit-list")
    expect(log).to_contain_text(t("js.dash.audit.action.closure.opened"))
    expect(log).to_contain_text(t("js.dash.audit.action.rebalance.applied"))
    expect(log).to_contain_text("manager.cairo")


def test_a_counter_closed_for_some_hours_or_taken_out_of_service_lowers_capacity_on_a_tablet(
    open_page: Callable[..., Any], screenshot: Callable[[Any, str], Path]
) -> None:
    """Vehicle-licence counters (5 and 6), which no other browser test books."""
    t = Translator("en")
    page = open_dashboard(open_page, "tablet", "en")
    choose_office(page, "en", NASR_CITY)
    load = page.get_by_role("region", name=t("dash.load_heading"))
    load.get_by_label(t("dash.load_from"), exact=True).select_option(HOURS_DAY)
    ten = heatmap_cell(page, NASR_CITY, HOURS_DAY, "10:00")
    expect(ten).to_be_visible()
    capacity = int(ten.get_attribute("data-capacity") or 0)

    form = page.locator("#close-form")
    form.get_by_label(t("dash.close_one_counter"), exact=True).check()
    form.get_by_label(t("dash.close_some_hours"), exact=True).check()
    form.get_by_label(t("dash.close_day"), exact=True).select_option(HOURS_DAY)
    form.get_by_label(t("dash.close_counter"), exact=True).select_option(label="Counter 5")
    form.get_by_label(t("dash.close_from"), exact=True).select_option("10:00")
    form.get_by_label(t("dash.close_to"), exact=True).select_option("12:00")
    form.get_by_role("button", name=t("dash.close_submit"), exact=True).click()
    expect(page.locator('[data-field="close-message"]')).to_have_text(t("js.dash.closed_fits"))
    closure = page.locator("#closure-rows tr").filter(has_text="Counter 5")
    expect(closure).to_contain_text(t("js.dash.closure_hours", **{"from": "10:00", "to": "12:00"}))
    expect(ten).not_to_have_attribute("data-capacity", str(capacity))
    assert int(ten.get_attribute("data-capacity") or 0) < capacity
    screenshot(page, "dashboard-en-counter-closed")
    closure.get_by_role("button", name=re.compile("^Reopen")).click()
    expect(closure).to_have_count(0)
    expect(ten).to_have_attribute("data-capacity", str(capacity))

    edit = page.get_by_role("button", name=t("js.dash.edit_counter", label="6"), exact=True)
    edit.click()
    dialog = page.get_by_role("dialog", name=t("js.dash.edit_counter", label="6"))
    dialog.get_by_label(t("dash.counter_active_label")).uncheck()
    dialog.get_by_role("button", name=t("dash.save"), exact=True).click()
    expect(page.locator("#counters-notice")).to_have_text(
        t("js.dash.counter_saved_fits", counter="Counter 6")
    )
    row = page.locator("#counter-rows tr").filter(has_text="Counter 6")
    expect(row).to_contain_text(t("js.dash.counter_inactive"))
    expect(page.locator("#close-counter option")).not_to_contain_text(["Counter 6"])
    expect(ten).not_to_have_attribute("data-capacity", str(capacity))  # the heatmap read the load again
    assert int(ten.get_attribute("data-capacity") or 0) < capacity
    edit.click()
    dialog.get_by_label(t("dash.counter_active_label")).check()
    dialog.get_by_role("button", name=t("dash.save"), exact=True).click()
    expect(row).to_contain_text(t("js.dash.counter_active"))
    expect(ten).to_have_attribute("data-capacity", str(capacity))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_manager_is_refused_another_offices_data_in_the_pages_language(
    open_page: Callable[..., Any], site: LiveServer, screenshot: Callable[[Any, str], Path], lang: Lang
) -> None:
    manager = Manager(site.url).api
    refused = manager.http.get(f"/api/v1/manage/offices/{GIZA}/statistics", headers=manager.headers)
    assert refused.status_code == 403
    page = open_dashboard(open_page, "desktop", lang, office=GIZA)
    message = refused.json()["detail_ar" if lang == "ar" else "detail"]
    expect(page.locator("#dash-error")).to_have_text(message)
    expect(page.locator("#queue")).to_be_hidden()
    expect(page.locator("#capacity")).to_be_hidden()
    expect(page.locator("#load-table tbody").first).to_be_visible()  # their own offices' load still shows
    screenshot(page, f"dashboard-{lang}-refused")


def test_the_dashboard_takes_managers_only(open_page: Callable[..., Any]) -> None:
    page = open_page("desktop")
    page.goto(DASHBOARD)
    log_in(page, "ar", "agent.abbassia")
    expect_login_error(page, Translator("ar")("js.login.manager_role"))


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("width", ["tablet", "desktop"])
def test_the_dashboard_fits_its_width_labels_every_control_and_works_by_keyboard(
    open_page: Callable[..., Any], screenshot: Callable[[Any, str], Path], width: str, lang: Lang
) -> None:
    t = Translator(lang)
    page = open_page(width)
    page.goto(f"{DASHBOARD}?lang={lang}")
    screenshot(page, f"dashboard-{lang}-login")
    log_in(page, lang, "manager.cairo")
    expect(page.locator("#load-table tbody").first).to_be_visible()
    expect(page.locator("#queue .connection")).to_have_attribute("data-connection", "live")
    expect(page.locator("#counter-rows tr").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
    assert page.evaluate(UNLABELLED) == []
    screenshot(page, f"dashboard-{lang}")

    office = page.get_by_label(t("dash.office"), exact=True)
    office.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(office).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid", (
        "focus is visible"
    )
    edit = page.get_by_role(
        "button", name=t("js.dash.edit_counter", label=localise_digits("1", lang)), exact=True
    )
    edit.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=t("js.dash.edit_counter", label=localise_digits("1", lang)))
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label(t("dash.counter_active_label"))).to_be_checked()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
