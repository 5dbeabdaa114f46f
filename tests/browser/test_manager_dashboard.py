"""The manager's dashboard in a real Chromium against a live server: a manager logs in and sees
the load of their offices hour by hour (a table and a chart) and an office's queue, live, with
the queues no open counter serves flagged; previews what the optimiser would do over pending
flexible requests, reads it in words (the technical figures folded away), then books it as
previewed; closes an office day that has bookings (asked first, a reason required, never twice),
previews the rebalance plan, applies it, and the bookings have moved; and is refused, in the
page's language, an office that is not theirs. Each state is checked with axe-core, in both
languages, at a desktop and a tablet or phone width.

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
from booking.services import SERVICES
from tests.browser.accessibility import assert_accessible
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
    if office is None:  # the page has read every panel of the office it shows
        expect(page.locator("#screen-dashboard")).to_have_attribute("data-shown", re.compile("."))
    return page


def name_of(office_id: str, lang: Lang) -> str:
    office = OFFICES[office_id]
    return office.name_ar if lang == "ar" else office.name_en


def choose_office(page: Any, lang: Lang, office_id: str) -> None:
    page.get_by_label(Translator(lang)("dash.office"), exact=True).select_option(
        label=name_of(office_id, lang)
    )
    expect(page.locator("#dash-title")).to_have_text(name_of(office_id, lang))
    expect(page.locator("#screen-dashboard")).to_have_attribute("data-shown", office_id)


def day_label(page: Any, day: str) -> str:
    """A day as the page writes it (lib/dashboard-format.js dayLabel, the page's Intl)."""
    return str(
        page.evaluate(
            """(day) => new Intl.DateTimeFormat(document.documentElement.lang === "en" ? "en-GB" : "ar-EG",
              { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" })
              .format(new Date(day + "T00:00:00Z"))""",
            day,
        )
    )


def percent_label(page: Any, fraction: float) -> str:
    """A share as the page writes it (lib/format.js percent): ٪ in Arabic, % in English."""
    return str(
        page.evaluate(
            """(v) => new Intl.NumberFormat(document.documentElement.lang === "en" ? "en-GB" : "ar-EG",
              { style: "percent", maximumFractionDigits: 0 }).format(v)""",
            fraction,
        )
    )


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
    assert_accessible(page)
    screenshot(page, "dashboard-ar-live")


@pytest.mark.parametrize(("lang", "width"), [("ar", "desktop"), ("en", "tablet")])
def test_the_load_is_also_a_chart_beside_the_heatmap_said_in_a_sentence(
    open_page: Callable[..., Any],
    site: LiveServer,
    screenshot: Callable[[Any, str], Path],
    lang: Lang,
    width: str,
) -> None:
    t = Translator(lang)
    book(site.url, NASR_CITY, LICENCE)
    manager = Manager(site.url)
    offices = (ABBASSIA, "cairo-immigration", NASR_CITY)
    busiest = None
    for office_id in offices:
        (today,) = manager.get(f"/api/v1/manage/offices/{office_id}/load", **{"from": TODAY, "to": TODAY})[
            "days"
        ]
        for hour in today["hours"]:
            if hour["booked"] and hour["capacity"]:
                rank = (hour["booked"] / hour["capacity"], hour["booked"])
                if busiest is None or rank > busiest[0]:
                    busiest = (rank, office_id, hour)
    assert busiest is not None
    _, office_id, hour = busiest

    page = open_dashboard(open_page, width, lang)
    figure = page.locator("#load-chart-figure")
    expect(page.locator("#load-chart canvas").first).to_be_visible()
    expect(page.locator("#load-chart")).to_have_attribute("data-series", "3")
    expect(page.locator("#load-chart")).to_have_attribute("aria-hidden", "true")
    expect(figure.get_by_label(t("dash.load_chart_day"), exact=True)).to_have_value(TODAY)
    expect(page.locator("#load-chart-summary")).to_have_text(
        t(
            "js.dash.load_chart_busiest",
            day=day_label(page, TODAY),
            office=name_of(office_id, lang),
            hour=localise_digits(hour["hour"], lang),
            booked=hour["booked"],
            capacity=hour["capacity"],
            percent=percent_label(page, hour["booked"] / hour["capacity"]),
        )
    )
    expect(page.locator("#load-chart-key li")).to_have_text([name_of(o, lang) for o in offices])
    if width == "desktop":  # beside the heatmap, not under it
        tops = page.evaluate(
            """() => ["#load .table-scroll", "#load-chart-figure"]
              .map((selector) => document.querySelector(selector).getBoundingClientRect().top)"""
        )
        assert abs(tops[0] - tops[1]) < 40, tops
    assert_accessible(page)
    screenshot(page, f"dashboard-{lang}-load-chart")

    quiet = "2026-12-24"  # a Thursday nobody books in the tests
    page.locator("#load").get_by_label(t("dash.load_from"), exact=True).select_option("2026-12-20")
    figure.get_by_label(t("dash.load_chart_day"), exact=True).select_option(quiet)
    expect(page.locator("#load-chart-summary")).to_have_text(
        t("js.dash.load_chart_empty", day=day_label(page, quiet))
    )


def confirm_closure(page: Any, lang: Lang) -> Any:
    """Say yes in the "close this?" dialog; returns the dialog (closed by then)."""
    t = Translator(lang)
    dialog = page.locator("#close-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name=t("dash.close_confirm"), exact=True).click()
    expect(dialog).to_be_hidden()
    return dialog


CLOSURE_CASES = [
    pytest.param("ar", "desktop", CLOSED_DAY, id="ar-desktop"),
    pytest.param("en", "phone", "2026-12-08", id="en-phone"),  # before the other: plans move days later
]


@pytest.mark.parametrize(("lang", "width", "day"), CLOSURE_CASES)
def test_closing_a_day_is_asked_first_needs_a_reason_and_cannot_be_done_twice(
    open_page: Callable[..., Any],
    site: LiveServer,
    screenshot: Callable[[Any, str], Path],
    lang: Lang,
    width: str,
    day: str,
) -> None:
    t = Translator(lang)
    identities = dict(book_on(site.url, day) for _ in range(3))
    manager = Manager(site.url)
    closures = f"/api/v1/manage/offices/{NASR_CITY}/closures"

    page = open_dashboard(open_page, width, lang)
    choose_office(page, lang, NASR_CITY)
    form = page.locator("#close-form")
    form.get_by_label(t("dash.close_day"), exact=True).select_option(day)
    close = form.get_by_role("button", name=t("dash.close_submit"), exact=True)

    # Bookings would move and no reason is given: said at the reasons, nothing asked, nothing closed.
    close.click()
    expect(page.locator("#reason-error")).to_have_text(t("js.dash.error.reason_needed", n=3))
    reason = form.get_by_label(t("dash.reason_ar" if lang == "ar" else "dash.reason_en"), exact=True)
    expect(reason).to_be_focused()
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#close-dialog")).to_be_hidden()
    assert manager.get(closures, **{"from": day, "to": day})["closures"] == []
    assert_accessible(page)
    screenshot(page, f"dashboard-{lang}-close-needs-reason")

    # With a reason (one language is enough) the dialog names what closes and what it affects.
    words = "أعمال صيانة" if lang == "ar" else "the hall is being repaired"
    reason.fill(words)
    close.click()
    dialog = page.locator("#close-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("h2")).to_have_text(
        t("js.dash.close_question.office_day", day=day_label(page, day))
    )
    expect(dialog).to_contain_text(t("js.dash.close_impact", n=3))
    expect(dialog).to_contain_text(t("js.dash.close_reason_told", reason=words))
    expect(dialog.get_by_role("button", name=t("counter.cancel"), exact=True)).to_be_focused()
    assert_accessible(page)
    screenshot(page, f"dashboard-{lang}-close-dialog")
    dialog.get_by_role("button", name=t("counter.cancel"), exact=True).click()  # no: nothing happens
    expect(dialog).to_be_hidden()
    assert manager.get(closures, **{"from": day, "to": day})["closures"] == []

    close.click()
    confirm_closure(page, lang)
    expect(page.locator('[data-field="close-message"]')).to_have_text(t("js.dash.closed_notice", n=3))
    (made,) = manager.get(closures, **{"from": day, "to": day})["closures"]
    assert made["reason_ar" if lang == "ar" else "reason_en"] == words

    # The plan says how far the bookings go in words; its measures wait behind "technical figures".
    page.locator("#close-result").get_by_role(
        "button", name=t("js.dash.preview_that_day"), exact=True
    ).click()
    expect(page.locator("#move-rows tr")).to_have_count(3)
    expect(page.locator("#plan-summary")).to_be_visible()
    technical = page.locator("#plan-details")
    expect(technical.locator("#plan-technical")).to_be_hidden()
    technical.locator("summary").click()
    expect(technical.locator("#plan-technical")).to_be_visible()
    assert_accessible(page)
    screenshot(page, f"dashboard-{lang}-plan")

    page.get_by_role("button", name=t("dash.apply"), exact=True).click()
    page.get_by_role("dialog", name=t("dash.apply_heading")).get_by_role(
        "button", name=t("dash.apply_confirm"), exact=True
    ).click()
    expect(page.locator("#plan-result")).to_have_text(t("js.dash.applied", moved=3, cancelled=0, skipped=0))
    with httpx.Client(base_url=site.url, timeout=30) as http:
        for code, number in identities.items():
            moved = http.get(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number}).json()
            assert moved["status"] == "confirmed" and moved["date"] != day, moved
    # The same closure again (a second click, a second manager): refused, in the page's language.
    close.click()
    expect(page.locator("#close-error")).to_have_text(
        "هذا مُغلق بالفعل: الإغلاق نفسه في ذلك اليوم قائم. أعد فتح اليوم أولًا إن أردت إغلاقه بطريقة أخرى."
        if lang == "ar"
        else "This is already closed: the same closure of that day is in force. Reopen the day first to "
        "close it differently."
    )
    expect(page.locator("#close-dialog")).to_be_hidden()
    assert len(manager.get(closures, **{"from": day, "to": day})["closures"]) == 1
    assert_accessible(page)
    screenshot(page, f"dashboard-{lang}-close-refused-twice")

    page.locator("#closure-rows tr").filter(has_text=words).get_by_role("button").click()  # reopen
    expect(page.locator("#closure-rows tr").filter(has_text=words)).to_have_count(0)

    # The audit log names who closed the day and applied the plan, in the page's language.
    page.reload()
    log = page.locator("#audit-list")
    expect(log).to_contain_text(t("js.dash.audit.action.closure.opened"))
    expect(log).to_contain_text(t("js.dash.audit.action.rebalance.applied"))
    expect(log).to_contain_text("manager.cairo")


def ask_for_licences(base_url: str, days: tuple[str, str], n: int = 4) -> list[tuple[str, str]]:
    asked = []
    with httpx.Client(base_url=base_url, timeout=30) as http:
        for _ in range(n):
            number = national_id()
            response = http.post(
                "/api/v1/booking-requests",
                json={
                    "service": LICENCE,
                    "identity": {"type": "national_id", "number": number},
                    "full_name": "Karim Mahmoud Abdallah",
                    "phone": "01012345678",
                    "from": days[0],
                    "to": days[1],
                    "offices": [NASR_CITY],
                },
            )
            assert response.status_code == 202, response.text
            asked.append((response.json()["request_id"], number))
    return asked


def request_states(base_url: str, asked: list[tuple[str, str]]) -> list[dict[str, Any]]:
    with httpx.Client(base_url=base_url, timeout=30) as http:
        return [
            http.get(f"/api/v1/booking-requests/{request_id}", headers={"X-Identity-Number": number}).json()
            for request_id, number in asked
        ]


OPTIMISER_CASES = [
    pytest.param("en", "desktop", REQUEST_DAYS, id="en-desktop"),
    pytest.param("ar", "phone", ("2026-12-21", "2026-12-22"), id="ar-phone"),
]


@pytest.mark.parametrize(("lang", "width", "days"), OPTIMISER_CASES)
def test_the_optimiser_shows_what_a_run_would_do_in_words_then_books_it_as_previewed(
    open_page: Callable[..., Any],
    site: LiveServer,
    screenshot: Callable[[Any, str], Path],
    lang: Lang,
    width: str,
    days: tuple[str, str],
) -> None:
    t = Translator(lang)
    asked = ask_for_licences(site.url, days)
    page = open_dashboard(open_page, width, lang)
    section = page.get_by_role("region", name=t("dash.optimiser_heading"))
    for office_id in (ABBASSIA, "cairo-immigration"):
        section.get_by_label(name_of(office_id, lang), exact=True).uncheck()
    section.get_by_label(t("dash.optimiser_from"), exact=True).select_option(days[0])
    section.get_by_label(t("dash.optimiser_to"), exact=True).select_option(days[1])
    section.get_by_role("button", name=t("dash.run"), exact=True).click()
    expect(page.locator("#job-status")).to_have_text(t("js.dash.job.preview_done"), timeout=90_000)
    expect(page.locator("#job-heading")).to_be_focused()

    preview_id = page.evaluate("sessionStorage.getItem('mawid.dashboard.job')")
    preview = Manager(site.url).get(f"/api/v1/manage/jobs/{preview_id}")
    result = preview["result"]
    assert preview["mode"] == "preview" and result["assigned"] >= 4
    assert all(state["status"] == "pending" for state in request_states(site.url, asked))  # nothing booked

    # In words first: how many get a time, where and when, and how full the busiest hall gets.
    summary = page.locator("#job-summary li")
    expect(summary.first).to_have_text(
        t("js.dash.summary.placed_would", placed=result["assigned"], requests=result["requests"])
    )
    expect(page.locator("#job-summary")).to_contain_text(
        t("js.dash.summary.busiest_would", **busiest_words(page, result, lang))
    )
    where = page.locator("#where-rows tr")
    expect(where).to_have_count(len(result["by_office_day"]))
    expect(where.first.locator("th")).to_have_text(name_of(NASR_CITY, lang))
    expect(page.locator("#busiest-rows tr").filter(has_text=name_of(NASR_CITY, lang))).to_have_count(1)
    # The optimiser's own measures (spread, crowding cost, the bound) wait behind a toggle.
    technical = page.locator("#job-details")
    expect(technical.get_by_text(t("js.dash.metric.spread"))).to_be_hidden()
    shown = page.locator("#optimiser").inner_text()
    assert ("%" not in shown) if lang == "ar" else ("٪" not in shown)  # one percent sign per language
    assert_accessible(page)
    screenshot(page, f"dashboard-{lang}-optimiser-preview")
    technical.locator("summary").click()
    expect(technical.get_by_text(t("js.dash.metric.spread"))).to_be_visible()
    expect(page.locator("#job-compare").get_by_role("columnheader")).to_have_text(
        [t("js.dash.metric"), t("js.dash.optimiser"), t("js.dash.greedy")]
    )
    assert_accessible(page)

    page.get_by_role("button", name=t("js.dash.apply_preview"), exact=True).click()
    dialog = page.get_by_role("dialog", name=t("dash.optimise_apply_heading"))
    expect(dialog).to_contain_text(t("js.dash.optimise_apply_question", placed=result["assigned"], refused=0))
    assert_accessible(page)
    screenshot(page, f"dashboard-{lang}-optimiser-confirm")
    dialog.get_by_role("button", name=t("dash.optimise_apply_confirm"), exact=True).click()
    expect(page.locator("#job-status")).to_have_text(t("js.dash.job.done"), timeout=90_000)
    expect(page.locator("#job-heading")).to_have_text(t("js.dash.job_heading.done"))
    expect(page.get_by_role("button", name=t("js.dash.apply_preview"), exact=True)).to_be_hidden()
    applied_id = page.evaluate("sessionStorage.getItem('mawid.dashboard.job')")
    applied = Manager(site.url).get(f"/api/v1/manage/jobs/{applied_id}")
    assert (applied["mode"], applied["applies"]) == ("apply", preview_id)
    expect(page.locator("#job-summary li").first).to_have_text(
        t(
            "js.dash.summary.placed_did",
            placed=applied["result"]["assigned"],
            requests=applied["result"]["requests"],
        )
    )
    assert_accessible(page)
    screenshot(page, f"dashboard-{lang}-optimiser-applied")

    planned = {(row["office_id"], row["date"]): row["placed"] for row in result["by_office_day"]}
    booked: dict[tuple[str, str], int] = {}
    for state in request_states(site.url, asked):
        assert state["status"] == "assigned", state
        where_to = (state["booking"]["office_id"], state["booking"]["date"])
        booked[where_to] = booked.get(where_to, 0) + 1
    assert all(booked[key] <= planned.get(key, 0) for key in booked)  # booked where the preview said


def busiest_words(page: Any, result: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """The busiest hall after the run, as the summary's sentence fills it."""
    after = max(
        (dict(entry["after"], office_id=entry["office_id"]) for entry in result["busiest"] if entry["after"]),
        key=lambda entry: (entry["utilisation"], entry["booked"]),
    )
    return {
        "office": name_of(after["office_id"], lang),
        "day": day_label(page, after["date"]),
        "hour": localise_digits(after["hour"], lang),
        "booked": after["booked"],
        "capacity": after["capacity"],
        "percent": percent_label(page, after["utilisation"]),
    }


ALERT_CASES = [pytest.param("ar", "desktop", id="ar-desktop"), pytest.param("en", "tablet", id="en-tablet")]


@pytest.mark.parametrize(("lang", "width"), ALERT_CASES)
def test_people_waiting_for_a_service_no_open_counter_serves_are_flagged_and_the_day_is_charted(
    open_page: Callable[..., Any],
    site: LiveServer,
    screenshot: Callable[[Any, str], Path],
    lang: Lang,
    width: str,
) -> None:
    """Passport replacement, which the kiosk and counter tests leave alone, at counter 12 of Abbassia."""
    t = Translator(lang)
    kiosk = StaffApi(site.url, "kiosk.abbassia")
    kiosk.walk_in(REPLACEMENT)
    page = open_dashboard(open_page, width, lang)
    expect(page.locator("#queue .connection")).to_have_attribute("data-connection", "live")
    waiting = int(page.locator(f'#queue-rows [data-waiting="{REPLACEMENT}"]').inner_text().translate(WESTERN))
    assert waiting >= 1
    alert = page.locator("#queue-alert")
    line = alert.locator(f'li[data-service="{REPLACEMENT}"]')
    service = SERVICES[REPLACEMENT].name_ar if lang == "ar" else SERVICES[REPLACEMENT].name_en
    unserved = "js.dash.unserved_one" if lang == "en" and waiting == 1 else "js.dash.unserved"
    expect(line).to_have_text(t(unserved, n=waiting, service=service))
    expect(alert).to_have_attribute("role", "alert")
    expect(page.locator(f'#queue-rows [data-estimate="{REPLACEMENT}"]')).to_have_text(
        t("js.dash.no_counter_open")
    )
    assert_accessible(page)
    screenshot(page, f"dashboard-{lang}-unserved-queue")

    kiosk.walk_in(REPLACEMENT)  # one more: the alert follows the feed
    expect(line).to_have_text(t("js.dash.unserved", n=waiting + 1, service=service))

    # An agent opens a counter that serves it: the alert goes, the queue has an estimate again.
    agent = StaffApi(site.url, "agent.abbassia")
    with httpx.Client(base_url=site.url, timeout=30) as http:
        counters = http.get(f"/api/v1/offices/{ABBASSIA}").json()["counters"]
    counter = str([c["id"] for c in counters if REPLACEMENT in c["services"]][-1])
    agent.post(f"/counters/{counter}/status", status="open")
    try:
        expect(line).to_have_count(0)
        # The alert is the server's own answer (queue_display.coverage): other browser tests on
        # this shared site may leave people waiting at Abbassia for a service nobody serves, and
        # it rightly names those still; never this one.
        expect(alert).not_to_contain_text(service)
        expect(page.locator(f'#queue-rows [data-estimate="{REPLACEMENT}"]')).not_to_have_text(
            t("js.dash.no_counter_open")
        )
        called = agent.post(f"/counters/{counter}/call-next")
        agent.post(f"/tickets/{called['ticket']['ticket_id']}/start")
        agent.post(f"/tickets/{called['ticket']['ticket_id']}/complete")
    finally:
        agent.post(f"/counters/{counter}/status", status="closed")
    expect(line).to_be_visible()  # closed again, and people still wait

    # The day hour by hour: served each hour and the waits, each chart said in a sentence, and
    # the numbers in a table under "the figures hour by hour".
    hours = Manager(site.url).get(f"/api/v1/manage/offices/{ABBASSIA}/statistics/hours")["hours"]
    most = max((h for h in hours if h["served"]), key=lambda h: h["served"])
    page.reload()
    expect(page.locator("#served-chart-summary")).to_have_text(
        t("js.dash.served_chart_most", hour=localise_digits(most["hour"], lang), n=most["served"])
    )
    expect(page.locator("#served-chart canvas").first).to_be_visible()
    expect(page.locator("#served-chart")).to_have_attribute("aria-hidden", "true")
    expect(page.locator("#wait-chart-summary")).not_to_have_text(t("js.dash.wait_chart_none"))
    table = page.locator("#hours-table")
    expect(table).to_be_hidden()  # folded until asked for
    page.locator("#today details summary").click()
    expect(table.locator("tbody tr")).to_have_count(len(hours))
    served_cell = (
        table.locator("tbody tr").filter(has_text=localise_digits(most["hour"], lang)).locator("td").nth(1)
    )
    expect(served_cell).to_have_text(localise_digits(most["served"], lang))
    assert_accessible(page)
    screenshot(page, f"dashboard-{lang}-today-charts")


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
    dialog = page.locator("#close-dialog")
    hours = {"from": "10:00", "to": "12:00"}
    question = t(
        "js.dash.close_question.counter_hours", counter="Counter 5", day=day_label(page, HOURS_DAY), **hours
    )
    expect(dialog.locator("h2")).to_have_text(question)
    expect(dialog).to_contain_text(t("js.dash.close_impact_none"))  # no reason needed: nobody moves
    assert_accessible(page)
    confirm_closure(page, "en")
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
    assert_accessible(page)
    screenshot(page, f"dashboard-{lang}-refused")


def test_the_dashboard_takes_managers_only(open_page: Callable[..., Any]) -> None:
    page = open_page("desktop")
    page.goto(DASHBOARD)
    log_in(page, "ar", "agent.abbassia")
    expect_login_error(page, Translator("ar")("js.login.manager_role"))


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("width", ["phone", "tablet", "desktop"])
def test_the_dashboard_fits_its_width_labels_every_control_and_works_by_keyboard(
    open_page: Callable[..., Any], screenshot: Callable[[Any, str], Path], width: str, lang: Lang
) -> None:
    t = Translator(lang)
    page = open_page(width)
    page.goto(f"{DASHBOARD}?lang={lang}")
    assert_accessible(page)
    screenshot(page, f"dashboard-{lang}-login")
    log_in(page, lang, "manager.cairo")
    expect(page.locator("#load-table tbody").first).to_be_visible()
    expect(page.locator("#queue .connection")).to_have_attribute("data-connection", "live")
    expect(page.locator("#counter-rows tr").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
    assert page.evaluate(UNLABELLED) == []
    assert_accessible(page)
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
