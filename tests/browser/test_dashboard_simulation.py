"""A manager simulates a day of their office on the dashboard, in a real Chromium against a live
server: the next day the office opens is offered first, a what-if row adds a counter for some
hours, the job's progress shows while it runs, and the result sets the plan beside a walk-in-only
hall and the what-if (waits, counters busy, people left at closing), with the headline in words,
the queue through the day as a chart and the waits per service; a change the server refuses is
said in the page's language. Checked with axe-core in both languages.

Works at the Nasr City traffic unit, reading only: a simulation books nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from tests.browser.accessibility import assert_accessible
from tests.browser.staff_steps import log_in

NASR_CITY = "cairo-nasr-city-traffic"
MONDAY = "2026-12-07"  # the site's clock starts on Sunday 6 December: Monday is the next open day
ARABIC_DIGITS = re.compile(r"[٠-٩]")
WESTERN_DIGITS = re.compile(r"[0-9]")


def open_simulation(open_page: Callable[..., Any], width: str, lang: Lang) -> Any:
    page = open_page(width)
    page.goto(f"/staff/dashboard?lang={lang}&office={NASR_CITY}")
    log_in(page, lang, "manager.cairo")
    expect(page.locator("#screen-dashboard")).to_have_attribute("data-shown", NASR_CITY)
    return page


@pytest.mark.parametrize(("lang", "width"), [("ar", "desktop"), ("en", "tablet")])
def test_a_what_if_runs_and_shows_the_plan_beside_the_walk_in_hall_and_the_change(
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
    change.get_by_label(t("js.dash.sim.from"), exact=True).select_option("09:00")
    change.get_by_label(t("js.dash.sim.to"), exact=True).select_option("12:00")
    assert_accessible(page)
    section.get_by_role("button", name=t("dash.sim_run"), exact=True).click()

    expect(page.locator("#sim-status")).to_have_text(t("js.dash.sim.done"), timeout=60_000)
    expect(page.locator("#sim-result-heading")).to_be_focused()
    expect(page.locator("#sim-progress")).to_have_js_property("value", 100)
    headers = page.locator("#sim-compare thead th")
    expect(headers).to_have_text(
        [t("js.dash.sim.measure")]
        + [t(f"js.dash.sim.scenario.{name}") for name in ("planned", "walk_in_fcfs", "what_if")]
    )
    expect(page.locator("#sim-compare tbody tr")).to_have_count(5)
    expect(page.locator("#sim-headline")).to_have_attribute(
        "data-headline", re.compile("cut|longer|same|none")
    )
    expect(page.locator("#sim-headline")).not_to_be_empty()
    expect(page.locator("#sim-what-if")).to_be_visible()
    expect(page.locator("#sim-queue-chart")).to_have_attribute("data-series", "3")
    expect(page.locator("#sim-queue-summary")).not_to_be_empty()
    expect(page.locator("#sim-services tbody tr").first).to_be_visible()
    page.wait_for_function("() => document.querySelector('#sim-queue-chart canvas') !== null")

    figures = page.locator("#sim-compare tbody").inner_text()
    if lang == "ar":  # Arabic-Indic digits on an Arabic page, and no western ones
        assert ARABIC_DIGITS.search(figures) and not WESTERN_DIGITS.search(figures), figures
    else:
        assert WESTERN_DIGITS.search(figures) and not ARABIC_DIGITS.search(figures), figures
    expect(page.get_by_role("complementary", name=t("dash.sim_staffing_heading"))).to_be_visible()
    assert_accessible(page)
    screenshot(page, f"dashboard-{lang}-simulation")


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
