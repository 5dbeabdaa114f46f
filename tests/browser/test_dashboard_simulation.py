"""A manager simulates a day of their office on the dashboard, in a real Chromium against a live
server: the next day the office opens is offered first, a what-if row adds a counter for some
hours, the job's progress shows while it runs, and the result sets the plan beside a walk-in-only
hall, the same people walking in at their booked times, and the what-if (waits, counters busy,
people left at closing), with the headline in words and where the figures came from, the queue
through the day as a chart, the waits per service, and the staffing advice (counters needed
against planned hour by hour, as a chart and a table per service group, a short hour marked); a
change the server refuses is said in the page's language. Checked with axe-core in both
languages.

Works at the Nasr City traffic unit, reading only: a simulation books nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator, localise_digits, minutes
from booking.services import SERVICES
from tests.browser.accessibility import assert_accessible
from tests.browser.staff_steps import log_in

NASR_CITY = "cairo-nasr-city-traffic"
MONDAY = "2026-12-07"  # the site's clock starts on Sunday 6 December: Monday is the next open day
CRIMINAL_RECORD_COUNTER = 7  # the only counter for criminal record certificates
CRIMINAL_RECORD = SERVICES["criminal-record-certificate"]
OPENING_HOURS = [f"{hour:02d}:00" for hour in range(8, 15)]
ARABIC_DIGITS = re.compile(r"[٠-٩]")
WESTERN_DIGITS = re.compile(r"[0-9]")


def open_simulation(open_page: Callable[..., Any], width: str, lang: Lang) -> Any:
    page = open_page(width)
    page.goto(f"/staff/dashboard?lang={lang}&office={NASR_CITY}")
    log_in(page, lang, "manager.cairo")
    expect(page.locator("#screen-dashboard")).to_have_attribute("data-shown", NASR_CITY)
    return page


@pytest.mark.parametrize(("lang", "width"), [("ar", "desktop"), ("en", "tablet")])
def test_a_what_if_runs_and_shows_the_plan_beside_the_walk_in_halls_the_change_and_the_staffing(
    open_page: Callable[..., Any], screenshot: Callable[[Any, str], Path], lang: Lang, width: str
) -> None:
    t = Translator(lang)
    page = open_simulation(open_page, width, lang)
    section = page.get_by_role("region", name=t("dash.sim_heading"))
    expect(section.get_by_label(t("dash.sim_day"), exact=True)).to_have_value(MONDAY)
    section.get_by_role("button", name=t("dash.sim_add_change"), exact=True).click()
    change = section.locator(".sim-change").first
    expect(change.get_by_label(t("js.dash.sim.kind"), exact=True)).to_have_value("add_counter")
    expect(change.get_by_label(t("js.dash.sim.counter"), exact=True)).to_be_hidden()
    # The criminal record counter away from 09:00 to 12:00: that service is short of counters then.
    change.get_by_label(t("js.dash.sim.kind"), exact=True).select_option("remove_counter")
    change.get_by_label(t("js.dash.sim.counter"), exact=True).select_option(
        label=t("js.dash.sim.counter_label", label=CRIMINAL_RECORD_COUNTER)
    )
    change.get_by_label(t("js.dash.sim.from"), exact=True).select_option("09:00")
    change.get_by_label(t("js.dash.sim.to"), exact=True).select_option("12:00")
    staffing = page.get_by_role("complementary", name=t("dash.sim_staffing_heading"))
    expect(staffing).to_contain_text(t("dash.sim_staffing_empty"))
    assert_accessible(page)
    section.get_by_role("button", name=t("dash.sim_run"), exact=True).click()

    expect(page.locator("#sim-status")).to_have_text(t("js.dash.sim.done"), timeout=60_000)
    expect(page.locator("#sim-result-heading")).to_be_focused()
    expect(page.locator("#sim-progress")).to_have_js_property("value", 100)
    headers = page.locator("#sim-compare thead th")
    expect(headers).to_have_text(
        [t("js.dash.sim.measure")]
        + [
            t(f"js.dash.sim.scenario.{name}")
            for name in ("planned", "walk_in_fcfs", "walk_in_same_times", "what_if")
        ]
    )
    for name in ("walk_in_fcfs", "walk_in_same_times"):  # each walk-in hall says what it is
        header = page.locator(f'#sim-compare th[data-scenario="{name}"]')
        expect(header).to_have_accessible_description(t(f"dash.sim_note_{name}"))
        expect(page.locator(f"#sim-note-{name}")).to_be_visible()
    inputs = page.locator("#sim-inputs")  # a site without history: the catalogue's estimates
    expect(inputs).to_contain_text(t("js.dash.sim.inputs.bookings", n=0))
    expect(inputs).to_contain_text(t("js.dash.sim.inputs.priors"))
    expect(inputs).to_contain_text(t("js.dash.sim.inputs.early", minutes=minutes(10, lang)))
    expect(inputs).not_to_contain_text("catalogue priors")  # the server's English description
    expect(page.locator("#sim-compare tbody tr")).to_have_count(5)
    expect(page.locator("#sim-headline")).to_have_attribute(
        "data-headline", re.compile("cut|longer|same|none")
    )
    expect(page.locator("#sim-headline")).not_to_be_empty()
    expect(page.locator("#sim-what-if")).to_be_visible()
    expect(page.locator("#sim-queue-chart")).to_have_attribute("data-series", "4")
    expect(page.locator("#sim-queue-summary")).not_to_be_empty()
    expect(page.locator("#sim-services tbody tr").first).to_be_visible()
    page.wait_for_function("() => document.querySelector('#sim-queue-chart canvas') !== null")

    figures = page.locator("#sim-compare tbody").inner_text()
    if lang == "ar":  # Arabic-Indic digits on an Arabic page, and no western ones
        assert ARABIC_DIGITS.search(figures) and not WESTERN_DIGITS.search(figures), figures
    else:
        assert WESTERN_DIGITS.search(figures) and not ARABIC_DIGITS.search(figures), figures
    check_the_staffing_advice(page, t, lang)
    assert_accessible(page)
    screenshot(page, f"dashboard-{lang}-simulation")


def check_the_staffing_advice(page: Any, t: Translator, lang: Lang) -> None:
    """The advice as planned (enough counters every hour on an empty site) and with the counter
    away: the chart with needed, planned and the what-if's counters, and each table with every
    hour of the day as a column, the criminal record service short from 09:00 to 12:00 in word
    and sign."""
    staffing = page.get_by_role("complementary", name=t("dash.sim_staffing_heading"))
    expect(staffing.locator("#sim-staffing-chart")).to_have_attribute("data-series", "3")
    page.wait_for_function("() => document.querySelector('#sim-staffing-chart canvas') !== null")
    expect(staffing.locator("#sim-staffing-key li")).to_have_text(
        [t(f"js.dash.sim.staffing.{name}") for name in ("needed", "planned", "what_if")]
    )
    expect(staffing.locator("#sim-staffing-summary")).to_contain_text(t("js.dash.sim.staffing_summary.none"))
    clock = [localise_digits(hour, lang) for hour in OPENING_HOURS]
    for name, summary in (
        ("planned", t("js.dash.sim.staffing_summary.none")),
        ("what_if", t("js.dash.sim.staffing_summary.short", short=t("js.dash.sim.hours.few", n=3))),
    ):
        table = staffing.get_by_role("region", name=t(f"js.dash.sim.staffing_table.{name}"))
        expect(table.locator("thead th")).to_have_text([t("js.dash.sim.staffing_corner"), *clock])
        # The traffic unit's three groups of services and its pick-up lane.
        expect(table.locator("tbody th[scope=row]")).to_have_count(4)
        expect(staffing.locator(f'[data-scenario="{name}"] .sim-staffing-counts')).to_have_text(summary)
    what_if = staffing.locator('[data-scenario="what_if"]')
    short = what_if.locator('td[data-status="short"]')
    expect(short).to_have_count(3)
    expect(short.first).to_have_attribute("data-starts", "09:00")
    expect(short.first).to_contain_text(t("js.dash.sim.status.short"))
    expect(short.first).to_contain_text("⚠")
    expect(what_if.locator('tr:has(td[data-status="short"]) th')).to_have_text(
        t.pick(CRIMINAL_RECORD.name_ar, CRIMINAL_RECORD.name_en)
    )
    expect(staffing.locator('[data-scenario="planned"] td[data-status="short"]')).to_have_count(0)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_change_the_office_cannot_take_is_refused_in_the_pages_language(
    open_page: Callable[..., Any], lang: Lang
) -> None:
    t = Translator(lang)
    page = open_simulation(open_page, "phone", lang)
    section = page.get_by_role("region", name=t("dash.sim_heading"))
    section.get_by_role("button", name=t("dash.sim_add_change"), exact=True).click()
    change = section.locator(".sim-change").first
    change.get_by_label(t("js.dash.sim.from"), exact=True).select_option("12:00")
    change.get_by_label(t("js.dash.sim.to"), exact=True).select_option("10:00")
    section.get_by_role("button", name=t("dash.sim_run"), exact=True).click()
    error = page.locator("#sim-error")
    expect(error).to_be_focused()
    expect(error).to_contain_text("التغيير رقم ١" if lang == "ar" else "Change 1")
    assert_accessible(page)
